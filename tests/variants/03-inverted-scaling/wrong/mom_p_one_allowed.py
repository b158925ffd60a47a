# WRONG: p == 1 is accepted (range check uses <= 1), so no ValueError is raised there.
import numpy as np


def dropout_moments(x, p, inverted=True):
    if not 0 <= p <= 1:
        raise ValueError("p must be in [0, 1)")
    x = np.asarray(x, dtype=float)
    q = 1 - p
    if inverted:
        return x.copy(), x**2 * p / q
    return q * x, x**2 * p * q
