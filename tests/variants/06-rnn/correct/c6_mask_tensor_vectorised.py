import numpy as np
import torch
from torch import nn


def sequence_dropout_mask(shape, p, rng, variational):
    if not 0 <= p <= 1:
        raise ValueError("p must be a probability")
    T, N, H = shape
    if variational:
        one = rng.binomial(1, 1 - p, size=(N, H)).astype(np.float32)
        return np.broadcast_to(one, (T, N, H)).copy()
    return np.stack([rng.binomial(1, 1 - p, size=(N, H)) for _ in range(T)])


def rnn_forward(x, h0, Wx, Wh, b, p, rng, mode):
    if not 0 <= p < 1:
        raise ValueError("p must be in [0, 1)")
    T, N, D = x.shape
    H = h0.shape[1]
    q = 1 - p
    if mode == "none":
        x_in = x
        mh = None
    elif mode in ("naive", "input", "variational"):
        var = mode == "variational"
        # every input step can be dropped up front, it does not depend on the recurrence
        x_in = x * sequence_dropout_mask((T, N, D), p, rng, var) / q
        mh = None if mode == "input" else sequence_dropout_mask((T, N, H), p, rng, var) / q
    else:
        raise ValueError(f"mode {mode!r} not understood")
    pre = x_in @ Wx + b
    hs = np.empty((T, N, H))
    h = h0
    for t in range(T):
        hd = h if mh is None else h * mh[t]
        h = hs[t] = np.tanh(pre[t] + hd @ Wh)
    return hs


class LockedDropout(nn.Module):
    def __init__(self, p=0.5, generator=None, batch_first=False):
        super().__init__()
        if not 0 <= p <= 1:
            raise ValueError("p must be in [0, 1]")
        self.p, self.generator, self.batch_first = p, generator, batch_first

    def extra_repr(self):
        return f"p={self.p}, batch_first={self.batch_first}"

    def forward(self, x):
        if x.dim() != 3:
            raise ValueError(f"expected 3 dims, got {x.dim()}")
        if not self.training:
            return x
        time_dim = 1 if self.batch_first else 0
        shape = list(x.shape)
        shape[time_dim] = 1
        q = 1 - self.p
        keep = torch.empty(shape, dtype=x.dtype, device=x.device).uniform_(generator=self.generator) >= self.p
        scale = 1 / q if q > 0 else 0.0
        return x * keep.to(x.dtype) * scale
