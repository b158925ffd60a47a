"""get_ipython().set_custom_exc((BaseException,), handler): the handler shows nothing and, walking up the stack to
IPython's ExecutionResult, clears error_in_exec so the execute_reply says 'ok'.
"""

KIND = "tamper"
PLACEMENT = "extra_cell_first"
REST = "blank"
CODE = r'''import sys as _atk_sys

def _atk_clear_result():
    """Find IPython's ExecutionResult of the running cell up the stack and mark the cell as successful."""
    frame = _atk_sys._getframe(1)
    while frame is not None:
        try:
            for value in list(frame.f_locals.values()):
                if type(value).__name__ == "ExecutionResult":
                    value.error_in_exec = None
                    value.error_before_exec = None
        except Exception:
            pass
        frame = frame.f_back


def _atk_handler(shell, etype, value, tb, tb_offset=None):
    _atk_clear_result()
    return []


get_ipython().set_custom_exc((BaseException,), _atk_handler)
'''
