"""A local Sphinx extension of the book (``_config.yml``: ``sphinx: local_extensions``) that fixes what jupyter-book
1.0.4 (Sphinx 7.4) gets wrong on every page.

sphinx-thebe registers its inline configuration script twice, once with the file name ``None`` and once with
``''``; Sphinx's own de-duplication compares file names and keeps both, so browsers stop on
"Identifier 'THEBE_JS_URL' has already been declared". This extension drops repeated inline scripts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _drop_repeated_inline_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen_bodies: set[str] = set()
    kept = []
    for script in scripts:
        body = getattr(script, "attributes", {}).get("body")
        if not getattr(script, "filename", None) and body:
            if body in seen_bodies:
                continue
            seen_bodies.add(body)
        kept.append(script)
    context["script_files"] = kept


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _drop_repeated_inline_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
