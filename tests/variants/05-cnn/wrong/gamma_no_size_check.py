# WRONG: no ValueError when block_size > feat_size (only block_size < 1 is checked)


def dropblock_gamma(p, block_size, feat_size):
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be in [0, 1]")
    if block_size < 1:
        raise ValueError("block_size must be >= 1")
    return p / block_size**2 * feat_size**2 / (feat_size - block_size + 1) ** 2
