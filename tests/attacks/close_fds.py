"""Closes file descriptors 1 and 2 of the kernel and points sys.stdout/sys.stderr at /dev/null, hoping that errors and
stderr text of the failing tests can no longer be written.
"""

KIND = "tamper"
PLACEMENT = "extra_cell_first"
REST = "blank"
CODE = r'''import os as _atk_os, sys as _atk_sys

_atk_sys.stdout.flush()
_atk_sys.stderr.flush()
for _atk_fd in (1, 2):
    try:
        _atk_os.close(_atk_fd)
    except OSError:
        pass
_atk_sys.stdout = _atk_sys.stderr = open(_atk_os.devnull, "w")
'''
