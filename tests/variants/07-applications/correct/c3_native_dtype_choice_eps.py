import numpy as np

TINY = 1e-300


def gaussian_dropout(x, p, rng, training=True):
    if not (0 <= p < 1):
        raise ValueError("p out of range")
    if not training or p == 0:
        return x.copy()
    dtype = x.dtype if x.dtype in (np.float32, np.float64) else np.float64
    sd = float(np.sqrt(p / (1 - p)))
    eps = 1 + sd * rng.standard_normal(x.shape, dtype=dtype)
    return (x * eps).astype(x.dtype, copy=False)


def alpha_dropout(x, p, rng, training=True, alpha=1.6732632423543772, scale=1.0507009873554805):
    if not (0 <= p < 1):
        raise ValueError("p out of range")
    if not training or p == 0:
        return x.copy()
    q = 1 - p
    alpha_prime = -scale * alpha
    a = (q * (1 + p * alpha_prime ** 2)) ** -0.5
    b = -a * p * alpha_prime
    keep = rng.choice(np.array([True, False]), size=x.shape, p=[q, p])
    out = a * np.where(keep, x.astype(np.float64), alpha_prime) + b
    return out.astype(x.dtype)


def predictive_entropy(probs):
    P = np.array(probs, dtype=np.float64)
    return -(P * np.log(P + TINY)).sum(axis=1)


def mutual_information(mc_probs):
    P = np.array(mc_probs, dtype=np.float64)
    mean = P.mean(axis=0)
    h_of_mean = -(mean * np.log(mean + TINY)).sum(axis=1)
    mean_of_h = -(P * np.log(P + TINY)).sum(axis=2).mean(axis=0)
    mi = h_of_mean - mean_of_h
    mi[mi < 0] = 0.0
    return mi


def dropout_variance_shift(p, mean, var):
    if not (0 <= p < 1):
        raise ValueError("p out of range")
    if not (var > 0):
        raise ValueError("var must be > 0")
    q = 1 - p
    return 1 / q + (p / q) * (mean ** 2 / var)
