# WRONG: accepts p == 1 (returns zeros, as standard dropout would) instead of raising ValueError
import numpy as np


def gaussian_dropout(x, p, rng, training=True):
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be in [0, 1]")
    if not training:
        return x
    if p == 1.0:
        return np.zeros_like(x)
    eps = rng.normal(1.0, np.sqrt(p / (1.0 - p)), size=x.shape)
    return (x * eps).astype(x.dtype, copy=False)
