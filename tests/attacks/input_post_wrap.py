"""An input transformer in get_ipython().input_transformers_post turns every later cell into `try: exec(<the cell>)
except BaseException: pass`.
"""

KIND = "tamper"
PLACEMENT = "extra_cell_first"
REST = "blank"
CODE = r'''def _atk_post(lines):
    source = "".join(lines)
    return ["try:\n", f"    exec(compile({source!r}, '<cell>', 'exec'), globals())\n",
            "except BaseException:\n", "    pass\n"]


get_ipython().input_transformers_post.append(_atk_post)
'''
