# WRONG: backward ignores the mask: dx = dy / q everywhere
import warnings
import numpy as np
import torch
from torch import nn


class DropoutFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, p, generator=None):
        q = 1.0 - p
        m = torch.bernoulli(torch.full_like(x, q), generator=generator)
        ctx.save_for_backward(m)
        ctx.q = q
        if q == 0:
            return torch.zeros_like(x)
        return m * x / q

    @staticmethod
    def backward(ctx, dy):
        (m,) = ctx.saved_tensors
        if ctx.q == 0:
            return torch.zeros_like(dy), None, None
        return dy / ctx.q, None, None
