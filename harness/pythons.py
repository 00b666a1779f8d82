"""The Python versions the guide supports, and where to find their interpreters."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

Version = tuple[int, int]

SUPPORTED: list[Version] = [(3, 9), (3, 10), (3, 11), (3, 12), (3, 13), (3, 14), (3, 15)]
# Versions past their end of life (no more security fixes), with the month it came.
END_OF_LIFE: dict[Version, str] = {(3, 9): "October 2025", (3, 10): "October 2026"}
# The documented outputs (<name>.out) are recorded with this version; other
# versions get a variant (<name>.3.9.out) only where their output differs.
REFERENCE: Version = (3, 15)


def recording_version(required: Version | None) -> Version:
    """The version an example's documented output and timeline are recorded with.

    The reference version, or the lowest one the example needs if that is newer.
    """
    return max(REFERENCE, required) if required else REFERENCE


def text(version: Version) -> str:
    return f"{version[0]}.{version[1]}"


def parse(value: str) -> Version:
    major, minor = value.strip().split(".")[:2]
    return int(major), int(minor)


def describe_range(versions: list[Version]) -> str:
    """'3.9–3.13' for consecutive supported versions, else a list."""
    versions = sorted(versions)
    if not versions:
        return "no supported version"
    first, last = SUPPORTED.index(versions[0]), SUPPORTED.index(versions[-1])
    if versions == SUPPORTED[first:last + 1] and len(versions) > 1:
        return f"{text(versions[0])}\u2013{text(versions[-1])}"
    return ", ".join(text(v) for v in versions)


@dataclass(frozen=True)
class Interpreter:
    version: Version
    path: str | None  # None: not found
    looked: str  # where it was looked for, to tell the user

    @property
    def found(self) -> bool:
        return self.path is not None


def _version_of(path: str) -> Version | None:
    try:
        result = subprocess.run(
            [path, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True, text=True, timeout=20,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None  # e.g. a pyenv shim for a version that is not selected
    return parse(result.stdout)


def _pyenv_candidate(version: Version) -> str | None:
    pyenv = shutil.which("pyenv")
    if not pyenv:
        return None
    try:
        result = subprocess.run([pyenv, "prefix", text(version)], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    prefix = result.stdout.strip().splitlines()[0] if result.returncode == 0 and result.stdout.strip() else ""
    candidate = os.path.join(prefix, "bin", f"python{text(version)}")
    return candidate if prefix and os.path.exists(candidate) else None


# Written last by 'make pythons' into an interpreter's folder: until then it is not used.
COMPLETE_MARKER = "INSTALLED"


def cache_folder() -> Path:
    """Where 'make pythons' installs the interpreters this machine lacks (shared by every clone)."""
    configured = os.environ.get("ASYNCIO_GUIDE_PYTHONS")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "asyncio-guide" / "pythons"


@functools.cache
def find(version: Version) -> Interpreter:
    """A working interpreter for `version`: this one, python3.X on PATH, pyenv's, or 'make pythons''s."""
    cached = cache_folder() / text(version) / "usr" / "bin" / f"python{text(version)}"
    looked = f"python{text(version)} on PATH, 'pyenv prefix {text(version)}', and {cached}"
    candidates = []
    if sys.version_info[:2] == version:
        candidates.append(sys.executable)
    on_path = shutil.which(f"python{text(version)}")
    if on_path:
        candidates.append(on_path)
    candidates.append(_pyenv_candidate(version))
    if (cache_folder() / text(version) / COMPLETE_MARKER).exists():
        candidates.append(str(cached))
    for candidate in candidates:
        if candidate and _version_of(candidate) == version:
            return Interpreter(version, candidate, looked)
    return Interpreter(version, None, looked)


def missing_message(interpreter: Interpreter) -> str:
    v = text(interpreter.version)
    return (
        f"Python {v} not found (looked for {interpreter.looked}); "
        f"install it with 'make pythons' (or e.g. 'pyenv install {v}') to check the examples on it"
    )


def version_of_interpreter(path: str) -> Version:
    if os.path.realpath(path) == os.path.realpath(sys.executable):
        return sys.version_info[:2]
    version = _version_of(path)
    if version is None:
        raise RuntimeError(f"{path} does not run as a Python interpreter")
    return version
