# WRONG: uses w_j instead of w_j**2
import numpy as np


def dropout_regression_penalty(X, w, p):
    return float(p / (1 - p) * ((X ** 2).sum(0) @ w))
