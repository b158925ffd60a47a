import numpy as np


def _validate(p):
    if not (0 <= p <= 1):
        raise ValueError("drop probability must be in [0, 1]")


def dropout2d_forward(x, p, rng, training=True):
    _validate(p)
    if not training:
        return x.copy(), None
    q = 1.0 - p
    n, c = x.shape[0], x.shape[1]
    mask = (rng.uniform(0.0, 1.0, size=n * c) < q).astype(x.dtype).reshape(n, c, 1, 1)
    y = np.zeros_like(x) if q == 0 else np.multiply(x, mask / x.dtype.type(q))
    return y, mask


def dropout2d_backward(dy, mask, p):
    _validate(p)
    q = 1.0 - p
    if q == 0:
        return np.zeros_like(dy)
    return np.multiply(dy, mask.astype(dy.dtype) / dy.dtype.type(q))


def dropblock_gamma(p, block_size, feat_size):
    _validate(p)
    if block_size < 1:
        raise ValueError("block_size must be >= 1")
    if block_size > feat_size:
        raise ValueError("block_size must not exceed feat_size")
    return np.float64(p) * (feat_size / (block_size * (feat_size - block_size + 1))) ** 2
