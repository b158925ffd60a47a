"""The whole nbgrader round trip, as an instructor runs it, in a temporary copy of the course.

release (generate_assignment) -> submissions -> autograde -> generate_feedback -> export (CSV): for exercise 01
with correct, untouched, partial and broken submissions in one class; for every exercise with a correct, an
untouched and a partly correct submission.
"""

import copy
import csv
import html
import shutil
from pathlib import Path

import nbformat
import pytest

from conftest import ASSIGNMENTS, REMOTE_ASSET, ROOT, run_tool

ASSIGNMENT = "01-overfitting"
CELL_TIMEOUT = 20  # seconds; shorter than the course's 60 s so that the infinite loop ends sooner


def _notebooks(assignment=ASSIGNMENT):
    source = nbformat.read(ROOT / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)
    release = nbformat.read(ROOT / "exercises" / assignment / f"{assignment}.ipynb", as_version=4)
    return source, release


def _answer_cells(notebook):
    return {cell.metadata["nbgrader"]["grade_id"]: cell for cell in notebook.cells
            if cell.metadata.get("nbgrader", {}).get("solution")}


def submission(solved=(), replace=None, drop_tests=False, edit_tests=None, assignment=ASSIGNMENT):
    """A student's notebook: the release with the answers of `solved` filled in from the solutions,
    `replace` = {answer id: code} written instead, test cells deleted or overwritten with `edit_tests`."""
    source, release = _notebooks(assignment)
    notebook = copy.deepcopy(release)
    answers = _answer_cells(source)
    for grade_id, cell in _answer_cells(notebook).items():
        if grade_id in solved:
            cell.source = answers[grade_id].source
        if replace and grade_id in replace:
            cell.source = replace[grade_id]
    kept = []
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            if drop_tests:
                continue
            if edit_tests is not None:
                cell.source = edit_tests
        kept.append(cell)
    notebook.cells = kept
    return notebook


ALL = ("l2_penalty", "early_stopping_epoch", "build_mlp")
# Names sort the broken submissions first, so the test also shows that they do not stop the others.
CLASS = {
    "a-dead-kernel": (submission(ALL, replace={"l2_penalty": "import os\nos._exit(1)"}), None),
    "b-invalid-json": ("{ this is not a notebook", None),
    "c-infinite-loop": (submission(ALL, replace={"early_stopping_epoch": "while True:\n    pass"}), None),
    "d-solution": (submission(ALL), 12),
    "e-untouched": (submission(), 0),
    "f-partial": (submission(("l2_penalty",)), 4),
    "g-deleted-tests": (submission(ALL, drop_tests=True), 12),
    "h-edited-tests": (submission(edit_tests="pass  # tests switched off"), 0),
}


def grade_class(course: Path, assignment: str, students: dict) -> Path:
    """Release `assignment` in `course`, hand in {student: notebook or raw text}, autograde, give feedback, export."""
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "solutions" / assignment, course / "solutions" / assignment)
    run_tool("nbgrader", "generate_assignment", assignment, "--force", cwd=course)
    for student, notebook in students.items():
        folder = course / "submitted" / student / assignment
        folder.mkdir(parents=True)
        target = folder / f"{assignment}.ipynb"
        if isinstance(notebook, str):
            target.write_text(notebook)
        else:
            nbformat.write(notebook, target)
    timeouts = [f"--Execute.timeout={CELL_TIMEOUT}", f"--ExecutePreprocessor.timeout={CELL_TIMEOUT}"]
    autograde = run_tool("nbgrader", "autograde", assignment, *timeouts, cwd=course, check=False)
    (course / "autograde.log").write_text(autograde.stdout + autograde.stderr)
    run_tool("nbgrader", "generate_feedback", assignment, cwd=course, check=False)
    run_tool("nbgrader", "export", "--to", "grades.csv", cwd=course)
    return course


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory) -> Path:
    return grade_class(tmp_path_factory.mktemp("course"), ASSIGNMENT,
                       {student: notebook for student, (notebook, _) in CLASS.items()})


def _grades(course: Path) -> dict[str, dict[str, str]]:
    with open(course / "grades.csv", newline="") as handle:
        return {row["student_id"]: row for row in csv.DictReader(handle)}


@pytest.mark.slow
@pytest.mark.parametrize("student", [name for name, (_, score) in CLASS.items() if score is not None])
def test_scores_in_the_exported_grades(graded_course, student):
    row = _grades(graded_course)[student]
    expected = CLASS[student][1]
    assert float(row["max_score"]) == 12
    assert float(row["score"]) == expected, (
        f"{student} scored {row['score']} instead of {expected}; autograde log:\n"
        + (graded_course / "autograde.log").read_text()[-3000:]
    )


@pytest.mark.slow
@pytest.mark.parametrize("student", ["a-dead-kernel", "b-invalid-json", "c-infinite-loop"])
def test_broken_submissions_never_earn_full_marks(graded_course, student):
    row = _grades(graded_course).get(student)
    assert row is None or float(row["score"]) < 12


@pytest.mark.slow
def test_an_infinite_loop_costs_only_its_own_part(graded_course):
    """The loop is stopped by the time limit; the other answers of the same notebook still count."""
    assert float(_grades(graded_course)["c-infinite-loop"]["score"]) == 8


