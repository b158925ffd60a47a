# WRONG: checks only p >= 1, so a negative p is not rejected with ValueError
import numpy as np


def gaussian_dropout(x, p, rng, training=True):
    if p >= 1.0:
        raise ValueError("p must be < 1")
    if not training:
        return x
    with np.errstate(invalid="ignore"):
        sd = np.sqrt(p / (1.0 - p))
    eps = 1.0 + sd * rng.standard_normal(x.shape)
    return (x * eps).astype(x.dtype, copy=False)
