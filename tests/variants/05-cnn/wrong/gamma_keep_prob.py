# WRONG: uses keep_prob = 1 - p where the drop rate p belongs


def dropblock_gamma(p, block_size, feat_size):
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be in [0, 1]")
    if block_size < 1 or block_size > feat_size:
        raise ValueError("need 1 <= block_size <= feat_size")
    keep_prob = 1.0 - p
    return keep_prob / block_size**2 * feat_size**2 / (feat_size - block_size + 1) ** 2
