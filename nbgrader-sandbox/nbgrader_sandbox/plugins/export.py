"""``GradesExport``: ``nbgrader export``'s CSV with two more columns, ``flagged`` (tampering found) and
``grading_notes`` (``nbgrader_sandbox.notes``), and only the assignments that have submissions (nbgrader's lists
every assignment in the gradebook, with a 0 for every student of one never handed out). Name it as
``ExportApp.plugin_class``."""

import csv

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import ExportPlugin

from nbgrader_sandbox.notes import read_notes


class GradesExport(ExportPlugin):
    """``nbgrader export``'s CSV (the same columns, quoted properly) with ``flagged`` and ``grading_notes``: a row
    for every student and every assignment that has at least one submission."""

    COLUMNS = ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email", "raw_score",
               "late_submission_penalty", "score", "max_score", "flagged", "grading_notes"]

    def export(self, gradebook: Gradebook) -> None:
        coursedir = self.parent.coursedir
        with open(self.to or "grades.csv", "w", newline="") as handle:
            writer = csv.DictWriter(handle, self.COLUMNS)
            writer.writeheader()
            for assignment in gradebook.assignments:
                if (self.assignment and assignment.name not in self.assignment) or not assignment.submissions:
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
                    row["grading_notes"] = "; ".join(read_notes(folder))
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
