"""Re-record documented outputs: ``python -m harness.record [NAME ...]``.

Runs the examples (all of them, or those named) and rewrites each one's
``.out`` file from the run. A run that passes its check leaves the file as it
is, byte for byte; otherwise lines that still match keep their documented text
and time, so the diff shows only what changed. The same run's timeline goes
to ``.timeline`` in the same way (harness/timeline.py). A run that hangs, or
exits with a status its documented output does not state, is reported and not
recorded.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from harness import advice, compare, outputs, pythons, timeline
from harness.checking import Outcome, Target, check_targets, requirement
from harness.examples import Example, find_example, find_examples, is_wrong_answer
from harness.pythons import Version


def record(examples: list[Example], python: str | None = None, version: Version | None = None) -> int:
    """Re-record the examples' outputs; 1 if any could not be, 2 if an interpreter is missing.

    Without a version, each example is recorded with the version its documented
    output is for (pythons.recording_version); with one, under that version,
    which writes a variant where its output differs.
    """
    if version is None and python is None:
        by_version: dict[Version, list[Example]] = {}
        for example in examples:
            by_version.setdefault(pythons.recording_version(requirement(example)), []).append(example)
        statuses = [record(chosen, None, v) for v, chosen in sorted(by_version.items())]
        return max(statuses, default=0)
    if version is None:
        version = pythons.version_of_interpreter(python)
    if python is None:
        interpreter = pythons.find(version)
        if not interpreter.found:
            print(pythons.missing_message(interpreter), file=sys.stderr)
            return 2
        python = interpreter.path
    outcomes = asyncio.run(check_targets([Target(e, version, python) for e in examples]))
    failures = 0
    written = []
    for outcome in outcomes:
        status = _record_one(outcome)
        failures += status.startswith("NOT")
        print(f"{status:<14} {Path(outcome.example.relative).parent / outcome.output_path.name}")
        written.append(status)
        if status.startswith("NOT"):
            print("    " + outcome.message.replace("\n", "\n    "))
        elif not status.startswith("skipped"):
            timeline_status = _record_timeline(outcome)
            failures += timeline_status.startswith("NOT")
            written.append(timeline_status)
    summary = f"\n{len(outcomes)} example{'' if len(outcomes) == 1 else 's'} under Python {pythons.text(version)}"
    if any(status.startswith(("recorded", "updated")) for status in written):
        summary += "; review what was written with 'git status' (it lists new files too) and 'git diff'"
    print(summary + ".")
    return 1 if failures else 0


def _record_one(outcome: Outcome) -> str:
    if outcome.skipped is not None:
        return f"skipped ({outcome.skipped})"
    if outcome.format_error is not None:
        return "NOT RECORDED"  # the message names the line to fix
    if outcome.verdict.ok:
        if outcome.documented.header == compare.restored_header(outcome.documented, outcome.example.path):
            return "unchanged"
        return outputs.write(outcome.output_path, outcome.verdict.proposed)  # restores the comment header
    if outcome.verdict.proposed is None or outcome.run.left_behind or outcome.run.left_running:
        return "NOT RECORDED"  # the message says what it left behind
    example, version, run = outcome.example, outcome.target.version, outcome.run
    if advice.needs_newer(run, version) is not None:
        return "NOT RECORDED"  # the message says which version it needs, and how to declare or record it
    if outcome.documented is None:
        return _record_new(outcome)
    if run.exit_status != outcome.documented.exit_status:
        _readvise(outcome, advice.status_changed(outcome))
        return "NOT RECORDED"
    recorded_with = outputs.recorded_version(outcome.documented)
    path = example.output if version == recorded_with else outputs.output_path(example.path, version)
    return outputs.write(path, outcome.verdict.proposed)


def _record_new(outcome: Outcome) -> str:
    """The first documented output of an example: for the reference version, or, asked for a newer one, for that.

    It records the status the example exits with (the review shows it).
    """
    example, version = outcome.example, outcome.target.version
    if version < pythons.REFERENCE:
        _readvise(outcome, f"{example.output.name} is missing: record it first, with '{advice.plain_command(example)}'; "
                           f"a variant for Python {pythons.text(version)} is recorded only where its output differs.")
        return "NOT RECORDED"
    documented = outputs.parse(example.output, outcome.verdict.proposed)
    if version > pythons.REFERENCE:
        documented.header.append(f"requires-python: {pythons.text(version)}")
        documented.declarations["requires-python"] = pythons.text(version)
    status = outputs.write(example.output, outputs.format_documented(documented))
    outcome.documented = outputs.parse(example.output)
    outcome.timeline = timeline.check(outcome)  # recorded with this version too
    if outcome.run.exit_status != 0:
        status += f" (it exits with status {outcome.run.exit_status}: make sure it is meant to)"
    return status


def _readvise(outcome: Outcome, what_to_do: str) -> None:
    outcome.message = compare.report(outcome.documented, outcome.run, outcome.verdict, outcome.example.relative,
                                     advice.command_for(outcome), what_to_do)


def _record_timeline(outcome: Outcome) -> str:
    """Write the run's timeline beside the output (harness/timeline.py); what was done, as printed."""
    checked = outcome.timeline
    if checked is None or is_wrong_answer(outcome.example.path):
        return ""  # recorded under another version (outputs.recorded_version), or never shown
    where = Path(outcome.example.relative).parent / checked.path.name
    if checked.ok:
        print(f"{'unchanged':<14} {where}")
        return "unchanged"
    written = timeline.record(checked)
    if written is None:
        print(f"{'NOT RECORDED':<14} {where}\n    " + "\n    ".join(checked.problems))
        return "NOT RECORDED"
    print(f"{written:<14} {where}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="example names (file stems); all if none")
    parser.add_argument(
        "--version",
        type=pythons.parse,
        help=f"the Python version to record for (default: the documented outputs' own, "
        f"{pythons.text(pythons.REFERENCE)} or the lowest an example needs; another version writes a "
        "variant only where its output differs)",
    )
    parser.add_argument("--python", help="the interpreter to use (default: found for --version)")
    args = parser.parse_args(argv)
    try:
        examples = [find_example(name) for name in args.names] if args.names else find_examples(wrong_answers=True)
    except LookupError as error:
        print(error, file=sys.stderr)
        return 2
    return record(examples, args.python, args.version)


if __name__ == "__main__":
    sys.exit(main())
