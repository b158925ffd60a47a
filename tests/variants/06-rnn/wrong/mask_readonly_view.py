# WRONG: variational mode returns a read-only broadcast view (np.broadcast_to without .copy())
import numpy as np


def sequence_dropout_mask(shape, p, rng, variational):
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be in [0, 1]")
    T, N, H = shape
    if variational:
        return np.broadcast_to(rng.random((N, H)) < 1.0 - p, (T, N, H))
    return rng.random((T, N, H)) < 1.0 - p
