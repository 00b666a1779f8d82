"""Record an example's timeline from inside its interpreter: boot.py loads this with ``--timeline``.

What it records, each stamped with ``time.monotonic()`` (the clock of the
printed lines):

- each asyncio task: when ``loop.create_task`` made it, each step the event
  loop ran (a callback of the loop that resumed its coroutine: from the
  moment the loop called it until it returned), and how it ended;
- each callback of the example that the loop ran (``call_soon``,
  ``call_later``, ``add_reader``, a done callback...: a function that is not
  asyncio's own), and any other callback that held the loop 50 ms or more;
- each ``time.sleep`` of the main thread: when it started and ended;
- each thread that runs code of the example (not the pools' and asyncio's
  own threads): when it started and ended; each function an executor's
  thread ran (``to_thread``, ``run_in_executor``, ``ThreadPoolExecutor``);
- each process: a ``subprocess`` child from the call that started it to its
  exit; a ``multiprocessing`` child from start to end, and each function a
  ``ProcessPoolExecutor`` worker ran. A child forked from the example has the
  probe already; one that multiprocessing starts in a fresh interpreter (its
  fork server, the default on Linux from Python 3.14 on, and the children it
  forks; or "spawn") is given it: see _wrap_spawnv_passfds.

Records are kept in memory (a tuple appended to a list: about a microsecond
each) and written to the events file at the end, as one event
``{"tl": [...], "pid": ...}`` per process (harness/timeline.py reads them).

The hooks must not change what the example prints. Each hooked standard-library
function is recompiled from its own source, with a call before its body and
one in a ``finally`` after it, under its own file name and line numbers: a
traceback or a stack that passes through it (asyncio's debug mode records
where each task was created) reads exactly as without the probe. Python
3.9-3.15; standard library only; imports nothing from the harness.
"""

import atexit
import contextvars
import functools
import json
import marshal
import os
import sys
import threading
import time
import types
import weakref

_now = time.monotonic
_records = []
LIMIT = 200000  # records per process; past it the timeline is marked incomplete
# emit: writes an event; pid: the example's process; events_path: the file emit writes to, for the
# interpreters multiprocessing starts (None: they are not recorded).
_state = {"emit": None, "pid": None, "dropped": 0, "problems": [], "flushed": False, "events_path": None}
_seqs = weakref.WeakKeyDictionary()  # task -> its number in the records
_counter = [0]
SLOW_CALLBACK = 0.05  # a callback that is not a task's step is recorded from this long


def _add(record):
    if len(_records) < LIMIT:
        _records.append(record)
    else:
        _state["dropped"] += 1


def flush():
    """Write what was recorded since the last flush as one event (the first time, even if nothing was)."""
    if not _records and not _state["problems"] and not _state["dropped"] and _state["flushed"]:
        return
    _state["flushed"] = True
    batch = _records[:]
    del _records[:len(batch)]
    event = {"tl": batch, "pid": os.getpid()}
    if _state["dropped"]:
        event["dropped"] = _state["dropped"]
        _state["dropped"] = 0
    if _state["problems"]:
        event["probe_problems"] = _state["problems"][:]
        del _state["problems"][:]
    try:
        _state["emit"](**event)
    except Exception:
        pass


def _forget_parents_records():
    # A forked child starts with a copy of the parent's unwritten records.
    del _records[:]
    _state["dropped"] = 0
    del _state["problems"][:]
    _state["flushed"] = True  # a child that records nothing writes nothing


# --- Recompiling a function with hooks -------------------------------------------


class _NotInstrumentable(Exception):
    pass


