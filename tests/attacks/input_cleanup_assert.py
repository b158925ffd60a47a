"""A text-level input transformer in get_ipython().input_transformers_cleanup rewrites every `assert cond, msg` line
into a harmless assignment and wraps the whole cell in try/except BaseException.
"""

KIND = "tamper"
PLACEMENT = "extra_cell_first"
REST = "blank"
CODE = r'''import re as _atk_re


def _atk_cleanup(lines):
    body = []
    for line in lines:
        line = _atk_re.sub(r"^(\s*)assert\b", r"\1_atk_ = ", line)
        body.append("    " + (line if line.endswith("\n") else line + "\n"))
    return ["try:\n", "    pass\n"] + body + ["except BaseException:\n", "    pass\n"]


get_ipython().input_transformers_cleanup.append(_atk_cleanup)
'''
