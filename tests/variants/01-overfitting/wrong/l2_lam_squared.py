"""WRONG variant (based on correct/c1_basic_sequential.py).
Broken function: l2_penalty
Bug: penalty = lam**2/2 * sum W**2 (only differs when lam != 1); grads correct
"""

import numpy as np


def l2_penalty(params, lam):
    if lam < 0:
        raise ValueError("lam must be non-negative")
    total = 0.0
    grads = []
    for W in params:
        total += float(np.sum(W * W))
        grads.append(lam * W)
    penalty = 0.5 * lam ** 2 * total
    return float(penalty), grads
