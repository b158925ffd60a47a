"""Ignores SIGINT, SIGTERM and SIGALRM, then busy-loops for 60 s (and catches KeyboardInterrupt in case), so an
interrupt-based cell timeout cannot stop it; it ends by itself after 60 s.
"""

KIND = "resource"
PLACEMENT = "extra_cell_first"
REST = "blank"
CODE = r'''import signal as _atk_signal, time as _atk_time

for _atk_sig in (_atk_signal.SIGINT, _atk_signal.SIGTERM, _atk_signal.SIGALRM):
    try:
        _atk_signal.signal(_atk_sig, _atk_signal.SIG_IGN)
    except Exception:
        pass
_atk_end = _atk_time.time() + 60
while _atk_time.time() < _atk_end:
    try:
        while _atk_time.time() < _atk_end:
            sum(range(10000))
    except KeyboardInterrupt:
        pass
print("ATTACK sigint_ignore_loop: still here after 60 s")
'''
