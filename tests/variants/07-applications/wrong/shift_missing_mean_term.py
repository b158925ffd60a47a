# WRONG: misses the (p/q) c^2/v term: returns 1/q, correct only for a zero-mean unit
def dropout_variance_shift(p, mean, var):
    if not 0.0 <= p < 1.0:
        raise ValueError("p must be in [0, 1)")
    if not var > 0:
        raise ValueError("var must be positive")
    return 1.0 / (1.0 - p)
