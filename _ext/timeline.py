"""An example's timeline, drawn as an inline SVG under its output (example.py calls it).

The drawing comes from ``examples/<name>.timeline`` (recorded by
``make update-examples`` from the run that recorded the output; see
harness/timeline.py) and the printed lines of ``<name>.out``:

- one lane per task, callback function of the example, thread and process,
  under a time axis in seconds (the main thread too, when no event loop ran);
- running: a solid bar; blocking the event loop: a bar with white stripes;
  waiting: a thin hollow bar. Shape and pattern tell them apart, not colour
  alone, and a legend under the drawing names them;
- each moment lines were printed: a triangle above the lanes, and a dotted
  line down through them; its tooltip holds the lines' text.

The SVG scales with its box (viewBox, no fixed width), so it fits a phone's
screen; its text is 13 units or more, in a drawing 360 units wide. It is
``role="img"``, named by its ``<title>`` and described by its ``<desc>``: the
whole timeline in words. The same words are in a collapsed "as text" list
under it, for anyone.
"""

from __future__ import annotations

import html
import math
import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from harness import outputs
from harness import timeline as timelines

WIDTH = 360  # user units; the page scales the drawing to its box
LEFT, RIGHT = 10, 350
PRINTS_TOP = 0
LANES_TOP = 34
LANE_HEIGHT = 36
BAR_TOP, BAR_HEIGHT = 18, 12  # within a lane, below its label
AXIS_HEIGHT = 26
MIN_RUN_WIDTH = 2.5  # a step shorter than the rounding still shows
CLUSTER = 22  # printed lines closer than this (in units) share one marker

_KIND_WORDS = {"run": "ran", "block": "blocked the event loop", "wait": "waited"}


def timeline_nodes(directive, example: Path) -> list[nodes.Node]:
    """The nodes that show an example's timeline, or a build warning if it has none."""
    path, out_path = timelines.timeline_path(example), outputs.output_path(example)
    if not out_path.is_file():
        return []  # the output's own warning says how to record both
    try:
        documented = outputs.parse(out_path)
    except outputs.OutputFormatError:
        return []  # reported with the output
    if not documented.timeline:
        return []  # declared 'no-timeline': it runs without the probe
    fix = f"make update-examples EXAMPLE={example.stem}"  # with the version it is recorded with
    if not path.is_file():
        return directive._warn(f"{example.name} has no timeline {path.name}; create it with '{fix}'")
    directive.env.note_dependency(str(path))
    try:
        timeline = timelines.parse(path)
    except outputs.OutputFormatError as error:
        return directive._warn(f"{error}; fix that line, or delete the file and run '{fix}'")
    if not timeline.lanes:
        return []  # nothing ran on an event loop, a thread or a process
    uid = f"timeline-{example.stem}-{directive.env.new_serialno('timeline')}"
    until = shared_end(directive)
    html_node = nodes.raw("", render_html(example.name, timeline, documented, uid, until), format="html")
    not_html = addnodes.only(expr="not html")
    not_html += nodes.paragraph("", f"Timeline of the same run (Python {timeline.python}):")
    not_html += nodes.literal_block("", plain_text(timeline), language="none")
    return [html_node, not_html]


