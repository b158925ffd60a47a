"""Tries to hide failures the classic way: sys.stderr/sys.__stderr__ replaced by a StringIO, fd 2 pointed at /dev/null,
warnings silenced, sys.excepthook/threading.excepthook/the shell's excepthook replaced by no-ops.
"""

KIND = "tamper"
PLACEMENT = "extra_cell_first"
REST = "blank"
CODE = r'''import io as _atk_io, os as _atk_os, sys as _atk_sys, threading as _atk_threading, warnings as _atk_warnings

_atk_sink = _atk_io.StringIO()
_atk_sys.stderr = _atk_sys.__stderr__ = _atk_sink
try:
    _atk_os.dup2(_atk_os.open(_atk_os.devnull, _atk_os.O_WRONLY), 2)
except OSError:
    pass
_atk_warnings.showwarning = lambda *args, **kwargs: None
_atk_warnings.simplefilter("ignore")
_atk_sys.excepthook = lambda *args: None
_atk_threading.excepthook = lambda args: None
get_ipython().excepthook = lambda *args, **kwargs: None
'''
