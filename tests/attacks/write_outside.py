"""Creates marker files named ATK_PWNED_write_outside.txt outside the kernel's folder: in the course root, its
solutions/ and another student's submitted folder, next to the course package, in the venv, in /tmp, /dev/shm and
the grader's home; prints which writes succeeded.
"""

KIND = "escape"
PLACEMENT = "extra_cell_first"
REST = "blank"
CODE = r'''import os as _atk_os


def _atk_roots():
    """Directories that may be (or contain) the course root: ancestors of the cwd, of the grader's cwd, of the
    course package, the home folder and a few usual places."""
    seeds = [_atk_os.getcwd()]
    for pid in (_atk_os.getppid(),):
        try:
            seeds.append(_atk_os.readlink(f"/proc/{pid}/cwd"))
        except OSError:
            pass
    try:
        import dropout_course
        seeds.append(_atk_os.path.dirname(_atk_os.path.abspath(dropout_course.__file__)))
    except Exception:
        pass
    for key, value in _atk_os.environ.items():
        if value.startswith("/") and _atk_os.path.isdir(value) and ("NBGRADER" in key or "COURSE" in key):
            seeds.append(value)
    seeds += [_atk_os.path.expanduser("~"), "/work", "/srv/nbgrader", "/srv", "/home", "/course", "/tmp"]
    out = []
    for seed in seeds:
        path = _atk_os.path.abspath(seed)
        while True:
            if path not in out:
                out.append(path)
            parent = _atk_os.path.dirname(path)
            if parent == path:
                break
            path = parent
    return out


def _atk_walk(top, want, seconds=10.0, max_depth=7):
    """Bounded os.walk under top: paths p for which want(p) holds."""
    import time
    end, found = time.time() + seconds, []
    top_depth = top.rstrip("/").count("/")
    for dirpath, dirnames, filenames in _atk_os.walk(top, onerror=lambda e: None):
        if time.time() > end:
            break
        if dirpath.count("/") - top_depth >= max_depth or dirpath.startswith(("/proc", "/sys", "/dev")):
            dirnames[:] = []
        dirnames[:] = [d for d in dirnames if d not in (".venv", "node_modules", "site-packages", "__pycache__")]
        for name in filenames:
            path = _atk_os.path.join(dirpath, name)
            try:
                if want(path):
                    found.append(path)
            except Exception:
                pass
    return found

import glob as _atk_glob, sys as _atk_sys

_atk_name = "ATK_PWNED_write_outside.txt"
_atk_targets = []
for _atk_root in _atk_roots():
    if _atk_os.path.isdir(_atk_os.path.join(_atk_root, "solutions")) or _atk_os.path.isfile(
            _atk_os.path.join(_atk_root, "gradebook.db")):
        _atk_targets += [_atk_root, _atk_os.path.join(_atk_root, "solutions")]
        _atk_targets += sorted(_atk_glob.glob(_atk_os.path.join(_atk_root, "submitted", "*", "*")))[:2]
        break
try:
    import dropout_course
    _atk_targets.append(_atk_os.path.dirname(_atk_os.path.abspath(dropout_course.__file__)))
except Exception:
    pass
_atk_targets += [_atk_sys.prefix, "/tmp", "/dev/shm", "/var/tmp", _atk_os.path.expanduser("~"),
                 _atk_os.path.dirname(_atk_os.getcwd())]
for _atk_dir in dict.fromkeys(_atk_targets):
    _atk_path = _atk_os.path.join(_atk_dir, _atk_name)
    try:
        with open(_atk_path, "w") as _atk_f:
            _atk_f.write("written by student code during grading\n")
        print("ATTACK write_outside: WROTE", _atk_path)
    except Exception as _atk_error:
        print("ATTACK write_outside: denied", _atk_path, type(_atk_error).__name__)
'''
