"""WRONG variant (based on correct/c1_basic_sequential.py).
Broken function: build_mlp
Bug: input dropout placed after the first Linear instead of on the input
"""

from torch import nn


def build_mlp(n_in, n_hidden, n_out, p, p_in=0.0):
    layers = []
    layers += [
        nn.Linear(n_in, n_hidden),
        nn.Dropout(p_in),
        nn.ReLU(),
        nn.Dropout(p),
        nn.Linear(n_hidden, n_hidden),
        nn.ReLU(),
        nn.Dropout(p),
        nn.Linear(n_hidden, n_out),
    ]
    return nn.Sequential(*layers)
