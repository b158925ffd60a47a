import numpy as np
from scipy.special import xlogy

SELU_ALPHA = 1.6732632423543772
SELU_SCALE = 1.0507009873554805


def _check_p(p):
    if not 0.0 <= p < 1.0:
        raise ValueError(f"p must be in [0, 1), got {p}")


def gaussian_dropout(x, p, rng, training=True):
    _check_p(p)
    if not training:
        return x
    q = 1.0 - p
    eps = rng.normal(loc=1.0, scale=np.sqrt(p / q), size=x.shape)
    return (x * eps).astype(x.dtype, copy=False)


def alpha_dropout(x, p, rng, training=True, alpha=SELU_ALPHA, scale=SELU_SCALE):
    _check_p(p)
    if not training:
        return x
    q = 1.0 - p
    alpha_p = -scale * alpha
    a = (q * (1.0 + p * alpha_p ** 2)) ** -0.5
    b = -a * p * alpha_p
    keep = rng.random(x.shape) < q
    x_tilde = np.where(keep, x, alpha_p)
    return (a * x_tilde + b).astype(x.dtype, copy=False)


def predictive_entropy(probs):
    probs = np.asarray(probs)
    return -xlogy(probs, probs).sum(axis=1)


def mutual_information(mc_probs):
    mc_probs = np.asarray(mc_probs)
    total = predictive_entropy(mc_probs.mean(axis=0))
    expected = np.mean([predictive_entropy(pk) for pk in mc_probs], axis=0)
    return np.clip(total - expected, 0.0, None)


def dropout_variance_shift(p, mean, var):
    _check_p(p)
    if not var > 0:
        raise ValueError(f"var must be positive, got {var}")
    q = 1.0 - p
    return float(1.0 / q + (p / q) * mean ** 2 / var)
