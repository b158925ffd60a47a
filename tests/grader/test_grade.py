"""The grader on a course that is not this one: one notebook, one test cell, configured exactly as the grader's
README says, graded with `python -m nbgrader_sandbox.grade` in a process where the course package cannot be
imported. Honest, hostile, misnamed and ungradable submissions; feedback that needs no network; a kernel that cannot
start; a folder handed in to stand in for NumPy."""

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from conftest import REMOTE_ASSET, ROOT, run_tool, tool_environment
from support import hand_in, read_grades

pytestmark = pytest.mark.slow

README = ROOT / "nbgrader-sandbox" / "README.md"
ANSWER = "def square(x):\n    ### BEGIN SOLUTION\n    return x * x\n    ### END SOLUTION"
# The hidden test imports a module that NumPy loads only on demand: the guard must import it before student code runs.
TEST = ("assert square(3) == 9, 'square(3) must be 9'\n### BEGIN HIDDEN TESTS\n"
        "from numpy.polynomial import polynomial\n"
        "assert np.allclose(square(np.arange(3.0)), polynomial.polyval(np.arange(3.0), [0.0, 0.0, 1.0])), "
        "'square works on arrays'\n### END HIDDEN TESTS")
# Run the grading command where `import dropout_course` fails: the grader must not need the course it was written for.
WITHOUT_THE_COURSE = ("import sys; sys.modules['dropout_course'] = None; from nbgrader_sandbox.grade import main; "
                      "sys.exit(main(sys.argv[1:]))")


def readme_config() -> str:
    """The nbgrader_config.py that the grader's README gives."""
    blocks = re.findall(r"```python\n(# nbgrader_config\.py\n.*?)```", README.read_text(), re.DOTALL)
    assert len(blocks) == 1, "the README must give one complete nbgrader_config.py"
    return blocks[0]


def _cell(kind, source, grade_id, grade=False, solution=False, points=None):
    metadata = {"nbgrader": {"grade": grade, "grade_id": grade_id, "locked": not solution, "schema_version": 3,
                             "solution": solution, "task": False, **({"points": points} if points else {})}}
    return (new_code_cell if kind == "code" else new_markdown_cell)(source, metadata=metadata)


def tiny_course(folder: Path, config: str = "") -> Path:
    """A course of its own: assignment ps1, notebook ps1.ipynb, one answer and one test cell (2 points)."""
    folder.mkdir(parents=True)
    (folder / "nbgrader_config.py").write_text(readme_config() + "\nc.CourseDirectory.course_id = 'tiny'\n"
                                               "c.Execute.timeout = 20\nc.ExecutePreprocessor.timeout = 20\n" + config)
    notebook = new_notebook(cells=[
        _cell("markdown", "# Problem set 1\n\nWrite $f(x) = x^2$.", "intro"),
        _cell("code", "import numpy as np", "imports"),
        _cell("code", ANSWER, "square", solution=True),
        _cell("code", TEST, "test_square", grade=True, points=2),
    ])
    (folder / "source" / "ps1").mkdir(parents=True)
    nbformat.write(notebook, folder / "source" / "ps1" / "ps1.ipynb")
    run_tool("nbgrader", "generate_assignment", "ps1", "--force", cwd=folder)
    return folder


def student(course: Path, answer: str, *extra_cells: str) -> nbformat.NotebookNode:
    """The release of ps1 with `answer` in the answer cell and extra cells (a student's own) after the imports."""
    release = nbformat.read(course / "release" / "ps1" / "ps1.ipynb", as_version=4)
    for cell in release.cells:
        if cell.metadata["nbgrader"]["grade_id"] == "square":
            cell.source = answer
    release.cells[2:2] = [new_code_cell(code) for code in extra_cells]
    return release


def grade(course: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", WITHOUT_THE_COURSE, "ps1", "--workers", "1", *options], cwd=course,
                          env=tool_environment(), capture_output=True, text=True, timeout=900)


