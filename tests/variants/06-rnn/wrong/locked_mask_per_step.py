# WRONG: draws a mask of the full input shape, i.e. a new mask at every time step (plain element-wise dropout)
import torch
from torch import nn


class LockedDropout(nn.Module):
    def __init__(self, p=0.5, generator=None, batch_first=False):
        super().__init__()
        if not 0.0 <= p <= 1.0:
            raise ValueError("p must be in [0, 1]")
        self.p, self.generator, self.batch_first = p, generator, batch_first

    def forward(self, x):
        if x.dim() != 3:
            raise ValueError("expected a 3-D input")
        if not self.training:
            return x
        q = 1.0 - self.p
        keep = torch.rand(x.shape, generator=self.generator, dtype=x.dtype, device=x.device) < q
        return x * keep.to(x.dtype) / q if q > 0 else x * 0