def _hook(owner, name, enter, exit=None, ret=None):
    """Replace owner.name by its own source with hooks added.

    ``token = enter(first argument)`` runs first; ``exit(token)`` runs in a
    ``finally`` around the body; each ``return value`` becomes ``return
    ret(token, value)``. The original statements keep their file, lines and
    columns.
    """
    original = owner.__dict__[name]
    code = original.__code__
    key = (original.__module__, original.__qualname__, code.co_filename, code.co_firstlineno,
           exit is not None, ret is not None)
    factory = _factories.get(key)
    if factory is None:
        factory = _factories[key] = _factory(original, name, exit, ret)
    namespace = {}
    exec(factory, original.__globals__, namespace)
    replacement = namespace["_tl_factory"](enter, exit, ret)
    replacement.__qualname__ = original.__qualname__
    replacement.__dict__.update(original.__dict__)
    if sys.version_info >= (3, 11):
        replacement.__code__ = replacement.__code__.replace(co_qualname=code.co_qualname)
    setattr(owner, name, replacement)


# (module, qualified name, file, first line, hooks at exit, at return) of a hooked function -> the code that
# makes its replacement.
# The interpreters multiprocessing starts get those of their hooks with the probe (_payload): they
# hook the same functions of the same files without parsing them.
_factories = {}


def _factory(original, name, exit, ret):
    """The compiled ``_tl_factory(_tl_enter, _tl_exit, _tl_ret)`` that returns original's function with hooks.

    Only whether exit and ret are given matters here: the hooks are its arguments.
    """
    import ast

    code = original.__code__
    if code.co_freevars:
        raise _NotInstrumentable(f"{original.__qualname__} is a closure")
    first = code.co_firstlineno
    lines = _definition(code.co_filename, first)
    source = "".join(lines)
    indented = source[:1].isspace()
    module = ast.parse(("if 1:\n" if indented else "") + source)
    ast.increment_lineno(module, first - 1 - (1 if indented else 0))
    function = module.body[0].body[0] if indented else module.body[0]
    if not isinstance(function, ast.FunctionDef) or function.name != name or function.decorator_list:
        raise _NotInstrumentable(f"cannot find the definition of {original.__qualname__}")
    for node in ast.walk(function):
        word = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
        if word in ("super", "__class__") or (word.startswith("__") and not word.endswith("__")):
            raise _NotInstrumentable(f"{original.__qualname__} uses {word}")
    arguments = function.args.posonlyargs + function.args.args
    if not arguments:
        raise _NotInstrumentable(f"{original.__qualname__} takes no argument")

    body = list(function.body)
    docstring = []
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
            and isinstance(body[0].value.value, str):
        docstring = [body.pop(0)]
    if not body:
        raise _NotInstrumentable(f"{original.__qualname__} has no body")
    where = body[0]
    if ret is not None:
        body = [_return_hook(ast, statement) for statement in body]
    start = ast.parse(f"_tl_token = _tl_enter({arguments[0].arg})").body[0]
    new_body = [start]
    if exit is not None:
        # Dropping the token as the body does ``self = None``: a traceback that keeps this frame
        # (its f_back, Python 3.12 and 3.13) must not keep what the token refers to (a task) alive.
        finish = ast.parse("try:\n    pass\nfinally:\n    _tl_exit(_tl_token)\n    _tl_token = None").body[0]
        finish.body = body
        new_body.append(finish)
    else:
        new_body.extend(body)
    for statement in new_body[:2] if exit is not None else new_body[:1]:
        ast.copy_location(statement, where)
    function.body = docstring + new_body

    factory_module = ast.parse("def _tl_factory(_tl_enter, _tl_exit, _tl_ret):\n    pass")
    factory = factory_module.body[0]
    factory.body = [function, ast.Return(ast.Name(name, ast.Load()))]
    ast.fix_missing_locations(factory_module)
    return compile(factory_module, code.co_filename, "exec")


def _definition(filename, first):
    """The lines of the function defined at line `first` of the file: those indented deeper than its 'def'."""
    with open(filename, encoding="utf-8") as source:
        lines = source.read().splitlines(True)[first - 1:]
    if not lines or not lines[0].lstrip().startswith("def "):
        raise _NotInstrumentable(f"no 'def' at {filename}:{first}")
    indent = len(lines[0]) - len(lines[0].lstrip())
    end = 1
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        if line.strip():
            end = index + 1
    return lines[:end]


