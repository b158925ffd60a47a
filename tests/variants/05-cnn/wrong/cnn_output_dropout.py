# WRONG: extra Dropout(p_fc) after the output layer
import torch
from torch import nn


def build_cnn(p_conv, p_fc, n_classes=10):
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.Dropout2d(p_conv),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.Dropout2d(p_conv),
        nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(512, 64), nn.ReLU(), nn.Dropout(p_fc),
        nn.Linear(64, n_classes), nn.Dropout(p_fc),
    )
