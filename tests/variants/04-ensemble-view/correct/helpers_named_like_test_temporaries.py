"""Correct answers to exercise 04 whose helpers are named like the old test cells' temporaries.

Every module-level helper below has a name that a test cell of the old notebook bound at the top level (`_n`, `_P`,
`_log_softmax_rows`, `_arithmetic`, `_geometric`, `_scaled`, `_prediction`, `_modes`, `_train`, `_mean`, `_std`,
`_rate`, `_energy`), or a plain name a test used as a loop variable (`row`). The graded functions look them up each
time they run, so if a test cell rebinds one of those names the next call breaks: this variant fails exactly when
the test cells clobber a student's globals, and passes when they leave them alone.
"""

import numpy as np
import torch
from torch import nn


# ----- part 1: all_masks -----------------------------------------------------------------------------------------

def _n(n):
    """n as an int, after checking that it is at least 1."""
    if int(n) != n or n < 1:
        raise ValueError(f"n must be a whole number >= 1, got {n}")
    return int(n)


def row(index, n):
    """The mask whose units are the n binary digits of index, most significant first."""
    return [(index >> (n - 1 - unit)) & 1 for unit in range(n)]


def all_masks(n):
    n = _n(n)
    return np.array([row(index, n) for index in range(2**n)], dtype=np.uint8)


# ----- part 2: ensemble_means ------------------------------------------------------------------------------------

def _P(masks, p):
    """The probability P(m) = q**|m| * p**(d - |m|) of every mask (one per row)."""
    kept = masks.sum(axis=1)
    return (1.0 - p) ** kept * p ** (masks.shape[1] - kept)


def _log_softmax_rows(scores):
    """log softmax of every row, computed from the row's largest score so that nothing overflows."""
    shifted = scores - scores.max(axis=1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))


def _arithmetic(weights, log_probs):
    return np.einsum("m,mk->k", weights, np.exp(log_probs))


def _geometric(weights, log_probs):
    log_mean = np.einsum("m,mk->k", weights, log_probs)
    unnormalized = np.exp(log_mean - log_mean.max())
    return unnormalized / unnormalized.sum()


def ensemble_means(x, W, b, p):
    masks = np.asarray(all_masks(len(x)), dtype=np.float64)
    log_probs = _log_softmax_rows((masks * x) @ W.T + b)
    weights = _P(masks, p)
    return _arithmetic(weights, log_probs), _geometric(weights, log_probs)


# ----- part 3: weight_scaling_prediction -------------------------------------------------------------------------

def _scaled(x, p):
    """The input scaled by the keep probability, q * x."""
    return (1.0 - p) * x


def _prediction(scores):
    """softmax of one vector of scores, from its largest score."""
    exps = np.exp(scores - np.max(scores))
    return exps / np.sum(exps)


def weight_scaling_prediction(x, W, b, p):
    return _prediction(W @ _scaled(x, p) + b)


# ----- part 4: mc_dropout_predict --------------------------------------------------------------------------------

def _modes(model):
    """Every module's training flag, to put back afterwards."""
    return {module: module.training for module in model.modules()}


def _train(model):
    """Training mode for the dropout modules, evaluation mode for every other module."""
    dropout_kinds = (nn.Dropout, nn.Dropout1d, nn.Dropout2d, nn.Dropout3d, nn.AlphaDropout, nn.FeatureAlphaDropout)
    for module in model.modules():
        module.training = isinstance(module, dropout_kinds)


def _mean(passes):
    return passes.mean(dim=0)


def _std(passes):
    return passes.var(dim=0, correction=1).sqrt()


def mc_dropout_predict(model, x, k):
    modes = _modes(model)
    _train(model)
    try:
        with torch.no_grad():
            passes = torch.stack([torch.softmax(model(x), dim=1) for _ in range(k)])
    finally:
        for module, training in modes.items():
            module.training = training
    return _mean(passes), _std(passes)


# ----- part 5: dropout_regression_penalty ------------------------------------------------------------------------

def _rate(p):
    """The factor p / q."""
    return p / (1.0 - p)


def _energy(X, w):
    """sum_j w_j**2 * sum_i X_ij**2."""
    return float(np.einsum("ij,ij,j,j->", X, X, w, w))


def dropout_regression_penalty(X, w, p):
    return float(_rate(p) * _energy(X, w))