def _return_hook(ast, statement):
    """The statement with each of its own ``return value`` made ``return _tl_ret(_tl_token, value)``."""

    class ReturnHook(ast.NodeTransformer):
        def visit_Return(self, node):
            value = node.value if node.value is not None else ast.Constant(None)
            call = ast.Call(ast.Name("_tl_ret", ast.Load()), [ast.Name("_tl_token", ast.Load()), value], [])
            node.value = ast.copy_location(call, value) if node.value is not None else call
            return node

        def visit_FunctionDef(self, node):  # returns of nested functions are theirs
            return node

        visit_AsyncFunctionDef = visit_Lambda = visit_ClassDef = visit_FunctionDef

    return ReturnHook().visit(statement)


def _install(owner, name, **hooks):
    try:
        _hook(owner, name, **hooks)
    except Exception as error:  # the timeline lacks this; the example runs as usual
        _state["problems"].append(f"{getattr(owner, '__name__', owner)}.{name}: {error!r}")


# --- What a callable is, for a person -----------------------------------------------


def _unwrap(function, args=()):
    """The function a callable will call, and its arguments: through partials and Context.run."""
    for _ in range(8):
        if isinstance(function, functools.partial):
            args = tuple(function.args) + tuple(args)
            function = function.func
        elif isinstance(getattr(function, "__self__", None), contextvars.Context) and args:
            function, args = args[0], args[1:]  # Context.run(function, ...)
        elif getattr(function, "__name__", "") == "_process_chunk" and args:
            function, args = args[0], args[1:]  # ProcessPoolExecutor.map's batches
        elif isinstance(function, _Sleep):
            function = function.__wrapped__
        else:
            break
    return function, args


def describe(function, args=()):
    """'time.sleep', 'crunch', 'Worker.run': the function a callable will call."""
    function, args = _unwrap(function, args)
    name = getattr(function, "__qualname__", None) or getattr(function, "__name__", None) or type(function).__name__
    module = getattr(function, "__module__", None)
    if module and module not in ("__main__", "builtins", "__mp_main__"):
        return f"{module}.{name}"
    return str(name)


# --- asyncio --------------------------------------------------------------------------


def _ending(task):
    if task.cancelled():
        return "cancelled"
    return "failed" if getattr(task, "_exception", None) is not None else "done"


def _register(task, t, how):
    _counter[0] += 1
    seq = _counter[0]
    _seqs[task] = seq
    coro = task.get_coro()
    code = getattr(coro, "cr_code", None)
    coroutine = getattr(coro, "__qualname__", None) or type(coro).__name__
    # asyncio's own helpers (shutting down, reading a subprocess's pipes) are
    # methods of its classes; a coroutine function of its API (asyncio.sleep
    # handed to gather) is the example's.
    internal = bool(
        code is not None
        and os.path.basename(os.path.dirname(code.co_filename)) == "asyncio"
        and "." in coroutine
    )
    _add(("task", seq, t, task.get_name(), coroutine, how, internal))
    return seq


def _create_enter(loop):
    return _now()


def _create_return(t0, task):
    try:
        seq = _register(task, t0, "create_task")
        coro = task.get_coro()
        # Eager tasks (Python 3.12+, which has cr_suspended) may have run, or even finished.
        started = task.done() or coro is None or getattr(coro, "cr_suspended", False) or getattr(coro, "cr_running", False)
        if started:  # an eager task (Python 3.12+) ran its first step inside create_task
            _add(("step", seq, t0, _now(), _ending(task) if task.done() else None, "eager"))
    except Exception:
        pass
    return task


def _handle_enter(handle):
    return _now(), handle._callback


def _handle_exit(token):
    t0, callback = token
    t1 = _now()
    task = getattr(callback, "__self__", None)
    if isinstance(task, _TASKS):
        seq = _seqs.get(task)
        if seq is None:  # a Task made without loop.create_task
            seq = _register(task, t0, "first step")
        _add(("step", seq, t0, t1, _ending(task) if task.done() else None))
    else:
        own, name = _callback(callback)
        if own or t1 - t0 >= SLOW_CALLBACK:
            _add(("callback", name, t0, t1, own))


