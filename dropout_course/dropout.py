"""Reference implementations of inverted dropout, from chapter 2.

Later chapters reuse them. Notation as everywhere in the course: ``p`` is
the probability of *dropping* a unit, ``q = 1 - p`` of keeping it; the mask
``m`` holds i.i.d. Bernoulli(q) entries; training computes ``y = m * x / q``
and the backward pass ``dx = m * dy / q`` with the same mask; evaluation is
the identity.
"""

import itertools

import numpy as np
import torch
from torch import nn


def check_drop_probability(p: float, allow_one: bool = True) -> float:
    """Return p as a float if it lies in [0, 1] (in [0, 1) when not
    allow_one: for layers that divide by q = 1 - p), else raise ValueError."""
    if not (0.0 <= p <= 1.0 if allow_one else 0.0 <= p < 1.0):
        interval = "[0, 1]" if allow_one else "[0, 1)"
        raise ValueError(f"the drop probability p={p} is not in {interval}")
    return float(p)


def dropout_forward(x, p, rng, training=True):
    """Inverted dropout of a float array x of any shape (x is not modified).

    p is the drop probability and rng an np.random.Generator, the only
    source of randomness. Returns (y, mask). Training: mask is a bool array
    of x's shape, True where a unit is kept (independently, with probability
    q = 1 - p), and y = x * mask / q in x's dtype (zeros when p = 1).
    Evaluation (training=False): (x, None).
    """
    q = 1.0 - check_drop_probability(p)
    if not training:
        return x, None
    mask = rng.random(x.shape) < q
    if q == 0.0:
        return np.zeros_like(x), mask
    return x * mask / q, mask  # q is a Python float: x's dtype is kept


def standard_dropout(x, p, rng, training):
    """The 2014 paper's dropout: no scaling in training, scaling at test time.

    x is a float array of any shape (not modified), p the drop
    probability, rng an np.random.Generator. Training: mask * x, each entry
    kept independently with probability q = 1 - p. Evaluation: q * x. The
    result has x's shape and dtype.
    """
    q = 1.0 - check_drop_probability(p)
    if not training:
        return x * q
    return x * (rng.random(x.shape) < q)


def dropout_backward(dy, mask, p):
    """Gradient with respect to dropout's input: dy * mask / q (dy's dtype).

    mask must be the one the forward pass drew in the same step; the result
    is all zeros when p = 1.
    """
    q = 1.0 - check_drop_probability(p)
    if q == 0.0:
        return np.zeros_like(dy)
    return dy * mask / q


def dropout2d_forward(x, p, rng, training=True):
    """Channel (spatial) dropout of feature maps x (N, C, H, W), not modified.

    One draw per example and channel: mask (N, C, 1, 1), bool, True where
    the whole map is kept (probability q = 1 - p); y = x * mask / q, in x's
    dtype (zeros when p = 1). Evaluation (training=False): (x, None).
    """
    q = 1.0 - check_drop_probability(p)
    if not training:
        return x, None
    mask = rng.random((x.shape[0], x.shape[1], 1, 1)) < q
    if q == 0.0:
        return np.zeros_like(x), mask
    return x * mask / q, mask


def dropout2d_backward(dy, mask, p):
    """dy * mask / q, the mask (N, C, 1, 1) broadcast over each map."""
    return dropout_backward(dy, mask, p)


class DropoutFunction(torch.autograd.Function):
    """Inverted dropout whose backward pass reuses the forward pass's mask.

    Call it as DropoutFunction.apply(x, p, generator): x a float tensor of
    any shape, p the drop probability, generator a torch.Generator or None.
    """

    @staticmethod
    def forward(ctx, x, p, generator=None):
        q = 1.0 - check_drop_probability(p)
        mask = torch.rand(x.shape, generator=generator, device=x.device) < q
        ctx.save_for_backward(mask)
        ctx.q = q
        if q == 0.0:
            return torch.zeros_like(x)
        return x * mask / q

    @staticmethod
    def backward(ctx, dy):
        (mask,) = ctx.saved_tensors
        dx = torch.zeros_like(dy) if ctx.q == 0.0 else dy * mask / ctx.q
        return dx, None, None  # no gradient for p and generator


