"""WRONG variant (based on correct/c6_manual_dropout.py).
Broken function: build_mlp
Bug: manual dropout mask drawn from randn instead of rand (keep prob Phi(q) instead of q)
"""
import math

import numpy as np
import torch
from torch import nn


def l2_penalty(params, lam):
    if lam < 0:
        raise ValueError("lam must be non-negative")
    s = math.fsum(float(np.dot(W.ravel(), W.ravel())) for W in params)
    return lam * s / 2, [W * lam for W in params]


def early_stopping_epoch(val_losses, patience):
    if patience < 1:
        raise ValueError("patience < 1")
    if len(val_losses) == 0:
        raise ValueError("no losses")
    for i in range(len(val_losses)):
        prefix = list(val_losses[: i + 1])
        best = prefix.index(min(prefix))  # earliest epoch with the lowest loss
        if i - best >= patience:
            return best
    return best


def build_mlp(n_in, n_hidden, n_out, p, p_in=0.0):
    class InvertedDropout(nn.Module):
        def __init__(self, rate):
            super().__init__()
            if not 0.0 <= rate <= 1.0:
                raise ValueError("dropout probability must be in [0, 1]")
            self.rate = float(rate)

        def forward(self, x):
            if not self.training or self.rate == 0.0:
                return x
            if self.rate == 1.0:
                return torch.zeros_like(x)
            q = 1.0 - self.rate
            mask = (torch.randn_like(x) < q).to(x.dtype)
            return x * mask / q

    layers = []
    if p_in > 0:
        layers.append(InvertedDropout(p_in))
    layers.extend([
        nn.Linear(n_in, n_hidden), nn.ReLU(), InvertedDropout(p),
        nn.Linear(n_hidden, n_hidden), nn.ReLU(), InvertedDropout(p),
        nn.Linear(n_hidden, n_out),
    ])
    return nn.Sequential(*layers)
