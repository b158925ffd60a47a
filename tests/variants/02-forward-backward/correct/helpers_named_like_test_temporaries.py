"""Correct answers to exercise 02 whose helpers are named like the old test cells' temporaries.

Every module-level helper and constant below has a name that a test cell of the old notebook bound at the top
level: `_bounds`, `_check_values`, `_rng`, `_keep`, `_mask`, `_forward`, `_backward`, `_layer`, `_loss`, `_grads`,
`_apply`. The graded functions look them up each time they run, so if a test cell rebinds one of those names the
next call breaks: this variant fails exactly when the test cells clobber a student's globals, and passes when they
leave them alone.
"""

import warnings

import numpy as np
import torch
from torch import nn

_bounds = (0.0, 1.0)  # the range a drop probability must lie in


def _check_values(p):
    """p as a float, after checking that it lies in _bounds."""
    low, high = _bounds
    if not low <= p <= high:
        raise ValueError(f"p must lie in [{low}, {high}], got {p}")
    return float(p)


def _keep(p):
    """The keep probability q = 1 - p of a valid drop probability p."""
    return 1.0 - _check_values(p)


def _rng(rng):
    """The NumPy generator, checked: every random number comes from it."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be an np.random.Generator, got {type(rng).__name__}")
    return rng


def _mask(like, q, source):
    """A keep-mask of like's shape, True with probability q, drawn from source.

    For a NumPy array source is an np.random.Generator; for a tensor it is a torch.Generator or None.
    """
    if isinstance(like, torch.Tensor):
        return torch.rand(like.shape, generator=source, device=like.device) < q
    return _rng(source).random(like.shape) < q


# ----- parts 1 and 2: NumPy --------------------------------------------------------------------------------------

def _forward(values, mask, q):
    """values * mask / q in values' dtype; all zeros when q == 0."""
    if q == 0.0:
        return np.zeros_like(values)
    scaled = values * mask
    scaled /= q  # scaled is a new array, so dividing in place leaves values alone
    return scaled.astype(values.dtype, copy=False)


def _backward(dy, mask, q):
    """The gradient through the mask: dy / q where kept, 0 where dropped, in dy's dtype."""
    if q == 0.0:
        return np.zeros_like(dy)
    return np.where(np.asarray(mask, dtype=bool), dy / q, dy.dtype.type(0)).astype(dy.dtype, copy=False)


def dropout_forward(x, p, rng, training=True):
    q = _keep(p)
    if not training:
        return x, None
    mask = _mask(x, q, rng)
    return _forward(x, mask, q), mask


def dropout_backward(dy, mask, p):
    return _backward(dy, mask, _keep(p))


# ----- part 3: the two-layer network -----------------------------------------------------------------------------

def _layer(inputs, W, b):
    """An affine layer."""
    return inputs @ W + b


def _loss(scores, y):
    """Mean softmax cross-entropy of the scores and its gradient with respect to the scores."""
    n = len(y)
    top = scores.max(axis=1, keepdims=True)
    log_z = top[:, 0] + np.log(np.exp(scores - top).sum(axis=1))
    picked = scores[np.arange(n), y]
    softmax = np.exp(scores - log_z[:, None])
    softmax[np.arange(n), y] -= 1.0
    return float(np.mean(log_z - picked)), softmax / n


def _grads(inputs, delta):
    """The gradients of an affine layer's weights and bias from its inputs and the gradient at its outputs."""
    return inputs.T @ delta, delta.sum(axis=0)


def mlp_dropout_loss(X, y, params, p, rng):
    q = _keep(p)
    pre = _layer(X, params["W1"], params["b1"])
    hidden = np.maximum(pre, 0.0)
    mask = _mask(hidden, q, rng)
    dropped = _forward(hidden, mask, q)
    loss, dscores = _loss(_layer(dropped, params["W2"], params["b2"]), y)
    dW2, db2 = _grads(dropped, dscores)
    dpre = _backward(dscores @ params["W2"].T, mask, q) * (pre > 0)
    dW1, db1 = _grads(X, dpre)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


# ----- parts 4 and 5: PyTorch ------------------------------------------------------------------------------------

def _apply(values, mask, q):
    """values * mask / q for tensors, in values' dtype; zeros when q == 0."""
    if q == 0.0:
        return torch.zeros_like(values)
    return values * mask.to(values.dtype) / q


class DropoutFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, p, generator=None):
        q = _keep(p)
        mask = _mask(x, q, generator)
        ctx.save_for_backward(mask)
        ctx.q = q
        return _apply(x, mask, q)

    @staticmethod
    def backward(ctx, dy):
        (mask,) = ctx.saved_tensors
        return _apply(dy, mask, ctx.q), None, None


class Dropout(nn.Module):
    def __init__(self, p=0.5, generator=None):
        super().__init__()
        self.p = _check_values(p)
        self.generator = generator

    def forward(self, x):
        if not self.training:
            return x
        return DropoutFunction.apply(x, self.p, self.generator)
