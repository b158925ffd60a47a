# WRONG: model.eval() for everything, so dropout is off and all k passes are identical
import torch


def mc_dropout_predict(model, x, k):
    modes = {m: m.training for m in model.modules()}
    model.eval()
    with torch.no_grad():
        probs = torch.stack([torch.softmax(model(x), dim=1) for _ in range(k)])
    for m, mode in modes.items():
        m.train(mode)
    return probs.mean(0), probs.std(0, unbiased=False)
