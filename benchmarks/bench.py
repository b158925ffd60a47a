"""Measure the course's speed budgets, append the run to benchmarks/history.jsonl and write benchmarks/results.md
(run it with `make bench`, on a machine doing nothing else).

- a calibration workload (fixed NumPy and PyTorch computations, one thread, best of three) at the start and at the
  end of the run: every figure is also reported as a multiple of it, so that a slower machine and a slower course
  can be told apart across days;
- the clean build of the whole site in a fresh copy of the repository (pages executed in parallel), each page's
  execution time and its slowest cell (jupyter-cache's records), and a rebuild with nothing changed;
- the same clean build with one busy-loop process per core running beside it: it must pass;
- grading the same submissions of each exercise (SUBMISSIONS copies of the solution) with nbgrader's own pipeline
  (unsandboxed; its Execute, timed) and with the course's (sandboxed and guarded), one `nbgrader autograde` each,
  side by side: seconds per submission, the ratio, and where the time goes (kernel start, cells, the guard);
- grading a class of 200 synthetic submissions of exercise 02 (honest, broken and hostile, the kinds of
  tests/grader/test_class_grading.py without its infinite loops) with nbgrader_sandbox.grade, with 2 workers, on a
  PostgreSQL gradebook: the autograding and the whole run (feedback and export included).

Budgets come from the design (DESIGN.md, "Speed budgets"). The script exits with status 1 if any measurement is
over its budget or the loaded build failed.
"""

import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HISTORY = ROOT / "benchmarks" / "history.jsonl"
RESULTS = ROOT / "benchmarks" / "results.md"
BUDGETS = {"page": 45.0, "cell": 30.0, "clean build": 150.0, "rebuild": 20.0, "per submission": 6.0,
           "ratio": 1.25, "class": 900.0}
CELL_TIMEOUT = 120  # _config.yml's execute.timeout: no cell may take more than a quarter of it on a quiet machine
SUBMISSIONS = 6
CLASS_SIZE = 200
CLASS_ASSIGNMENT = "02-forward-backward"
IGNORED = shutil.ignore_patterns("_build", ".venv", ".git", ".pytest_cache", "__pycache__", "*.egg-info",
                                 "gradebook.db", "submitted", "autograded", "feedback")
CALIBRATION = """
import time
import numpy as np
import torch

torch.manual_seed(0)
matrix = np.random.default_rng(0).standard_normal((300, 300))
model = torch.nn.Sequential(torch.nn.Linear(64, 256), torch.nn.ReLU(), torch.nn.Dropout(0.5), torch.nn.Linear(256, 10))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
inputs, labels = torch.randn(256, 64), torch.randint(0, 10, (256,))
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    product = matrix
    for _ in range(120):
        product = np.tanh(product @ matrix / 300)
    for _ in range(600):
        optimizer.zero_grad()
        torch.nn.functional.cross_entropy(model(inputs), labels).backward()
        optimizer.step()
    best = min(best, time.perf_counter() - start)
print(best)
"""
# The unsandboxed reference: nbgrader's own sanitizing and autograding pipelines, its Execute timed.
PLAIN_CONFIG = """
from nbgrader.converters import Autograde as _Autograde
from nbgrader.preprocessors import Execute as _Execute
from nbgrader_sandbox.preprocessors import TimedExecute as _TimedExecute
c.Autograde.sanitize_preprocessors = _Autograde.class_traits()["sanitize_preprocessors"].default()
c.Autograde.autograde_preprocessors = [_TimedExecute if step is _Execute else step
                                       for step in _Autograde.class_traits()["autograde_preprocessors"].default()]
"""
TIMINGS = re.compile(r"Executing the notebook took ([\d.]+) s: (.*)")


def run(*args: str, cwd: Path, check: bool = True) -> tuple[float, subprocess.CompletedProcess]:
    """Run a venv tool; return its wall time and its result (and fail loudly if it fails, unless told not to)."""
    from conftest import tool_environment  # the tests' environment for the venv's tools

    start = time.perf_counter()
    result = subprocess.run([str(BIN / args[0]), *args[1:]], cwd=cwd, env=tool_environment(), capture_output=True,
                            text=True)
    elapsed = time.perf_counter() - start
    if check and result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed, result


