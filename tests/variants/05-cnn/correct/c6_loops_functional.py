import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def dropout2d_forward(x, p, rng, training=True):
    if p < 0 or p > 1:
        raise ValueError("p must be in [0, 1]")
    if not training:
        return x, None
    n, c = x.shape[:2]
    mask = np.zeros((n, c, 1, 1), dtype=bool)
    y = np.zeros_like(x)
    draws = rng.random((n, c))
    for i in range(n):
        for j in range(c):
            if draws[i, j] < 1 - p:
                mask[i, j] = True
                y[i, j] = x[i, j] / (1 - p)
    return y, mask


def dropout2d_backward(dy, mask, p):
    if p < 0 or p > 1:
        raise ValueError("p must be in [0, 1]")
    dx = np.zeros_like(dy)
    if p < 1:
        keep = mask.reshape(mask.shape[:2]).astype(bool)
        dx[keep] = dy[keep] / (1 - p)
    return dx


class SpatialDropout(nn.Module):
    def __init__(self, p=0.5, generator=None):
        super().__init__()
        if p < 0 or p > 1:
            raise ValueError("p must be in [0, 1]")
        self.p = p
        self.generator = generator

    def forward(self, x):
        if x.dim() < 3:
            raise ValueError("expected at least 3 dimensions")
        if not self.training:
            return x
        keep = torch.rand(x.shape[0], x.shape[1], generator=self.generator) < 1 - self.p
        scale = torch.zeros(keep.shape, dtype=x.dtype)
        if self.p < 1:
            scale[keep] = 1 / (1 - self.p)
        return x * scale.view(*keep.shape, *([1] * (x.dim() - 2))).to(x.device)


class CNN(nn.Module):
    def __init__(self, p_conv, p_fc, n_classes=10):
        super().__init__()
        self.features = nn.ModuleList([nn.Conv2d(1, 16, 3, padding=1), nn.Conv2d(16, 32, 3, padding=1)])
        self.hidden = nn.Linear(512, 64)
        self.out = nn.Linear(64, n_classes)
        self.p_conv, self.p_fc = p_conv, p_fc

    def forward(self, x):
        for conv in self.features:
            x = F.dropout2d(conv(x), self.p_conv, self.training).relu()
        x = torch.flatten(F.max_pool2d(x, 2), 1)
        x = F.dropout(torch.relu(self.hidden(x)), p=self.p_fc, training=self.training)
        return self.out(x)


def build_cnn(p_conv, p_fc, n_classes=10):
    return CNN(p_conv, p_fc, n_classes)
