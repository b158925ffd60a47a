"""nbgrader preprocessors: ``SandboxedExecute`` and ``RecordIntegrity`` for the autograde pipeline,
``OverwriteCellsInOrder`` for the sanitizing one; ``TimedExecute``, nbgrader's ``Execute`` that logs its timings (the
benchmark's unsandboxed reference)."""

from nbgrader_sandbox.preprocessors.execute import SandboxedExecute, TimedExecute
from nbgrader_sandbox.preprocessors.integrity import RecordIntegrity
from nbgrader_sandbox.preprocessors.overwritecells import OverwriteCellsInOrder

__all__ = ["OverwriteCellsInOrder", "RecordIntegrity", "SandboxedExecute", "TimedExecute"]
