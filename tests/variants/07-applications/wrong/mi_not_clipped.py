# WRONG: not clipped at 0, so rounding can leave tiny negative values when the passes agree
import numpy as np


def _entropy_by_columns(P):
    # summed in a different order from the mean's entropy, so agreeing passes round differently
    out = np.zeros(P.shape[:-1])
    for c in range(P.shape[-1]):
        col = P[..., c]
        with np.errstate(divide="ignore", invalid="ignore"):
            out -= np.where(col > 0, col * np.log(col), 0.0)
    return out


def mutual_information(mc_probs):
    P = np.asarray(mc_probs, dtype=np.float64)
    mean = P.sum(axis=0) / P.shape[0]
    return _entropy_by_columns(mean) - _entropy_by_columns(P).mean(axis=0)
