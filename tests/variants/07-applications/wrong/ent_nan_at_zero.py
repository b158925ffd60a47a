# WRONG: 0 * log 0 evaluates to NaN (warnings silenced), so a row with a zero probability gives NaN
import numpy as np


def predictive_entropy(probs):
    probs = np.asarray(probs, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.sum(probs * np.log(probs), axis=1)
