"""The static site: it builds with warnings as errors, every chapter executes, and it works offline."""

import importlib.util
import os
import re
import sqlite3
import types

import nbformat
import pytest
import yaml

from conftest import ASSIGNMENTS, REMOTE_ASSET, ROOT, run_tool

pytestmark = pytest.mark.slow

TOC = yaml.safe_load((ROOT / "_toc.yml").read_text())
TOC_FILES = [entry["file"] for part in TOC["parts"] for entry in part["chapters"]]
CHAPTERS = [file for file in TOC_FILES if re.fullmatch(r"chapters/\d\d-[\w-]+", file)]  # the numbered chapters


def pages(site):
    return sorted(site.rglob("*.html"))


def test_every_chapter_file_is_in_the_table_of_contents():
    on_disk = {f"chapters/{path.stem}" for path in (ROOT / "chapters").glob("*.md")}
    assert on_disk <= set(TOC_FILES), f"not in _toc.yml, so never built: {sorted(on_disk - set(TOC_FILES))}"


def test_every_chapter_executed_without_error(built_site):
    """jupyter-cache records each successfully executed chapter; the page shows outputs and figures."""
    with sqlite3.connect(ROOT / "_build" / ".jupyter_cache" / "global.db") as db:
        cached = {row[0] for row in db.execute("SELECT uri FROM nbcache")}
    for chapter in CHAPTERS:
        assert str(ROOT / f"{chapter}.md") in cached, f"{chapter} has no successful execution in the cache"
        html = (built_site / f"{chapter}.html").read_text()
        assert "cell_output" in html and "<img" in html, f"{chapter}: the built page shows no outputs or figures"
        assert "Traceback" not in html and "NotImplementedError" not in html
        assert not re.search(r"<p>\s*\|[^<]*\|\s*</p>", html), f"{chapter}: a Markdown table was printed as text, not rendered"


def test_the_site_needs_no_remote_asset(built_site):
    offenders = {page.relative_to(built_site).as_posix(): REMOTE_ASSET.findall(page.read_text()) for page in pages(built_site)}
    offenders = {page: found for page, found in offenders.items() if found}
    assert not offenders, f"pages load scripts, styles or images from the network: {offenders}"
    mathjax = built_site / "_static" / "mathjax" / "tex-chtml.js"
    assert mathjax.exists(), "MathJax must be served from the site itself"
    chapter = (built_site / f"{CHAPTERS[0]}.html").read_text()
    assert "_static/mathjax/tex-chtml.js" in chapter


def hidden_test_helpers() -> set[str]:
    """Names of the helper functions that the hidden tests define (long enough not to occur by chance)."""
    names = set()
    for assignment in ASSIGNMENTS:
        notebook = nbformat.read(ROOT / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)
        for cell in notebook.cells:
            hidden = cell.source.partition("### BEGIN HIDDEN TESTS")[2].partition("### END HIDDEN TESTS")[0]
            names.update(name for name in re.findall(r"^\s*def (_\w+)", hidden, re.MULTILINE) if len(name) >= 10)
    return names


def test_no_solution_or_hidden_test_reaches_the_site(built_site):
    assert not (built_site / "solutions").exists(), "solutions/ must not be built"
    markers = {"BEGIN SOLUTION", "BEGIN HIDDEN TESTS", *hidden_test_helpers()}
    assert "_check_l2_penalty" in markers and "_reference_loss" in markers
    # a name that starts after a letter is another name (all_masks_works is not _masks_work)
    leak = re.compile("(?<!\\w)(?:" + "|".join(map(re.escape, sorted(markers))) + ")")
    for path in built_site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".ipynb", ".md", ".txt", ".js"}:
            found = leak.search(path.read_text(errors="ignore"))
            assert not found, f"{path.relative_to(built_site)} contains {found.group()!r}"


