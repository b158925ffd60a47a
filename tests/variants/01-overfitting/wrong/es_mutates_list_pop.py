"""WRONG variant (based on correct/c1_basic_sequential.py).
Broken function: early_stopping_epoch
Bug: consumes the caller's list with pop(0) (list is emptied); return value still correct
"""


def early_stopping_epoch(val_losses, patience):
    if len(val_losses) == 0:
        raise ValueError("val_losses must be non-empty")
    if patience < 1:
        raise ValueError("patience must be >= 1")
    best_loss = val_losses.pop(0)
    best_epoch = 0
    bad_epochs = 0
    epoch = 0
    while val_losses:
        loss = val_losses.pop(0)
        epoch += 1
        if loss < best_loss:
            best_loss = loss
            best_epoch = epoch
            bad_epochs = 0
        else:
            bad_epochs += 1
        if bad_epochs >= patience:
            break
    return best_epoch
