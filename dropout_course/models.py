"""Reference networks that several chapters reuse."""

from torch import nn

from dropout_course.dropout import check_drop_probability


def mlp(n_in: int, widths: list[int], n_out: int, p: float = 0.0, p_in: float = 0.0) -> nn.Sequential:
    """A multilayer perceptron with ReLU hidden layers and optional dropout, returning logits.

    Layout: ``[Dropout(p_in)] → (Linear → ReLU → Dropout(p)) for each width in widths → Linear(n_out)``.
    ``p`` and ``p_in`` are *drop* probabilities (PyTorch's convention); a zero rate adds no dropout layer.
    There is never dropout after the output layer. Input shape (batch, n_in), output shape (batch, n_out).
    """
    for rate in (p, p_in):
        check_drop_probability(rate, allow_one=False)
    layers: list[nn.Module] = [nn.Dropout(p_in)] if p_in > 0 else []
    width_in = n_in
    for width in widths:
        layers += [nn.Linear(width_in, width), nn.ReLU()]
        if p > 0:
            layers.append(nn.Dropout(p))
        width_in = width
    layers.append(nn.Linear(width_in, n_out))
    return nn.Sequential(*layers)
