import numpy as np


def all_masks(n):
    if n == 1:
        return np.array([[False], [True]])
    rest = all_masks(n - 1)
    zeros = np.zeros((len(rest), 1), dtype=bool)
    return np.vstack([np.hstack([zeros, rest]), np.hstack([~zeros, rest])])


def ensemble_means(x, W, b, p):
    x, W, b = np.asarray(x, float), np.asarray(W, float), np.asarray(b, float)
    q, d = 1 - p, x.size
    arith, log_geo = 0.0, 0.0
    for m in all_masks(d):
        P = q ** m.sum() * p ** (~m).sum()
        z = W @ np.where(m, x, 0.0) + b
        log_sm = z - (z.max() + np.log(np.exp(z - z.max()).sum()))
        arith = arith + P * np.exp(log_sm)
        log_geo = log_geo + P * log_sm
    geo = np.exp(log_geo - log_geo.max())
    return arith, geo / geo.sum()
