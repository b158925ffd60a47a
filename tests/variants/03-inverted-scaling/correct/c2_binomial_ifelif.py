import numpy as np
import torch
from torch import nn


def standard_dropout(x, p, rng, training):
    if p < 0 or p > 1:
        raise ValueError("p must lie in [0, 1]")
    q = 1.0 - p
    if not training:
        return (x * q).astype(x.dtype)
    mask = rng.binomial(1, q, size=x.shape).astype(x.dtype)  # int64 mask would upcast
    return x * mask


def drop_probability(value, convention):
    conv = str(convention).strip().lower()
    if value < 0 or value > 1:
        raise ValueError("value must lie in [0, 1]")
    if conv == "pytorch" or conv == "keras":
        return float(value)
    elif conv == "tf1" or conv == "srivastava2014":
        return 1.0 - float(value)
    else:
        raise ValueError(f"unknown convention: {convention}")


def dropout_moments(x, p, inverted=True):
    if p < 0 or p >= 1:
        raise ValueError("p must lie in [0, 1)")
    x = np.asarray(x, dtype=np.float64)
    if inverted:
        return np.array(x), x * x * p / (1 - p)
    return (1 - p) * x, x * x * p * (1 - p)


def predict(model, x):
    was = model.training
    model.eval()
    with torch.inference_mode():
        out = model(x)
    if was:
        model.train()
    return out
