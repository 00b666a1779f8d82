"""The ``example`` directive: an example file, and its verified output.

    .. example:: examples/gather_minimum.py
       :emphasize-lines: 6, 7

renders the file (line numbers, emphasised lines, a caption naming the file
with a download link) and, under it, its documented output
(``examples/gather_minimum.out``) with the time at which each line appeared.
The path is relative to the page, as for ``literalinclude``. Options:

``:lines:``            show only these lines of the file (e.g. ``1-5, 9-``);
``:emphasize-lines:``  the file's line numbers to emphasise (as shown);
``:caption:``          a caption instead of the file name;
``:no-output:``        leave the output out (and the timeline);
``:no-code:``          show the output alone (an exercise's target output);
``:no-timeline:``      leave out the timeline drawn under the output (timeline.py);
``:name:``             a label for cross-references.

A missing example or output file, or one that cannot be read, is a build
warning (an error under ``-W``) naming the page, the line and the fix.
"""

from __future__ import annotations

import dataclasses
import html
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.directives.code import container_wrapper
from sphinx.util import logging, parselinenos
from sphinx.util.docutils import SphinxDirective

from harness import outputs, pythons
from harness import timeline as timelines
from harness.examples import Example
from timeline import timeline_nodes

logger = logging.getLogger(__name__)


