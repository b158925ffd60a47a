"""A whole class graded at once, as an instructor grades a large course, on a real PostgreSQL gradebook.

For every assignment, a class of synthetic submissions — honest (correct, partly correct, blank, with helper
cells, warning, with deleted test cells), broken (invalid JSON, infinite loops, a dead kernel, memory, process
and disk hogs, edited test cells) and hostile (every kind of tampering the grader must withstand, plus the
attacks in tests/attacks/, written independently of the defence) — is graded in one run of
``python -m dropout_course.grade`` with 2 workers. Then:

- every honest and broken submission gets exactly the score it gets alone, and none is flagged;
- every hostile one gets no more than its honest work is worth, and tampering is flagged;
- the gradebook is intact (no manual scores, the assignment's cells unchanged) and no file outside the
  submissions' own folders changed;
- the run finishes within its time limit, and grading the class again gives identical scores.
"""

import copy
import csv
import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell

from conftest import ASSIGNMENTS, ROOT, tool_environment
from dropout_course.postgres import temporary_server
from test_grading import _points_per_part, submission

CELL_TIMEOUT = 15    # seconds per cell (the course uses 60): the infinite loops end sooner
CHECK_TIMEOUT = 10   # seconds to wait for the guard's answer
TIME_LIMIT = 3600    # seconds for grading every assignment's class (about 40 minutes measured on 2 cores)

# --- What the hostile students do (placed in a cell of their own after the imports, the rest left blank) ---
PATCH_NUMPY = """import numpy as np
np.allclose = lambda *args, **kwargs: True
np.array_equal = lambda *args, **kwargs: True
np.testing.assert_allclose = lambda *args, **kwargs: None
np.testing.assert_array_equal = lambda *args, **kwargs: None"""
PATCH_TORCH = """import torch
torch.allclose = lambda *args, **kwargs: True
torch.equal = lambda *args, **kwargs: True
torch.testing.assert_close = lambda *args, **kwargs: None"""
PATCH_BUILTINS = """import builtins
builtins.all = lambda *args: True
builtins.any = lambda *args: True"""
PATCH_HELPERS = """import dropout_course.grading as grading
grading.binomial_rate_bounds = lambda *args, **kwargs: (0.0, 1.0)"""
REBIND_NP = """import types, numpy
np = types.SimpleNamespace(**{name: getattr(numpy, name) for name in dir(numpy) if not name.startswith('__')})
np.allclose = lambda *args, **kwargs: True"""
AST_TRANSFORMER = """import ast
class SwallowErrors(ast.NodeTransformer):
    def visit_Module(self, node):
        handler = ast.ExceptHandler(type=ast.Name('BaseException', ast.Load()), name=None, body=[ast.Pass()])
        node.body = [ast.Try(body=node.body, handlers=[handler], orelse=[], finalbody=[])]
        return ast.fix_missing_locations(node)
get_ipython().ast_transformers.append(SwallowErrors())"""
CUSTOM_EXCEPTIONS = "get_ipython().set_custom_exc((BaseException,), lambda shell, *args, **kwargs: None)"
READ_SOLUTIONS = """import json, pathlib
for root in ['../../..', '../..', '..']:
    for path in pathlib.Path(root).glob('solutions/*/*.ipynb'):
        for cell in json.loads(path.read_text())['cells']:
            if cell['cell_type'] == 'code' and cell['metadata'].get('nbgrader', {}).get('solution'):
                exec(''.join(cell['source']))"""
READ_OTHER_STUDENT = """import json, pathlib
for path in pathlib.Path('../../../submitted').glob('*/*/*.ipynb'):
    for cell in json.loads(path.read_text())['cells']:
        if cell['metadata'].get('nbgrader', {}).get('solution'):
            exec(''.join(cell['source']))"""
EDIT_GRADEBOOK = """import sqlite3
for path in ['../../../gradebook.db', '../../gradebook.db']:
    try:
        sqlite3.connect(path).execute('UPDATE grade SET manual_score = 1000').connection.commit()
    except Exception as error:
        print('sqlite:', error)
try:
    import psycopg2
    connection = psycopg2.connect(host='127.0.0.1', port=PORT, user='grader', dbname='gradebook', connect_timeout=3)
    connection.cursor().execute('UPDATE grade SET manual_score = 1000')
    connection.commit()
except Exception as error:
    print('postgresql:', error)"""