def test_each_chapter_links_and_offers_its_exercise(built_site):
    """Each numbered chapter ends with an exercise: its own (the exercise of its name), or, for a chapter that
    continues the one before it (chapter 8 continues 7), the exercise it shares; every exercise is offered."""
    exercises = sorted(path.name for path in (ROOT / "exercises").iterdir() if path.is_dir())
    offered = set()
    for chapter in CHAPTERS:
        html = (built_site / f"{chapter}.html").read_text()
        section = re.search(r'<section id="exercise">.*?</section>', html, re.DOTALL)
        assert section, f"{chapter} must end with a section 'Exercise'"
        linked = sorted(set(re.findall(r'exercises/([\w-]+)/\1\.html', section.group())))
        assert len(linked) == 1, f"{chapter}'s section 'Exercise' must link one exercise page, links {linked}"
        slug = linked[0]
        assert re.search(rf'href="[^"]*_downloads/[0-9a-f]+/{slug}\.ipynb"', html), f"{chapter} must offer the notebook"
        exercise = built_site / "exercises" / slug / f"{slug}.html"
        assert exercise.exists() and "NotImplementedError" in exercise.read_text()
        offered.add(slug)
    assert offered == set(exercises), f"exercises no chapter offers: {sorted(set(exercises) - offered)}"
    own = [chapter for chapter in CHAPTERS if chapter.split("/")[1] in exercises]
    assert len(own) == len(exercises), "each exercise must share the name of the chapter it belongs to"


def test_pages_declare_each_inline_script_once(built_site):
    """sphinx-thebe's configuration script appears twice without the book's _ext/thebe_fix.py, a JavaScript error."""
    for page in pages(built_site):
        assert page.read_text().count("const THEBE_JS_URL") <= 1, page


def test_copyright_and_theme_mode_are_set(built_site):
    index = (built_site / "index.html").read_text()
    assert "© Copyright 2026." in index, "set copyright in _config.yml (the default footer says 2023)"
    assert re.search(r'<html[^>]*data-theme="light"', index), "set html_context.default_mode in _config.yml"


