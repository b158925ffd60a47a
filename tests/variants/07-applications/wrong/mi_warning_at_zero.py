# WRONG: np.log(0) without errstate: values right (NaN replaced by 0) but a RuntimeWarning is emitted
import numpy as np


def mutual_information(mc_probs):
    P = np.asarray(mc_probs, dtype=np.float64)
    mean = P.mean(axis=0)
    h_mean = -np.nan_to_num(mean * np.log(mean)).sum(axis=1)
    mean_h = -np.nan_to_num(P * np.log(P)).sum(axis=2).mean(axis=0)
    return np.clip(h_mean - mean_h, 0.0, None)
