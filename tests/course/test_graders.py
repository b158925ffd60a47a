"""Do the exercises' tests grade fairly? Run them on independently written implementations.

`tests/variants/<assignment>/correct/*.py` are correct implementations, written independently of the tests in
many styles, and `tests/variants/<assignment>/wrong/*.py` each define one graded function with one known mistake;
the file name's prefix says which (see PART_OF_PREFIX). A variant may define only some of the functions: the
solution notebook's own answers stand in for the rest. Each variant is run through the solution notebook's test
cells, visible and hidden, in-process and in the notebook's order (as nbgrader runs them, minus the kernel):

- a correct variant must pass every test cell;
- a wrong variant must fail at least one test cell of its broken function, with a message that says what is wrong,
  and pass every test cell of the other functions.
"""

import contextlib
import io
import traceback
import warnings
from pathlib import Path

import nbformat
import pytest

from conftest import ASSIGNMENTS, ROOT

VARIANTS = ROOT / "tests" / "variants"
PART_OF_PREFIX = {  # file-name prefix of a wrong variant -> the graded function it breaks
    "01-overfitting": {"l2": "l2_penalty", "es": "early_stopping_epoch", "mlp": "build_mlp"},
    "02-forward-backward": {"fwd": "dropout_forward", "bwd": "dropout_backward", "mlp": "mlp_dropout_loss",
                            "fn": "DropoutFunction", "mod": "Dropout"},
    "03-inverted-scaling": {"std": "standard_dropout", "conv": "drop_probability", "mom": "dropout_moments",
                            "pred": "predict"},
    "04-ensemble-view": {"masks": "all_masks", "ens": "ensemble_means", "ws": "weight_scaling_prediction",
                         "mc": "mc_dropout_predict", "pen": "dropout_regression_penalty"},
    "05-cnn": {"fwd": "dropout2d_forward", "bwd": "dropout2d_backward", "gamma": "dropblock_gamma",
               "sd": "SpatialDropout", "cnn": "build_cnn"},
    "06-rnn": {"mask": "sequence_dropout_mask", "rnn": "rnn_forward", "locked": "LockedDropout"},
    "07-applications": {"gauss": "gaussian_dropout", "alpha": "alpha_dropout", "ent": "predictive_entropy",
                        "mi": "mutual_information", "shift": "dropout_variance_shift"},
}


def _cells(assignment: str):
    """(set-up and answer code, {graded function: [test cell sources]}) from the solution notebook.

    A test cell belongs to the answer cell above it; the answer cell's grade_id is the function's name.
    """
    notebook = nbformat.read(ROOT / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)
    code, tests, current = [], {}, None
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code":
            continue
        if meta.get("grade"):
            tests[current].append(cell.source)
        else:
            code.append(cell.source)
            if meta.get("solution"):
                current = meta["grade_id"]
                tests[current] = []
    return "\n".join(code), tests


def _run_variant(assignment: str, path: Path) -> dict[str, list[str | None]]:
    """Each graded function's test-cell outcomes for this variant: None for a pass, else the failure."""
    reference, tests = _cells(assignment)
    namespace: dict = {"__name__": "__main__"}
    exec(compile(reference, "<solutions>", "exec"), namespace)
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    outcomes = {}
    for function, cells in tests.items():
        outcomes[function] = []
        for source in cells:
            stderr = io.StringIO()
            try:
                with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(io.StringIO()), \
                        contextlib.redirect_stderr(stderr):
                    warnings.simplefilter("default")
                    exec(compile(source, f"<test of {function}>", "exec"), namespace)
                shown = [w for w in caught if not issubclass(w.category, (DeprecationWarning, PendingDeprecationWarning))]
                if shown or stderr.getvalue():
                    outcomes[function].append(f"wrote to stderr (nbgrader scores such a cell 0): {shown or stderr.getvalue()}")
                else:
                    outcomes[function].append(None)
            except Exception as error:  # noqa: BLE001 - any failure of a test cell is a lost point
                outcomes[function].append(_describe(error, path))
    return outcomes


def _describe(error: Exception, variant: Path) -> str:
    """The failure as a student sees it; flags a failure that explains nothing."""
    frames = traceback.extract_tb(error.__traceback__)
    raised_in_student_code = any(frame.filename == str(variant) for frame in frames)
    text = f"{type(error).__name__}: {error}"
    if isinstance(error, AssertionError) and not str(error).strip():
        return "UNEXPLAINED " + text
    if not isinstance(error, (AssertionError, ValueError, TypeError)) and not raised_in_student_code:
        return "UNEXPLAINED " + text  # an error inside the test itself, not a message to the student
    return text


def _variants(kind: str):
    return [
        pytest.param(assignment, path, id=f"{assignment}/{path.stem}")
        for assignment in ASSIGNMENTS
        for path in sorted((VARIANTS / assignment / kind).glob("*.py"))
    ]


def test_every_assignment_has_variants():
    for assignment in ASSIGNMENTS:
        assert len(list((VARIANTS / assignment / "correct").glob("*.py"))) >= 5, assignment
        assert len(list((VARIANTS / assignment / "wrong").glob("*.py"))) >= 10, assignment


@pytest.mark.parametrize("assignment, path", _variants("correct"))
def test_correct_implementations_get_full_marks(assignment, path):
    outcomes = _run_variant(assignment, path)
    failures = {function: [o for o in results if o] for function, results in outcomes.items()}
    assert not any(failures.values()), f"a correct implementation lost points: {failures}"


@pytest.mark.parametrize("assignment, path", _variants("wrong"))
def test_known_mistakes_lose_points_with_a_clear_message(assignment, path):
    broken = PART_OF_PREFIX[assignment][path.stem.split("_")[0]]
    outcomes = _run_variant(assignment, path)
    caught = [o for o in outcomes[broken] if o]
    assert caught, f"the mistake in {path.name} ({broken}) passed every test"
    assert not any(o.startswith("UNEXPLAINED") for o in caught[:1]), f"unclear failure message: {caught[0]}"
    for function, results in outcomes.items():
        if function != broken:
            assert not any(results), f"{function} is correct in {path.name} but lost points: {results}"
