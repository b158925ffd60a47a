# WRONG: accepts p == 1 (returns zeros) instead of raising ValueError
import numpy as np


def alpha_dropout(x, p, rng, training=True, alpha=1.6732632423543772, scale=1.0507009873554805):
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be in [0, 1]")
    if not training:
        return x
    if p == 1.0:
        return np.zeros_like(x)
    q = 1.0 - p
    ap = -scale * alpha
    a = (q * (1.0 + p * ap ** 2)) ** -0.5
    b = -a * p * ap
    keep = rng.random(x.shape) < q
    return (a * np.where(keep, x, ap) + b).astype(x.dtype, copy=False)
