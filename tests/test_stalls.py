"""A run that came late because the whole machine stalled is run again, alone; one late for itself fails (harness/stalls.py)."""

import asyncio
import os
import re
import signal
import sys
import textwrap
import time
from pathlib import Path

import pytest

from harness import compare, outputs, stalls
from harness.checking import check_examples
from harness.example_process import Line, Run
from tests.test_checker import write_example


def test_the_watcher_sees_the_machine_stop(tmp_path):
    """Stopping the watcher for 0.4 s is what a stalled machine does to it: it reports when."""

    async def stop_it_for(seconds: float) -> tuple[list[stalls.Stall], float, float]:
        async with stalls.StallWatch(tmp_path) as watch:
            await asyncio.sleep(0.2)
            os.kill(watch.pid, signal.SIGSTOP)
            stopped = time.monotonic()
            await asyncio.sleep(seconds)
            os.kill(watch.pid, signal.SIGCONT)
            resumed = time.monotonic()
            await asyncio.sleep(0.2)
        return watch.stalls, stopped, resumed

    seen, stopped, resumed = asyncio.run(stop_it_for(0.4))
    (stall,) = [s for s in seen if s.length > 0.3]
    assert stopped - stalls.TICK - 0.05 <= stall.start <= stopped + 0.05
    assert resumed - 0.05 <= stall.end <= resumed + 0.1


def test_the_watcher_ends_with_the_runner(tmp_path):
    async def watch_and_leave() -> int:
        async with stalls.StallWatch(tmp_path) as watch:
            return watch.pid

    pid = asyncio.run(watch_and_leave())
    assert not Path(f"/proc/{pid}").exists()


def test_only_stalls_as_long_as_the_lateness_explain_it():
    half_second = [stalls.Stall(10.0, 10.3), stalls.Stall(11.0, 11.2)]
    assert stalls.explains(0.5, half_second)
    assert not stalls.explains(0.6, half_second)
    assert not stalls.explains(None, half_second)  # wrong in another way than late
    assert not stalls.explains(0.1, [])
    assert stalls.describe(half_second, origin=9.0) == "0.50 s (at 1.00 s for 0.30 s, at 2.00 s for 0.20 s)"


def test_a_verdict_says_how_late_a_run_is_when_lateness_is_all_that_is_wrong(tmp_path):
    example = write_example(tmp_path, "late", "print('One')\n", "0.0 out| One\n1.0 out| Two\n1.0 exit 0\n")
    doc = outputs.parse(example.output)
    low, high = doc.rule.window(1.0)

    def verdict(second: tuple[float, str], exit_time: float, status: int = 0) -> compare.Verdict:
        lines = [Line(0.0, "out", "One"), Line(second[0], "out", second[1])]
        return compare.verdict(doc, Run(example.path, sys.executable, lines, status, exit_time, started=True))

    assert verdict((high + 0.3, "Two"), high + 0.35).late_by == pytest.approx(0.35)
    assert verdict((high + 0.3, "Two"), high).late_by == pytest.approx(0.3)
    assert verdict((1.0, "Two"), 1.0).late_by is None  # nothing wrong
    assert verdict((low - 0.3, "Two"), high + 0.3).late_by is None  # a line before its window: no stall does that
    assert verdict((high + 0.3, "Three"), high + 0.3).late_by is None  # another line
    assert verdict((high + 0.3, "Two"), high + 0.3, status=1).late_by is None  # another exit status


# Its first run stops the harness's stall watcher and waits 0.5 s before its second line: to the
# watcher, the machine stood still as long as the line came late. Later runs find the marker and do not.
STALLS_ITS_FIRST_RUN = """\
import os, signal, time
MARKER = {marker!r}
print("One", flush=True)
if not os.path.exists(MARKER):
    open(MARKER, "w").close()
    ancestors, pid = set(), os.getpid()
    while pid > 1:
        with open(f"/proc/{{pid}}/stat") as stat:
            pid = int(stat.read().rsplit(")", 1)[1].split()[1])
        ancestors.add(pid)
    watchers = []
    for name in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{{name}}/cmdline", "rb") as cmdline, open(f"/proc/{{name}}/stat") as stat:
                if b"stall-watch" in cmdline.read() and int(stat.read().rsplit(")", 1)[1].split()[1]) in ancestors:
                    watchers.append(int(name))
        except OSError:
            pass
    assert watchers, "no stall watcher among the runner's children"
    for watcher in watchers:
        os.kill(watcher, signal.SIGSTOP)
    time.sleep({stall})
    for watcher in watchers:
        os.kill(watcher, signal.SIGCONT)
time.sleep(0.2)
print("Two", flush=True)
"""
DOCUMENTED = "0.0 out| One\n0.2 out| Two\n0.2 exit 0\n"


def test_a_run_late_because_the_machine_stalled_is_run_again_alone_and_passes(tmp_path):
    example = write_example(tmp_path, "stalled", STALLS_ITS_FIRST_RUN.format(marker=str(tmp_path / "ran"), stall=0.5),
                            DOCUMENTED)
    (outcome,) = asyncio.run(check_examples([example]))
    assert (tmp_path / "ran").exists()
    assert outcome.ok, outcome.message
    late, stalled = map(float, re.fullmatch(
        r"its first run came up to (\S+) s past its allowed times while the whole machine stalled (\S+) s "
        r"\(at \S+ s for \S+ s\), so it was run again, alone", outcome.rerun).groups())
    assert 0 < late <= stalled and 0.4 <= stalled <= 0.7


def test_a_run_late_by_more_than_the_stall_fails_and_names_the_stall(tmp_path):
    # It stalls 0.5 s but then sleeps 1 s more on every run: the stall does not explain it.
    source = STALLS_ITS_FIRST_RUN.format(marker=str(tmp_path / "ran"), stall=0.5).replace(
        "time.sleep(0.2)\nprint(\"Two\"", "time.sleep(1.2)\nprint(\"Two\"")
    example = write_example(tmp_path, "late_anyway", source, DOCUMENTED)
    (outcome,) = asyncio.run(check_examples([example]))
    assert not outcome.ok
    assert outcome.rerun == ""
    assert re.search(r"the whole machine stalled 0\.[4-6]\d s \(at \S+ s for \S+ s\) during this run", outcome.message)
    assert "'Two' appeared at 1.7" in outcome.message

