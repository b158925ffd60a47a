import warnings
import numpy as np
import torch
from torch import nn


def mlp_dropout_loss(X, y, params, p, rng):
    N = X.shape[0]
    q = 1.0 - p
    A = X.dot(params["W1"]) + params["b1"]
    H = np.maximum(0, A)
    # scaled mask: 1/q where kept, 0 where dropped
    keep = rng.binomial(1, q, size=H.shape).astype(np.float64)
    D = keep / q if q > 0 else np.zeros_like(H)
    Hd = H * D
    S = Hd.dot(params["W2"]) + params["b2"]
    S -= S.max(axis=1, keepdims=True)
    logP = S - np.log(np.exp(S).sum(axis=1, keepdims=True))
    P = np.exp(logP)
    loss = np.float64(-logP[np.arange(N), y].mean())

    Y = np.zeros_like(P)
    Y[np.arange(N), y] = 1.0
    dS = (P - Y) / N
    dW2 = Hd.T.dot(dS)
    db2 = dS.sum(axis=0)
    dH = dS.dot(params["W2"].T) * D
    dA = np.where(A > 0, dH, 0.0)
    dW1 = X.T.dot(dA)
    db1 = dA.sum(axis=0)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
