"""WRONG variant (based on correct/c4_vdot_modulelist.py).
Broken function: build_mlp
Bug: loop applies ReLU and Dropout after the output Linear too
"""

import torch
from torch import nn


def build_mlp(n_in, n_hidden, n_out, p, p_in=0.0):
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            sizes = [n_in, n_hidden, n_hidden, n_out]
            self.linears = nn.ModuleList(
                [nn.Linear(a, b, bias=True) for a, b in zip(sizes[:-1], sizes[1:])]
            )
            self.drop = nn.Dropout(p)
            self.drop_in = nn.Dropout(p_in) if p_in > 0 else None

        def forward(self, x):
            if self.drop_in is not None:
                x = self.drop_in(x)
            for k, lin in enumerate(self.linears):
                x = lin(x)
                x = self.drop(torch.relu(x))
            return x

    return Net()
