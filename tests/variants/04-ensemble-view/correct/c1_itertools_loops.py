import itertools

import numpy as np
import torch
from torch import nn


def all_masks(n):
    return np.array(list(itertools.product([0, 1], repeat=n)), dtype=int)


def _softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def ensemble_means(x, W, b, p):
    x, W, b = np.asarray(x, float), np.asarray(W, float), np.asarray(b, float)
    q = 1.0 - p
    d, k = x.shape[0], W.shape[0]
    arith = np.zeros(k)
    log_geo = np.zeros(k)
    for m in all_masks(d):
        kept = m.sum()
        prob = q ** kept * p ** (d - kept)
        out = _softmax(W @ (m * x) + b)
        arith += prob * out
        log_geo += prob * np.log(out)
    geo = np.exp(log_geo)
    return arith, geo / geo.sum()


def weight_scaling_prediction(x, W, b, p):
    return _softmax(np.asarray(W, float) @ ((1.0 - p) * np.asarray(x, float)) + np.asarray(b, float))


def mc_dropout_predict(model, x, k):
    modes = {m: m.training for m in model.modules()}
    try:
        model.eval()
        for m in model.modules():
            if isinstance(m, nn.modules.dropout._DropoutNd):
                m.train()
        with torch.no_grad():
            probs = torch.stack([torch.softmax(model(x), dim=1) for _ in range(k)])
    finally:
        for m, mode in modes.items():
            m.train(mode)
    return probs.mean(0), probs.std(0, unbiased=False)


def dropout_regression_penalty(X, w, p):
    X, w = np.asarray(X, float), np.asarray(w, float)
    return float(p / (1.0 - p) * np.einsum("ij,ij,j->", X, X, w ** 2))
