"""``make bench [SCALE=N] [RUNS=R]``: how long the example checks take, against their lower bound.

Checks every example on every Python found, the way ``make test`` does; with
SCALE=N, N copies of each example that shares the cores (made in a temporary
folder, nothing committed), so the check can be tried at the size the guide
will grow to. An example that runs alone is checked once: it runs after the
others, one at a time, so each copy would only add its own time to both the
wall time and the lower bound (at SCALE=8, 13 minutes more a check) without
testing anything the first copy does not. Prints, per run of the whole
check: examples, runs, the lower bound, the wall time, wall / lower bound,
how late lines came against their documented times (percentiles), the peak
memory of the check's processes, and the load average.

The lower bound: no schedule finishes before its longest example, nor before
the cores have done all the CPU work (the examples' and the harness's), and
the examples that must run alone add their own time on top:
``max(longest example, CPU seconds / cores) + runs-alone time``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import shutil
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import Callable

from harness import compare, pythons
from harness.checking import Outcome, Target, check_targets
from harness.examples import GUIDE, Example, find_examples


def lateness(outcome: Outcome) -> list[float]:
    """Actual minus documented time, for each line and the exit."""
    run, doc = outcome.run, outcome.documented
    if run is None or doc is None:
        return []
    pairs = compare.pair_lines(doc.lines, compare.normalized_lines(run))
    deltas = [act.time - documented.time for documented, act, _ in pairs or []]
    return deltas + [run.exit_time - doc.exit_time]


def copy_examples(scale: int, into: Path, source: Path = GUIDE) -> tuple[list[Example], list[str]]:
    """`scale` copies of every example under `into`/asyncio: (the examples, the names not copied and why).

    Copy k of x.py is x_copyk.py with its outputs and timeline, the name replaced
    in them too (headers, and lines where the example prints its own file
    name). An example whose source names itself cannot be renamed so, and an
    example declared runs-alone gains nothing from copies (see the module's
    docstring): both are copied once.
    """
    guide = into / source.name
    skipped = []
    for example in find_examples(source):
        folder = guide / example.path.parent.relative_to(source)
        folder.mkdir(parents=True, exist_ok=True)
        stem = example.path.stem
        own = [p for p in example.path.parent.iterdir() if p.is_file() and p.name.split(".", 1)[0] == stem]
        names_itself = re.search(rf"\b{re.escape(stem)}\b", example.path.read_text(encoding="utf-8"))
        once = ("its source names its own file" if names_itself
                else "it runs alone" if example.output.exists() and example.documented().runs_alone else None)
        for copy in range(1, scale + 1):
            if copy > 1 and once:
                skipped.append(f"{stem} ({once})")
                break
            new_stem = stem if copy == 1 else f"{stem}_copy{copy}"
            for path in own:
                target = folder / (new_stem + path.name[len(stem):])
                if path.suffix == ".py":
                    shutil.copyfile(path, target)
                else:
                    text = path.read_text(encoding="utf-8")
                    target.write_text(re.sub(rf"\b{re.escape(stem)}\b", new_stem, text), encoding="utf-8")
    return find_examples(guide), skipped


class MemoryPeak:
    """The largest memory this process and all its descendants used at once (their PSS), sampled.

    PSS (proportional set size) shares each page among the processes that map
    it, so forked interpreters are not counted once per copy of what they share.
    """

    def __init__(self, interval: float = 0.25):
        self.interval, self.peak, self.stop = interval, 0, threading.Event()

    @staticmethod
    def tree_pss() -> int:
        children: dict[int, list[int]] = {}
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    parent = int(Path(f"/proc/{name}/stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(parent, []).append(int(name))
        total, todo = 0, [os.getpid()]
        while todo:
            pid = todo.pop()
            todo += children.get(pid, [])
            try:
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
            except OSError:
                pass
        return total

    def _sample(self) -> None:
        while not self.stop.wait(self.interval):
            try:
                self.peak = max(self.peak, self.tree_pss())
            except OSError:
                return

    def __enter__(self) -> "MemoryPeak":
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop.set()
        self.thread.join()


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def cpu_seconds() -> float:
    """CPU this process and its waited-for descendants (fork servers, and through them the examples) used."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def one_round(targets: list[Target]) -> dict:
    cores = os.cpu_count() or 1
    load_before, cpu_before = loadavg(), cpu_seconds()
    with MemoryPeak() as memory:
        started = time.monotonic()
        outcomes = asyncio.run(check_targets(targets))
        wall = time.monotonic() - started
    cpu = cpu_seconds() - cpu_before
    ran = [o for o in outcomes if o.run is not None]
    alone = [o for o in ran if o.documented is not None and o.documented.runs_alone]
    alone_time = sum(o.run.exit_time for o in alone)
    alone_cpu = sum(o.run.cpu or 0.0 for o in alone)
    longest = max((o.run.exit_time for o in ran if o not in alone), default=0.0)
    bound = max(longest, (cpu - alone_cpu) / cores) + alone_time
    examples_cpu = sum(o.run.cpu or 0.0 for o in ran)
    shared = [o.run for o in ran if o not in alone and o.run.released is not None]
    shared_wall = max((r.released + r.exit_time for r in shared), default=started) - started
    shared_bound = max(longest, (cpu - alone_cpu) / cores)
    deltas = [d for o in ran if o.skipped is None for d in lateness(o)]
    return dict(
        outcomes=outcomes, runs=len(ran), wall=wall, cpu=cpu, longest=longest, alone_time=alone_time,
        bound=bound, ratio=wall / bound if bound else 0.0, shared_wall=shared_wall, shared_bound=shared_bound,
        examples_cpu=examples_cpu, deltas=deltas, memory=memory.peak,
        failed=[f"{o.example.name}-py{pythons.text(o.target.version)}" for o in outcomes
                if not o.ok and o.skipped is None],
        skipped=[o for o in outcomes if o.skipped is not None and o.target.python is not None
                 and not o.skipped.startswith("needs Python")],
        rerun=[f"{o.example.name}-py{pythons.text(o.target.version)}" for o in outcomes if o.rerun],
        load=(load_before, loadavg()), cores=cores,
    )


