"""Timelines: when each task, thread and process of an example ran, from a real run.

The run that checks (or records) an example's output also records its
timeline (boot.py ``--timeline``; harness/timeline_probe.py). It is kept beside
the documented output, ``gather_minimum.py`` → ``gather_minimum.timeline``::

    # Timeline of gather_minimum.py ...
    python: 3.11
    task Task-1 main():           run 0.0, wait 0.0-1.0, run 1.0, done 1.0
    task Task-2 worker():         run 0.0, wait 0.0-1.0, run 1.0, done 1.0

One line per lane: ``task <name> <coroutine>()``; ``callback <function>()``,
each function of the example that the loop ran as a callback (``call_soon``,
``call_later``, ``add_reader``, a done callback); ``thread <name>``;
``process <name>``; or ``loop`` (asyncio's own callbacks that held the event
loop). When no event loop, other thread or process ran, ``thread MainThread``
shows the main thread: running, except while it slept in ``time.sleep`` (a
block; any other blocking call counts as running). Then its
segments in order, in seconds since the example's code started (as in the
``.out`` file, to 0.1 s):

``run a-b``    its code ran (a task's steps on the event loop; a thread or a
               process: the function it was given, named after the times,
               e.g. ``run 0.1-3.1 time.sleep()``);
``block a-b``  one step of a task, or a callback, ran 0.1 s or more: the loop
               ran nothing else (asyncio's debug mode warns from 0.1 s on);
               in the main thread's lane, it slept that long;
``wait a-b``   a task was suspended, or ready while the loop ran other code;
``done t``, ``cancelled t``, ``failed t``, ``pending t``: how a task ended
               (pending: it never finished).

A single time (``run 1.0``) is a step shorter than the rounding: the task
woke up, and went on waiting or finished. Waits shorter than 0.05 s are left
out. The ``python:`` line names the version the timeline was recorded on:
the reference version, or the lowest an example needs if it is newer.

The check compares a fresh run with the file under the timing rule of the
example's ``.out`` (outputs.TimingRule: a time t may be t - 0.1 s to
t + 0.2 s + 10 %): the same lanes, by name; for each, when it started and
how and when it ended, and, in order, each block and each wait of a task,
each run of a thread or process, with both ends in their windows. Tasks
that asyncio numbered (``Task-3``) match in any order among the tasks of
the same coroutine: which one gets which number can follow the order of a
set. The run
may add or lack a block or a wait only if it is no longer than a line may be
late (a block in the run) or than the rounding (one in the file): so much
load on the machine adds. A callback's lane is compared as a task's, the time
between its runs as waits, and when it last ran: a changed delay moves them. A wait that a brief wake-up interrupts is compared
as one wait (the wake-ups are drawn, not checked). Sequential code made
concurrent moves when tasks are created and end; a blocking call adds a
block: both fail, even when the printed lines stay the same.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from harness import outputs
from harness.timeline_probe import LIMIT as PROBE_LIMIT

SUFFIX = ".timeline"
BLOCK = 0.1  # a step this long blocks the loop (asyncio's slow_callback_duration)
MIN_WAIT = 0.05  # shorter waits are left out: they vanish at 0.1 s resolution
KINDS = ("task", "callback", "thread", "process", "loop")
SEGMENTS = ("run", "block", "wait")
ENDINGS = ("done", "cancelled", "failed", "pending")
LABEL_WIDTH = 30  # the segments start in this column, unless a lane's name is longer


@dataclass(frozen=True)
class Segment:
    kind: str  # run, block or wait
    start: float
    end: float
    what: str = ""  # the function a thread or process ran

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class Lane:
    kind: str  # task, thread, process or loop
    name: str
    segments: tuple[Segment, ...]
    ending: str | None = None  # tasks only: done, cancelled, failed or pending
    ended: float | None = None
    lineno: int = 0  # its line in the file; 0 for a run

    @property
    def label(self) -> str:
        return f"{self.kind} {self.name}" if self.name else self.kind

    @property
    def start(self) -> float:
        if self.segments:
            return self.segments[0].start
        return self.ended if self.ended is not None else 0.0

    @property
    def finish(self) -> float:
        ends = [s.end for s in self.segments] + ([self.ended] if self.ended is not None else [])
        return max(ends, default=0.0)


@dataclass
class Timeline:
    lanes: list[Lane]
    python: str = ""  # the version it was recorded on, e.g. "3.11"
    header: list[str] = field(default_factory=list)  # comment lines, verbatim
    path: Path | None = None
    notes: list[str] = field(default_factory=list)  # what the probe could not record

    @property
    def end(self) -> float:
        return max((lane.finish for lane in self.lanes), default=0.0)


class TimelineFormatError(outputs.OutputFormatError):
    """A .timeline file that cannot be read; says where."""


def timeline_path(example: Path) -> Path:
    return example.with_suffix(SUFFIX)


# --- From a run's events -------------------------------------------------------------


def build(run) -> Timeline:
    """The timeline of a run (harness.runner.Run), from the records of boot.py's probe; times unrounded."""
    events = run.events
    start = next((e["start"] for e in events if "start" in e), None)
    info = next((e for e in events if "python" in e), {})
    main_pid = info.get("pid")
    version = ".".join(run.version.split(".")[:2]) if run.version else ""
    if start is None:
        return Timeline([], version)
    exit_time = run.exit_time
    rel = lambda t: t - start  # noqa: E731
    ours: list[list] = []
    children: list[tuple[int, list]] = []
    notes: list[str] = []
    for event in events:
        if "tl" not in event:
            continue
        notes += [f"the probe could not hook {p}" for p in event.get("probe_problems", [])]
        if event.get("dropped"):
            notes.append(
                f"the probe keeps {PROBE_LIMIT:,} records per process, and this run made {event['dropped']:,} more "
                "(each step of a task, each callback of the example, each job of a thread): what they show is "
                "missing, and what ran on would look unfinished"
            )
        if event.get("pid") == main_pid:
            ours.extend(event["tl"])
        else:
            children.append((event.get("pid"), event["tl"]))
    notes = list(dict.fromkeys(notes))  # each spawned worker reports what its probe could not do
    lanes = _task_lanes(ours, rel, exit_time)
    lanes += _callback_lanes(ours, rel)
    others = _thread_lanes(ours, rel, exit_time) + _process_lanes(ours, children, rel, exit_time)
    if not others and not any(record[0] in ("task", "step", "callback") for record in ours):
        # One thread, no event loop: it ran, or slept. (With other threads or processes it may wait
        # for them in ways the probe does not see: it is not drawn.)
        lanes += _main_thread_lane(ours, rel, exit_time)
    lanes += others
    lanes += _loop_lane(ours, rel)
    return Timeline(lanes, version, notes=notes)


