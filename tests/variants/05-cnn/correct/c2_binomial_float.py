import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def dropout2d_forward(x, p, rng, training=True):
    if p < 0 or p > 1:
        raise ValueError("p out of range")
    if not training:
        return x.copy(), None
    q = 1 - p
    mask = rng.binomial(1, q, size=(x.shape[0], x.shape[1], 1, 1)).astype(x.dtype)
    scale = x.dtype.type(0 if q == 0 else 1 / q)
    return x * mask * scale, mask


def dropout2d_backward(dy, mask, p):
    if p < 0 or p > 1:
        raise ValueError("p out of range")
    q = 1 - p
    scale = dy.dtype.type(0 if q == 0 else 1 / q)
    return dy * mask.astype(dy.dtype) * scale


def dropblock_gamma(p, block_size, feat_size):
    if not (0 <= p <= 1 and 1 <= block_size <= feat_size):
        raise ValueError("invalid arguments")
    p, b, f = np.float64(p), np.float64(block_size), np.float64(feat_size)
    return p / b**2 * f**2 / (f - b + 1) ** 2


class SpatialDropout(nn.Module):
    def __init__(self, p=0.5, generator=None):
        super().__init__()
        if not 0 <= p <= 1:
            raise ValueError("p out of range")
        self.p, self.generator = p, generator

    def forward(self, x):
        if x.ndim < 3:
            raise ValueError("need at least one spatial dimension")
        if not self.training:
            return x
        q = 1 - self.p
        probs = torch.full(x.shape[:2] + (1,) * (x.ndim - 2), q, dtype=torch.float32, device=x.device)
        mask = torch.bernoulli(probs, generator=self.generator).to(x.dtype)
        return x * mask * (0.0 if q == 0 else 1.0 / q)


class _CNN(nn.Module):
    def __init__(self, p_conv, p_fc, n_classes):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.fc1 = nn.Linear(512, 64)
        self.fc2 = nn.Linear(64, n_classes)
        self.p_conv, self.p_fc = p_conv, p_fc

    def forward(self, x):
        x = F.dropout2d(F.relu(self.conv1(x)), self.p_conv, training=self.training)
        x = F.dropout2d(F.relu(self.conv2(x)), self.p_conv, training=self.training)
        x = F.max_pool2d(x, 2).flatten(1)
        x = F.dropout(F.relu(self.fc1(x)), self.p_fc, training=self.training)
        return self.fc2(x)


def build_cnn(p_conv, p_fc, n_classes=10):
    return _CNN(p_conv, p_fc, n_classes)
