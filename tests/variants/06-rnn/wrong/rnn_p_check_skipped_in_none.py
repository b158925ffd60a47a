# WRONG: p is only validated when dropout is active, so mode="none" accepts p outside [0, 1)
import numpy as np


def rnn_forward(x, h0, Wx, Wh, b, p, rng, mode):
    if mode not in ("none", "naive", "input", "variational"):
        raise ValueError(f"unknown mode {mode!r}")
    if mode != "none" and not 0.0 <= p < 1.0:
        raise ValueError("p must be in [0, 1)")
    T, N, D = x.shape
    H = h0.shape[1]
    q = 1.0 - p
    if mode == "variational":
        mx = (rng.random((N, D)) < q) / q
        mh = (rng.random((N, H)) < q) / q
    h, hs = h0, []
    for t in range(T):
        xt, hp = x[t], h
        if mode == "naive":
            xt = xt * (rng.random((N, D)) < q) / q
            hp = hp * (rng.random((N, H)) < q) / q
        elif mode == "input":
            xt = xt * (rng.random((N, D)) < q) / q
        elif mode == "variational":
            xt, hp = xt * mx, hp * mh
        h = np.tanh(xt @ Wx + hp @ Wh + b)
        hs.append(h)
    return np.stack(hs)
