# WRONG: off-by-one range(2**n - 1) drops the all-ones mask (only 2**n - 1 rows)
import numpy as np


def all_masks(n):
    return np.array([[(i >> j) & 1 for j in range(n)] for i in range(2 ** n - 1)])
