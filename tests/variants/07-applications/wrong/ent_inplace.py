# WRONG: replaces zeros in probs by 1 in place (probs[probs == 0] = 1) to dodge log 0, modifying the caller's array
import numpy as np


def predictive_entropy(probs):
    zero = probs == 0
    logs_safe = probs
    logs_safe[zero] = 1.0
    h = -np.sum(np.where(zero, 0.0, probs * np.log(logs_safe)), axis=1)
    return h
