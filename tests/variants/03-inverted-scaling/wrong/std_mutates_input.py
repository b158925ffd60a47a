# WRONG: training zeroes the dropped entries of x in place (the caller's array is modified).
import numpy as np


def standard_dropout(x, p, rng, training):
    if not 0 <= p <= 1:
        raise ValueError("p must be in [0, 1]")
    q = 1 - p
    if training:
        x[rng.random(x.shape) >= q] = 0
        return x
    return (q * x).astype(x.dtype)
