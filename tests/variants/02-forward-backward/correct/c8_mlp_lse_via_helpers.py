import warnings
import numpy as np
import torch
from torch import nn


def dropout_forward(x, p, rng, training=True):
    if not 0 <= p <= 1:
        raise ValueError("p must be in [0, 1]")
    if not training:
        return x.copy(), None
    q = 1 - p
    mask = rng.random(size=x.shape) < q
    scale = x.dtype.type(1 / q) if q > 0 else x.dtype.type(0)
    return x * mask * scale, mask


def dropout_backward(dy, mask, p):
    q = 1 - p
    scale = dy.dtype.type(1 / q) if q > 0 else dy.dtype.type(0)
    return dy * mask * scale


def _logsumexp(S):
    m = S.max(axis=1, keepdims=True)
    return (m + np.log(np.exp(S - m).sum(axis=1, keepdims=True)))[:, 0]


def mlp_dropout_loss(X, y, params, p, rng):
    W1, b1, W2, b2 = (params[k] for k in ("W1", "b1", "W2", "b2"))
    N = len(X)
    A = X @ W1 + b1
    H = A * (A > 0)
    Hd, mask = dropout_forward(H, p, rng, training=True)
    S = Hd @ W2 + b2
    lse = _logsumexp(S)
    idx = (np.arange(N), y)
    loss = np.float64(np.sum(lse - S[idx]) / N)

    dS = np.exp(S - lse[:, None])
    dS[idx] -= 1
    dS /= N
    dH = dropout_backward(dS @ W2.T, mask, p)
    dA = dH * (A > 0)
    return loss, {"W1": X.T @ dA, "b1": dA.sum(0), "W2": Hd.T @ dS, "b2": dS.sum(0)}
