"""WRONG variant (based on correct/c6_manual_dropout.py).
Broken function: build_mlp
Bug: manual dropout draws the mask once and reuses it on every forward pass
"""

import torch
from torch import nn


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
            if getattr(self, '_mask', None) is None or self._mask.shape != x.shape:
                self._mask = (torch.rand_like(x) < q).to(x.dtype)
            mask = self._mask
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
