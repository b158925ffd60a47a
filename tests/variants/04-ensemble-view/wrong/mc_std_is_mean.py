# WRONG: returns the mean a second time in place of the std
import torch
from torch import nn


def mc_dropout_predict(model, x, k):
    modes = {m: m.training for m in model.modules()}
    model.eval()
    for m in model.modules():
        if isinstance(m, nn.modules.dropout._DropoutNd):
            m.train()
    with torch.no_grad():
        probs = torch.stack([torch.softmax(model(x), dim=1) for _ in range(k)])
    for m, mode in modes.items():
        m.train(mode)
    mean = probs.mean(0)
    return mean, mean
