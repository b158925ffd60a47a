import numpy as np
import torch
from torch import nn


def standard_dropout(x, p, rng, training):
    if p < 0 or p > 1:
        raise ValueError("p out of [0, 1]")
    q = 1 - p
    mask = (rng.random(x.shape) < q).astype(x.dtype) if training else np.asarray(q, dtype=x.dtype)
    return x * mask


def dropout_moments(x, p, inverted=True):
    if p < 0 or p >= 1:
        raise ValueError("p out of [0, 1)")
    q = 1 - p
    x = np.asarray(x, dtype=float)
    mean = x if inverted else q * x
    var = np.square(mean) * p / q  # Var = E[y]^2 * p/q in both conventions
    return np.array(mean), var
