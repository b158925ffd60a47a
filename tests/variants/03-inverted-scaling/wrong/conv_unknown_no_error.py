# WRONG: an unknown convention falls through to "drop probability" instead of raising ValueError.
def drop_probability(value, convention):
    if not 0 <= value <= 1:
        raise ValueError("value must be in [0, 1]")
    if convention in ("tf1", "srivastava2014"):
        return float(1 - value)
    return float(value)
