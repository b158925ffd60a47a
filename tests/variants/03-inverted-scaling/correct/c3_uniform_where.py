import numpy as np
import torch
from torch import nn


def standard_dropout(x, p, rng, training):
    if not (0.0 <= p <= 1.0):
        raise ValueError("drop probability out of range")
    if training:
        keep = rng.uniform(0.0, 1.0, size=np.shape(x)) >= p
        return np.where(keep, x, np.zeros_like(x))
    return np.asarray((1 - p) * x, dtype=x.dtype)


def drop_probability(value, convention):
    if not (0.0 <= value <= 1.0):
        raise ValueError("value out of range")
    if convention in ("pytorch", "keras"):
        return np.float64(value)
    if convention in ("tf1", "srivastava2014"):
        return np.float64(1.0) - value
    raise ValueError("unknown convention")
