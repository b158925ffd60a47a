# WRONG: tf1's keep_prob is returned as is instead of 1 - keep_prob.
def drop_probability(value, convention):
    if convention not in ("pytorch", "keras", "tf1", "srivastava2014"):
        raise ValueError(f"unknown convention {convention!r}")
    if not 0 <= value <= 1:
        raise ValueError("value must be in [0, 1]")
    if convention == "srivastava2014":
        return float(1 - value)
    return float(value)
