"""WRONG variant (based on correct/c2_functional_module.py).
Broken function: build_mlp
Bug: custom nn.Module without super().__init__(): build_mlp raises AttributeError
"""

import torch.nn as nn
import torch.nn.functional as F


def build_mlp(n_in, n_hidden, n_out, p, p_in=0.0):
    class MLP(nn.Module):
        def __init__(self):
            self.p = p
            self.p_in = p_in
            self.fc1 = nn.Linear(n_in, n_hidden)
            self.fc2 = nn.Linear(n_hidden, n_hidden)
            self.fc3 = nn.Linear(n_hidden, n_out)

        def forward(self, x):
            if self.p_in > 0:
                x = F.dropout(x, self.p_in, training=self.training)
            x = F.dropout(F.relu(self.fc1(x)), self.p, training=self.training)
            x = F.dropout(F.relu(self.fc2(x)), self.p, training=self.training)
            return self.fc3(x)

    return MLP()
