# WRONG: kept channels scaled by 1/p instead of 1/q (same as correct at p = 0.5)
import numpy as np


def dropout2d_forward(x, p, rng, training=True):
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be in [0, 1]")
    if not training:
        return x, None
    q = 1.0 - p
    n, c = x.shape[:2]
    mask = rng.random((n, c, 1, 1)) < q
    scale = 1.0 / p if p > 0 else 1.0
    return (x * mask * scale).astype(x.dtype, copy=False), mask
