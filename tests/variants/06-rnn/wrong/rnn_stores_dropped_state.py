# WRONG: the state is dropped right after it is computed and that dropped h~ is what goes into hs
import numpy as np


def rnn_forward(x, h0, Wx, Wh, b, p, rng, mode):
    if mode not in ("none", "naive", "input", "variational"):
        raise ValueError(f"unknown mode {mode!r}")
    if not 0.0 <= p < 1.0:
        raise ValueError("p must be in [0, 1)")
    T, N, D = x.shape
    H = h0.shape[1]
    q = 1.0 - p
    if mode == "variational":
        mx = (rng.random((N, D)) < q) / q
        mh = (rng.random((N, H)) < q) / q

    def drop_state(h):
        if mode == "naive":
            return h * (rng.random((N, H)) < q) / q
        return h * mh if mode == "variational" else h

    h, hs = drop_state(h0), []
    for t in range(T):
        xt = x[t]
        if mode in ("naive", "input"):
            xt = xt * (rng.random((N, D)) < q) / q
        elif mode == "variational":
            xt = xt * mx
        h = drop_state(np.tanh(xt @ Wx + h @ Wh + b))
        hs.append(h)
    return np.stack(hs)
