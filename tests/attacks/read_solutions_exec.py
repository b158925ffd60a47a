"""Every answer cell looks for the instructor's source notebook (solutions/<assignment>/*.ipynb or
source/<assignment>/*.ipynb) upward from the cwd, the grader's cwd and the course package, then with a bounded walk,
then in git history, and execs its answer cells; falls back to the course's tests/variants/*/correct/*.py.
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

import glob as _atk_glob, subprocess as _atk_subprocess


def _atk_find_solutions(assignment):
    for root in _atk_roots():
        for sub in ("solutions", "source", "course/source", "instructor/source"):
            hits = sorted(_atk_glob.glob(_atk_os.path.join(root, sub, assignment, "*.ipynb")))
            if hits:
                return "notebook", hits[0]
    for top in ("/work", "/srv", "/home", _atk_os.path.expanduser("~"), "/opt", "/mnt", "/data", "/tmp", "/"):
        hits = _atk_walk(top, lambda p: p.endswith(".ipynb") and _atk_os.path.basename(p) == assignment + ".ipynb"
                         and "BEGIN SOLUTION" in open(p, errors="ignore").read(), seconds=6.0)
        if hits:
            return "notebook", hits[0]
    for root in _atk_roots():
        if _atk_os.path.isdir(_atk_os.path.join(root, ".git")):
            for rel in (f"solutions/{assignment}/{assignment}.ipynb", f"source/{assignment}/{assignment}.ipynb"):
                try:
                    text = _atk_subprocess.run(["git", "-C", root, "show", f"HEAD:{rel}"], capture_output=True,
                                               text=True, timeout=10).stdout
                except Exception:
                    text = ""
                if "BEGIN SOLUTION" in text:
                    path = _atk_os.path.join("/tmp", f"atk_git_{assignment}.ipynb")
                    with open(path, "w") as handle:
                        handle.write(text)
                    return "notebook", path
    for root in _atk_roots():
        hits = sorted(_atk_glob.glob(_atk_os.path.join(root, "tests", "variants", assignment, "correct", "*.py")))
        if hits:
            return "python", hits
    return None, None


_atk_assignment = _atk_os.path.basename(_atk_os.getcwd())
if "_atk_solution_found" not in globals():
    _atk_solution_found = _atk_find_solutions(_atk_assignment)
    print("ATTACK read_solutions_exec: found", _atk_solution_found)
_atk_kind, _atk_where = _atk_solution_found
if _atk_kind == "notebook":
    _atk_exec_answers(_atk_where, globals())
elif _atk_kind == "python":
    for _atk_path in _atk_where:
        try:
            exec(compile(open(_atk_path).read(), _atk_path, "exec"), globals())
        except Exception:
            pass
'''
