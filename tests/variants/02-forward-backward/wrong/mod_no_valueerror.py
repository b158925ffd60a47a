# WRONG: no ValueError for p outside [0, 1]
import warnings
import numpy as np
import torch
from torch import nn


class Dropout(nn.Module):
    def __init__(self, p=0.5, generator=None):
        super().__init__()
        self.p = p
        self.generator = generator

    def forward(self, x):
        if self.training:
            return DropoutFunction.apply(x, self.p, self.generator)
        return x
