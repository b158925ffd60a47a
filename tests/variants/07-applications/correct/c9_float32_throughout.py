import numpy as np
from scipy.special import xlogy


def gaussian_dropout(x, p, rng, training=True):
    if not 0.0 <= float(p) < 1.0:
        raise ValueError("p must be in [0, 1)")
    if not training:
        return x.copy()
    x = np.asarray(x)
    sd = float(np.sqrt(p / (1.0 - p)))
    noise = rng.normal(1.0, sd, size=x.shape).astype(x.dtype)
    return x * noise


def alpha_dropout(x, p, rng, training=True, alpha=1.6732632423543772, scale=1.0507009873554805):
    if not 0.0 <= float(p) < 1.0:
        raise ValueError("p must be in [0, 1)")
    if not training:
        return x.copy()
    p = float(p)
    q = 1.0 - p
    ap = -float(scale) * float(alpha)
    a = (q * (1.0 + p * ap ** 2)) ** -0.5
    b = -a * p * ap
    keep = rng.random(x.shape) < q
    x_tilde = np.where(keep, x, x.dtype.type(ap))
    return (x.dtype.type(a) * x_tilde + x.dtype.type(b)).astype(x.dtype, copy=False)


def predictive_entropy(probs):
    probs = np.asarray(probs)
    out = xlogy(probs, probs)
    return np.negative(np.add.reduce(out, axis=1))


def mutual_information(mc_probs):
    mc_probs = np.asarray(mc_probs)
    h_total = predictive_entropy(mc_probs.mean(axis=0))
    h_aleatoric = -xlogy(mc_probs, mc_probs).sum(axis=-1).mean(axis=0)
    return np.clip(h_total - h_aleatoric, 0, None)


def dropout_variance_shift(p, mean, var):
    p, mean, var = float(p), float(mean), float(var)
    if not 0.0 <= p < 1.0:
        raise ValueError("p must be in [0, 1)")
    if var <= 0.0:
        raise ValueError("var must be positive")
    q = 1.0 - p
    return 1.0 / q + (p / q) * (mean * mean / var)
