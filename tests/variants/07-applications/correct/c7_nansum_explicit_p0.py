import numpy as np


def _p_ok(p):
    if not (p >= 0 and p < 1):
        raise ValueError("need 0 <= p < 1")
    return 1.0 - p


def gaussian_dropout(x, p, rng, training=True):
    q = _p_ok(p)
    if not training:
        return x
    if p == 0:
        rng.standard_normal(x.shape)  # keep the stream aligned; noise is exactly 1
        return x.copy()
    eps = rng.normal(1.0, (p / q) ** 0.5, size=x.size).reshape(x.shape)
    y = np.empty_like(x)
    np.multiply(x, eps, out=y, casting="same_kind")
    return y


def alpha_dropout(x, p, rng, training=True, alpha=1.6732632423543772, scale=1.0507009873554805):
    q = _p_ok(p)
    if not training or p == 0:
        return x
    a_prime = -scale * alpha
    a = (q * (1.0 + p * a_prime * a_prime)) ** -0.5
    b = -a * p * a_prime
    keep = rng.binomial(n=1, p=q, size=x.shape) == 1
    x_tilde = x * keep + a_prime * (~keep)
    return np.asarray(a * x_tilde + b).astype(x.dtype)


def predictive_entropy(probs):
    probs = np.asarray(probs)
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.nansum(probs * np.log(probs), axis=1)


def mutual_information(mc_probs):
    mc_probs = np.asarray(mc_probs)
    with np.errstate(divide="ignore", invalid="ignore"):
        h_pass = -np.nansum(mc_probs * np.log(mc_probs), axis=2)
    mi = predictive_entropy(np.mean(mc_probs, axis=0)) - np.mean(h_pass, axis=0)
    return np.where(mi > 0, mi, 0.0)


def dropout_variance_shift(p, mean, var):
    q = _p_ok(p)
    if not var > 0:
        raise ValueError("var must be > 0")
    return float(np.float64(1.0) / q + (p / q) * np.square(mean) / var)
