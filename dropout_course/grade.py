"""Grade every submission of an assignment, in parallel, then write the feedback and export the grades.

    python -m dropout_course.grade ASSIGNMENT [--workers N] [--db-url URL] [--root DIR] [--allow-unsandboxed]

(or ``make grade ASSIGNMENT=...``). Run it from the course root, where ``nbgrader_config.py`` is, after
``nbgrader generate_assignment ASSIGNMENT`` has put the assignment in the gradebook and the submissions are in
``submitted/<student>/<assignment>/``.

1. It refuses to start unless grading kernels can be sandboxed, or ``--allow-unsandboxed`` is given (and then
   says so on every run).
2. It adds every student to the gradebook, then runs N workers (default: the number of cores); each takes the
   next student and runs ``nbgrader autograde ASSIGNMENT --student S --force`` in a process of its own, against
   the gradebook at ``--db-url`` (PostgreSQL for several workers; SQLite, nbgrader's default, takes one writer at
   a time, so it is used with one worker only).
3. A submission nbgrader cannot grade at all (a notebook that is not valid JSON, say) scores 0: its notebooks'
   grades are set to 0 in the gradebook and it gets a feedback page and a note in the export saying why.
4. It runs ``nbgrader generate_feedback`` and ``nbgrader export`` (to ``grades.csv``, with the columns
   ``flagged`` and ``grading_notes``), and prints a summary.

It exits with status 0 when every submission was processed — whatever the submissions did — and non-zero only
when the grading itself failed (no such assignment, no sandbox, nbgrader missing, a worker that crashed).
"""

import argparse
import html
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from dropout_course.autograde import FAILURE_FILE

NBGRADER = str(Path(sys.executable).with_name("nbgrader"))


class GradingError(Exception):
    """The grading itself failed (as opposed to a submission that could not be graded)."""


def nbgrader(arguments: list[str], root: Path, options: list[str], timeout: float | None = None):
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run([NBGRADER, *arguments, *options], cwd=root, env=environment, capture_output=True,
                          text=True, timeout=timeout)


def students_of(root: Path, assignment: str) -> list[str]:
    submitted = root / "submitted"
    return sorted(path.name for path in submitted.iterdir() if (path / assignment).is_dir()) if submitted.is_dir() else []


def _why(log: str) -> str:
    """The reason nbgrader gave for a submission it could not grade, in one line."""
    for marker in ("NotJSONError", "JSONDecodeError", "Notebook does not appear to be JSON", "Unreadable Notebook"):
        if marker in log:
            return "the notebook file is not valid JSON (it may be damaged); no cell could be run"
    lines = [line.strip() for line in log.splitlines() if "Error" in line or "error" in line]
    return (lines[-1][:300] if lines else "nbgrader could not process the notebook") + "; no cell could be run"


def record_failure(root: Path, assignment: str, student: str, reason: str, options: list[str]) -> None:
    """Score an ungradable submission 0 in the gradebook, and tell the student why (feedback) and the instructor
    (grading_notes in the export)."""
    from nbgrader.api import Gradebook, MissingEntry

    folder = root / "autograded" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    (folder / FAILURE_FILE).write_text(f"not graded: {reason}\n")
    with Gradebook(_db_url(root, options)) as gradebook:
        submission = gradebook.update_or_create_submission(assignment, student)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                grade.auto_score, grade.needs_manual_grade = 0, False
        gradebook.db.commit()
        try:
            notebooks = [notebook.name for notebook in gradebook.find_assignment(assignment).notebooks]
        except MissingEntry:
            notebooks = [assignment]
    for name in notebooks:
        page = root / "feedback" / student / assignment / f"{name}.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(name)}</title></head>"
                        f"<body><h1>{html.escape(name)}</h1><p><strong>Score: 0.</strong> Your submission could not "
                        f"be graded: {html.escape(reason)}.</p><p>Open the notebook in Jupyter, check that it runs "
                        "from top to bottom, and ask your instructor about resubmitting.</p></body></html>\n")


def _db_url(root: Path, options: list[str]) -> str:
    for option in options:
        if option.startswith("--db="):
            return option[len("--db="):]
    return f"sqlite:///{root / 'gradebook.db'}"


