"""What to do after a failed check: the one command that is right, or the declaration an example lacks.

A check fails on one Python version, but what to do depends on the others:

- it fails the same way on the version the documented output is recorded
  with: re-record that output, with the plain command, once for all versions;
- it differs only on this version: record a variant for it (``VERSION=3.X``);
- it crashes on this version because asyncio lacks a name a newer version
  has (``TaskGroup`` on 3.10): it needs that newer Python (``requires-python``);
- the documented output is missing: record it, with the plain command.

Never advise writing by hand what the recorder writes.
"""

from __future__ import annotations

import functools
import re
import subprocess

from harness import compare, outputs, pythons
from harness.pythons import Version

# The last line of a traceback that names something asyncio lacks.
_MISSING = [
    re.compile(r"^AttributeError: module 'asyncio(?:\.\w+)*' has no attribute '(?P<name>\w+)'"),
    re.compile(r"^ImportError: cannot import name '(?P<name>\w+)' from 'asyncio(?:\.\w+)*'"),
    re.compile(r"^NameError: name '(?P<name>\w+)' is not defined"),
]


def plain_command(example) -> str:
    """Records the documented output, with the version it is recorded with."""
    return f"make update-examples EXAMPLE={example.name}"


def variant_command(example, version: Version) -> str:
    return f"{plain_command(example)} VERSION={pythons.text(version)}"


def missing_name(run) -> str | None:
    """The name asyncio lacked, if the run ended with an error that says so."""
    errors = [line.text for line in run.lines if line.stream == "err" and line.text.strip()]
    if not errors or run.exit_status in (0, None):
        return None
    for pattern in _MISSING:
        if match := pattern.match(errors[-1].strip()):
            return match["name"]
    return None


@functools.lru_cache(maxsize=None)
def first_version_with(name: str) -> Version | None:
    """The lowest supported Python (found here) whose asyncio has `name`; None if none has it."""
    for version in pythons.SUPPORTED:
        found = pythons.find(version)
        if not found.found:
            continue
        probe = subprocess.run(
            [found.path, "-c", f"import asyncio, sys; sys.exit(0 if hasattr(asyncio, {name!r}) else 1)"],
            capture_output=True, timeout=60,
        )
        if probe.returncode == 0:
            return version
    return None


def needs_newer(run, version: Version) -> tuple[str, Version] | None:
    """(name, the lowest version that has it) if the run crashed because its Python's asyncio lacks a name."""
    name = missing_name(run)
    if name is None:
        return None
    newer = first_version_with(name)
    if newer is None or newer <= version:
        return None
    return name, newer


def declare_requirement(example, name: str, newer: Version, documented) -> str:
    recorded_with = outputs.recorded_version(documented)
    text = (
        f"It needs a newer Python: asyncio has no '{name}' before Python {pythons.text(newer)}. "
        f"Declare it in the header of {example.output.name}, above its first output line: "
        f"'requires-python: {pythons.text(newer)}'; older versions then skip it, saying why."
    )
    if newer > recorded_with:
        text += f" Its output is then recorded with Python {pythons.text(newer)}: run '{plain_command(example)}'."
    return text


def record_for_newer(example, name: str, newer: Version) -> str:
    """For an example with no documented output yet, that needs a newer Python than the reference."""
    return (
        f"It needs a newer Python: asyncio has no '{name}' before Python {pythons.text(newer)}. Record it with that "
        f"version: {variant_command(example, newer)} (with no {example.output.name} yet, this records it for Python "
        f"{pythons.text(newer)}, and declares 'requires-python: {pythons.text(newer)}' in it)."
    )


def status_changed(outcome) -> str:
    """When recording: the run exited with another status than the documented one."""
    documented = outcome.documented.exit_status
    return (
        f"It exited with status {outcome.run.exit_status}, but {outcome.output_path.name} documents "
        f"{documented}: it is not recorded. If it is meant to exit so now, delete {outcome.output_path.name} and run "
        f"'{command_for(outcome)}' again."
    )


def command_for(outcome) -> str:
    """The command that records the file this check compares with: the documented output, or a variant."""
    if outcome.output_path == outcome.example.output:
        return plain_command(outcome.example)
    return variant_command(outcome.example, outcome.target.version)


def _same_output(one, other) -> bool:
    lines = lambda run: [(line.stream, line.text) for line in compare.normalized_lines(run)]  # noqa: E731
    return one.exit_status == other.exit_status and lines(one) == lines(other)


def after_failure(outcome, by_version: dict) -> str:
    """The closing advice of a failed check, given the example's outcomes on every version checked."""
    example, version, run = outcome.example, outcome.target.version, outcome.run
    plain = plain_command(example)
    if run.timed_out is not None:
        return (
            "A run that is killed is never recorded: find where it waits (it printed the lines above before it "
            f"was killed), fix that, then run '{command_for(outcome)}'."
        )
    if run.left_behind or run.left_running:
        return (
            "A run that leaves files or processes behind is never recorded: fix the example as said above, "
            f"then run '{command_for(outcome)}'."
        )
    missing = needs_newer(run, version)
    if missing is not None and outcome.documented is not None:
        return declare_requirement(example, *missing, outcome.documented)
    if outcome.documented is None:
        # Where a version lacked what it needs, recording with the reference version would fail the same way.
        for other in [outcome, *by_version.values()]:
            if other.run is not None and (missing := needs_newer(other.run, other.target.version)) is not None:
                return record_for_newer(example, *missing)
        return f"{example.output.name} is missing: record it with '{plain}', and review it."
    if outcome.output_path != example.output:
        return f"If this run is right for Python {pythons.text(version)}, re-record its variant: {variant_command(example, version)}"
    recorded_with = outputs.recorded_version(outcome.documented)
    if version == recorded_with:
        return f"If this run is right, re-record it: {plain}"
    reference = by_version.get(recorded_with)
    variant = variant_command(example, version)
    if reference is None or reference.run is None:
        return (
            f"If Python {pythons.text(recorded_with)}, which {example.output.name} is recorded with, prints this too, "
            f"re-record it: {plain}. If only Python {pythons.text(version)} prints this, record a variant for it: {variant}"
        )
    if reference.ok:
        return (
            f"Python {pythons.text(recorded_with)} still prints what {example.output.name} documents. If this output "
            f"is right for Python {pythons.text(version)}, record a variant for it: {variant}"
        )
    if _same_output(reference.run, run):
        return f"It fails the same way on Python {pythons.text(recorded_with)}: if this run is right, re-record it, once for every version: {plain}"
    return (
        f"It fails on Python {pythons.text(recorded_with)} too, differently: re-record that first ({plain}) and check "
        f"again; if Python {pythons.text(version)} still differs, record a variant for it: {variant}"
    )
