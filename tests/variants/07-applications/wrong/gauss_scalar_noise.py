# WRONG: one noise value for the whole array instead of i.i.d. noise per entry
import numpy as np


def gaussian_dropout(x, p, rng, training=True):
    if not 0.0 <= p < 1.0:
        raise ValueError("p must be in [0, 1)")
    if not training:
        return x
    eps = rng.normal(1.0, np.sqrt(p / (1.0 - p)))
    return (x * eps).astype(x.dtype, copy=False)
