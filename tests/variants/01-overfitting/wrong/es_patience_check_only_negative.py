"""WRONG variant (based on correct/c2_functional_module.py).
Broken function: early_stopping_epoch
Bug: checks patience < 0 instead of < 1: patience 0 does not raise
"""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def l2_penalty(params, lam):
    if lam < 0:
        raise ValueError(f"lam must be >= 0, got {lam}")
    sq = sum(np.sum(np.square(W)) for W in params)
    grads = [np.multiply(lam, W) for W in params]
    return float(lam / 2 * sq), grads


def early_stopping_epoch(val_losses, patience):
    if patience < 0:
        raise ValueError("patience must be at least 1")
    if not val_losses:
        raise ValueError("need at least one validation loss")
    best = float("inf")
    best_i = 0
    for i, loss in enumerate(val_losses):
        if loss < best:
            best, best_i = loss, i
        elif i - best_i >= patience:
            break
    return best_i


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
                x = F.dropout(x, self.p_in, training=self.training)
            x = F.dropout(F.relu(self.fc1(x)), self.p, training=self.training)
            x = F.dropout(F.relu(self.fc2(x)), self.p, training=self.training)
            return self.fc3(x)

    return MLP()
