"""A whole class graded at once, as an instructor grades a large course, on a real PostgreSQL gradebook.

For every assignment, a class of synthetic submissions — honest (correct, partly correct, blank, with helper
cells, warning, with deleted test cells), broken (invalid JSON, infinite loops, a dead kernel, memory, process
and disk hogs, edited test cells) and hostile (every kind of tampering the grader must withstand, plus the
attacks in tests/attacks/, written independently of the defence: ``tests/grader/synthetic.py``) — is graded in one
run of ``python -m nbgrader_sandbox.grade`` with 2 workers. Then:

- every honest and broken submission gets exactly the score it gets alone, and none is flagged;
- every hostile one gets no more than its honest work is worth, and tampering is flagged;
- the gradebook is intact (no manual scores, the assignment's cells unchanged) and no file outside the
  submissions' own folders changed;
- the run finishes within its time limit, and grading the class again gives identical scores.
"""

import hashlib
import os
import time
from pathlib import Path

import nbformat
import pytest

from conftest import ASSIGNMENTS
from support import grade_class, hand_in, make_course, read_grades, temporary_server
from synthetic import build_class

CELL_TIMEOUT = 15    # seconds per cell (the course uses 60): the infinite loops end sooner
CHECK_TIMEOUT = 10   # seconds to wait for the guard's answer
TIME_LIMIT = 5400    # seconds for grading every assignment's class, the attacks included
CONFIG = (f"\nc.Execute.timeout = {CELL_TIMEOUT}\nc.ExecutePreprocessor.timeout = {CELL_TIMEOUT}\n"
          f"c.SandboxedExecute.check_timeout = {CHECK_TIMEOUT}\n")

pytestmark = [pytest.mark.slow, pytest.mark.full]

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


REGRADED = "01-overfitting"       # the assignment whose class is graded a second time
ALONE = "02-forward-backward"     # the assignment whose honest submissions are also graded alone, on SQLite


