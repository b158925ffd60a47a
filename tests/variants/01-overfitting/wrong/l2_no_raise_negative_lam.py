"""WRONG variant (based on correct/c1_basic_sequential.py).
Broken function: l2_penalty
Bug: no ValueError for lam < 0 (returns a negative penalty)
"""

import numpy as np


def l2_penalty(params, lam):
    total = 0.0
    grads = []
    for W in params:
        total += float(np.sum(W * W))
        grads.append(lam * W)
    penalty = 0.5 * lam * total
    return float(penalty), grads
