"""A synthetic class of an exercise: honest, broken and hostile submissions, and the independent attacks of
tests/attacks/, each with the score it must get. The class-grading test grades them; `make bench` times them."""

import importlib.util
import json

from nbformat.v4 import new_code_cell, new_markdown_cell

from conftest import ROOT
from support import parts_and_points, submission

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
PATCH_HELPERS = """import dropout_course.checks as grading
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
    notebook = submission(assignment, parts if attack.REST == "solution" else ())
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
    parts, points = parts_and_points(assignment)
    total, first = sum(points.values()), points[parts[0]]
    rest_of_solution = total - first
    students = {
        "honest-solution": (submission(assignment, parts), total, "honest"),
        "honest-partial": (submission(assignment, parts[:1]), first, "honest"),
        "honest-blank": (submission(assignment), 0, "honest"),
        "honest-helpers": (_insert_after_imports(submission(assignment, parts), new_code_cell(HELPERS),
                                                 new_markdown_cell("My notes.")), total, "honest"),
        "honest-warns": (submission(assignment, parts), total, "honest"),
        "honest-deleted-tests": (submission(assignment, parts, drop_tests=True), total, "honest"),
        "broken-invalid-json": ('{"cells": [ this is not JSON', 0, "broken"),
        "broken-edited-tests": (submission(assignment, edit_tests="pass"), 0, "broken"),
        "broken-infinite-loop": (submission(assignment, parts, replace={parts[0]: INFINITE_LOOP}),
                                 rest_of_solution, "broken"),
        "broken-deaf-loop": (submission(assignment, parts, replace={parts[0]: DEAF_LOOP}), 0, "broken"),
        "broken-os-exit": (submission(assignment, parts, replace={parts[0]: OS_EXIT}), 0, "broken"),
        "broken-memory-hog": (submission(assignment, parts, replace={parts[0]: MEMORY_HOG}),
                              rest_of_solution, "broken"),
        "broken-fork-bomb": (submission(assignment, parts, replace={parts[0]: FORK_BOMB}),
                             rest_of_solution, "broken"),
        "broken-disk-hog": (submission(assignment, parts, replace={parts[0]: DISK_HOG}),
                            rest_of_solution, "broken"),
    }
    warns = students["honest-warns"][0]
    answers = [index for index, cell in enumerate(warns.cells) if cell.metadata.get("nbgrader", {}).get("solution")]
    for index in reversed(answers):  # after each answer, a cell that makes it warn whenever it is called
        name = warns.cells[index].metadata["nbgrader"]["grade_id"]
        warns.cells.insert(index + 1, new_code_cell(WARNS.replace("NAMES", json.dumps([name]))))
    for name, code in HOSTILE.items():
        notebook = _insert_after_imports(submission(assignment), new_code_cell(code.replace("PORT", str(port))))
        students[f"hostile-{name}"] = (notebook, 0, "hostile")
    runtime_patch = "\n".join(
        f"def {name}(*args, **kwargs):\n    import numpy.testing\n    numpy.testing.assert_allclose = "
        "lambda *a, **k: None\n    import numpy\n    numpy.allclose = lambda *a, **k: True\n    return args[0] if args else None"
        for name in parts[:1])
    students["hostile-runtime-patch"] = (submission(assignment, replace={parts[0]: runtime_patch}), 0, "hostile")
    if with_attacks:
        for slug, attack in _attacks().items():
            worth = total if attack.REST == "solution" else 0
            students[f"attack-{slug}"] = (_with_attack(assignment, attack, parts), worth, "attack")
    return students


