"""Roles that put a figure of an example's verified output into the prose.

A figure written by hand drifts when the example is re-recorded; these read it
from the example's ``.out`` file at every build::

    The program takes :output-time:`examples/gather_minimum.py`.
    ``Two`` appears at :output-time:`Two <examples/gather_minimum.py>`.
    asyncio takes :output-figure:`asyncio <examples/when_io_bound.py>`.

``:output-time:`` renders a time of the documented output, rounded as the
output shows it ("1.0 s"): with the example alone, the total run time (the
``exit`` line); with ``text <example>``, the time of the line that reads
``text``, or else of the one line that starts with it, or else of the one
that contains it (lines at the same time count as one). ``:output-figure:``
renders the first duration printed on that line, as printed ("0.20 s").

The example's path is relative to the page, as for the ``example`` directive.
A missing example or output, or a text that matches no line or several, is a
build warning (an error under ``-W``) naming the page, the line and the fix.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from harness import outputs

logger = logging.getLogger(__name__)

# A duration as an example prints it: "0.5 s", "3.10 seconds", "100 ms".
DURATION = re.compile(r"(?<![\w.])\d+(?:\.\d+)? ?(?:s|ms|seconds?)(?!\w)")


class _OutputRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        has_text, text, target = split_explicit_title(self.text)
        relative, absolute = self.env.relfn2path(target.strip(), self.env.docname)
        example = Path(absolute)
        out_path = outputs.output_path(example)
        self.env.note_dependency(str(out_path))  # a missing one too: its appearance rebuilds the page
        try:
            if not example.is_file():
                raise LookupError(f"example file {target!r} not found (looked for {relative}); "
                                  "the path is relative to this page")
            if not out_path.is_file():
                raise LookupError(f"{example.name} has no documented output {out_path.name}; "
                                  f"create it with 'make update-examples EXAMPLE={example.stem}'")
            documented = outputs.parse(out_path)
            figure = self.figure(documented, text.strip() if has_text else None)
        except (LookupError, outputs.OutputFormatError) as error:
            logger.warning(f":{self.name}:`{self.text}`: {error}", location=self.get_location(),
                           type="example", subtype="figure")
            figure = "(?)"
        return [nodes.inline(figure, figure, classes=["output-figure"])], []

    def figure(self, documented: outputs.Documented, text: str | None) -> str:
        raise NotImplementedError


def find_line(documented: outputs.Documented, text: str) -> outputs.Line:
    """The line that reads 'text'; or else the one line that starts with it; or else the one that contains it."""
    where = documented.path.name
    for kind, matches in (
        ("read", lambda line: line.text == text),
        ("start with", lambda line: line.text.startswith(text)),
        ("contain", lambda line: text in line.text),
    ):
        found = [line for line in documented.lines if matches(line)]
        if len({line.time for line in found}) == 1:
            return found[0]
        if found:
            listed = ", ".join(f"line {line.lineno} at {line.time:.1f} s {line.text!r}" for line in found[:4])
            raise LookupError(f"{len(found)} lines of {where} {kind} {text!r} ({listed}); "
                              "give more of the line you mean")
    raise LookupError(f"no line of {where} contains {text!r}; give the start of one of its lines")


class OutputTime(_OutputRole):
    """The total run time, or the time of one line."""

    def figure(self, documented: outputs.Documented, text: str | None) -> str:
        seconds = documented.exit_time if text is None else find_line(documented, text).time
        return f"{outputs.format_time(seconds).strip()} s"


class OutputFigure(_OutputRole):
    """The first duration printed on one line."""

    def figure(self, documented: outputs.Documented, text: str | None) -> str:
        if text is None:
            raise LookupError("say which line: `text <example>`")
        line = find_line(documented, text)
        match = DURATION.search(line.text)
        if match is None:
            raise LookupError(f"line {line.lineno} of {documented.path.name} ({line.text!r}) prints no "
                              "duration such as '0.5 s'; use :output-time: for the time it appeared at")
        return match.group()


def setup(app: Sphinx) -> dict:
    app.add_role("output-time", OutputTime())
    app.add_role("output-figure", OutputFigure())
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