def _task_lanes(records: list[list], rel, exit_time: float) -> list[Lane]:
    tasks: dict[int, list] = {}
    steps: list[tuple[int, float, float, str | None, bool]] = []
    for record in records:
        if record[0] == "task":
            _, seq, t, name, coroutine, _how, internal = record
            tasks[seq] = [rel(t), name, coroutine, internal]
        elif record[0] == "step":
            seq, t0, t1, ending = record[1:5]
            steps.append((seq, rel(t0), rel(t1), ending, len(record) > 5 and record[5] == "eager"))
    # An eager task's first step runs inside its creator's step: it is not the creator's.
    eager = [(seq, t0, t1) for seq, t0, t1, _, is_eager in steps if is_eager]
    pieces: dict[int, list[tuple[float, float]]] = {}
    endings: dict[int, tuple[str, float]] = {}
    for seq, t0, t1, ending, is_eager in sorted(steps, key=lambda s: (s[1], s[2])):
        inner = sorted((a, b) for other, a, b in eager if other != seq and t0 <= a and b <= t1 and not is_eager)
        cursor = t0
        for a, b in inner:
            if a > cursor:
                pieces.setdefault(seq, []).append((cursor, a))
            cursor = max(cursor, b)
        if t1 > cursor or not inner:
            pieces.setdefault(seq, []).append((cursor, t1))
        if ending is not None and seq not in endings:
            endings[seq] = (ending, t1)
    lanes = []
    for seq, (created, name, coroutine, internal) in sorted(tasks.items()):
        if internal:
            continue
        segments: list[Segment] = []
        cursor = created
        for a, b in sorted(pieces.get(seq, [])):
            if a - cursor >= MIN_WAIT:
                segments.append(Segment("wait", cursor, a))
            kind = "block" if b - a >= BLOCK else "run"
            last = segments[-1] if segments else None
            if last is not None and last.kind == kind and a - last.end < MIN_WAIT:
                segments[-1] = replace(last, end=max(last.end, b))
            else:
                segments.append(Segment(kind, a, b))
            cursor = max(cursor, b)
        ending, ended = endings.get(seq, ("pending", exit_time))
        if ending == "pending" and ended - cursor >= MIN_WAIT:
            segments.append(Segment("wait", cursor, ended))
        lanes.append(Lane("task", f"{name} {coroutine}()", tuple(segments), ending, ended))
    return lanes


