import warnings
import numpy as np
import torch
from torch import nn


def dropout_forward(x, p, rng, training=True):
    if not 0 <= p <= 1:
        raise ValueError("p outside [0, 1]")
    if training is False:
        return x, None
    q = 1 - p
    mask = rng.uniform(0.0, 1.0, size=x.shape) >= p  # kept with probability 1 - p
    if q == 0:
        y = np.zeros_like(x)
    else:
        y = np.where(mask, x / q, 0).astype(x.dtype, copy=False)
    return y, mask


def dropout_backward(dy, mask, p):
    q = 1 - p
    if q == 0:
        return np.zeros_like(dy)
    return np.where(mask, dy / q, 0).astype(dy.dtype, copy=False)
