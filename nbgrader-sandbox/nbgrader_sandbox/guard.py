"""The grading kernel's guard: it notices student code that changes the machinery the tests rely on.

Run as ``python -P -m nbgrader_sandbox.guard [limits] [--watch M] [--preload M] -f CONNECTION_FILE`` (the
sandboxed kernel manager does this, inside bubblewrap; ``-P`` keeps the submission's folder off ``sys.path`` while the
machinery is imported, so a ``numpy/`` folder handed in with the notebook cannot stand in for NumPy). Before any
student code runs, it

1. lowers the process's resource limits (memory, CPU time, file size, processes, core dumps);
2. reads a secret key from an inherited pipe and closes it;
3. imports the test machinery (IPython, and the modules the course names: ``--preload`` and ``--watch``, set from
   ``SandboxedKernelManager.preloaded_modules`` and ``.watched_modules``) and records what it holds: every
   function, class and submodule of those modules, every method of their classes, and the IPython shell's hooks
   (AST and input transformers, custom exception handlers, event callbacks, the kernel's message handlers);
4. installs a Python audit hook (PEP 578: it cannot be removed) that reports at once, over an inherited pipe
   that only the grader reads, every use of the tools that could defeat these records — ``gc`` object walks,
   trace and profile functions, ``ctypes``, new audit hooks, swapping the code of a library function — and
   every attempt to open, list or change a file of the course outside the submission's folder, to open a
   network connection, or to signal the sandbox's other processes;
5. starts the IPython kernel.

The grader (``nbgrader_sandbox.preprocessors.execute.SandboxedExecute``) asks the hook, around every test cell, to
compare the machinery with its records; the request and the answer are signed with the key
(``nbgrader_sandbox.protocol``), so a kernel that student code has taken over can neither forge an answer nor stay
silent unnoticed. What the hook holds lives only in
its closure: student code cannot reach it without one of the reported tools.
"""

import argparse
import builtins
import importlib.util
import os
import resource
import sys

from nbgrader_sandbox import protocol

# What every grading kernel watches, whatever the course: the language, IPython and this package, and the standard
# library the cells are compiled, run and checked with. A course adds the libraries its tests use (--watch).
ALWAYS_WATCHED = ("builtins", "math", "IPython", "ipykernel", "matplotlib_inline", "nbgrader_sandbox", "ast",
                  "codeop", "warnings", "contextlib", "functools", "operator", "copy", "types", "inspect",
                  "traceback", "linecache")
LIBRARIES = list(ALWAYS_WATCHED)  # extended by main() with the course's --watch modules before anything is recorded
# Builtins the tests call: a callable of the same name in the notebook's namespace would be called by the tests
# instead (a variable of that name is not reported: it breaks the tests rather than passing them).
SHADOWABLE = ("abs", "all", "any", "bool", "callable", "float", "getattr", "hasattr", "int", "isinstance",
              "issubclass", "len", "list", "max", "min", "print", "range", "repr", "round", "sorted", "str", "sum",
              "tuple", "type", "zip")
# Builtins that IPython and ipykernel set anew for every execution.
IPYTHON_BUILTINS = {"exit", "quit", "get_ipython", "input", "raw_input"}
# Audit events that only code working against the grader needs; each is reported when it happens.
REPORTED_EVENTS = {
    "sys.addaudithook": "added an audit hook",
    "sys.settrace": "installed a trace function",
    "sys.setprofile": "installed a profile function",
    "sys._current_frames": "read the frames of other threads",
    "gc.get_objects": "walked the garbage collector's objects",
    "gc.get_referrers": "walked the garbage collector's referrers",
    "gc.get_referents": "walked the garbage collector's referents",
}
FILE_EVENTS = {"open": 1, "os.listdir": 0, "os.scandir": 0, "glob.glob": 0, "sqlite3.connect": 0}
CHANGE_EVENTS = ("os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.chmod", "os.chown", "os.symlink",
                 "os.link", "os.truncate", "os.utime")


