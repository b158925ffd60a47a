"""Grade every submission of an assignment, in parallel, then write the feedback and export the grades.

    python -m nbgrader_sandbox.grade ASSIGNMENT [--workers N] [--db-url URL] [--root DIR] [--student S]
                                     [--slice I/K | --finish] [--allow-unsandboxed]

Run it from the course root, where ``nbgrader_config.py`` is, after ``nbgrader generate_assignment ASSIGNMENT`` has
put the assignment in the gradebook and the submissions are in ``submitted/<student>/<assignment>/``.

1. It refuses to start unless grading kernels can be sandboxed, or ``--allow-unsandboxed`` is given (and then says
   so on every run).
2. It adds every student to the gradebook and looks at each submission folder: one notebook under another name
   than the assignment's (``02-forward-backward (1).ipynb``, as a browser names a second download) is graded as
   that notebook, through a link with the expected name beside it (the student's file is left as it is); a folder
   with no notebook, or with several and none of the expected name, cannot be graded.
3. It runs N workers (default: the number of cores); each takes the next student and runs ``nbgrader autograde
   ASSIGNMENT --student S --force`` in a process of its own, against the gradebook at ``--db-url`` (PostgreSQL for
   several workers; SQLite, nbgrader's default, takes one writer at a time, so it is used with one worker only).
4. A submission nbgrader cannot grade at all (a notebook that is not valid JSON, say) scores 0 in the gradebook.
   Every note on how a submission was graded — graded under another name, not graded and why, tampering found —
   goes into its graded notebook (``nbgrader_sandbox.notes``), so that the feedback and the export show it.
5. It writes the feedback (``nbgrader generate_feedback``, one process per worker) and ``grades.csv`` (``nbgrader
   export``, every assignment that has submissions, with the columns ``flagged`` and ``grading_notes``), and prints a
   summary. ``--student`` regrades named students only; ``--slice I/K`` grades one K-th of the class and writes no
   feedback (K machines, one PostgreSQL gradebook), and ``--finish`` then writes everyone's feedback and grades.

It exits with status 0 when every submission was processed — whatever the submissions did — and non-zero only when
the grading itself failed (no such assignment, no sandbox, nbgrader missing, a kernel that cannot start, a worker
that crashed). ``grade()`` is the same as a function, for programs (a benchmark) that want its figures.
"""

import argparse
import multiprocessing
import multiprocessing.connection
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader_sandbox.kernel import sandbox_problem
from nbgrader_sandbox.notes import add_note, write_ungraded
from nbgrader_sandbox.preprocessors.execute import KERNEL_FAILURE

THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


class GradingError(Exception):
    """The grading itself failed (as opposed to a submission that could not be graded)."""


@dataclass
class Summary:
    """What one run of the grading did."""

    students: int
    workers: int
    seconds: float            # autograding every submission
    total_seconds: float      # autograding, feedback and export
    unsandboxed: bool
    notes: dict[str, str] = field(default_factory=dict)       # student -> how the submission was graded
    not_graded: dict[str, str] = field(default_factory=dict)  # student -> why it could not be graded


def share_cores(workers: int) -> int:
    """Give each worker's kernel an equal share of the cores for its maths libraries' threads; return the share.

    A kernel's PyTorch and OpenBLAS otherwise start a thread per core, so the workers' kernels oversubscribe the
    cores, and a thread that waits at a barrier for one descheduled by another kernel's busy loop makes small
    tensor operations 20 times slower (measured on 2 cores beside one busy loop: 4000 tiny forward passes take
    0.2 s in one thread, 3.6 s in two) - enough for a correct answer to run past the cell time limit. Settings the
    instructor made are kept.
    """
    share = max(1, (os.cpu_count() or 1) // max(1, workers))
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, str(share))
    return share


