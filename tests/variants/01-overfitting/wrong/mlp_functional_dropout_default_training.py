"""WRONG variant (based on correct/c2_functional_module.py).
Broken function: build_mlp
Bug: F.dropout(x, p) without training=...: defaults to training=True, active in eval mode
"""

import torch.nn as nn
import torch.nn.functional as F


def build_mlp(n_in, n_hidden, n_out, p, p_in=0.0):
    class MLP(nn.Module):
        def __init__(self):
            super().__init__()
            self.p = p
            self.p_in = p_in
            self.fc1 = nn.Linear(n_in, n_hidden)
            self.fc2 = nn.Linear(n_hidden, n_hidden)
            self.fc3 = nn.Linear(n_hidden, n_out)

        def forward(self, x):
            if self.p_in > 0:
                x = F.dropout(x, self.p_in)
            x = F.dropout(F.relu(self.fc1(x)), self.p)
            x = F.dropout(F.relu(self.fc2(x)), self.p)
            return self.fc3(x)

    return MLP()
