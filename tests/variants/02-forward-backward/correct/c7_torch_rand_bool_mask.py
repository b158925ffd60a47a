import warnings
import numpy as np
import torch
from torch import nn


class DropoutFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, p, generator=None):
        q = 1 - p
        u = torch.rand(x.shape, generator=generator, dtype=x.dtype, device=x.device)
        keep = u < q
        ctx.save_for_backward(keep)
        ctx.q = q
        if q == 0:
            return torch.zeros_like(x)
        return torch.where(keep, x / q, torch.zeros_like(x))

    @staticmethod
    def backward(ctx, dy):
        (keep,) = ctx.saved_tensors
        if ctx.q == 0:
            return torch.zeros_like(dy), None, None
        return torch.where(keep, dy / ctx.q, torch.zeros_like(dy)), None, None


class Dropout(torch.nn.Module):
    def __init__(self, p=0.5, generator=None):
        if not 0 <= p <= 1:
            raise ValueError(f"dropout probability has to be in [0, 1], but got {p}")
        super().__init__()
        self.rate = p
        self.rng = generator

    def forward(self, x):
        return DropoutFunction.apply(x, self.rate, self.rng) if self.training else x
