"""Run one example as `python example.py` would, noting when each line appears.

It runs as ``python boot.py EVENTS_FILE EXAMPLE.py``: the harness has its fork
server (zygote.py) fork an interpreter that calls main() as if started so. It replaces
``sys.stdout`` and ``sys.stderr`` with line writers that append one JSON event
per completed line to EVENTS_FILE, stamped with ``time.monotonic()``: the
system-wide clock the harness also reads. One channel keeps stdout and stderr
in the order the example wrote them, as a terminal shows them.

With ``--timeline`` first (``python boot.py --timeline EVENTS_FILE
EXAMPLE.py``), it also loads timeline_probe.py, which records when each
asyncio task, thread and process ran, and writes that to EVENTS_FILE at exit
(the interpreters multiprocessing starts append their processes' records to it).

The example runs as ``__main__`` with its own file name, ``sys.argv`` and
``sys.path[0]``; if it raises, the traceback is printed without this file's
frame, as Python would print it. Runs on Python 3.9 and newer, and imports
nothing from the harness.
"""

import io
import json
import os
import sys
import time
import traceback
import types


class _Events:
    def __init__(self, path):
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def emit(self, **event):
        # One write per event: appends of this size are not interleaved
        # with those of forked child processes.
        os.write(self._fd, (json.dumps(event) + "\n").encode("utf-8"))


class _LineWriter(io.TextIOBase):
    """A text stream that reports each completed line as an event."""

    def __init__(self, events, stream, real):
        self._events, self._stream, self._real = events, stream, real
        self._pending = ""

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not " + type(text).__name__)
        now = time.monotonic()
        *complete, self._pending = (self._pending + text).split("\n")
        for line in complete:
            self._events.emit(t=now, stream=self._stream, text=line)
        return len(text)

    def flush(self):
        pass

    def close_line(self):
        if self._pending:
            self._events.emit(t=time.monotonic(), stream=self._stream, text=self._pending, partial=True)
            self._pending = ""

    def fileno(self):
        return self._real.fileno()

    def isatty(self):
        return False

    def writable(self):
        return True

    @property
    def encoding(self):
        return "utf-8"

    @property
    def errors(self):
        return "strict"


def _preimport(example):
    """Import the modules the example imports at its top level, before its clock starts.

    Imports are start-up work: done now, they do not count in the example's
    timing, and many examples starting at once do not slow each other down.
    """
    import ast
    import importlib

    try:
        with open(example, "rb") as source:
            tree = ast.parse(source.read())
    except (OSError, SyntaxError, ValueError):
        return  # the run itself reports it
    for node in tree.body:
        if isinstance(node, ast.Import):
            names, attributes = [alias.name for alias in node.names], []
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names, attributes = [node.module], [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            try:
                module = importlib.import_module(name)
                for attribute in attributes:
                    getattr(module, attribute, None)  # some packages import names lazily
            except Exception:
                pass  # the example's own import will raise it


def _wait_for_go():
    """Tell the harness this interpreter is ready; start when it says so.

    The harness starts every example's code at the same moment, once all of
    them have started up, so that start-up work does not overlap with timing.
    Afterwards standard input is /dev/null, as for a program run without input.
    """
    os.write(1, READY)
    os.read(0, 1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)


READY = b"\x00ready\n"


def _dump_stacks_on_request(events_path):
    """On SIGUSR1 every thread's Python stack goes to EVENTS_FILE.stack: the harness asks before killing a hung run."""
    import faulthandler
    import signal

    faulthandler.register(signal.SIGUSR1, open(events_path + ".stack", "w"), all_threads=True)


def _load_timeline_probe():
    """timeline_probe.py, beside this file, as a private module (not importable by the example)."""
    import importlib.util

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "timeline_probe.py")
    spec = importlib.util.spec_from_file_location("_boot_timeline_probe", path)
    probe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(probe)
    return probe


def main():
    arguments = sys.argv[1:]
    timeline = arguments[:1] == ["--timeline"]
    events_path, example = arguments[timeline], os.path.abspath(arguments[timeline + 1])
    _dump_stacks_on_request(events_path)
    events = _Events(events_path)
    events.emit(
        python=".".join(map(str, sys.version_info[:3])),
        stdlib=os.path.dirname(os.__file__),
        pid=os.getpid(),
    )
    writers = [_LineWriter(events, "out", sys.stdout), _LineWriter(events, "err", sys.stderr)]
    sys.stdout, sys.stderr = writers

    module = types.ModuleType("__main__")
    module.__file__ = example
    module.__builtins__ = __builtins__
    sys.modules["__main__"] = module
    sys.argv = [example]
    sys.path[0] = os.path.dirname(example)

    _preimport(example)
    probe = None
    if timeline:
        probe = _load_timeline_probe()
        probe.install(events.emit, os.path.abspath(events_path))
    _wait_for_go()
    status = 0
    events.emit(start=time.monotonic())
    try:
        with open(example, "rb") as source:
            code = compile(source.read(), example, "exec", dont_inherit=True)
        exec(code, module.__dict__)
    except SystemExit as exit:
        status = exit.code
    except BaseException as error:  # printed the way the interpreter prints it
        traceback.print_exception(type(error), error, error.__traceback__.tb_next)
        status = 1
    finally:
        # The run ends with the example's code; the interpreter's own shutdown,
        # slowed when many end at once, is no more part of it than start-up.
        events.emit(end=time.monotonic())
        for writer in writers:
            writer.close_line()
        if probe is not None:
            probe.flush()
    sys.exit(status)


if __name__ == "__main__":
    main()
