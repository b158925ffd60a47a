# WRONG: rng ignored: a new default_rng(0) each call, so the mask is the same on every call
import warnings
import numpy as np
import torch
from torch import nn


def dropout_forward(x, p, rng, training=True):
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be in [0, 1], got {p}")
    if not training:
        return x, None
    q = 1.0 - p
    mask = np.random.default_rng(0).random(x.shape) < q
    if q == 0:
        return np.zeros_like(x), mask
    return (x * mask / q).astype(x.dtype, copy=False), mask
