# WRONG: the random mask is applied in evaluation mode too (eval output is random, not q * x).
import numpy as np


def standard_dropout(x, p, rng, training):
    if not 0 <= p <= 1:
        raise ValueError("p must be in [0, 1]")
    q = 1 - p
    y = (rng.random(x.shape) < q) * x
    if not training:
        y = q * y
    return y.astype(x.dtype)
