"""Correct answers to exercise 05 whose helpers are named like the old test cells' temporaries.

Every module-level helper and constant below has a name that a test cell of the old notebook bound at the top
level: `_bounds`, `_keep`, `_rng`, `_mask`, `_scale`, `_forward`, `_args`, `_gamma`, `_shape`, `_maps_kept`,
`_feat`, `_block`, `_readout`. The graded functions look them up each time they run, so if a test cell rebinds one
of those names the next call breaks: this variant fails exactly when the test cells clobber a student's globals,
and passes when they leave them alone.
"""

import warnings

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def _bounds(p):
    """p as a float, after checking that it lies in [0, 1]."""
    if not (p >= 0.0 and p <= 1.0):
        raise ValueError(f"p must be a probability in [0, 1], got {p}")
    return float(p)


def _keep(p):
    """The keep probability q = 1 - p."""
    return 1.0 - _bounds(p)


# ----- parts 1 and 2: channel dropout in NumPy -------------------------------------------------------------------

def _rng(rng):
    """The generator, checked: every random number comes from it."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be an np.random.Generator, got {type(rng).__name__}")
    return rng


def _mask(rng, shape, q):
    """One keep decision per example and channel of maps of this shape: a (N, C, 1, 1) bool array."""
    n, c = shape[0], shape[1]
    return (_rng(rng).random(n * c) < q).reshape(n, c, 1, 1)


def _scale(values, mask, q):
    """values * mask / q, the mask broadcast over each map, in values' dtype; zeros when q == 0."""
    if q == 0.0:
        return np.zeros_like(values)
    return (values * (np.asarray(mask, dtype=values.dtype) / values.dtype.type(q))).astype(values.dtype, copy=False)


def _forward(x, q, rng):
    mask = _mask(rng, x.shape, q)
    return _scale(x, mask, q), mask


def dropout2d_forward(x, p, rng, training=True):
    q = _keep(p)
    if not training:
        return x, None
    return _forward(x, q, rng)


def dropout2d_backward(dy, mask, p):
    return _scale(dy, mask, _keep(p))


# ----- part 3: dropblock_gamma -----------------------------------------------------------------------------------

def _args(p, block_size, feat_size):
    """Check the arguments: p in [0, 1] and 1 <= block_size <= feat_size."""
    _bounds(p)
    if block_size < 1 or block_size > feat_size:
        raise ValueError(f"need 1 <= block_size <= feat_size, got block_size={block_size}, feat_size={feat_size}")


def _gamma(p, block, feat):
    positions = (feat - block + 1) ** 2  # where a whole block fits
    return p * feat**2 / (block**2 * positions)


def dropblock_gamma(p, block_size, feat_size):
    _args(p, block_size, feat_size)
    return float(_gamma(p, block_size, feat_size))


# ----- part 4: SpatialDropout ------------------------------------------------------------------------------------

def _shape(x):
    """The mask's shape for x: (N, C, 1, ..., 1); ValueError when x has no spatial dimension."""
    if x.dim() < 3:
        raise ValueError(f"expected (N, C, *spatial) with at least one spatial dimension, got {tuple(x.shape)}")
    return (x.shape[0], x.shape[1]) + (1,) * (x.dim() - 2)


def _maps_kept(shape, q, generator, device):
    """A bool tensor of this shape, True (kept) with probability q, drawn with the generator."""
    return torch.rand(shape, generator=generator, device=device) < q


class SpatialDropout(nn.Module):
    def __init__(self, p=0.5, generator=None):
        super().__init__()
        self.p = _bounds(p)
        self.generator = generator

    def forward(self, x):
        shape = _shape(x)
        if not self.training:
            return x
        q = 1.0 - self.p
        if q == 0.0:
            return torch.zeros_like(x)
        return torch.where(_maps_kept(shape, q, self.generator, x.device), x / q, x.new_zeros(()))


# ----- part 5: build_cnn -----------------------------------------------------------------------------------------

_feat = 32 * 4 * 4  # features after pooling: 32 maps of 4 x 4


def _block(c_in, c_out, p_conv):
    """Convolution, ReLU, channel dropout."""
    return [nn.Conv2d(c_in, c_out, kernel_size=3, padding=1), nn.ReLU(), nn.Dropout2d(p_conv)]


def _readout(p_fc, n_classes):
    """The classifier on the pooled maps: Flatten, Linear, ReLU, Dropout, Linear."""
    return [nn.Flatten(), nn.Linear(_feat, 64), nn.ReLU(), nn.Dropout(p_fc), nn.Linear(64, n_classes)]


def build_cnn(p_conv, p_fc, n_classes=10):
    return nn.Sequential(*_block(1, 16, p_conv), *_block(16, 32, p_conv), nn.MaxPool2d(2), *_readout(p_fc, n_classes))
