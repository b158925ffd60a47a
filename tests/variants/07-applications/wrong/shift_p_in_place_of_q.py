# WRONG: treats p as the keep probability: 1/p + (q/p) c^2/v
def dropout_variance_shift(p, mean, var):
    if not 0.0 <= p < 1.0:
        raise ValueError("p must be in [0, 1)")
    if not var > 0:
        raise ValueError("var must be positive")
    if p == 0:
        raise ValueError("p must be positive")
    q = 1.0 - p
    return 1.0 / p + (q / p) * mean ** 2 / var
