import numpy as np
import torch
from torch import nn


def standard_dropout(x, p, rng, training):
    if not 0 <= p <= 1:
        raise ValueError("p must be in [0, 1]")
    y = np.array(x, copy=True)
    if training:
        y[rng.random(y.shape) >= 1 - p] = 0
    else:
        y *= 1 - p
    return y


def predict(model, x):
    mode = model.training
    try:
        model.train(False)
        with torch.no_grad():
            y = model(x)
    finally:
        model.train(mode)
    return y