class Dropout(nn.Module):
    """Inverted dropout as a module: DropoutFunction in training mode, the
    identity in evaluation mode. Input and output: any shape, same dtype."""

    def __init__(self, p=0.5, generator=None):
        super().__init__()
        self.p = check_drop_probability(p)
        self.generator = generator

    def forward(self, x):
        if not self.training:
            return x
        return DropoutFunction.apply(x, self.p, self.generator)

    def extra_repr(self) -> str:
        return f"p={self.p}"


def sequence_dropout_mask(shape, p, rng, variational):
    """Keep-masks (bool) of shape (T, N, H) for a sequence of T steps.

    Each entry is kept with probability q = 1 - p. variational=True: one
    (N, H) mask, the same at every step; False: a fresh mask at every step.
    """
    q = 1.0 - check_drop_probability(p)
    steps, batch, width = shape
    if variational:
        once = rng.random((batch, width)) < q
        return np.repeat(once[None], steps, axis=0)
    return rng.random(shape) < q


RNN_MODES = ("none", "naive", "input", "variational")


def rnn_forward(x, h0, Wx, Wh, b, p, rng, mode):
    """A tanh RNN, h_t = tanh(x~_t Wx + h~_(t-1) Wh + b), with dropout.

    x (T, N, D), h0 (N, H); returns the states h_1 ... h_T, shape (T, N, H),
    before any dropout. x~, h~: inputs and states after inverted dropout.
    mode "none": no dropout; "naive": fresh masks on both at every step;
    "input": fresh masks on the inputs only; "variational": one mask for
    the inputs and one for the states, the same at every step.
    """
    if mode not in RNN_MODES:
        raise ValueError(f"mode must be one of {RNN_MODES}, got {mode!r}")
    check_drop_probability(p, allow_one=False)
    steps, batch, _ = x.shape
    q = 1.0 - p
    keep_x = keep_h = None
    if mode != "none":
        variational = mode == "variational"
        keep_x = sequence_dropout_mask(x.shape, p, rng, variational)
        if mode != "input":
            keep_h = sequence_dropout_mask((steps,) + h0.shape, p, rng,
                                           variational)
    h, states = h0, []
    for t in range(steps):
        x_t = x[t] if keep_x is None else x[t] * keep_x[t] / q
        h_t = h if keep_h is None else h * keep_h[t] / q
        h = np.tanh(x_t @ Wx + h_t @ Wh + b)
        states.append(h)
    return np.stack(states)


def all_masks(n):
    """Every 0/1 mask of n units, shape (2**n, n), int8."""
    return np.array(list(itertools.product([0, 1], repeat=n)), dtype=np.int8)


DROPOUT_MODULES = (nn.Dropout, nn.Dropout1d, nn.Dropout2d, nn.Dropout3d,
                   nn.AlphaDropout, nn.FeatureAlphaDropout, Dropout)


def mc_dropout_predict(model, x, k):
    """Monte Carlo dropout: k stochastic passes, averaged.

    The dropout modules run in training mode and every other module (batch
    norm, for one) in evaluation mode, under torch.no_grad(). Returns the
    mean and the standard deviation (no Bessel correction) over the passes
    of the softmax of the logits (N, C), each of shape (N, C). Every module's
    mode is restored afterwards.
    """
    modes = {module: module.training for module in model.modules()}
    model.eval()
    for module in model.modules():
        if isinstance(module, DROPOUT_MODULES):
            module.train()
    try:
        with torch.no_grad():
            probs = torch.stack([torch.softmax(model(x), dim=1)
                                 for _ in range(k)])
    finally:
        for module, mode in modes.items():
            module.training = mode  # not train(mode): it would reset children
    return probs.mean(dim=0), probs.std(dim=0, correction=0)


