import numpy as np
from scipy.special import entr


def gaussian_dropout(x, p, rng, training=True):
    if not 0 <= p < 1:
        raise ValueError(f"invalid p={p!r}")
    if training:
        eps = rng.normal(np.ones(x.shape), np.sqrt(p / (1 - p)))
        return np.multiply(x, eps, dtype=x.dtype)
    return x


def alpha_dropout(x, p, rng, training=True, alpha=1.6732632423543772, scale=1.0507009873554805):
    if not 0 <= p < 1:
        raise ValueError(f"invalid p={p!r}")
    if not training:
        return x
    q = 1 - p
    sat = -scale * alpha
    a = (q + q * p * sat ** 2) ** -0.5
    b = -a * p * sat
    keep = rng.uniform(0.0, 1.0, size=x.shape) >= p
    y = np.where(keep, a * x + b, a * sat + b)
    return y.astype(x.dtype)


def predictive_entropy(probs):
    return entr(np.asarray(probs, dtype=float)).sum(axis=1)


def mutual_information(mc_probs):
    mc = np.asarray(mc_probs, dtype=float)
    return np.clip(entr(mc.mean(0)).sum(-1) - entr(mc).sum(-1).mean(0), 0, None)


def dropout_variance_shift(p, mean, var):
    if not 0 <= p < 1:
        raise ValueError(f"invalid p={p!r}")
    if not var > 0:
        raise ValueError(f"invalid var={var!r}")
    return float((1 + p * mean ** 2 / var) / (1 - p))
