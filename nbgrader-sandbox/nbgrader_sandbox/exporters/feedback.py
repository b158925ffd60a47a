"""``FeedbackExporter``: the exporter of ``nbgrader generate_feedback`` with MathJax inside each page, so that formulas
render with no network. Name it as ``GenerateFeedback.exporter_class``."""

import functools
import importlib.metadata

from jinja2 import DictLoader
from markupsafe import Markup
from nbconvert.exporters import HTMLExporter
from traitlets import default


# nbgrader's feedback template calls the `mathjax` macro of nbconvert's `mathjax.html.j2`, which loads MathJax 2 from a
# CDN. This one configures MathJax 3 for the notebook's `$...$` and `$$...$$` and runs the copy inside the page.
MATHJAX_MACRO = """{%- macro mathjax(url=None) -%}
<script>
window.MathJax = {
  tex: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']], displayMath: [['$$', '$$'], ['\\\\[', '\\\\]']],
        processEscapes: true, processEnvironments: true},
  svg: {fontCache: 'global'}
};
</script>
{{ offline_mathjax }}
{%- endmacro %}
"""


@functools.cache
def mathjax_script() -> Markup:
    """MathJax 3 (TeX in, SVG out, its fonts inside: one self-contained file of about 2 MB) as an inline script.

    It is the copy that the course's site serves (the package sphinx-mathjax-offline)."""
    path = importlib.metadata.distribution("sphinx-mathjax-offline").locate_file(
        "sphinx-mathjax-offline/static/mathjax/tex-svg.js")
    source = path.read_text(encoding="utf-8")
    if "</script" in source.lower():
        raise ValueError(f"{path} cannot be inlined: it contains '</script'")
    return Markup(f"<script>\n{source}\n</script>")


class FeedbackExporter(HTMLExporter):
    """nbgrader's feedback page with MathJax inside it, so its formulas render offline, wherever the page is read.

    A feedback page is opened from the course folder, from a student's folder after ``nbgrader fetch_feedback``, or
    from a learning-management system: no file beside it can be relied on, so MathJax is part of the page (about
    2 MB more per page). Named in ``nbgrader_config.py`` as ``GenerateFeedback.exporter_class``.
    """

    @default("extra_loaders")
    def _extra_loaders_default(self):
        return [DictLoader({"mathjax.html.j2": MATHJAX_MACRO})]

    def _create_environment(self):
        environment = super()._create_environment()
        environment.globals["offline_mathjax"] = mathjax_script()
        return environment