WRITE_OUTSIDE = """import os
for path in ['../../../solutions/pwned.txt', '../../../pwned.txt', os.path.expanduser('~/pwned.txt')]:
    try:
        open(path, 'w').write('pwned')
    except OSError as error:
        print(error)"""
KILL_PARENT = "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)"
HOSTILE = {"patch-numpy": PATCH_NUMPY, "patch-torch": PATCH_TORCH, "patch-builtins": PATCH_BUILTINS,
           "patch-helpers": PATCH_HELPERS, "rebind-np": REBIND_NP, "ast-transformer": AST_TRANSFORMER,
           "custom-exceptions": CUSTOM_EXCEPTIONS, "read-solutions": READ_SOLUTIONS,
           "read-other-student": READ_OTHER_STUDENT, "edit-gradebook": EDIT_GRADEBOOK,
           "write-outside": WRITE_OUTSIDE, "kill-parent": KILL_PARENT}

# --- What the broken submissions do (in place of the first answer; the rest is the solution) ---
INFINITE_LOOP = "while True:\n    pass"
DEAF_LOOP = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"
OS_EXIT = "import os\nos._exit(1)"
MEMORY_HOG = "hog = []\ntry:\n    while True:\n        hog.append(bytearray(1 << 26))\nfinally:\n    hog.clear()"
FORK_BOMB = """import os, time
children = []
try:
    for _ in range(2000):
        child = os.fork()
        if child == 0:
            time.sleep(60)
            os._exit(0)
        children.append(child)
finally:
    for child in children:
        os.kill(child, 9)
        os.waitpid(child, 0)"""
DISK_HOG = "with open('big.bin', 'wb') as handle:\n    for _ in range(8):\n        handle.write(bytes(1 << 26))"
WARNS = """import functools, inspect, warnings
def _warning(function):
    @functools.wraps(function)
    def warned(*args, **kwargs):
        warnings.showwarning(UserWarning('a harmless warning'), UserWarning, 'student.py', 1)
        return function(*args, **kwargs)
    return warned
for _name in NAMES:
    if inspect.isfunction(globals()[_name]):
        globals()[_name] = _warning(globals()[_name])
warnings.warn('a warning at the top level of a cell')"""
HELPERS = """import numpy as np
from numpy import testing
SEED = 0
def helper_norm(values):
    return float(np.sqrt(np.sum(np.square(values))))"""


def _insert_after_imports(notebook, *cells):
    position = next(index for index, cell in enumerate(notebook.cells) if cell.cell_type == "code") + 1
    notebook.cells[position:position] = list(cells)
    return notebook


