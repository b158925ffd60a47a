"""nbgrader plug-ins that make autograding safe for hostile submissions (named in ``nbgrader_config.py``).

- ``SandboxedExecute`` replaces nbgrader's ``Execute``: it runs the notebook in a sandboxed, guarded kernel
  (``dropout_course.sandbox``, ``dropout_course.guard``), asks the guard before and after every test cell whether
  the test machinery is intact, voids the tests from the first change on, and survives a kernel that dies or
  stops answering.
- ``RecordIntegrity`` runs after ``SaveAutoGrades``: it flags the submission in the gradebook (nbgrader's
  ``flagged``) and puts a note at the top of the graded notebook, which the feedback shows.
- ``GradesExport`` is ``nbgrader export``'s CSV with two more columns, ``flagged`` and ``grading_notes``.
- ``FeedbackExporter`` writes ``nbgrader generate_feedback``'s pages with MathJax inside them, so that their formulas
  render with no network (nbgrader's template loads MathJax from a CDN).
"""

import ast
import csv
import functools
import importlib.metadata
import os
import secrets
import select
import time

from jinja2 import DictLoader
from markupsafe import Markup
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbconvert.exporters import HTMLExporter
from nbformat.notebooknode import NotebookNode
from nbformat.v4 import new_markdown_cell
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import ExportPlugin
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Float, default

from dropout_course.guard import parse_reply, request_code
from dropout_course.sandbox import SandboxedKernelManager

METADATA_KEY = "dropout_course"
FAILURE_FILE = "grading-failure.txt"  # written by `python -m dropout_course.grade` for a notebook it could not grade


