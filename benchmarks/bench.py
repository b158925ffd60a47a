"""Measure the course's speed budgets and write benchmarks/results.md (run it with `make bench`).

- each chapter's execution time in a clean build (jupyter-cache's record: kernel start included);
- the clean build of the whole site, in a fresh copy of the repository;
- a rebuild of that copy with nothing changed;
- autograding one submission (the solution) of each assignment, `nbgrader autograde` wall time;
- grading a class of 200 synthetic submissions of exercise 02 (honest, broken and hostile, the kinds of
  tests/grader/test_class_grading.py without its infinite loops) with nbgrader_sandbox.grade, with 2 workers (one
  per core), on a PostgreSQL gradebook: the autograding and the whole run (feedback and export included). One
  worker took exactly twice as long when it was measured (2026-12-01), so it is no longer run.

Budgets come from the design: chapter <= 60 s (chapters aim for 45 s), clean build <= 5 min, rebuild <= 30 s,
autograde <= 30 s, a class of 200 with 2 workers <= 15 min. The script exits with status 1 if any measurement is
over its budget.
"""

import datetime
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BUDGETS = {"chapter": 60.0, "clean build": 300.0, "rebuild": 30.0, "autograde": 30.0, "class": 900.0}
CLASS_SIZE = 200
CLASS_ASSIGNMENT = "02-forward-backward"
IGNORED = shutil.ignore_patterns("_build", ".venv", ".git", ".pytest_cache", "__pycache__", "*.egg-info",
                                 "gradebook.db", "submitted", "autograded", "feedback")


def run(*args: str, cwd: Path) -> float:
    """Run a venv tool, fail loudly if it fails, and return its wall time in seconds."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    start = time.perf_counter()
    result = subprocess.run([str(BIN / args[0]), *args[1:]], cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed


def chapter_times(book: Path) -> dict[str, float]:
    """The latest execution time of each chapter recorded by jupyter-cache."""
    with sqlite3.connect(book / "_build" / ".jupyter_cache" / "global.db") as db:
        rows = db.execute("SELECT uri, data FROM nbcache ORDER BY created").fetchall()
    return {Path(uri).relative_to(book).as_posix(): json.loads(data)["execution_seconds"] for uri, data in rows}


def autograde_time(assignment: str, workdir: Path) -> float:
    course = workdir / f"grade-{assignment}"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "solutions" / assignment, course / "solutions" / assignment)
    run("nbgrader", "generate_assignment", assignment, "--force", cwd=course)
    submission = course / "submitted" / "benchmark-student" / assignment
    shutil.copytree(course / "solutions" / assignment, submission)
    return run("nbgrader", "autograde", assignment, "--student", "benchmark-student", cwd=course)


def class_times(workdir: Path) -> list[tuple[str, float, float | None]]:
    """Grade a class of CLASS_SIZE synthetic submissions with 2 workers; rows for the report."""
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "grader")]
    from nbgrader_sandbox.grade import grade
    from support import hand_in, make_course, temporary_server
    from synthetic import build_class  # the class-grading test's synthetic submissions

    kinds = {name: entry for name, entry in build_class(CLASS_ASSIGNMENT, 0, with_attacks=False).items()
             if "loop" not in name}
    names = sorted(kinds)
    rows = []
    for workers in (2,):
        with temporary_server() as db_url:
            course = make_course(workdir / f"class-{workers}", [CLASS_ASSIGNMENT], db_url=db_url)
            for index in range(CLASS_SIZE):
                name = names[index % len(names)]
                hand_in(course, CLASS_ASSIGNMENT, f"s{index:03d}-{name}", kinds[name][0])
            summary = grade(CLASS_ASSIGNMENT, course, workers=workers, db_url=db_url)
        budget = BUDGETS["class"] if workers == 2 else None
        label = f"a class of {CLASS_SIZE} submissions, {workers} worker{'s' if workers > 1 else ''}"
        rows += [(f"{label}: autograde, per submission", summary.seconds / CLASS_SIZE, None),
                 (f"{label}: autograde, all", summary.seconds, None),
                 (f"{label}: autograde, feedback and export", summary.total_seconds, budget)]
    return rows


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if line.startswith("model name")]
        cpu = models[0] if models else cpu
    return f"{os.cpu_count()} CPU cores ({cpu}), Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory(prefix="dropout-course-bench-") as temporary:
        workdir = Path(temporary)
        book = workdir / "book"
        shutil.copytree(ROOT, book, ignore=IGNORED)
        clean = run("jupyter-book", "build", str(book), "--warningiserror", "--nitpick", "--keep-going", cwd=workdir)
        for chapter, seconds in sorted(chapter_times(book).items()):
            rows.append((f"execute `{chapter}`", seconds, BUDGETS["chapter"]))
        rows.append(("clean build of the site", clean, BUDGETS["clean build"]))
        rebuild = run("jupyter-book", "build", str(book), "--warningiserror", "--nitpick", "--keep-going", cwd=workdir)
        rows.append(("rebuild with nothing changed", rebuild, BUDGETS["rebuild"]))
        for assignment in sorted(path.name for path in (ROOT / "solutions").iterdir() if path.is_dir()):
            rows.append((f"autograde one submission of `{assignment}`", autograde_time(assignment, workdir), BUDGETS["autograde"]))
        rows += class_times(workdir)

    over = [name for name, seconds, budget in rows if budget is not None and seconds > budget]
    lines = [
        "# Benchmark results",
        "",
        f"Measured by `make bench` on {datetime.date.today().isoformat()}: {machine()}.",
        "",
        "| what | seconds | budget | within |",
        "| --- | ---: | ---: | --- |",
        *[f"| {name} | {seconds:.1f} | {'—' if budget is None else f'{budget:.0f}'} | "
          f"{'—' if budget is None else 'yes' if seconds <= budget else '**no**'} |" for name, seconds, budget in rows],
        "",
    ]
    report = "\n".join(lines)
    (ROOT / "benchmarks" / "results.md").write_text(report)
    print(report)
    if over:
        sys.exit(f"over budget: {', '.join(over)}")


if __name__ == "__main__":
    main()
