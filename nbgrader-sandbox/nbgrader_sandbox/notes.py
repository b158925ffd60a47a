"""Grading notes: what the grader tells the student and the instructor about how a submission was graded.

One channel: the notes live in the graded notebook's metadata (``autograded/<student>/<assignment>/<notebook>.ipynb``,
key ``nbgrader_sandbox``), written only by the grader — ``RecordIntegrity`` replaces whatever a student put under
that key, and a submission that could not be graded at all gets a stand-in graded notebook that holds only its
note. The same notes head the graded notebook, hence its feedback page, and ``GradesExport`` puts them in the
``grading_notes`` column of ``grades.csv``.
"""

import os

import nbformat
from nbformat.v4 import new_markdown_cell, new_notebook

KEY = "nbgrader_sandbox"
CELL = "grading-notes"  # the metadata value that marks the notes cell at the top of a graded notebook


def notes_of(notebook: nbformat.NotebookNode) -> list[str]:
    """The grader's notes on a graded notebook."""
    return list(notebook.metadata.get(KEY, {}).get("notes", []))


def set_notes(notebook: nbformat.NotebookNode, notes: list[str]) -> None:
    """Make ``notes`` the notebook's notes, in its metadata and in one cell at its top (none when there are none)."""
    notebook.metadata[KEY] = {"notes": list(notes)}
    notebook.cells = [cell for cell in notebook.cells if cell.metadata.get(KEY) != CELL]
    if notes:
        text = "**From the grader:**\n\n" + "\n".join(f"- {note}" for note in notes)
        notebook.cells.insert(0, new_markdown_cell(text, metadata={KEY: CELL}))


def add_note(path: str | os.PathLike, note: str) -> None:
    """Add a note to the graded notebook at ``path``; adding the same note again changes nothing."""
    notebook = nbformat.read(path, as_version=4)
    notes = notes_of(notebook)
    if note not in notes:
        set_notes(notebook, [*notes, note])
        nbformat.write(notebook, path)


def write_ungraded(path: str | os.PathLike, reason: str) -> None:
    """A stand-in graded notebook for a submission that could not be graded: it holds only the note why."""
    notebook = new_notebook()
    set_notes(notebook, [f"not graded: {reason}"])
    os.makedirs(os.path.dirname(path), exist_ok=True)
    nbformat.write(notebook, path)


def read_notes(folder: str | os.PathLike) -> list[str]:
    """Every note on the graded notebooks in ``folder``, each prefixed with its notebook's file name."""
    notes = []
    if os.path.isdir(folder):
        for name in sorted(os.listdir(folder)):
            if name.endswith(".ipynb"):
                try:
                    notebook = nbformat.read(os.path.join(folder, name), as_version=4)
                except Exception:  # noqa: BLE001 - an unreadable graded notebook has no notes to give
                    continue
                notes += [f"{name}: {note}" for note in notes_of(notebook)]
    return notes