_TABS = re.compile(r"^(?P<indent>\s*)\.\. tabs::")
_EXAMPLE = re.compile(r"^\s*\.\. example::\s*(?P<path>\S+)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def shared_end(directive) -> float | None:
    """The latest end among the timelines of the examples in this one's '.. tabs::' block, if any.

    Examples shown side by side in tabs are there to be compared: their
    drawings share one time axis, so that 2 s is as long in each.
    """
    source, line = directive.state_machine.get_source_and_line(directive.lineno)
    try:
        lines = Path(source).read_text(encoding="utf-8").splitlines()
    except (OSError, TypeError):
        return None
    here = next((i for i in (line - 1, line, line - 2) if 0 <= i < len(lines) and _EXAMPLE.match(lines[i])), None)
    if here is None:
        return None
    start, lowest = None, _indent(lines[here])
    for index in range(here - 1, -1, -1):
        text = lines[index]
        if not text.strip() or _indent(text) >= lowest:
            continue
        if _TABS.match(text):
            start = index
            break
        lowest = _indent(text)
    if start is None:
        return None
    ends = []
    for text in lines[start + 1:]:
        if text.strip() and _indent(text) <= _indent(lines[start]):
            break
        if match := _EXAMPLE.match(text):
            _, other = directive.env.relfn2path(match["path"], directive.env.docname)
            other_timeline = timelines.timeline_path(Path(other))
            try:
                ends.append(_end(timelines.parse(other_timeline), outputs.parse(outputs.output_path(Path(other)))))
            except (OSError, outputs.OutputFormatError):
                continue
            directive.env.note_dependency(str(other_timeline))
    return max(ends) if len(ends) > 1 else None


def plain_text(timeline: timelines.Timeline) -> str:
    return "\n".join(timelines.format_lane(lane) for lane in timeline.lanes)


# --- Words ------------------------------------------------------------------------------


def _seconds(t: float) -> str:
    return f"{t:.1f} s"


def lane_title(lane: timelines.Lane) -> str:
    """'Task-1 main()', 'callback tick()', 'thread asyncio_0', 'process sh (1)', 'loop callbacks'."""
    if lane.kind == "task":
        return lane.name
    if lane.kind == "loop":
        return "loop callbacks"
    return f"{lane.kind} {lane.name}"


def _what(lane: timelines.Lane) -> str:
    names: list[str] = []
    for segment in lane.segments:
        for name in segment.what.split(" + ") if segment.what else []:
            if name not in names:
                names.append(name)
    return ", ".join(names)


def lane_label(lane: timelines.Lane) -> str:
    """The text above a lane's bar."""
    label = lane_title(lane)
    if _what(lane):
        label += f": {_what(lane)}"
    if lane.ending not in (None, "done"):
        label += f" ({lane.ending})"
    return label


def blocks_a_thread(lane: timelines.Lane) -> bool:
    """A thread's block (its main thread's sleep, when no event loop ran): no loop to block."""
    return lane.kind in ("thread", "process")


def describe_segment(lane: timelines.Lane, segment: timelines.Segment) -> str:
    """'waited from 0.0 to 0.1 s', 'ran at 1.0 s', 'ran time.sleep from 0.1 to 3.1 s'."""
    words = _KIND_WORDS[segment.kind]
    if lane.kind != "task" and segment.kind == "run" and segment.what:
        words = f"ran {segment.what}"
    if segment.kind == "block" and blocks_a_thread(lane):
        words = f"was blocked in {segment.what or 'a call'}"
    if segment.end == segment.start:
        return f"{words} at {_seconds(segment.start)}"
    return f"{words} from {segment.start:.1f} to {_seconds(segment.end)}"


def describe_lane(lane: timelines.Lane) -> str:
    """A lane in words: 'Task-1 main(): ran at 0.0 s; waited from 0.0 to 0.1 s; ...; done at 3.1 s.'"""
    parts = [describe_segment(lane, segment) for segment in lane.segments]
    if lane.ending is not None:
        ending = "never finished" if lane.ending == "pending" else lane.ending
        parts.append(f"{ending} at {_seconds(lane.ended or 0.0)}")
    return f"{lane_title(lane)}: " + "; ".join(parts) + "."


def _prints(documented: outputs.Documented) -> list[tuple[float, list[str]]]:
    """The printed lines, grouped by the time they appeared at."""
    groups: dict[float, list[str]] = {}
    for line in documented.lines:
        groups.setdefault(line.time, []).append(line.text)
    return sorted(groups.items())


_NOUNS = {"task": ("task", "tasks"), "callback": ("callback", "callbacks"), "thread": ("thread", "threads"),
          "process": ("process", "processes"),
          "loop": ("lane of loop callbacks", "lanes of loop callbacks")}


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def printed(documented: outputs.Documented) -> str:
    """'4 lines at 0.0 s; 1 line at 1.0 s'."""
    return "; ".join(f"{_count(len(texts), 'line', 'lines')} at {_seconds(t)}" for t, texts in _prints(documented))


def summary(timeline: timelines.Timeline, documented: outputs.Documented) -> str:
    """The whole timeline in words: the SVG's description."""
    counts: dict[str, int] = {}
    for lane in timeline.lanes:
        counts[lane.kind] = counts.get(lane.kind, 0) + 1
    what = ", ".join(_count(n, *_NOUNS[kind]) for kind, n in counts.items())
    text = f"{what}, over {_seconds(_end(timeline, documented))}. "
    text += " ".join(describe_lane(lane) for lane in timeline.lanes)
    if printed(documented):
        text += f" Printed: {printed(documented)}."
    return text


# --- Drawing ------------------------------------------------------------------------------


def _end(timeline: timelines.Timeline, documented: outputs.Documented) -> float:
    return max([timeline.end, documented.exit_time] + [line.time for line in documented.lines])


def axis_step(end: float) -> float:
    for step in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30, 60):
        if end / step <= 7:
            return step
    return 10 ** math.ceil(math.log10(end / 7))


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def render_svg(
    name: str, timeline: timelines.Timeline, documented: outputs.Documented, uid: str, until: float | None = None
) -> str:
    """The drawing; its time axis runs to `until` (a shared axis) or to the run's end."""
    end = max(_end(timeline, documented), until or 0.0)
    step = axis_step(max(end, 0.1))
    span = max(step * math.ceil(round(end / step, 6)), step)
    x = lambda t: LEFT + (RIGHT - LEFT) * t / span  # noqa: E731
    lanes_bottom = LANES_TOP + LANE_HEIGHT * len(timeline.lanes)
    height = lanes_bottom + AXIS_HEIGHT
    e = html.escape
    out = [
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{uid}-title">Timeline of {e(name)}</title>',
        f'<desc id="{uid}-desc">{e(summary(timeline, documented))}</desc>',
        "<defs>",
        f'<pattern id="{uid}-stripes" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" class="tl-block-fill"/>'
        f'<rect width="2.4" height="6" class="tl-stripe"/></pattern>',
        "</defs>",
    ]
    # The time axis: grid lines, ticks and labels.
    ticks = [round(i * step, 6) for i in range(int(round(span / step)) + 1)]
    for t in ticks:
        out.append(f'<line class="tl-grid" x1="{_fmt(x(t))}" y1="{LANES_TOP - 4}" x2="{_fmt(x(t))}" y2="{lanes_bottom}"/>')
    out.append(f'<line class="tl-axis" x1="{LEFT}" y1="{lanes_bottom}" x2="{RIGHT}" y2="{lanes_bottom}"/>')
    for index, t in enumerate(ticks):
        anchor = "start" if index == 0 else "end" if index == len(ticks) - 1 else "middle"
        out.append(f'<line class="tl-axis" x1="{_fmt(x(t))}" y1="{lanes_bottom}" x2="{_fmt(x(t))}" y2="{lanes_bottom + 4}"/>')
        out.append(
            f'<text class="tl-tick" x="{_fmt(x(t))}" y="{lanes_bottom + 17}" text-anchor="{anchor}">'
            f"{_fmt(t)} s</text>"
        )
    # The printed lines: a marker per moment, and a dotted line down through the lanes.
    out.append(f'<text class="tl-label" x="{LEFT}" y="{PRINTS_TOP + 12}">printed lines</text>')
    clusters: list[tuple[float, list[str], list[float]]] = []
    for t, texts in _prints(documented):
        if clusters and x(t) - x(clusters[-1][2][0]) < CLUSTER:
            clusters[-1][1].extend(texts)
            clusters[-1][2].append(t)
        else:
            clusters.append((t, list(texts), [t]))
    for t, texts, times in clusters:
        cx = x(t)
        when = _seconds(times[0]) if len(times) == 1 else f"{times[0]:.1f} to {_seconds(times[-1])}"
        tooltip = f"{_count(len(texts), 'line', 'lines')} printed at {when}:\n" + "\n".join(texts)
        out.append(f"<g class=\"tl-print\"><title>{e(tooltip)}</title>")
        out.append(f'<line class="tl-guide" x1="{_fmt(cx)}" y1="{PRINTS_TOP + 25}" x2="{_fmt(cx)}" y2="{lanes_bottom}"/>')
        out.append(
            f'<polygon class="tl-marker" points="{_fmt(cx - 4.5)},{PRINTS_TOP + 17} {_fmt(cx + 4.5)},{PRINTS_TOP + 17} '
            f'{_fmt(cx)},{PRINTS_TOP + 26}"/>'
        )
        if len(texts) > 1:
            anchor, dx = ("end", -6) if cx > RIGHT - 16 else ("start", 6)
            out.append(
                f'<text class="tl-count" x="{_fmt(cx + dx)}" y="{PRINTS_TOP + 26}" text-anchor="{anchor}">'
                f"\u00d7{len(texts)}</text>"
            )
        out.append("</g>")
    # The lanes.
    for index, lane in enumerate(timeline.lanes):
        top = LANES_TOP + index * LANE_HEIGHT
        bar = top + BAR_TOP
        out.append(f'<g class="tl-lane tl-{lane.kind}">')
        out.append(f'<text class="tl-label" x="{LEFT}" y="{top + 13}">{e(lane_label(lane))}</text>')
        for segment in lane.segments:
            x0, x1 = x(segment.start), x(segment.end)
            title = e(describe_segment(lane, segment))
            if segment.kind == "wait":
                if x1 - x0 < 1:
                    continue
                out.append(
                    f'<rect class="tl-wait" x="{_fmt(x0)}" y="{bar + 3}" width="{_fmt(x1 - x0)}" height="{BAR_HEIGHT - 6}">'
                    f"<title>{title}</title></rect>"
                )
                continue
            width = max(x1 - x0, MIN_RUN_WIDTH)
            x0 = min(x0, RIGHT - width)
            fill = f' fill="url(#{uid}-stripes)"' if segment.kind == "block" else ""
            out.append(
                f'<rect class="tl-{segment.kind}" x="{_fmt(x0)}" y="{bar}" width="{_fmt(width)}" '
                f'height="{BAR_HEIGHT}"{fill}><title>{title}</title></rect>'
            )
        if lane.ending is not None:
            xe = x(lane.ended or 0.0)
            out.append(
                f'<line class="tl-end tl-end-{lane.ending}" x1="{_fmt(xe)}" y1="{bar - 3}" x2="{_fmt(xe)}" '
                f'y2="{bar + BAR_HEIGHT + 3}"><title>{e(lane.ending)} at {_seconds(lane.ended or 0.0)}</title></line>'
            )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


