# WRONG: p_conv and p_fc swapped (channel dropout uses p_fc, the hidden-layer dropout p_conv)
import torch
from torch import nn


def build_cnn(p_conv, p_fc, n_classes=10):
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.Dropout2d(p_fc),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.Dropout2d(p_fc),
        nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(512, 64), nn.ReLU(), nn.Dropout(p_conv),
        nn.Linear(64, n_classes),
    )