_FUNCTION, _METHOD, _BUILTIN = types.FunctionType, types.MethodType, types.BuiltinFunctionType
_callbacks = {}  # a callback's code (or a built-in's name and owner) -> (is it the example's, its name)


def _callback(callback):
    """(whether it is the example's, its name): looked up once per function, for it runs for every handle."""
    kind = type(callback)
    if kind is _FUNCTION:
        key = callback.__code__
    elif kind is _METHOD:
        key = getattr(callback.__func__, "__code__", None)
    elif kind is _BUILTIN:
        key = (callback.__name__, type(callback.__self__))
    else:
        key = None  # a partial, Context.run(...): the function inside varies
    if key is None:
        return _examples(callback), describe(callback)
    found = _callbacks.get(key)
    if found is None:
        found = _callbacks[key] = (_examples(callback), describe(callback))
    return found


def _examples(callback):
    """Whether a callback the loop runs is the example's (call_soon, call_later, add_reader...), not asyncio's own."""
    function, _ = _unwrap(callback)
    module = getattr(function, "__module__", None)
    if module is None and getattr(function, "__self__", None) is not None:
        module = type(function.__self__).__module__  # a method of a C type: a Future's set_result
    return (module or "").split(".")[0] not in _INTERNAL_PACKAGES + ("_asyncio", "selectors")


_TASKS = ()


# --- Threads and processes ---------------------------------------------------------------

_INTERNAL_PACKAGES = ("asyncio", "concurrent", "multiprocessing")


def _thread_enter(thread):
    target = getattr(thread, "_target", None)
    module = getattr(target, "__module__", None) if target is not None else type(thread).__module__
    if (module or "").split(".")[0] in _INTERNAL_PACKAGES:
        return None  # the executors' workers (their jobs are recorded), asyncio's helpers
    _counter[0] += 1
    key = _counter[0]
    _add(("thread", key, thread.name, _now()))
    return key


def _thread_exit(key):
    if key is not None:
        _add(("thread-end", key, _now()))


def _job_enter(item):
    return _now(), item


def _job_exit(token):
    t0, item = token
    t1 = _now()
    try:
        if item.future.cancelled():
            return
        # Up to 3.13 a work item holds fn and args; from 3.14 on, task = (fn, args, kwargs).
        fn, args = (item.fn, item.args) if hasattr(item, "fn") else item.task[:2]
        _add(("job", threading.current_thread().name, t0, t1, describe(fn, args)))
    except Exception:
        pass


def _popen_enter(popen):
    return popen, _now()  # when the example asked for the process: fork and exec take long on a busy machine


def _popen_exit(token):
    popen, started = token
    pid = getattr(popen, "pid", None)
    if pid is None:
        return  # it failed to start
    args = getattr(popen, "args", None)
    if isinstance(args, (str, bytes, os.PathLike)):
        program = os.fsdecode(args).split()[0] if os.fsdecode(args).split() else "?"
    else:
        program = os.fsdecode(list(args)[0]) if args else "?"
    _add(("popen", pid, started, os.path.basename(program)))


def _popen_exited(popen):
    pid = getattr(popen, "pid", None)
    if pid is not None:
        _add(("popen-end", pid, _now()))


def _transport_exited(transport):
    pid = getattr(transport, "_pid", None)
    if pid is not None:
        _add(("popen-end", pid, _now()))


def _process_enter(process):
    if os.getpid() == _state["pid"]:
        return None
    _add(("process", process.name, _now()))
    return process.name


def _process_exit(name):
    if name is not None:
        _add(("process-end", name, _now()))
        flush()  # the child ends with os._exit: no atexit


class _TimedQueue:
    """A ProcessPoolExecutor worker's call queue that notes when each job starts and ends."""

    def __init__(self, queue):
        self._queue, self._job = queue, None

    def get(self, *args, **kwargs):
        if self._job is not None:
            t0, what = self._job
            self._job = None
            _add(("process-job", t0, _now(), what))
        item = self._queue.get(*args, **kwargs)
        if item is not None:
            try:
                self._job = (_now(), describe(item.fn, item.args))
            except Exception:
                self._job = (_now(), "?")
        return item

    def __getattr__(self, name):
        return getattr(self._queue, name)