def bound_names(source: str) -> list[str]:
    """The names a cell binds at its top level (assignments, definitions, imports, loop targets)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        else:
            for child in ast.walk(node):
                if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
                    names.add(child.id)
    return sorted(names)


def _error_output(name: str, text: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=name, evalue=text, traceback=[f"\x1b[0;31m{name}\x1b[0m: {text}"])


class SandboxedExecute(Execute):
    """nbgrader's ``Execute`` in a sandboxed kernel whose guard vouches for every test cell.

    Cells are trusted when the gradebook knows them as locked cells and their source is the gradebook's (nbgrader's
    ``OverwriteCells`` has restored it by then): set-up cells and test cells. Every other cell — the answers and
    any cell a student added — runs as it would for the student. Around each test cell the guard is asked, with a
    signed request, to compare the machinery with what it recorded before any student code ran; the names that
    trusted cells bind in the notebook (``np``, the tests' helpers) are recorded after each of them and must not
    be rebound by anyone else. From the first change on, every test cell is voided (an error output explains why,
    so it scores 0) and the submission is flagged; tests that ran before keep their points.
    """

    check_timeout = Float(20.0, help="Seconds to wait for the guard's answer to an integrity check.").tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        super().__init__(*args, **kwargs)

    def preprocess(self, nb, resources=None, km=None):
        self._roles = self._cell_roles(nb, resources)
        self._tampering = None      # why the tests can no longer be trusted, once they cannot
        self._lost = None           # why the kernel can no longer run cells, once it cannot
        self._timed_out = False
        self._armed = False
        self._notes = []
        nb, resources = super().preprocess(nb, resources, km)
        resources[METADATA_KEY] = {"flags": self._notes if self._tampering else [],
                                   "kernel": self._lost, "tampering": self._tampering}
        return nb, resources

    def _cell_roles(self, nb, resources) -> dict[str, str]:
        """grade_id -> 'test' or 'setup' for the cells the gradebook vouches for."""
        info = resources["nbgrader"]
        roles = {}
        with Gradebook(info["db_url"], info.get("course_id", "")) as gradebook:
            for cell in nb.cells:
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
                if cell.cell_type != "code" or grade_id is None or utils.is_solution(cell):
                    continue
                try:
                    source = gradebook.find_source_cell(grade_id, info["notebook"], info["assignment"])
                except MissingEntry:
                    continue
                if source.locked and source.source == cell.source:
                    roles[grade_id] = "test" if utils.is_grade(cell) else "setup"
        return roles

    def _role(self, cell) -> str:
        return self._roles.get(cell.metadata.get("nbgrader", {}).get("grade_id"), "student")

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, self.resources
        role = self._role(cell)
        if self._lost:
            if role == "test":
                cell.outputs = [_error_output("KernelLost", f"not run: {self._lost}")]
            return cell, self.resources
        if not self._armed:
            self._armed = True
            if self._ask("arm", []) is None:
                self._lose(cell, "the grading kernel did not start its guard", kill=True)
                return cell, self.resources
        if role == "test" and not self._tampering:
            self._verify([], cell, "before")
            if self._lost:
                return cell, self.resources
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self._lose(cell, "the kernel died while this cell ran (os._exit, a crash, or the sandbox's memory or "
                             "CPU-time limit), so this and the later tests could not run")
            self._drain_reports(cell)
            return cell, self.resources
        except CellTimeoutError:
            # The reply came but the kernel's outputs did not (nbclient waits a few seconds for them): a kernel
            # starved by the cell, a fork bomb say. The cell fails; the kernel is asked as usual afterwards.
            cell.outputs.insert(0, _error_output("CellTimeoutError", "the cell's output did not arrive in time"))
            self._timed_out = True
        except Exception as error:  # anything else nbclient raises: give up on this kernel, not on the class
            self._lose(cell, f"the grader lost contact with the kernel ({type(error).__name__}: {error})", kill=True)
            return cell, self.resources
        if any(output.get("ename") == "CellTimeoutError" for output in cell.outputs):
            self._timed_out = True
        if role in ("test", "setup") and not self._lost:
            names = bound_names(cell.source)
            if not self._tampering:
                self._verify(names, cell, "during")
            if not self._lost:
                self._ask("trust", names)
        if role == "test" and self._tampering and not self._lost:
            # First: nbgrader scores a test cell by its outputs in order, and an execute_result before an error would
            # count as (partial) credit.
            cell.outputs.insert(0, _error_output("GradingIntegrityError", self._tampering))
        return cell, self.resources

    def _verify(self, exempt: list[str], cell, when: str) -> None:
        """Ask the guard to check the machinery; record tampering, or a kernel that no longer answers."""
        problems = self._ask("check", exempt)
        if problems is None:
            if self._lost:
                return
            if self._timed_out:
                self._lose(cell, "the kernel stopped answering after a cell ran out of time, so the later tests "
                                 "could not run", kill=True)
                return
            problems = ["the kernel did not answer the grader's integrity check (it was taken over or blocked)"]
            self._lose(cell, "the kernel did not answer the grader's integrity check", kill=True)
        if problems:
            grade_id = cell.metadata["nbgrader"]["grade_id"]
            self._notes = sorted(set(problems))
            self._tampering = (f"the submission changed the grading machinery {when} cell '{grade_id}' "
                               f"({'; '.join(self._notes[:5])}), so this test and the later ones earn no points; "
                               "the submission is flagged for the instructor")

    def _ask(self, operation: str, names: list[str]) -> list[str] | None:
        """Send a signed request to the guard; return what it found (a list), or None if no valid answer came."""
        km = self.km
        nonce = secrets.token_hex(16)
        try:
            message = self.kc.execute(request_code(km.grading_key, operation, nonce, names), silent=True,
                                      store_history=False)
        except Exception:
            return None
        deadline = time.monotonic() + self.check_timeout
        buffer = b""
        found = []
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not km.has_kernel:
                return None
            ready, _, _ = select.select([km.report_fd], [], [], min(remaining, 0.5))
            if not ready:
                if not self._alive():
                    return None
                continue
            chunk = os.read(km.report_fd, 65536)
            if not chunk:
                return None
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                text = line.decode(errors="replace")
                if text.startswith("E "):
                    found.append(text[2:])
                    continue
                reply = parse_reply(km.grading_key, text)
                if reply is None:
                    found.append("a forged answer to an integrity check was written")
                elif reply[0] == nonce:
                    self.wait_for_reply(message)  # so that no reply is still being sent when the kernel stops
                    return found + reply[1]

    def _drain_reports(self, cell) -> None:
        """Collect what the guard reported before the kernel died (it may have died of the tampering)."""
        chunks = []
        while select.select([self.km.report_fd], [], [], 0)[0]:
            chunk = os.read(self.km.report_fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
        events = [line[2:] for line in b"".join(chunks).decode(errors="replace").splitlines() if line.startswith("E ")]
        if events and not self._tampering:
            self._notes = sorted(set(events))
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "a cell the student added")
            self._tampering = (f"the submission changed the grading machinery in '{grade_id}' "
                               f"({'; '.join(self._notes[:5])}) before its kernel died; the submission is flagged "
                               "for the instructor")

    def _alive(self) -> bool:
        try:
            return bool(self.km.provisioner and self.km.provisioner.process.poll() is None)
        except AttributeError:
            return False

    def _lose(self, cell, why: str, kill: bool = False) -> None:
        self._lost = why
        if cell.metadata.get("nbgrader", {}).get("grade"):
            cell.outputs.insert(0, _error_output("KernelLost", why))
        if kill:
            try:
                self.km.provisioner.process.kill()
            except (AttributeError, OSError):
                pass


class RecordIntegrity(NbGraderPreprocessor):
    """After ``SaveAutoGrades``: flag a tampering submission in the gradebook and note, at the top of the graded
    notebook (and so of the feedback), why tests were voided or could not run."""

    def preprocess(self, nb, resources):
        record = resources.get(METADATA_KEY, {})
        lines = []
        if record.get("tampering"):
            lines.append("**Flagged for the instructor.** " + record["tampering"][0].upper() + record["tampering"][1:] + ".")
            info = resources["nbgrader"]
            with Gradebook(info["db_url"], info.get("course_id", "")) as gradebook:
                notebook = gradebook.find_submission_notebook(info["notebook"], info["assignment"], info["student"])
                notebook.flagged = True
                gradebook.db.commit()
        if record.get("kernel"):
            lines.append(f"**The grading stopped early:** {record['kernel']}.")
        nb.metadata[METADATA_KEY] = {"flags": record.get("flags", []), "kernel": record.get("kernel")}
        if lines:
            nb.cells.insert(0, new_markdown_cell("\n\n".join(lines), metadata={METADATA_KEY: "integrity-note"}))
        return nb, resources


def add_grading_note(path: str | os.PathLike, note: str) -> None:
    """Tell the student and the instructor something about how a graded notebook was graded: a note at the top of
    the graded notebook (hence of its feedback) and in its metadata, which ``GradesExport`` puts in
    ``grading_notes``. Adding the same note twice changes nothing."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    record = notebook.metadata.setdefault(METADATA_KEY, {})
    if note in record.get("notes", []):
        return
    record["notes"] = [*record.get("notes", []), note]
    notebook.cells.insert(0, new_markdown_cell(f"**Note from the grader:** {note}.",
                                               metadata={METADATA_KEY: "grading-note"}))
    nbformat.write(notebook, path)


class GradesExport(ExportPlugin):
    """``nbgrader export``'s CSV (the same columns, quoted properly) with ``flagged`` and ``grading_notes``."""

    COLUMNS = ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email", "raw_score",
               "late_submission_penalty", "score", "max_score", "flagged", "grading_notes"]

    def export(self, gradebook: Gradebook) -> None:
        coursedir = self.parent.coursedir
        with open(self.to or "grades.csv", "w", newline="") as handle:
            writer = csv.DictWriter(handle, self.COLUMNS)
            writer.writeheader()
            for assignment in gradebook.assignments:
                if self.assignment and assignment.name not in self.assignment:
                    continue
                for student in gradebook.students:
                    if self.student and student.id not in self.student:
                        continue
                    row = {"assignment": assignment.name, "duedate": assignment.duedate or "",
                           "student_id": student.id, "last_name": student.last_name or "",
                           "first_name": student.first_name or "", "email": student.email or "",
                           "max_score": assignment.max_score, "timestamp": "", "raw_score": 0.0,
                           "late_submission_penalty": 0.0, "score": 0.0, "flagged": False}
                    folder = coursedir.format_path(coursedir.autograded_directory, student.id, assignment.name)
                    row["grading_notes"] = "; ".join(self._notes(folder))
                    try:
                        submission = gradebook.find_submission(assignment.name, student.id)
                    except MissingEntry:
                        writer.writerow(row)
                        continue
                    penalty = submission.late_submission_penalty or 0.0
                    row.update(timestamp=submission.timestamp or "", raw_score=submission.score,
                               late_submission_penalty=penalty, score=max(0.0, submission.score - penalty),
                               flagged=any(notebook.flagged for notebook in submission.notebooks))
                    writer.writerow(row)

    @staticmethod
    def _notes(folder: str) -> list[str]:
        import nbformat

        notes = []
        failure = os.path.join(folder, FAILURE_FILE)
        if os.path.exists(failure):
            with open(failure) as handle:
                notes.append(handle.read().strip())
        if os.path.isdir(folder):
            for name in sorted(os.listdir(folder)):
                if name.endswith(".ipynb"):
                    try:
                        record = nbformat.read(os.path.join(folder, name), as_version=4).metadata.get(METADATA_KEY, {})
                    except Exception:
                        continue
                    notes += [f"{name}: {note}" for note in record.get("notes", [])]
                    notes += [f"{name}: {flag}" for flag in record.get("flags", [])]
                    if record.get("kernel"):
                        notes.append(f"{name}: {record['kernel']}")
        return notes