def _steps(spans: list[tuple[float, float]]) -> tuple[Segment, ...]:
    """Runs and blocks (0.1 s or more) from spans of running; neighbours of a kind less than MIN_WAIT apart are one."""
    segments: list[Segment] = []
    for a, b in sorted(spans):
        kind = "block" if b - a >= BLOCK else "run"
        last = segments[-1] if segments else None
        if last is not None and last.kind == kind and a - last.end < MIN_WAIT:
            segments[-1] = replace(last, end=max(last.end, b))
        else:
            segments.append(Segment(kind, a, b))
    return tuple(segments)


def _callback_lanes(records: list[list], rel) -> list[Lane]:
    """A lane per function of the example that the loop ran as a callback (call_soon, call_later, add_reader...)."""
    spans: dict[str, list[tuple[float, float]]] = {}
    for record in records:
        if record[0] == "callback" and len(record) > 4 and record[4]:
            spans.setdefault(_call(record[1]), []).append((rel(record[2]), rel(record[3])))
    return [Lane("callback", name, _steps(found)) for name, found in spans.items()]


def _main_thread_lane(records: list[list], rel, exit_time: float) -> list[Lane]:
    """The main thread of a program that ran no event loop: it ran, except while it slept (a block)."""
    sleeps = [(rel(r[1]), rel(r[2])) for r in records if r[0] == "sleep"]
    # Each sleep of 0.1 s or more is a block of its own: one after another, they show as many waits.
    # Shorter ones in a row are one block if they add up to 0.1 s.
    blocks = [Segment("block", a, b, "time.sleep()") for a, b in sleeps if b - a >= BLOCK]
    short = _runs([(a, b, "time.sleep()") for a, b in sleeps if b - a < BLOCK], "block")
    blocks = sorted(blocks + [s for s in short if s.duration >= BLOCK], key=lambda segment: segment.start)
    segments: list[Segment] = []
    cursor = 0.0
    for block in blocks:
        segments += [Segment("run", cursor, max(cursor, block.start)), block]
        cursor = block.end
    segments.append(Segment("run", cursor, max(cursor, exit_time)))
    return [Lane("thread", "MainThread", tuple(segments))]


def _call(function: str) -> str:
    """'time.sleep' -> 'time.sleep()': a function, not a state such as 'wait'."""
    return f"{function}()" if function else ""


def _runs(spans: list[tuple[float, float, str]], kind: str = "run") -> tuple[Segment, ...]:
    """Segments from (start, end, what) spans; spans with less than MIN_WAIT between them are merged."""
    merged: list[Segment] = []
    for a, b, what in sorted(spans):
        last = merged[-1] if merged else None
        if last is not None and a - last.end < MIN_WAIT:
            names = last.what.split(" + ") if last.what else []
            if what and what not in names:
                names.append(what)
            merged[-1] = replace(last, end=max(last.end, b), what=" + ".join(names))
        else:
            merged.append(Segment(kind, a, b, what))
    return tuple(merged)


def _thread_lanes(records: list[list], rel, exit_time: float) -> list[Lane]:
    spans: dict[str, list[tuple[float, float, str]]] = {}
    started: dict[int, tuple[str, float]] = {}
    ended: dict[int, float] = {}
    for record in records:
        if record[0] == "job":
            _, thread, t0, t1, what = record
            spans.setdefault(thread, []).append((rel(t0), rel(t1), _call(what)))
        elif record[0] == "thread":
            started[record[1]] = (record[2], rel(record[3]))
        elif record[0] == "thread-end":
            ended[record[1]] = rel(record[2])
    for key, (name, t0) in started.items():
        spans.setdefault(name, []).append((t0, ended.get(key, exit_time), ""))
    lanes = [Lane("thread", name, _runs(found)) for name, found in spans.items()]
    return sorted(lanes, key=_natural)


