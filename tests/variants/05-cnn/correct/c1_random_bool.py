import numpy as np
import torch
from torch import nn


def _check_p(p):
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be in [0, 1], got {p}")


def dropout2d_forward(x, p, rng, training=True):
    _check_p(p)
    if not training:
        return x, None
    q = 1.0 - p
    n, c = x.shape[:2]
    mask = rng.random((n, c, 1, 1)) < q
    if q == 0:
        return np.zeros_like(x), mask
    y = (x * mask / q).astype(x.dtype, copy=False)
    return y, mask


def dropout2d_backward(dy, mask, p):
    _check_p(p)
    q = 1.0 - p
    if q == 0:
        return np.zeros_like(dy)
    return (dy * mask / q).astype(dy.dtype, copy=False)


def dropblock_gamma(p, block_size, feat_size):
    _check_p(p)
    if block_size < 1 or block_size > feat_size:
        raise ValueError("need 1 <= block_size <= feat_size")
    return p / block_size**2 * feat_size**2 / (feat_size - block_size + 1) ** 2


class SpatialDropout(nn.Module):
    def __init__(self, p=0.5, generator=None):
        super().__init__()
        _check_p(p)
        self.p = float(p)
        self.generator = generator

    def forward(self, x):
        if x.dim() < 3:
            raise ValueError("expected (N, C, *spatial) input")
        if not self.training:
            return x
        q = 1.0 - self.p
        shape = x.shape[:2] + (1,) * (x.dim() - 2)
        keep = torch.rand(shape, generator=self.generator, device=x.device) < q
        scale = 0.0 if q == 0 else 1.0 / q
        return x * keep.to(x.dtype) * scale


def build_cnn(p_conv, p_fc, n_classes=10):
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.Dropout2d(p_conv),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.Dropout2d(p_conv),
        nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(512, 64), nn.ReLU(), nn.Dropout(p_fc),
        nn.Linear(64, n_classes),
    )
