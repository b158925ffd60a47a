"""WRONG variant (based on correct/c1_basic_sequential.py).
Broken function: early_stopping_epoch
Bug: returns np.int64 (== works, isinstance(int) fails)
"""

import numpy as np


def early_stopping_epoch(val_losses, patience):
    if len(val_losses) == 0:
        raise ValueError("val_losses must be non-empty")
    if patience < 1:
        raise ValueError("patience must be >= 1")
    best_loss = val_losses[0]
    best_epoch = 0
    bad_epochs = 0
    for epoch in range(1, len(val_losses)):
        if val_losses[epoch] < best_loss:
            best_loss = val_losses[epoch]
            best_epoch = epoch
            bad_epochs = 0
        else:
            bad_epochs += 1
        if bad_epochs >= patience:
            break
    return np.int64(best_epoch)
