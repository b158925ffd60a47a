import numpy as np
import torch
from torch import nn


def dropout_moments(x, p, inverted=True):
    if not 0 <= p < 1:
        raise ValueError("p must be in [0, 1)")
    q = 1 - p
    if np.isscalar(x):
        if inverted:
            return float(x), float(x) ** 2 * p / q
        return q * x, x * x * p * q
    x = np.asarray(x, dtype=float)
    if inverted:
        return x.copy(), x**2 * (p / q)
    return q * x, x**2 * (p * q)


def drop_probability(value, convention):
    table = {
        "pytorch": lambda v: v,
        "keras": lambda v: v,
        "tf1": lambda v: 1 - v,
        "srivastava2014": lambda v: 1 - v,
    }
    try:
        convert = table[convention.lower()]
    except (KeyError, AttributeError):
        raise ValueError(f"unknown convention {convention!r}") from None
    if not 0 <= value <= 1:
        raise ValueError("value must be in [0, 1]")
    return float(convert(value))