def grade(assignment: str, root: Path, workers: int, db_url: str | None, allow_unsandboxed: bool,
          timeout: float = 1800) -> dict:
    """Grade every submission of ``assignment``; return a summary (see ``main``)."""
    from nbgrader.api import Gradebook, MissingEntry

    from dropout_course.sandbox import sandbox_problem

    options = [f"--db={db_url}"] if db_url else []
    problem = sandbox_problem()
    if problem and not allow_unsandboxed:
        raise GradingError(f"grading kernels cannot be sandboxed here: {problem}. Refusing to grade; pass "
                           "--allow-unsandboxed to grade anyway, with student code able to read and change the course.")
    if problem:
        print(f"WARNING: GRADING UNSANDBOXED ({problem}): student code can read and change the course.", flush=True)
        options.append("--SandboxedKernelManager.require_sandbox=False")
    if workers > 1 and not (db_url or "").startswith("postgresql"):
        raise GradingError("several workers need a PostgreSQL gradebook (--db-url postgresql://...); SQLite takes "
                           "one writer at a time, so use --workers 1 with it")
    students = students_of(root, assignment)
    with Gradebook(_db_url(root, options)) as gradebook:
        try:
            gradebook.find_assignment(assignment)
        except MissingEntry:
            raise GradingError(f"the gradebook has no assignment {assignment!r}: run "
                               f"`nbgrader generate_assignment {assignment}` first") from None
        for student in students:
            gradebook.update_or_create_student(student)

    work = queue.Queue()
    for student in students:
        work.put(student)
    failures, crashes, lock = {}, [], threading.Lock()

    def worker() -> None:
        while True:
            try:
                student = work.get_nowait()
            except queue.Empty:
                return
            shutil.rmtree(root / "autograded" / student / assignment, ignore_errors=True)
            try:
                result = nbgrader(["autograde", assignment, "--student", student, "--force"], root, options, timeout)
                log = result.stdout + result.stderr
                failed = result.returncode != 0
            except subprocess.TimeoutExpired:
                log, failed = f"nbgrader autograde ran longer than {timeout:.0f} s", True
            if failed:
                with lock:
                    failures[student] = log
                continue

    start = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(max(1, workers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    graded_seconds = time.perf_counter() - start

    not_graded = {}
    for student, log in failures.items():
        if "refusing to grade without a sandbox" in log or "No module named" in log:
            crashes.append(f"{student}: {log[-2000:]}")
            continue
        reason = _why(log)
        not_graded[student] = reason
        record_failure(root, assignment, student, reason, options)
    if crashes:
        raise GradingError("the grading itself failed:\n" + "\n".join(crashes))

    feedback = nbgrader(["generate_feedback", assignment, "--force"], root, options)
    if feedback.returncode != 0 and len(not_graded) < len(students):
        raise GradingError(f"nbgrader generate_feedback failed:\n{feedback.stdout[-3000:]}{feedback.stderr[-3000:]}")
    export = nbgrader(["export", "--to", "grades.csv", "--assignment", assignment,
                       "--ExportApp.plugin_class=dropout_course.autograde.GradesExport"], root, options)
    if export.returncode != 0:
        raise GradingError(f"nbgrader export failed:\n{export.stdout[-3000:]}{export.stderr[-3000:]}")
    return {"students": len(students), "not_graded": not_graded, "seconds": graded_seconds,
            "total_seconds": time.perf_counter() - start, "workers": max(1, workers), "unsandboxed": bool(problem)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignment")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="parallel autograde processes")
    parser.add_argument("--db-url", default=None, help="the gradebook, e.g. postgresql://user@host/db (default: "
                                                       "nbgrader's SQLite gradebook.db)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the course root (default: here)")
    parser.add_argument("--allow-unsandboxed", action="store_true",
                        help="grade even where bubblewrap cannot run (student code is then NOT confined)")
    options = parser.parse_args(argv)
    if options.db_url is None and options.workers > 1:
        print(f"SQLite gradebook: grading with 1 worker instead of {options.workers} (give --db-url for more)")
        options.workers = 1
    try:
        summary = grade(options.assignment, options.root.resolve(), options.workers, options.db_url,
                        options.allow_unsandboxed)
    except GradingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    count = summary["students"]
    print(f"graded {count} submissions of {options.assignment} with {summary['workers']} workers in "
          f"{summary['seconds']:.1f} s ({summary['seconds'] / max(count, 1):.2f} s each); feedback and "
          f"grades.csv in {summary['total_seconds']:.1f} s in all")
    for student, reason in sorted(summary["not_graded"].items()):
        print(f"  not graded, scored 0: {student}: {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
