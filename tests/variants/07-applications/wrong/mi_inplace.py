# WRONG: replaces zeros in mc_probs by 1 in place (after taking the mean) to dodge log 0, modifying the caller's array
import numpy as np
from scipy.special import xlogy


def mutual_information(mc_probs):
    mean = mc_probs.mean(axis=0)
    h_mean = -xlogy(mean, mean).sum(axis=1)
    mc_probs[mc_probs == 0] = 1.0
    mean_h = -(mc_probs * np.log(mc_probs)).sum(axis=2).mean(axis=0)
    return np.clip(h_mean - mean_h, 0.0, None)
