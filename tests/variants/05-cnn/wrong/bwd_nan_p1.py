# WRONG: no special case for p == 1: divides by q = 0 (NaN/inf and a RuntimeWarning)
import numpy as np


def dropout2d_backward(dy, mask, p):
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be in [0, 1]")
    q = 1.0 - p
    return (dy * mask / q).astype(dy.dtype, copy=False)
