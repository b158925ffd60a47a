"""``SandboxedExecute``: nbgrader's ``Execute`` preprocessor, run in a sandboxed kernel whose guard vouches for every
test cell. Name it in ``nbgrader_config.py``'s ``Autograde.autograde_preprocessors`` in place of ``Execute``.

It runs the notebook in a ``nbgrader_sandbox.kernel.SandboxedKernelManager`` kernel, asks the guard
(``nbgrader_sandbox.guard``) before and after every test cell whether the test machinery is intact, voids the tests
from the first change on, and survives a kernel that dies or stops answering. A kernel that cannot even start
(before any student code ran) stops the grading instead of scoring anyone: the fault is the grading machine's.
"""

import ast
import importlib.util
import secrets
import time
from contextlib import contextmanager

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import Execute
from traitlets import Float, default

from nbgrader_sandbox.kernel import SandboxedKernelManager
from nbgrader_sandbox.protocol import ReportReader, request_code

RESULTS = "nbgrader_sandbox"  # the key of resources under which the preprocessor leaves what RecordIntegrity records
KERNEL_FAILURE = "the grading kernel did not start its guard"


class KernelDidNotStart(SystemExit):
    """The grading kernel died before any student code ran: every submission would fail alike, so the grading
    stops (nbgrader catches every ``Exception`` of a notebook and goes on with the next one; not this)."""


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