HONEST = "def square(x):\n    return x ** 2"
BLANK = "def square(x):\n    raise NotImplementedError()"
# student: ({file name: course -> notebook or text}, score, flagged, words that the notes and the feedback must hold)
SUBMISSIONS = {
    "honest": ({"ps1.ipynb": lambda course: student(
        course, HONEST, "import sys\nprint('course package:', 'dropout_course' in sys.modules)")}, 2, False, ""),
    "untouched": ({"ps1.ipynb": lambda course: student(course, BLANK)}, 0, False, ""),
    "hostile": ({"ps1.ipynb": lambda course: student(course, "def square(x):\n    return 9",
                                                     "import numpy\nnumpy.allclose = lambda *args, **kwargs: True")},
                0, True, "numpy.allclose"),
    "lazy-module-patch": ({"ps1.ipynb": lambda course: student(
        course, "def square(x):\n    return 9",
        "from numpy.polynomial import polynomial\npolynomial.polyval = lambda *args: 9")}, 0, True, "polyval"),
    "second-download": ({"ps1 (1).ipynb": lambda course: student(course, HONEST)}, 2, False,
                        "graded 'ps1 (1).ipynb' as 'ps1.ipynb'"),
    "two-notebooks": ({"draft.ipynb": lambda course: student(course, BLANK),
                       "final.ipynb": lambda course: student(course, HONEST)}, 0, False, "none named 'ps1.ipynb'"),
    "no-notebook": ({"answers.py": lambda course: "def square(x): return x * x"}, 0, False,
                    "no notebook (.ipynb file); it must be named 'ps1.ipynb'"),
    "private-import": ({"ps1.ipynb": lambda course: student(course, HONEST, "import nbgrader_sandbox.database")},
                       0, True, "imported nbgrader_sandbox.database"),
    "numpy-decoy": ({"ps1.ipynb": lambda course: student(course, "def square(x):\n    return 9"),
                     "numpy/__init__.py": lambda course: "allclose = lambda *args, **kwargs: True\n"}, 0, False, ""),
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The tiny course graded twice (the second time as a regrade); the first run's output and grades."""
    # the grader's own package stands for a course's private one (students do not have it; only tests may use it)
    course = tiny_course(tmp_path_factory.mktemp("tiny") / "course",
                         config="c.SandboxedKernelManager.private_modules = ['nbgrader_sandbox']\n")
    for name, (files, _, _, _) in SUBMISSIONS.items():
        for file_name, content in files.items():
            (course / "submitted" / name / "ps1" / file_name).parent.mkdir(parents=True, exist_ok=True)
            hand_in(course, "ps1", name, content(course), name=file_name)
    first = grade(course)
    assert first.returncode == 0, first.stdout + first.stderr
    grades = (course / "grades.csv").read_text()
    second = grade(course)
    assert second.returncode == 0, second.stdout + second.stderr
    return {"course": course, "first": first, "second": second, "grades_csv": grades}


@pytest.mark.parametrize("name", SUBMISSIONS)
def test_each_submission_gets_its_score_flag_and_notes(graded, name):
    _, score, flagged, words = SUBMISSIONS[name]
    row = read_grades(graded["course"])[name]
    assert float(row["score"]) == score, f"{name}: {row}\n{graded['first'].stdout[-3000:]}"
    assert row["flagged"] == str(flagged), f"{name}: {row}"
    assert words in row["grading_notes"], f"{name}: grading_notes {row['grading_notes']!r} lacks {words!r}"
    feedback = html.unescape((graded["course"] / "feedback" / name / "ps1" / "ps1.html").read_text())
    assert words in feedback, f"the feedback of {name} does not say {words!r}"


def test_the_course_package_is_nowhere_while_grading(graded):
    """The grading process could not import it (see WITHOUT_THE_COURSE); the kernel did not import it."""
    graded_notebook = nbformat.read(graded["course"] / "autograded" / "honest" / "ps1" / "ps1.ipynb", as_version=4)
    printed = [output.text for cell in graded_notebook.cells for output in cell.get("outputs", [])
               if output.get("name") == "stdout"]
    assert printed == ["course package: False\n"], printed


def test_a_regrade_gives_the_same_grades_and_says_the_same(graded):
    assert (graded["course"] / "grades.csv").read_text() == graded["grades_csv"]
    notes = [line for line in graded["first"].stdout.splitlines() if line.startswith("  ")]
    assert len(notes) == 3 and notes == [line for line in graded["second"].stdout.splitlines() if line.startswith("  ")]
    folder = graded["course"] / "submitted" / "second-download" / "ps1"
    assert (folder / "ps1.ipynb").is_symlink() and (folder / "ps1 (1).ipynb").is_file()


def test_feedback_pages_need_no_network(graded):
    """MathJax is inside the page: nothing is loaded from elsewhere, and the page still holds the TeX it sets."""
    page = (graded["course"] / "feedback" / "honest" / "ps1" / "ps1.html").read_text()
    assert not REMOTE_ASSET.findall(page), f"the feedback page loads from the network: {REMOTE_ASSET.findall(page)}"
    assert "window.MathJax = {" in page and "MathJax.startup" in page, "the feedback page carries no MathJax"
    assert "$f(x) = x^2$" in page


def test_a_folder_handed_in_as_numpy_does_not_stand_in_for_numpy(graded):
    """The decoy's fake numpy would have made the hidden test pass; the kernel used the real one (0 points)."""
    graded_notebook = nbformat.read(graded["course"] / "autograded" / "numpy-decoy" / "ps1" / "ps1.ipynb", as_version=4)
    [test] = [cell for cell in graded_notebook.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == "test_square"]
    assert any(output.output_type == "error" for output in test.outputs)


def test_a_kernel_that_cannot_start_stops_the_grading_and_scores_no_one(tmp_path):
    course = tiny_course(tmp_path / "course", config="c.SandboxedKernelManager.watched_modules = "
                                                     "['numpy', 'a_package_this_machine_lacks']\n")
    hand_in(course, "ps1", "alice", student(course, HONEST))
    result = grade(course)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "did not start" in result.stderr and "a_package_this_machine_lacks" in result.stderr, result.stderr[-3000:]
    assert not (course / "grades.csv").exists()
    assert not (course / "autograded" / "alice" / "ps1").exists(), "a later run would skip alice as graded"
    plain = run_tool("nbgrader", "autograde", "ps1", "--force", cwd=course, check=False)
    assert plain.returncode != 0 and "a_package_this_machine_lacks" in plain.stdout + plain.stderr
    from nbgrader.api import Grade, Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scored = [grade.auto_score for grade in gradebook.db.query(Grade) if grade.auto_score is not None]
    assert scored == [], "a kernel that could not start scored a student"


def test_a_copy_of_the_grader_in_the_course_folder_does_not_confuse_the_sandbox(tmp_path):
    """The grading process imports nbgrader_sandbox from a copy in the course folder; the kernel's interpreter
    imports the installed one, and the sandbox binds that."""
    import shutil

    course = tiny_course(tmp_path / "course")
    shutil.copytree(ROOT / "nbgrader-sandbox" / "nbgrader_sandbox", course / "nbgrader_sandbox")
    hand_in(course, "ps1", "alice", student(course, HONEST))
    result = subprocess.run([sys.executable, "-m", "nbgrader_sandbox.grade", "ps1", "--workers", "1"], cwd=course,
                            env=tool_environment(), capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    assert float(read_grades(course)["alice"]["score"]) == 2


@pytest.mark.full
def test_three_slices_at_once_grade_the_class_as_one_run_does_and_a_crashed_slice_reruns_alone(tmp_path):
    """K = 3 slices graded at the same time against one PostgreSQL gradebook, then --finish: every student graded
    exactly once, and scores, flags, notes, feedback and grades.csv equal to grading the class in one run. A slice
    killed half-way is run again alone."""
    import signal
    import time

    from support import temporary_server

    names = {f"s{index:02d}-{kind}": kind for index, kind in enumerate(["honest", "untouched", "hostile"] * 3)}
    answers = {"honest": (HONEST,), "untouched": (BLANK,),
               "hostile": ("def square(x):\n    return 9", "import numpy\nnumpy.allclose = lambda *args, **kwargs: True")}
    results = {}
    with temporary_server("whole") as whole_url, temporary_server("sliced") as sliced_url:
        for how, url in (("whole", whole_url), ("sliced", sliced_url)):
            course = tiny_course(tmp_path / how, config=f"c.CourseDirectory.db_url = {url!r}\n")
            for name, kind in names.items():
                hand_in(course, "ps1", name, student(course, *answers[kind]))
            results[how] = course
        assert grade(results["whole"], "--db-url", whole_url).returncode == 0
        course = results["sliced"]
        command = [sys.executable, "-c", WITHOUT_THE_COURSE, "ps1", "--workers", "1", "--db-url", sliced_url]
        slices = [subprocess.Popen([*command, "--slice", f"{index}/3"], cwd=course, env=tool_environment(),
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
                  for index in range(3)]
        # slice 1 is killed once it has graded its first student (students are dealt in sorted order)
        first_of_slice_1 = sorted(names)[1]
        deadline = time.monotonic() + 600
        while not (course / "autograded" / first_of_slice_1 / "ps1" / "ps1.ipynb").exists():
            assert time.monotonic() < deadline and slices[1].poll() is None, "slice 1 graded nothing"
            time.sleep(0.2)
        os.killpg(slices[1].pid, signal.SIGKILL)  # the slice and its workers, as when a machine is lost
        outputs = [process.communicate(timeout=900)[0] for process in slices]
        assert slices[0].returncode == slices[2].returncode == 0, outputs
        rerun = subprocess.run([*command, "--slice", "1/3"], cwd=course, env=tool_environment(), capture_output=True,
                               text=True, timeout=900)
        assert rerun.returncode == 0, rerun.stdout + rerun.stderr
        finish = subprocess.run([*command, "--finish"], cwd=course, env=tool_environment(), capture_output=True,
                                text=True, timeout=900)
        assert finish.returncode == 0, finish.stdout + finish.stderr
        graded_by = {}
        for index, output in [(0, outputs[0]), (2, outputs[2]), (1, rerun.stdout)]:
            match = re.search(r"graded (\d+) submissions", output)
            graded_by[index] = int(match.group(1))
        assert sum(graded_by.values()) == len(names), f"graded {graded_by}, the class has {len(names)}"
    whole, sliced = read_grades(results["whole"]), read_grades(results["sliced"])
    assert set(whole) == set(sliced) == set(names)
    for name in names:
        for column in ("score", "max_score", "flagged", "grading_notes"):
            assert whole[name][column] == sliced[name][column], (name, column, whole[name], sliced[name])
        pages = [_feedback_text(results[how], name) for how in ("whole", "sliced")]
        assert pages[0] == pages[1], f"the feedback of {name} differs"


def _feedback_text(course: Path, name: str) -> str:
    """A feedback page without what differs between two copies of the same submission graded apart: timestamps,
    and the random ids of the cells the two copies were built with."""
    text = (course / "feedback" / name / "ps1" / "ps1.html").read_text()
    return re.sub(r"\d{4}-\d\d-\d\d[ T][\d:.]+|cell-id=[\w-]+", "", text)
