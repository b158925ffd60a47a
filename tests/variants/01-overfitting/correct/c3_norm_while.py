import numpy as np
from torch import nn


def l2_penalty(params, lam):
    if lam < 0:
        raise ValueError("negative regularisation strength")
    penalty = np.float64(0.0)
    for W in params:
        penalty += np.linalg.norm(np.ravel(W)) ** 2
    penalty *= lam / 2.0
    grads = []
    for j in range(len(params)):
        grads.append(params[j] * lam)
    return penalty, grads


def early_stopping_epoch(val_losses, patience):
    n = len(val_losses)
    if n == 0 or patience < 1:
        raise ValueError("bad arguments")
    best_epoch = 0
    epoch = 1
    since_best = 0
    while epoch < n and since_best < patience:
        if val_losses[epoch] < val_losses[best_epoch]:
            best_epoch = epoch
            since_best = 0
        else:
            since_best += 1
        epoch += 1
    return best_epoch


def build_mlp(n_in, n_hidden, n_out, p, p_in=0.0):
    # Dropout(p_in) kept even when p_in == 0 (it is then the identity);
    # dropout placed before ReLU (they commute).
    return nn.Sequential(
        nn.Dropout(p_in),
        nn.Linear(n_in, n_hidden),
        nn.Dropout(p),
        nn.ReLU(),
        nn.Linear(n_hidden, n_hidden),
        nn.Dropout(p),
        nn.ReLU(),
        nn.Linear(n_hidden, n_out),
    )
