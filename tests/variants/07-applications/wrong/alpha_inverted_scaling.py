# WRONG: uses inverted-dropout scaling (kept / q, dropped -> alpha') instead of the affine a * x~ + b
import numpy as np


def alpha_dropout(x, p, rng, training=True, alpha=1.6732632423543772, scale=1.0507009873554805):
    if not 0.0 <= p < 1.0:
        raise ValueError("p must be in [0, 1)")
    if not training:
        return x
    q = 1.0 - p
    keep = rng.random(x.shape) < q
    return np.where(keep, x / q, -scale * alpha).astype(x.dtype, copy=False)