LEGEND = [
    ("run", "running: its code ran"),
    ("block", "blocking the event loop: one step took 0.1 s or more, and nothing else ran"),
    ("block", "blocked: the thread waited in a blocking call, such as time.sleep(), and could do nothing else"),
    ("wait", "waiting: suspended, or ready while the loop ran other code"),
    ("print", "lines printed at that moment (point at it to read them)"),
]


def _legend(timeline: timelines.Timeline) -> list[tuple[str, str]]:
    """The legend's entries for what the drawing shows: a block of the loop or of a thread only where there is one."""
    blocked = {blocks_a_thread(lane) for lane in timeline.lanes for s in lane.segments if s.kind == "block"}
    waits = any(s.kind == "wait" for lane in timeline.lanes for s in lane.segments)
    entries = []
    for index, (kind, text) in enumerate(LEGEND):
        if kind == "block" and (index == 2) not in blocked:
            continue
        if kind == "wait" and not waits:
            continue
        entries.append((kind, text))
    return entries


_CAPTION_NOUNS = {"task": "task", "callback": "callback", "thread": "thread", "process": "process", "loop": "callback"}


def _caption_nouns(timeline: timelines.Timeline) -> str:
    """'task', 'task, thread and process': the kinds of lanes drawn, in words."""
    nouns = list(dict.fromkeys(_CAPTION_NOUNS[lane.kind] for lane in timeline.lanes))
    return nouns[0] if len(nouns) == 1 else ", ".join(nouns[:-1]) + f" and {nouns[-1]}"