def calibration() -> float:
    """Seconds of the calibration workload, one thread, best of three."""
    result = subprocess.run([sys.executable, "-c", CALIBRATION], capture_output=True, text=True, check=True,
                            env={**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"})
    return float(result.stdout)


def build(book: Path) -> tuple[float, subprocess.CompletedProcess]:
    return run("jupyter-book", "build", str(book), "--warningiserror", "--nitpick", "--keep-going", cwd=book.parent,
               check=False)


def page_times(book: Path) -> dict[str, tuple[float, float]]:
    """page -> (its execution time, its slowest cell), from jupyter-cache's records of the latest execution (the
    book's parallel execution keeps each cell's run time in the cached notebook's metadata)."""
    from jupyter_cache import get_cache

    cache = get_cache(book / "_build" / ".jupyter_cache")
    times = {}
    for record in sorted(cache.list_cache_records(), key=lambda record: record.created):
        cells = cache.get_cache_bundle(record.pk).nb.metadata.get("execution_cell_seconds", [])
        times[Path(record.uri).relative_to(book).as_posix()] = (record.data["execution_seconds"], max(cells, default=0))
    return times


@contextmanager
def busy_cores():
    """One busy-loop process per core for the duration of the block."""
    loops = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(os.cpu_count() or 1)]
    try:
        yield
    finally:
        for loop in loops:
            loop.kill()
            loop.wait()


def book_rows(workdir: Path) -> list[tuple]:
    book = workdir / "book"
    shutil.copytree(ROOT, book, ignore=IGNORED)
    clean, result = build(book)
    if result.returncode != 0:
        sys.exit(f"the clean build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    rows = []
    for page, (seconds, slowest) in sorted(page_times(book).items()):
        rows.append((f"execute `{page}`", seconds, BUDGETS["page"]))
        rows.append((f"slowest cell of `{page}`", slowest, BUDGETS["cell"]))
    rows.append(("clean build of the site (pages in parallel)", clean, BUDGETS["clean build"]))
    rows.append(("rebuild with nothing changed", build(book)[0], BUDGETS["rebuild"]))

    loaded = workdir / "loaded"
    shutil.copytree(ROOT, loaded, ignore=IGNORED)
    with busy_cores():
        seconds, result = build(loaded)
    passed = result.returncode == 0
    if not passed:
        print(f"the loaded build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}", file=sys.stderr)
    rows.append((f"clean build beside {os.cpu_count()} busy cores: {'passed' if passed else '**FAILED**'}",
                 seconds, None, passed))
    return rows


def _timings(log: str) -> dict[str, float]:
    """Mean seconds per notebook of each stage TimedExecute logged (and 'execute', the whole execution)."""
    totals: dict[str, float] = {}
    lines = TIMINGS.findall(log)
    for whole, parts in lines:
        totals["execute"] = totals.get("execute", 0.0) + float(whole)
        for part in parts.split(", "):
            what, seconds = part.rsplit(" ", 2)[:2]
            totals[what] = totals.get(what, 0.0) + float(seconds)
    return {what: seconds / max(1, len(lines)) for what, seconds in totals.items()}


def grading_rows(assignment: str, workdir: Path) -> list[tuple]:
    """The same submissions graded by nbgrader's own pipeline and by the course's, side by side."""
    from nbgrader.api import Gradebook
    from support import answer_cells, hand_in, make_course, notebooks, submission

    solved = submission(assignment, solved=answer_cells(notebooks(assignment)[0]))
    measured = {}
    for pipeline, config in (("nbgrader's own, unsandboxed", PLAIN_CONFIG), ("the course's, sandboxed", "")):
        course = make_course(workdir / f"{assignment}-{len(measured)}", [assignment], config=config)
        for index in range(SUBMISSIONS):
            hand_in(course, assignment, f"student-{index}", solved)
        seconds, result = run("nbgrader", "autograde", assignment, "--force", cwd=course)
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
            scores = {gradebook.find_submission(assignment, f"student-{index}").score for index in range(SUBMISSIONS)}
            full = gradebook.find_assignment(assignment).max_score
        if scores != {full}:
            sys.exit(f"{assignment}: {pipeline} grading gave the solution {sorted(scores)} of {full}")
        measured[pipeline] = (seconds / SUBMISSIONS, _timings(result.stderr))
    (plain, plain_parts), (sandboxed, sandboxed_parts) = measured.values()
    stages = " · ".join(
        f"{what} {plain_parts.get(what, 0.0):.2f} → {sandboxed_parts.get(what, 0.0):.2f}"
        for what in ("execute", "kernel start", "cells", "kernel shutdown", "guard arming", "guard checks"))
    return [(f"`{assignment}`: autograde, per submission, nbgrader's own pipeline", plain, None),
            (f"`{assignment}`: autograde, per submission, the course's sandboxed pipeline", sandboxed,
             BUDGETS["per submission"]),
            (f"`{assignment}`: sandboxed ÷ nbgrader's own (s per submission: {stages})", sandboxed / plain,
             BUDGETS["ratio"], None, "×")]


def class_rows(workdir: Path) -> list[tuple]:
    """Grade a class of CLASS_SIZE synthetic submissions with 2 workers."""
    from nbgrader_sandbox.grade import grade
    from support import hand_in, make_course, temporary_server
    from synthetic import build_class  # the class-grading test's synthetic submissions

    kinds = {name: entry for name, entry in build_class(CLASS_ASSIGNMENT, 0, with_attacks=False).items()
             if "loop" not in name}
    names = sorted(kinds)
    with temporary_server() as db_url:
        course = make_course(workdir / "class", [CLASS_ASSIGNMENT], db_url=db_url)
        for index in range(CLASS_SIZE):
            name = names[index % len(names)]
            hand_in(course, CLASS_ASSIGNMENT, f"s{index:03d}-{name}", kinds[name][0])
        summary = grade(CLASS_ASSIGNMENT, course, workers=2, db_url=db_url)
    label = f"a class of {CLASS_SIZE} submissions of `{CLASS_ASSIGNMENT}`, 2 workers"
    return [(f"{label}: autograde, per submission", summary.seconds / CLASS_SIZE, None),
            (f"{label}: autograde, all", summary.seconds, None),
            (f"{label}: autograde, feedback and export", summary.total_seconds, BUDGETS["class"])]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                  if line.startswith("model name")]
        cpu = models[0] if models else cpu
    return f"{os.cpu_count()} CPU cores ({cpu}), Python {platform.python_version()}, {platform.system()}"


def commit() -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True,
                           text=True)
    return (head.stdout.strip() or "unknown") + (" (with uncommitted changes)" if dirty.stdout.strip() else "")


