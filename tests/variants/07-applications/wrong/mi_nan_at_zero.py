# WRONG: 0 * log 0 evaluates to NaN (warnings silenced), so samples with a zero probability give NaN
import numpy as np


def mutual_information(mc_probs):
    P = np.asarray(mc_probs, dtype=np.float64)
    mean = P.mean(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        h_mean = -np.sum(mean * np.log(mean), axis=1)
        mean_h = -np.sum(P * np.log(P), axis=2).mean(axis=0)
    return np.clip(h_mean - mean_h, 0.0, None)
