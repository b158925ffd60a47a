"""get_ipython().run_cell and run_cell_async (what the kernel calls for each execute_request) are replaced by wrappers
that rewrite the cell into `try: exec(<cell>) except BaseException: pass` before running it.
"""

KIND = "tamper"
PLACEMENT = "extra_cell_first"
REST = "blank"
CODE = r'''_atk_ip = get_ipython()
_ATK_MARK = "# atk: wrapped\n"


def _atk_wrap(raw_cell):
    if raw_cell.startswith(_ATK_MARK):
        return raw_cell
    try:
        source = _atk_ip.transform_cell(raw_cell)
    except Exception:
        source = raw_cell
    return (_ATK_MARK + "try:\n" f"    exec(compile({source!r}, '<cell>', 'exec'), globals())\n"
            "except BaseException:\n    pass\n")


_atk_orig_run_cell = getattr(_atk_ip.run_cell, "_atk_orig", _atk_ip.run_cell)
_atk_orig_run_cell_async = getattr(_atk_ip.run_cell_async, "_atk_orig", _atk_ip.run_cell_async)


def _atk_run_cell(raw_cell, *args, **kwargs):
    return _atk_orig_run_cell(_atk_wrap(raw_cell), *args, **kwargs)


def _atk_run_cell_async(raw_cell, *args, **kwargs):
    wrapped = _atk_wrap(raw_cell)
    if "transformed_cell" in kwargs:
        kwargs["transformed_cell"] = wrapped
        kwargs["preprocessing_exc_tuple"] = None
    return _atk_orig_run_cell_async(wrapped, *args, **kwargs)


_atk_run_cell._atk_orig = _atk_orig_run_cell
_atk_run_cell_async._atk_orig = _atk_orig_run_cell_async
_atk_ip.run_cell = _atk_run_cell
_atk_ip.run_cell_async = _atk_run_cell_async
'''
