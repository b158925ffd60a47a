"""The grading kernel's sandbox and guard (``nbgrader_sandbox.kernel``, ``nbgrader_sandbox.guard``), tested directly:
what student code can see, reach and do in it."""

import os
import select
import socket
import threading
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from nbgrader_sandbox import grade
from nbgrader_sandbox.kernel import INHERITED, SandboxedKernelManager, sandbox_problem
from nbgrader_sandbox.preprocessors.execute import bound_names, imported_modules
from nbgrader_sandbox.protocol import parse_reply, request_code, sign


def test_bubblewrap_can_sandbox_kernels_on_this_machine():
    assert sandbox_problem() is None, f"grading would refuse to run here: {sandbox_problem()}"


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    """A sandboxed, guarded kernel whose folder is autograded/alice/a01 of a course that holds answers, another
    student's work and a gradebook; a secret in the grader's environment; a TCP server on the grader's loopback."""
    course = tmp_path_factory.mktemp("course")
    (course / "solutions" / "a01").mkdir(parents=True)
    (course / "solutions" / "a01" / "a01.ipynb").write_text("the answers")
    (course / "submitted" / "bob" / "a01").mkdir(parents=True)
    (course / "gradebook.db").write_text("grades")
    folder = course / "autograded" / "alice" / "a01"
    folder.mkdir(parents=True)
    server = socket.create_server(("127.0.0.1", 0))
    threading.Thread(target=lambda: server.accept(), daemon=True).start()
    os.environ["DROPOUT_COURSE_TEST_SECRET"] = "hunter2"
    client = NotebookClient(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")]), timeout=60, kernel_manager_class=SandboxedKernelManager,
                            allow_errors=True, resources={"metadata": {"path": str(folder)}})
    with client.setup_kernel():
        client.kc.execute(request_code(client.km.grading_key, "arm", "first", []), silent=True)

        def run(source: str) -> str:
            cell = nbformat.v4.new_code_cell(source)
            client.execute_cell(cell, 0)
            return "".join(output.get("text", "") + output.get("ename", "") + output.get("evalue", "") for output in cell.outputs)

        def reports() -> list[str]:
            data = b""
            while select.select([client.km.report_fd], [], [], 1.0)[0]:
                chunk = os.read(client.km.report_fd, 65536)
                if not chunk:
                    break
                data += chunk
            return data.decode().splitlines()

        yield {"run": run, "reports": reports, "course": course, "folder": folder, "port": server.getsockname()[1],
               "client": client}
    del os.environ["DROPOUT_COURSE_TEST_SECRET"]
    server.close()


def test_the_course_is_invisible_and_its_folders_are_empty_stand_ins(kernel):
    listing = kernel["run"]("import os\nprint(sorted(os.listdir('../../..')), os.listdir('../../../solutions'))")
    assert "'solutions'" in listing and "[]" in listing, listing
    output = kernel["run"]("print(open('../../../solutions/a01/a01.ipynb').read())")
    assert "No such file" in output and "the answers" not in output
    assert "grades" not in kernel["run"]("print(repr(open('../../../gradebook.db').read()))")
    assert "bob" not in kernel["run"]("print(os.listdir('../../../submitted'))")
    assert any("tried to read" in line and "solutions" in line for line in kernel["reports"]())


def test_the_submission_can_write_its_own_folder_and_tmp_but_nothing_else(kernel):
    assert "ok" in kernel["run"]("open('scratch.txt', 'w').write('x'); open('/tmp/t', 'w').write('x'); print('ok')")
    assert (kernel["folder"] / "scratch.txt").exists()
    kernel["run"]("open('../../../pwned.txt', 'w').write('x')")  # fails, or lands in the sandbox's private /tmp
    assert not (kernel["course"] / "pwned.txt").exists()
    assert "Read-only file system" in kernel["run"]("open('/usr/pwned.txt', 'w')")
    assert any("tried to write" in line for line in kernel["reports"]())


def test_no_network_no_secrets_no_grader_home(kernel):
    output = kernel["run"](f"import socket\ntry:\n    socket.create_connection(('127.0.0.1', {kernel['port']}), 2)\n"
                           "    print('connected')\nexcept OSError as error:\n    print('refused', error)")
    assert "refused" in output, output
    assert "hunter2" not in kernel["run"]("import os\nprint(dict(os.environ))")
    home = Path.home()
    (home / ".dropout-course-sandbox-probe").write_text("private")
    try:
        output = kernel["run"](f"print(open({str(home / '.dropout-course-sandbox-probe')!r}).read())")
        assert "private" not in output
    finally:
        (home / ".dropout-course-sandbox-probe").unlink()


