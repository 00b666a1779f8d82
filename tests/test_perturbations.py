"""The checks catch the changes that matter in asyncio code.

The notes' minimum gather example, with its documented output, is changed in
each of the ways a reader's copy could go wrong: a longer sleep, concurrent
code made sequential, a blocking call, a changed word. Each change must fail
its check; the unchanged example must pass. The guide's CPU-bound example is
changed so that its processes lose their speed-up, which must fail too.
"""

from __future__ import annotations

import asyncio

import pytest

from harness.checking import check_examples
from harness.examples import find_examples
from tests.conftest import skip_outcome

EXAMPLE = '''\
import asyncio


async def worker():
    print("One")
    await asyncio.sleep(1)
    print("Two")


async def main():
    await asyncio.gather(worker(), worker(), worker())


asyncio.run(main())
'''

DOCUMENTED = """\
  0.0 out| One
  0.0 out| One
  0.0 out| One
  1.0 out| Two
  1.0 out| Two
  1.0 out| Two
  1.0 exit 0
"""

# name: (text to replace, replacement, what the report must say)
PERTURBATIONS = {
    "unchanged": (None, None, None),
    "longer_sleep": ("asyncio.sleep(1)", "asyncio.sleep(1.5)", "'Two' appeared at 1.5"),
    "made_sequential": (
        "await asyncio.gather(worker(), worker(), worker())",
        "await worker()\n    await worker()\n    await worker()",
        "the printed lines differ",  # One Two One Two ...: the order changes, 3 s instead of 1
    ),
    "blocking_call": (
        "    await asyncio.sleep(1)",
        "    await asyncio.sleep(1)\n    __import__('time').sleep(0.5)",
        "appeared at 1.5",  # the second and third Two wait for the first worker's blocking call
    ),
    "changed_word": ('print("Two")', 'print("Too")', "+  1.0 out| Too"),
}


def check_perturbed(root, source: str, documented: str, perturbations: dict) -> dict:
    """Each perturbation of the source, checked against the same documented output, by name."""
    (root / "examples").mkdir()
    for name, (old, new, _) in perturbations.items():
        changed = source if old is None else source.replace(old, new)
        assert old is None or changed != source, f"{name}: {old!r} is not in the example"
        (root / "examples" / f"{name}.py").write_text(changed)
        (root / "examples" / f"{name}.out").write_text(documented)
    return {o.example.name: o for o in asyncio.run(check_examples(find_examples(root)))}


def assert_caught(name: str, outcome, expected: str | None) -> None:
    if outcome.skipped is not None:
        skip_outcome(outcome)
    if expected is None:
        assert outcome.ok, outcome.message
    else:
        assert not outcome.ok, f"{name}: the check passed, but the example no longer does what its output says"
        assert expected in outcome.message, outcome.message


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    return check_perturbed(tmp_path_factory.mktemp("perturbed"), EXAMPLE, DOCUMENTED, PERTURBATIONS)


@pytest.mark.parametrize("name", PERTURBATIONS)
def test_perturbation(name, outcomes):
    assert_caught(name, outcomes[name], PERTURBATIONS[name][2])


CPU_EXAMPLE = find_examples()[0].root / "asyncio" / "examples" / "when_cpu_bound.py"

# The CPU-bound example's point is that processes halve the time: each way of
# losing that must fail, although the lines keep their words and order.
CPU_PERTURBATIONS = {
    "cpu_unchanged": (None, None, None),
    "cpu_processes_one_at_a_time": (
        "ProcessPoolExecutor(max_workers=JOBS)",
        "ProcessPoolExecutor(max_workers=1)",
        "the printed lines differ",
    ),
    # Same words, same order; only the printed duration and the times move by 0.1 s.
    "cpu_processes_slower": (
        "processes.map(crunch, [WORK] * JOBS)",
        "processes.map(crunch, [2 * WORK] * JOBS)",
        "the printed duration is",
    ),
}


@pytest.fixture(scope="module")
def cpu_outcomes(tmp_path_factory):
    source, documented = CPU_EXAMPLE.read_text(), CPU_EXAMPLE.with_suffix(".out").read_text()
    return check_perturbed(tmp_path_factory.mktemp("perturbed_cpu"), source, documented, CPU_PERTURBATIONS)


@pytest.mark.parametrize("name", CPU_PERTURBATIONS)
def test_cpu_bound_perturbation(name, cpu_outcomes):
    assert_caught(name, cpu_outcomes[name], CPU_PERTURBATIONS[name][2])
