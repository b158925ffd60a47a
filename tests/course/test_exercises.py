"""The exercises: the release is generated from the solutions and leaks nothing; solutions pass; releases score 0."""

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ASSIGNMENTS, ROOT, run_tool

SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION", "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")


def solution_notebook(assignment: str) -> Path:
    return ROOT / "solutions" / assignment / f"{assignment}.ipynb"


def release_notebook(assignment: str) -> Path:
    return ROOT / "exercises" / assignment / f"{assignment}.ipynb"


def execute(path: Path) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a fresh kernel, going on after errors, as nbgrader does."""
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return notebook


def graded_cells(notebook: nbformat.NotebookNode):
    return [cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade") and cell.cell_type == "code"]


def marked_lines(source: str, begin: str, end: str) -> list[str]:
    """The non-trivial lines between two nbgrader markers."""
    lines, inside = [], False
    for line in source.splitlines():
        if begin in line:
            inside = True
        elif end in line:
            inside = False
        elif inside and len(line.strip()) > 12:
            lines.append(line.strip())
    return lines


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_matches_a_fresh_generate_assignment(assignment, tmp_path):
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    shutil.copytree(ROOT / "solutions" / assignment, tmp_path / "solutions" / assignment)
    run_tool("nbgrader", "generate_assignment", assignment, "--force", cwd=tmp_path)
    fresh = sorted(p.relative_to(tmp_path / "exercises") for p in (tmp_path / "exercises").rglob("*") if p.is_file())
    committed = sorted(p.relative_to(ROOT / "exercises") for p in (ROOT / "exercises" / assignment).rglob("*") if p.is_file())
    assert fresh == committed, "exercises/ lists other files than a fresh release: run `make exercises` and commit"
    for relative in fresh:
        assert json.loads((tmp_path / "exercises" / relative).read_text()) == json.loads(
            (ROOT / "exercises" / relative).read_text()
        ), f"exercises/{relative} differs from a fresh release of solutions/: run `make exercises` and commit"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_solution_or_hidden_test_reaches_the_release(assignment):
    released = release_notebook(assignment).read_text()
    for marker in SOLUTION_MARKERS:
        assert marker not in released
    source = nbformat.read(solution_notebook(assignment), as_version=4)
    secret, public = set(), set()
    for cell in source.cells:
        hidden = marked_lines(cell.source, "### BEGIN SOLUTION", "### END SOLUTION") + marked_lines(
            cell.source, "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
        secret.update(hidden)
        public.update(line.strip() for line in cell.source.splitlines() if line.strip() not in hidden)
    release = nbformat.read(release_notebook(assignment), as_version=4)
    released_lines = {line.strip() for cell in release.cells for line in cell.source.splitlines()}
    leaked = sorted((secret - public) & released_lines)
    assert not leaked, f"lines of the solutions or hidden tests appear in the release: {leaked[:5]}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_notebook_is_well_formed(assignment):
    """Every answer cell is followed by its tests; every test cell has points; the intro states the true total."""
    notebook = nbformat.read(solution_notebook(assignment), as_version=4)
    ids = [cell.metadata["nbgrader"]["grade_id"] for cell in notebook.cells if "nbgrader" in cell.metadata]
    assert len(ids) == len(set(ids)) == len(notebook.cells), "every cell needs nbgrader metadata with a unique grade_id"
    kinds = []
    for cell in notebook.cells:
        meta = cell.metadata["nbgrader"]
        if meta["solution"]:
            kinds.append("answer")
            assert "### BEGIN SOLUTION" in cell.source and '"""' in cell.source, f"{meta['grade_id']}: docstring and solution markers"
        elif meta["grade"]:
            kinds.append("test")
            assert meta["locked"] and meta.get("points", 0) > 0, f"{meta['grade_id']}: test cells are locked and carry points"
        else:
            assert meta["locked"], f"{meta['grade_id']}: description and set-up cells are read-only"
    for position, kind in enumerate(kinds):
        if kind == "answer":
            assert kinds[position + 1] == "test", "each answer cell is followed directly by its visible test cell"
    total = sum(cell.metadata["nbgrader"].get("points", 0) for cell in graded_cells(notebook))
    stated = re.search(r"\*\*total\*\*.*\*\*(\d+)\*\*", notebook.cells[0].source)
    assert stated and int(stated.group(1)) == total, f"the first cell must state the total points, {total}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_passes_every_test_without_writing_to_stderr(assignment):
    notebook = execute(solution_notebook(assignment))
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            assert output.output_type != "error", f"{cell.metadata['nbgrader']['grade_id']}: {output.ename}: {output.evalue}"
            assert output.get("name") != "stderr", (
                f"{cell.metadata['nbgrader']['grade_id']} writes to stderr, which makes nbgrader score it 0: {output.text}"
            )


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_untouched_release_fails_its_visible_tests_with_not_implemented_error(assignment):
    notebook = execute(release_notebook(assignment))
    errors = {}
    for cell in graded_cells(notebook):
        names = [output.ename for output in cell.outputs if output.output_type == "error"]
        errors[cell.metadata["nbgrader"]["grade_id"]] = names
    source = nbformat.read(solution_notebook(assignment), as_version=4)
    hidden = {cell.metadata["nbgrader"]["grade_id"] for cell in source.cells if "### BEGIN HIDDEN TESTS" in cell.source}
    visible = {grade_id: names for grade_id, names in errors.items() if grade_id not in hidden}
    assert visible and all(names == ["NotImplementedError"] for names in visible.values()), (
        f"each visible test of the untouched release must fail with NotImplementedError, got {visible}"
    )
    for cell in notebook.cells:
        if not cell.metadata["nbgrader"].get("grade"):
            assert not any(o.output_type == "error" for o in cell.get("outputs", [])), "only test cells may fail"
