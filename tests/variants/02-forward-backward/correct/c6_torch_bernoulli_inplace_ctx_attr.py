import warnings
import numpy as np
import torch
from torch import nn


class DropoutFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, p, generator=None):
        keep = 1.0 - p
        m = torch.empty_like(x).bernoulli_(keep, generator=generator)
        # store the already scaled mask m / q (all zeros when nothing is kept)
        ctx.mask = m / keep if keep > 0 else torch.zeros_like(x)
        return x * ctx.mask

    @staticmethod
    def backward(ctx, dy):
        return dy * ctx.mask, None, None


class Dropout(nn.Module):
    def __init__(self, p=0.5, generator=None):
        super().__init__()
        if p < 0 or p > 1 or p != p:
            raise ValueError("p must be between 0 and 1")
        self.drop_prob = float(p)
        self.gen = generator

    def forward(self, x):
        if not self.training:
            return x
        return DropoutFunction.apply(x, self.drop_prob, self.gen)
