import itertools

import numpy as np


def _softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def ensemble_means(x, W, b, p):
    # log softmax(z) = z - logsumexp(z): after renormalization the weighted
    # geometric mean is just the softmax of the P-weighted mean logits.
    x, W, b = np.asarray(x, float), np.asarray(W, float), np.asarray(b, float)
    q = 1 - p
    masks = np.array(list(itertools.product((False, True), repeat=len(x))))
    P = np.array([np.prod([q if keep else p for keep in m]) for m in masks])
    Z = np.where(masks, x, 0) @ W.T + b
    return P @ _softmax(Z), _softmax(P @ Z)


def weight_scaling_prediction(x, W, b, p):
    return _softmax(W @ (x - p * x) + b)