def _is_library(name) -> bool:
    return isinstance(name, str) and name.split(".", 1)[0] in LIBRARIES


def _limit(which: int, value: int) -> None:
    if value > 0:
        resource.setrlimit(which, (value, value))


def _snapshot(shell, kernel):
    """What the tests rely on: the watched names (as (label, namespace, key, value) entries), the functions among
    them, and the IPython shell's and kernel's hooks.

    Only callables, classes, modules and descriptors are recorded: library code rebinds its data (counters,
    caches) at run time, but never its functions, so a changed function is always a change by someone else.
    The functions' code is not compared: changing it raises an audit event, which the hook reports.
    """
    import types

    watched = []
    shapes = []       # (label, module, its class): a module's class can be swapped without changing its dict
    modules = []      # (name, namespace, its keys): a name added to a module can shadow a builtin there
    functions = []
    classes = {}
    for name, module in list(sys.modules.items()):
        if not _is_library(name) or not isinstance(module, types.ModuleType):
            continue
        watched.append((f"sys.modules[{name!r}]", sys.modules, name, module))
        shapes.append((f"the class of module {name}", module, type(module)))
        if module is not builtins:
            modules.append((name, vars(module), frozenset(vars(module))))
        for key, value in list(vars(module).items()):
            if module is builtins and key in IPYTHON_BUILTINS:
                continue
            if isinstance(value, type):
                if _is_library(getattr(value, "__module__", None)):
                    classes[value] = None
            elif not (callable(value) or isinstance(value, types.ModuleType)):
                continue
            watched.append((f"{name}.{key}", vars(module), key, value))
            if isinstance(value, types.FunctionType):
                functions.append(value)
    added = []        # (label, a class's namespace, its keys): a method added to a class shadows an inherited one
    for cls in list(classes):
        added.append((f"{cls.__module__}.{cls.__qualname__}", vars(cls), frozenset(vars(cls))))
        for key, value in list(vars(cls).items()):
            if callable(value) or hasattr(type(value), "__get__"):
                watched.append((f"{cls.__module__}.{cls.__qualname__}.{key}", vars(cls), key, value))
                if isinstance(value, types.FunctionType):
                    functions.append(value)

    manager = shell.input_transformer_manager
    sequences = [("IPython AST transformers", shell, "ast_transformers"),
                 ("IPython input transformers (cleanup)", shell, "input_transformers_cleanup"),
                 ("IPython input transformers (post)", shell, "input_transformers_post"),
                 ("IPython input transformer manager (cleanup)", manager, "cleanup_transforms"),
                 ("IPython input transformer manager (line)", manager, "line_transforms"),
                 ("IPython input transformer manager (token)", manager, "token_transformers")]
    lists = [(label, owner, attribute, getattr(owner, attribute), tuple(getattr(owner, attribute)))
             for label, owner, attribute in sequences]
    lists += [(f"IPython '{event}' callbacks", shell.events.callbacks, event, callbacks, tuple(callbacks))
              for event, callbacks in shell.events.callbacks.items()]
    tables = [("the kernel's shell handlers", kernel.shell_handlers, dict(kernel.shell_handlers)),
              ("the kernel's control handlers", kernel.control_handlers, dict(kernel.control_handlers))]
    instances = [(label, owner, dict(vars(owner))) for label, owner in (
        ("the IPython shell", shell), ("the kernel", kernel), ("the kernel's session", kernel.session),
        ("the display publisher", shell.display_pub), ("the display hook", shell.displayhook),
        ("the compiler", shell.compile), ("the input transformer manager", manager),
        ("the traceback formatter", shell.InteractiveTB))]
    hooks = (sys.excepthook, sys.displayhook, shell.user_ns, shell.custom_exceptions, shell.CustomTB)
    return watched, functions, lists, tables, instances, hooks, shapes, added, modules


