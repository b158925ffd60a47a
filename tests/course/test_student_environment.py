"""The released exercises run in a student's own environment: a plain Jupyter kernel with only the standard library,
NumPy, PyTorch and matplotlib, without the course package, scikit-learn, nbgrader or any other package of the
course's virtual environment, and with no file beside the notebook.

Building such an environment would take minutes and a download, so the kernel here runs this interpreter and hides
what a student would not have: an IPython startup file (in a temporary IPYTHONDIR) puts a finder first on
`sys.meta_path` that makes every finder behind it blind to the modules and the metadata of the other installed
distributions, exactly as if they were not installed (`import sklearn` raises ModuleNotFoundError,
`importlib.util.find_spec("sklearn")` is None, `importlib.metadata.version("scikit-learn")` raises
PackageNotFoundError).
"""

import importlib.metadata
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ASSIGNMENTS, ROOT, tool_environment

# What a student's environment has: the science the exercises use, and the kernel Jupyter runs a notebook in.
STUDENT_DISTRIBUTIONS = ("numpy", "torch", "matplotlib", "ipykernel")
# Top-level modules that must be hidden whatever the metadata says: the course package (installed editable from
# this repository) and the packages the course's own environment has and a student's does not.
MUST_BE_HIDDEN = ("dropout_course", "sklearn", "nbgrader", "mnist1d", "scipy")


def normalized(name: str) -> str:
    """A distribution's name as PEP 503 compares them: `Scikit_Learn` and `scikit-learn` are the same."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements_of(distribution: importlib.metadata.Distribution) -> list[str]:
    """The names of the distributions this one requires on this platform, without any extra."""
    names = []
    for line in distribution.requires or []:
        try:
            from packaging.requirements import Requirement
        except ImportError:  # without packaging: a requirement with a marker mentioning an extra is left out
            name, _, marker = line.partition(";")
            if "extra" not in marker:
                names.append(re.match(r"\s*([A-Za-z0-9._-]+)", name).group(1))
            continue
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            names.append(requirement.name)
    return names


def student_block_list(roots: tuple[str, ...] = STUDENT_DISTRIBUTIONS) -> tuple[set[str], set[str]]:
    """What a student's environment would not have, computed from this interpreter's installed distributions.

    The allowed distributions are the transitive closure of `roots` over their `Requires-Dist` (environment markers
    evaluated for this platform, extras ignored). Returns (modules, distributions): the top-level import names of
    every other installed distribution that no allowed distribution also provides, standard-library names excepted,
    plus MUST_BE_HIDDEN; and the normalized names of those other distributions.
    """
    installed = {}
    for distribution in importlib.metadata.distributions():
        installed.setdefault(normalized(distribution.metadata["Name"]), distribution)
    allowed, pending = set(), [normalized(root) for root in roots]
    while pending:
        name = normalized(pending.pop())
        if name in allowed or name not in installed:
            continue
        allowed.add(name)
        pending.extend(requirements_of(installed[name]))
    missing = set(map(normalized, roots)) - allowed
    assert not missing, f"this interpreter lacks {missing}, which a student's environment has"
    modules = {
        module for module, providers in importlib.metadata.packages_distributions().items()
        if not any(normalized(provider) in allowed for provider in providers)
        and module not in sys.stdlib_module_names and module.isidentifier()
    }
    return modules | set(MUST_BE_HIDDEN), set(installed) - allowed


# The IPython startup file of the student kernel. It defines nothing in the notebook's namespace.
STARTUP = '''\
"""A student's environment (written by tests/course/test_student_environment.py): hide the modules and the metadata of the
distributions a student would not have installed, and the course's repository."""


