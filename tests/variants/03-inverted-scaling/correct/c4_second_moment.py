import numpy as np
import torch
from torch import nn


def dropout_moments(x, p, inverted=True):
    if p < 0 or p >= 1:
        raise ValueError("p must be in [0, 1)")
    x = np.asarray(x, dtype=float)
    q = 1 - p
    scale = 1 / q if inverted else 1.0
    # y = m * x * scale with m ~ Bernoulli(q): E[y] = q*x*scale, E[y^2] = q*(x*scale)^2
    mean = q * x * scale
    second = q * (x * scale) ** 2
    return mean, second - mean**2


@torch.no_grad()
def predict(model, x):
    was = model.training
    model.eval()
    out = model(x)
    model.train(was)
    return out
