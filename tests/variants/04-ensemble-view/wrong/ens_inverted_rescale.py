# WRONG: sub-networks use inverted dropout (m * x / q) instead of the plain masked input
import itertools

import numpy as np


def ensemble_means(x, W, b, p):
    q, d = 1 - p, len(x)
    arith, log_geo = 0.0, 0.0
    for m in itertools.product([0, 1], repeat=d):
        m = np.array(m)
        P = q ** m.sum() * p ** (d - m.sum())
        z = W @ (m * x / q) + b
        e = np.exp(z - z.max())
        out = e / e.sum()
        arith = arith + P * out
        log_geo = log_geo + P * np.log(out)
    geo = np.exp(log_geo)
    return arith, geo / geo.sum()
