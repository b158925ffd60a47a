# WRONG: backward draws a fresh mask from the generator instead of reusing the forward mask
import warnings
import numpy as np
import torch
from torch import nn


class DropoutFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, p, generator=None):
        q = 1.0 - p
        m = torch.bernoulli(torch.full_like(x, q), generator=generator)
        ctx.generator = generator
        ctx.q = q
        if q == 0:
            return torch.zeros_like(x)
        return m * x / q

    @staticmethod
    def backward(ctx, dy):
        if ctx.q == 0:
            return torch.zeros_like(dy), None, None
        m = torch.bernoulli(torch.full_like(dy, ctx.q), generator=ctx.generator)
        return m * dy / ctx.q, None, None
