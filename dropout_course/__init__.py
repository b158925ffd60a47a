"""Shared code of the course *Dropout, from first principles to practice*.

Chapters and exercises import from here instead of repeating code:

- :mod:`dropout_course.data` — the data sets (generated offline, never downloaded);
- :mod:`dropout_course.dropout` — the reference dropout layer (NumPy and PyTorch) of chapter 2, reused later;
- :mod:`dropout_course.models` — reference networks that several chapters reuse;
- :mod:`dropout_course.training` — a small training loop that records learning curves;
- :mod:`dropout_course.plotting` — the figures' common style and plots;
- :mod:`dropout_course.uncertainty` — predictive entropy, mutual information and calibration (chapter 7);
- :mod:`dropout_course.grading` — numerical checks for the chapters and the exercises' hidden tests;
- :mod:`dropout_course.sandbox`, :mod:`dropout_course.guard`, :mod:`dropout_course.autograde` — safe autograding:
  the bubblewrap sandbox, the guard inside each grading kernel, and the nbgrader plug-ins that use them;
- :mod:`dropout_course.grade` — grading a whole class in parallel (``make grade``);
- :mod:`dropout_course.postgres` — a throw-away PostgreSQL server for the tests and the benchmark;
- :mod:`dropout_course.sphinx_ext` — a fix for the built site, loaded by ``_config.yml``.
"""

__version__ = "0.1.0"
