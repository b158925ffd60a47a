# WRONG: entropies in bits (log base 2) instead of nats
import numpy as np
from scipy.special import xlogy


def mutual_information(mc_probs):
    P = np.asarray(mc_probs, dtype=np.float64)
    mean = P.mean(axis=0)
    h_mean = -xlogy(mean, mean).sum(axis=1) / np.log(2)
    mean_h = -xlogy(P, P).sum(axis=2).mean(axis=0) / np.log(2)
    return np.clip(h_mean - mean_h, 0.0, None)
