# WRONG: only rejects x.dim() < 2, so (N, C) input is accepted (and dropped element-wise)
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
        if x.dim() < 2:
            raise ValueError("expected (N, C, ...) input")
        if not self.training:
            return x
        shape = x.shape[:2] + (1,) * (x.dim() - 2)
        keep = torch.rand(shape, generator=self.generator, device=x.device) < 1.0 - self.p
        q = 1.0 - self.p
        scale = 0.0 if q == 0 else 1.0 / q
        return x * keep.to(x.dtype) * scale
