# WRONG: uses the first form ((c^2 + v)/q - c^2)/v, which cancels catastrophically and rounds below 1 (or to 0) for c^2 >> v
def dropout_variance_shift(p, mean, var):
    if not 0.0 <= p < 1.0:
        raise ValueError("p must be in [0, 1)")
    if not var > 0:
        raise ValueError("var must be positive")
    q = 1.0 - p
    return ((mean ** 2 + var) / q - mean ** 2) / var