def _nbgrader_child(arguments: list[str], root: str, log: str) -> None:
    """Body of a forked process: run one nbgrader command, as the ``nbgrader`` program would, output to log."""
    from nbgrader.apps.nbgraderapp import NbGraderApp

    os.chdir(root)
    with open(log, "w") as handle:
        os.dup2(handle.fileno(), 1)
        os.dup2(handle.fileno(), 2)
    code = 0
    try:
        NbGraderApp.launch_instance(argv=arguments)
    except SystemExit as exit_:
        if isinstance(exit_.code, int) or exit_.code is None:
            code = exit_.code or 0
        else:
            print(exit_.code, file=sys.stderr)
            code = 1
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def run_nbgrader(commands: list[list[str]], root: Path, workers: int, timeout: float) -> list[tuple[int, str]]:
    """Run nbgrader commands, ``workers`` at a time, each in a process of its own; return (status, output) each.

    Each process is forked from this one after nbgrader has been imported here once, so it starts at once instead
    of spending seconds importing nbgrader (and it starts clean: nothing of one command reaches the next).
    """
    import nbgrader.apps.nbgraderapp  # noqa: F401 - imported once, before forking

    context = multiprocessing.get_context("fork")
    results: list = [None] * len(commands)
    pending = list(enumerate(commands))
    running = {}
    with tempfile.TemporaryDirectory(prefix="nbgrader-sandbox-grading-") as logs:
        while pending or running:
            while pending and len(running) < workers:
                index, arguments = pending.pop(0)
                log = os.path.join(logs, f"{index}.log")
                process = context.Process(target=_nbgrader_child, args=(arguments, str(root), log))
                process.start()
                running[process.sentinel] = (index, process, log, time.monotonic())
            multiprocessing.connection.wait(list(running), timeout=1.0)
            for sentinel, (index, process, log, started) in list(running.items()):
                overdue = time.monotonic() - started > timeout
                if process.exitcode is None and not overdue:
                    continue
                if process.exitcode is None:
                    process.kill()
                process.join()
                output = Path(log).read_text(errors="replace") if os.path.exists(log) else ""
                if overdue:
                    output += f"\nnbgrader ran longer than {timeout:.0f} s and was stopped"
                results[index] = (process.exitcode if not overdue else 1, output)
                del running[sentinel]
    return results


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


def match_notebooks(folder: Path, expected: list[str]) -> tuple[str | None, str | None]:
    """Make a submission folder gradable under the notebook names the gradebook expects; return (note, problem).

    When none of the expected notebooks is there but exactly one other notebook is, and the assignment has one
    notebook, that one is graded as the expected one: a symbolic link with the expected name points to it (the
    student's file stays as it was, and a regrade finds the link and says the same). The note says so. The problem
    is why the folder cannot be graded at all (no notebook; several, none of the expected name), in words for the
    student; None when it can.
    """
    wanted = [f"{name}.ipynb" for name in expected]
    links = [name for name in wanted if (folder / name).is_symlink()]
    if len(wanted) == 1 and links:
        return f"graded '{os.readlink(folder / links[0])}' as '{links[0]}', the name the assignment expects", None
    present = sorted(path.name for path in folder.glob("*.ipynb") if path.is_file())
    if any(name in present for name in wanted):
        return None, None
    expected_text = " and ".join(f"'{name}'" for name in wanted)
    if not present:
        return None, f"the submission holds no notebook (.ipynb file); it must be named {expected_text}"
    if len(wanted) == 1 and len(present) == 1:
        (folder / wanted[0]).symlink_to(present[0])
        return f"graded '{present[0]}' as '{wanted[0]}', the name the assignment expects", None
    found = ", ".join(f"'{name}'" for name in present)
    return None, (f"the submission holds {len(present)} notebooks ({found}) and none named {expected_text}, so it "
                  f"could not be told which one to grade; hand in one notebook named {expected_text}")


