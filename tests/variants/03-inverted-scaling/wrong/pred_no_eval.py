# WRONG: uses torch.no_grad() but never switches to eval mode, so dropout stays on.
import torch


def predict(model, x):
    with torch.no_grad():
        return model(x)
