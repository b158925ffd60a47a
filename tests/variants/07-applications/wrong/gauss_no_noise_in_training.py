# WRONG: draws the noise but never applies it: training returns x unchanged
import numpy as np


def gaussian_dropout(x, p, rng, training=True):
    if not 0.0 <= p < 1.0:
        raise ValueError("p must be in [0, 1)")
    if not training:
        return x
    eps = rng.normal(1.0, np.sqrt(p / (1.0 - p)), size=x.shape)  # noqa: F841 - forgotten
    return x.copy()