def _process_lanes(records: list[list], children: list[tuple[int, list]], rel, exit_time: float) -> list[Lane]:
    lanes = []
    popen: dict[int, tuple[float, str]] = {}
    popen_end: dict[int, float] = {}
    for record in records:
        if record[0] == "popen":
            popen[record[1]] = (rel(record[2]), record[3])
        elif record[0] == "popen-end":
            popen_end.setdefault(record[1], rel(record[2]))
    counts: dict[str, int] = {}
    for pid, (t0, program) in sorted(popen.items(), key=lambda item: (item[1][0], item[0])):
        counts[program] = counts.get(program, 0) + 1
        lanes.append(Lane("process", f"{program} ({counts[program]})", _runs([(t0, popen_end.get(pid, exit_time), "")])))
    by_name: dict[str, dict] = {}
    for _pid, batch in children:
        name = next((r[1] for r in batch if r[0] == "process"), None)
        if name is None:
            continue
        found = by_name.setdefault(name, {"start": None, "end": None, "jobs": []})
        for record in batch:
            if record[0] == "process":
                found["start"] = rel(record[2])
            elif record[0] == "process-end":
                found["end"] = rel(record[2])
            elif record[0] == "process-job":
                found["jobs"].append((rel(record[1]), rel(record[2]), _call(record[3])))
    for name, found in by_name.items():
        spans = found["jobs"] or [(found["start"], found["end"] if found["end"] is not None else exit_time, "")]
        lanes.append(Lane("process", name, _runs(spans)))
    return sorted(lanes, key=_natural)