def _hand_in_class(course: Path, assignment: str, students: dict) -> None:
    for student, (notebook, _, _) in students.items():
        hand_in(course, assignment, student, notebook)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Grade every assignment's class, the attacks included, on one PostgreSQL gradebook; return what the tests
    inspect."""
    home_before = sorted(os.listdir(os.path.expanduser("~")))
    with temporary_server() as db_url:
        port = int(db_url.rsplit(":", 1)[1].split("/")[0])
        course = make_course(tmp_path_factory.mktemp("class"), ASSIGNMENTS, CONFIG, db_url=db_url)
        classes, runs = {}, {}
        for assignment in ASSIGNMENTS:
            classes[assignment] = build_class(assignment, port, with_attacks=True)
            _hand_in_class(course, assignment, classes[assignment])
        before = _snapshot(course, skip=("autograded", "feedback", "grades.csv"))
        states_before = {assignment: _gradebook_state(db_url, assignment) for assignment in ASSIGNMENTS}
        grades = {}
        start = time.perf_counter()
        for assignment in ASSIGNMENTS:
            runs[assignment] = grade_class(course, assignment, workers=2, db_url=db_url, timeout=TIME_LIMIT)
            grades[assignment] = read_grades(course, assignment)
        seconds = time.perf_counter() - start
        after = _snapshot(course, skip=("autograded", "feedback", "grades.csv"))
        states = {assignment: _gradebook_state(db_url, assignment) for assignment in ASSIGNMENTS}
        regrade = grade_class(course, REGRADED, workers=2, db_url=db_url)
        regrades = read_grades(course, REGRADED)
    alone_course = make_course(tmp_path_factory.mktemp("alone"), [ALONE], CONFIG)
    honest = {student: entry for student, entry in classes[ALONE].items() if entry[2] == "honest"}
    _hand_in_class(alone_course, ALONE, honest)
    alone_run = grade_class(alone_course, ALONE)
    return {"course": course, "classes": classes, "runs": runs, "grades": grades, "seconds": seconds,
            "before": before, "after": after, "states_before": states_before, "states": states,
            "regrade": regrade, "regrades": regrades, "alone": read_grades(alone_course), "alone_run": alone_run,
            "home_before": home_before, "home_after": sorted(os.listdir(os.path.expanduser("~")))}


def _cases(kinds: tuple[str, ...]):
    for assignment in ASSIGNMENTS:
        for student, (_, _, kind) in build_class(assignment, 0, with_attacks=True).items():
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


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_grading_command_processes_every_submission_and_exits_0(graded, assignment):
    run = graded["runs"][assignment]
    assert run.returncode == 0, _log(graded, assignment)
    assert set(graded["grades"][assignment]) >= set(graded["classes"][assignment]), _log(graded, assignment)
    assert "broken-invalid-json" in run.stdout and "not valid JSON" in run.stdout


@pytest.mark.parametrize("assignment, student", list(_cases(("honest", "broken"))))
def test_honest_and_broken_submissions_get_exactly_their_score_and_no_flag(graded, assignment, student):
    row = graded["grades"][assignment][student]
    expected = graded["classes"][assignment][student][1]
    assert float(row["score"]) == expected, (
        f"{student}: {row}" + _failed_cells(graded, assignment, student) + _log(graded, assignment))
    assert row["flagged"] == "False", f"{student} was flagged: {row['grading_notes']}"


@pytest.mark.parametrize("assignment, student", list(_cases(("hostile",))))
def test_tampering_earns_nothing_and_is_flagged(graded, assignment, student):
    row = graded["grades"][assignment][student]
    assert float(row["score"]) <= graded["classes"][assignment][student][1], f"{student}: {row}"
    assert row["flagged"] == "True" or student == "hostile-kill-parent" and float(row["score"]) == 0, (
        f"{student} was not flagged: {row}")


@pytest.mark.parametrize("assignment, student", list(_cases(("attack",))))
def test_independent_attacks_earn_no_more_than_their_honest_work(graded, assignment, student):
    row = graded["grades"][assignment][student]
    assert float(row["score"]) <= graded["classes"][assignment][student][1], f"{student}: {row}"


def test_the_gradebook_is_intact_and_nothing_outside_the_submissions_changed(graded):
    assert graded["after"] == graded["before"], "files outside autograded/ and feedback/ changed: " + str(
        sorted(set(graded["after"].items()) ^ set(graded["before"].items()))[:10])
    assert graded["states"] == graded["states_before"], "the gradebook's source cells or manual scores changed"
    assert not any(state["manual_scores"] for state in graded["states"].values())
    assert graded["home_after"] == graded["home_before"], "a file appeared in the grader's home"
    for path in graded["course"].rglob("big.bin"):
        assert path.stat().st_size <= 256 << 20, "the file-size limit did not hold"


def test_the_class_is_graded_within_its_time_limit(graded):
    count = sum(len(students) for students in graded["classes"].values())
    assert graded["seconds"] < TIME_LIMIT, f"{count} submissions took {graded['seconds']:.0f} s"


def test_grading_the_class_again_gives_identical_scores(graded):
    assert graded["regrade"].returncode == 0, graded["regrade"].stderr[-2000:]
    first = {student: (row["score"], row["flagged"]) for student, row in graded["grades"][REGRADED].items()}
    second = {student: (row["score"], row["flagged"]) for student, row in graded["regrades"].items()}
    # the export lists every student of the gradebook; those who joined with later assignments handed nothing in
    later = {student: second.pop(student) for student in set(second) - set(first)}
    assert set(later) == set().union(*graded["classes"].values()) - set(graded["classes"][REGRADED])
    assert all(float(score) == 0 and flagged == "False" for score, flagged in later.values())
    assert second == first


def test_honest_submissions_score_in_the_class_what_they_score_alone(graded):
    assert graded["alone_run"].returncode == 0, graded["alone_run"].stderr[-2000:]
    for student, row in graded["alone"].items():
        assert row["score"] == graded["grades"][ALONE][student]["score"], student
