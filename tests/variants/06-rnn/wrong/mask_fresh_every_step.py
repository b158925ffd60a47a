# WRONG: variational=True still draws an independent mask at every time step
import numpy as np


def sequence_dropout_mask(shape, p, rng, variational):
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be in [0, 1]")
    T, N, H = shape
    masks = [rng.random((N, H)) < 1.0 - p for _ in range(T)]
    return np.stack(masks)
