# WRONG: one keep/drop draw per example, shared by all its channels (mask of shape (N, 1, 1, ...))
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
        q = 1.0 - self.p
        if q == 0.0:
            return torch.zeros_like(x)
        shape = (x.shape[0],) + (1,) * (x.dim() - 1)
        keep = torch.rand(shape, generator=self.generator, device=x.device) < q
        return x * keep / q
