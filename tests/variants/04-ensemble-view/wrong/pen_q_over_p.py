# WRONG: factor q/p instead of p/q
import numpy as np


def dropout_regression_penalty(X, w, p):
    return float((1 - p) / p * ((X ** 2).sum(0) @ w ** 2))
