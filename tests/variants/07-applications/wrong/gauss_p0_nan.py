# WRONG: the standard deviation is written p / sqrt(p q), which is 0/0 = NaN (with a warning) at p == 0
import numpy as np


def gaussian_dropout(x, p, rng, training=True):
    if not 0.0 <= p < 1.0:
        raise ValueError("p must be in [0, 1)")
    if not training:
        return x
    p = np.float64(p)
    sd = p / np.sqrt(p * (1.0 - p))
    eps = 1.0 + sd * rng.standard_normal(x.shape)
    return (x * eps).astype(x.dtype, copy=False)
