# WRONG: inverted variance uses q / p instead of p / q.
import numpy as np


def dropout_moments(x, p, inverted=True):
    if not 0 <= p < 1:
        raise ValueError("p must be in [0, 1)")
    x = np.asarray(x, dtype=float)
    q = 1 - p
    if inverted:
        return x.copy(), x**2 * q / p
    return q * x, x**2 * p * q
