# WRONG: divides E[x^2] by q^2 instead of q: ((c^2 + v)/q^2 - c^2)/v
def dropout_variance_shift(p, mean, var):
    if not 0.0 <= p < 1.0:
        raise ValueError("p must be in [0, 1)")
    if not var > 0:
        raise ValueError("var must be positive")
    q = 1.0 - p
    return ((mean ** 2 + var) / q ** 2 - mean ** 2) / var
