"""``make bench``: how long the example checks take, against the longest example.

Runs and checks every example the way ``make test`` does, and prints the
number of examples, the sum of their run times (what running them one after
another would cost), the longest, the wall time of the whole check, and
wall / longest. Also prints, per example, how late its lines came against
their documented times: the figures the timing rule is derived from.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

from harness import compare
from harness.checking import check_examples
from harness.examples import find_examples


def lateness(outcome) -> list[float]:
    """Actual minus documented time, for each line and the exit."""
    run, doc = outcome.run, outcome.documented
    if run is None or doc is None:
        return []
    pairs = compare.pair_lines(doc.lines, compare.normalized_lines(run))
    deltas = [act.time - documented.time for documented, act, _ in pairs or []]
    return deltas + [run.exit_time - doc.exit_time]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--repeat", type=int, default=1, help="run the whole check this many times")
    args = parser.parse_args(argv)
    examples = find_examples()
    worst_ratio = 0.0
    all_deltas: list[float] = []
    for round_ in range(args.repeat):
        started = time.monotonic()
        outcomes = asyncio.run(check_examples(examples, args.python))
        wall = time.monotonic() - started
        durations = {o.example.name: o.run.exit_time for o in outcomes if o.run is not None}
        alone = sum(o.run.exit_time for o in outcomes if o.run is not None and o.documented and o.documented.runs_alone)
        longest_name = max(durations, key=durations.get)
        longest = durations[longest_name]
        total = sum(durations.values())
        failed = [o.example.name for o in outcomes if not o.ok and o.skipped is None]
        skipped = [f"{o.example.name} ({o.skipped})" for o in outcomes if o.skipped is not None]
        for outcome in outcomes:
            if outcome.skipped is None:  # a disturbed CPU-bound run is not judged, nor counted here
                all_deltas.extend(lateness(outcome))
        worst_ratio = max(worst_ratio, wall / longest)
        print(f"run {round_ + 1}/{args.repeat}")
        print(f"  examples            {len(outcomes)}")
        print(f"  sum of run times    {total:.2f} s  (what running them one by one costs)")
        print(f"  longest example     {longest:.2f} s  ({longest_name})")
        print(f"  wall time           {wall:.2f} s")
        print(f"  wall / longest      {wall / longest:.2f}  (of which {alone:.2f} s run alone, after the rest)")
        print(f"  checks failed       {len(failed)}" + (f": {', '.join(failed)}" if failed else ""))
        print(f"  skipped             {len(skipped)}" + (f": {', '.join(skipped)}" if skipped else ""))
    if all_deltas:
        all_deltas.sort()
        pick = lambda q: all_deltas[min(len(all_deltas) - 1, int(q * len(all_deltas)))]  # noqa: E731
        print(
            f"line lateness over {len(all_deltas)} lines: min {all_deltas[0]:+.3f} s, median {pick(0.5):+.3f} s, "
            f"p99 {pick(0.99):+.3f} s, max {all_deltas[-1]:+.3f} s"
        )
    print(f"worst wall / longest: {worst_ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
