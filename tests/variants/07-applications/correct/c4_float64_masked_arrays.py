import math

import numpy as np


def _validate(p):
    if p < 0.0 or not p < 1.0:
        raise ValueError("p must lie in [0, 1)")


def gaussian_dropout(x, p, rng, training=True):
    _validate(p)
    if not training:
        return x
    x64 = x.astype(np.float64)
    noise = rng.normal(1.0, math.sqrt(p / (1.0 - p)), x.shape)
    return (x64 * noise).astype(x.dtype)


def alpha_dropout(x, p, rng, training=True, alpha=1.6732632423543772, scale=1.0507009873554805):
    _validate(p)
    if not training:
        return x
    q = 1.0 - p
    ap = -scale * alpha
    a = 1.0 / math.sqrt(q * (1.0 + p * ap * ap))
    b = -a * p * ap
    x64 = x.astype(np.float64)
    drop = rng.random(x.shape) >= q
    x64[drop] = ap
    return (a * x64 + b).astype(x.dtype)


def _entropy(P, axis):
    P = np.ma.masked_equal(np.asarray(P, dtype=np.float64), 0.0)
    return np.ma.filled(-(P * np.ma.log(P)).sum(axis=axis), 0.0)


def predictive_entropy(probs):
    return np.asarray(_entropy(probs, axis=1))


def mutual_information(mc_probs):
    P = np.asarray(mc_probs, dtype=np.float64)
    mi = _entropy(P.mean(axis=0), axis=1) - _entropy(P, axis=2).mean(axis=0)
    return np.asarray(np.clip(mi, 0.0, np.inf))


def dropout_variance_shift(p, mean, var):
    _validate(p)
    if var <= 0:
        raise ValueError("var must be positive")
    q = 1.0 - p
    return 1.0 / q + (p / q) * (mean / math.sqrt(var)) ** 2
