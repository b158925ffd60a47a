"""Correct answers to exercise 07 whose helpers are named like the test cells' temporaries.

The test cells of exercise 07 already bind only `_t07_visible_<part>` and `_t07_hidden_<part>` at the top level;
their helpers live inside those functions. Every module-level helper below has a name that one of those inner
helpers or locals uses (`_rng`, `_q`, `_sd`, `_eps`, `_saturation`, `_ad_constants`, `_keep`, `_entropy_exact`,
`h`, `probs`, `mc`, `mi`, `_ratio`). The graded functions look them up each time they run, so this variant breaks
if a test cell ever moves such a helper to the top level and clobbers a student's global of the same name.
"""

import math
import warnings

import numpy as np


def _q(p):
    """The keep probability q = 1 - p, after checking that p lies in [0, 1)."""
    if not 0.0 <= p < 1.0:
        raise ValueError(f"p must lie in [0, 1), got {p}")
    return 1.0 - p


def _rng(rng):
    """The generator, checked: every random number comes from it."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be an np.random.Generator, got {type(rng).__name__}")
    return rng


# ----- part 1: gaussian_dropout ----------------------------------------------------------------------------------

def _sd(p, q):
    """The standard deviation sqrt(p / q) of the multiplicative noise."""
    return math.sqrt(p / q)


def _eps(rng, shape, sd):
    """Normal noise of mean 1 and standard deviation sd, one draw per entry."""
    return 1.0 + sd * _rng(rng).standard_normal(shape)


def gaussian_dropout(x, p, rng, training=True):
    q = _q(p)
    if not training:
        return x.copy()
    return (x * _eps(rng, x.shape, _sd(p, q))).astype(x.dtype)


# ----- part 2: alpha_dropout -------------------------------------------------------------------------------------

def _saturation(alpha, scale):
    """alpha' = -scale * alpha, the value a dropped unit takes."""
    return -scale * alpha


def _ad_constants(p, saturation):
    """The affine correction (a, b) that restores mean 0 and variance 1."""
    q = 1.0 - p
    a = 1.0 / math.sqrt(q * (1.0 + p * saturation * saturation))
    return a, -a * p * saturation


def _keep(rng, shape, q):
    """A keep-mask, True with probability q."""
    return _rng(rng).random(shape) < q


def alpha_dropout(x, p, rng, training=True, alpha=1.6732632423543772, scale=1.0507009873554805):
    q = _q(p)
    if not training:
        return x.copy()
    saturation = _saturation(alpha, scale)
    a, b = _ad_constants(p, saturation)
    x_tilde = np.where(_keep(rng, x.shape, q), x.astype(np.float64), saturation)
    return (a * x_tilde + b).astype(x.dtype)


# ----- parts 3 and 4: predictive_entropy and mutual_information --------------------------------------------------

def _entropy_exact(P):
    """The entropy (nats) over the last axis of a float64 array, with 0 * log 0 = 0 and no warning."""
    logs = np.zeros_like(P)
    np.log(P, out=logs, where=P > 0)
    return -np.einsum("...c,...c->...", P, logs)


def predictive_entropy(probs):
    # `probs` here is the argument, which shadows the module-level helper of the same name below.
    return _entropy_exact(np.array(probs, dtype=np.float64))


def probs(values):
    """The probabilities as a float64 array (a copy: the caller's array is never touched)."""
    return np.array(values, dtype=np.float64)


def h(P):
    """The entropy of the mean over the passes (axis 0)."""
    return _entropy_exact(P.mean(axis=0))


def mc(P):
    """The mean over the passes of each pass's entropy."""
    return _entropy_exact(P).mean(axis=0)


def mi(total, expected):
    """total - expected, clipped at 0 (rounding can push it a little below)."""
    return np.clip(total - expected, 0.0, None)


def mutual_information(mc_probs):
    P = probs(mc_probs)
    return mi(h(P), mc(P))


# ----- part 5: dropout_variance_shift ----------------------------------------------------------------------------

def _ratio(p, c, v):
    """1/q + (p/q) c^2 / v, a sum of non-negative terms, so it cannot round below 1."""
    q = 1.0 - p
    return 1.0 / q + (p / q) * (c * c / v)


def dropout_variance_shift(p, mean, var):
    _q(p)
    if not var > 0:
        raise ValueError(f"var must be positive, got {var}")
    return float(_ratio(p, mean, var))
