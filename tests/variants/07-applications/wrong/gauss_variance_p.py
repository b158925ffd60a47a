# WRONG: noise is N(1, p) (variance p) instead of variance p/q
import numpy as np


def gaussian_dropout(x, p, rng, training=True):
    if not 0.0 <= p < 1.0:
        raise ValueError("p must be in [0, 1)")
    if not training:
        return x
    eps = rng.normal(1.0, np.sqrt(p), size=x.shape)
    return (x * eps).astype(x.dtype, copy=False)
