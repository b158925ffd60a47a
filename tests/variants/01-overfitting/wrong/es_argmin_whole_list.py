"""WRONG variant (based on correct/c1_basic_sequential.py).
Broken function: early_stopping_epoch
Bug: ignores patience/stopping: returns argmin over the whole list
"""

import numpy as np


def early_stopping_epoch(val_losses, patience):
    if len(val_losses) == 0:
        raise ValueError("val_losses must be non-empty")
    if patience < 1:
        raise ValueError("patience must be >= 1")
    return int(np.argmin(val_losses))
