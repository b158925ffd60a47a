"""nbconvert exporters: ``FeedbackExporter``."""

from nbgrader_sandbox.exporters.feedback import FeedbackExporter

__all__ = ["FeedbackExporter"]
