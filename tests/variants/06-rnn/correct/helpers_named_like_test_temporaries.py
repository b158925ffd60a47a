"""Correct answers to exercise 06 whose helpers are named like the old test cells' temporaries.

Every module-level helper and constant below has a name that a test cell of the old notebook bound at the top
level: `_bounds`, `_rng`, `_mask`, `_fixed`, `_fresh`, `_T`, `_mode`, `_p`, `_kept`, `_layer`, `_layout`, `_shape`,
`_ratio`. The graded functions look them up each time they run, so if a test cell rebinds one of those names the
next call breaks: this variant fails exactly when the test cells clobber a student's globals, and passes when they
leave them alone.
"""

import numpy as np
import torch
from torch import nn


def _bounds(p):
    """p as a float, after checking that it lies in [0, 1]."""
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"the drop probability must lie in [0, 1], got {p}")
    return float(p)


# ----- part 1: sequence_dropout_mask -----------------------------------------------------------------------------

def _rng(rng):
    """The generator, checked: every random number comes from it."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be an np.random.Generator, got {type(rng).__name__}")
    return rng


def _mask(rng, shape, q):
    """A new bool array of this shape, True (kept) with probability q."""
    return _rng(rng).random(shape) < q


def _fixed(rng, shape, q):
    """One (N, H) mask used at all T steps, as a new writable (T, N, H) array."""
    steps = shape[0]
    return np.tile(_mask(rng, shape[1:], q), (steps, 1, 1))


def _fresh(rng, shape, q):
    """An independent mask at every step."""
    return _mask(rng, shape, q)


def sequence_dropout_mask(shape, p, rng, variational):
    q = 1.0 - _bounds(p)
    draw = _fixed if variational else _fresh
    return draw(rng, tuple(shape), q)


# ----- part 2: rnn_forward ---------------------------------------------------------------------------------------

_T = 0  # the time axis of x, (T, N, D)


def _mode(mode):
    """(input masks, state masks) of a mode: None for no dropout, else True for one mask per sequence
    (variational) or False for a fresh mask at every step."""
    table = {"none": (None, None), "naive": (False, False), "input": (False, None), "variational": (True, True)}
    if mode not in table:
        raise ValueError(f"unknown mode {mode!r}; expected one of {sorted(table)}")
    return table[mode]


def _p(p):
    """p as a float, after checking that it lies in [0, 1) (p = 1 would divide by zero)."""
    if not 0.0 <= p < 1.0:
        raise ValueError(f"p must lie in [0, 1), got {p}")
    return float(p)


def _kept(variational, shape, p, rng):
    """The masks divided by q for a sequence of this shape, or None when variational is None (no dropout)."""
    if variational is None:
        return None
    return sequence_dropout_mask(shape, p, rng, variational) / (1.0 - p)


def _layer(x_t, h, Wx, Wh, b):
    """One step of the recurrence."""
    return np.tanh(x_t @ Wx + h @ Wh + b)


def rnn_forward(x, h0, Wx, Wh, b, p, rng, mode):
    on_inputs, on_states = _mode(mode)
    p = _p(p)
    steps = x.shape[_T]
    x_scale = _kept(on_inputs, x.shape, p, rng)
    h_scale = _kept(on_states, (steps,) + h0.shape, p, rng)
    h, hs = h0, []
    for step in range(steps):
        x_t = x[step] if x_scale is None else x[step] * x_scale[step]
        h_in = h if h_scale is None else h * h_scale[step]
        h = _layer(x_t, h_in, Wx, Wh, b)
        hs.append(h)
    return np.stack(hs, axis=_T)


# ----- part 3: LockedDropout -------------------------------------------------------------------------------------

def _layout(batch_first):
    """The time axis of an input: 1 for (N, T, H), _T for (T, N, H)."""
    return 1 if batch_first else _T


def _shape(x, time_axis):
    """The mask's shape: x's shape with the time axis set to 1; ValueError unless x is 3-D."""
    if x.dim() != 3:
        raise ValueError(f"expected a 3-D batch of sequences, got shape {tuple(x.shape)}")
    shape = list(x.shape)
    shape[time_axis] = 1
    return shape


def _ratio(shape, q, generator, like):
    """The output-to-input ratio: 1/q where kept (probability q), 0 where dropped, in like's dtype."""
    kept = torch.rand(shape, generator=generator, device=like.device) < q
    return kept.to(like.dtype) / q


class LockedDropout(nn.Module):
    def __init__(self, p=0.5, generator=None, batch_first=False):
        super().__init__()
        self.p = _bounds(p)
        self.generator = generator
        self.batch_first = batch_first

    def forward(self, x):
        shape = _shape(x, _layout(self.batch_first))
        if not self.training:
            return x
        q = 1.0 - self.p
        if q == 0.0:
            return torch.zeros_like(x)
        return x * _ratio(shape, q, self.generator, x)
