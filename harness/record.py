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

from harness import outputs, pythons, timeline
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
    for outcome in outcomes:
        status = _record_one(outcome)
        failures += status.startswith("NOT")
        print(f"{status:<14} {Path(outcome.example.relative).parent / outcome.output_path.name}")
        if status.startswith("NOT"):
            print("    " + outcome.message.replace("\n", "\n    "))
        elif not status.startswith("skipped"):
            failures += _record_timeline(outcome)
    print(f"\n{len(outcomes)} examples under Python {pythons.text(version)}; review the changes with 'git diff'.")
    return 1 if failures else 0


def _record_one(outcome: Outcome) -> str:
    if outcome.skipped is not None:
        return f"skipped ({outcome.skipped})"
    if outcome.format_error is not None:
        return "NOT RECORDED"  # the message names the line to fix
    if outcome.verdict.ok:
        return "unchanged"
    if outcome.verdict.proposed is None:
        return "NOT RECORDED"
    documented_status = outcome.documented.exit_status if outcome.documented else 0
    if outcome.run.exit_status != documented_status:
        outcome.message += (
            f"\nIt exited with status {outcome.run.exit_status}, but its documented output says "
            f"{documented_status}. If the example is meant to fail, write '0.0 exit "
            f"{outcome.run.exit_status}' as the only line of {outcome.example.output.name} and record again."
        )
        return "NOT RECORDED"
    version = outcome.target.version
    recorded_with = outputs.recorded_version(outcome.documented)
    path = outcome.example.output if version == recorded_with else outputs.output_path(outcome.example.path, version)
    new = not path.exists()
    path.write_text(outcome.verdict.proposed, encoding="utf-8")
    return "recorded" if new else "updated"


def _record_timeline(outcome: Outcome) -> int:
    """Write the run's timeline beside the output (harness/timeline.py); 1 if it could not be."""
    checked = outcome.timeline
    if checked is None or is_wrong_answer(outcome.example.path):
        return 0  # recorded under another version (outputs.recorded_version), or never shown
    where = Path(outcome.example.relative).parent / checked.path.name
    if checked.ok:
        print(f"{'unchanged':<14} {where}")
        return 0
    written = timeline.record(checked)
    if written is None:
        print(f"{'NOT RECORDED':<14} {where}\n    " + "\n    ".join(checked.problems))
        return 1
    print(f"{written:<14} {where}")
    return 0


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
