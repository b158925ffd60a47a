# WRONG: additive noise y = x + N(0, p/q) instead of multiplicative y = x * N(1, p/q)
import numpy as np


def gaussian_dropout(x, p, rng, training=True):
    if not 0.0 <= p < 1.0:
        raise ValueError("p must be in [0, 1)")
    if not training:
        return x
    eps = rng.normal(0.0, np.sqrt(p / (1.0 - p)), size=x.shape)
    return (x + eps).astype(x.dtype, copy=False)
