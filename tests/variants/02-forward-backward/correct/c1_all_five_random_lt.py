import warnings
import numpy as np
import torch
from torch import nn


def dropout_forward(x, p, rng, training=True):
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be in [0, 1], got {p}")
    if not training:
        return x, None
    q = 1.0 - p
    mask = rng.random(x.shape) < q
    if q == 0:
        return np.zeros_like(x), mask
    return (x * mask / q).astype(x.dtype, copy=False), mask


def dropout_backward(dy, mask, p):
    q = 1.0 - p
    if q == 0:
        return np.zeros_like(dy)
    return (dy * mask / q).astype(dy.dtype, copy=False)


def mlp_dropout_loss(X, y, params, p, rng):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    A = X @ W1 + b1
    H = np.maximum(A, 0.0)
    Hd, mask = dropout_forward(H, p, rng)
    S = Hd @ W2 + b2
    S = S - S.max(axis=1, keepdims=True)
    logZ = np.log(np.exp(S).sum(axis=1))
    rows = np.arange(N)
    loss = float(np.mean(logZ - S[rows, y]))

    dS = np.exp(S - logZ[:, None])
    dS[rows, y] -= 1.0
    dS /= N
    dHd = dS @ W2.T
    dA = dropout_backward(dHd, mask, p) * (A > 0)
    grads = {"W1": X.T @ dA, "b1": dA.sum(axis=0), "W2": Hd.T @ dS, "b2": dS.sum(axis=0)}
    return loss, grads


class DropoutFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, p, generator=None):
        q = 1.0 - p
        m = torch.bernoulli(torch.full_like(x, q), generator=generator)
        ctx.save_for_backward(m)
        ctx.q = q
        if q == 0:
            return torch.zeros_like(x)
        return m * x / q

    @staticmethod
    def backward(ctx, dy):
        (m,) = ctx.saved_tensors
        if ctx.q == 0:
            return torch.zeros_like(dy), None, None
        return m * dy / ctx.q, None, None


class Dropout(nn.Module):
    def __init__(self, p=0.5, generator=None):
        super().__init__()
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"p must be in [0, 1], got {p}")
        self.p = p
        self.generator = generator

    def forward(self, x):
        if self.training:
            return DropoutFunction.apply(x, self.p, self.generator)
        return x