def _wrap_process_worker(module):
    original = module._process_worker

    def _process_worker(call_queue, *args, **kwargs):
        return original(_TimedQueue(call_queue), *args, **kwargs)

    # Pickled by reference, as the original is: a worker started in a fresh interpreter finds its own
    # probe's wrapper there.
    _process_worker.__module__, _process_worker.__qualname__ = original.__module__, original.__qualname__
    module._process_worker = _process_worker


# --- Interpreters multiprocessing starts: its fork server, spawned children ---------------------

# The -c code multiprocessing gives the fresh interpreters that start its processes.
_CHILD_COMMANDS = ("from multiprocessing.forkserver import main", "from multiprocessing.spawn import spawn_main")
_CHILD_PATCHES = ("multiprocessing.process", "concurrent.futures.process")  # what such an interpreter hooks
PIPE_CAPACITY = 65536  # bytes a pipe holds on Linux unless enlarged
_child_code = [None]  # this file, compiled: the child runs it without compiling

# Run first by such an interpreter, before multiprocessing's own code: it reads the compiled probe from
# a pipe and installs it (install_child). Whatever fails, multiprocessing's code runs after it as usual.
_PRELUDE = """\
def _timeline_probe(fd, events, home):
    import marshal, os, sys
    data = b""
    try:
        while True:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            data += chunk
        python, _, data = data.partition(b"\\0")
        if python.decode() != sys.version:
            raise RuntimeError("it runs another Python than the example: " + sys.version)
        code, factories = marshal.loads(data)
        probe = type(os)("_boot_timeline_probe")
        exec(code, probe.__dict__)
        probe.install_child(events, home, factories)
    except Exception as error:
        import json
        problem = "multiprocessing's child interpreter: " + repr(error)
        try:
            out = os.open(events, os.O_WRONLY | os.O_APPEND)
            os.write(out, (json.dumps({"tl": [], "pid": os.getpid(), "probe_problems": [problem]}) + "\\n").encode())
            os.close(out)
        except OSError:
            pass
    finally:
        os.close(fd)
_timeline_probe(%d, %r, %d)
del _timeline_probe
"""


def _compile_for_children():
    """This file's code, compiled once: a fresh interpreter loads it marshalled in microseconds, not milliseconds."""
    try:
        with open(__file__, encoding="utf-8") as source:
            _child_code[0] = compile(source.read(), __file__, "exec", dont_inherit=True)
    except Exception as error:
        _state["problems"].append(f"the probe for multiprocessing's child interpreters: {error!r}")


def _payload():
    """What a child interpreter reads from its pipe: this Python's version, then this file's code and its hooks'."""
    factories = {key: code for key, code in _factories.items() if key[0] in _CHILD_PATCHES}
    if tuple(factories) not in _payloads:  # made once (a quarter of a millisecond), before the example starts
        _payloads.clear()
        _payloads[tuple(factories)] = sys.version.encode() + b"\0" + marshal.dumps((_child_code[0], factories))
    return _payloads[tuple(factories)]


_payloads = {}  # the hooks it holds -> the payload


def _with_prelude(args, fd):
    """The command line with the prelude before multiprocessing's -c code; None if it starts none of its children."""
    args = list(args)
    for index, arg in enumerate(args[:-1]):
        if arg == "-c" and isinstance(args[index + 1], str) and any(c in args[index + 1] for c in _CHILD_COMMANDS):
            args[index + 1] = _PRELUDE % (fd, _state["events_path"], _state["pid"]) + args[index + 1]
            return args
    return None


