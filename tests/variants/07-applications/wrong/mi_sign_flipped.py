# WRONG: mean of the entropies minus the entropy of the mean (sign flipped), then clipped, so it is always 0
import numpy as np
from scipy.special import xlogy


def mutual_information(mc_probs):
    P = np.asarray(mc_probs, dtype=np.float64)
    mean = P.mean(axis=0)
    h_mean = -xlogy(mean, mean).sum(axis=1)
    mean_h = -xlogy(P, P).sum(axis=2).mean(axis=0)
    return np.clip(mean_h - h_mean, 0.0, None)
