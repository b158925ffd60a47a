# WRONG: x * (mask / q) turns a float32 input into a float64 output
import numpy as np


def dropout2d_forward(x, p, rng, training=True):
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be in [0, 1]")
    if not training:
        return x, None
    q = 1.0 - p
    n, c = x.shape[:2]
    mask = rng.random((n, c, 1, 1)) < q
    if q == 0:
        return np.zeros_like(x), mask
    return x * (mask / q), mask
