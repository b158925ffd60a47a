# WRONG: subtracts the entropy of the first pass only instead of the mean entropy over all K passes
import numpy as np
from scipy.special import xlogy


def mutual_information(mc_probs):
    P = np.asarray(mc_probs, dtype=np.float64)
    mean = P.mean(axis=0)
    h_mean = -xlogy(mean, mean).sum(axis=1)
    h_first = -xlogy(P[0], P[0]).sum(axis=1)
    return np.clip(h_mean - h_first, 0.0, None)
