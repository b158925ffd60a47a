import numpy as np
import torch
from torch import nn


def sequence_dropout_mask(shape, p, rng, variational):
    if p < 0 or p > 1:
        raise ValueError("p out of range")
    T, N, H = shape
    if variational:
        m = rng.binomial(1, 1 - p, size=(N, H))
        return np.repeat(m[None], T, axis=0)
    return rng.binomial(1, 1 - p, size=(T, N, H))


def rnn_forward(x, h0, Wx, Wh, b, p, rng, mode):
    if p < 0 or p >= 1:
        raise ValueError("p must be in [0, 1)")
    if mode not in {"none", "naive", "input", "variational"}:
        raise ValueError("bad mode")
    T, N, D = x.shape
    H = h0.shape[1]
    q = 1 - p
    ones = lambda *s: np.ones(s)
    if mode == "none":
        mx, mh = ones(T, N, D), ones(T, N, H)
    else:
        mx = sequence_dropout_mask((T, N, D), p, rng, mode == "variational") / q
        if mode == "input":
            mh = ones(T, N, H)
        else:
            mh = sequence_dropout_mask((T, N, H), p, rng, mode == "variational") / q
    hs = np.empty((T, N, H))
    h = h0
    for t in range(T):
        h = np.tanh((x[t] * mx[t]) @ Wx + (h * mh[t]) @ Wh + b)
        hs[t] = h
    return hs


class LockedDropout(nn.Module):
    def __init__(self, p=0.5, generator=None, batch_first=False):
        super().__init__()
        if p < 0 or p > 1:
            raise ValueError("p out of range")
        self.p = float(p)
        self.generator = generator
        self.batch_first = batch_first

    def forward(self, x):
        if x.ndim != 3:
            raise ValueError("LockedDropout expects a 3-D tensor")
        if not self.training:
            return x
        q = 1 - self.p
        if self.batch_first:
            shape = (x.size(0), 1, x.size(2))
        else:
            shape = (1, x.size(1), x.size(2))
        probs = torch.full(shape, q, dtype=x.dtype, device=x.device)
        mask = torch.bernoulli(probs, generator=self.generator)
        if q > 0:
            mask = mask / q
        return x * mask
