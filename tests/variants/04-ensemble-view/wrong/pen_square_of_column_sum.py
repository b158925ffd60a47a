# WRONG: squares the column sum, (sum_i X_ij)**2, instead of summing the squares
import numpy as np


def dropout_regression_penalty(X, w, p):
    return float(p / (1 - p) * (X.sum(0) ** 2 @ w ** 2))
