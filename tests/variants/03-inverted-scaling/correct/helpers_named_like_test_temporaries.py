"""Correct answers to exercise 03 whose helpers are named like the old test cells' temporaries.

Every module-level helper and constant below has a name that a test cell of the old notebook bound at the top
level (`_bounds`, `_rate`, `_rng`, `_kept`, `_standard`, `_y_test`, `_KEEPS`, `_value`, `_keeps`, `_p`, `_x`,
`_mean`, `_var`, `_modes`, `_before`, `_out`), or a plain name a test used as a loop variable (`name`). The graded
functions look them up each time they run, so if a test cell rebinds one of those names the next call breaks: this
variant fails exactly when the test cells clobber a student's globals, and passes when they leave them alone.
"""

import numpy as np
import torch
from torch import nn


# ----- part 1: standard_dropout ----------------------------------------------------------------------------------

def _bounds(p):
    """p as a float, after checking that it lies in [0, 1]."""
    if p < 0.0 or p > 1.0:
        raise ValueError(f"the drop probability must be in [0, 1], got {p}")
    return float(p)


def _rate(p):
    """The keep rate q = 1 - p."""
    return 1.0 - _bounds(p)


def _rng(rng):
    """The generator, checked: every random number comes from it."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be an np.random.Generator, got {type(rng).__name__}")
    return rng


def _kept(rng, shape, q):
    """A fresh mask, True (kept) with probability q."""
    return _rng(rng).uniform(size=shape) < q


def _standard(x, mask):
    """x where kept, 0 where dropped, without any scaling, in x's dtype."""
    return np.where(mask, x, x.dtype.type(0))


def _y_test(x, q):
    """The test-time output q * x, in x's dtype."""
    return np.multiply(x, q, dtype=x.dtype)


def standard_dropout(x, p, rng, training):
    q = _rate(p)
    if not training:
        return _y_test(x, q)
    return _standard(x, _kept(rng, x.shape, q))


# ----- part 2: drop_probability ----------------------------------------------------------------------------------

_KEEPS = frozenset({"tf1", "srivastava2014"})  # the conventions whose number is a KEEP probability


def name(convention):
    """The convention, after checking that it is one of the four known ones."""
    if convention not in ("pytorch", "keras", "tf1", "srivastava2014"):
        raise ValueError(f"unknown convention {convention!r}")
    return convention


def _value(number):
    """number as a float, after checking that it is a probability."""
    if not 0.0 <= number <= 1.0:
        raise ValueError(f"the value must lie in [0, 1], got {number}")
    return float(number)


def _keeps(convention):
    return convention in _KEEPS


def drop_probability(value, convention):
    convention = name(convention)
    number = _value(value)
    return 1.0 - number if _keeps(convention) else number


# ----- part 3: dropout_moments -----------------------------------------------------------------------------------

def _p(p):
    """p as a float, after checking that it lies in [0, 1)."""
    if not 0.0 <= p < 1.0:
        raise ValueError(f"p must lie in [0, 1), got {p}")
    return float(p)


def _x(x):
    """A float64 copy of x (an array, or a 0-d array for a number)."""
    return np.array(x, dtype=np.float64)


def _mean(x, q, inverted):
    return x if inverted else q * x


def _var(x, p, q, inverted):
    square = x * x
    return square * (p / q) if inverted else square * (p * q)


def dropout_moments(x, p, inverted=True):
    p = _p(p)
    q = 1.0 - p
    x = _x(x)
    return _mean(x, q, inverted), _var(x, p, q, inverted)


# ----- part 4: predict -------------------------------------------------------------------------------------------

def _modes(model):
    """Every module's training flag, to put back afterwards."""
    return [(module, module.training) for module in model.modules()]


def _before(modes):
    """Put every module back in the mode _modes recorded."""
    for module, training in modes:
        module.training = training


def _out(model, x):
    """model(x) in evaluation mode, recording nothing for autograd."""
    model.eval()
    with torch.no_grad():
        return model(x)


def predict(model, x):
    modes = _modes(model)
    try:
        return _out(model, x)
    finally:
        _before(modes)