@pytest.mark.slow
def test_feedback_is_written_for_every_graded_submission(graded_course):
    for student, (_, score) in CLASS.items():
        if score is not None:
            page = graded_course / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html"
            assert page.exists(), f"no feedback for {student}"
    assert "BEGIN SOLUTION" not in (graded_course / "feedback" / "e-untouched" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()


def _points_per_part(assignment: str) -> tuple[list[str], dict[str, float]]:
    """The graded parts in notebook order and each one's points (its test cells after its answer cell)."""
    source, _ = _notebooks(assignment)
    order, points, current = [], {}, None
    for cell in source.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            current = meta["grade_id"]
            order.append(current)
            points[current] = 0.0
        elif meta.get("grade"):
            points[current] += meta["points"]
    return order, points


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_assignment_grades_solution_untouched_and_partial_submissions(assignment, tmp_path):
    parts, points = _points_per_part(assignment)
    students = {
        "solution": (submission(parts, assignment=assignment), sum(points.values())),
        "untouched": (submission(assignment=assignment), 0),
        "first-part-only": (submission(parts[:1], assignment=assignment), points[parts[0]]),
    }
    course = grade_class(tmp_path, assignment, {student: notebook for student, (notebook, _) in students.items()})
    grades = _grades(course)
    for student, (_, expected) in students.items():
        assert float(grades[student]["max_score"]) == sum(points.values())
        assert float(grades[student]["score"]) == expected, (
            f"{assignment}: {student} scored {grades[student]['score']} instead of {expected}; autograde log:\n"
            + (course / "autograde.log").read_text()[-3000:]
        )


# --- Submissions named as a browser names them, graded with the course's grading command ---
NAMING = {  # student: {file name: notebook}, the expected score, words the feedback and the export must contain
    "correct-name": ({f"{ASSIGNMENT}.ipynb": submission(ALL)}, 12, None),
    "second-download": ({f"{ASSIGNMENT} (1).ipynb": submission(ALL)}, 12, f"'{ASSIGNMENT} (1).ipynb'"),
    "two-notebooks": ({"draft.ipynb": submission(), "final.ipynb": submission(ALL)}, 0, f"none named '{ASSIGNMENT}.ipynb'"),
    "no-notebook": ({"answers.py": "print('my answers')"}, 0, f"no notebook (.ipynb file); it must be named '{ASSIGNMENT}.ipynb'"),
}


def _grade_with_the_course_command(course: Path, assignment: str) -> str:
    result = run_tool("python", "-m", "dropout_course.grade", assignment, "--workers", "1", cwd=course)
    return result.stdout


@pytest.fixture(scope="module")
def named_course(tmp_path_factory) -> tuple[Path, str, str]:
    """Exercise 01 handed in under the names students use, graded twice with `python -m dropout_course.grade`."""
    course = tmp_path_factory.mktemp("named")
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "solutions" / ASSIGNMENT, course / "solutions" / ASSIGNMENT)
    run_tool("nbgrader", "generate_assignment", ASSIGNMENT, "--force", cwd=course)
    for student, (files, _, _) in NAMING.items():
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        for name, content in files.items():
            if isinstance(content, str):
                (folder / name).write_text(content)
            else:
                (folder / name).write_text(nbformat.writes(content))
    first = _grade_with_the_course_command(course, ASSIGNMENT)
    first_grades = (course / "grades.csv").read_text()
    second = _grade_with_the_course_command(course, ASSIGNMENT)
    assert (course / "grades.csv").read_text() == first_grades, "grading the same submissions again changed grades.csv"
    return course, first, second


@pytest.mark.slow
@pytest.mark.parametrize("student", NAMING)
def test_a_submission_is_graded_or_told_exactly_what_to_hand_in(named_course, student):
    course, summary, _ = named_course
    _, expected, words = NAMING[student]
    row = _grades(course)[student]
    assert float(row["score"]) == expected, f"{student} scored {row['score']} instead of {expected}:\n{summary}"
    feedback = (course / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    if words is None:
        assert row["grading_notes"] == "" and "Note from the grader" not in feedback
        return
    assert words in row["grading_notes"], f"grading_notes of {student}: {row['grading_notes']!r}"
    assert words in html.unescape(feedback), f"the feedback of {student} does not say {words!r}"
    assert "check that it opens and runs" not in feedback, "the feedback blames the notebook's code for its name"
    if expected:
        assert "Note from the grader" in feedback


@pytest.mark.slow
def test_the_student_file_stays_as_it_was_and_a_regrade_says_the_same(named_course):
    course, first, second = named_course
    folder = course / "submitted" / "second-download" / ASSIGNMENT
    assert (folder / f"{ASSIGNMENT} (1).ipynb").read_text() == nbformat.writes(submission(ALL))
    assert (folder / f"{ASSIGNMENT}.ipynb").is_symlink()
    notes = [line for line in first.splitlines() if line.startswith("  ")]
    assert len(notes) == 3 and notes == [line for line in second.splitlines() if line.startswith("  ")], (first, second)


@pytest.mark.slow
def test_feedback_pages_need_no_network(named_course):
    """MathJax is inside the page: nothing is loaded from elsewhere, and the formulas are set by the inline copy."""
    course, _, _ = named_course
    page = (course / "feedback" / "correct-name" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert not REMOTE_ASSET.findall(page), f"the feedback page loads from the network: {REMOTE_ASSET.findall(page)}"
    assert "window.MathJax = {" in page and "MathJax.startup" in page, "the feedback page carries no MathJax"
    assert "$\\lambda" in page or "\\lambda" in page, "the page should still hold the TeX that MathJax typesets"
