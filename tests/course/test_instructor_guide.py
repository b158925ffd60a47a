"""The instructor guide, followed as written: every command a test runs here is a line of guides/instructors.md.

In a temporary copy of the course with its own exchange folder and PostgreSQL server: create the gradebook, release
exercise 02 through nbgrader's exchange, let three students fetch and submit it, collect, grade, regrade one student
after a resubmission, grade exercise 01 too, return the feedback, export. And, on nbgrader's SQLite gradebook, the
collection of a learning-management system's bulk download with `nbgrader zip_collect`.
"""

import csv
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, tool_environment
from support import answer_cells, notebooks, parts_and_points, submission, temporary_server

GUIDE = (ROOT / "guides" / "instructors.md").read_text()
ASSIGNMENT = "02-forward-backward"
# What `make` needs in a copy of the course, besides the folders: the files .venv/.ready depends on.
COURSE_FILES = ["Makefile", "requirements.txt", "constraints.txt", "pyproject.toml", "nbgrader-sandbox/pyproject.toml",
                "nbgrader_config.py"]


def guide_config(language: str, first_line: str) -> str:
    """The guide's code block of that language that starts with first_line."""
    for block in re.findall(rf"```{language}\n(.*?)```", GUIDE, re.DOTALL):
        if block.startswith(first_line):
            return block
    raise AssertionError(f"the instructor guide has no {language} block starting with {first_line!r}")


def copy_course(folder: Path, exchange: Path) -> Path:
    """What an instructor has: the course (the environment linked, not rebuilt), with the exchange moved into the
    test's folder and shorter cell time limits."""
    folder.mkdir(parents=True)
    for name in COURSE_FILES:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, folder / name)
    for name in ("solutions", "exercises"):
        shutil.copytree(ROOT / name, folder / name)
    (folder / ".venv").symlink_to(ROOT / ".venv")
    with open(folder / "nbgrader_config.py", "a") as config:
        config.write(f"\nc.Exchange.root = {str(exchange)!r}\nc.Execute.timeout = 30\nc.ExecutePreprocessor.timeout = 30\n")
    return folder


class Shell:
    """Runs the guide's commands, each one checked to be a line of the guide, in bash with the given environment."""

    def __init__(self, cwd: Path, env: dict[str, str]):
        self.cwd, self.env = cwd, env

    def __call__(self, command: str, student: str | None = None, cwd: Path | None = None) -> str:
        assert command in GUIDE, f"not a command of the instructor guide: {command}"
        line = command + (f" --student {student}" if student else "")
        result = subprocess.run(["bash", "-c", line], cwd=cwd or self.cwd, env=self.env, capture_output=True,
                                text=True, timeout=1800)
        assert result.returncode == 0, f"{line} failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        return result.stdout + result.stderr


def student_environment(home: Path, exchange: Path) -> dict[str, str]:
    """A student's machine: a home of their own and the machine-wide nbgrader configuration the guide gives."""
    config = home / ".jupyter"
    config.mkdir(parents=True, exist_ok=True)
    (config / "nbgrader_config.py").write_text(
        guide_config("python", "c = get_config()").replace("/srv/nbgrader/exchange", str(exchange)))
    env = tool_environment()
    env.update(HOME=str(home), JUPYTER_CONFIG_DIR=str(config), JUPYTER_DATA_DIR=str(home / ".local" / "share" / "jupyter"))
    return env


def read_rows(course: Path) -> dict[tuple[str, str], dict[str, str]]:
    with open(course / "grades.csv", newline="") as handle:
        return {(row["assignment"], row["student_id"]): row for row in csv.DictReader(handle)}


def answer(notebook_path: Path, assignment: str, parts) -> None:
    """Fill in a fetched notebook: the solutions of `parts`, the others as released."""
    source, release = notebooks(assignment)
    solutions, stubs = answer_cells(source), answer_cells(release)
    notebook = nbformat.read(notebook_path, as_version=4)
    for grade_id, cell in answer_cells(notebook).items():
        cell.source = (solutions if grade_id in parts else stubs)[grade_id].source
    nbformat.write(notebook, notebook_path)


