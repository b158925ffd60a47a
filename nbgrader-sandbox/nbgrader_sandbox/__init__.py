"""nbgrader-sandbox: autograding that hostile submissions cannot cheat or harm, for any nbgrader course.

Each module is one extension point, named in the course's ``nbgrader_config.py``:

- :mod:`nbgrader_sandbox.preprocessors.execute` — ``SandboxedExecute``, nbgrader's ``Execute`` in a sandboxed kernel
  whose guard vouches for every test cell;
- :mod:`nbgrader_sandbox.preprocessors.integrity` — ``RecordIntegrity``, which flags tampering in the gradebook;
- :mod:`nbgrader_sandbox.plugins.export` — ``GradesExport``, the CSV export with ``flagged`` and ``grading_notes``;
- :mod:`nbgrader_sandbox.exporters.feedback` — ``FeedbackExporter``, feedback pages that render offline;
- :mod:`nbgrader_sandbox.kernel` — ``SandboxedKernelManager``, the bubblewrap sandbox and its settings;

and the parts they share: :mod:`nbgrader_sandbox.guard` (runs inside each grading kernel),
:mod:`nbgrader_sandbox.protocol` (the messages between the grader and the guard), :mod:`nbgrader_sandbox.notes`
(grading notes), and the command :mod:`nbgrader_sandbox.grade` (``python -m nbgrader_sandbox.grade``: a whole class,
in parallel).
"""

__version__ = "0.1.0"
