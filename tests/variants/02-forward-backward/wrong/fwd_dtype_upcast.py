# WRONG: dtype not kept: the float64 scaled mask upcasts float32 input to float64 output
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
    mask = rng.random(x.shape) < q
    scaled = mask / q if q > 0 else np.zeros(x.shape)
    return x * scaled, mask