def _natural(lane: Lane) -> list:
    """'ForkProcess-2' before 'ForkProcess-10': which of a pool's workers starts first varies."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", lane.name)]


def _loop_lane(records: list[list], rel) -> list[Lane]:
    """asyncio's own callbacks that held the loop 0.1 s or more (the example's have lanes of their own)."""
    spans = [
        (rel(r[2]), rel(r[3]), _call(r[1]))
        for r in records
        if r[0] == "callback" and r[3] - r[2] >= BLOCK and not (len(r) > 4 and r[4])
    ]
    return [Lane("loop", "", _runs(spans, "block"))] if spans else []


# --- The file --------------------------------------------------------------------------


def _round(t: float) -> float:
    return round(max(t, 0.0), 1)


def rounded(timeline: Timeline) -> Timeline:
    """The timeline as the file states it: every time to 0.1 s."""
    lanes = [
        replace(
            lane,
            segments=tuple(replace(s, start=_round(s.start), end=_round(s.end)) for s in lane.segments),
            ended=None if lane.ended is None else _round(lane.ended),
        )
        for lane in timeline.lanes
    ]
    return replace(timeline, lanes=lanes)


def _time(t: float) -> str:
    return f"{_round(t):.1f}"


def format_segment(segment: Segment) -> str:
    times = _time(segment.start)
    if _time(segment.end) != times:
        times += f"-{_time(segment.end)}"
    return f"{segment.kind} {times}" + (f" {segment.what}" if segment.what else "")


def format_lane(lane: Lane) -> str:
    parts = [format_segment(s) for s in lane.segments]
    if lane.ending is not None:
        parts.append(f"{lane.ending} {_time(lane.ended or 0.0)}")
    return f"{lane.label + ':':<{LABEL_WIDTH}} {', '.join(parts)}".rstrip()


def default_header(example: Path, command: str | None = None) -> list[str]:
    command = command or f"make update-examples EXAMPLE={example.stem}"
    return [
        f"# Timeline of {example.name}: when each task, callback, thread and process ran, in the",
        "# run that recorded its output. Checked by 'make test'; re-record it (and the output) with",
        f"# '{command}'.",
        "# run: its code ran; block: a step of a task or a callback held the event loop 0.1 s or more",
        "# (a thread's: it slept); wait: a task was suspended, or ready while the loop ran other code.",
        "# Seconds since its code started.",
    ]


def format_timeline(timeline: Timeline) -> str:
    lines = list(timeline.header) + [f"python: {timeline.python}"]
    if not timeline.lanes:
        lines.append("# No event loop, thread or process ran.")
    lines += [format_lane(lane) for lane in timeline.lanes]
    return "\n".join(lines) + "\n"


_LANE = re.compile(rf"^(?P<kind>{'|'.join(KINDS)})(?: (?P<name>.*?))?:(?: +(?P<segments>.*))?$")
_SEGMENT = re.compile(
    rf"^(?P<kind>{'|'.join(SEGMENTS)}) (?P<start>\d+(?:\.\d+)?)(?:-(?P<end>\d+(?:\.\d+)?))?(?: (?P<what>\S.*))?$"
)
_ENDING = re.compile(rf"^(?P<ending>{'|'.join(ENDINGS)}) (?P<time>\d+(?:\.\d+)?)$")
_PYTHON = re.compile(r"^python: (?P<version>\d+\.\d+)\s*$")


def parse(path: Path, text: str | None = None) -> Timeline:
    """Read a .timeline file, or raise TimelineFormatError naming the line."""
    if text is None:
        text = path.read_text(encoding="utf-8")
    header: list[str] = []
    lanes: list[Lane] = []
    python = ""
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.lstrip().startswith("#"):
            if not lanes and not python:
                header.append(raw)
            continue
        if match := _PYTHON.match(line):
            python = match["version"]
            continue
        match = _LANE.match(line)
        if not match:
            raise TimelineFormatError(
                path, lineno,
                f"cannot read {raw!r}: expected 'python: 3.11' or '<{'|'.join(KINDS)}> <name>: <segments>'",
            )
        segments: list[Segment] = []
        ending = ended = None
        parts = [p.strip() for p in (match["segments"] or "").split(", ") if p.strip()]
        for index, part in enumerate(parts):
            if found := _SEGMENT.match(part):
                start = float(found["start"])
                end = float(found["end"]) if found["end"] else start
                if end < start:
                    raise TimelineFormatError(path, lineno, f"{part!r} ends before it starts")
                segments.append(Segment(found["kind"], start, end, found["what"] or ""))
            elif (found := _ENDING.match(part)) and index == len(parts) - 1 and match["kind"] == "task":
                ending, ended = found["ending"], float(found["time"])
            else:
                raise TimelineFormatError(
                    path, lineno,
                    f"cannot read {part!r}: expected 'run|block|wait <start>[-<end>]'"
                    + (", or last 'done|cancelled|failed|pending <time>'" if match["kind"] == "task" else ""),
                )
        if match["kind"] == "task" and ending is None:
            raise TimelineFormatError(path, lineno, "a task's lane ends with 'done|cancelled|failed|pending <time>'")
        lanes.append(Lane(match["kind"], match["name"] or "", tuple(segments), ending, ended, lineno))
    if not python:
        raise TimelineFormatError(path, len(text.splitlines()) + 1, "missing the 'python: <version>' line")
    seen: set[str] = set()
    for lane in lanes:
        if lane.label in seen:
            raise TimelineFormatError(path, lane.lineno, f"two lanes are named {lane.label!r}")
        seen.add(lane.label)
    return Timeline(lanes, python, header, path)


# --- The check ---------------------------------------------------------------------------


def _within(rule: outputs.TimingRule, documented: float, actual: float) -> bool:
    low, high = rule.window(documented)
    return low <= actual <= high


def _allowed(rule: outputs.TimingRule, documented: float) -> str:
    low, high = rule.window(documented)
    return f"allowed {max(low, 0):.2f} to {high:.2f} s"


def _spans(segment: Segment) -> str:
    if segment.end == segment.start:
        return f"at {segment.start:.2f} s"
    return f"{segment.start:.2f}-{segment.end:.2f} s"


def _doc_spans(segment: Segment) -> str:
    if segment.end == segment.start:
        return f"at {segment.start:g} s"
    return f"{segment.start:g}-{segment.end:g} s"


def _matches(rule: outputs.TimingRule, documented: Segment, actual: Segment) -> bool:
    return (
        documented.kind == actual.kind
        and documented.what == actual.what
        and _within(rule, documented.start, actual.start)
        and _within(rule, documented.end, actual.end)
    )


def negligible(rule: outputs.TimingRule, segment: Segment, documented: bool) -> bool:
    """A wait or block that load on the machine could add or remove.

    In a run: no longer than a line may come late (0.2 s + 10 % by default):
    with 130 interpreters on two cores, a step of a millisecond was seen to
    take 0.15 s. In the file: no longer than the rounding (0.1 s), which a
    run may have recorded there.
    """
    if documented:
        return segment.duration <= rule.early + 1e-9
    return segment.duration <= rule.late + rule.late_fraction * segment.end


_VERB = {"run": "runs", "block": "blocks the loop", "wait": "waits"}


def _describe(segment: Segment, documented: bool = False, verb: bool = False) -> str:
    what = f" ({segment.what})" if segment.what else ""
    spans = _doc_spans(segment) if documented else _spans(segment)
    return f"{_VERB[segment.kind] if verb else segment.kind} {spans}{what}"


def compare_lane(documented: Lane, actual: Lane, rule: outputs.TimingRule) -> list[str]:
    """What differs between a documented lane and the run's, beyond the timing rule."""
    problems: list[str] = []
    label = documented.label
    if not _within(rule, documented.start, actual.start):
        problems.append(
            f"{label}: starts at {actual.start:.2f} s in this run; documented {documented.start:g} s, so "
            f"{_allowed(rule, documented.start)}"
        )
    if documented.ending != actual.ending:
        problems.append(
            f"{label}: {actual.ending or 'no ending'} at {actual.ended or 0:.2f} s in this run; "
            f"documented {documented.ending} at {documented.ended:g} s"
        )
    elif documented.ended is not None and actual.ended is not None and not _within(rule, documented.ended, actual.ended):
        problems.append(
            f"{label}: {actual.ending} at {actual.ended:.2f} s in this run; documented {documented.ended:g} s, "
            f"so {_allowed(rule, documented.ended)}"
        )
    short = lambda segment, documented: negligible(rule, segment, documented)  # noqa: E731
    if documented.kind == "callback":
        # When a callback last ran, and the time between its runs: a changed delay moves them.
        if not _within(rule, documented.finish, actual.finish):
            problems.append(
                f"{label}: last runs at {actual.finish:.2f} s in this run; documented {documented.finish:g} s, "
                f"so {_allowed(rule, documented.finish)}"
            )
        documented, actual = _with_gaps(documented), _with_gaps(actual)
    elif documented.kind != "task":
        # What a thread or process ran: each run, in order, on time.
        return problems + _pair(rule, label, list(documented.segments), list(actual.segments), short)
    # A task's blocks, then its waits: each documented one must be there, on time; the run may add or
    # lack only short ones (a step that load on the machine delayed, or stretched).
    problems += _pair(
        rule, label,
        [s for s in documented.segments if s.kind == "block"],
        [s for s in actual.segments if s.kind == "block"],
        short,
    )
    return problems + _pair(
        rule, label, _joined_waits(documented, rule.early), _joined_waits(actual, rule.late), short
    )