class ExampleDirective(SphinxDirective):
    required_arguments = 1
    has_content = False
    option_spec = {
        "lines": directives.unchanged_required,
        "emphasize-lines": directives.unchanged_required,
        "caption": directives.unchanged_required,
        "no-output": directives.flag,
        "no-code": directives.flag,
        "no-timeline": directives.flag,
        "name": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        relative, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
        example = Path(absolute)
        self._note_dependencies(example)
        if not example.is_file():
            return self._warn(
                f"example file {self.arguments[0]!r} not found (looked for {relative}); the path is "
                "relative to this page: fix it, or create the example"
            )
        source = example.read_text(encoding="utf-8")
        try:
            code_node = self._code(example, source)
        except ValueError as error:
            return self._warn(str(error))
        result: list[nodes.Node] = [] if "no-code" in self.options else [code_node]
        result[:0] = self._platform_note(example)
        if "no-output" not in self.options:
            result.extend(self._output(example))
            if "no-timeline" not in self.options:
                result.extend(timeline_nodes(self, example))
        container = nodes.container(classes=["example"])
        container.extend(result)
        return [container]

    def _platform_note(self, example: Path) -> list[nodes.Node]:
        """'Runs on Linux and macOS only: <why>', for an example that declares its platforms."""
        out_path = outputs.output_path(example)
        try:
            declared = outputs.parse(out_path).platforms if out_path.is_file() else None
        except outputs.OutputFormatError:
            return []  # reported with the output below
        if declared is None:
            return []
        names, why = declared
        listed = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        return [nodes.paragraph("", f"Runs on {listed} only: {why}.", classes=["example-platforms"])]

    def _code(self, example: Path, source: str) -> nodes.Node:
        all_lines = source.splitlines()
        shown = list(range(len(all_lines)))
        if "lines" in self.options:
            shown = parselinenos(self.options["lines"], len(all_lines))
            if not shown:
                raise ValueError(f":lines: {self.options['lines']!r} selects no line of {example.name}")
        code = "\n".join(all_lines[i] for i in shown) + "\n"
        literal = nodes.literal_block(code, code, source=str(example), classes=["example-code"])
        literal["language"] = "python3"
        literal["linenos"] = True
        highlight: dict = {"linenostart": shown[0] + 1}
        if "emphasize-lines" in self.options:
            wanted = parselinenos(self.options["emphasize-lines"], len(all_lines))
            outside = [n + 1 for n in wanted if n not in shown]
            if outside:
                raise ValueError(
                    f":emphasize-lines: names lines {outside} of {example.name}, which are not shown"
                )
            highlight["hl_lines"] = [shown.index(n) + 1 for n in wanted]
        literal["highlight_args"] = highlight
        self.set_source_info(literal)
        caption = self.options.get("caption") or f":download:`{example.name} <{self.arguments[0]}>`"
        wrapped = container_wrapper(self, literal, caption)
        self.add_name(wrapped)
        return wrapped

    def _output(self, example: Path) -> list[nodes.Node]:
        out_path = outputs.output_path(example)
        fix = f"make update-examples EXAMPLE={Example(example).name}"
        if not out_path.is_file():
            return self._warn(f"{example.name} has no documented output {out_path.name}; create it with '{fix}'")
        try:
            documented = outputs.parse(out_path)
            variants = {v: outputs.parse(p) for v, p in outputs.variants(example).items()}
        except outputs.OutputFormatError as error:
            return self._warn(f"{error}; fix that line, or delete the file and run '{fix}'")
        required = documented.requires_python or pythons.SUPPORTED[0]
        verified = [v for v in pythons.SUPPORTED if v >= required]
        # Versions whose outputs read the same share a tab.
        shown: dict[str, tuple[outputs.Documented, list[pythons.Version]]] = {}
        for version in verified:
            chosen = variants.get(version, documented)
            key = outputs.format_documented(dataclasses.replace(chosen, header=[]))
            shown.setdefault(key, (chosen, []))[1].append(version)
        if len(shown) == 1:
            return self._output_nodes(example, documented, verified)
        return self._output_tabs(example, list(shown.values()))

    def _output_nodes(
        self, example: Path, documented: outputs.Documented, versions: list[pythons.Version]
    ) -> list[nodes.Node]:
        verified_on = pythons.describe_range(versions)
        html_output = nodes.raw("", render_output_html(example.name, documented, verified_on), format="html")
        fallback = nodes.literal_block("", plain_output(documented), language="none")
        not_html = addnodes.only(expr="not html")
        not_html += nodes.paragraph("", f"Output, verified on Python {verified_on}:")
        not_html += fallback
        return [html_output, not_html]

    def _output_tabs(
        self, example: Path, shown: list[tuple[outputs.Documented, list[pythons.Version]]]
    ) -> list[nodes.Node]:
        """The outputs as sphinx-tabs, one tab per group of versions that print the same."""
        rst = [".. tabs::", ""]
        for index, (_, versions) in enumerate(shown):
            rst += [f"   .. tab:: Python {pythons.describe_range(versions)}", "", f"      example-output-{index}", ""]
        parsed = nodes.container(classes=["example-output-variants"])
        self.state.nested_parse(StringList(rst, source=self.get_source_info()[0]), self.content_offset, parsed)
        for paragraph in list(parsed.findall(nodes.paragraph)):
            text = paragraph.astext()
            if text.startswith("example-output-"):
                documented, versions = shown[int(text.rsplit("-", 1)[1])]
                paragraph.replace_self(self._output_nodes(example, documented, versions))
        return [parsed]

    def _note_dependencies(self, example: Path) -> None:
        """Every file the page renders is a dependency, so that changing it rebuilds the page.

        A missing one too: Sphinx reads the page again at each build until it
        appears (the build fails meanwhile). Variants are optional: the ones found
        are remembered, and 'variants_changed' reads the page again when one
        appears.
        """
        rendered = [example]
        if "no-output" not in self.options:
            rendered.append(outputs.output_path(example))
            if "no-timeline" not in self.options and self._has_timeline(example):
                rendered.append(timelines.timeline_path(example))
            found = outputs.variants(example)
            rendered.extend(found.values())
            seen = self.env.example_variants.setdefault(self.env.docname, {})
            seen[str(example)] = sorted(str(path) for path in found.values())
        for path in rendered:
            self.env.note_dependency(str(path))

    @staticmethod
    def _has_timeline(example: Path) -> bool:
        """False for an example whose output declares 'no-timeline': it has no .timeline to wait for."""
        try:
            return outputs.parse(outputs.output_path(example)).timeline
        except (OSError, outputs.OutputFormatError):
            return True  # a missing or broken .out is reported with the output; the timeline is expected

    def _warn(self, message: str) -> list[nodes.Node]:
        logger.warning(message, location=self.get_location(), type="example", subtype="file")
        return []


def _output_rows(documented: outputs.Documented) -> list[tuple[str, str, str]]:
    """(time, kind, text) rows: kind is 'out', 'err', 'note' or 'exit'."""
    rows = []
    group = None
    for line in documented.lines:
        if line.group is not None and line.group != group:
            size = sum(1 for other in documented.lines if other.group == line.group)
            rows.append(("", "note", f"(the next {size} lines may come in any order)"))
        group = line.group
        rows.append((f"{line.time:.1f}s", line.stream, line.text))
    rows.append((f"{documented.exit_time:.1f}s", "exit", f"exit status {documented.exit_status}"))
    return rows


def render_output_html(name: str, documented: outputs.Documented, verified_on: str) -> str:
    body = []
    for time, kind, text in _output_rows(documented):
        cell = f'<span class="t">{time:>5}</span>  '
        if kind == "out":
            body.append(cell + html.escape(text))
        else:
            body.append(cell + f'<span class="{kind}">{html.escape(text)}</span>')
    caption = (
        f"Output of {html.escape(name)}, verified by real runs on Python {verified_on}: "
        f"each line with the second it appeared at"
    )
    return (
        f'<div class="example-output" role="group" aria-label="{html.escape(caption)}">'
        f'<div class="example-output-caption">{caption}</div>'
        f'<pre tabindex="0">{chr(10).join(body)}</pre></div>'
    )


def plain_output(documented: outputs.Documented) -> str:
    return "\n".join(f"{time:>5}  {text}" for time, _, text in _output_rows(documented))


def _init_variants(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if not hasattr(env, "example_variants"):
        env.example_variants = {}  # docname -> {example path: [its variant files]}


def _purge_variants(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    getattr(env, "example_variants", {}).pop(docname, None)


def _merge_variants(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    for docname in docnames:
        if docname in other.example_variants:
            env.example_variants[docname] = other.example_variants[docname]


def variants_changed(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """The pages whose examples have gained a variant (a new <name>.<version>.out) since they were read."""
    seen = getattr(env, "example_variants", {})
    return [
        docname
        for docname, examples in seen.items()
        if docname not in removed
        and any(sorted(str(p) for p in outputs.variants(Path(example)).values()) != found
                for example, found in examples.items())
    ]


def setup(app: Sphinx) -> dict:
    app.add_directive("example", ExampleDirective)
    app.connect("env-before-read-docs", _init_variants)
    app.connect("env-purge-doc", _purge_variants)
    app.connect("env-merge-info", _merge_variants)
    app.connect("env-get-outdated", variants_changed)
    # conf.py sets it to a hash of the guide's tooling: pages are read again when it changes.
    app.add_config_value("example_tooling_hash", "", "env", types=frozenset({str}))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
