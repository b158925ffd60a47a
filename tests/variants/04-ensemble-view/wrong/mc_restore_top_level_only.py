# WRONG: restores only the top-level mode with model.train(was_training), losing mixed per-module modes
import torch
from torch import nn


def mc_dropout_predict(model, x, k):
    was_training = model.training
    model.eval()
    for m in model.modules():
        if isinstance(m, nn.modules.dropout._DropoutNd):
            m.train()
    with torch.no_grad():
        probs = torch.stack([torch.softmax(model(x), dim=1) for _ in range(k)])
    model.train(was_training)
    return probs.mean(0), probs.std(0, unbiased=False)
