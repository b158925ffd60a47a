# WRONG: a value outside [0, 1] is converted without raising ValueError.
def drop_probability(value, convention):
    if convention in ("pytorch", "keras"):
        return float(value)
    if convention in ("tf1", "srivastava2014"):
        return float(1 - value)
    raise ValueError(f"unknown convention {convention!r}")