def render_html(
    name: str, timeline: timelines.Timeline, documented: outputs.Documented, uid: str, until: float | None = None
) -> str:
    e = html.escape
    loop = any(not blocks_a_thread(lane) for lane in timeline.lanes)
    caption = (
        f"Timeline of the same run of {e(name)} (Python {e(timeline.python)}): when each "
        f"{_caption_nouns(timeline)} ran, " + ("waited, or blocked the event loop" if loop else "or was blocked")
    )
    legend = "".join(
        f'<li><span class="tl-swatch tl-swatch-{kind}" aria-hidden="true"></span>{e(text)}</li>'
        for kind, text in _legend(timeline)
    )
    words = "".join(f"<li>{e(describe_lane(lane))}</li>" for lane in timeline.lanes)
    if printed(documented):
        words += f"<li>Printed: {e(printed(documented))}.</li>"
    return (
        f'<div class="example-timeline" role="group" aria-labelledby="{uid}-caption">'
        f'<div class="example-timeline-caption" id="{uid}-caption">{caption}</div>'
        f"{render_svg(name, timeline, documented, uid, until)}"
        f'<ul class="timeline-legend">{legend}</ul>'
        f"<details><summary>The timeline as text</summary><ul>{words}</ul></details>"
        "</div>"
    )
