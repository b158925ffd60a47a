# WRONG: the int64 mask from rng.binomial upcasts float32 input to float64 in training.
import numpy as np


def standard_dropout(x, p, rng, training):
    if not 0 <= p <= 1:
        raise ValueError("p must be in [0, 1]")
    q = 1 - p
    if training:
        return x * rng.binomial(1, q, size=x.shape)
    return (q * x).astype(x.dtype)
