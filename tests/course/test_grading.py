"""The course's exercises through nbgrader's round trip, as an instructor runs it, in a temporary copy of the course.

release (generate_assignment) -> submissions -> autograde -> generate_feedback -> export (CSV), with plain nbgrader
commands and the course's nbgrader_config.py: for exercise 01 with correct, untouched, partial and broken
submissions in one class; for every exercise with a correct, an untouched and a partly correct submission.
"""

import shutil
from pathlib import Path

import pytest

from conftest import ASSIGNMENTS, ROOT, run_tool
from support import hand_in, make_course, parts_and_points, read_grades, submission

pytestmark = pytest.mark.slow

ASSIGNMENT = "01-overfitting"
CELL_TIMEOUT = 20  # seconds; shorter than the course's 60 s so that the infinite loop ends sooner
ALL = ("l2_penalty", "early_stopping_epoch", "build_mlp")
# Names sort the broken submissions first, so the test also shows that they do not stop the others.
CLASS = {
    "a-dead-kernel": (submission(ASSIGNMENT, ALL, replace={"l2_penalty": "import os\nos._exit(1)"}), None),
    "b-invalid-json": ("{ this is not a notebook", None),
    "c-infinite-loop": (submission(ASSIGNMENT, ALL, replace={"early_stopping_epoch": "while True:\n    pass"}), None),
    "d-solution": (submission(ASSIGNMENT, ALL), 12),
    "e-untouched": (submission(ASSIGNMENT), 0),
    "f-partial": (submission(ASSIGNMENT, ("l2_penalty",)), 4),
    "g-deleted-tests": (submission(ASSIGNMENT, ALL, drop_tests=True), 12),
    "h-edited-tests": (submission(ASSIGNMENT, edit_tests="pass  # tests switched off"), 0),
}


def autograde_feedback_export(course: Path, *assignments: str) -> Path:
    """`nbgrader autograde`, `generate_feedback` and `export` as the instructor guide gives them; the autograde log
    goes to autograde.log."""
    timeouts = [f"--Execute.timeout={CELL_TIMEOUT}", f"--ExecutePreprocessor.timeout={CELL_TIMEOUT}"]
    log = ""
    for assignment in assignments:
        autograde = run_tool("nbgrader", "autograde", assignment, *timeouts, cwd=course, check=False)
        log += autograde.stdout + autograde.stderr
        run_tool("nbgrader", "generate_feedback", assignment, cwd=course, check=False)
    (course / "autograde.log").write_text(log)
    run_tool("nbgrader", "export", "--to", "grades.csv", cwd=course)
    return course


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory) -> Path:
    course = make_course(tmp_path_factory.mktemp("course"), [ASSIGNMENT])
    for student, (notebook, _) in CLASS.items():
        hand_in(course, ASSIGNMENT, student, notebook)
    return autograde_feedback_export(course, ASSIGNMENT)


@pytest.mark.parametrize("student", [name for name, (_, score) in CLASS.items() if score is not None])
def test_scores_in_the_exported_grades(graded_course, student):
    row = read_grades(graded_course)[student]
    expected = CLASS[student][1]
    assert float(row["max_score"]) == 12
    assert float(row["score"]) == expected, (
        f"{student} scored {row['score']} instead of {expected}; autograde log:\n"
        + (graded_course / "autograde.log").read_text()[-3000:]
    )


@pytest.mark.parametrize("student", ["a-dead-kernel", "b-invalid-json", "c-infinite-loop"])
def test_broken_submissions_never_earn_full_marks(graded_course, student):
    row = read_grades(graded_course).get(student)
    assert row is None or float(row["score"]) < 12


def test_an_infinite_loop_costs_only_its_own_part(graded_course):
    """The loop is stopped by the time limit; the other answers of the same notebook still count."""
    assert float(read_grades(graded_course)["c-infinite-loop"]["score"]) == 8


def test_feedback_is_written_for_every_graded_submission(graded_course):
    for student, (_, score) in CLASS.items():
        if score is not None:
            page = graded_course / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html"
            assert page.exists(), f"no feedback for {student}"
    assert "BEGIN SOLUTION" not in (graded_course / "feedback" / "e-untouched" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()


@pytest.mark.full
def test_every_assignment_grades_solution_untouched_and_partial_submissions(tmp_path):
    course = make_course(tmp_path / "course", ASSIGNMENTS)
    expected = {}
    for assignment in ASSIGNMENTS:
        parts, points = parts_and_points(assignment)
        for student, notebook, score in [("solution", submission(assignment, parts), sum(points.values())),
                                         ("untouched", submission(assignment), 0),
                                         ("first-part-only", submission(assignment, parts[:1]), points[parts[0]])]:
            hand_in(course, assignment, student, notebook)
            expected[assignment, student] = (score, sum(points.values()))
    autograde_feedback_export(course, *ASSIGNMENTS)
    log = (course / "autograde.log").read_text()
    assert "has changed" not in log, "plain nbgrader autograde reports a change in an honest submission:\n" + "\n".join(
        line for line in log.splitlines() if "has changed" in line)
    rows = {(row["assignment"], row["student_id"]): row for row in _all_rows(course)}
    for (assignment, student), (score, total) in expected.items():
        row = rows[assignment, student]
        assert float(row["max_score"]) == total
        assert float(row["score"]) == score, (
            f"{assignment}: {student} scored {row['score']} instead of {score}; autograde log:\n"
            + (course / "autograde.log").read_text()[-3000:])


def _all_rows(course: Path) -> list[dict[str, str]]:
    import csv

    with open(course / "grades.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_copy_of_the_course_package_in_the_course_folder_does_not_break_grading(tmp_path):
    """nbgrader, run in the course folder, imports the course package from a copy there, while a grading kernel
    imports the installed one: the sandbox must bind what the kernel imports (it once bound the copy, and every
    kernel died with "No module named dropout_course", scoring everyone 0)."""
    course = make_course(tmp_path / "course", [ASSIGNMENT])
    shutil.copytree(ROOT / "dropout_course", course / "dropout_course")
    hand_in(course, ASSIGNMENT, "solution", submission(ASSIGNMENT, ALL))
    autograde_feedback_export(course, ASSIGNMENT)
    assert float(read_grades(course)["solution"]["score"]) == 12, (course / "autograde.log").read_text()[-3000:]