def _row(row: tuple) -> dict:
    name, value, budget, *rest = row
    passed = rest[0] if rest and rest[0] is not None else (None if budget is None else value <= budget)
    unit = rest[1] if len(rest) > 1 else "s"
    return {"what": name, "value": round(value, 3), "unit": unit, "budget": budget, "within": passed}


def report(runs: list[dict]) -> str:
    latest = runs[-1]
    unit = latest["calibration"]

    def multiple(row: dict) -> str:
        return f"{row['value'] / unit:.1f}" if row["unit"] == "s" and unit else "—"

    lines = [
        "# Benchmark results",
        "",
        f"Measured by `make bench` on {latest['date']} at commit {latest['commit']}: {latest['machine']}.",
        f"Calibration workload: {latest['calibrations'][0]:.2f} s at the start, {latest['calibrations'][1]:.2f} s at "
        "the end; the column × calibration divides each time by their mean.",
        "",
        "| what | measured | × calibration | budget | within |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for row in latest["rows"]:
        value = f"{row['value']:.2f} ×" if row["unit"] == "×" else f"{row['value']:.1f} s"
        budget = "—" if row["budget"] is None else f"{row['budget']:g}{' ×' if row['unit'] == '×' else ' s'}"
        within = "—" if row["within"] is None else "yes" if row["within"] else "**no**"
        lines.append(f"| {row['what']} | {value} | {multiple(row)} | {budget} | {within} |")
    lines += ["", "## History", "",
              "Every run of `make bench` (benchmarks/history.jsonl), the main figures in seconds and, in brackets, "
              "as multiples of that run's calibration.", "",
              "| date | commit | calibration | clean build | rebuild | slowest page | class of 200 |",
              "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for past in reversed(runs):
        def figure(chosen) -> str:
            values = [row["value"] for row in past["rows"] if row["unit"] == "s" and chosen(row["what"])]
            if not values:
                return "—"
            value = max(values)
            return f"{value:.1f}" + (f" ({value / past['calibration']:.1f})" if past.get("calibration") else "")
        calibration_text = f"{past['calibration']:.2f}" if past.get("calibration") else "—"
        lines.append(" | ".join([
            f"| {past['date']}", past["commit"], calibration_text,
            figure(lambda what: what.startswith("clean build of the site")),
            figure(lambda what: what.startswith("rebuild")),
            figure(lambda what: what.startswith("execute `")),
            figure(lambda what: "2 workers" in what and what.endswith("feedback and export")),
        ]) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "grader")]
    first = calibration()
    rows = []
    with tempfile.TemporaryDirectory(prefix="dropout-course-bench-") as temporary:
        workdir = Path(temporary)
        rows += book_rows(workdir)
        for assignment in sorted(path.name for path in (ROOT / "solutions").iterdir() if path.is_dir()):
            rows += grading_rows(assignment, workdir)
        rows += class_rows(workdir)
    last = calibration()
    run_record = {"date": datetime.date.today().isoformat(), "commit": commit(), "machine": machine(),
                  "calibrations": [first, last], "calibration": (first + last) / 2, "rows": [_row(row) for row in rows]}
    with HISTORY.open("a") as history:
        history.write(json.dumps(run_record) + "\n")
    runs = [json.loads(line) for line in HISTORY.read_text().splitlines() if line.strip()]
    RESULTS.write_text(report(runs))
    print(RESULTS.read_text())
    failed = [row["what"] for row in run_record["rows"] if row["within"] is False]
    if failed:
        sys.exit("over budget or failed: " + "; ".join(failed))


if __name__ == "__main__":
    main()
