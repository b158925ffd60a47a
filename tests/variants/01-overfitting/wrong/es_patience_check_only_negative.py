"""WRONG variant (based on correct/c2_functional_module.py).
Broken function: early_stopping_epoch
Bug: checks patience < 0 instead of < 1: patience 0 does not raise
"""


def early_stopping_epoch(val_losses, patience):
    if patience < 0:
        raise ValueError("patience must be at least 1")
    if not val_losses:
        raise ValueError("need at least one validation loss")
    best = float("inf")
    best_i = 0
    for i, loss in enumerate(val_losses):
        if loss < best:
            best, best_i = loss, i
        elif i - best_i >= patience:
            break
    return best_i
