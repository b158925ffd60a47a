import numpy as np
import torch
from torch import nn


def dropblock_gamma(p, block_size, feat_size):
    if not 0.0 <= p <= 1.0 or not 1 <= block_size <= feat_size:
        raise ValueError("need 0 <= p <= 1 and 1 <= block_size <= feat_size")
    keep_prob = 1.0 - p
    return (1.0 - keep_prob) / block_size**2 * feat_size**2 / (feat_size - block_size + 1) ** 2


def build_cnn(p_conv, p_fc, n_classes=10):
    layers = [
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.Dropout2d(p=p_conv),
        nn.Conv2d(16, 32, 3, padding=1), nn.MaxPool2d(2), nn.Dropout2d(p=p_conv), nn.ReLU(),
        nn.Flatten(start_dim=1),
        nn.Linear(32 * 4 * 4, 64), nn.ReLU(), nn.Dropout(p=p_fc),
        nn.Linear(64, n_classes),
    ]
    return nn.Sequential(*layers)
