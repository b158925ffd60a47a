import numpy as np


def dropout_regression_penalty(X, w, p):
    q = 1 - p
    return float(np.einsum("ij,j->", np.square(X), np.square(w)) * p / q)
