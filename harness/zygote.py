"""A fork server: one started interpreter that forks a ready one for each example.

Starting an interpreter, importing asyncio and hooking the timeline probe
cost about 50 ms of CPU, and the harness starts dozens of examples at once on
few cores. harness/forkserver.py starts this file once per Python (``python
zygote.py CONTROL_FD [--timeline]``, with the environment it gives examples,
its standard streams pipes as theirs are), and it:

1. imports what the examples and boot.py commonly import, and prepares
   boot.py's module; with --timeline it also loads timeline_probe.py and
   installs its hooks (see _install_probe). It starts no thread, event loop,
   executor or process: the numbers in ``Task-1``, ``Thread-1``,
   ``ThreadPoolExecutor-0_0``, ``ForkProcess-1`` start in each child where a
   fresh interpreter's do. It imports nothing that registers an atexit
   handler a fresh interpreter would not have (multiprocessing.util, for one);
2. says ``{"ready": ...}`` on CONTROL_FD, a unix SOCK_SEQPACKET socket, and
   serves requests: one JSON message ``{"id", "argv", "cwd", "env"}`` with
   three file descriptors attached, the example's stdin, stdout and stderr
   (pipes the runner made). It forks, closes its own copies of the three (so
   end of file comes when the example and its children close theirs), and
   answers ``{"forked": id, "pid": pid}``;
3. reaps its children (SIGCHLD wakes its selector through
   ``signal.set_wakeup_fd``) and reports each one
   ``{"exited": pid, "status": code, "cpu": seconds, "at": when}``: the status
   as subprocess gives it (negative: killed by that signal), the user and
   system time of the child and of the children it waited for, and the
   time.monotonic() at which it was reaped (the runner's clock too: a runner
   busy when the report arrives does not make the exit late);
4. exits when the runner sends ``{"exit": true}`` or closes its end.

The child leaves the serving code, closes what belonged to the server and
restores SIGCHLD and the wakeup descriptor, starts its own session (the runner
kills the process group on a timeout), puts the three descriptors on 0, 1 and
2, moves to the example's folder, takes the environment and arguments it was
sent, and calls boot.py's main(), as ``python boot.py ARGV...`` does: boot.py
waits for the release, runs the example and raises SystemExit, which ends the
child as it ends any interpreter (threads joined, atexit handlers run, the
probe's records flushed, streams flushed). sys.stdin, sys.stdout and
sys.stderr are the ones the interpreter made at start-up on pipes, as an
example's are; the descriptors under them are now the example's.

What a child can tell apart from a fresh interpreter (tests/test_zygote.py
checks the rest): its parent is the server; it shares the server's hash seed
and multiprocessing authkey with the other children; more of the standard
library is already imported; its CPU time counts from the fork; the outermost
frame of its stack is this file's, not boot.py's; and what the server
imported is frozen (``gc.freeze()``: not listed by ``gc.get_objects()``,
never collected), sparing each child copying those pages to collect them.

Python 3.9 and newer; standard library only; imports nothing from the harness.
"""

import builtins
import gc
import json
import os
import selectors
import signal
import socket
import sys
import types

# What examples commonly import, imported once here instead of in every example.
# Importing creates no task, thread, executor or process: the counters behind
# their default names are untouched.
import asyncio  # noqa: F401
import asyncio.subprocess  # noqa: F401
import concurrent.futures  # noqa: F401
import concurrent.futures.thread  # noqa: F401
import contextvars  # noqa: F401
import datetime  # noqa: F401
import functools  # noqa: F401
import inspect  # noqa: F401
import multiprocessing  # noqa: F401
import random  # noqa: F401
import subprocess  # noqa: F401
import threading  # noqa: F401
import time  # noqa: F401
import traceback  # noqa: F401
# What boot.py and timeline_probe.py import.
import ast  # noqa: F401
import atexit  # noqa: F401
import importlib.util  # noqa: F401
import io  # noqa: F401
import weakref  # noqa: F401

HERE = os.path.dirname(os.path.abspath(__file__))
BOOT = os.path.join(HERE, "boot.py")
MAX_MESSAGE = 1 << 20


def _send(control, **message):
    control.sendall(json.dumps(message).encode("utf-8"))


def _reap(control):
    """Report every child that has exited."""
    while True:
        try:
            pid, status, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        _send(control, exited=pid, status=os.waitstatus_to_exitcode(status),
              cpu=usage.ru_utime + usage.ru_stime, at=time.monotonic())


