import numpy as np
import torch
from torch import nn


def standard_dropout(x, p, rng, training):
    if not 0 <= p <= 1:
        raise ValueError(f"p must be in [0, 1], got {p}")
    x = np.asarray(x)
    q = 1 - p
    if training:
        mask = rng.random(x.shape) < q
        return (mask * x).astype(x.dtype, copy=False)
    return (q * x).astype(x.dtype, copy=False)


_IS_KEEP = {"pytorch": False, "keras": False, "tf1": True, "srivastava2014": True}


def drop_probability(value, convention):
    if convention not in _IS_KEEP:
        raise ValueError(f"unknown convention {convention!r}")
    if not 0 <= value <= 1:
        raise ValueError(f"value must be in [0, 1], got {value}")
    return float(1 - value if _IS_KEEP[convention] else value)


def dropout_moments(x, p, inverted=True):
    if not 0 <= p < 1:
        raise ValueError(f"p must be in [0, 1), got {p}")
    x = np.asarray(x, dtype=float)
    q = 1 - p
    if inverted:
        return x.copy(), x**2 * p / q
    return q * x, x**2 * p * q


def predict(model, x):
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            return model(x)
    finally:
        model.train(was_training)
