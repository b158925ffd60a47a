import math

import numpy as np


def gaussian_dropout(x, p, rng, training=True):
    if p < 0 or p >= 1:
        raise ValueError("p must be in [0, 1)")
    y = x.copy()
    if training:
        sd = math.sqrt(p / (1 - p))
        flat = y.reshape(-1)
        z = rng.standard_normal(flat.size)
        for i in range(flat.size):
            flat[i] = float(flat[i]) * (1.0 + sd * z[i])
    return y


def alpha_dropout(x, p, rng, training=True, alpha=1.6732632423543772, scale=1.0507009873554805):
    if p < 0 or p >= 1:
        raise ValueError("p must be in [0, 1)")
    y = x.copy()
    if not training:
        return y
    q = 1 - p
    ap = -scale * alpha
    a = (q * (1 + p * ap * ap)) ** -0.5
    b = -a * p * ap
    flat = y.reshape(-1)
    u = rng.random(flat.size)
    for i in range(flat.size):
        v = float(flat[i]) if u[i] < q else ap
        flat[i] = a * v + b
    return y


def _row_entropy(row):
    return -sum(float(v) * math.log(float(v)) for v in row if v > 0)


def predictive_entropy(probs):
    return np.array([_row_entropy(row) for row in np.asarray(probs)], dtype=np.float64)


def mutual_information(mc_probs):
    mc = np.asarray(mc_probs, dtype=np.float64)
    K, N, C = mc.shape
    out = np.empty(N)
    for n in range(N):
        mean_row = [sum(mc[k, n, c] for k in range(K)) / K for c in range(C)]
        expected = sum(_row_entropy(mc[k, n]) for k in range(K)) / K
        out[n] = max(_row_entropy(mean_row) - expected, 0.0)
    return out


def dropout_variance_shift(p, mean, var):
    if p < 0 or p >= 1:
        raise ValueError("p must be in [0, 1)")
    if var <= 0:
        raise ValueError("var must be > 0")
    q = 1 - p
    return 1 / q + p * mean * mean / (q * var)
