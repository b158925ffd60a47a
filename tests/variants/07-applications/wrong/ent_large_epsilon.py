# WRONG: epsilon 1e-6 inside the log: log(p + 1e-6) is off by up to ~1e-6, more than the 1e-8 tolerance
import numpy as np


def predictive_entropy(probs):
    probs = np.asarray(probs, dtype=np.float64)
    return -np.sum(probs * np.log(probs + 1e-6), axis=1)
