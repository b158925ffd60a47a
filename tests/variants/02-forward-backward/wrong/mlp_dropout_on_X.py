# WRONG: dropout applied to the input X instead of the hidden activations H
import warnings
import numpy as np
import torch
from torch import nn


def mlp_dropout_loss(X, y, params, p, rng):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    q = 1.0 - p
    scale = 1.0 / q if q > 0 else 0.0
    mask = rng.random(X.shape) < q
    Xd = X * mask * scale
    A = Xd @ W1 + b1
    H = np.maximum(A, 0.0)
    S = H @ W2 + b2
    S = S - S.max(axis=1, keepdims=True)
    logZ = np.log(np.exp(S).sum(axis=1))
    rows = np.arange(N)
    loss = float(np.mean(logZ - S[rows, y]))

    dS = np.exp(S - logZ[:, None])
    dS[rows, y] -= 1.0
    dS /= N
    dW2 = H.T @ dS
    dH = dS @ W2.T
    dA = dH * (A > 0)
    return loss, {"W1": Xd.T @ dA, "b1": dA.sum(axis=0), "W2": dW2, "b2": dS.sum(axis=0)}
