"""Checks shared by the chapters and the exercises' hidden tests.

Tests check *properties* of a student's answer rather than replaying a random stream, so a random quantity is
judged against a bound that a correct answer exceeds with negligible probability.
"""

import contextlib
import math

import numpy as np

FAILURE_PROBABILITY = 1e-9  # chance that a correct answer falls outside a bound; the design asks for < 1e-8


def binomial_rate_bounds(n: int, prob: float, failure_probability: float = FAILURE_PROBABILITY) -> tuple[float, float]:
    """An interval that the fraction of successes in ``n`` independent Bernoulli(``prob``) trials leaves with
    probability at most ``failure_probability``.

    It is Hoeffding's bound, ``P(|k/n − prob| ≥ t) ≤ 2·exp(−2 n t²)``, solved for ``t``; it holds for every ``n``
    and ``prob`` without approximation.
    """
    if n < 1:
        raise ValueError("need at least one trial")
    if not 0.0 <= prob <= 1.0:
        raise ValueError(f"prob must be a probability, got {prob}")
    half_width = math.sqrt(math.log(2.0 / failure_probability) / (2.0 * n))
    return max(0.0, prob - half_width), min(1.0, prob + half_width)



def numerical_gradient(f, x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Gradient of the scalar function f at the float64 array x, by central
    differences: entry i is (f(x + eps e_i) - f(x - eps e_i)) / (2 eps),
    with an error of order eps**2 for smooth f.

    f is called with x itself, changed in place one entry at a time and
    restored after each probe. Returns an array of x's shape.
    """
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        saved = x[index]
        x[index] = saved + eps
        f_plus = f(x)
        x[index] = saved - eps
        f_minus = f(x)
        x[index] = saved
        grad[index] = (f_plus - f_minus) / (2 * eps)
    return grad


@contextlib.contextmanager
def substituted(namespace: dict, **replacements):
    """Bind names in ``namespace`` (a notebook's ``globals()``) to ``replacements`` while the block runs.

    A test of one graded part uses it to run the student's code with the course's reference versions of the
    parts it builds on, so that one mistake costs points once. Every name is restored afterwards, even when the
    block fails.
    """
    missing = object()
    saved = {name: namespace.get(name, missing) for name in replacements}
    namespace.update(replacements)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is missing:
                namespace.pop(name, None)
            else:
                namespace[name] = value
