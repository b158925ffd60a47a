# WRONG: never checks var, so var <= 0 raises no ValueError (var == 0 gives inf, var < 0 a ratio below 1)
import math


def dropout_variance_shift(p, mean, var):
    if not 0.0 <= p < 1.0:
        raise ValueError("p must be in [0, 1)")
    q = 1.0 - p
    if var == 0:
        return math.inf
    return 1.0 / q + (p / q) * mean ** 2 / var
