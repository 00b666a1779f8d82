"""Admission control: when to release each example so that the cores keep up with what they ask.

An example's lines are late when it wants the CPU and the cores are busy with
others. So the runner knows what each example costs, and releases them
longest first at the pace the cores can serve, in waves:

- **Cost.** The CPU seconds a run used from its fork to its exit (``wait4``:
  its start-up, its code, the threads and the processes it waited for), and its
  duration, as measured in earlier runs: kept in ``_build/example-costs.json``
  (not in git), by interpreter, probe or not, and the example's source. An
  example never measured costs an estimate: its documented duration, and
  START_CPU plus THREAD_CPU and PROCESS_CPU for each thread and process its
  timeline shows. Each run also costs the harness what it spent per run in
  earlier checks of MEASURE_HARNESS_FROM runs or more (its own process and the
  fork servers, over the runs that share the cores; each new figure averaged
  with the kept one), or HARNESS_CPU before any. On the guide's 2-core
  machine that is 0.011 s; charging the constant instead made a check of
  10,925 runs take 1.40 times its lower bound, where the measured figure
  gives 1.17 to 1.25 (``make bench SCALE=8``, twelve checks).
- **Pace.** The cores that other programs leave free, measured at the start,
  times MARGIN, is the CPU per second the runner may hand out. A bucket of
  CPU seconds fills at that rate up to BURST seconds' worth: an example is
  released when the bucket holds its cost (or is full, for one that costs
  more), and its cost is taken out (the bucket may go into debt, which the
  next ones wait off). The examples released together are one wave: their
  start-up burst is at most BURST seconds of the cores' work, which the lines
  of the waves already running can absorb within the timing rule.

Documented times count from each example's own start, so releasing examples
at different moments changes nothing they print.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from harness.examples import ROOT

COSTS = ROOT / "_build" / "example-costs.json"
MARGIN = 0.85  # of the free cores' time handed out to examples
BURST = 0.06  # seconds of all free cores' work released at once, at most
MIN_SHARE = 0.5  # of the cores assumed free at least, however busy other programs keep them
START_CPU = 0.02  # CPU seconds of a forked interpreter that starts, runs a light example and exits
HARNESS_CPU = 0.02  # CPU seconds the harness spends on each run (forking it, reading its records), until measured
HARNESS_KEY = "harness"  # in the costs file: what the harness spent per run sharing the cores, measured
MEASURE_HARNESS_FROM = 100  # runs sharing the cores, at least, for that measurement: with fewer, the fork
# servers' start-up would be shared among too few runs
THREAD_CPU = 0.005  # more for each thread its timeline shows
PROCESS_CPU = 0.06  # more for each process its timeline shows
FALLBACK_DURATION = 1.0  # seconds, for an example with no documented output
MAX_KEPT = 5000  # costs kept in the file, the most recently measured


@dataclass(frozen=True)
class Cost:
    cpu: float  # CPU seconds from fork to exit
    duration: float  # seconds from release to exit


def key(example: Path, python: str, timeline: bool) -> str:
    try:
        source = hashlib.sha1(example.read_bytes()).hexdigest()[:16]
    except OSError:
        source = "?"
    return f"{python}|{'timeline' if timeline else 'plain'}|{source}"


def load(path: Path | None = None) -> dict[str, dict]:
    path = path or COSTS
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def kept(known: dict[str, dict], name: str) -> Cost | None:
    """The cost kept under `name` in a loaded costs file, or None if it holds none (or something else)."""
    found = known.get(name)
    if isinstance(found, dict) and all(isinstance(found.get(field), (int, float)) for field in ("cpu", "duration")):
        return Cost(float(found["cpu"]), float(found["duration"]))
    return None


def save(measured: dict[str, Cost], path: Path | None = None) -> None:
    """Add these measurements to the file (an average with the previous one), written whole or not at all."""
    if not measured:
        return
    path = path or COSTS
    known = load(path)
    for name, cost in measured.items():
        old = kept(known, name)
        known.pop(name, None)  # re-added last: the newest measurements are the ones kept
        if old is not None:
            cost = Cost((old.cpu + cost.cpu) / 2, (old.duration + cost.duration) / 2)
        known[name] = {"cpu": round(cost.cpu, 4), "duration": round(cost.duration, 3)}
    newest = dict(list(known.items())[-MAX_KEPT:])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}")
        temporary.write_text(json.dumps(newest, indent=0), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only checkout: estimates next time


def harness_cpu(known: dict[str, dict]) -> float:
    """CPU seconds the harness spends on each run: as measured in earlier large checks, else HARNESS_CPU."""
    found = kept(known, HARNESS_KEY)
    return found.cpu if found is not None and found.cpu > 0 else HARNESS_CPU


_TIMELINE_ROW = re.compile(r"^(thread|process) ", re.MULTILINE)


def estimate(example: Path, documented_duration: float | None) -> Cost:
    """What an example never measured costs, from its documented duration and its timeline."""
    threads = processes = 0
    try:
        for kind in _TIMELINE_ROW.findall(example.with_suffix(".timeline").read_text(encoding="utf-8")):
            threads += kind == "thread"
            processes += kind == "process"
    except OSError:
        pass
    duration = documented_duration if documented_duration is not None else FALLBACK_DURATION
    return Cost(START_CPU + THREAD_CPU * threads + PROCESS_CPU * processes, duration)


class Bucket:
    """CPU seconds the runner may hand out now: it fills at `rate` per second up to `size`."""

    def __init__(self, rate: float, size: float, now: float):
        self.rate, self.size = rate, size
        self.level, self.time = size, now

    def _fill(self, now: float) -> None:
        self.level = min(self.size, self.level + (now - self.time) * self.rate)
        self.time = now

    def wait_for(self, cost: float, now: float) -> float:
        """Seconds until the bucket holds `cost` (or is full, for more than it can hold); 0 if it does now."""
        self._fill(now)
        need = min(cost, self.size)
        return 0.0 if self.level >= need - 1e-9 else (need - self.level) / self.rate

    def take(self, cost: float, now: float) -> None:
        self._fill(now)
        self.level -= cost


def capacity(free_cores: float, cores: int) -> float:
    """The CPU per second the runner hands out: the free cores, however few, with a margin."""
    return max(free_cores, MIN_SHARE * cores) * MARGIN
