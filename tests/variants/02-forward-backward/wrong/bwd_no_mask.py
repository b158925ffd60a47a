# WRONG: mask ignored: dx = dy / q for every entry
import warnings
import numpy as np
import torch
from torch import nn


def dropout_backward(dy, mask, p):
    q = 1.0 - p
    if q == 0:
        return np.zeros_like(dy)
    return (dy / q).astype(dy.dtype, copy=False)
