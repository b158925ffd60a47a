# WRONG: keeps each entry with probability p instead of 1 - p
import numpy as np


def sequence_dropout_mask(shape, p, rng, variational):
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be in [0, 1]")
    T, N, H = shape
    if variational:
        return np.broadcast_to(rng.random((N, H)) < p, (T, N, H)).copy()
    return rng.random((T, N, H)) < p
