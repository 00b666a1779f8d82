"""The runner's side of the fork server (harness/zygote.py): start it, ask it to fork, hear of exits.

One server per interpreter (and per --timeline or not) forks every example's
interpreter, started and ready. Requests go over a unix SOCK_SEQPACKET socket,
one JSON message each, with the example's stdin, stdout and stderr attached;
the server answers with the child's pid and, later, its exit status and the
CPU time it used.

Every wait here ends: the server's start (STARTUP_TIMEOUT) and each fork
(FORK_TIMEOUT, from the request's turn to send to the server's answer) fail
with an error that names the example, the Python and what was awaited.
Requests are sent by one task, in order: an event loop keeps a single writer
callback per file descriptor, so requests that each waited on the full socket
themselves would replace one another's callback, and all but one wait forever.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
from pathlib import Path

ZYGOTE = Path(__file__).with_name("zygote.py")
STARTUP_TIMEOUT = 60.0  # for a server to start and import, on a busy machine
FORK_TIMEOUT = 60.0  # for a request to be sent and answered with a pid


class ForkServerError(RuntimeError):
    """A fork server failed to start, stopped answering, or died while it had examples running."""


def clean_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(PYTHONUNBUFFERED="1", PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8")
    return env


def resolve(future: asyncio.Future, result=None, error: BaseException | None = None) -> None:
    if not future.done():
        if error is not None:
            future.set_exception(error)
            # Whoever waits gets the error; a waiter that already gave up (a Stalled run) need not be warned about.
            future.add_done_callback(lambda done: done.exception())
        else:
            future.set_result(result)


def kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


class ForkServer:
    """harness/zygote.py under one interpreter."""

    def __init__(self, python: str, timeline: bool):
        self.python = python
        self.timeline = timeline
        self.pending: dict[int, asyncio.Future] = {}  # request id -> the child's pid
        self.exits: dict[int, asyncio.Future] = {}  # pid -> (status, cpu seconds)
        self.ready: asyncio.Future | None = None
        self.failure: ForkServerError | None = None
        self.closing = False
        self.next_id = 0
        self.outbox: asyncio.Queue | None = None  # (message, fds, sent future), sent in order by one task

    @property
    def name(self) -> str:
        return f"the fork server for {self.python} ({ZYGOTE.name})"

    async def start(self, first: str = "") -> None:
        """Start the server; `first` names the example that asked for it, for errors."""
        loop = asyncio.get_running_loop()
        self.ready = loop.create_future()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.process = await asyncio.create_subprocess_exec(
                self.python, str(ZYGOTE), str(theirs.fileno()), *(["--timeline"] if self.timeline else []),
                stdin=asyncio.subprocess.PIPE,  # an example's standard streams are pipes: the server's too
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                pass_fds=[theirs.fileno()],
                env=clean_environment(),
                start_new_session=True,
            )
        except OSError as error:
            ours.close()
            raise ForkServerError(f"cannot start {self.python} {ZYGOTE.name}: {error}") from error
        finally:
            theirs.close()
        ours.setblocking(False)
        self.control = ours
        self.outbox = asyncio.Queue()
        self.errors = asyncio.ensure_future(self.process.stderr.read())
        self.discarded = asyncio.ensure_future(self.process.stdout.read())
        self.reader = asyncio.ensure_future(self._read())
        self.sender = asyncio.ensure_future(self._send())
        try:
            await asyncio.wait_for(asyncio.shield(self.ready), STARTUP_TIMEOUT)
        except asyncio.TimeoutError:
            kill_group(self.process.pid)
            await self.close()
            raise ForkServerError(
                f"{self.name} did not say it was ready within {STARTUP_TIMEOUT:g} s"
                + (f" (started for {first})" if first else "")
            ) from None

    async def _send(self) -> None:
        """Send the queued requests one by one, waiting (alone) for the socket to drain when it is full."""
        loop = asyncio.get_running_loop()
        while True:
            message, fds, sent = await self.outbox.get()
            if sent.done():  # its fork gave up waiting
                continue
            while True:
                try:
                    socket.send_fds(self.control, [message], list(fds))
                    resolve(sent)
                    break
                except BlockingIOError:
                    writable = loop.create_future()
                    loop.add_writer(self.control, resolve, writable, None)
                    try:
                        await writable
                    finally:
                        loop.remove_writer(self.control)
                    if sent.done():
                        break
                except OSError as error:
                    resolve(sent, error=self.failure or ForkServerError(f"{self.name} is gone: {error}"))
                    break

    async def _read(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while True:
                data = await loop.sock_recv(self.control, 65536)
                if not data:
                    break
                message = json.loads(data)
                if "ready" in message:
                    self.ready.set_result(message)
                elif "forked" in message:
                    pid = message["pid"]
                    self.exits[pid] = loop.create_future()
                    pending = self.pending.pop(message["forked"], None)
                    if pending is None or pending.done():  # its fork gave up waiting: nobody runs it
                        kill_group(pid)
                    else:
                        resolve(pending, pid)
                elif "exited" in message:
                    future = self.exits.setdefault(message["exited"], loop.create_future())
                    resolve(future, (message["status"], message["cpu"], message["at"]))
                elif "failed" in message:
                    pending = self.pending.pop(message["failed"], None)
                    if pending is not None:
                        resolve(pending, error=ForkServerError(f"{self.name}: {message['error']}"))
        except Exception as error:  # noqa: BLE001 -- whatever it is, the server can no longer be trusted
            problem = f"reading its answers failed: {error!r}"
        else:
            problem = "it exited"
        await self._died(problem)

    async def _died(self, problem: str) -> None:
        """The server is gone: fail whoever waits on it, clearly, and kill its orphaned examples."""
        try:
            status = await asyncio.wait_for(self.process.wait(), 5)
        except asyncio.TimeoutError:
            status = None
        stderr = b""
        if self.errors.done() and not self.errors.cancelled():
            stderr = self.errors.result()
        elif not self.closing:
            try:
                stderr = await asyncio.wait_for(asyncio.shield(self.errors), 1)
            except asyncio.TimeoutError:
                pass
        if self.closing and not any(not f.done() for f in [*self.pending.values(), *self.exits.values()]):
            return
        text = stderr.decode("utf-8", "replace").strip()
        self.failure = ForkServerError(
            f"{self.name} stopped: {problem}"
            + (f" with status {status}" if status is not None else "")
            + (f"; it printed:\n{text}" if text else "")
        )
        for pid, future in self.exits.items():
            if not future.done():
                kill_group(pid)
                resolve(future, error=self.failure)
        for future in self.pending.values():
            resolve(future, error=self.failure)
        self.pending.clear()
        if self.ready is not None:
            resolve(self.ready, error=self.failure)

    async def fork(self, argv: list[str], cwd: Path, fds: tuple[int, int, int], example: str = "") -> int:
        """Have the server fork a child that runs boot.py with argv, on these stdin, stdout and stderr; its pid.

        `example` names it in errors. Waits FORK_TIMEOUT at most, for its turn to
        send, the socket to take the request, and the answer.
        """
        if self.failure is not None:
            raise self.failure
        loop = asyncio.get_running_loop()
        self.next_id += 1
        request = self.next_id
        answered = self.pending[request] = loop.create_future()
        sent = loop.create_future()
        message = json.dumps({"id": request, "argv": argv, "cwd": str(cwd), "env": clean_environment()})
        self.outbox.put_nowait((message.encode("utf-8"), fds, sent))
        waiting_for = "its turn to send the request, and the control socket to take it"
        end = loop.time() + FORK_TIMEOUT
        try:
            await asyncio.wait_for(asyncio.shield(sent), FORK_TIMEOUT)
            waiting_for = "the server's answer (the forked pid)"
            return await asyncio.wait_for(asyncio.shield(answered), max(0.0, end - loop.time()))
        except asyncio.TimeoutError:
            for future in (sent, answered):  # the sender skips it; a late answer's child is killed
                resolve(future, error=ForkServerError("abandoned"))
                future.exception()
            raise ForkServerError(
                f"{self.name} did not fork {example or 'an example'} within {FORK_TIMEOUT:g} s: "
                f"waited for {waiting_for}"
            ) from None
        except ForkServerError:
            self.pending.pop(request, None)
            raise

    async def exited(self, pid: int) -> tuple[int, float, float]:
        """(exit status, CPU seconds, time.monotonic() when reaped) of a child, once it has exited."""
        return await self.exits[pid]

    async def close(self) -> None:
        self.closing = True
        if self.process.returncode is None:
            try:
                self.control.sendall(json.dumps({"exit": True}).encode("utf-8"))
            except OSError:
                pass
        try:
            await asyncio.wait_for(self.process.wait(), 5)
        except asyncio.TimeoutError:
            kill_group(self.process.pid)
            await self.process.wait()
        self.sender.cancel()
        for task in (self.reader, self.errors, self.discarded, self.sender):
            try:
                await asyncio.wait_for(task, 5)
            except (asyncio.TimeoutError, asyncio.CancelledError, Exception):
                pass
        self.control.close()


class ForkServers:
    """One fork server per interpreter, started on first use, all stopped at the end."""

    def __init__(self):
        self.servers: dict[tuple[str, bool], asyncio.Task] = {}
        self.live: list = []  # ExampleProcess forked: killed at the end if still running

    def get(self, python: str, timeline: bool, example: str = "") -> asyncio.Task:
        key = (python, timeline)
        if key not in self.servers:
            self.servers[key] = asyncio.ensure_future(self._started(ForkServer(python, timeline), example))
        return self.servers[key]

    @staticmethod
    async def _started(server: ForkServer, example: str) -> ForkServer:
        await server.start(example)
        return server

    def pids(self) -> list[int]:
        """The process ids of the servers started."""
        return [task.result().process.pid for task in self.servers.values()
                if task.done() and not task.cancelled() and task.exception() is None]

    async def __aenter__(self) -> "ForkServers":
        return self

    async def __aexit__(self, *exc_info) -> None:
        for process in self.live:
            process.abandon()
        for task in self.servers.values():
            if not task.done():
                task.cancel()
            try:
                server = await task
            except BaseException:
                continue
            await server.close()