def _become_a_student_environment(modules, distributions, repository):
    import os
    import re
    import sys

    modules, distributions = frozenset(modules), frozenset(distributions)

    def hidden(fullname):
        return fullname.partition(".")[0] in modules

    class Hide:
        """One finder of sys.meta_path that no longer finds what a student does not have."""

        def __init__(self, finder):
            self.finder = finder

        def find_spec(self, fullname, path=None, target=None):
            find_spec = getattr(self.finder, "find_spec", None)
            return None if hidden(fullname) or find_spec is None else find_spec(fullname, path, target)

        def find_distributions(self, *args, **kwargs):
            find_distributions = getattr(self.finder, "find_distributions", None)
            for distribution in find_distributions(*args, **kwargs) if find_distributions else ():
                name = re.sub(r"[-_.]+", "-", distribution.metadata["Name"] or "").lower()
                if name not in distributions:
                    yield distribution

        def invalidate_caches(self):
            if hasattr(self.finder, "invalidate_caches"):
                self.finder.invalidate_caches()

        def __getattr__(self, name):
            return getattr(self.finder, name)

        def __repr__(self):
            return f"Hide({self.finder!r})"

    class StudentEnvironment:
        """First on sys.meta_path: before each import, wraps every other finder (those added later too) in Hide."""

        def find_spec(self, fullname, path=None, target=None):
            for position, finder in enumerate(sys.meta_path):
                if finder is not self and not isinstance(finder, Hide):
                    sys.meta_path[position] = Hide(finder)
            return None

        def find_distributions(self, *args, **kwargs):
            self.find_spec("")
            return ()

    guard = StudentEnvironment()
    sys.meta_path.insert(0, guard)
    guard.find_spec("")
    for name in [name for name in sys.modules if hidden(name)]:  # imported while the kernel started
        del sys.modules[name]
    prefixes = [os.path.realpath(prefix) + os.sep for prefix in {sys.prefix, sys.base_prefix}]
    repository = os.path.realpath(repository)
    for entry in list(sys.path):
        real = os.path.realpath(entry) if entry else ""
        inside = real == repository or real.startswith(repository + os.sep)
        if inside and not any((real + os.sep).startswith(prefix) for prefix in prefixes):
            sys.path.remove(entry)


_become_a_student_environment(__MODULES__, __DISTRIBUTIONS__, __REPOSITORY__)
del _become_a_student_environment
'''


@pytest.fixture(scope="session")
def student_kernel_environment(tmp_path_factory) -> dict[str, str]:
    """The environment variables of a kernel that behaves like a student's own: IPYTHONDIR is a temporary folder
    whose startup file hides every module a student would not have (see STARTUP), nothing is added to sys.path
    by PYTHONPATH or the user's site-packages, and the repository is removed from sys.path."""
    modules, distributions = student_block_list()
    ipython_dir = tmp_path_factory.mktemp("student-ipython")
    startup = ipython_dir / "profile_default" / "startup" / "00-student-environment.py"
    startup.parent.mkdir(parents=True)
    code = (STARTUP.replace("__MODULES__", repr(sorted(modules)))
            .replace("__DISTRIBUTIONS__", repr(sorted(distributions)))
            .replace("__REPOSITORY__", repr(str(ROOT))))
    startup.write_text(code)
    compile(code, str(startup), "exec")  # a syntax error would only be a warning in the kernel
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONSTARTUP")}
    env.update(IPYTHONDIR=str(ipython_dir), PYTHONNOUSERSITE="1")
    return env


def run_as_a_student(notebook: nbformat.NotebookNode, name: str, folder: Path, env: dict[str, str]):
    """Save the notebook alone in an empty folder and run it there top to bottom in the student kernel, going on
    after errors as nbgrader does; return the executed notebook."""
    folder.mkdir()
    path = folder / name
    nbformat.write(notebook, path)
    assert [p.name for p in folder.iterdir()] == [name]
    NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(folder)}}).execute(cwd=str(folder), env=env)
    return notebook


def grade_id(cell) -> str:
    return cell.metadata.get("nbgrader", {}).get("grade_id", f"cell {cell.get('id', '?')}")


def errors_of(notebook: nbformat.NotebookNode) -> list[tuple[str, str, str]]:
    """(grade_id, ename, evalue) of every error output."""
    return [(grade_id(cell), output.ename, output.evalue)
            for cell in notebook.cells if cell.cell_type == "code"
            for output in cell.outputs if output.output_type == "error"]


PROBE = r'''
import importlib.metadata, importlib.util, json, os, sys
report = {"cwd": os.getcwd(), "files": sorted(os.listdir()), "path": sys.path, "prefix": sys.prefix,
          "guard_first": type(sys.meta_path[0]).__name__, "imports": {}, "find_spec": {}, "metadata": {}}
