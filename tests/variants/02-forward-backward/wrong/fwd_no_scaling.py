# WRONG: no inverted scaling: kept activations are not divided by q
import warnings
import numpy as np
import torch
from torch import nn


def dropout_forward(x, p, rng, training=True):
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be in [0, 1], got {p}")
    if not training:
        return x, None
    mask = rng.random(x.shape) < 1.0 - p
    return x * mask, mask
