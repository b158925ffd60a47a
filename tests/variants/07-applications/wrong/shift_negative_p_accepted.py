# WRONG: checks only p < 1, so a negative p returns a ratio below 1 instead of raising ValueError
def dropout_variance_shift(p, mean, var):
    if p >= 1.0:
        raise ValueError("p must be < 1")
    if not var > 0:
        raise ValueError("var must be positive")
    q = 1.0 - p
    return 1.0 / q + (p / q) * mean ** 2 / var
