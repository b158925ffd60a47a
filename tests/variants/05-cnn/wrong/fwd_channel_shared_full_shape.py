# WRONG: a mask of the right shape (N, C, 1, 1), but one draw per example repeated over its channels
import numpy as np


def dropout2d_forward(x, p, rng, training=True):
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be in [0, 1]")
    if not training:
        return x, None
    q = 1.0 - p
    n, c = x.shape[:2]
    mask = np.repeat(rng.random((n, 1, 1, 1)) < q, c, axis=1)
    if q == 0:
        return np.zeros_like(x), mask
    return (x * mask / q).astype(x.dtype, copy=False), mask
