"""Shared code of the course *Dropout, from first principles to practice*.

Chapters and the exercises' hidden tests import from here instead of repeating code:

- :mod:`dropout_course.data` — the data sets (generated offline, never downloaded);
- :mod:`dropout_course.dropout` — the reference dropout layers (NumPy and PyTorch) of chapter 2 and later chapters;
- :mod:`dropout_course.models` — reference networks that several chapters reuse;
- :mod:`dropout_course.training` — a small training loop that records learning curves;
- :mod:`dropout_course.plotting` — the figures' common style and plots;
- :mod:`dropout_course.uncertainty` — predictive entropy, mutual information and calibration (chapter 8);
- :mod:`dropout_course.checks` — numerical checks that the chapters and the exercises' hidden tests share.

The package teaches: it knows nothing of grading (that is the separate package ``nbgrader-sandbox``, configured in
``nbgrader_config.py``), and a student's released notebook needs neither.
"""

__version__ = "0.1.0"
