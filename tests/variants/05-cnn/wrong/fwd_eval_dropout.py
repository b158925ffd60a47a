# WRONG: ignores training=False, so channels are still dropped (and a mask returned) in eval mode
import numpy as np


def dropout2d_forward(x, p, rng, training=True):
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be in [0, 1]")
    q = 1.0 - p
    n, c = x.shape[:2]
    mask = rng.random((n, c, 1, 1)) < q
    if q == 0:
        return np.zeros_like(x), mask
    return (x * mask / q).astype(x.dtype, copy=False), mask
