# WRONG: uses c/v instead of c^2/v, so a negative mean gives a ratio below 1
def dropout_variance_shift(p, mean, var):
    if not 0.0 <= p < 1.0:
        raise ValueError("p must be in [0, 1)")
    if not var > 0:
        raise ValueError("var must be positive")
    q = 1.0 - p
    return 1.0 / q + (p / q) * mean / var
