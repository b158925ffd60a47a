# WRONG: loss summed over the N rows instead of averaged (gradients consistent with the sum)
import warnings
import numpy as np
import torch
from torch import nn


def mlp_dropout_loss(X, y, params, p, rng):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    q = 1.0 - p
    scale = 1.0 / q if q > 0 else 0.0
    A = X @ W1 + b1
    H = np.maximum(A, 0.0)
    mask = rng.random(H.shape) < q
    Hd = H * mask * scale
    S = Hd @ W2 + b2
    S = S - S.max(axis=1, keepdims=True)
    logZ = np.log(np.exp(S).sum(axis=1))
    rows = np.arange(N)
    loss = float(np.sum(logZ - S[rows, y]))

    dS = np.exp(S - logZ[:, None])
    dS[rows, y] -= 1.0
    dW2 = Hd.T @ dS
    dH = (dS @ W2.T) * mask * scale
    dA = dH * (A > 0)
    return loss, {"W1": X.T @ dA, "b1": dA.sum(axis=0), "W2": dW2, "b2": dS.sum(axis=0)}
