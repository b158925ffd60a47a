# WRONG: log base 2 (bits) instead of the natural log
import numpy as np
from scipy.special import xlogy


def predictive_entropy(probs):
    probs = np.asarray(probs, dtype=np.float64)
    return -xlogy(probs, probs).sum(axis=1) / np.log(2.0)
