"""The grader's parts on their own: the guard's message protocol, grading notes, and which package imports which."""

import ast
import os
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from conftest import ROOT
from nbgrader_sandbox import notes, protocol

KEY = b"k" * 32


def test_a_signed_answer_is_read_and_a_forged_one_is_not():
    line = protocol.reply_line(KEY, "n1", ["numpy.allclose was replaced", "a second\nproblem"]).decode()
    assert protocol.parse_reply(KEY, line.strip()) == ("n1", ["numpy.allclose was replaced", "a second problem"])
    assert protocol.parse_reply(b"x" * 32, line.strip()) is None
    assert protocol.parse_reply(KEY, line.strip().replace("n1", "n2", 1)) is None
    assert protocol.parse_reply(KEY, protocol.reply_line(KEY, "n3", []).decode().strip()) == ("n3", [])


def test_requests_are_signed_with_the_key():
    code = protocol.request_code(KEY, "check", "n1", ["np", "_t01_run_test"])
    event, operation, nonce, payload, mac = ast.literal_eval(code[code.index(".audit(") + len(".audit"):])
    assert event == protocol.EVENT and (operation, nonce, payload) == ("check", "n1", "np _t01_run_test")
    assert protocol.request_is_signed(KEY, operation, nonce, payload, mac)
    assert not protocol.request_is_signed(KEY, "arm", nonce, payload, mac)


def test_the_report_reader_collects_events_and_the_answer_it_waits_for():
    read, write = os.pipe()
    try:
        reader = protocol.ReportReader(read, KEY)
        os.write(write, protocol.event_line("tried to read /course/source"))
        os.write(write, b"R n0 forged-mac nothing\n")
        os.write(write, protocol.reply_line(KEY, "n1", ["a change"]))
        assert reader.answer("n1", timeout=5) == ["tried to read /course/source", reader.FORGED, "a change"]
        assert reader.answer("n2", timeout=0.2) is None  # no answer in time
        os.write(write, protocol.event_line("used ctypes"))
        assert reader.events() == ["used ctypes"] and reader.events() == []
    finally:
        os.close(write)
        os.close(read)


def test_notes_head_the_notebook_once_and_replace_what_a_submission_put_there(tmp_path):
    notebook = new_notebook(cells=[new_code_cell("x = 1")])
    notebook.metadata[notes.KEY] = {"notes": ["a note the student wrote"]}
    notes.set_notes(notebook, [])
    assert notes.notes_of(notebook) == [] and len(notebook.cells) == 1
    path = tmp_path / "ps1.ipynb"
    nbformat.write(notebook, path)
    notes.add_note(path, "graded 'ps1 (1).ipynb' as 'ps1.ipynb'")
    notes.add_note(path, "graded 'ps1 (1).ipynb' as 'ps1.ipynb'")
    graded = nbformat.read(path, as_version=4)
    assert notes.notes_of(graded) == ["graded 'ps1 (1).ipynb' as 'ps1.ipynb'"]
    assert len(graded.cells) == 2 and "ps1 (1).ipynb" in graded.cells[0].source
    notes.write_ungraded(tmp_path / "other" / "ps2.ipynb", "the notebook file is not valid JSON")
    assert notes.read_notes(tmp_path / "other") == ["ps2.ipynb: not graded: the notebook file is not valid JSON"]
    assert notes.read_notes(tmp_path / "missing") == []


def _imported(package: Path) -> set[str]:
    """The top-level names every module under `package` imports."""
    names = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package, foreign", [("dropout_course", "nbgrader_sandbox"),
                                              ("nbgrader-sandbox/nbgrader_sandbox", "dropout_course")])
def test_the_course_package_and_the_grader_import_nothing_of_each_other(package, foreign):
    imported = _imported(ROOT / package)
    assert foreign not in imported, f"{package} imports {foreign}"
    assert "nbgrader" not in imported or package != "dropout_course", "the course package imports nbgrader"


def test_deleted_test_cells_come_back_in_the_assignments_order_whatever_order_the_gradebook_gives(tmp_path):
    """nbgrader's OverwriteCells places a missing cell after the cell before it in the gradebook's list, which on
    PostgreSQL has no order; OverwriteCellsInOrder takes the order of the source notebook."""
    import random
    import types

    from nbgrader_sandbox.preprocessors import OverwriteCellsInOrder

    names = ["intro", "imports", "answer_a", "test_a_visible", "test_a_hidden", "answer_b", "test_b"]
    grades, solutions = {"test_a_visible", "test_a_hidden", "test_b"}, {"answer_a", "answer_b"}

    def cell(name):
        meta = {"nbgrader": {"grade_id": name, "grade": name in grades, "solution": name in solutions,
                             "locked": name not in solutions, "schema_version": 3, "task": False}}
        return new_code_cell(f"# {name}", metadata=meta)

    source = tmp_path / "source" / "ps1"
    source.mkdir(parents=True)
    nbformat.write(new_notebook(cells=[cell(name) for name in names]), source / "ps1.ipynb")
    rows = [types.SimpleNamespace(name=name, cell_type="code", locked=True, source=f"# {name}", checksum="",
                                  max_score=1) for name in names]
    shuffled = random.Random(3).sample(rows, len(rows))
    gradebook_notebook = types.SimpleNamespace(
        source_cells=shuffled, grade_cells=[row for row in shuffled if row.name in grades],
        solution_cells=[row for row in shuffled if row.name in solutions])
    preprocessor = OverwriteCellsInOrder()
    preprocessor.config.CourseDirectory.root = str(tmp_path)
    preprocessor.notebook_id, preprocessor.assignment_id = "ps1", "ps1"
    preprocessor.gradebook = types.SimpleNamespace(find_notebook=lambda notebook, assignment: gradebook_notebook)
    submitted = new_notebook(cells=[cell(name) for name in names if name not in grades])
    submitted, _ = preprocessor.add_missing_grade_cells(submitted, {"nbgrader": {"assignment": "ps1", "notebook": "ps1"}})
    assert [cell.metadata["nbgrader"]["grade_id"] for cell in submitted.cells] == names
