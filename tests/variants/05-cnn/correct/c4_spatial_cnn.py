import numpy as np
import torch
from torch import nn


class SpatialDropout(nn.Module):
    def __init__(self, p=0.5, generator=None):
        super().__init__()
        if not 0.0 <= p <= 1.0:
            raise ValueError("p must lie in [0, 1]")
        self.p = p
        self.generator = generator

    def forward(self, x):
        if x.dim() < 3:
            raise ValueError("SpatialDropout needs (N, C, *spatial)")
        if not self.training or self.p == 0:
            return x
        mask = x.new_empty(x.shape[:2] + (1,) * (x.dim() - 2))
        mask.bernoulli_(1.0 - self.p, generator=self.generator)
        if self.p == 1:
            return x * mask
        return x * mask / (1.0 - self.p)


def build_cnn(p_conv, p_fc, n_classes=10):
    # max-pooling before the second channel dropout (they commute)
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), SpatialDropout(p_conv),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), SpatialDropout(p_conv),
        nn.Flatten(),
        nn.Linear(512, 64), nn.ReLU(), nn.Dropout(p_fc),
        nn.Linear(64, n_classes),
    )
