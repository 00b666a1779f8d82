"""Run examples for real, all at once, on one asyncio event loop.

Each example is a subprocess started through boot.py, which stamps every
printed line with the system-wide monotonic clock. Examples declared
``runs-alone`` (they burn CPU, so sharing the two cores would change their
timing and the others') run one at a time after the rest.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from harness.outputs import Line

BOOT = Path(__file__).with_name("boot.py")
DEFAULT_TIMEOUT = 30.0


@dataclass
class Run:
    """What one real run of an example printed, and when."""

    example: Path
    python: str  # the interpreter that ran it
    lines: list[Line] = field(default_factory=list)
    exit_status: int | None = None
    exit_time: float = 0.0
    timed_out: float | None = None  # the timeout, if the run was killed
    version: str = ""  # e.g. "3.11.7", as the example's interpreter reports it
    stdlib: str = ""  # the interpreter's standard-library folder
    started: bool = False  # False: the interpreter failed before the example began
    events: list[dict] = field(default_factory=list)  # everything boot.py reported


def _clean_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(PYTHONUNBUFFERED="1", PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8")
    return env


async def _collect(stream: asyncio.StreamReader, name: str, into: list[tuple[float, str, str]]) -> None:
    async for raw in stream:
        into.append((time.monotonic(), name, raw.decode("utf-8", "replace").rstrip("\n")))


async def run_example(example: Path, python: str = sys.executable, timeout: float = DEFAULT_TIMEOUT) -> Run:
    """Run one example; kill it (and its children) if it outlives `timeout` seconds."""
    run = Run(example=example, python=python)
    with tempfile.TemporaryDirectory(prefix="example-") as tmp:
        events_path = Path(tmp) / "events.jsonl"
        # Output that bypasses sys.stdout/sys.stderr (child interpreters, C code)
        # still arrives on the real pipes, stamped when it arrives.
        raw: list[tuple[float, str, str]] = []
        process = await asyncio.create_subprocess_exec(
            python, str(BOOT), str(events_path), str(example),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            cwd=example.parent,
            env=_clean_environment(),
            start_new_session=True,
        )
        readers = asyncio.gather(_collect(process.stdout, "out", raw), _collect(process.stderr, "err", raw))
        try:
            await asyncio.wait_for(process.wait(), timeout)
        except asyncio.TimeoutError:
            run.timed_out = timeout
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            await process.wait()
        ended = time.monotonic()
        await readers
        run.exit_status = process.returncode
        events = _read_events(events_path)
    run.events = events
    start = next((e["start"] for e in events if "start" in e), None)
    info = next((e for e in events if "python" in e), {})
    run.version, run.stdlib = info.get("python", ""), info.get("stdlib", "")
    run.started = start is not None
    origin = start if start is not None else min([t for t, _, _ in raw] + [ended])
    stamped = [(e["t"], e["stream"], e["text"]) for e in events if "stream" in e] + raw
    stamped.sort(key=lambda item: item[0])
    run.lines = [Line(round(t - origin, 4), stream, text) for t, stream, text in stamped]
    run.exit_time = round(ended - origin, 4)
    return run


def _read_events(path: Path) -> list[dict]:
    if not path.exists():
        return []
    events = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            events.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # a line cut short by a kill
    return events


async def run_all(
    examples: list[Path],
    python: str = sys.executable,
    timeouts: dict[Path, float] | None = None,
    alone: set[Path] = frozenset(),
) -> dict[Path, Run]:
    """Run the examples concurrently, then those that must run alone, one by one."""
    timeouts = timeouts or {}

    def start(example: Path):
        return run_example(example, python, timeouts.get(example, DEFAULT_TIMEOUT))

    together = [e for e in examples if e not in alone]
    results = dict(zip(together, await asyncio.gather(*(start(e) for e in together))))
    for example in examples:
        if example in alone:
            results[example] = await start(example)
    return results
