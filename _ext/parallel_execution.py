"""A local Sphinx extension of the book (``_config.yml``: ``sphinx: local_extensions``): execute the pages Sphinx is
about to read in parallel, one page per core, before myst-nb asks jupyter-cache for them.

myst-nb executes a notebook page when Sphinx reads it, so a clean build executes the pages one after the other.
jupyter-cache, which myst-nb's ``cache`` execution mode stores the outputs in, can execute the notebooks of its
project in a pool of processes. Before Sphinx reads, this extension adds each page it will read and myst-nb would
execute to that project (read as myst-nb reads it), and runs the outdated ones with jupyter-cache's parallel executor
in the page's own folder, with the build's timeout and ``allow_errors``. myst-nb then finds every page in the cache.
A page that fails here is left to myst-nb, which executes it again and reports its error as usual.

The kernels share the cores: each gets ``cores // pages`` threads (``OMP_NUM_THREADS``, ``MKL_NUM_THREADS``; PyTorch
and NumPy read them when they start), so that two pages on two cores do not run four threads.
"""

from __future__ import annotations

import logging
import os
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Iterator

from jupyter_cache.executors.basic import ExecutionWorkerLocalMProc, JupyterExecutorLocalMproc
from jupyter_cache.executors.utils import single_nb_execution
from sphinx.util import logging as sphinx_logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

LOGGER = sphinx_logging.getLogger(__name__)
CELL_SECONDS = "execution_cell_seconds"  # where the cached notebook keeps its cells' run times
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")
# how myst-nb asks jupyter-cache to read a page: its MyST Markdown reader, or nbformat for a .ipynb
READERS = {".md": {"type": "plugin", "name": "myst_nb_md"}, ".ipynb": {"type": "plugin", "name": "nbformat"}}


def _executable_pages(env: BuildEnvironment, docnames: list[str]) -> list[Path]:
    """The pages among ``docnames`` that myst-nb would execute: notebooks not excluded from execution."""
    from myst_nb.core.read import is_myst_markdown_notebook

    config = env.mystnb_config
    pages = []
    for docname in docnames:
        path = Path(env.doc2path(docname))
        if any(PurePosixPath(path.as_posix()).match(pattern) for pattern in config.execution_excludepatterns):
            continue
        if path.suffix == ".ipynb" or (path.suffix == ".md" and is_myst_markdown_notebook(path.read_text("utf8"))):
            pages.append(path)
    return pages


@contextmanager
def _threads_per_kernel(threads: int) -> Iterator[None]:
    """Set the thread count every kernel started inside the block inherits from this process's environment."""
    saved = {name: os.environ.get(name) for name in THREAD_VARIABLES}
    os.environ.update({name: str(threads) for name in THREAD_VARIABLES})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class _TimedWorker(ExecutionWorkerLocalMProc):
    """jupyter-cache's parallel worker that also records how long each code cell ran, in the cached notebook's
    metadata (``CELL_SECONDS``; not in the cells' metadata, which jupyter-cache hashes to match a page to its
    cache, and not on the site, which takes only the outputs): ``make bench`` reports the slowest cell from it."""

    @staticmethod
    def execute(project_nb, data):
        notebook = project_nb.nb
        result = single_nb_execution(notebook, cwd=str(Path(project_nb.uri).parent), timeout=data.timeout,
                                     allow_errors=data.allow_errors, record_timing=True)
        seconds = []
        for cell in notebook.cells:
            timing = cell.metadata.pop("execution", None)
            if timing and {"iopub.execute_input", "shell.execute_reply"} <= timing.keys():
                started, ended = (datetime.fromisoformat(timing[key].replace("Z", "+00:00"))
                                  for key in ("iopub.execute_input", "shell.execute_reply"))
                seconds.append(round((ended - started).total_seconds(), 3))
        notebook.metadata[CELL_SECONDS] = seconds
        return result


class _ParallelExecutor(JupyterExecutorLocalMproc):
    _EXECUTION_WORKER = _TimedWorker


def execute_in_parallel(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: fill the cache with the outdated pages among those about to be read."""
    from jupyter_cache import get_cache

    config = env.mystnb_config
    if config.execution_mode != "cache":
        return
    cache = get_cache(config.execution_cache_path)
    records = [cache.add_nb_to_project(str(page), read_data=READERS[page.suffix])
               for page in _executable_pages(env, docnames)]
    outdated = cache.list_unexecuted(filter_pks=[record.pk for record in records])
    if not outdated:
        return
    cores = os.cpu_count() or 1
    threads = max(1, cores // min(len(outdated), cores))
    LOGGER.info(f"executing {len(outdated)} pages in parallel on {cores} cores, {threads} thread(s) each")
    quiet = logging.getLogger("jupyter_cache.parallel")
    quiet.setLevel(logging.WARNING)
    start = time.perf_counter()
    with _threads_per_kernel(threads):
        result = _ParallelExecutor(cache, quiet).run_and_cache(
            filter_pks=[record.pk for record in outdated],
            timeout=config.execution_timeout,
            allow_errors=config.execution_allow_errors,
        )
    failed = result.excepted + result.errored
    LOGGER.info(f"executed {len(result.succeeded)} pages in {time.perf_counter() - start:.1f} s"
                + (f"; left to myst-nb, which reports their errors: {', '.join(failed)}" if failed else ""))


def setup(app: Sphinx) -> dict:
    app.connect("env-before-read-docs", execute_in_parallel)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
