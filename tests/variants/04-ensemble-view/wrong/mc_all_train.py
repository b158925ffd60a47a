# WRONG: model.train() for everything, so batch norm also runs in training mode (batch stats, updated buffers)
import torch


def mc_dropout_predict(model, x, k):
    modes = {m: m.training for m in model.modules()}
    model.train()
    with torch.no_grad():
        probs = torch.stack([torch.softmax(model(x), dim=1) for _ in range(k)])
    for m, mode in modes.items():
        m.train(mode)
    return probs.mean(0), probs.std(0, unbiased=False)
