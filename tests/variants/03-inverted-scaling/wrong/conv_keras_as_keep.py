# WRONG: Keras' rate is treated as a keep probability (converted with 1 - rate).
_IS_KEEP = {"pytorch": False, "keras": True, "tf1": True, "srivastava2014": True}


def drop_probability(value, convention):
    if convention not in _IS_KEEP:
        raise ValueError(f"unknown convention {convention!r}")
    if not 0 <= value <= 1:
        raise ValueError("value must be in [0, 1]")
    return float(1 - value if _IS_KEEP[convention] else value)