def imported_modules(source: str) -> list[str]:
    """The absolute imports anywhere in a cell (``import a.b`` and ``from a.b import c`` give ``a.b``)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return sorted(names)


def _error_output(name: str, text: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=name, evalue=text, traceback=[f"\x1b[0;31m{name}\x1b[0m: {text}"])


class TimedExecute(Execute):
    """nbgrader's ``Execute`` that logs where a notebook's grading time went: starting the kernel (until it
    answers), running the cells, and whatever a subclass times with ``_timed`` (one line per notebook, at INFO)."""

    def preprocess(self, nb, resources=None, km=None):
        self.timings: dict[str, float] = {}
        start = time.perf_counter()
        nb, resources = super().preprocess(nb, resources, km)
        self.log.info("Executing the notebook took %.2f s: %s", time.perf_counter() - start,
                      ", ".join(f"{what} {seconds:.2f} s" for what, seconds in self.timings.items()))
        return nb, resources

    def start_new_kernel(self, **kwargs):
        with self._timed("kernel start"):
            return super().start_new_kernel(**kwargs)

    def start_new_kernel_client(self):
        with self._timed("kernel start"):  # nbclient waits here until the kernel answers
            return super().start_new_kernel_client()

    def preprocess_cell(self, cell, resources, index):
        with self._timed("cells"):
            return super().preprocess_cell(cell, resources, index)

    def _cleanup_kernel(self):
        with self._timed("kernel shutdown"):
            return super()._cleanup_kernel()

    @contextmanager
    def _timed(self, what: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[what] = self.timings.get(what, 0.0) + time.perf_counter() - start


class SandboxedExecute(TimedExecute):
    """nbgrader's ``Execute`` in a sandboxed kernel whose guard vouches for every test cell.

    Cells are trusted when the gradebook knows them as locked cells and their source is the gradebook's (nbgrader's
    ``OverwriteCells`` has restored it by then): set-up cells and test cells. Every other cell — the answers and
    any cell a student added — runs as it would for the student. The modules the trusted cells import are imported
    by the guard before any student code runs (with the kernel manager's ``preloaded_modules``). Around each
    trusted cell the guard is asked, with a signed request, to compare the machinery with what it recorded before
    any student code ran (before the cell only if some other code ran since the last comparison); the names that
    trusted cells bind in the notebook (``np``, the tests' helpers) are recorded after each of them and must not
    be rebound by anyone else. From the first change on, every test cell is voided (an error output explains why,
    so it scores 0) and the submission is flagged; tests that ran before keep their points.

    The kernel is stopped at once after the last cell (nbclient's graceful shutdown waits for it to tidy up,
    about a second and a half with PyTorch loaded, for nothing a grade needs).
    """

    check_timeout = Float(20.0, help="Seconds to wait for the guard's answer to an integrity check.").tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        super().__init__(*args, **kwargs)

    @default("shutdown_kernel")
    def _immediately(self):
        return "immediate"

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        km.preloaded_modules = list(dict.fromkeys([*km.preloaded_modules, *self._imports]))
        return km

    def start_new_kernel(self, **kwargs):
        try:
            return super().start_new_kernel(**kwargs)
        except Exception as error:
            raise KernelDidNotStart(self._did_not_start(error)) from error

    def start_new_kernel_client(self):
        try:
            return super().start_new_kernel_client()
        except Exception as error:
            raise KernelDidNotStart(self._did_not_start(error)) from error

    def _did_not_start(self, error: BaseException | None) -> str:
        said = self.km.stderr_tail() if self.km is not None else ""
        why = f"{type(error).__name__}: {error}" if error else "it did not answer"
        return (f"{KERNEL_FAILURE} ({why}), before any student code ran, so no submission can be graded on this "
                f"machine as it is.\nThe kernel's standard error:\n{said or '(empty)'}")

    def preprocess(self, nb, resources=None, km=None):
        self._roles = self._cell_roles(nb, resources)
        self._imports = sorted({name for cell in nb.cells if self._role(cell) != "student"
                                for name in imported_modules(cell.source)
                                if importlib.util.find_spec(name.split(".")[0]) is not None})
        self._tampering = None      # why the tests can no longer be trusted, once they cannot
        self._lost = None           # why the kernel can no longer run cells, once it cannot
        self._timed_out = False
        self._armed = False
        self._unchecked = False     # whether code ran in the kernel since the guard's last comparison
        self._entered = False       # whether the guard already knows that the next cell is a trusted one
        self._notes = []
        nb, resources = super().preprocess(nb, resources, km)
        resources[RESULTS] = {"flags": self._notes if self._tampering else [], "kernel": self._lost,
                              "tampering": self._tampering}
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
        trusted = role in ("test", "setup")
        steps = [] if self._armed else ["arm"]
        if trusted and not self._entered:
            steps += ["check", "enter"] if self._unchecked and not self._tampering else ["enter"]
        self._entered = False
        if steps and not self._verify(steps, [], cell, "before") and "arm" in steps:
            raise KernelDidNotStart(self._did_not_start(None))
        self._armed = True
        if self._lost:
            return cell, self.resources
        self._unchecked = True
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
        if trusted and not self._lost:
            # One request: check what the cell did, record the names it bound, and, if the next code cell is a
            # trusted one too, let the guard know it runs now (nothing else runs in between).
            self._entered = self._next_code_cell_is_trusted(index)
            steps = ["check"] * (not self._tampering) + ["trust"] + ["enter"] * self._entered
            self._verify(steps, bound_names(cell.source), cell, "during")
        if role == "test" and self._tampering and not self._lost:
            # First: nbgrader scores a test cell by its outputs in order, and an execute_result before an error would
            # count as (partial) credit.
            cell.outputs.insert(0, _error_output("GradingIntegrityError", self._tampering))
        return cell, self.resources

    def _next_code_cell_is_trusted(self, index: int) -> bool:
        following = next((cell for cell in self.nb.cells[index + 1:] if cell.cell_type == "code"), None)
        return following is not None and self._role(following) != "student"

    def _verify(self, steps: list[str], names: list[str], cell, when: str) -> bool:
        """Ask the guard to take ``steps`` (see ``protocol.request_code``) about the notebook ``names``; record
        the tampering a check found, or a kernel that no longer answers. Whether an answer came."""
        problems = self._ask("+".join(steps), names)
        if problems is None:
            if "arm" in steps or self._lost:
                return False
            if self._timed_out:
                self._lose(cell, "the kernel stopped answering after a cell ran out of time, so the later tests "
                                 "could not run", kill=True)
                return False
            problems = ["the kernel did not answer the grader's integrity check (it was taken over or blocked)"]
            self._lose(cell, "the kernel did not answer the grader's integrity check", kill=True)
        elif "check" in steps:
            self._unchecked = False
        if problems and not self._tampering and "arm" not in steps:
            grade_id = cell.metadata["nbgrader"]["grade_id"]
            self._notes = sorted(set(problems))
            self._tampering = (f"the submission changed the grading machinery {when} cell '{grade_id}' "
                               f"({'; '.join(self._notes[:5])}), so this test and the later ones earn no points; "
                               "the submission is flagged for the instructor")
        return not self._lost

    def _ask(self, operation: str, names: list[str]) -> list[str] | None:
        """Send a signed request to the guard; return what it found (a list), or None if no valid answer came."""
        with self._timed("guard arming" if operation.startswith("arm") else "guard checks"):
            return self._signed_request(operation, names)

    def _signed_request(self, operation: str, names: list[str]) -> list[str] | None:
        nonce = secrets.token_hex(16)
        try:
            message = self.kc.execute(request_code(self.km.grading_key, operation, nonce, names), silent=True,
                                      store_history=False)
        except Exception:
            return None
        found = self._reports().answer(nonce, self.check_timeout, alive=lambda: self.km.has_kernel and self._alive())
        if found is not None:
            self.wait_for_reply(message)  # so that no reply is still being sent when the kernel stops
        return found

    def _reports(self) -> ReportReader:
        if getattr(self, "_reader", None) is None or self._reader.fd != self.km.report_fd:
            self._reader = ReportReader(self.km.report_fd, self.km.grading_key)
        return self._reader

    def _drain_reports(self, cell) -> None:
        """Collect what the guard reported before the kernel died (it may have died of the tampering)."""
        events = self._reports().events()
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
