import warnings
import numpy as np
import torch
from torch import nn


def dropout_forward(x, p, rng, training=True):
    if not (0 <= p <= 1):
        raise ValueError("drop probability must lie in [0, 1]")
    if not training:
        return x.copy(), None
    keep = 1 - p
    mask = rng.binomial(1, keep, size=x.shape)  # int64 0/1
    scale = 1.0 / keep if keep > 0 else 0.0
    y = (x * mask * scale).astype(x.dtype)
    return y, mask


def dropout_backward(dy, mask, p):
    keep = 1 - p
    scale = 1.0 / keep if keep > 0 else 0.0
    return np.where(mask.astype(bool), dy * scale, 0).astype(dy.dtype)
