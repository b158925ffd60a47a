import torch
from torch import nn

DROPOUTS = (nn.Dropout, nn.Dropout1d, nn.Dropout2d, nn.Dropout3d,
            nn.AlphaDropout, nn.FeatureAlphaDropout)


def mc_dropout_predict(model, x, k):
    state = {name: m.training for name, m in model.named_modules(remove_duplicate=False)}
    model.eval()
    for m in model.modules():
        if isinstance(m, DROPOUTS):
            m.train(True)
    with torch.no_grad():
        runs = torch.cat([nn.functional.softmax(model(x), dim=1)[None] for _ in range(k)])
    for name, m in model.named_modules(remove_duplicate=False):
        m.training = state[name]
    return runs.mean(0), runs.var(0, unbiased=True).sqrt()