# nbgrader's feedback template calls the `mathjax` macro of nbconvert's `mathjax.html.j2`, which loads MathJax 2 from a
# CDN. This one configures MathJax 3 for the notebook's `$...$` and `$$...$$` and runs the copy inside the page.
MATHJAX_MACRO = """{%- macro mathjax(url=None) -%}
<script>
window.MathJax = {
  tex: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']], displayMath: [['$$', '$$'], ['\\\\[', '\\\\]']],
        processEscapes: true, processEnvironments: true},
  svg: {fontCache: 'global'}
};
</script>
{{ offline_mathjax }}
{%- endmacro %}
"""


@functools.cache
def mathjax_script() -> Markup:
    """MathJax 3 (TeX in, SVG out, its fonts inside: one self-contained file of about 2 MB) as an inline script.

    It is the copy that the course's site serves (the package sphinx-mathjax-offline)."""
    path = importlib.metadata.distribution("sphinx-mathjax-offline").locate_file(
        "sphinx-mathjax-offline/static/mathjax/tex-svg.js")
    source = path.read_text(encoding="utf-8")
    if "</script" in source.lower():
        raise ValueError(f"{path} cannot be inlined: it contains '</script'")
    return Markup(f"<script>\n{source}\n</script>")


class FeedbackExporter(HTMLExporter):
    """nbgrader's feedback page with MathJax inside it, so its formulas render offline, wherever the page is read.

    A feedback page is opened from the course folder, from a student's folder after ``nbgrader fetch_feedback``, or
    from a learning-management system: no file beside it can be relied on, so MathJax is part of the page (about
    2 MB more per page). Named in ``nbgrader_config.py`` as ``GenerateFeedback.exporter_class``.
    """

    @default("extra_loaders")
    def _extra_loaders_default(self):
        return [DictLoader({"mathjax.html.j2": MATHJAX_MACRO})]

    def _create_environment(self):
        environment = super()._create_environment()
        environment.globals["offline_mathjax"] = mathjax_script()
        return environment
