"""The ``solution`` directive: content folded away until the reader opens it.

    .. solution:: Show one solution

       .. example:: concurrent_requests/solution.py

In HTML it is a ``<details>`` element, which opens with a click or with the
keyboard (Enter or Space on its summary); other builders show the content as
it is, after the summary as a paragraph.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


class folded(nodes.General, nodes.Element):
    """Content shown only on request: its 'summary' attribute is the label to click."""


class SolutionDirective(SphinxDirective):
    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        if not self.content:
            raise self.error("'solution' needs content: the solution to fold away, indented under it")
        node = folded(summary=self.arguments[0] if self.arguments else "Show the solution")
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def visit_folded_html(translator, node: folded) -> None:
    summary = translator.encode(node["summary"])
    translator.body.append(f'<details class="solution"><summary>{summary}</summary>\n')


def depart_folded_html(translator, node: folded) -> None:
    translator.body.append("</details>\n")


def visit_folded_other(translator, node: folded) -> None:
    node.insert(0, nodes.paragraph("", node["summary"] + ":"))  # the children, this one first, follow


def depart_folded_other(translator, node: folded) -> None:
    pass


def setup(app: Sphinx) -> dict:
    other = (visit_folded_other, depart_folded_other)
    app.add_node(folded, html=(visit_folded_html, depart_folded_html), latex=other, text=other, man=other,
                 texinfo=other)
    app.add_directive("solution", SolutionDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