class LockedDropout(nn.Module):
    """Variational ("locked") dropout for sequences: one mask per sequence
    and feature, the same at every time step, with inverted scaling.

    Input (T, N, H), or (N, T, H) with batch_first; the identity in
    evaluation mode.
    """

    def __init__(self, p=0.5, generator=None, batch_first=False):
        super().__init__()
        self.p = check_drop_probability(p)
        self.generator = generator
        self.batch_first = batch_first

    def forward(self, x):
        if x.dim() != 3:
            raise ValueError(f"need (T, N, H) sequences, got {x.dim()}-D")
        if not self.training:
            return x
        q = 1.0 - self.p
        if q == 0.0:
            return torch.zeros_like(x)
        time_axis = 1 if self.batch_first else 0
        shape = list(x.shape)
        shape[time_axis] = 1  # one draw per sequence and feature
        draws = torch.rand(shape, generator=self.generator, device=x.device)
        return x * (draws < q) / q

    def extra_repr(self) -> str:
        return f"p={self.p}, batch_first={self.batch_first}"


def gaussian_dropout(x, p, rng, training=True):
    """Gaussian dropout of a float array x of any shape (x is not modified).

    Training: y = x * eps with eps i.i.d. normal, mean 1 and variance p / q
    (standard deviation sqrt(p / q)), one draw per entry from rng, an
    np.random.Generator: the same mean and variance as the inverted-dropout
    factor m / q. Evaluation (training=False) or p = 0: y equals x. y has
    x's shape and dtype (float32 or float64). p must lie in [0, 1).
    """
    q = 1.0 - check_drop_probability(p, allow_one=False)
    if not training or p == 0.0:
        return x
    noise = rng.normal(1.0, np.sqrt(p / q), size=x.shape)
    return (x * noise).astype(x.dtype, copy=False)


SELU_ALPHA = 1.6732632423543772
SELU_SCALE = 1.0507009873554805


def alpha_dropout_constants(p, alpha=SELU_ALPHA, scale=SELU_SCALE):
    """AlphaDropout's constants (alpha', a, b) for drop probability p.

    alpha' = -scale * alpha is SELU's limit for large negative inputs, the
    value a dropped unit takes; a = (q (1 + p alpha'^2))^(-1/2) and
    b = -a p alpha' restore zero mean and unit variance for inputs of zero
    mean and unit variance (Klambauer et al. 2017).
    """
    q = 1.0 - check_drop_probability(p, allow_one=False)
    saturation = -scale * alpha
    a = (q * (1.0 + p * saturation**2)) ** -0.5
    return saturation, a, -a * p * saturation


def alpha_dropout(x, p, rng, training=True, alpha=SELU_ALPHA, scale=SELU_SCALE):
    """AlphaDropout (Klambauer et al. 2017) of a float array x of any shape.

    Training: each entry is kept with probability q = 1 - p (independently,
    drawn from rng, an np.random.Generator) and otherwise set to
    alpha' = -scale * alpha; the result x~ is mapped to y = a * x~ + b with
    the constants of alpha_dropout_constants, so inputs of zero mean and
    unit variance keep them. Evaluation (training=False) or p = 0: y equals
    x. y has x's shape and dtype; x is not modified; p must lie in [0, 1).
    """
    saturation, a, b = alpha_dropout_constants(p, alpha, scale)
    if not training or p == 0.0:
        return x
    keep = rng.random(x.shape) < 1.0 - p
    dropped_value = np.asarray(saturation, dtype=x.dtype)
    return (a * np.where(keep, x, dropped_value) + b).astype(x.dtype, copy=False)


def dropout_variance_shift(p, mean, var):
    """Var_train / Var_test of a unit passed through inverted dropout.

    The unit's activation has mean c = mean and variance v = var before
    dropout. In training, y = m x / q has variance (v + c^2) / q - c^2; at
    test time y = x has variance v. Returns the ratio
    1 / q + (p / q) c^2 / v, a float >= 1 (equal to 1 only when p = 0).
    p must lie in [0, 1) and var must be positive.
    """
    q = 1.0 - check_drop_probability(p, allow_one=False)
    if not var > 0:
        raise ValueError(f"the variance var={var} must be positive")
    return float(1.0 / q + (p / q) * mean**2 / var)