def test_resource_limits_hold(kernel):
    assert "MemoryError" in kernel["run"]("x = bytearray(8 << 30)")
    output = kernel["run"]("import resource\nprint([resource.getrlimit(getattr(resource, name))[0] for name in "
                           "('RLIMIT_AS', 'RLIMIT_CPU', 'RLIMIT_FSIZE', 'RLIMIT_NPROC')])")
    assert output.strip() == str([4 << 30, 600, 256 << 20, 128]), output
    output = kernel["run"]("import os, time\nchildren = []\ntry:\n    for _ in range(400):\n        child = os.fork()\n"
                           "        if child == 0:\n            time.sleep(30)\n            os._exit(0)\n"
                           "        children.append(child)\nexcept OSError as error:\n    print('stopped at', len(children))\n"
                           "finally:\n    for child in children:\n        os.kill(child, 9)\n        os.waitpid(child, 0)")
    assert "stopped at" in output and int(output.split()[-1]) < 128, output
    output = kernel["run"]("with open('big.bin', 'wb') as handle:\n    handle.write(bytes(300 << 20))")
    assert "File too large" in output, output
    (kernel["folder"] / "big.bin").unlink()


def test_the_guard_answers_signed_requests_and_reports_forged_ones(kernel):
    client = kernel["client"]
    key = client.km.grading_key
    client.kc.execute(request_code(key, "check", "nonce-1", []), silent=True)
    lines = kernel["reports"]()
    replies = [parse_reply(key, line) for line in lines if line.startswith("R ")]
    assert ("nonce-1", []) in replies, lines
    forged = request_code(b"not the key", "trust", "nonce-2", ["np"])
    kernel["run"](forged)
    assert any("forged signature" in line for line in kernel["reports"]())
    assert parse_reply(key, f"R nonce-3 {sign(b'other', 'reply', 'nonce-3', '')} ") is None


def test_the_guard_sees_a_patched_library_function(kernel):
    kernel["run"]("import numpy\nnumpy.allclose = lambda *args, **kwargs: True")
    client = kernel["client"]
    client.kc.execute(request_code(client.km.grading_key, "check", "nonce-4", []), silent=True)
    replies = [parse_reply(client.km.grading_key, line) for line in kernel["reports"]() if line.startswith("R ")]
    assert any(nonce == "nonce-4" and "numpy.allclose was replaced" in problems for nonce, problems in replies)


def test_the_guard_sees_a_library_functions_code_swapped_even_under_another_module_name(kernel):
    kernel["run"]("import numpy.testing\nfunction = numpy.testing.assert_array_equal\nfunction.__module__ = 'mine'\n"
                  "function.__code__ = (lambda *args, **kwargs: None).__code__")
    client = kernel["client"]
    client.kc.execute(request_code(client.km.grading_key, "check", "nonce-5", []), silent=True)
    lines = kernel["reports"]()
    assert any("changed __code__ of mine.assert_array_equal" in line for line in lines), lines


def test_imported_modules_are_every_absolute_import_of_a_cell():
    source = "import numpy as np, os.path\nfrom torch.nn import functional\nfrom . import sibling\n" \
             "def f():\n    import textwrap\n    from math import pi"
    assert imported_modules(source) == ["math", "numpy", "os.path", "textwrap", "torch.nn"]


def test_bound_names_are_the_top_level_bindings_of_a_cell():
    source = "import numpy as np\nimport os.path\nfrom torch import nn\nx, (y, z) = 1, (2, 3)\nfor i in []: pass\n" \
             "def f():\n    inner = 1\nclass C: pass\nwith open('f') as handle: pass"
    assert bound_names(source) == sorted({"np", "os", "nn", "x", "y", "z", "i", "f", "C", "handle"})
    assert bound_names("%matplotlib inline") == []


def test_grading_refuses_to_run_without_a_sandbox_unless_allowed(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(grade, "sandbox_problem", lambda: "no user namespaces")
    for name in grade.THREAD_VARIABLES:  # grade() sets them where unset; the test's end restores them
        monkeypatch.setenv(name, os.environ.get(name, "1"))
    assert grade.main(["ps1", "--root", str(tmp_path), "--workers", "1"]) == 2
    assert "Refusing to grade" in capsys.readouterr().err
    assert grade.main(["ps1", "--root", str(tmp_path), "--workers", "1", "--allow-unsandboxed"]) == 2
    captured = capsys.readouterr()
    assert "GRADING UNSANDBOXED" in captured.out and "no assignment" in captured.err


def test_each_workers_kernel_gets_its_share_of_the_cores_unless_the_instructor_chose(monkeypatch):
    for name in grade.THREAD_VARIABLES:  # set, then delete: the test's end restores what was there before
        monkeypatch.setenv(name, "0")
        monkeypatch.delenv(name)
    monkeypatch.setenv("MKL_NUM_THREADS", "3")
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert grade.share_cores(4) == 2
    assert os.environ["OMP_NUM_THREADS"] == os.environ["OPENBLAS_NUM_THREADS"] == "2"
    assert os.environ["MKL_NUM_THREADS"] == "3"
    monkeypatch.delenv("OMP_NUM_THREADS")
    assert grade.share_cores(16) == 1 and os.environ["OMP_NUM_THREADS"] == "1"
    assert set(grade.THREAD_VARIABLES) <= set(INHERITED), "the sandboxed kernel must inherit the thread settings"
