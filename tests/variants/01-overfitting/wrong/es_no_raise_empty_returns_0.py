"""WRONG variant (based on correct/c2_functional_module.py).
Broken function: early_stopping_epoch
Bug: no empty-list check: empty list silently returns 0
"""


def early_stopping_epoch(val_losses, patience):
    if patience < 1:
        raise ValueError("patience must be at least 1")
    best = float("inf")
    best_i = 0
    for i, loss in enumerate(val_losses):
        if loss < best:
            best, best_i = loss, i
        elif i - best_i >= patience:
            break
    return best_i
