"""The messages between the grader and the guard inside a grading kernel: both sides use this module.

The grader asks with a line of Python that it runs silently in the kernel, ``sys.audit(EVENT, operation, nonce,
names, mac)``: the guard's audit hook sees the event, checks the signature and writes its answer to a pipe that only
the grader reads. On that pipe, one message per line:

- ``E <text>``: an event the guard reports at once (a forbidden tool was used, a file outside the folder was read);
- ``R <nonce> <mac> <problem>\\x1f<problem>...``: the answer to the request with that nonce, signed.

Requests and answers are HMAC-SHA256 signatures under a key the grader gives the guard over another pipe before
any student code runs, so student code can neither forge an answer nor ask in the grader's name.
"""

import _hashlib
import hmac
import os
import select
import time

EVENT = "nbgrader_sandbox.guard"  # the audit event of a request
SEPARATOR = "\x1f"                # between the problems of an answer


# The functions the guard calls take what they use as default arguments, bound once here to C functions: inside a
# kernel, student code could rebind this module's globals (or those of `hmac`, which would hand it the key), but not
# a function's defaults unnoticed (the guard reports that).


def sign(key: bytes, *parts: str, _digest=_hashlib.hmac_digest) -> str:
    """The hex HMAC-SHA256 of the parts (joined by newlines) under key: what both sides compute."""
    return _digest(key, "\n".join(parts).encode(), "sha256").hex()


def request_code(key: bytes, operation: str, nonce: str, names: list[str]) -> str:
    """The code the grader runs silently in the kernel to ask the guard for ``operation`` about the notebook names
    ``names``. The operation is one or more of these steps, joined by '+' and taken in order: 'arm' (record the
    machinery, before the first cell), 'check' (compare it with the records, the names exempt), 'trust' (a trusted
    cell has ended: record the names it bound) and 'enter' (a trusted cell is about to run)."""
    payload = " ".join(names)
    mac = sign(key, operation, nonce, payload)
    return f"__import__('sys').audit({EVENT!r}, {operation!r}, {nonce!r}, {payload!r}, {mac!r})"


def event_line(text: str) -> bytes:
    """The guard's report of an event, as written to the pipe."""
    return ("E " + text.replace("\n", " ") + "\n").encode()


def reply_line(key: bytes, nonce: str, problems: list[str], _sign=sign, _separator=SEPARATOR) -> bytes:
    """The guard's signed answer to a request, as written to the pipe."""
    text = _separator.join(problem.replace("\n", " ") for problem in problems)
    return f"R {nonce} {_sign(key, 'reply', nonce, text)} {text}\n".encode()


def request_is_signed(key: bytes, operation: str, nonce: str, payload: str, mac: str, _sign=sign,
                      _compare=_hashlib.compare_digest) -> bool:
    """Whether a request the guard sees was signed with the key (made by the grader)."""
    return _compare(mac, _sign(key, operation, nonce, payload))


def parse_reply(key: bytes, line: str) -> tuple[str, list[str]] | None:
    """A reply line as (nonce, problems) if its signature is valid, else None."""
    fields = line.split(" ", 3)
    if len(fields) < 3 or fields[0] != "R":
        return None
    nonce, mac = fields[1], fields[2]
    problems = fields[3] if len(fields) == 4 else ""
    if not hmac.compare_digest(mac, sign(key, "reply", nonce, problems)):
        return None
    return nonce, [problem for problem in problems.split(SEPARATOR) if problem]


class ReportReader:
    """The grader's end of the guard's pipe: the one place that reads it."""

    FORGED = "a forged answer to an integrity check was written"

    def __init__(self, fd: int, key: bytes):
        self.fd, self.key, self._buffer = fd, key, b""

    def _lines(self, timeout: float) -> list[str] | None:
        """The complete lines that arrive within ``timeout`` seconds; None once the pipe is closed."""
        if not select.select([self.fd], [], [], timeout)[0]:
            return []
        chunk = os.read(self.fd, 65536)
        if not chunk:
            return None
        self._buffer += chunk
        *lines, self._buffer = self._buffer.split(b"\n")
        return [line.decode(errors="replace") for line in lines]

    def answer(self, nonce: str, timeout: float, alive=lambda: True) -> list[str] | None:
        """Wait for the answer to the request ``nonce``: the events reported meanwhile and the problems it names,
        or None if no valid answer came in time (the pipe closed, or ``alive()`` turned false)."""
        deadline = time.monotonic() + timeout
        found = []
        while (remaining := deadline - time.monotonic()) > 0:
            lines = self._lines(min(remaining, 0.5))
            if lines is None:
                return None
            if not lines and not alive():
                return None
            for line in lines:
                if line.startswith("E "):
                    found.append(line[2:])
                    continue
                reply = parse_reply(self.key, line)
                if reply is None:
                    found.append(self.FORGED)
                elif reply[0] == nonce:
                    return found + reply[1]
        return None

    def events(self) -> list[str]:
        """The events already reported and not yet read (after the kernel died, say); never waits."""
        found = []
        while (lines := self._lines(0)):
            found += [line[2:] for line in lines if line.startswith("E ")]
        return found
