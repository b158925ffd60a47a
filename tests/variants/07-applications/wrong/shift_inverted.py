# WRONG: ratio inverted: Var_test / Var_train instead of Var_train / Var_test
def dropout_variance_shift(p, mean, var):
    if not 0.0 <= p < 1.0:
        raise ValueError("p must be in [0, 1)")
    if not var > 0:
        raise ValueError("var must be positive")
    q = 1.0 - p
    return 1.0 / (1.0 / q + (p / q) * mean ** 2 / var)
