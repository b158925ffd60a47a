# WRONG: uses the binary-entropy term -(p log p + (1-p) log(1-p)) for each class and sums those
import numpy as np
from scipy.special import xlogy


def predictive_entropy(probs):
    probs = np.asarray(probs, dtype=np.float64)
    return -(xlogy(probs, probs) + xlogy(1 - probs, 1 - probs)).sum(axis=1)
