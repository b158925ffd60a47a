import numpy as np
from scipy.special import xlogy


def _h(P): return -xlogy(P, P).sum(axis=-1)


def predictive_entropy(probs): return _h(np.asarray(probs, dtype=np.float64))


def mutual_information(mc_probs):
    P = np.asarray(mc_probs, dtype=np.float64)
    return np.maximum(_h(P.mean(axis=0)) - _h(P).mean(axis=0), 0.0)
