"""``python -m harness.timeline_cli show|record|overhead``: timelines of fresh runs of the examples.

Kept apart from harness/timeline.py, which builds and checks timelines and is
imported by harness/checking.py: these commands run the checks, so living
there they made the two modules import each other.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
from pathlib import Path

from harness import compare as output_compare
from harness import outputs, pythons
from harness.checking import Target, check_targets, timeout_for
from harness.examples import find_example, find_examples
from harness.runner import Job, run_all
from harness.timeline import SUFFIX, build, format_timeline, record, rounded


async def _run_examples(examples, timeline: bool):
    jobs = []
    for example in examples:
        documented = outputs.parse(example.output) if example.output.exists() else None
        jobs.append(Job(example.path, sys.executable, timeout_for(documented),
                        alone=documented is not None and documented.runs_alone, timeline=timeline))
    return await run_all(jobs)


def overhead(examples, rounds: int, one_at_a_time: bool = False) -> int:
    """Run the examples with and without the probe, in turns; print how much later lines come with it."""
    times: dict[tuple[bool, str, int], list[float]] = {}
    batches = [[example] for example in examples] if one_at_a_time else [examples]
    for round_ in range(rounds):
        for timeline, batch in [(t, b) for b in batches for t in ((False, True) if round_ % 2 == 0 else (True, False))]:
            for example, run in zip(batch, asyncio.run(_run_examples(batch, timeline))):
                lines = output_compare.normalized_lines(run)
                for index, line in enumerate(lines):
                    times.setdefault((timeline, example.name, index), []).append(line.time)
                times.setdefault((timeline, example.name, -1), []).append(run.exit_time)
        print(f"round {round_ + 1}/{rounds} done", file=sys.stderr)
    line_deltas, exit_deltas, per_example = [], [], {}
    for (timeline, name, index), values in times.items():
        if not timeline or (False, name, index) not in times:
            continue
        delta = statistics.median(values) - statistics.median(times[False, name, index])
        (exit_deltas if index == -1 else line_deltas).append(delta)
        if index == -1:
            per_example[name] = delta
    for name, delta in sorted(per_example.items()):
        print(f"  {name:<36} total time {delta * 1000:+6.1f} ms")

    def summary(deltas):
        deltas = sorted(deltas)
        return (f"median {statistics.median(deltas) * 1000:+.1f} ms, mean {statistics.mean(deltas) * 1000:+.1f} ms, "
                f"min {deltas[0] * 1000:+.1f} ms, max {deltas[-1] * 1000:+.1f} ms")

    how = "one at a time" if one_at_a_time else "all at once, as make test runs them"
    print(f"{len(examples)} examples, {rounds} runs each way, {how}; with the probe minus without (median over runs):")
    print(f"  printed lines ({len(line_deltas)}): {summary(line_deltas)}")
    print(f"  total run time ({len(exit_deltas)}): {summary(exit_deltas)}")
    return 0


def show(examples) -> int:
    """Run the examples once and print each one's timeline, as it would be recorded."""
    for example, run in zip(examples, asyncio.run(_run_examples(examples, True))):
        print(f"== {example.relative}")
        print(format_timeline(rounded(build(run))), end="")
    return 0


def record_timelines(examples) -> int:
    """Write the timelines only (make update-examples writes outputs and timelines): 1 if one could not be."""
    failures = 0
    by_version: dict[pythons.Version, list] = {}
    for example in examples:
        documented = outputs.parse(example.output) if example.output.exists() else None
        by_version.setdefault(outputs.recorded_version(documented), []).append(example)
    for version, chosen in sorted(by_version.items()):
        interpreter = pythons.find(version)
        if not interpreter.found:
            print(pythons.missing_message(interpreter), file=sys.stderr)
            failures += 1
            continue
        targets = [Target(example, version, interpreter.path) for example in chosen]
        for outcome in asyncio.run(check_targets(targets)):
            where = Path(outcome.example.relative).with_suffix(SUFFIX)
            if outcome.timeline is None:
                print(f"{'NOT RECORDED':<14} {where} (the run failed: {outcome.message.splitlines()[0] if outcome.message else '?'})")
                failures += 1
            elif outcome.timeline.ok:
                print(f"{'unchanged':<14} {where}")
            elif (written := record(outcome.timeline)) is None:
                print(f"{'NOT RECORDED':<14} {where}\n    " + "\n    ".join(outcome.timeline.problems))
                failures += 1
            else:
                print(f"{written:<14} {where}")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Timelines of the examples' runs.")
    parser.add_argument("command", choices=["show", "record", "overhead"],
                        help="show: print fresh timelines; record: re-record the .timeline files only "
                        "(make update-examples does both outputs and timelines); overhead: time the examples "
                        "with and without the probe")
    parser.add_argument("names", nargs="*", help="example names (file stems); all if none")
    parser.add_argument("--rounds", type=int, default=5, help="overhead: runs each way (default 5)")
    parser.add_argument("--one-at-a-time", action="store_true", help="overhead: run each example alone")
    args = parser.parse_intermixed_args(argv)
    examples = [find_example(name) for name in args.names] if args.names else find_examples(wrong_answers=True)
    if args.command == "show":
        return show(examples)
    if args.command == "record":
        return record_timelines(examples)
    return overhead(examples, args.rounds, args.one_at_a_time)


if __name__ == "__main__":
    sys.exit(main())
