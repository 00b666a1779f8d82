import asyncio
import os
import signal

import pytest

from harness import pythons
from harness.checking import Target, check_targets
from harness.examples import find_examples

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# Interpreters the tests start directly stand for 'python example.py' typed in a terminal, which turns
# Ctrl-C into KeyboardInterrupt: they must not inherit SIGINT ignored from a background 'make test &'.
# (A handler, unlike 'ignored', is reset to the default by exec.)
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def skip_outcome(outcome) -> None:
    """Skip a check that was not made, saying why; in CI, fail one this machine should have made.

    A missing Python, or cores that other programs kept busy during a CPU-bound
    example, skip it here; CI must check every example on every version.
    """
    if outcome.not_checked_here and IN_CI:
        pytest.fail(f"{outcome.skipped} (CI=true: CI must make every check)", pytrace=False)
    pytest.skip(outcome.skipped)


def pytest_addoption(parser):
    parser.addoption(
        "--versions",
        default="all",
        help="the Python versions to check the examples on: 'all' "
        f"({pythons.describe_range(pythons.SUPPORTED)}) or a list such as '3.11,3.13'",
    )


def selected_versions(config) -> list[pythons.Version]:
    value = config.getoption("--versions")
    if value == "all":
        return list(pythons.SUPPORTED)
    versions = [pythons.parse(v) for v in value.split(",") if v.strip()]
    unknown = [pythons.text(v) for v in versions if v not in pythons.SUPPORTED]
    if unknown:
        raise pytest.UsageError(f"--versions: {', '.join(unknown)} not supported; supported: "
                                f"{', '.join(pythons.text(v) for v in pythons.SUPPORTED)}")
    return versions


def pytest_generate_tests(metafunc):
    if "check" in metafunc.fixturenames:
        pairs = [(e, v) for e in find_examples() for v in selected_versions(metafunc.config)]
        metafunc.parametrize("check", pairs, ids=[f"{e.name}-py{pythons.text(v)}" for e, v in pairs])


@pytest.fixture(scope="session")
def example_outcomes(request):
    """Run every selected example under every selected Python, all at once, and check each run."""
    pairs = {
        item.callspec.params["check"]
        for item in request.session.items
        if hasattr(item, "callspec") and "check" in item.callspec.params
    }
    targets = [Target(example, version, pythons.find(version).path) for example, version in sorted(
        pairs, key=lambda pair: (pair[0].name, pair[1]))]
    outcomes = asyncio.run(check_targets(targets))
    for outcome in outcomes:
        if outcome.rerun:
            _reruns[outcome.example.name, pythons.text(outcome.target.version)] = outcome.rerun
    return {(o.example, o.target.version): o for o in outcomes}


_results: dict[tuple[str, str], str] = {}
_reasons: dict[tuple[str, str], str] = {}
_reruns: dict[tuple[str, str], str] = {}  # runs judged by a second run, after the machine stalled (harness/stalls.py)


def pytest_runtest_logreport(report):
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        if "[" in report.nodeid and "test_example[" in report.nodeid:
            name, version = report.nodeid.split("[", 1)[1].rstrip("]").rsplit("-py", 1)
            _results[name, version] = report.outcome
            if report.outcome == "skipped" and isinstance(report.longrepr, tuple):
                _reasons[name, version] = report.longrepr[2].removeprefix("Skipped: ")


def pytest_terminal_summary(terminalreporter):
    if not _results:
        return
    names = sorted({name for name, _ in _results})
    versions = sorted({v for _, v in _results}, key=pythons.parse)
    width = max(len(n) for n in names) + 2
    write = terminalreporter.write_line
    terminalreporter.section("examples by Python version")
    write("example".ljust(width) + "".join(f"{'Python ' + v:<12}" for v in versions))
    for name in names:
        write(name.ljust(width) + "".join(f"{_results.get((name, v), '-'):<12}" for v in versions))
    for (name, version), reason in sorted(_reasons.items()):
        write(f"skipped: {name} on Python {version}: {reason}")
    for (name, version), reason in sorted(_reruns.items()):
        write(f"run again: {name} on Python {version}: {reason}; the second run {_results.get((name, version), '?')}")
