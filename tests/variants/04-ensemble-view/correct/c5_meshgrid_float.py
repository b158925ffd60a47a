import numpy as np


def all_masks(n):
    grids = np.meshgrid(*([np.array([0.0, 1.0])] * n), indexing="ij")
    return np.stack([g.ravel() for g in grids], axis=1)


def weight_scaling_prediction(x, W, b, p):
    logits = W @ x * (1 - p) + b
    logits -= logits.max()
    probs = np.exp(logits)
    return probs / probs.sum()


def dropout_regression_penalty(X, w, p):
    total = 0.0
    n, d = X.shape
    for j in range(d):
        col = 0.0
        for i in range(n):
            col += X[i, j] ** 2
        total += w[j] ** 2 * col
    return float(p / (1 - p) * total)
