"""A throw-away PostgreSQL server for the tests and the benchmark of parallel grading.

``temporary_server()`` starts the system's PostgreSQL (Debian's ``postgresql`` package: ``initdb`` and
``pg_ctl`` on PATH or in ``/usr/lib/postgresql/<version>/bin``) on a fresh data directory, listening on
127.0.0.1 at a free port, and yields the SQLAlchemy URL of an empty database for nbgrader's ``db_url``. The
server is stopped and its files removed afterwards. PostgreSQL refuses to run as root, so as root it runs as the
``postgres`` user the package creates.
"""

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def server_programs() -> tuple[str, str]:
    """Paths of ``initdb`` and ``pg_ctl``; RuntimeError with what to install when there are none."""
    for folder in [None, *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]:
        initdb, pg_ctl = shutil.which("initdb", path=folder), shutil.which("pg_ctl", path=folder)
        if initdb and pg_ctl:
            return initdb, pg_ctl
    raise RuntimeError("no PostgreSQL server found (initdb, pg_ctl): install Debian's `postgresql` package "
                       "(apt-get install postgresql), which .ci/run does on a machine without it")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def temporary_server(database: str = "gradebook"):
    """Run a PostgreSQL server for the duration of the block; yield ``postgresql+psycopg2://grader@127.0.0.1:PORT/DB``."""
    import psycopg2

    initdb, pg_ctl = server_programs()
    folder = Path(tempfile.mkdtemp(prefix="dropout-course-postgres-"))
    as_owner = []
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        as_owner = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", _free_port()
    try:
        subprocess.run([*as_owner, initdb, "-D", str(data), "-U", "grader", "-A", "trust", "--no-sync"],
                       check=True, capture_output=True, text=True)
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50"
        subprocess.run([*as_owner, pg_ctl, "-D", str(data), "-l", str(folder / "server.log"), "-o", options, "-w",
                        "start"], check=True, capture_output=True, text=True)
        connection = psycopg2.connect(host="127.0.0.1", port=port, user="grader", dbname="postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{database}"')
        connection.close()
        yield f"postgresql+psycopg2://grader@127.0.0.1:{port}/{database}"
    finally:
        subprocess.run([*as_owner, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
