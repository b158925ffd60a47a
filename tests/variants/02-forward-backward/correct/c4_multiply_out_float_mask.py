import warnings
import numpy as np
import torch
from torch import nn


def dropout_forward(x, p, rng, training=True):
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"invalid dropout probability {p}")
    if not training:
        return x, None
    q = 1.0 - p
    mask = (rng.random(x.shape) >= p).astype(x.dtype)  # 1.0 kept, 0.0 dropped
    y = np.empty_like(x)
    np.multiply(x, mask, out=y)
    y *= (1.0 / q) if q > 0 else 0.0
    return y, mask


def dropout_backward(dy, mask, p):
    q = 1.0 - p
    dx = np.empty_like(dy)
    np.multiply(dy, mask, out=dx)
    dx *= (1.0 / q) if q > 0 else 0.0
    return dx