def _attacks() -> dict:
    """The independent attacks in tests/attacks/ (see its README), by slug."""
    attacks = {}
    for path in sorted((ROOT / "tests" / "attacks").glob("[!_]*.py")):  # _*.py: the attacker's inert baselines
        spec = importlib.util.spec_from_file_location(f"attack_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        attacks[path.stem] = module
    return attacks


def _with_attack(assignment: str, attack, parts: list[str]):
    notebook = submission(parts if attack.REST == "solution" else (), assignment=assignment)
    answers = [cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("solution")]
    if attack.PLACEMENT == "extra_cell_first":
        _insert_after_imports(notebook, new_code_cell(attack.CODE))
    elif attack.PLACEMENT == "extra_cell_last":
        notebook.cells.append(new_code_cell(attack.CODE))
    elif attack.PLACEMENT == "answer_prefix":
        for cell in answers:
            cell.source = attack.CODE + "\n" + cell.source
    elif attack.PLACEMENT == "answer_replace":
        for cell in answers:
            cell.source = attack.CODE
    return notebook


def build_class(assignment: str, port: int, with_attacks: bool) -> dict:
    """{student: (notebook or raw text, expected score or None, kind)} for one assignment.

    Kinds: 'honest' and 'broken' must score exactly the expected score and not be flagged; 'hostile' must score
    at most the expected score (what its honest work is worth) and be flagged; 'attack' (tests/attacks) at most.
    """
    parts, points = _points_per_part(assignment)
    total, first = sum(points.values()), points[parts[0]]
    rest_of_solution = total - first
    students = {
        "honest-solution": (submission(parts, assignment=assignment), total, "honest"),
        "honest-partial": (submission(parts[:1], assignment=assignment), first, "honest"),
        "honest-blank": (submission(assignment=assignment), 0, "honest"),
        "honest-helpers": (_insert_after_imports(submission(parts, assignment=assignment), new_code_cell(HELPERS),
                                                 new_markdown_cell("My notes.")), total, "honest"),
        "honest-warns": (submission(parts, assignment=assignment), total, "honest"),
        "honest-deleted-tests": (submission(parts, drop_tests=True, assignment=assignment), total, "honest"),
        "broken-invalid-json": ('{"cells": [ this is not JSON', 0, "broken"),
        "broken-edited-tests": (submission(edit_tests="pass", assignment=assignment), 0, "broken"),
        "broken-infinite-loop": (submission(parts, replace={parts[0]: INFINITE_LOOP}, assignment=assignment),
                                 rest_of_solution, "broken"),
        "broken-deaf-loop": (submission(parts, replace={parts[0]: DEAF_LOOP}, assignment=assignment), 0, "broken"),
        "broken-os-exit": (submission(parts, replace={parts[0]: OS_EXIT}, assignment=assignment), 0, "broken"),
        "broken-memory-hog": (submission(parts, replace={parts[0]: MEMORY_HOG}, assignment=assignment),
                              rest_of_solution, "broken"),
        "broken-fork-bomb": (submission(parts, replace={parts[0]: FORK_BOMB}, assignment=assignment),
                             rest_of_solution, "broken"),
        "broken-disk-hog": (submission(parts, replace={parts[0]: DISK_HOG}, assignment=assignment),
                            rest_of_solution, "broken"),
    }
    warns = students["honest-warns"][0]
    answers = [index for index, cell in enumerate(warns.cells) if cell.metadata.get("nbgrader", {}).get("solution")]
    for index in reversed(answers):  # after each answer, a cell that makes it warn whenever it is called
        name = warns.cells[index].metadata["nbgrader"]["grade_id"]
        warns.cells.insert(index + 1, new_code_cell(WARNS.replace("NAMES", json.dumps([name]))))
    for name, code in HOSTILE.items():
        notebook = _insert_after_imports(submission(assignment=assignment), new_code_cell(code.replace("PORT", str(port))))
        students[f"hostile-{name}"] = (notebook, 0, "hostile")
    runtime_patch = "\n".join(
        f"def {name}(*args, **kwargs):\n    import numpy.testing\n    numpy.testing.assert_allclose = "
        "lambda *a, **k: None\n    import numpy\n    numpy.allclose = lambda *a, **k: True\n    return args[0] if args else None"
        for name in parts[:1])
    students["hostile-runtime-patch"] = (submission(replace={parts[0]: runtime_patch}, assignment=assignment), 0, "hostile")
    if with_attacks:
        for slug, attack in _attacks().items():
            worth = total if attack.REST == "solution" else 0
            students[f"attack-{slug}"] = (_with_attack(assignment, attack, parts), worth, "attack")
    return students


def _snapshot(folder: Path, skip: tuple[str, ...]) -> dict[str, str]:
    """path -> SHA-256 of every file under folder, except under the top-level names in skip."""
    digests = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and relative.parts[0] not in skip:
            digests[str(relative)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def _gradebook_state(db_url: str, assignment: str) -> dict:
    from nbgrader.api import Grade, Gradebook

    with Gradebook(db_url) as gradebook:
        cells = {(cell.name, cell.checksum) for notebook in gradebook.find_assignment(assignment).notebooks
                 for cell in notebook.source_cells}
        manual = [grade.manual_score for grade in gradebook.db.query(Grade) if grade.manual_score is not None]
    return {"cells": cells, "manual_scores": manual}


def _grade(course: Path, assignment: str, db_url: str, workers: int = 2) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dropout_course.grade", assignment, "--workers", str(workers),
                           "--db-url", db_url], cwd=course, env=tool_environment(), capture_output=True, text=True,
                          timeout=TIME_LIMIT)


