"""WRONG variant (based on correct/c1_basic_sequential.py).
Broken function: l2_penalty
Bug: penalty = lam/2 * sum_j (sum W_j)^2 (squares the sum instead of summing squares); grads correct
"""
import numpy as np
import torch
from torch import nn


def l2_penalty(params, lam):
    if lam < 0:
        raise ValueError("lam must be non-negative")
    total = 0.0
    grads = []
    for W in params:
        total += float(np.sum(W) ** 2)
        grads.append(lam * W)
    penalty = 0.5 * lam * total
    return float(penalty), grads


def early_stopping_epoch(val_losses, patience):
    if len(val_losses) == 0:
        raise ValueError("val_losses must be non-empty")
    if patience < 1:
        raise ValueError("patience must be >= 1")
    best_loss = val_losses[0]
    best_epoch = 0
    bad_epochs = 0
    for epoch in range(1, len(val_losses)):
        if val_losses[epoch] < best_loss:
            best_loss = val_losses[epoch]
            best_epoch = epoch
            bad_epochs = 0
        else:
            bad_epochs += 1
        if bad_epochs >= patience:
            break
    return best_epoch


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
    ]
    return nn.Sequential(*layers)
