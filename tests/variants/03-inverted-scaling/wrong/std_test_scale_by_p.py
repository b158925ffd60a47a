# WRONG: evaluation scales by p (drop probability) instead of q = 1 - p.
import numpy as np


def standard_dropout(x, p, rng, training):
    if not 0 <= p <= 1:
        raise ValueError("p must be in [0, 1]")
    q = 1 - p
    if training:
        mask = rng.random(x.shape) < q
        return (mask * x).astype(x.dtype)
    return (p * x).astype(x.dtype)
