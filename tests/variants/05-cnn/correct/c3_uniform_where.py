import numpy as np
import torch
from torch import nn


def dropout2d_forward(x, p, rng, training=True):
    if not 0 <= p <= 1:
        raise ValueError(f"bad p={p}")
    if not training:
        return x, None
    keep = (rng.uniform(size=x.shape[:2]) >= p)[..., None, None]
    if p == 1:
        return np.zeros_like(x), keep
    return np.where(keep, x / x.dtype.type(1 - p), x.dtype.type(0)), keep


def dropout2d_backward(dy, mask, p):
    if not 0 <= p <= 1:
        raise ValueError(f"bad p={p}")
    if p == 1:
        return np.zeros_like(dy)
    return np.where(mask.astype(bool), dy / dy.dtype.type(1 - p), dy.dtype.type(0))


def dropblock_gamma(p, block_size, feat_size):
    if not 0 <= p <= 1:
        raise ValueError("p")
    if not 1 <= block_size <= feat_size:
        raise ValueError("block_size")
    valid = feat_size - block_size + 1
    return float(p * feat_size * feat_size) / (block_size * block_size * valid * valid)


class SpatialDropout(nn.Module):
    def __init__(self, p=0.5, generator=None):
        super().__init__()
        if not 0 <= p <= 1:
            raise ValueError("p")
        self.p = p
        self.generator = generator

    def forward(self, x):
        if x.dim() < 3:
            raise ValueError("input must be (N, C, *spatial)")
        if not self.training:
            return x
        n, c = x.shape[:2]
        u = torch.rand(n, c, generator=self.generator, device=x.device)
        keep = (u >= self.p).reshape(n, c, *[1] * (x.dim() - 2))
        if self.p == 1:
            return x * keep  # all False -> zeros, keeps the graph and dtype
        return torch.where(keep, x / (1 - self.p), torch.zeros((), dtype=x.dtype))


def build_cnn(p_conv, p_fc, n_classes=10):
    # dropout before ReLU: a non-negative per-channel scale commutes with ReLU
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.Dropout2d(p_conv), nn.ReLU(),
        nn.Conv2d(16, 32, 3, padding=1), nn.Dropout2d(p_conv), nn.ReLU(),
        nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(512, 64), nn.Dropout(p_fc), nn.ReLU(),
        nn.Linear(64, n_classes),
    )
