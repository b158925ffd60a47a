"""Correct answers to exercise 01 whose helpers are named like the old test cells' temporaries.

Every module-level helper and constant below has a name that a test cell of the old notebook bound at the top
level (`_lam`, `_penalty`, `_grads`, `_bad_args`, `_curve`, `_answer`, `_N_HIDDEN`, `_p`, `_p_in`, `_model`),
or a plain name a test used as a loop variable (`weight`). The graded functions look their helpers up each time
they run, so if a test cell rebinds one of those names the next call breaks: this variant fails exactly when the
test cells clobber a student's globals, and passes when they leave them alone.
"""

import numpy as np
import torch
from torch import nn


# ----- part 1: l2_penalty --------------------------------------------------------------------------------------

def _lam(lam):
    """The strength as a float, after checking that it is >= 0."""
    if lam < 0:
        raise ValueError(f"the L2 strength must be >= 0, got {lam}")
    return float(lam)


def _penalty(array):
    """Half the sum of the squares of one array's entries, accumulated in float64."""
    flat = np.asarray(array, dtype=np.float64).ravel()
    return 0.5 * float(flat @ flat)


def _grads(params, lam):
    """lam * W for every W, as new arrays in the order of params."""
    return [np.multiply(lam, array) for array in params]


def l2_penalty(params, lam):
    lam = _lam(lam)
    total = 0.0
    for array in params:
        total += _penalty(array)
    return lam * total, _grads(params, lam)


# ----- part 2: early_stopping_epoch ----------------------------------------------------------------------------

def _bad_args(val_losses, patience):
    """Why the arguments are invalid, or None when they are fine."""
    if len(val_losses) == 0:
        return "val_losses must hold at least one loss"
    if patience < 1:
        return f"patience must be at least 1, got {patience}"
    return None


def _curve(val_losses):
    """A private copy of the losses, so the caller's list is never touched."""
    return list(val_losses)


def _answer(curve, patience):
    """Walk the curve; return the best epoch seen when patience runs out (or at the end of the curve)."""
    best, since_best = 0, 0
    for epoch, loss in enumerate(curve[1:], start=1):
        if loss < curve[best]:
            best, since_best = epoch, 0
            continue
        since_best += 1
        if since_best == patience:
            break
    return best


def early_stopping_epoch(val_losses, patience):
    problem = _bad_args(val_losses, patience)
    if problem is not None:
        raise ValueError(problem)
    return int(_answer(_curve(val_losses), patience))


# ----- part 3: build_mlp ---------------------------------------------------------------------------------------

_N_HIDDEN = 2  # the number of hidden layers


def weight(n_from, n_to):
    """A Linear layer (weights and bias) from n_from to n_to features."""
    return nn.Linear(n_from, n_to)


def _p(rate):
    """A dropout layer that drops with probability `rate`."""
    return nn.Dropout(p=rate)


def _p_in(rate):
    """The layers in front of the first Linear layer: input dropout, or nothing when rate is 0."""
    return [_p(rate)] if rate > 0 else []


def _model(layers):
    return nn.Sequential(*layers)


def build_mlp(n_in, n_hidden, n_out, p, p_in=0.0):
    layers = _p_in(p_in)
    width = n_in
    for _ in range(_N_HIDDEN):
        layers.extend([weight(width, n_hidden), nn.ReLU(), _p(p)])
        width = n_hidden
    layers.append(weight(width, n_out))
    return _model(layers)
