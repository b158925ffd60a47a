# WRONG: inverted mean is q * x (forgets that the 1/q scaling cancels the keep probability).
import numpy as np


def dropout_moments(x, p, inverted=True):
    if not 0 <= p < 1:
        raise ValueError("p must be in [0, 1)")
    x = np.asarray(x, dtype=float)
    q = 1 - p
    if inverted:
        return q * x, x**2 * p / q
    return q * x, x**2 * p * q