def _serve(control, timeline):
    """Fork a child for each request; return (request, fds) in the child, None in the server when told to stop."""
    wakeup_r, wakeup_w = os.pipe()
    os.set_blocking(wakeup_r, False)
    os.set_blocking(wakeup_w, False)
    previous_handler = signal.signal(signal.SIGCHLD, lambda signum, frame: None)
    signal.set_wakeup_fd(wakeup_w)
    selector = selectors.DefaultSelector()
    selector.register(control, selectors.EVENT_READ)
    selector.register(wakeup_r, selectors.EVENT_READ)
    _send(control, ready=True, pid=os.getpid(), python=".".join(map(str, sys.version_info[:3])))
    while True:
        for key, _ in selector.select():
            if key.fileobj == wakeup_r:
                try:
                    while os.read(wakeup_r, 512):
                        pass
                except BlockingIOError:
                    pass
                _reap(control)
                continue
            try:
                data, fds, _, _ = socket.recv_fds(control, MAX_MESSAGE, 3)
            except ConnectionResetError:
                data, fds = b"", []
            request = json.loads(data) if data else {"exit": True}
            if request.get("exit"):
                for fd in fds:
                    os.close(fd)
                return None
            if (request["argv"][:1] == ["--timeline"]) != timeline:
                for fd in fds:
                    os.close(fd)
                _send(control, failed=request["id"], error="a request for the other kind of server (--timeline)")
                continue
            sys.stdout.flush()
            sys.stderr.flush()
            try:
                pid = os.fork()
            except OSError as error:
                for fd in fds:
                    os.close(fd)
                _send(control, failed=request["id"], error=f"fork: {error}")
                continue
            if pid == 0:
                # The child: nothing of the server's may outlive this.
                signal.set_wakeup_fd(-1)
                signal.signal(signal.SIGCHLD, previous_handler)
                selector.close()
                control.close()
                os.close(wakeup_r)
                os.close(wakeup_w)
                return request, fds
            for fd in fds:
                os.close(fd)
            _send(control, forked=request["id"], pid=pid)


def _become_example(request, fds):
    """In the forked child: look like ``python boot.py ARGV...`` started in the example's folder."""
    os.setsid()
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    for fd in fds:
        if fd > 2:
            os.close(fd)
    os.chdir(request["cwd"])
    if dict(os.environ) != request["env"]:
        os.environ.clear()
        os.environ.update(request["env"])
    # multiprocessing notes the folder it was imported in (for spawned children).
    process_module = sys.modules.get("multiprocessing.process")
    if process_module is not None and getattr(process_module, "ORIGINAL_DIR", None) is not None:
        process_module.ORIGINAL_DIR = os.path.abspath(request["cwd"])
    sys.argv = [BOOT, *request["argv"]]
    if hasattr(sys, "orig_argv"):
        sys.orig_argv = [*sys.orig_argv[:1], BOOT, *request["argv"]]


def _load_boot():
    """boot.py's module as it is when run as a script, just before its last statement calls main().

    Its name is __main__ (the classes it defines say so), its __builtins__ the
    builtins module; main() is called in each child.
    """
    with open(BOOT, "rb") as source:
        tree = ast.parse(source.read(), BOOT)
    last = tree.body[-1] if tree.body else None
    if not (isinstance(last, ast.If) and ast.dump(last.test) == ast.dump(ast.parse('__name__ == "__main__"').body[0].value)):
        raise SystemExit(f"{BOOT} no longer ends with 'if __name__ == \"__main__\":'")
    del tree.body[-1]
    boot = types.ModuleType("__main__")
    boot.__file__ = BOOT
    boot.__builtins__ = builtins
    exec(compile(tree, BOOT, "exec", dont_inherit=True), boot.__dict__)
    return boot


def _install_probe(boot):
    """Hook the modules once, here, for every child; in each child, bind the probe to that child.

    With --timeline, boot.py loads timeline_probe.py and calls its
    install(emit) in each example's interpreter, which recompiles a dozen
    standard-library functions with hooks: about 15 ms each time. Here the
    probe is loaded and installed before forking. In the child, boot.py's
    ``_load_timeline_probe()`` returns it with an install(emit, events_path) that binds what
    install binds to the process: the writer and its file, the process id, and the state
    the probe's own at-fork handler reset (its records, and the hooks that
    could not be installed, which the first flush reports).
    """
    probe = boot._load_timeline_probe()
    if set(probe._state) != {"emit", "pid", "dropped", "problems", "flushed", "events_path"}:
        raise SystemExit(f"timeline_probe.py keeps other state than {__file__} knows how to bind to a child")
    probe.install(lambda **event: None)  # the server itself records nothing
    problems = list(probe._state["problems"])

    def install(emit, events_path=None):
        del probe._records[:]
        probe._state.update(emit=emit, pid=os.getpid(), flushed=False, dropped=0, events_path=events_path)
        probe._state["problems"][:] = problems

    boot._load_timeline_probe = lambda: types.SimpleNamespace(install=install, flush=probe.flush)


def _answer_ctrl_c():
    """Make Ctrl-C raise KeyboardInterrupt, as in an interpreter started from a terminal.

    A shell starts its background jobs (``make test &``, nohup) with SIGINT
    ignored; an interpreter that starts so keeps ignoring it, and an example
    that interrupts itself with SIGINT would wait for ever. The children
    inherit the handler.
    """
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def main():
    _answer_ctrl_c()
    timeline = sys.argv[2:3] == ["--timeline"]
    control = socket.socket(fileno=int(sys.argv[1]))
    boot = _load_boot()
    if timeline:
        _install_probe(boot)
    # What is imported now stays, unchanged, in every child: frozen, the collector
    # leaves it alone, so a child does not copy those pages on write to walk them
    # (the last collection, at exit, walked them all: 8 ms more per example).
    gc.freeze()
    served = _serve(control, timeline)
    if served is None:
        # The server has nothing to tear down that the system will not (it wrote
        # nothing, holds no child's descriptor): ending at once spares the runner
        # waiting for a whole interpreter's shutdown.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
    _become_example(*served)
    sys.modules["__main__"] = boot
    return boot  # its main() is called from the top level, as when boot.py is the script


if __name__ == "__main__":
    # main() returns only in a forked child: boot.py runs the example and raises
    # SystemExit, which ends this interpreter as it ends any (threads joined,
    # atexit handlers run, streams flushed).
    main().main()