def _with_gaps(lane: Lane) -> Lane:
    """A callback's lane with the time between its runs as waits, to compare as a task's."""
    segments: list[Segment] = []
    for segment in lane.segments:
        if segments and segment.start - segments[-1].end >= MIN_WAIT:
            segments.append(Segment("wait", segments[-1].end, segment.start))
        segments.append(segment)
    return replace(lane, segments=tuple(segments))


def _joined_waits(lane: Lane, brief: float) -> list[Segment]:
    """A task's waits, each joined to the next if it woke up only briefly in between (steps of `brief` s or less).

    What awaits what can change how often a task wakes up, and load on the
    machine can spread its steps out: the check compares how long it waited.
    """
    joined: list[Segment] = []
    awake = 0.0  # how long it ran since the last wait
    for segment in lane.segments:
        if segment.kind != "wait":
            awake += segment.duration
        elif joined and awake <= brief + 1e-9 and segment.start - joined[-1].end <= brief + 1e-9:
            joined[-1] = replace(joined[-1], end=segment.end)
            awake = 0.0
        else:
            joined.append(segment)
            awake = 0.0
    return joined


def _pair(rule, label: str, ours: list[Segment], theirs: list[Segment], skippable) -> list[str]:
    """Pair documented segments with the run's, in order; what cannot be paired is a problem."""
    problems: list[str] = []
    index = 0

    def extras(until: int) -> None:
        for extra in theirs[index:until]:
            if not skippable(extra, False):
                problems.append(f"{label}: {_describe(extra, verb=True)} in this run, not documented")

    for segment in ours:
        found = next((i for i in range(index, len(theirs)) if _matches(rule, segment, theirs[i])), None)
        if found is None:
            if skippable(segment, True):
                continue
            # Its counterpart in the run: the next of its kind not yet paired, if any.
            found = next((i for i in range(index, len(theirs)) if theirs[i].kind == segment.kind), None)
            seen = f"this run: {_describe(theirs[found])}" if found is not None else "not in this run"
            problems.append(f"{label}: documented {_describe(segment, documented=True)}; {seen}")
            if found is None:
                continue
        extras(found)
        index = found + 1
    extras(len(theirs))
    return problems


