"""get_ipython().showtraceback/_showtraceback/showsyntaxerror are replaced by functions that print nothing and clear
the running cell's ExecutionResult error (found up the stack), so no error output and an 'ok' reply.
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


def _atk_quiet(*args, **kwargs):
    _atk_clear_result()


_atk_ip = get_ipython()
_atk_ip.showtraceback = _atk_quiet
_atk_ip.showsyntaxerror = _atk_quiet
_atk_ip._showtraceback = lambda *args, **kwargs: None
'''
