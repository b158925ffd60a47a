# WRONG: softmax over dim 0 (the batch) instead of dim 1 (the classes)
import torch
from torch import nn


def mc_dropout_predict(model, x, k):
    modes = {m: m.training for m in model.modules()}
    model.eval()
    for m in model.modules():
        if isinstance(m, nn.modules.dropout._DropoutNd):
            m.train()
    with torch.no_grad():
        probs = torch.stack([torch.softmax(model(x), dim=0) for _ in range(k)])
    for m, mode in modes.items():
        m.train(mode)
    return probs.mean(0), probs.std(0, unbiased=False)