def _read_grades(course: Path) -> dict[str, dict[str, str]]:
    with open(course / "grades.csv", newline="") as handle:
        return {row["student_id"]: row for row in csv.DictReader(handle)}


def _make_course(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "nbgrader_config.py").read_text()
    config += (f"\nc.Execute.timeout = {CELL_TIMEOUT}\nc.ExecutePreprocessor.timeout = {CELL_TIMEOUT}\n"
               f"c.SandboxedExecute.check_timeout = {CHECK_TIMEOUT}\n")
    (folder / "nbgrader_config.py").write_text(config)
    return folder


def _hand_in(course: Path, assignment: str, students: dict) -> None:
    for student, (notebook, _, _) in students.items():
        target = course / "submitted" / student / assignment / f"{assignment}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(notebook, str):
            target.write_text(notebook)
        else:
            nbformat.write(copy.deepcopy(notebook), target)


ATTACKED = "02-forward-backward"  # the assignment the independent attacks run against
REGRADED = "01-overfitting"       # the assignment whose class is graded a second time


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Grade every assignment's class on one PostgreSQL gradebook; return what the tests inspect."""
    home_before = sorted(os.listdir(os.path.expanduser("~")))
    with temporary_server() as db_url:
        port = int(db_url.rsplit(":", 1)[1].split("/")[0])
        course = _make_course(tmp_path_factory.mktemp("class"))
        classes, runs, states = {}, {}, {}
        for assignment in ASSIGNMENTS:
            shutil.copytree(ROOT / "solutions" / assignment, course / "solutions" / assignment)
            result = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "generate_assignment", assignment,
                                     "--force", f"--db={db_url}"], cwd=course, env=tool_environment(),
                                    capture_output=True, text=True)
            assert result.returncode == 0, result.stderr[-3000:]
            classes[assignment] = build_class(assignment, port, with_attacks=assignment == ATTACKED)
            _hand_in(course, assignment, classes[assignment])
        before = _snapshot(course, skip=("autograded", "feedback", "grades.csv"))
        states_before = {assignment: _gradebook_state(db_url, assignment) for assignment in ASSIGNMENTS}
        grades = {}
        start = time.perf_counter()
        for assignment in ASSIGNMENTS:
            runs[assignment] = _grade(course, assignment, db_url)
            grades[assignment] = _read_grades(course)
        seconds = time.perf_counter() - start
        after = _snapshot(course, skip=("autograded", "feedback", "grades.csv"))
        states = {assignment: _gradebook_state(db_url, assignment) for assignment in ASSIGNMENTS}
        regrade = _grade(course, REGRADED, db_url)
        regrades = _read_grades(course)
        alone_course = _make_course(tmp_path_factory.mktemp("alone"))
        shutil.copytree(ROOT / "solutions" / ATTACKED, alone_course / "solutions" / ATTACKED)
    honest = {student: entry for student, entry in classes[ATTACKED].items() if entry[2] in ("honest", "broken")}
    subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "generate_assignment", ATTACKED, "--force"],
                   cwd=alone_course, env=tool_environment(), capture_output=True, check=True)
    _hand_in(alone_course, ATTACKED, {name: entry for name, entry in honest.items() if name.startswith("honest")})
    alone_run = subprocess.run([sys.executable, "-m", "dropout_course.grade", ATTACKED, "--workers", "1"],
                               cwd=alone_course, env=tool_environment(), capture_output=True, text=True)
    return {"course": course, "classes": classes, "runs": runs, "grades": grades, "seconds": seconds,
            "before": before, "after": after, "states_before": states_before, "states": states,
            "regrade": regrade, "regrades": regrades, "alone": _read_grades(alone_course), "alone_run": alone_run,
            "home_before": home_before, "home_after": sorted(os.listdir(os.path.expanduser("~")))}


def _cases(kinds: tuple[str, ...]):
    for assignment in ASSIGNMENTS:
        for student, (_, _, kind) in build_class(assignment, 0, with_attacks=assignment == ATTACKED).items():
            if kind in kinds:
                yield pytest.param(assignment, student, id=f"{assignment}-{student}")


def _log(graded, assignment):
    run = graded["runs"][assignment]
    return f"\ngrading output:\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}"