for name in ["dropout_course", "sklearn", "nbgrader", "mnist1d", "scipy", "sklearn.datasets",
             "numpy", "torch", "matplotlib", "matplotlib.pyplot"]:
    try:
        __import__(name)
        report["imports"][name] = "ok"
    except Exception as error:
        report["imports"][name] = f"{type(error).__name__}: {error}"
for name in ["dropout_course", "sklearn", "numpy"]:
    report["find_spec"][name] = importlib.util.find_spec(name) is not None
for name in ["scikit-learn", "dropout-course", "nbgrader", "numpy", "torch"]:
    try:
        importlib.metadata.version(name)
        report["metadata"][name] = "ok"
    except importlib.metadata.PackageNotFoundError:
        report["metadata"][name] = "missing"
print(json.dumps(report))
'''


def test_the_student_kernel_has_no_course_package(student_kernel_environment, tmp_path):
    """The student kernel runs this interpreter in an empty folder beside the notebook, outside the repository; the
    course package, scikit-learn, nbgrader, mnist1d and scipy are not there, while NumPy, PyTorch and matplotlib are.
    This keeps the fixture from silently ceasing to hide anything."""
    modules, _ = student_block_list()
    assert set(MUST_BE_HIDDEN) <= modules and not {"numpy", "torch", "matplotlib", "ipykernel"} & modules
    probe = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)])
    folder = tmp_path / "student"
    executed = run_as_a_student(probe, "probe.ipynb", folder, student_kernel_environment)
    assert not errors_of(executed), errors_of(executed)
    [output] = [o for o in executed.cells[0].outputs if o.get("name") == "stdout"]
    report = json.loads(output.text)
    assert os.path.realpath(report["prefix"]) == os.path.realpath(sys.prefix), "the kernel runs another interpreter"
    assert report["guard_first"] == "StudentEnvironment", "the startup file did not run"
    assert os.path.realpath(report["cwd"]) == os.path.realpath(folder) and report["files"] == ["probe.ipynb"]
    on_path = [entry for entry in report["path"] if entry and (
        os.path.realpath(entry) == str(ROOT) or os.path.realpath(entry).startswith(str(ROOT / "tests")))]
    assert not on_path, f"the repository is on the kernel's sys.path: {on_path}"
    imports = report["imports"]
    for name in ("numpy", "torch", "matplotlib", "matplotlib.pyplot"):
        assert imports[name] == "ok", f"a student has {name}: {imports[name]}"
    for name in ("dropout_course", "sklearn", "nbgrader", "mnist1d", "scipy"):
        assert imports[name] == f"ModuleNotFoundError: No module named '{name}'", f"{name}: {imports[name]}"
    assert imports["sklearn.datasets"] == "ModuleNotFoundError: No module named 'sklearn'"
    assert report["find_spec"] == {"dropout_course": False, "sklearn": False, "numpy": True}
    assert report["metadata"] == {"scikit-learn": "missing", "dropout-course": "missing", "nbgrader": "missing",
                                  "numpy": "ok", "torch": "ok"}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_untouched_release_runs_in_a_plain_kernel(assignment, student_kernel_environment, tmp_path):
    """The release as a student receives it runs top to bottom in their own environment: the only errors are the
    NotImplementedError of the answers left to write, which at least one visible test shows."""
    release = nbformat.read(ROOT / "exercises" / assignment / f"{assignment}.ipynb", as_version=4)
    executed = run_as_a_student(release, f"{assignment}.ipynb", tmp_path / "student", student_kernel_environment)
    errors = errors_of(executed)
    others = [f"{cell}: {ename}: {evalue}" for cell, ename, evalue in errors if ename != "NotImplementedError"]
    assert not others, "in a student's environment the untouched release fails otherwise than NotImplementedError:\n" + (
        "\n".join(others))
    failing_tests = {cell for cell, _, _ in errors} & {
        grade_id(cell) for cell in executed.cells if cell.metadata.get("nbgrader", {}).get("grade")}
    assert failing_tests, "no test of the untouched release fails with NotImplementedError"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_without_hidden_tests_runs_in_a_plain_kernel(assignment, student_kernel_environment, tmp_path):
    """A student who writes the solutions passes every visible test in their own environment, with nothing on
    stderr (nbgrader scores a cell that writes to stderr 0). The hidden tests are removed as nbgrader releases."""
    from nbgrader.preprocessors import ClearHiddenTests

    solution = nbformat.read(ROOT / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)
    solution, _ = ClearHiddenTests().preprocess(solution, {})
    assert not any("HIDDEN TESTS" in cell.source for cell in solution.cells)
    executed = run_as_a_student(solution, f"{assignment}.ipynb", tmp_path / "student", student_kernel_environment)
    problems = [f"{cell}: {ename}: {evalue}" for cell, ename, evalue in errors_of(executed)]
    problems += [f"{grade_id(cell)} writes to stderr: {output.text.strip()[:300]}"
                 for cell in executed.cells if cell.cell_type == "code"
                 for output in cell.outputs if output.get("name") == "stderr"]
    assert not problems, "in a student's environment the solutions fail:\n" + "\n".join(problems)


def validate(notebook: nbformat.NotebookNode, name: str, folder: Path) -> str:
    """`nbgrader validate NAME` as the student guide gives it, in a folder that holds only the notebook; its output."""
    folder.mkdir()
    nbformat.write(notebook, folder / name)
    result = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "validate", name], cwd=folder,
                            env=tool_environment(), capture_output=True, text=True, timeout=600)
    return result.stdout + result.stderr


def test_nbgrader_validate_shows_a_failing_tests_whole_message(tmp_path):
    """`nbgrader validate` cuts every line at 90 characters; the visible tests' messages come in shorter lines, so
    the student reads all of it (here: what the kept entries should have been)."""
    source = nbformat.read(ROOT / "solutions" / "02-forward-backward" / "02-forward-backward.ipynb", as_version=4)
    notebook = nbformat.read(ROOT / "exercises" / "02-forward-backward" / "02-forward-backward.ipynb", as_version=4)
    answers = {grade_id(cell): cell.source for cell in source.cells if cell.metadata["nbgrader"]["solution"]}
    for cell in notebook.cells:
        if grade_id(cell) in answers:
            cell.source = answers[grade_id(cell)]
        if grade_id(cell) == "dropout_forward":
            assert "return x * mask / q, mask" in cell.source
            cell.source = cell.source.replace("return x * mask / q, mask", "return x * mask * q, mask")
    output = validate(notebook, "02-forward-backward.ipynb", tmp_path / "student")
    message = output.rpartition("AssertionError:")[2]
    assert "kept entries must be x / q" in message and "[1.333, 2.667, 4, 5.333] where kept" in message, output[-3000:]
    assert not any(line.endswith("...") for line in message.splitlines()), f"the message was cut:\n{message}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_nbgrader_validate_passes_the_solutions_in_a_folder_of_their_own(assignment, tmp_path):
    from nbgrader.preprocessors import ClearHiddenTests

    solution = nbformat.read(ROOT / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)
    solution, _ = ClearHiddenTests().preprocess(solution, {})
    output = validate(solution, f"{assignment}.ipynb", tmp_path / "student")
    assert "Success! Your notebook passes all the tests." in output, output[-3000:]
