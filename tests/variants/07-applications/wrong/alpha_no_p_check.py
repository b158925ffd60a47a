# WRONG: never validates p, so p < 0 (and p >= 1) raise no ValueError
import numpy as np


def alpha_dropout(x, p, rng, training=True, alpha=1.6732632423543772, scale=1.0507009873554805):
    if not training:
        return x
    q = 1.0 - p
    ap = -scale * alpha
    with np.errstate(all="ignore"):
        a = np.float64(q * (1.0 + p * ap ** 2)) ** -0.5
        b = -a * p * ap
    keep = rng.random(x.shape) < q
    return (a * np.where(keep, x, ap) + b).astype(x.dtype, copy=False)
