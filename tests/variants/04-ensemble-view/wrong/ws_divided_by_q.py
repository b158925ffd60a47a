# WRONG: divides by q (inverted-dropout training scale) instead of multiplying by q
import numpy as np


def weight_scaling_prediction(x, W, b, p):
    z = W @ (x / (1 - p)) + b
    e = np.exp(z - z.max())
    return e / e.sum()
