"""``RecordIntegrity``: the nbgrader preprocessor that records what ``SandboxedExecute`` found. Name it in
``Autograde.autograde_preprocessors`` right after ``SaveAutoGrades``."""

from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor

from nbgrader_sandbox.notes import set_notes
from nbgrader_sandbox.preprocessors.execute import RESULTS


class RecordIntegrity(NbGraderPreprocessor):
    """After ``SaveAutoGrades``: flag a tampering submission in the gradebook, and note why tests were voided or
    could not run (``nbgrader_sandbox.notes``: at the top of the graded notebook, hence of the feedback, and in the
    export)."""

    def preprocess(self, nb, resources):
        record = resources.get(RESULTS, {})
        notes = []
        if record.get("tampering"):
            notes.append("Flagged for the instructor: " + record["tampering"] + ".")
            notes += [f"tampering: {flag}" for flag in record.get("flags", [])]
            info = resources["nbgrader"]
            with Gradebook(info["db_url"], info.get("course_id", "")) as gradebook:
                notebook = gradebook.find_submission_notebook(info["notebook"], info["assignment"], info["student"])
                notebook.flagged = True
                gradebook.db.commit()
        if record.get("kernel"):
            notes.append(f"The grading stopped early: {record['kernel']}.")
        set_notes(nb, notes)  # replaces whatever the submission held under the notes' key
        return nb, resources
