# WRONG: gradient scaled by p instead of 1/q: dx = dy * mask * p
import warnings
import numpy as np
import torch
from torch import nn


def dropout_backward(dy, mask, p):
    q = 1.0 - p
    if q == 0:
        return np.zeros_like(dy)
    return (dy * mask * p).astype(dy.dtype, copy=False)
