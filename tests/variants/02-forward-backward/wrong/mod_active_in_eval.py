# WRONG: training flag ignored: dropout is still applied in evaluation mode
import warnings
import numpy as np
import torch
from torch import nn


class Dropout(nn.Module):
    def __init__(self, p=0.5, generator=None):
        super().__init__()
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"p must be in [0, 1], got {p}")
        self.p = p
        self.generator = generator

    def forward(self, x):
        return DropoutFunction.apply(x, self.p, self.generator)
