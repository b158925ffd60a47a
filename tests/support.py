"""Helpers the tests share: the exercises' parts and points, students' submissions built from the release,
temporary courses, handing in, reading grades, and a throw-away PostgreSQL server.

``temporary_server()`` starts the system's PostgreSQL (Debian's ``postgresql`` package: ``initdb`` and ``pg_ctl`` on
PATH or in ``/usr/lib/postgresql/<version>/bin``) on a fresh data directory, listening on 127.0.0.1 at a free port,
and yields the SQLAlchemy URL of an empty database for nbgrader's ``db_url``. The server is stopped and its files
removed afterwards. PostgreSQL refuses to run as root, so as root it runs as the ``postgres`` user the package
creates.
"""

import contextlib
import copy
import csv
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from conftest import ROOT, run_tool, tool_environment


# --- The exercises ---

def notebooks(assignment: str) -> tuple[nbformat.NotebookNode, nbformat.NotebookNode]:
    """(the solution notebook, the released notebook) of an assignment."""
    source = nbformat.read(ROOT / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)
    release = nbformat.read(ROOT / "exercises" / assignment / f"{assignment}.ipynb", as_version=4)
    return source, release


def answer_cells(notebook: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    """grade_id -> cell, for the answer cells."""
    return {cell.metadata["nbgrader"]["grade_id"]: cell for cell in notebook.cells
            if cell.metadata.get("nbgrader", {}).get("solution")}


def parts_and_points(assignment: str) -> tuple[list[str], dict[str, float]]:
    """The graded parts in notebook order and each one's points (its test cells after its answer cell)."""
    source, _ = notebooks(assignment)
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


def submission(assignment: str, solved=(), replace=None, drop_tests=False, edit_tests=None) -> nbformat.NotebookNode:
    """A student's notebook: the release with the answers of `solved` filled in from the solutions,
    `replace` = {answer id: code} written instead, test cells deleted or overwritten with `edit_tests`."""
    source, release = notebooks(assignment)
    notebook = copy.deepcopy(release)
    answers = answer_cells(source)
    for grade_id, cell in answer_cells(notebook).items():
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


# --- Courses and grading ---

def make_course(folder: Path, assignments: list[str], config: str = "", db_url: str | None = None) -> Path:
    """A copy of this course in ``folder`` (its nbgrader_config.py, plus ``config``) with ``assignments`` released
    and in the gradebook (nbgrader's SQLite file, or ``db_url``)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nbgrader_config.py").write_text((ROOT / "nbgrader_config.py").read_text() + config)
    for assignment in assignments:
        shutil.copytree(ROOT / "solutions" / assignment, folder / "solutions" / assignment)
        run_tool("nbgrader", "generate_assignment", assignment, "--force",
                 *([f"--CourseDirectory.db_url={db_url}"] if db_url else []), cwd=folder)
    return folder


def hand_in(course: Path, assignment: str, student: str, notebook, name: str | None = None) -> Path:
    """Put a student's notebook (or raw text, for a damaged file) where nbgrader collects it; return its path."""
    target = course / "submitted" / student / assignment / (name or f"{assignment}.ipynb")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(notebook if isinstance(notebook, str) else nbformat.writes(copy.deepcopy(notebook)))
    return target


def grade_class(course: Path, assignment: str, workers: int = 1, db_url: str | None = None,
                timeout: float = 3600) -> subprocess.CompletedProcess:
    """Run the grading command (`python -m nbgrader_sandbox.grade`) in the course, as `make grade` does."""
    options = ["--workers", str(workers), *(["--db-url", db_url] if db_url else [])]
    return subprocess.run([sys.executable, "-m", "nbgrader_sandbox.grade", assignment, *options], cwd=course,
                          env=tool_environment(), capture_output=True, text=True, timeout=timeout)


def read_grades(course: Path, assignment: str | None = None) -> dict[str, dict[str, str]]:
    """The rows of grades.csv, by student: those of ``assignment``, or all of them when the file holds one
    assignment (it holds every assignment that has submissions; then name the one you want)."""
    with open(course / "grades.csv", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if assignment is None or row["assignment"] == assignment]
    by_student = {row["student_id"]: row for row in rows}
    assert len(by_student) == len(rows), "grades.csv holds several assignments: name the one to read"
    return by_student


# --- A throw-away PostgreSQL server ---

def server_programs() -> tuple[str, str]:
    """Paths of ``initdb`` and ``pg_ctl``; RuntimeError with what to install when there are none."""
    for folder in [None, *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]:
        initdb, pg_ctl = shutil.which("initdb", path=folder), shutil.which("pg_ctl", path=folder)
        if initdb and pg_ctl:
            return initdb, pg_ctl
    raise RuntimeError("no PostgreSQL server found (initdb, pg_ctl): install Debian's `postgresql` package "
                       "(apt-get install postgresql), which .ci/run does on a machine without it")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def temporary_server(database: str = "gradebook"):
    """Run a PostgreSQL server for the duration of the block; yield ``postgresql+psycopg2://grader@127.0.0.1:PORT/DB``."""
    import psycopg2

    initdb, pg_ctl = server_programs()
    folder = Path(tempfile.mkdtemp(prefix="course-tests-postgres-"))
    as_owner = []
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        as_owner = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", _free_port()
    try:
        subprocess.run([*as_owner, initdb, "-D", str(data), "-U", "grader", "-A", "trust", "--no-sync"],
                       check=True, capture_output=True, text=True)
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50"
        subprocess.run([*as_owner, pg_ctl, "-D", str(data), "-l", str(folder / "server.log"), "-o", options, "-w",
                        "start"], check=True, capture_output=True, text=True)
        connection = psycopg2.connect(host="127.0.0.1", port=port, user="grader", dbname="postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{database}"')
        connection.close()
        yield f"postgresql+psycopg2://grader@127.0.0.1:{port}/{database}"
    finally:
        subprocess.run([*as_owner, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
