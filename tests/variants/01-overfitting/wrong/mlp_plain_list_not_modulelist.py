"""WRONG variant (based on correct/c4_vdot_modulelist.py).
Broken function: build_mlp
Bug: Linear layers kept in a plain Python list: not registered, model.parameters()/state_dict() miss them (forward values are fine)
"""
import numpy as np
import torch
from torch import nn
from torch.nn import functional as F


def l2_penalty(params, lam):
    if lam < 0:
        raise ValueError("lam < 0")
    total = 0.0
    for W in params:
        total += np.vdot(W, W)
    grads = [lam * np.asarray(W) for W in params]
    return [float(0.5 * lam * total), grads]


def early_stopping_epoch(val_losses, patience):
    if len(val_losses) < 1:
        raise ValueError("empty")
    if patience < 1:
        raise ValueError("patience")
    best_loss = float("inf")
    best_epoch = -1
    wait = 0
    for epoch, loss in enumerate(val_losses):
        if loss < best_loss:
            best_loss = loss
            best_epoch = epoch
            wait = 0
            continue
        wait += 1
        if wait == patience:
            return best_epoch
    return best_epoch


def build_mlp(n_in, n_hidden, n_out, p, p_in=0.0):
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            sizes = [n_in, n_hidden, n_hidden, n_out]
            self.linears = [nn.Linear(a, b, bias=True) for a, b in zip(sizes[:-1], sizes[1:])]
            self.drop = nn.Dropout(p)
            self.drop_in = nn.Dropout(p_in) if p_in > 0 else None

        def forward(self, x):
            if self.drop_in is not None:
                x = self.drop_in(x)
            for k, lin in enumerate(self.linears):
                x = lin(x)
                if k < len(self.linears) - 1:
                    x = self.drop(torch.relu(x))
            return x

    return Net()