def _install(key: bytes, report_fd: int, shell, kernel, folder: str, forbidden: tuple[str, ...],
             packages: tuple[str, ...], private: tuple[str, ...] = (), private_folders: tuple[str, ...] = ()) -> None:
    """Install the audit hook. Everything it needs, builtins included, is bound here, in its closure, to objects
    captured now, so that later changes to modules cannot change what it does. Reading a file under
    ``forbidden`` (the course, the grader's home) is reported unless it lies in the submission's ``folder``, the
    Python installation or one of the watched ``packages``' folders; writing is reported outside the folder, /tmp
    and /dev. The ``private`` modules (the tests' own package, which students do not have) may be imported, and
    their ``private_folders`` read, only while a trusted cell runs: between the grader's 'enter' and 'trust'.

    The records are made on the grader's first (signed) request, 'arm', which the grader sends before the
    notebook's first cell: like every later check it then runs inside an IPython execution, when IPython has
    swapped in its own ``exit``, ``quit``, ``get_ipython`` and ``input`` builtins and display hook.
    """
    import operator
    import types

    write, join, normpath, getcwd, fspath = os.write, os.path.join, os.path.normpath, os.getcwd, os.fspath
    getpid, sys_module, snapshot = os.getpid, sys, _snapshot
    is_signed, reply_line, event_line = protocol.request_is_signed, protocol.reply_line, protocol.event_line
    callable_, getattr_, hasattr_, isinstance_, vars_, type_, tuple_, any_, all_, set_, len_, map_, id_ = (
        callable, getattr, hasattr, isinstance, vars, type, tuple, any, all, set, len, map, id)
    getitem, is_ = operator.getitem, operator.is_
    function_type, method_type, module_type = types.FunctionType, types.MethodType, types.ModuleType
    libraries, str_ = frozenset(LIBRARIES), str

    def is_library(name) -> bool:
        return isinstance_(name, str_) and name.split(".", 1)[0] in libraries

    reported_events, file_events, change_events = dict(REPORTED_EVENTS), dict(FILE_EVENTS), frozenset(CHANGE_EVENTS)
    user_ns, parent_pid, guard_event = shell.user_ns, os.getppid(), protocol.EVENT
    readable = tuple(os.path.normpath(path) for path in (folder, sys.prefix, sys.base_prefix, sys.exec_prefix, *packages))
    writable = (folder, "/tmp", "/dev")
    private_names, in_trusted_cell = frozenset(private), [False]
    records = []          # filled on 'arm': what _snapshot returns
    columns = []          # filled on 'arm': the watched entries' namespaces, keys and values, as three lists
    function_ids = set()  # filled on 'arm': the ids of the watched functions (kept alive by the records)
    trusted = {}          # notebook name -> the object a trusted cell bound it to
    builtin_names = dict(vars(builtins))
    shadowable = SHADOWABLE
    missing = object()
    busy = [False]

    def report(text: str) -> None:
        try:
            write(report_fd, event_line(text))
        except OSError:
            pass

    def absolute(path) -> str | None:
        if isinstance_(path, int):
            return None
        try:
            path = fspath(path)
            if isinstance_(path, bytes):
                path = path.decode(errors="replace")
        except TypeError:
            return None
        return normpath(join(getcwd(), path))

    def inside(path: str, roots) -> bool:
        return any_(path == root or path.startswith(root + "/") for root in roots)

    def same(current, recorded) -> bool:
        """Identity, or the same method of the same object (IPython binds its hooks anew for each execution)."""
        return current is recorded or (type_(current) is method_type and type_(recorded) is method_type
                                       and current.__func__ is recorded.__func__ and current.__self__ is recorded.__self__)

    def problems(exempt: set) -> list[str]:
        if not records:
            return ["the grader's first request did not arm the guard"]
        watched, _, lists, tables, instances, frozen_hooks, shapes, added, modules = records
        found = []
        try:  # tens of thousands of entries: compared in C first, labelled in Python only if something differs
            intact = all_(map_(is_, map_(getitem, *columns[:2]), columns[2]))
        except KeyError:
            intact = False
        if not intact:
            found += [f"{label} was replaced" for label, table, key, value in watched
                      if table.get(key, missing) is not value]
        for name, namespace, keys in modules:
            if len_(namespace) != len_(keys):
                for key in namespace.keys() - keys:
                    if key in builtin_names and namespace[key] is not builtin_names[key]:
                        found.append(f"{name}.{key} shadows the builtin {key}")
        for key in shadowable:
            value = user_ns.get(key, missing)
            if value is not missing and value is not builtin_names[key] and callable_(value):
                found.append(f"the notebook name {key!r} shadows the builtin the tests call")
        for label, module, cls in shapes:
            if type_(module) is not cls:
                found.append(f"{label} was replaced")
        for label, namespace, keys in added:
            if len_(namespace) != len_(keys):
                for key in namespace.keys() - keys:
                    value = namespace[key]
                    if callable_(value) or hasattr_(type_(value), "__get__"):
                        found.append(f"{label}.{key} was added")
        for label, owner, attribute, sequence, contents in lists:
            current = owner.get(attribute) if type_(owner) is dict else getattr_(owner, attribute, None)
            if current is sequence and tuple_(current) == contents:
                continue
            known = len(contents)
            if (type_(owner) is dict and current is sequence and tuple_(current[:known]) == contents
                    and all_(is_library(getattr_(callback, "__module__", None)) for callback in current[known:])):
                continue  # a library's own callback, such as matplotlib's inline backend flushing figures
            found.append(f"{label} were changed")
        for label, table, contents in tables:
            if table.keys() != contents.keys() or any_(table[name] is not handler for name, handler in contents.items()):
                found.append(f"{label} were changed")
        for label, owner, contents in instances:
            for name, value in vars_(owner).items():
                if name in contents and contents[name] is value:
                    continue
                if callable_(value) and (name in contents or hasattr_(type_(owner), name)):
                    found.append(f"{label}'s {name} was replaced")
        excepthook, displayhook, namespace, custom, custom_tb = frozen_hooks
        if not same(sys_module.excepthook, excepthook) or not same(sys_module.displayhook, displayhook):
            found.append("sys.excepthook or sys.displayhook was replaced")
        if shell.user_ns is not namespace or shell.custom_exceptions != custom or not same(shell.CustomTB, custom_tb):
            found.append("IPython's custom exception handler or namespace was replaced")
        if sys_module.gettrace() is not None or sys_module.getprofile() is not None:
            found.append("a trace or profile function is installed")
        for name, value in trusted.items():
            if name not in exempt and user_ns.get(name, missing) is not value:
                found.append(f"the notebook name {name!r}, bound by a set-up or test cell, was rebound")
        return found

    def hook(event: str, args: tuple) -> None:
        if busy[0]:
            return
        if event == guard_event:
            busy[0] = True
            try:
                operation, nonce, payload, mac = args
                if not is_signed(key, operation, nonce, payload, mac):
                    report("a grading request with a forged signature was made")
                    return
                names = set_(payload.split(" ")) - {""}
                found = []
                for step in operation.split("+"):
                    if step == "arm" and not records:
                        records.extend(snapshot(shell, kernel))
                        watched = records[0]
                        columns.extend(([entry[1] for entry in watched], [entry[2] for entry in watched],
                                        [entry[3] for entry in watched]))
                        function_ids.update(map_(id_, records[1]))
                    elif step == "check":
                        found = problems(names)
                    elif step == "trust":  # a trusted cell has ended: record the names it bound
                        in_trusted_cell[0] = False
                        for name in names:
                            value = user_ns.get(name, missing)
                            if value is missing or not (callable_(value) or isinstance_(value, module_type)):
                                trusted.pop(name, None)
                            else:
                                trusted[name] = value
                    elif step == "enter":  # a trusted cell is about to run
                        in_trusted_cell[0] = True
                write(report_fd, reply_line(key, nonce, found))
            finally:
                busy[0] = False
            return
        if event in reported_events:
            report(reported_events[event])
        elif event.startswith("ctypes."):
            report(f"used ctypes ({event})")
        elif event == "object.__setattr__" and type(args[0]) is function_type and args[1] in (
                "__code__", "__defaults__", "__kwdefaults__") and (id_(args[0]) in function_ids
                                                                   or is_library(args[0].__module__)):
            report(f"changed {args[1]} of {args[0].__module__}.{args[0].__qualname__}")
        elif event == "import":
            if not in_trusted_cell[0] and isinstance_(args[0], str_) and args[0].split(".", 1)[0] in private_names:
                report(f"imported {args[0]}, a package of the tests that students do not have")
        elif event in file_events:
            path = absolute(args[0]) if args else None
            if path is None:
                return
            if not in_trusted_cell[0] and inside(path, private_folders):
                report(f"read {path}, a file of the tests' own package that students do not have")
            elif inside(path, forbidden) and not inside(path, readable):
                report(f"tried to read {path}, outside its folder")
            elif event == "open" and isinstance_(args[1], str) and any_(flag in args[1] for flag in "wax+") and (
                    not inside(path, writable) or inside(path, forbidden) and not inside(path, readable)):
                report(f"tried to write {path}, outside its folder")
        elif event in change_events:
            path = absolute(args[0]) if args else None
            if path is not None and (not inside(path, writable) or inside(path, forbidden) and not inside(path, readable)):
                report(f"tried to change {path}, outside its folder ({event})")
        elif event in ("socket.connect", "socket.bind", "socket.sendto"):
            report(f"tried to use the network ({event})")
        elif event in ("os.kill", "os.killpg") and args and args[0] in (1, -1, parent_pid):
            report(f"tried to signal another process ({event} {args[0]})")

    sys.addaudithook(hook)


