# WRONG: no check on the number of dimensions; a 2-D (or 4-D) input is silently accepted
import torch
from torch import nn


class LockedDropout(nn.Module):
    def __init__(self, p=0.5, generator=None, batch_first=False):
        super().__init__()
        if not 0.0 <= p <= 1.0:
            raise ValueError("p must be in [0, 1]")
        self.p, self.generator, self.batch_first = p, generator, batch_first

    def forward(self, x):
        if not self.training:
            return x
        q = 1.0 - self.p
        shape = list(x.shape)
        shape[1 if self.batch_first else 0] = 1
        keep = torch.rand(shape, generator=self.generator, dtype=x.dtype, device=x.device) < q
        return x * keep.to(x.dtype) / q if q > 0 else x * 0
