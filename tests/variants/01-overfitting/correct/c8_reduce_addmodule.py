from functools import reduce

import numpy as np
import torch
from torch import nn


def l2_penalty(params, lam):
    if lam < 0:
        raise ValueError("lam must be >= 0")
    sumsq = reduce(lambda acc, W: acc + float((W ** 2).sum()), params, 0.0)
    grads = list(map(lambda W: lam * W, params))
    return (lam * sumsq / 2.0, grads)


def early_stopping_epoch(val_losses, patience):
    if len(val_losses) == 0:
        raise ValueError("val_losses must not be empty")
    if patience <= 0:
        raise ValueError("patience must be >= 1")
    best_epoch = 0
    last_improvement = 0
    for epoch in range(len(val_losses)):
        if val_losses[epoch] < val_losses[best_epoch]:
            best_epoch = epoch
            last_improvement = epoch
        if epoch - last_improvement == patience:
            return best_epoch
    return best_epoch


def build_mlp(n_in, n_hidden, n_out, p, p_in=0.0):
    model = nn.Sequential()
    if p_in > 0.0:
        model.add_module("input_dropout", nn.Dropout(p_in))
    dims = [n_in, n_hidden, n_hidden]
    for k in range(2):
        model.add_module(f"linear{k}", nn.Linear(dims[k], dims[k + 1]))
        model.add_module(f"dropout{k}", nn.Dropout(p))
        model.add_module(f"relu{k}", nn.ReLU())
    model.add_module("output", nn.Linear(n_hidden, n_out))
    return model
