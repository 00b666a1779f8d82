"""What an example left running after it exited: live processes of its session, and the sockets they listen on.

Each example starts its own session (harness/zygote.py), so every process it
starts, and every process those start, carries its session id unless it asks
for a new session. A process still alive in that session once the example has
exited was left behind; a listening socket can outlive the example only in
such a process, since the kernel closes a process's sockets when it exits.
Some helpers of the standard library end on their own just after the example
(multiprocessing's fork server and resource tracker see their pipe close):
they are given GRACE seconds before they count.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

from harness import cores

GRACE = 1.0  # seconds for processes of the session to end by themselves
POLL = 0.02
_LISTEN = "0A"  # the state column of /proc/net/tcp for a listening socket


def session_processes(session: int) -> list[int]:
    """Live processes (zombies excluded: they have ended) whose session is `session`."""
    found = []
    for name in os.listdir("/proc") if os.path.isdir("/proc") else []:
        fields = cores.stat_fields(name) if name.isdigit() else None
        if fields is not None and fields[0] != "Z" and fields[3] == str(session):
            found.append(int(name))
    return sorted(found)


def _listening_inodes() -> dict[str, str]:
    """inode -> "address:port" of every listening TCP socket (IPv4 and IPv6) on the machine."""
    found = {}
    for table, width in (("tcp", 8), ("tcp6", 32)):
        try:
            rows = Path(f"/proc/net/{table}").read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            columns = row.split()
            if len(columns) < 10 or columns[3] != _LISTEN:
                continue
            address, port = columns[1].split(":")
            found[columns[9]] = f"{_address(address, width)}:{int(port, 16)}"
    return found


def _address(hexadecimal: str, width: int) -> str:
    """An address as /proc/net/tcp writes it (32-bit words in host order) in the usual notation."""
    raw = b"".join(bytes.fromhex(hexadecimal[i : i + 8])[::-1] for i in range(0, width, 8))
    if width == 8:
        return ".".join(str(byte) for byte in raw)
    return "[" + ":".join(f"{int.from_bytes(raw[i:i + 2], 'big'):x}" for i in range(0, 16, 2)) + "]"


def listening_sockets(pid: int, listening: dict[str, str]) -> list[str]:
    """The listening sockets among a process's open files."""
    found = []
    try:
        names = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return found
    for name in names:
        try:
            target = os.readlink(f"/proc/{pid}/fd/{name}")
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in listening:
            found.append(listening[target[8:-1]])
    return sorted(set(found))


def describe(pid: int, listening: dict[str, str]) -> str:
    """"pid 123 (python3 -c ...), listening on 127.0.0.1:4000" as far as /proc still tells."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        command = ""
    if len(command) > 80:
        command = command[:77] + "..."
    sockets = listening_sockets(pid, listening)
    return f"pid {pid}" + (f" ({command})" if command else "") + (
        f", listening on {', '.join(sockets)}" if sockets else ""
    )


async def left_running(session: int, grace: float = GRACE) -> list[str]:
    """What is still running in the example's session `grace` seconds after its exit, described; then killed.

    Returns at once when nothing is left, which is the usual case.
    """
    deadline = time.monotonic() + grace
    while True:
        pids = session_processes(session)
        if not pids or time.monotonic() >= deadline:
            break
        await asyncio.sleep(POLL)
    if not pids:
        return []
    listening = _listening_inodes()
    described = [describe(pid, listening) for pid in pids]
    for pid in pids:  # they must not disturb the runs that follow
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    return described
