# WRONG: scales the input by the drop probability p instead of the keep probability q
import numpy as np


def weight_scaling_prediction(x, W, b, p):
    z = W @ (p * x) + b
    e = np.exp(z - z.max())
    return e / e.sum()
