# WRONG: never restores the modules' modes (model left with dropout on, the rest in eval)
import torch
from torch import nn


def mc_dropout_predict(model, x, k):
    model.eval()
    for m in model.modules():
        if isinstance(m, nn.modules.dropout._DropoutNd):
            m.train()
    with torch.no_grad():
        probs = torch.stack([torch.softmax(model(x), dim=1) for _ in range(k)])
    return probs.mean(0), probs.std(0, unbiased=False)
