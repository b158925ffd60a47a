"""Starts a detached process (new session, SIGTERM/SIGHUP ignored) that outlives the kernel: it burns one CPU for 45 s
and writes /tmp/ATK_PWNED_orphan_process.txt at start and again 30 s later, to show it survived grading.
"""

KIND = "escape"
PLACEMENT = "extra_cell_first"
REST = "blank"
CODE = r'''import subprocess as _atk_subprocess, sys as _atk_sys

_atk_script = """
import os, signal, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
signal.signal(signal.SIGHUP, signal.SIG_IGN)
def mark(text):
    try:
        with open("/tmp/ATK_PWNED_orphan_process.txt", "a") as f:
            f.write(f"{os.getpid()} {text} {time.time():.0f}\\n")
    except OSError:
        pass
mark("started")
start = time.time()
marked = False
while time.time() - start < 45:
    sum(range(10000))
    if not marked and time.time() - start > 30:
        mark("still alive after 30 s")
        marked = True
"""
try:
    _atk_p = _atk_subprocess.Popen([_atk_sys.executable, "-c", _atk_script], start_new_session=True,
                                   stdin=_atk_subprocess.DEVNULL, stdout=_atk_subprocess.DEVNULL,
                                   stderr=_atk_subprocess.DEVNULL, close_fds=True)
    print("ATTACK orphan_process: started pid", _atk_p.pid)
except Exception as _atk_error:
    print("ATTACK orphan_process: could not start", repr(_atk_error))
'''
