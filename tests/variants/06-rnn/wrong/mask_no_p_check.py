# WRONG: no ValueError for p outside [0, 1]
import numpy as np


def sequence_dropout_mask(shape, p, rng, variational):
    T, N, H = shape
    if variational:
        return np.broadcast_to(rng.random((N, H)) < 1.0 - p, (T, N, H)).copy()
    return rng.random((T, N, H)) < 1.0 - p
