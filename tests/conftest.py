"""Shared fixtures: paths, the environment for the course's command-line tools, the built site."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# A page element that loads a script, a stylesheet, an image or a frame from the network
REMOTE_ASSET = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=["'](?:https?:)?//""", re.IGNORECASE)
ASSIGNMENTS = sorted(path.name for path in (ROOT / "solutions").iterdir() if path.is_dir())


def tool_environment() -> dict[str, str]:
    """The environment for jupyter-book and nbgrader: this interpreter's scripts first on PATH (nbgrader runs
    helpers such as alembic from there)."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def run_tool(*args: str, cwd: Path = ROOT, timeout: float = 900, check: bool = True) -> subprocess.CompletedProcess:
    """Run one of the venv's command-line tools and return the finished process (output captured as text)."""
    executable = Path(sys.executable).parent / args[0]
    result = subprocess.run(
        [str(executable), *args[1:]], cwd=cwd, env=tool_environment(), capture_output=True, text=True,
        timeout=timeout,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    return result


@pytest.fixture(scope="session")
def built_site() -> Path:
    """Build the book as `make book` does (warnings are errors) and return _build/html.

    The build reuses jupyter-cache, so a chapter whose code has not changed since the last build is not re-run;
    on a fresh clone (as in CI) every chapter executes.
    """
    run_tool("jupyter-book", "build", ".", "--warningiserror", "--nitpick", "--keep-going")
    return ROOT / "_build" / "html"