def record_failure(root: Path, assignment: str, student: str, notebooks: list[str], reason: str,
                   db_url: str) -> None:
    """Score an ungradable submission 0 in the gradebook; its stand-in graded notebooks say why (the feedback and
    ``grading_notes`` in the export show it)."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as gradebook:
        submission = gradebook.update_or_create_submission(assignment, student)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                grade.auto_score, grade.needs_manual_grade = 0, False
        gradebook.db.commit()
    folder = root / "autograded" / student / assignment
    shutil.rmtree(folder, ignore_errors=True)
    for name in notebooks:
        write_ungraded(folder / f"{name}.ipynb", reason)


def chosen_students(everyone: list[str], only: list[str] | None = None, part: tuple[int, int] | None = None) -> list[str]:
    """The students to grade: those named in ``only`` (all when None), then, for ``part`` = (i, K), those whose
    index in the sorted list of everyone is i modulo K — so K machines running parts 0 ... K-1 grade each student
    exactly once."""
    chosen = [student for student in everyone if only is None or student in only]
    if part is not None:
        index, count = part
        position = {student: number for number, student in enumerate(sorted(everyone))}
        chosen = [student for student in chosen if position[student] % count == index]
    return chosen


def grade(assignment: str, root: Path, workers: int = 1, db_url: str | None = None, allow_unsandboxed: bool = False,
          timeout: float = 1800, only: list[str] | None = None, part: tuple[int, int] | None = None,
          finish: bool = False) -> Summary:
    """Grade the submissions of ``assignment`` in the course at ``root``; GradingError when the grading fails.

    By default every submission is autograded, then every graded submission gets its feedback, and grades.csv is
    written for every assignment that has submissions. ``only`` (student ids) regrades those students alone (and
    writes their feedback and the whole grades.csv). ``part`` = (i, K) autogrades only slice i of K (see
    ``chosen_students``) and writes no feedback: run the K slices anywhere, at the same time, against one
    PostgreSQL gradebook, then once with ``finish`` to write every student's feedback and grades.csv.
    """
    from nbgrader.api import Gradebook, MissingEntry

    # nbgrader runs helper programs (alembic) that it expects on PATH, next to itself
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    db_url = db_url or f"sqlite:///{root / 'gradebook.db'}"
    options = [f"--CourseDirectory.db_url={db_url}"]
    problem = sandbox_problem()
    if problem and not allow_unsandboxed and not finish:
        raise GradingError(f"grading kernels cannot be sandboxed here: {problem}. Refusing to grade; pass "
                           "--allow-unsandboxed to grade anyway, with student code able to read and change the course.")
    if problem and not finish:
        print(f"WARNING: GRADING UNSANDBOXED ({problem}): student code can read and change the course.", flush=True)
        options.append("--SandboxedKernelManager.require_sandbox=False")
    if workers > 1 and not db_url.startswith("postgresql"):
        raise GradingError("several workers need a PostgreSQL gradebook (--db-url postgresql://...); SQLite takes "
                           "one writer at a time, so use --workers 1 with it")
    share_cores(workers)
    everyone = students_of(root, assignment)
    students = chosen_students(everyone, only, part)
    with Gradebook(db_url) as gradebook:
        try:
            notebooks = [notebook.name for notebook in gradebook.find_assignment(assignment).notebooks]
        except MissingEntry:
            raise GradingError(f"the gradebook has no assignment {assignment!r}: run "
                               f"`nbgrader generate_assignment {assignment} --force` first") from None
        for student in students:
            gradebook.update_or_create_student(student)

    summary = Summary(students=len(students), workers=workers, seconds=0.0, total_seconds=0.0,
                      unsandboxed=bool(problem))
    start = time.perf_counter()
    if not finish:
        autograde(assignment, root, students, notebooks, summary, options, db_url, timeout)
    if part is None or finish:
        graded = [student for student in students if (root / "autograded" / student / assignment).is_dir()]
        write_feedback(assignment, root, graded, everyone, workers, options, timeout)
        export_command = ["export", "--to", "grades.csv",
                          "--ExportApp.plugin_class=nbgrader_sandbox.plugins.export.GradesExport", *options]
        (status, output), = run_nbgrader([export_command], root, 1, timeout)
        if status != 0:
            raise GradingError(f"nbgrader export failed:\n{output[-3000:]}")
    summary.total_seconds = time.perf_counter() - start
    return summary


def autograde(assignment: str, root: Path, students: list[str], notebooks: list[str], summary: Summary,
              options: list[str], db_url: str, timeout: float) -> None:
    """Autograde ``students``, ``summary.workers`` at a time; record notes and ungradable submissions."""
    for student in students:
        shutil.rmtree(root / "autograded" / student / assignment, ignore_errors=True)
        note, problem = match_notebooks(root / "submitted" / student / assignment, notebooks)
        if note:
            summary.notes[student] = note
        if problem:
            summary.not_graded[student] = problem
    gradable = [student for student in students if student not in summary.not_graded]
    start = time.perf_counter()
    commands = [["autograde", assignment, "--student", student, "--force", *options] for student in gradable]
    outcomes = run_nbgrader(commands, root, summary.workers, timeout)
    summary.seconds = time.perf_counter() - start
    crashes = []
    for student, (status, log) in zip(gradable, outcomes):
        if status == 0:
            continue
        if KERNEL_FAILURE in log or "refusing to grade without a sandbox" in log:
            crashes.append(f"{student}: {log[-2000:]}")
            shutil.rmtree(root / "autograded" / student / assignment, ignore_errors=True)  # not graded, not skipped later
        else:
            summary.not_graded[student] = _why(log)
    if crashes:
        raise GradingError("the grading itself failed:\n" + "\n".join(crashes))
    for student in students:
        if student in summary.not_graded:
            record_failure(root, assignment, student, notebooks, summary.not_graded[student], db_url)
        elif student in summary.notes:
            for name in notebooks:
                add_note(root / "autograded" / student / assignment / f"{name}.ipynb", summary.notes[student])


def write_feedback(assignment: str, root: Path, students: list[str], everyone: list[str], workers: int,
                   options: list[str], timeout: float) -> None:
    """``nbgrader generate_feedback`` for ``students``: one process per worker, each rendering its share of them
    (nbgrader renders every student of the assignment but those it is told to exclude)."""
    shares = [students[index::workers] for index in range(workers) if students[index::workers]]
    commands = [["generate_feedback", assignment, "--force", *options,
                 f"--CourseDirectory.student_id_exclude={','.join(sorted(set(everyone) - set(share)))}"]
                for share in shares]
    for share, (status, output) in zip(shares, run_nbgrader(commands, root, workers, timeout)):
        if status != 0:
            raise GradingError(f"nbgrader generate_feedback failed for some of {', '.join(share)}:\n{output[-3000:]}")


def _part(text: str) -> tuple[int, int]:
    index, _, count = text.partition("/")
    if not (index.isdigit() and count.isdigit() and 0 <= int(index) < int(count)):
        raise argparse.ArgumentTypeError(f"a slice is I/K with 0 <= I < K, like 0/3; got {text!r}")
    return int(index), int(count)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignment")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="parallel autograde processes")
    parser.add_argument("--db-url", default=None, help="the gradebook, e.g. postgresql://user@host/db (default: "
                                                       "nbgrader's SQLite gradebook.db)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the course root (default: here)")
    parser.add_argument("--student", action="append", default=None,
                        help="grade only this student (repeatable): a regrade after a change")
    parser.add_argument("--slice", type=_part, default=None, metavar="I/K",
                        help="autograde only the students whose index in the sorted list is I modulo K, and write no "
                             "feedback; for K machines sharing one PostgreSQL gradebook (then run --finish once)")
    parser.add_argument("--finish", action="store_true",
                        help="autograde nothing: write every graded student's feedback and grades.csv")
    parser.add_argument("--allow-unsandboxed", action="store_true",
                        help="grade even where bubblewrap cannot run (student code is then NOT confined)")
    options = parser.parse_args(argv)
    if options.db_url is None and options.workers > 1:
        print(f"SQLite gradebook: grading with 1 worker instead of {options.workers} (give --db-url for more)")
        options.workers = 1
    try:
        summary = grade(options.assignment, options.root.resolve(), max(1, options.workers), options.db_url,
                        options.allow_unsandboxed, only=options.student, part=options.slice, finish=options.finish)
    except GradingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    count = summary.students
    what = "wrote feedback for" if options.finish else "graded"
    print(f"{what} {count} submissions of {options.assignment} with {summary.workers} workers: autograde "
          f"{summary.seconds:.1f} s ({summary.seconds / max(count, 1):.2f} s each), "
          f"{summary.total_seconds:.1f} s in all" + ("; no feedback yet (--finish writes it)" if options.slice else ""))
    for student, note in sorted(summary.notes.items()):
        print(f"  note: {student}: {note}")
    for student, reason in sorted(summary.not_graded.items()):
        print(f"  not graded, scored 0: {student}: {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
