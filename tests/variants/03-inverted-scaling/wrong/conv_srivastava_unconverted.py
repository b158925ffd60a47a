# WRONG: the 2014 paper's p is treated as a drop probability (it is the retain probability).
def drop_probability(value, convention):
    if convention not in ("pytorch", "keras", "tf1", "srivastava2014"):
        raise ValueError(f"unknown convention {convention!r}")
    if not 0 <= value <= 1:
        raise ValueError("value must be in [0, 1]")
    if convention == "tf1":
        return float(1 - value)
    return float(value)