AUTO_NAMED = re.compile(r"task Task-\d+ (?P<coroutine>.+)")  # asyncio numbered it: Task-<n>
MAX_RENUMBERED = 8  # lanes of one coroutine paired in any order, at most


def _pairing(ours: list[Lane], theirs: list[Lane], rule: outputs.TimingRule) -> list[tuple[Lane, Lane]] | None:
    """A pairing of each documented lane with a lane of the run that matches it, or None."""
    fits = {(i, j) for i, lane in enumerate(ours) for j, other in enumerate(theirs) if not compare_lane(lane, other, rule)}

    def assign(i: int, free: frozenset[int]) -> list[int] | None:
        if i == len(ours):
            return []
        for j in sorted(free):
            if (i, j) in fits and (rest := assign(i + 1, free - {j})) is not None:
                return [j, *rest]
        return None

    chosen = assign(0, frozenset(range(len(theirs))))
    return None if chosen is None else [(ours[i], theirs[j]) for i, j in enumerate(chosen)]


def _renumbered(documented: Timeline, actual: Timeline, rule: outputs.TimingRule) -> dict[str, str]:
    """Documented label -> run label, for tasks asyncio numbered, whose numbers the run gave out in another order.

    Which of several tasks of one coroutine becomes Task-3 can follow the
    order of a set (asyncio.as_completed makes a set of the coroutines it
    wraps in tasks), which follows where the objects sit in memory. So the tasks
    of one coroutine, all numbered by asyncio, match in any order as long as
    each matches one of them.
    """
    def by_coroutine(timeline: Timeline) -> dict[str, list[Lane]]:
        groups: dict[str, list[Lane]] = {}
        for lane in timeline.lanes:
            if (found := AUTO_NAMED.fullmatch(lane.label)) is not None:
                groups.setdefault(found["coroutine"], []).append(lane)
        return groups

    ours, theirs = by_coroutine(documented), by_coroutine(actual)
    renamed: dict[str, str] = {}
    for coroutine, lanes in ours.items():
        others = theirs.get(coroutine, [])
        if len(lanes) != len(others) or not 1 < len(lanes) <= MAX_RENUMBERED:
            continue
        same = {other.label: other for other in others}
        if all(lane.label in same and not compare_lane(lane, same[lane.label], rule) for lane in lanes):
            continue  # each matches the lane of its own number
        pairs = _pairing(lanes, others, rule)
        if pairs is not None:
            renamed.update((lane.label, other.label) for lane, other in pairs)
    return renamed


def compare(documented: Timeline, actual: Timeline, rule: outputs.TimingRule) -> dict[str, list[str]]:
    """Problems by lane label (a label with no problem is left out)."""
    problems: dict[str, list[str]] = {}
    theirs = {lane.label: lane for lane in actual.lanes}
    ours = {lane.label: lane for lane in documented.lanes}
    renamed = _renumbered(documented, actual, rule)
    for label, lane in ours.items():
        found_as = renamed.get(label, label)
        if found_as not in theirs:
            problems[label] = [f"{label}: not in this run (documented at line {lane.lineno})"]
        else:
            found = compare_lane(lane, theirs[found_as], rule)
            if found:
                problems[label] = found
    paired = {renamed.get(label, label) for label in ours}
    for label, lane in theirs.items():
        if label not in paired:
            problems[label] = [f"{label}: in this run, not documented (starts at {lane.start:.2f} s)"]
    return problems


