"""After all tests have run (correct answers), allocates and touches memory in 256 MiB blocks until MemoryError or a 64
GiB cap, holds it 5 s, then frees it: the grader must survive and still record the honest full score.
"""

KIND = "resource"
PLACEMENT = "extra_cell_last"
REST = "solution"
CODE = r'''import time as _atk_time

_atk_blocks, _atk_total = [], 0
try:
    while _atk_total < 64 * 2**30:
        _atk_blocks.append(b"\x01" * (256 * 2**20))
        _atk_total += 256 * 2**20
except MemoryError:
    pass
print("ATTACK memory_hog: held", _atk_total // 2**20, "MiB")
_atk_time.sleep(5)
del _atk_blocks
'''
