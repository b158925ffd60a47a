from collections import OrderedDict

import numpy as np
import torch.nn as nn


def l2_penalty(params, lam):
    if lam < 0:
        raise ValueError("lam must be >= 0")
    total = 0.0
    for W in params:
        for x in np.asarray(W).flat:
            total += float(x) * float(x)
    grads = []
    for idx, W in enumerate(params):
        g = np.empty_like(W)
        g[...] = lam * W
        grads.append(g)
    return (lam / 2) * total, grads


def early_stopping_epoch(val_losses, patience):
    if patience < 1:
        raise ValueError("patience must be positive")
    losses = list(val_losses)
    if not losses:
        raise ValueError("empty list")
    best_epoch, best_loss, epochs_since_best = None, None, 0
    for epoch, loss in enumerate(losses):
        if best_loss is None or loss < best_loss:
            best_epoch, best_loss, epochs_since_best = epoch, loss, 0
        else:
            epochs_since_best += 1
            if epochs_since_best >= patience:
                break
    return best_epoch


def build_mlp(n_in, n_hidden, n_out, p, p_in=0.0):
    layers = OrderedDict()
    if p_in > 0:
        layers["drop_in"] = nn.Dropout(p=p_in)
    layers["fc1"] = nn.Linear(n_in, n_hidden)
    layers["relu1"] = nn.ReLU(inplace=True)
    layers["drop1"] = nn.Dropout(p=p)
    layers["fc2"] = nn.Linear(n_hidden, n_hidden)
    layers["relu2"] = nn.ReLU(inplace=True)
    layers["drop2"] = nn.Dropout(p=p)
    layers["fc3"] = nn.Linear(n_hidden, n_out)
    return nn.Sequential(layers)
