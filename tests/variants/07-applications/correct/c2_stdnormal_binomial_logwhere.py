import numpy as np


def gaussian_dropout(x, p, rng, training=True):
    if p < 0 or p >= 1:
        raise ValueError("drop probability must satisfy 0 <= p < 1")
    if not training:
        return x.copy()
    sd = np.sqrt(p / (1 - p))
    noise = rng.standard_normal(x.shape) * sd + 1.0
    return np.asarray(x * noise, dtype=x.dtype)


def alpha_dropout(x, p, rng, training=True, alpha=1.6732632423543772, scale=1.0507009873554805):
    if p < 0 or p >= 1:
        raise ValueError("drop probability must satisfy 0 <= p < 1")
    if not training:
        return x.copy()
    q = 1 - p
    ap = -scale * alpha
    a = 1.0 / np.sqrt(q * (1 + p * ap * ap))
    b = -a * p * ap
    dropped = rng.binomial(1, p, size=x.shape).astype(bool)
    xt = np.array(x, dtype=np.float64)  # a fresh copy
    xt[dropped] = ap
    return (a * xt + b).astype(x.dtype)


def predictive_entropy(probs):
    probs = np.asarray(probs, dtype=np.float64)
    logs = np.log(probs, out=np.zeros_like(probs), where=probs > 0)
    return -np.sum(probs * logs, axis=-1)


def mutual_information(mc_probs):
    P = np.asarray(mc_probs, dtype=np.float64)
    K = P.shape[0]
    mean = np.einsum("knc->nc", P) / K
    log_mean = np.log(mean, out=np.zeros_like(mean), where=mean > 0)
    h_mean = -np.einsum("nc,nc->n", mean, log_mean)
    log_p = np.log(P, out=np.zeros_like(P), where=P > 0)
    mean_h = -np.einsum("knc,knc->n", P, log_p) / K
    return np.maximum(h_mean - mean_h, 0.0)


def dropout_variance_shift(p, mean, var):
    if p < 0 or p >= 1:
        raise ValueError("drop probability must satisfy 0 <= p < 1")
    if var <= 0:
        raise ValueError("variance must be > 0")
    q = 1 - p
    return np.float64(1 / q + p / q * (mean * mean) / var)
