"""WRONG variant (based on correct/c1_basic_sequential.py).
Broken function: l2_penalty
Bug: penalty = lam * sum(W**2) (missing the 1/2 factor); grads correct
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
    penalty = lam * total
    return float(penalty), grads