def _thebe_fix():
    """The book's local Sphinx extension _ext/thebe_fix.py, as a module."""
    spec = importlib.util.spec_from_file_location("thebe_fix", ROOT / "_ext" / "thebe_fix.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sphinx_fix_drops_only_repeated_inline_scripts():
    def script(filename, body=None):
        return types.SimpleNamespace(filename=filename, attributes={"body": body} if body else {})

    scripts = [script(None, "const A = 1"), script("", "const A = 1"), script("x.js"), script("x.js"), script(None, "const B = 2")]
    context = {"script_files": scripts}
    _thebe_fix()._drop_repeated_inline_scripts(None, "page", "page.html", context, None)
    assert context["script_files"] == [scripts[0], scripts[2], scripts[3], scripts[4]]


def test_the_site_works_under_a_sub_path(built_site):
    """Served as https://host/some/course/ (GitHub Pages, a department's web server), every page's links, images,
    scripts, stylesheets, downloads, MathJax and search resolve: nothing points at the server's root."""
    import functools
    import html.parser
    import http.server
    import threading
    import urllib.error
    import urllib.parse
    import urllib.request

    prefix = "/some/course/"

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            path = urllib.parse.urlsplit(path).path
            inside = path[len(prefix):] if path.startswith(prefix) else "/nonexistent" + path
            return super().translate_path("/" + inside)

        def log_message(self, *args):
            pass

    class Links(html.parser.HTMLParser):
        def __init__(self):
            super().__init__()
            self.found = []

        def handle_starttag(self, tag, attributes):
            for name, value in attributes:
                if name in ("href", "src") and value:
                    self.found.append(value)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    checked, broken = {}, []
    try:
        for page in pages(built_site):
            if "_static" in page.relative_to(built_site).parts:
                continue  # the theme's template files, not pages
            url = base + urllib.parse.quote(page.relative_to(built_site).as_posix())
            parser = Links()
            parser.feed(page.read_text())
            for link in parser.found:
                target = urllib.parse.urljoin(url, link)
                if not target.startswith("http://127.0.0.1") or link.startswith("#"):
                    continue  # a remote address (test_the_site_needs_no_remote_asset), or a place on the page
                target = urllib.parse.quote(urllib.parse.urldefrag(target).url, safe=":/?&=%")
                if target not in checked:
                    try:
                        with urllib.request.urlopen(target) as response:
                            checked[target] = response.status
                    except urllib.error.HTTPError as error:
                        checked[target] = error.code
                if checked[target] != 200:
                    broken.append(f"{page.relative_to(built_site)}: {link} -> {checked[target]}")
    finally:
        server.shutdown()
        server.server_close()
    assert not broken, f"{len(broken)} links do not resolve under {prefix}:\n" + "\n".join(sorted(set(broken))[:20])
    for needed in ("_static/mathjax/tex-chtml.js", "search.html", "_downloads/"):
        assert any(needed in url for url in checked), f"no page links {needed}"
    assert "searchindex.js" in (built_site / "search.html").read_text(), "the search page must load the index"
    assert "dropout" in (built_site / "searchindex.js").read_text().lower(), "the search index is empty"


PAGE = """---
jupytext:
  text_representation:
    format_name: myst
kernelspec:
  name: python3
  display_name: Python 3
---
# {title}

```{{code-cell}}
import json, os, time
start = time.time()
time.sleep(2)
print(json.dumps({{"start": start, "end": time.time(), "threads": os.environ.get("OMP_NUM_THREADS"),
                  "folder": os.getcwd(), "page": "{title}"}}))
{extra}
```
"""


def _small_book(folder, pages):
    """A book of its own with the course's parallel-execution extension and one page per (title, extra code)."""
    (folder / "_ext").mkdir(parents=True)
    (folder / "_ext" / "parallel_execution.py").write_text((ROOT / "_ext" / "parallel_execution.py").read_text())
    (folder / "_config.yml").write_text("title: t\nexecute:\n  execute_notebooks: cache\n  timeout: 60\n"
                                        "sphinx:\n  local_extensions:\n    parallel_execution: _ext/\n")
    (folder / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n"
                                     + "".join(f"- file: pages/{title}\n" for title, _ in pages))
    (folder / "index.md").write_text("# Index\n")
    (folder / "pages").mkdir()
    for title, extra in pages:
        (folder / "pages" / f"{title}.md").write_text(PAGE.format(title=title, extra=extra))
    return run_tool("jupyter-book", "build", str(folder), cwd=folder, check=False)


def _printed(folder, title):
    import json

    html = (folder / "_build" / "html" / "pages" / f"{title}.html").read_text()
    return json.loads(re.search(r'\{&quot;start&quot;.*?\}|\{"start".*?\}', html).group(0).replace("&quot;", '"'))


def test_pages_execute_in_parallel_one_thread_each_and_myst_nb_uses_the_results(tmp_path):
    result = _small_book(tmp_path, [("first", ""), ("second", "")])
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    log = result.stdout + result.stderr
    assert "executing 2 pages in parallel" in log
    assert log.count("Using cached notebook") == 2, log[-3000:]   # myst-nb executed nothing itself
    first, second = _printed(tmp_path, "first"), _printed(tmp_path, "second")
    assert first["start"] < second["end"] and second["start"] < first["end"], "the pages ran one after the other"
    cores = os.cpu_count() or 1
    assert first["threads"] == second["threads"] == str(max(1, cores // min(2, cores)))
    assert first["folder"] == second["folder"] == str(tmp_path / "pages")  # each page runs in its own folder
    rebuild = run_tool("jupyter-book", "build", str(tmp_path), cwd=tmp_path, check=False)
    assert rebuild.returncode == 0 and "executing" not in rebuild.stdout  # nothing outdated: nothing executed


def test_a_page_that_fails_in_parallel_is_reported_by_myst_nb(tmp_path):
    result = _small_book(tmp_path, [("fine", ""), ("broken", "raise ValueError('the page is broken')")])
    log = result.stdout + result.stderr
    assert "left to myst-nb" in log and "broken" in log
    assert "Executing notebook failed" in log and "ValueError" in log, log[-3000:]
