"""WRONG variant (based on correct/c1_basic_sequential.py).
Broken function: build_mlp
Bug: treats p as keep probability: nn.Dropout(1 - p) / nn.Dropout(1 - p_in) (undetectable at p == 0.5)
"""

from torch import nn


def build_mlp(n_in, n_hidden, n_out, p, p_in=0.0):
    layers = []
    if p_in > 0:
        layers.append(nn.Dropout(1 - p_in))
    layers += [
        nn.Linear(n_in, n_hidden),
        nn.ReLU(),
        nn.Dropout(1 - p),
        nn.Linear(n_hidden, n_hidden),
        nn.ReLU(),
        nn.Dropout(1 - p),
        nn.Linear(n_hidden, n_out),
    ]
    return nn.Sequential(*layers)