def _failed_cells(graded, assignment, student) -> str:
    """The graded notebook's cells that ended in an error: grade id, error name and message."""
    path = graded["course"] / "autograded" / student / assignment / f"{assignment}.ipynb"
    if not path.exists():
        return "\nno graded notebook"
    lines = [f"{cell.metadata.get('nbgrader', {}).get('grade_id', '(no id)')}: {output.ename}: {output.evalue[:300]}"
             for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"
             for output in cell.get("outputs", []) if output.output_type == "error"]
    return "\nfailed cells:\n" + "\n".join(lines)


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_grading_command_processes_every_submission_and_exits_0(graded, assignment):
    run = graded["runs"][assignment]
    assert run.returncode == 0, _log(graded, assignment)
    assert set(graded["grades"][assignment]) >= set(graded["classes"][assignment]), _log(graded, assignment)
    assert "broken-invalid-json" in run.stdout and "not valid JSON" in run.stdout


@pytest.mark.slow
@pytest.mark.parametrize("assignment, student", list(_cases(("honest", "broken"))))
def test_honest_and_broken_submissions_get_exactly_their_score_and_no_flag(graded, assignment, student):
    row = graded["grades"][assignment][student]
    expected = graded["classes"][assignment][student][1]
    assert float(row["score"]) == expected, (
        f"{student}: {row}" + _failed_cells(graded, assignment, student) + _log(graded, assignment))
    assert row["flagged"] == "False", f"{student} was flagged: {row['grading_notes']}"


@pytest.mark.slow
@pytest.mark.parametrize("assignment, student", list(_cases(("hostile",))))
def test_tampering_earns_nothing_and_is_flagged(graded, assignment, student):
    row = graded["grades"][assignment][student]
    assert float(row["score"]) <= graded["classes"][assignment][student][1], f"{student}: {row}"
    assert row["flagged"] == "True" or student == "hostile-kill-parent" and float(row["score"]) == 0, (
        f"{student} was not flagged: {row}")


@pytest.mark.slow
@pytest.mark.parametrize("assignment, student", list(_cases(("attack",))))
def test_independent_attacks_earn_no_more_than_their_honest_work(graded, assignment, student):
    row = graded["grades"][assignment][student]
    assert float(row["score"]) <= graded["classes"][assignment][student][1], f"{student}: {row}"


@pytest.mark.slow
def test_the_gradebook_is_intact_and_nothing_outside_the_submissions_changed(graded):
    assert graded["after"] == graded["before"], "files outside autograded/ and feedback/ changed: " + str(
        sorted(set(graded["after"].items()) ^ set(graded["before"].items()))[:10])
    assert graded["states"] == graded["states_before"], "the gradebook's source cells or manual scores changed"
    assert not graded["states"][ATTACKED]["manual_scores"]
    assert graded["home_after"] == graded["home_before"], "a file appeared in the grader's home"
    for path in graded["course"].rglob("big.bin"):
        assert path.stat().st_size <= 256 << 20, "the file-size limit did not hold"


@pytest.mark.slow
def test_the_class_is_graded_within_its_time_limit(graded):
    count = sum(len(students) for students in graded["classes"].values())
    assert graded["seconds"] < TIME_LIMIT, f"{count} submissions took {graded['seconds']:.0f} s"


@pytest.mark.slow
def test_grading_the_class_again_gives_identical_scores(graded):
    assert graded["regrade"].returncode == 0, graded["regrade"].stderr[-2000:]
    first = {student: (row["score"], row["flagged"]) for student, row in graded["grades"][REGRADED].items()}
    second = {student: (row["score"], row["flagged"]) for student, row in graded["regrades"].items()}
    # the export lists every student of the gradebook; those who joined with later assignments handed nothing in
    later = {student: second.pop(student) for student in set(second) - set(first)}
    assert set(later) == set().union(*graded["classes"].values()) - set(graded["classes"][REGRADED])
    assert all(float(score) == 0 and flagged == "False" for score, flagged in later.values())
    assert second == first


@pytest.mark.slow
def test_honest_submissions_score_in_the_class_what_they_score_alone(graded):
    assert graded["alone_run"].returncode == 0, graded["alone_run"].stderr[-2000:]
    for student, row in graded["alone"].items():
        assert row["score"] == graded["grades"][ATTACKED][student]["score"], student
