# WRONG: sums over the samples (axis 0) instead of the classes (axis 1)
import numpy as np
from scipy.special import xlogy


def predictive_entropy(probs):
    probs = np.asarray(probs, dtype=np.float64)
    return -xlogy(probs, probs).sum(axis=0)
