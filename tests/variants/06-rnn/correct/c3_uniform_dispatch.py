import numpy as np
import torch
from torch import nn


def sequence_dropout_mask(shape, p, rng, variational):
    if not (0 <= p <= 1):
        raise ValueError("p must lie in [0, 1]")
    T, N, H = shape
    if variational:
        return np.tile(rng.uniform(size=(1, N, H)) >= p, (T, 1, 1))
    return rng.uniform(size=(T, N, H)) >= p


def _no_dropout(N, D, H, q, rng):
    return (lambda: 1.0), (lambda: 1.0)


def _naive(N, D, H, q, rng):
    draw = lambda n: (lambda: (rng.uniform(size=(N, n)) >= 1 - q) / q)
    return draw(D), draw(H)


def _input_only(N, D, H, q, rng):
    return (lambda: (rng.uniform(size=(N, D)) >= 1 - q) / q), (lambda: 1.0)


def _variational(N, D, H, q, rng):
    mx = (rng.uniform(size=(N, D)) >= 1 - q) / q
    mh = (rng.uniform(size=(N, H)) >= 1 - q) / q
    return (lambda: mx), (lambda: mh)


_MODES = {"none": _no_dropout, "naive": _naive, "input": _input_only, "variational": _variational}


def rnn_forward(x, h0, Wx, Wh, b, p, rng, mode):
    if mode not in _MODES:
        raise ValueError(f"mode must be one of {sorted(_MODES)}")
    if not (0 <= p < 1):
        raise ValueError("p must lie in [0, 1)")
    T, N, D = x.shape
    x_mask, h_mask = _MODES[mode](N, D, h0.shape[1], 1 - p, rng)
    hs = np.zeros((T, N, h0.shape[1]), dtype=np.result_type(x, h0, Wx))
    h = h0
    for t in range(T):
        hs[t] = h = np.tanh((x[t] * x_mask()) @ Wx + (h * h_mask()) @ Wh + b)
    return hs


class LockedDropout(nn.Module):
    def __init__(self, p=0.5, generator=None, batch_first=False):
        super().__init__()
        if not (0 <= p <= 1):
            raise ValueError("p must lie in [0, 1]")
        self.p, self.generator, self.batch_first = p, generator, batch_first

    def forward(self, x):
        if x.dim() != 3:
            raise ValueError("input must be 3-D")
        if not self.training:
            return x
        q = 1 - self.p
        mask = x.new_empty(1, *x.shape[1:]) if not self.batch_first else x.new_empty(x.shape[0], 1, x.shape[2])
        mask.bernoulli_(q, generator=self.generator)
        return x * (mask.div_(q) if q > 0 else mask)