def _wrap_spawnv_passfds(module):
    """multiprocessing.util.spawnv_passfds, giving the probe to the fork server or a spawned child it starts.

    Through it multiprocessing starts its fork server (``forkserver.ensure_running``)
    and each "spawn" child (``popen_spawn_posix``). The interpreter gets, on an
    inherited pipe, this file compiled in the example's process, and runs the
    prelude first. Its own environment, arguments and path stay as they were.

    The file is compiled here, when multiprocessing.util is imported: in
    general as the example's imports are, before its code starts; and only in
    the examples that use multiprocessing (compiling moves where later objects
    are allocated, and with them the order of a set of coroutines, which
    asyncio.as_completed makes into tasks).
    """
    original = module.spawnv_passfds
    _compile_for_children()
    if _child_code[0] is not None:
        _payload()

    def spawnv_passfds(path, args, passfds):
        if _state["events_path"] is None or _child_code[0] is None or os.getpid() != _state["pid"] \
                or _with_prelude(args, 0) is None:
            return original(path, args, passfds)
        read, write = os.pipe()
        try:
            os.set_blocking(write, False)  # if it does not fit, no lane rather than a hang
            data = _payload()
            if len(data) > PIPE_CAPACITY:  # 48 kB on Python 3.15
                import fcntl

                fcntl.fcntl(write, getattr(fcntl, "F_SETPIPE_SZ", 1031), len(data))  # Linux
            if os.write(write, data) != len(data):
                raise ValueError(f"a pipe took less than the compiled probe ({len(data):,} bytes)")
            changed = _with_prelude(args, read)
        except Exception as error:
            _state["problems"].append(f"the probe for multiprocessing's child interpreters: {error!r}")
            changed = None
        finally:
            os.close(write)
        try:
            if changed is None:
                return original(path, args, passfds)
            return original(path, changed, list(passfds) + [read])
        finally:
            os.close(read)

    spawnv_passfds.__module__, spawnv_passfds.__qualname__ = original.__module__, original.__qualname__
    spawnv_passfds.__doc__, spawnv_passfds.__wrapped__ = original.__doc__, original
    _HIDDEN.append(spawnv_passfds.__code__)
    module.spawnv_passfds = spawnv_passfds


def install_child(events_path, home_pid, factories):
    """In an interpreter multiprocessing started for the example: record its processes and their jobs.

    Only those hooks: what else the interpreter runs is not drawn, as for a
    forked child. home_pid is the example's process, which starts no process
    through them. The fork server writes nothing (it has no atexit flush); each
    process it forks writes its records when it ends, as a forked child does.
    A hook that fails here failed in the example's process too, and is noted
    there. factories are the example's compiled hooks (_factories), which the
    same Python's same files need: hooking takes no parsing here.
    """
    _factories.update(factories)
    fd = os.open(events_path, os.O_WRONLY | os.O_APPEND)

    def emit(**event):  # as boot.py's events: one write per event
        os.write(fd, (json.dumps(event) + "\n").encode("utf-8"))

    _state.update(emit=emit, pid=home_pid, flushed=True)
    _hook_modules({name: _PATCHES[name] for name in _CHILD_PATCHES})
    os.register_at_fork(after_in_child=_forget_parents_records)


# --- Installing ------------------------------------------------------------------------


class _Sleep:
    """time.sleep, noting when the main thread sleeps (a C function: it cannot be recompiled with hooks).

    An object, not a function, so that it behaves as the built-in does: it
    reads the same (repr, name, doc) and does not bind as a method. A
    traceback through it (a KeyboardInterrupt during the sleep) would show its
    frame: the traceback module leaves it out (_patch_traceback).
    """

    def __init__(self, original):
        self.__wrapped__ = original
        self.__doc__, self.__module__ = original.__doc__, original.__module__

    def __call__(self, seconds):
        if threading.current_thread() is not threading.main_thread() or os.getpid() != _state["pid"]:
            return self.__wrapped__(seconds)
        t0 = _now()
        try:
            return self.__wrapped__(seconds)
        finally:
            _add(("sleep", t0, _now()))

    def __getattr__(self, name):
        return getattr(self.__wrapped__, name)

    def __repr__(self):
        return repr(self.__wrapped__)


def _patch_sleep(module):
    module.sleep = _Sleep(module.sleep)


_HIDDEN = [_Sleep.__call__.__code__]  # the code of the probe's own wrappers, left out of tracebacks


