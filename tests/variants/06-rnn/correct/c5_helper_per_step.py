import numpy as np
import torch
from torch import nn


def sequence_dropout_mask(shape, p, rng, variational):
    if p < 0.0 or p > 1.0:
        raise ValueError(p)
    T, N, H = shape
    out = np.empty((T, N, H), dtype=bool)
    if variational:
        out[...] = rng.random((N, H)) < 1.0 - p
    else:
        for t in range(T):
            out[t] = rng.random((N, H)) < 1.0 - p
    return out


def rnn_forward(x, h0, Wx, Wh, b, p, rng, mode):
    if not (0.0 <= p < 1.0):
        raise ValueError(p)
    q = 1.0 - p

    def drop(a):
        return a * (rng.random(a.shape) < q) / q

    if mode == "none":
        in_drop = state_drop = lambda a: a
    elif mode == "naive":
        in_drop = state_drop = drop
    elif mode == "input":
        in_drop, state_drop = drop, (lambda a: a)
    elif mode == "variational":
        mx = (rng.random(x.shape[1:]) < q) / q
        mh = (rng.random(h0.shape) < q) / q
        in_drop, state_drop = (lambda a: a * mx), (lambda a: a * mh)
    else:
        raise ValueError(f"unknown mode {mode}")
    h = h0
    hs = []
    for xt in x:
        h = np.tanh(in_drop(xt) @ Wx + state_drop(h) @ Wh + b)
        hs.append(h)
    return np.stack(hs, axis=0)
