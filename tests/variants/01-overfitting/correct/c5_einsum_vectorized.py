import numpy as np
import torch
from torch import nn


def l2_penalty(params, lam):
    if lam < 0:
        raise ValueError("lam must be >= 0")
    if len(params) == 0:
        return 0.0, []
    flat = np.concatenate([np.asarray(W, dtype=np.float64).ravel() for W in params])
    penalty = 0.5 * lam * float(np.einsum("i,i->", flat, flat))
    grads = [lam * W for W in params]
    return penalty, grads


def early_stopping_epoch(val_losses, patience):
    if len(val_losses) == 0:
        raise ValueError("val_losses is empty")
    if patience < 1:
        raise ValueError("patience must be >= 1")
    v = np.asarray(val_losses, dtype=float)
    idx = np.arange(len(v))
    prev_best = np.concatenate(([np.inf], np.minimum.accumulate(v)[:-1]))
    improved = v < prev_best
    best_idx = np.maximum.accumulate(np.where(improved, idx, 0))
    stop = np.nonzero(idx - best_idx >= patience)[0]
    if stop.size:
        return int(best_idx[stop[0]])
    return int(best_idx[-1])


def build_mlp(n_in, n_hidden, n_out, p, p_in=0.0):
    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            # registered in an unusual order on purpose
            self.out = nn.Linear(n_hidden, n_out)
            self.dropout = nn.Dropout(p)
            self.hidden2 = nn.Linear(n_hidden, n_hidden)
            self.hidden1 = nn.Linear(n_in, n_hidden)
            self.act = nn.ReLU()
            if p_in > 0:
                self.input_dropout = nn.Dropout(p_in)
            else:
                self.input_dropout = nn.Identity()

        def forward(self, x):
            x = self.input_dropout(x)
            x = self.dropout(self.act(self.hidden1(x)))
            x = self.dropout(self.act(self.hidden2(x)))
            return self.out(x)

    return Model()
