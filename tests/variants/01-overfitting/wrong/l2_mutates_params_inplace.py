"""WRONG variant (based on correct/c1_basic_sequential.py).
Broken function: l2_penalty
Bug: computes grads with W *= lam, so params are modified in place (and grads alias params); returned values correct
"""

import numpy as np


def l2_penalty(params, lam):
    if lam < 0:
        raise ValueError("lam must be non-negative")
    total = 0.0
    grads = []
    for W in params:
        total += float(np.sum(W * W))
        W *= lam
        grads.append(W)
    penalty = 0.5 * lam * total
    return float(penalty), grads
