# WRONG: one mask per time step shared by the whole batch (drawn with shape (T, 1, H) / (1, 1, H))
import numpy as np


def sequence_dropout_mask(shape, p, rng, variational):
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be in [0, 1]")
    T, N, H = shape
    draw = (1, 1, H) if variational else (T, 1, H)
    return np.broadcast_to(rng.random(draw) < 1.0 - p, (T, N, H)).copy()
