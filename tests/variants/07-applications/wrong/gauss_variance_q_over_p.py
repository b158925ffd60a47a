# WRONG: noise variance q/p instead of p/q (ratio inverted)
import numpy as np


def gaussian_dropout(x, p, rng, training=True):
    if not 0.0 <= p < 1.0:
        raise ValueError("p must be in [0, 1)")
    if not training:
        return x
    if p == 0:
        return x.copy()
    eps = rng.normal(1.0, np.sqrt((1.0 - p) / p), size=x.shape)
    return (x * eps).astype(x.dtype, copy=False)
