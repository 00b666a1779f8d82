"""Admission control (harness/admission.py): examples are released longest first, at the pace the cores allow.

The runner hands out CPU seconds at a rate set by the free cores, from a
bucket that holds at most a short burst: over any stretch of time, the CPU of
the examples released in it is at most the rate times its length, plus one
bucket. What each run cost is kept for the next check.
"""

import asyncio
import json
import os
import sys

from harness import admission, cores, runner
from harness.runner import Job, run_all


def hello(folder, name="hello"):
    path = folder / f"{name}.py"
    path.write_text("print('hello')\n")
    return path


def free(count):
    async def free_cores(sample=0.0):
        return count
    return free_cores


def test_releases_stay_within_the_cpu_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(admission, "COSTS", tmp_path / "costs.json")
    monkeypatch.setattr(cores, "free_cores", free(1.0))
    example = hello(tmp_path)
    admission.save({admission.key(example, sys.executable, False): admission.Cost(0.1, 0.01)}, admission.COSTS)
    runs = asyncio.run(asyncio.wait_for(run_all([Job(example, timeline=False) for _ in range(10)]), 60))
    assert all(run.exit_status == 0 for run in runs)
    rate = admission.capacity(1.0, os.cpu_count() or 1)
    size = rate * admission.BURST
    charge = 0.1 + admission.HARNESS_CPU
    released = sorted(run.released for run in runs)
    for first in range(len(released)):
        for last in range(first + 1, len(released)):
            handed_out = charge * (last - first)  # the releases after `first`, up to `last`
            assert handed_out <= rate * (released[last] - released[first]) + size + 1e-3, (
                f"{handed_out:.2f} CPU s released within {released[last] - released[first]:.3f} s at {rate:.2f}/s")
    assert released[-1] - released[0] >= (charge * (len(runs) - 1) - size) / rate * 0.99


def test_longest_first(tmp_path, monkeypatch):
    """Released longest first; interpreters prepared two ahead, one at a time (the window slides)."""
    monkeypatch.setattr(admission, "COSTS", tmp_path / "costs.json")  # nothing measured: documented durations
    monkeypatch.setattr(runner, "PREPARE_AHEAD", 2)
    monkeypatch.setattr(runner, "FORKS_AT_ONCE", 1)
    monkeypatch.setattr(cores, "free_cores", free(100.0))
    example = hello(tmp_path)
    durations = [0.5, 3.0, 1.0, 2.0, 0.1]
    runs = asyncio.run(asyncio.wait_for(
        run_all([Job(example, timeline=False, expected=duration) for duration in durations]), 60))
    by_release = [duration for _, duration in sorted(zip((run.released for run in runs), durations))]
    assert by_release == sorted(durations, reverse=True)


def test_what_a_run_cost_is_kept_and_used(tmp_path, monkeypatch):
    monkeypatch.setattr(admission, "COSTS", tmp_path / "costs.json")
    example = tmp_path / "burns.py"
    example.write_text("import time\nend = time.process_time() + 0.2\nwhile time.process_time() < end:\n    pass\n")
    (run,) = asyncio.run(asyncio.wait_for(run_all([Job(example, timeline=False)]), 60))
    kept = json.loads(admission.COSTS.read_text())
    cost = kept[admission.key(example, sys.executable, False)]
    assert 0.2 <= cost["cpu"] < 1.0 and cost["duration"] == round(run.exit_time, 3)
    assert admission.estimate(example, None).cpu < 0.2  # what it would have been charged unmeasured


def test_what_the_harness_spends_per_run_is_measured_and_charged(tmp_path, monkeypatch):
    """A check of enough runs keeps what the runner and fork servers spent per run; the next charges that."""
    monkeypatch.setattr(admission, "COSTS", tmp_path / "costs.json")
    monkeypatch.setattr(admission, "MEASURE_HARNESS_FROM", 8)
    example = hello(tmp_path)
    asyncio.run(asyncio.wait_for(run_all([Job(example, timeline=False) for _ in range(7)]), 60))
    assert admission.HARNESS_KEY not in json.loads(admission.COSTS.read_text()), "too few runs to measure"
    asyncio.run(asyncio.wait_for(run_all([Job(example, timeline=False) for _ in range(8)]), 60))
    kept = json.loads(admission.COSTS.read_text())[admission.HARNESS_KEY]["cpu"]
    assert 0.0 < kept < 1.0, kept  # the fork servers' start-up shared among 8 runs: more than a run costs later
    assert admission.harness_cpu(admission.load()) == kept

    # What it kept paces the next check: with the harness said to cost 0.5 s a run and the example 0, on one
    # free core, eight releases take at least (8 - 1) * 0.5 s less the bucket, at the rate the free core allows.
    admission.COSTS.unlink()
    admission.save({admission.HARNESS_KEY: admission.Cost(0.5, 0.0),
                    admission.key(example, sys.executable, False): admission.Cost(0.0, 0.01)}, admission.COSTS)
    assert admission.harness_cpu(admission.load()) == 0.5
    monkeypatch.setattr(admission, "MEASURE_HARNESS_FROM", 100)
    monkeypatch.setattr(cores, "free_cores", free(1.0))
    rate = admission.capacity(1.0, os.cpu_count() or 1)
    runs = asyncio.run(asyncio.wait_for(run_all([Job(example, timeline=False) for _ in range(8)]), 60))
    released = sorted(run.released for run in runs)
    assert released[-1] - released[0] >= (0.5 * 7 - rate * admission.BURST) / rate * 0.99
