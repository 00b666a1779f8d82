"""Check examples against their documented outputs: run them all, then compare.

A check is an example under one Python version. It compares with the
example's variant for that version (``x.3.9.out``) if there is one, else with
its documented output (``x.out``, recorded with pythons.REFERENCE). An example
whose ``requires-python`` is newer than the version is skipped, with the reason.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path

from harness import advice, compare, outputs, pythons, stalls, timeline
from harness.examples import Example
from harness.pythons import Version
from harness.runner import DEFAULT_TIMEOUT, Job, Run, run_all

# How long past its latest allowed finish an example may run before it is
# killed as hung: enough for a slow interpreter on a busy machine.
TIMEOUT_MARGIN = 5.0


@dataclass(frozen=True)
class Target:
    """An example to check under one Python version (python None: not found)."""

    example: Example
    version: Version
    python: str | None


@dataclass
class Outcome:
    target: Target
    documented: outputs.Documented | None
    run: Run | None = None
    verdict: compare.Verdict | None = None
    message: str = ""  # the failure report; empty when the check passes
    format_error: outputs.OutputFormatError | None = None
    skipped: str | None = None  # why it was not run
    timeline: timeline.TimelineCheck | None = None  # the run's timeline against x.timeline (where checked)
    # Why it was run a second time, alone, when the machine stalled during its first run (harness/stalls.py).
    rerun: str = ""

    @property
    def example(self) -> Example:
        return self.target.example

    @property
    def not_checked_here(self) -> bool:
        """Skipped for want of what this machine lacks (a Python, free cores): CI, which must have it, fails."""
        return self.skipped is not None and (self.target.python is None or (self.run is not None and self.run.disturbed))

    @property
    def ok(self) -> bool:
        return self.format_error is None and self.verdict is not None and self.verdict.ok

    @property
    def output_path(self) -> Path:
        """The documented output this check compares with, or would record."""
        return documented_path(self.example, self.target.version)


def documented_path(example: Example, version: Version) -> Path:
    variant = outputs.output_path(example.path, version)
    if version != pythons.REFERENCE and variant.exists():
        return variant
    return example.output


def requirement(example: Example) -> Version | None:
    """The lowest Python the example declares it needs (in its documented output)."""
    if not example.output.exists():
        return None
    return outputs.parse(example.output).requires_python


def timeout_for(documented: outputs.Documented | None) -> float:
    if documented is None:
        return DEFAULT_TIMEOUT
    return documented.rule.window(documented.exit_time)[1] + TIMEOUT_MARGIN


def _prepare(target: Target) -> Outcome:
    """Read what the check compares with; decide whether it runs at all."""
    example, version = target.example, target.version
    path = documented_path(example, version)
    try:
        documented = outputs.parse(path) if path.exists() else None
        required = requirement(example)
    except outputs.OutputFormatError as error:
        fix = advice.plain_command(example) if error.path == example.output else advice.variant_command(example, version)
        message = f"{error}\nFix that line, or delete the file and run '{fix}'."
        return Outcome(target, None, message=message, format_error=error)
    if required is not None and version < required:
        return Outcome(target, documented, skipped=f"needs Python {pythons.text(required)} or newer")
    if target.python is None:
        return Outcome(target, documented, skipped=pythons.missing_message(pythons.find(version)))
    return Outcome(target, documented)


def job_for(outcome: Outcome) -> Job:
    documented = outcome.documented
    return Job(
        outcome.example.path,
        outcome.target.python,
        timeout_for(documented),
        alone=documented is not None and documented.runs_alone,
        timeline=documented is None or documented.timeline,
        expected=documented.exit_time if documented is not None else None,
    )


def stalled_first(outcome: Outcome) -> str:
    """Why to run it again: '' unless the machine stalled during its run for as long as it came late."""
    run, verdict = outcome.run, outcome.verdict
    if run is None or verdict is None or verdict.ok or not stalls.explains(verdict.late_by, run.stalls):
        return ""
    return (f"its first run came up to {verdict.late_by:.2f} s past its allowed times while the whole machine "
            f"stalled {stalls.describe(run.stalls, run.origin)}, so it was run again, alone")


async def check_targets(targets: list[Target]) -> list[Outcome]:
    """Run every target once, all concurrently, and compare each run with its documented output.

    A run that came late only because the whole machine stalled meanwhile is
    run again, alone, and judged by its second run (harness/stalls.py).
    """
    outcomes = [_prepare(target) for target in targets]
    to_run = [o for o in outcomes if o.format_error is None and o.skipped is None]
    runs = await run_all([job_for(o) for o in to_run])
    for outcome, run in zip(to_run, runs):
        outcome.run = run
        outcome.verdict = compare.verdict(outcome.documented, run)
        outcome.rerun = stalled_first(outcome)
    again = [o for o in to_run if o.rerun]
    if again:
        for outcome, run in zip(again, await run_all([replace(job_for(o), alone=True) for o in again])):
            outcome.run = run
            outcome.verdict = compare.verdict(outcome.documented, run)
    by_example: dict[Path, dict[Version, Outcome]] = {}
    for outcome in outcomes:
        by_example.setdefault(outcome.example.path, {})[outcome.target.version] = outcome
    for outcome in to_run:
        run = outcome.run
        if not outcome.verdict.ok:
            command = advice.command_for(outcome)
            what_to_do = advice.after_failure(outcome, by_example[outcome.example.path])
            outcome.message = compare.report(
                outcome.documented, run, outcome.verdict, outcome.example.relative, command, what_to_do)
            if outcome.rerun:
                outcome.message = f"{outcome.example.relative}: {outcome.rerun}, and failed again.\n" + outcome.message
            if run.disturbed:
                outcome.skipped = (
                    f"other programs took {run.others_cpu:.2f} s of CPU while it ran alone, even after waiting "
                    "for free cores and running it again: it measures work on free cores, so this run proves "
                    "nothing either way; check it again on a quiet machine"
                )
        outcome.timeline = timeline.check(outcome)  # reported by tests/test_timeline.py
    return outcomes


async def check_examples(examples: list[Example], python: str = sys.executable) -> list[Outcome]:
    """Check the examples under one interpreter."""
    version = pythons.version_of_interpreter(python)
    return await check_targets([Target(example, version, python) for example in examples])