def _patch_traceback(module):
    """The traceback module's walks over a traceback, without the frames of the probe's wrappers."""
    for name in ("walk_tb", "_walk_tb_with_full_positions"):  # the second: Python 3.11 and newer
        original = getattr(module, name, None)
        if original is None:
            continue

        def walk(tb, _original=original):
            for item in _original(tb):
                if item[0].f_code not in _HIDDEN:
                    yield item

        functools.update_wrapper(walk, original)
        setattr(module, name, walk)


def _patch_asyncio_tasks(module):
    global _TASKS
    _TASKS = tuple(t for t in (module.Task, getattr(module, "_PyTask", None)) if t is not None)


def _patch_process_worker(module):
    try:
        _wrap_process_worker(module)
    except Exception as error:
        _state["problems"].append(f"concurrent.futures.process._process_worker: {error!r}")


def _patch_popen(module):
    _install(module.Popen, "__init__", enter=_popen_enter, exit=_popen_exit)
    if hasattr(module.Popen, "_handle_exitstatus"):
        _install(module.Popen, "_handle_exitstatus", enter=_popen_exited)


# What to hook in each module, applied when the example imports it (at once if it is imported).
_PATCHES = {
    "time": _patch_sleep,
    "traceback": _patch_traceback,
    "threading": lambda m: _install(m.Thread, "_bootstrap_inner", enter=_thread_enter, exit=_thread_exit),
    "asyncio.events": lambda m: _install(m.Handle, "_run", enter=_handle_enter, exit=_handle_exit),
    "asyncio.base_events": lambda m: _install(
        m.BaseEventLoop, "create_task", enter=_create_enter, ret=_create_return
    ),
    "asyncio.tasks": _patch_asyncio_tasks,
    "asyncio.base_subprocess": lambda m: _install(
        m.BaseSubprocessTransport, "_process_exited", enter=_transport_exited
    ),
    "subprocess": _patch_popen,
    "concurrent.futures.thread": lambda m: _install(m._WorkItem, "run", enter=_job_enter, exit=_job_exit),
    "concurrent.futures.process": _patch_process_worker,
    "multiprocessing.process": lambda m: _install(
        m.BaseProcess, "_bootstrap", enter=_process_enter, exit=_process_exit
    ),
    "multiprocessing.util": _wrap_spawnv_passfds,
}


class _PatchOnImport:
    """A finder that finds nothing itself: it has the module found as usual, and patches it once loaded.

    Only the modules the example imports are patched, so one that uses no
    processes does not pay for importing multiprocessing, at start or at exit.
    """

    def __init__(self, patches):
        self.patches = patches

    def find_spec(self, name, path=None, target=None):
        if name not in self.patches:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                break
        else:
            return None
        loader, patch = spec.loader, self.patches.pop(name)
        if not self.patches and self in sys.meta_path:
            sys.meta_path.remove(self)
        exec_module = getattr(loader, "exec_module", None)
        if exec_module is None:
            return spec

        def exec_and_patch(module):
            exec_module(module)
            _apply(patch, module)

        loader.exec_module = exec_and_patch
        return spec


def _apply(patch, module):
    try:
        patch(module)
    except Exception as error:
        _state["problems"].append(f"{module.__name__}: {error!r}")


def install(emit, events_path=None):
    """Hook asyncio, threads and processes as they are imported; write the records with emit(**event).

    events_path is the file emit appends to: the interpreters multiprocessing
    starts (its fork server, "spawn") append their processes' records to it.
    """
    _state.update(emit=emit, pid=os.getpid(), events_path=events_path)
    _hook_modules(dict(_PATCHES))
    os.register_at_fork(after_in_child=_forget_parents_records)
    atexit.register(flush)  # after the threads that outlive the example's main code


def _hook_modules(patches):
    """Apply each patch to its module: at once if it is imported, else when it is."""
    pending = {}
    for name, patch in patches.items():
        if name in sys.modules:
            _apply(patch, sys.modules[name])
        else:
            pending[name] = patch
    if pending:
        sys.meta_path.insert(0, _PatchOnImport(pending))
