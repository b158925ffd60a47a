import numpy as np

_TINY = np.finfo(np.float64).tiny


def _check(p):
    if p < 0:
        raise ValueError("p < 0")
    if p >= 1:
        raise ValueError("p >= 1")


def gaussian_dropout(x, p, rng, training=True):
    _check(p)
    if not training:
        return np.array(x, copy=True)
    std = np.sqrt(p) / np.sqrt(1 - p)
    return (x * (1 + std * rng.standard_normal(size=x.shape))).astype(x.dtype)


def alpha_dropout(x, p, rng, training=True, alpha=1.6732632423543772, scale=1.0507009873554805):
    _check(p)
    if not training:
        return np.array(x, copy=True)
    q = 1 - p
    alpha_p = -scale * alpha
    var_tilde = q * (1 + p * alpha_p ** 2)
    a = 1 / np.sqrt(var_tilde)
    b = -a * p * alpha_p
    kept = rng.random(size=x.shape) < q
    y = np.full(x.shape, a * alpha_p + b, dtype=np.float64)
    y[kept] = a * x[kept].astype(np.float64) + b
    return y.astype(x.dtype)


def predictive_entropy(probs):
    P = np.asarray(probs, dtype=np.float64)
    return -np.sum(P * np.log(np.clip(P, _TINY, None)), axis=1)


def mutual_information(mc_probs):
    P = np.asarray(mc_probs, dtype=np.float64)
    h_mean = predictive_entropy(P.mean(axis=0))
    h_each = np.stack([predictive_entropy(P[k]) for k in range(P.shape[0])])
    return np.maximum(h_mean - h_each.mean(axis=0), 0.0)


def dropout_variance_shift(p, mean, var):
    _check(p)
    if var <= 0:
        raise ValueError("var <= 0")
    q = 1 - p
    return np.float64(1 / q) + np.float64(p / q) * (np.float64(mean) ** 2 / np.float64(var))
