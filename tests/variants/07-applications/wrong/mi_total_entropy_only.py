# WRONG: returns the entropy of the mean (total predictive uncertainty) without subtracting the expected entropy
import numpy as np
from scipy.special import xlogy


def mutual_information(mc_probs):
    mean = np.asarray(mc_probs, dtype=np.float64).mean(axis=0)
    return -xlogy(mean, mean).sum(axis=1)
