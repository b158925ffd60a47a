# WRONG: F.dropout before the classifier lacks training=self.training, so it stays on in eval mode
import torch
import torch.nn.functional as F
from torch import nn


class _CNN(nn.Module):
    def __init__(self, p_conv, p_fc, n_classes):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.fc1 = nn.Linear(512, 64)
        self.fc2 = nn.Linear(64, n_classes)
        self.p_conv, self.p_fc = p_conv, p_fc

    def forward(self, x):
        x = F.dropout2d(F.relu(self.conv1(x)), self.p_conv, training=self.training)
        x = F.dropout2d(F.relu(self.conv2(x)), self.p_conv, training=self.training)
        x = F.max_pool2d(x, 2).flatten(1)
        x = F.dropout(F.relu(self.fc1(x)), self.p_fc)
        return self.fc2(x)


def build_cnn(p_conv, p_fc, n_classes=10):
    return _CNN(p_conv, p_fc, n_classes)