@pytest.mark.full
def test_the_instructor_guide_main_path_as_written(tmp_path):
    exchange, homes = tmp_path / "exchange", tmp_path / "homes"
    real_home = sorted(os.listdir(os.path.expanduser("~")))
    srv_before = os.path.exists("/srv/nbgrader")
    course = copy_course(tmp_path / "course", exchange)
    parts, points = parts_and_points(ASSIGNMENT)
    with temporary_server() as server_url:
        db_url = server_url.rsplit("/", 1)[0] + "/dropout_course"  # a database that make gradebook must create
        env = tool_environment()
        env.update(DB_URL=db_url, HOME=str(tmp_path / "instructor"), JUPYTER_DATA_DIR=str(tmp_path / "instructor-data"))
        instructor = Shell(course, env)

        instructor("source .venv/bin/activate")
        assert "created the database" in instructor("make gradebook DB_URL=$DB_URL")
        instructor("nbgrader release_assignment 02-forward-backward")

        students = {"alice": parts, "bob": parts[:1], "carol": ()}
        for name, solved in students.items():
            home = homes / name
            shell = Shell(home, student_environment(home, exchange))
            shell("nbgrader fetch_assignment 02-forward-backward")
            answer(home / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", ASSIGNMENT, solved)
            shell("nbgrader submit 02-forward-backward", student=name)
        instructor("nbgrader collect 02-forward-backward")
        assert sorted(os.listdir(course / "submitted")) == sorted(students)

        output = instructor("make grade ASSIGNMENT=02-forward-backward WORKERS=2 DB_URL=$DB_URL")
        rows = read_rows(course)
        expected = {"alice": sum(points.values()), "bob": points[parts[0]], "carol": 0}
        assert {name: float(rows[ASSIGNMENT, name]["score"]) for name in students} == expected, output
        assert "has changed" not in output

        # alice resubmits with part 2 broken; only she is regraded
        feedback = course / "feedback" / "alice" / ASSIGNMENT / f"{ASSIGNMENT}.html"
        first_feedback = feedback.read_text()
        home = homes / "alice"
        shell = Shell(home, student_environment(home, exchange))
        answer(home / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", ASSIGNMENT, [part for part in parts if part != parts[1]])
        shell("nbgrader submit 02-forward-backward", student="alice")
        others = {name: (course / "autograded" / name / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").stat().st_mtime_ns
                  for name in ("bob", "carol")}
        instructor("nbgrader collect 02-forward-backward --update")
        instructor("make grade ASSIGNMENT=02-forward-backward STUDENT=alice DB_URL=$DB_URL")
        rows = read_rows(course)
        assert float(rows[ASSIGNMENT, "alice"]["score"]) == expected["alice"] - points[parts[1]]
        assert {name: float(rows[ASSIGNMENT, name]["score"]) for name in ("bob", "carol")} == {
            name: expected[name] for name in ("bob", "carol")}
        assert others == {name: (course / "autograded" / name / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").stat().st_mtime_ns
                          for name in ("bob", "carol")}, "regrading alice touched the others"
        assert feedback.read_text() != first_feedback, "alice's feedback was not replaced"
        assert len(rows) == 3, f"stale or missing rows: {sorted(rows)}"
        # regrading the same submission again changes nothing
        instructor("make grade ASSIGNMENT=02-forward-backward STUDENT=alice DB_URL=$DB_URL")
        assert read_rows(course) == rows

        # a second assignment, handed in by hand: grades.csv then holds both
        for name in ("alice", "bob"):
            target = course / "submitted" / name / "01-overfitting" / "01-overfitting.ipynb"
            target.parent.mkdir(parents=True)
            nbformat.write(submission("01-overfitting", parts_and_points("01-overfitting")[0]), target)
        make_01 = "make grade ASSIGNMENT=02-forward-backward WORKERS=2 DB_URL=$DB_URL".replace(ASSIGNMENT, "01-overfitting")
        subprocess.run(["bash", "-c", make_01], cwd=course, env=env, check=True, capture_output=True)
        rows = read_rows(course)
        assert {key[0] for key in rows} == {"01-overfitting", ASSIGNMENT} and float(rows["01-overfitting", "alice"]["score"]) == 12
        assert float(rows["01-overfitting", "carol"]["score"]) == 0 and len(rows) == 6

        # the feedback goes back through the exchange; plain nbgrader export writes the same grades.csv
        instructor("nbgrader release_feedback 02-forward-backward")
        home = homes / "bob"
        Shell(home, student_environment(home, exchange))("nbgrader fetch_feedback 02-forward-backward", student="bob")
        fetched = list((home / ASSIGNMENT / "feedback").rglob("*.html"))
        assert len(fetched) == 1 and "Score" in fetched[0].read_text()
        before = (course / "grades.csv").read_text()
        export = "nbgrader export --to grades.csv"
        assert export in GUIDE
        subprocess.run(["bash", "-c", export + " --CourseDirectory.db_url=$DB_URL"], cwd=course, env=env, check=True,
                       capture_output=True)
        assert (course / "grades.csv").read_text() == before

    assert os.path.exists("/srv/nbgrader") == srv_before, "a folder was created outside the course"
    assert sorted(os.listdir(os.path.expanduser("~"))) == real_home, "a file appeared in the real home"


def test_zip_collect_takes_a_learning_management_systems_download(tmp_path):
    """Three submissions in a zip, named as Canvas names a bulk download, one of them a browser's second download:
    `nbgrader zip_collect` files them under the right students and the grading command grades all three."""
    course = copy_course(tmp_path / "course", tmp_path / "exchange")
    env = tool_environment() | {"HOME": str(tmp_path)}  # the download is in ~/Downloads
    instructor = Shell(course, env)
    subprocess.run(["bash", "-c", "make exercises"], cwd=course, env=env, check=True, capture_output=True)
    parts, points = parts_and_points(ASSIGNMENT)
    bundle = tmp_path / "Downloads" / "submissions.zip"
    bundle.parent.mkdir()
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr(f"smithjane_4107_88213_{ASSIGNMENT}.ipynb", nbformat.writes(submission(ASSIGNMENT, parts)))
        archive.writestr(f"doejohn_LATE_4112_88240_{ASSIGNMENT} (1).ipynb", nbformat.writes(submission(ASSIGNMENT, parts[:1])))
        archive.writestr(f"leeann_4120_88301_{ASSIGNMENT}.ipynb", nbformat.writes(submission(ASSIGNMENT)))
    instructor("mkdir -p downloaded/02-forward-backward/archive")
    instructor("cp ~/Downloads/submissions.zip downloaded/02-forward-backward/archive/")
    output = instructor("nbgrader zip_collect 02-forward-backward")
    assert sorted(os.listdir(course / "submitted")) == ["doejohn", "leeann", "smithjane"], output
    subprocess.run(["bash", "-c", f"make grade ASSIGNMENT={ASSIGNMENT}"], cwd=course, env=env, check=True,
                   capture_output=True)
    rows = read_rows(course)
    assert {key[1]: float(row["score"]) for key, row in rows.items()} == {
        "smithjane": sum(points.values()), "doejohn": points[parts[0]], "leeann": 0}
    assert f"graded '{ASSIGNMENT} (1).ipynb' as '{ASSIGNMENT}.ipynb'" in rows[ASSIGNMENT, "doejohn"]["grading_notes"]


def test_the_cluster_examples_run_slices_and_say_what_to_change():
    import yaml

    job = yaml.safe_load((ROOT / "deploy" / "grading-job.yaml").read_text())
    assert job["kind"] == "Job" and job["spec"]["completionMode"] == "Indexed"
    command = " ".join(job["spec"]["template"]["spec"]["containers"][0]["command"])
    assert "SLICE=$JOB_COMPLETION_INDEX/$COUNT" in command
    count = {item["name"]: item.get("value") for item in job["spec"]["template"]["spec"]["containers"][0]["env"]}["COUNT"]
    assert int(count) == job["spec"]["completions"] == job["spec"]["parallelism"]
    script = ROOT / "deploy" / "grade.sbatch"
    assert subprocess.run(["bash", "-n", str(script)]).returncode == 0
    assert "SLICE=$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT" in script.read_text()
    for example in ("deploy/grading-job.yaml", "deploy/grade.sbatch"):
        assert example in GUIDE
