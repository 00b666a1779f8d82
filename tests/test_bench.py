"""make bench SCALE=N: renamed copies of the examples that share the cores, each checked against its renamed output."""

import os
from types import SimpleNamespace

import pytest

from harness.bench import copy_examples, describe, in_own_process, percentile
from harness.examples import find_examples


def test_copies_are_renamed_in_their_outputs_and_self_naming_sources_are_skipped(tmp_path):
    guide = tmp_path / "guide"
    examples = guide / "examples"
    examples.mkdir(parents=True)
    (examples / "fails.py").write_text("raise ValueError('no')\n")
    (examples / "fails.out").write_text(
        "# Documented output of fails.py\n"
        '  0.0 err| File "/somewhere/fails.py", line 1, in <module>\n'
        "  0.0 exit 1\n")
    (examples / "fails.3.9.out").write_text("# Documented output of fails.py on 3.9\n  0.0 exit 1\n")
    (examples / "names_itself.py").write_text("print(open('names_itself.py').read())\n")
    (examples / "names_itself.out").write_text("# names_itself.py\n")
    (examples / "burns.py").write_text("print('done')\n")
    (examples / "burns.out").write_text("# burns.py\nruns-alone: it burns CPU\n  0.0 out| done\n  0.0 exit 0\n")
    copied, skipped = copy_examples(3, tmp_path / "copies", guide)
    names = sorted(example.name for example in copied)
    assert names == ["burns", "fails", "fails_copy2", "fails_copy3", "names_itself"]
    assert sorted(skipped) == ["burns (it runs alone)", "names_itself (its source names its own file)"]
    folder = tmp_path / "copies" / "guide" / "examples"
    assert (folder / "fails_copy2.out").read_text() == (
        "# Documented output of fails_copy2.py\n"
        '  0.0 err| File "/somewhere/fails_copy2.py", line 1, in <module>\n'
        "  0.0 exit 1\n")
    assert (folder / "fails_copy3.3.9.out").read_text().startswith("# Documented output of fails_copy3.py on 3.9")
    assert (folder / "fails_copy3.py").read_text() == "raise ValueError('no')\n"
    assert sorted(e.name for e in find_examples(tmp_path / "copies" / "guide")) == names


def test_percentiles():
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 0.5), percentile(values, 0.99), percentile(values, 1.0)) == (51.0, 100.0, 100.0)


def a_result(**changes) -> dict:
    """What one_round returns, with these changes."""
    result = dict(outcomes=[], runs=1, wall=3.0, cpu=1.0, longest=1.0, alone_time=1.0, bound=2.0, ratio=1.5,
                  shared_wall=1.5, shared_bound=1.0, examples_cpu=0.5, deltas=[0.0], memory=2**20, failed=[],
                  skipped=[], rerun=[], load=("0.1", "0.2"), cores=2)
    return result | changes


def test_a_run_names_its_failures_with_their_reports_and_its_runs_run_again():
    failed = SimpleNamespace(ok=False, skipped=None, message="x.py does not match\n  - line 2: 'Two' appeared at 0.9 s")
    passed = SimpleNamespace(ok=True, skipped=None, message="")
    result = a_result(outcomes=[passed, failed], runs=2, deltas=[0.0, 0.1], failed=["x-py3.11"],
                      rerun=["y_copy2-py3.12"])
    text = "\n".join(describe(result))
    assert "failed              1: x x 1 (3.11)\n    x.py does not match\n    " \
           "  - line 2: 'Two' appeared at 0.9 s" in text
    assert "run again           1 after the machine stalled: y x 1 (3.12)" in text


LEFT_BEHIND = []  # what a check leaves in its process


def test_each_check_runs_in_a_process_of_its_own_and_leaves_nothing_in_the_bench():
    def check(targets):
        LEFT_BEHIND.append(bytearray(10**6))
        return a_result(ratio=1.25, failed=[f"pid{os.getpid()}-py3.11"], rerun=["y-py3.12"])

    summary = in_own_process([], check)
    assert LEFT_BEHIND == []
    assert summary["ratio"] == 1.25 and summary["rerun"] == ["y-py3.12"]
    [failed] = summary["failed"]
    assert failed != f"pid{os.getpid()}-py3.11"
    assert "  wall / lower bound  1.25" in summary["report"]


def test_a_check_that_fails_to_run_is_reported_with_its_traceback():
    def check(targets):
        raise ValueError("no Python found")

    with pytest.raises(RuntimeError, match=r"(?s)the check failed to run:.*ValueError: no Python found"):
        in_own_process([], check)


def test_a_check_whose_process_dies_says_so():
    def check(targets):
        os._exit(3)

    with pytest.raises(RuntimeError, match=r"ended \(exit status 3\) without reporting"):
        in_own_process([], check)
