# WRONG: mask drawn per element (x.shape) instead of per (example, channel)
import torch
from torch import nn


class SpatialDropout(nn.Module):
    def __init__(self, p=0.5, generator=None):
        super().__init__()
        if not 0.0 <= p <= 1.0:
            raise ValueError("p must be in [0, 1]")
        self.p = float(p)
        self.generator = generator

    def forward(self, x):
        if x.dim() < 3:
            raise ValueError("expected (N, C, *spatial) input")
        if not self.training:
            return x
        keep = torch.rand(x.shape, generator=self.generator, device=x.device) < 1.0 - self.p
        q = 1.0 - self.p
        scale = 0.0 if q == 0 else 1.0 / q
        return x * keep.to(x.dtype) * scale
