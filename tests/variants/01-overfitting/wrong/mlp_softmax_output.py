"""WRONG variant (based on correct/c1_basic_sequential.py).
Broken function: build_mlp
Bug: Softmax applied to the output (returns probabilities, not logits)
"""

from torch import nn


def build_mlp(n_in, n_hidden, n_out, p, p_in=0.0):
    layers = []
    if p_in > 0:
        layers.append(nn.Dropout(p_in))
    layers += [
        nn.Linear(n_in, n_hidden),
        nn.ReLU(),
        nn.Dropout(p),
        nn.Linear(n_hidden, n_hidden),
        nn.ReLU(),
        nn.Dropout(p),
        nn.Linear(n_hidden, n_out),
        nn.Softmax(dim=1),
    ]
    return nn.Sequential(*layers)
