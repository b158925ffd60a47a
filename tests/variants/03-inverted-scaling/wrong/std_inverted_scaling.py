# WRONG: training output is scaled by 1/q (inverted dropout) although standard dropout must not rescale.
import numpy as np


def standard_dropout(x, p, rng, training):
    if not 0 <= p <= 1:
        raise ValueError("p must be in [0, 1]")
    q = 1 - p
    if training:
        mask = rng.random(x.shape) < q
        return (mask * x / q).astype(x.dtype)
    return (q * x).astype(x.dtype)