def by_example(checks: list[str]) -> str:
    """'gather_minimum x 9 (3.9, 3.11), ...': failed checks counted by original example, copies and versions together."""
    found: dict[str, list[str]] = {}
    for check in checks:
        name, version = check.rsplit("-py", 1)
        found.setdefault(re.sub(r"_copy\d+$", "", name), []).append(version)
    return ", ".join(f"{name} x {len(versions)} ({', '.join(sorted(set(versions), key=pythons.parse))})"
                     for name, versions in sorted(found.items(), key=lambda item: -len(item[1])))


MESSAGE_LINES = 12  # of each failed check's report: what is wrong, and the start of the diff


def describe(result: dict) -> list[str]:
    deltas = result["deltas"]
    late = (", ".join(f"{name} {percentile(deltas, q):+.3f}" for name, q in
                      (("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("max", 1.0))) + " s") if deltas else "-"
    failed = result["failed"]
    return [
        f"  runs                {result['runs']}",
        f"  lower bound         {result['bound']:.2f} s  = max(longest {result['longest']:.2f} s, "
        f"CPU {result['cpu']:.1f} s / {result['cores']} cores) + runs-alone {result['alone_time']:.2f} s",
        f"  CPU                 {result['cpu']:.1f} s: the examples' own {result['examples_cpu']:.1f} s (wait4), "
        f"the harness's {result['cpu'] - result['examples_cpu']:.1f} s "
        f"({(result['cpu'] - result['examples_cpu']) / max(result['runs'], 1) * 1000:.0f} ms a run)",
        f"  wall                {result['wall']:.2f} s",
        f"  wall / lower bound  {result['ratio']:.2f}",
        f"  shared phase        {result['shared_wall']:.2f} s against its bound {result['shared_bound']:.2f} s "
        f"(ratio {result['shared_wall'] / result['shared_bound'] if result['shared_bound'] else 0:.2f}); "
        "the rest ran alone",
        f"  line lateness       {late}  (over {len(deltas)} lines and exits)",
        f"  peak memory         {result['memory'] / 2**20:.0f} MiB  (PSS of the check's processes, sampled every 0.25 s)",
        f"  failed              {len(failed)}" + (f": {by_example(failed)}" if failed else ""),
        *(f"    {line}" for o in result["outcomes"] if not o.ok and o.skipped is None
          for line in o.message.splitlines()[:MESSAGE_LINES]),
        f"  run again           {len(result['rerun'])}" + (f" after the machine stalled: {by_example(result['rerun'])}"
                                                        if result["rerun"] else ""),
        f"  skipped             {len(result['skipped'])}"
        + "".join(f"\n    {o.example.name}-py{pythons.text(o.target.version)}: {o.skipped[:100]}"
                  for o in result["skipped"]),
        f"  load average        {result['load'][0]} before, {result['load'][1]} after",
    ]


def in_own_process(targets: list[Target], check: Callable[[list[Target]], dict] = one_round) -> dict:
    """`check` run in a child process: its report's lines, ratio, failed and rerun checks.

    After a check, Python's small-object allocator keeps most of the memory the
    check used, because a few objects that outlive the check pin the 1 MiB
    arenas they sit in: after a check of 5,525 runs, 113 arenas were kept with
    9 MiB of them in use. In one process that memory counted in each later
    check's peak (826, 923, 974 MiB over three SCALE=8 checks, while the live
    objects stayed within 1,000 blocks of the start); with a child per check,
    861, 858, 843 MiB.
    """
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        status = 1
        try:  # whatever happens, the child never returns into the caller's loop
            os.close(read)
            try:
                result = check(targets)
                summary = dict(report=describe(result), ratio=result["ratio"], failed=result["failed"],
                               rerun=result["rerun"])
                status = 0
            except BaseException:
                summary = dict(error=traceback.format_exc())
            with os.fdopen(write, "w", encoding="utf-8") as pipe:
                json.dump(summary, pipe)
        finally:
            os._exit(status)
    os.close(write)
    with os.fdopen(read, encoding="utf-8") as pipe:
        text = pipe.read()
    _, status = os.waitpid(pid, 0)
    try:
        summary = json.loads(text)
    except ValueError:
        raise RuntimeError(f"the check's process ended (exit status {os.waitstatus_to_exitcode(status)}) "
                           "without reporting; its output is above") from None
    if "error" in summary:
        raise RuntimeError(f"the check failed to run:\n{summary['error']}")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1,
                        help="check this many copies of every example that shares the cores")
    parser.add_argument("--repeat", type=int, default=1, help="run the whole check this many times")
    parser.add_argument("--versions", default="all", help="'all' (every Python found) or e.g. '3.11,3.13'")
    args = parser.parse_args(argv)
    versions = pythons.SUPPORTED if args.versions == "all" else [pythons.parse(v) for v in args.versions.split(",")]
    found = {v: pythons.find(v) for v in versions}
    missing = [pythons.text(v) for v, f in found.items() if not f.found]
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        examples, skipped = copy_examples(args.scale, Path(tmp)) if args.scale > 1 else (find_examples(), [])
        targets = [Target(e, v, f.path) for e in examples for v, f in found.items() if f.found]
        print(f"{len(examples)} examples ({len(find_examples())}, {args.scale} of each"
              + (f"; copied once: {len(skipped)}: {', '.join(skipped)}" if skipped else "")
              + f") on Python {', '.join(pythons.text(v) for v, f in found.items() if f.found)}"
              + (f" (not found: {', '.join(missing)})" if missing else "") + f"; {os.cpu_count()} cores")
        results = []
        for round_ in range(args.repeat):
            sys.stdout.flush()  # before the fork, or the child would print it again
            result = in_own_process(targets)
            print(f"run {round_ + 1}/{args.repeat}")
            print("\n".join(result["report"]), flush=True)
            results.append(result)
    failures = sum(len(r["failed"]) for r in results)
    reruns = sum(len(r["rerun"]) for r in results)
    print(f"over {len(results)} runs: {failures} failed checks, {reruns} run again after a stall; wall / lower bound "
          + ", ".join(f"{r['ratio']:.2f}" for r in results) + f" (worst {max(r['ratio'] for r in results):.2f})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
