# WRONG: the model is left in eval mode after the call (training mode is never restored).
import torch


def predict(model, x):
    model.eval()
    with torch.no_grad():
        return model(x)
