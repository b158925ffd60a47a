# WRONG: x is modified in place (the output is x itself, scaled and masked)
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
    x *= mask
    x *= (1.0 / q) if q > 0 else 0.0
    return x, mask
