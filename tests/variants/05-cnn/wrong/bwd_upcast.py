# WRONG: dy * (mask / q) turns a float32 gradient into float64
import numpy as np


def dropout2d_backward(dy, mask, p):
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be in [0, 1]")
    q = 1.0 - p
    if q == 0:
        return np.zeros_like(dy)
    return dy * (mask / q)
