import numpy as np
import torch
from torch import nn


def sequence_dropout_mask(shape, p, rng, variational):
    if not 0 <= p <= 1:
        raise ValueError("dropout probability must be in [0, 1]")
    T, N, H = shape
    draw_shape = (1, N, H) if variational else (T, N, H)
    mask = (rng.random(draw_shape) < 1 - p).astype(np.float64)
    return mask * np.ones((T, N, H))  # broadcasting yields a fresh array


def rnn_forward(x, h0, Wx, Wh, b, p, rng, mode):
    # masks are drawn in every mode, then ignored where the mode says so
    if not 0 <= p < 1:
        raise ValueError("dropout probability must be in [0, 1)")
    if mode not in ("none", "naive", "input", "variational"):
        raise ValueError(f"unknown dropout mode: {mode}")
    T, N, _ = x.shape
    H = h0.shape[1]
    q = 1 - p
    var = mode == "variational"
    mx = sequence_dropout_mask(x.shape, p, rng, var) / q
    mh = sequence_dropout_mask((T, N, H), p, rng, var) / q
    if mode == "none":
        mx = np.ones_like(mx)
    if mode in ("none", "input"):
        mh = np.ones_like(mh)
    out = []
    h = h0.copy()
    for xt, mxt, mht in zip(x, mx, mh):
        h = np.tanh(xt * mxt @ Wx + h * mht @ Wh + b)
        out.append(h)
    return np.array(out)


class LockedDropout(nn.Module):
    """Mask shared along time; batch-first input is transposed to time-first and back."""

    def __init__(self, p=0.5, generator=None, batch_first=False):
        super().__init__()
        if not 0 <= p <= 1:
            raise ValueError("dropout probability must be in [0, 1]")
        self.p = p
        self.generator = generator
        self.batch_first = batch_first

    def forward(self, x):
        if x.dim() != 3:
            raise ValueError("expected (T, N, H) or (N, T, H)")
        if not self.training or self.p == 0:
            return x
        if self.batch_first:
            x = x.transpose(0, 1)
        q = 1 - self.p
        u = torch.rand(x.shape[1:], generator=self.generator, dtype=x.dtype, device=x.device)
        mask = torch.where(u < q, torch.tensor(1 / q if q > 0 else 0.0, dtype=x.dtype), torch.zeros((), dtype=x.dtype))
        out = x * mask.unsqueeze(0)
        return out.transpose(0, 1) if self.batch_first else out
