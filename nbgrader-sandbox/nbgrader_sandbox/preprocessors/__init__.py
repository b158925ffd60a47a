"""nbgrader preprocessors: ``SandboxedExecute`` and ``RecordIntegrity`` for the autograde pipeline,
``OverwriteCellsInOrder`` for the sanitizing one."""

from nbgrader_sandbox.preprocessors.execute import SandboxedExecute
from nbgrader_sandbox.preprocessors.integrity import RecordIntegrity
from nbgrader_sandbox.preprocessors.overwritecells import OverwriteCellsInOrder

__all__ = ["OverwriteCellsInOrder", "RecordIntegrity", "SandboxedExecute"]
