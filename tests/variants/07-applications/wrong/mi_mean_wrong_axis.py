# WRONG: averages over the samples (axis 1) instead of the passes (axis 0)
import numpy as np
from scipy.special import xlogy


def mutual_information(mc_probs):
    P = np.asarray(mc_probs, dtype=np.float64)
    mean = P.mean(axis=1)
    h_mean = -xlogy(mean, mean).sum(axis=-1)
    mean_h = -xlogy(P, P).sum(axis=-1).mean(axis=1)
    return np.clip(h_mean - mean_h, 0.0, None)