def proposal(
    documented: Timeline | None, actual: Timeline, problems: dict[str, list[str]], example: Path, command: str
) -> str:
    """What a re-record writes: the run's lanes, keeping each documented lane that still matches, as it was."""
    fresh = rounded(actual)
    header = documented.header if documented is not None and documented.header else default_header(example, command)
    if documented is None:
        return format_timeline(replace(fresh, header=header))
    kept = {lane.label: lane for lane in documented.lanes if lane.label not in problems}
    lanes = [kept.get(lane.label, lane) for lane in fresh.lanes]
    return format_timeline(replace(fresh, lanes=lanes, header=header))


@dataclass
class TimelineCheck:
    """A run's timeline against the documented one."""

    path: Path
    documented: Timeline | None
    actual: Timeline
    problems: list[str]
    proposed: str | None  # what 'make update-examples' writes; None: leave the file as it is

    @property
    def ok(self) -> bool:
        return not self.problems


def check(outcome) -> TimelineCheck | None:
    """Check an Outcome's run against its example's .timeline; None where timelines are not checked.

    A timeline is checked on one Python version (outputs.recorded_version), for a run
    that started, was not killed, and ran with the probe.
    """
    run, documented_output = outcome.run, outcome.documented
    if run is None or not run.started or run.timed_out is not None:
        return None
    if outcome.target.version != outputs.recorded_version(documented_output):
        return None
    if not any("tl" in event for event in run.events):
        return None  # run without the probe: harness.runner.Job(timeline=False)
    example = outcome.example.path
    path = timeline_path(example)
    rule = documented_output.rule if documented_output is not None else outputs.DEFAULT_RULE
    actual = build(run)
    command = f"make update-examples EXAMPLE={outcome.example.name}"  # records it with that version
    # An incomplete timeline is never recorded: it would show as finished what did not, or not show it at all.
    incomplete = [f"the timeline of this run is incomplete, so it cannot be recorded: {note}" for note in actual.notes]
    if actual.notes:
        incomplete.append(
            "make the example do less (fewer iterations, steps or callbacks: a timeline of that many would not "
            f"be readable either), then run '{command}'"
        )
    if not path.exists():
        problems = incomplete or [f"{path.name} is missing: record it with '{command}' and review it"]
        return TimelineCheck(path, None, actual, problems, None if incomplete else proposal(None, actual, {}, example, command))
    try:
        documented = parse(path)
    except TimelineFormatError as error:
        problems = [f"{error}; fix that line, or delete the file and run '{command}'"]
        return TimelineCheck(path, None, actual, problems, None)
    found = compare(documented, actual, rule)
    problems = [problem for lane_problems in found.values() for problem in lane_problems] + incomplete
    proposed = proposal(documented, actual, found, example, command) if problems and not incomplete else None
    return TimelineCheck(path, documented, actual, problems, proposed)


def report(result: TimelineCheck, relative: str, command: str) -> str:
    """The failure message: what differs, a diff of the file against this run, and the command."""
    lines = [f"{relative}: its timeline does not match {result.path.name}:"]
    lines += [f"  - {problem}" for problem in result.problems]
    if result.proposed is not None:
        before = result.path.read_text(encoding="utf-8") if result.documented is not None else ""
        diff = difflib.unified_diff(
            before.splitlines(), result.proposed.splitlines(),
            fromfile=f"{result.path.name} (documented)", tofile="this run, as 'make update-examples' would record it",
            lineterm="",
        )
        lines += ["", *diff, "", f"If this run is right, re-record it: {command}"]
    return "\n".join(lines)


def record(result: TimelineCheck | None) -> str | None:
    """Write the proposed timeline, if any; what was done ('recorded', 'updated', 'unchanged'), or None."""
    if result is None or result.proposed is None:
        return None
    return outputs.write(result.path, result.proposed)

