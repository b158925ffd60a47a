"""nbgrader plug-ins: ``GradesExport``."""

from nbgrader_sandbox.plugins.export import GradesExport

__all__ = ["GradesExport"]
