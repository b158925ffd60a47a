# WRONG: averages X_ij**2 over the examples instead of summing
import numpy as np


def dropout_regression_penalty(X, w, p):
    return float(p / (1 - p) * (np.mean(X ** 2, axis=0) @ w ** 2))
