"""Check examples against their documented outputs: run them all, then compare."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from harness import compare, outputs
from harness.examples import Example
from harness.runner import DEFAULT_TIMEOUT, Run, run_all

# How long past its latest allowed finish an example may run before it is
# killed as hung: enough for a slow interpreter start on a busy machine.
TIMEOUT_MARGIN = 5.0


@dataclass
class Outcome:
    example: Example
    documented: outputs.Documented | None
    run: Run | None
    verdict: compare.Verdict | None
    message: str = ""  # the failure report; empty when the check passes
    format_error: outputs.OutputFormatError | None = None

    @property
    def ok(self) -> bool:
        return self.format_error is None and self.verdict is not None and self.verdict.ok


def timeout_for(documented: outputs.Documented | None) -> float:
    if documented is None:
        return DEFAULT_TIMEOUT
    return documented.rule.window(documented.exit_time)[1] + TIMEOUT_MARGIN


async def check_examples(examples: list[Example], python: str = sys.executable) -> list[Outcome]:
    """Run every example once, concurrently, and compare each run with its output file."""
    documented: dict[Example, outputs.Documented | None] = {}
    outcomes: dict[Example, Outcome] = {}
    for example in examples:
        if not example.output.exists():
            documented[example] = None
            continue
        try:
            documented[example] = example.documented()
        except outputs.OutputFormatError as error:
            outcomes[example] = Outcome(
                example, None, None, None, f"{error}\nFix that line, or delete the file and re-record.", error
            )
    to_run = [e for e in examples if e not in outcomes]
    runs = await run_all(
        [e.path for e in to_run],
        python=python,
        timeouts={e.path: timeout_for(documented[e]) for e in to_run},
        alone={e.path for e in to_run if documented[e] is not None and documented[e].runs_alone},
    )
    for example in to_run:
        run = runs[example.path]
        doc = documented[example]
        result = compare.verdict(doc, run)
        message = "" if result.ok else compare.report(doc, run, result, example.relative)
        if doc is None:
            message += (
                f"\n{example.output.name} is missing: record it with "
                f"'make update-examples EXAMPLE={example.name}' and review it."
            )
        outcomes[example] = Outcome(example, doc, run, result, message)
    return [outcomes[e] for e in examples]
