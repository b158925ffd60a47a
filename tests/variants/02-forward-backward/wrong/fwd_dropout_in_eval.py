# WRONG: training flag ignored: dropout is still applied in evaluation mode
import warnings
import numpy as np
import torch
from torch import nn


def dropout_forward(x, p, rng, training=True):
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be in [0, 1], got {p}")
    q = 1.0 - p
    mask = rng.random(x.shape) < q
    if q == 0:
        return np.zeros_like(x), mask
    return (x * mask / q).astype(x.dtype, copy=False), mask