def package_folders(names: list[str]) -> tuple[str, ...]:
    """The folders this interpreter imports the top-level packages ``names`` from (one each; none for a module
    that is a single file in site-packages or that cannot be found)."""
    folders = []
    for name in dict.fromkeys(name.split(".")[0] for name in names):
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            folders += [os.path.realpath(path) for path in spec.submodule_search_locations]
    return tuple(folders)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--key-fd", type=int, required=True, help="pipe to read the grader's secret key from")
    parser.add_argument("--report-fd", type=int, required=True, help="pipe to write the hook's reports to")
    parser.add_argument("--memory", type=int, default=0, help="address-space limit in bytes (0: none)")
    parser.add_argument("--cpu", type=int, default=0, help="CPU-time limit in seconds (0: none)")
    parser.add_argument("--file-size", type=int, default=0, help="largest file the kernel may write, bytes")
    parser.add_argument("--processes", type=int, default=0, help="most processes and threads (0: none)")
    parser.add_argument("--forbidden", action="append", default=[], help="a folder whose reading is reported")
    parser.add_argument("--watch", action="append", default=[], help="a top-level module whose contents are watched")
    parser.add_argument("--preload", action="append", default=[], help="a module imported before any student code")
    parser.add_argument("--private", action="append", default=[],
                        help="a top-level module of the tests that student code may neither import nor read")
    options, kernel_arguments = parser.parse_known_args(argv)

    _limit(resource.RLIMIT_AS, options.memory)
    _limit(resource.RLIMIT_CPU, options.cpu)
    _limit(resource.RLIMIT_FSIZE, options.file_size)
    _limit(resource.RLIMIT_NPROC, options.processes)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with os.fdopen(options.key_fd, "rb") as pipe:
        key = pipe.read()

    LIBRARIES.extend(name.split(".")[0] for name in options.watch)
    for name in options.preload:  # the machinery the tests use, imported before any student code
        __import__(name)
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize(kernel_arguments)
    forbidden = tuple(os.path.normpath(path) for path in options.forbidden)
    _install(key, options.report_fd, app.shell, app.kernel, os.path.normpath(os.getcwd()), forbidden,
             package_folders(options.watch + options.preload + options.private), tuple(options.private),
             package_folders(options.private))
    del key
    app.start()


if __name__ == "__main__":
    main()
