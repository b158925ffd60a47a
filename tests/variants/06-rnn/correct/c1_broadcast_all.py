import numpy as np
import torch
from torch import nn


def sequence_dropout_mask(shape, p, rng, variational):
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be in [0, 1], got {p}")
    T, N, H = shape
    q = 1.0 - p
    if variational:
        return np.broadcast_to(rng.random((N, H)) < q, (T, N, H)).copy()
    return rng.random((T, N, H)) < q


def rnn_forward(x, h0, Wx, Wh, b, p, rng, mode):
    if mode not in ("none", "naive", "input", "variational"):
        raise ValueError(f"unknown mode {mode!r}")
    if not 0.0 <= p < 1.0:
        raise ValueError(f"p must be in [0, 1), got {p}")
    T, N, D = x.shape
    H = h0.shape[1]
    q = 1.0 - p
    if mode == "variational":
        mx = (rng.random((N, D)) < q) / q
        mh = (rng.random((N, H)) < q) / q
    h, hs = h0, []
    for t in range(T):
        xt, hp = x[t], h
        if mode == "naive":
            xt = xt * (rng.random((N, D)) < q) / q
            hp = hp * (rng.random((N, H)) < q) / q
        elif mode == "input":
            xt = xt * (rng.random((N, D)) < q) / q
        elif mode == "variational":
            xt, hp = xt * mx, hp * mh
        h = np.tanh(xt @ Wx + hp @ Wh + b)
        hs.append(h)
    return np.stack(hs)


class LockedDropout(nn.Module):
    def __init__(self, p=0.5, generator=None, batch_first=False):
        super().__init__()
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"p must be in [0, 1], got {p}")
        self.p, self.generator, self.batch_first = p, generator, batch_first

    def forward(self, x):
        if x.dim() != 3:
            raise ValueError(f"expected a 3-D input, got {x.dim()}-D")
        if not self.training or self.p == 0:
            return x
        if self.p == 1:
            return x * 0
        q = 1.0 - self.p
        N, H = (x.shape[0], x.shape[2]) if self.batch_first else x.shape[1:]
        shape = (N, 1, H) if self.batch_first else (1, N, H)
        keep = torch.rand(shape, generator=self.generator, dtype=x.dtype, device=x.device) < q
        return x * keep.to(x.dtype) / q
