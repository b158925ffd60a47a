# WRONG: the mask keeps each entry with probability p instead of q (keep and drop swapped).
import numpy as np


def standard_dropout(x, p, rng, training):
    if not 0 <= p <= 1:
        raise ValueError("p must be in [0, 1]")
    q = 1 - p
    if training:
        mask = rng.random(x.shape) < p
        return (mask * x).astype(x.dtype)
    return (q * x).astype(x.dtype)
