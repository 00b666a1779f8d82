"""Install every supported Python that this machine lacks, for the example checks.

``make pythons`` runs this. A version already found (``python3.X`` on PATH,
pyenv, or this cache) is left alone. A missing one is taken from Debian's
unstable suite as binary packages, unpacked into its own folder of the cache
with the C library it was built against, and patched (``patchelf``) to load
that library instead of the system's: the system's apt sources and packages
stay untouched. Each install is checked by running asyncio and a process pool
before it is moved into place, so a half-done install is never found.

The cache is ``$ASYNCIO_GUIDE_PYTHONS``, else ``~/.cache/asyncio-guide/pythons``,
outside the repository so that every clone shares it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import pythons
from harness.pythons import Version

SUITE = "sid"
ARCHIVE = "http://deb.debian.org/debian"
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"
LISTS_MAX_AGE = 24 * 3600  # refresh the suite's package lists once a day at most

# What an interpreter must do before it is put in place.
SMOKE_TEST = """
import asyncio, concurrent.futures, ssl, sqlite3, zlib, lzma, bz2, ctypes, decimal
def square(x):
    return x * x
async def main():
    loop = asyncio.get_running_loop()
    with concurrent.futures.ProcessPoolExecutor(1) as pool:
        return await loop.run_in_executor(pool, square, 7)
if __name__ == "__main__":
    assert asyncio.run(main()) == 49
    print("ok")
"""


class CannotInstall(Exception):
    """A version that cannot be had here, with what to do instead."""


def _apt_options(apt_dir: Path) -> list[str]:
    return [
        "-o", "Dir::Etc::sourcelist=/dev/null",
        "-o", f"Dir::Etc::sourceparts={apt_dir / 'sources'}",
        "-o", f"Dir::State::Lists={apt_dir / 'lists'}",
        "-o", f"Dir::Cache={apt_dir / 'cache'}",
        "-o", "Debug::NoLocking=1",
    ]


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise CannotInstall(f"'{' '.join(command[:2])} …' failed (exit {result.returncode}):\n"
                            f"{(result.stderr or result.stdout).strip()[-2000:]}")
    return result


def _prepare_apt(apt_dir: Path) -> list[str]:
    """A private apt configuration for the unstable suite, its lists at most a day old."""
    for tool in ("apt-get", "apt-cache", "dpkg"):
        if not shutil.which(tool):
            raise CannotInstall(f"'{tool}' not found: this installer needs Debian's apt and dpkg")
    if not os.path.exists(KEYRING):
        raise CannotInstall(f"{KEYRING} not found: install Debian's archive keyring (debian-archive-keyring)")
    for sub in ("sources", "lists/partial", "cache/archives/partial"):
        (apt_dir / sub).mkdir(parents=True, exist_ok=True)
    (apt_dir / "sources" / f"{SUITE}.sources").write_text(
        f"Types: deb\nURIs: {ARCHIVE}\nSuites: {SUITE}\nComponents: main\nSigned-By: {KEYRING}\n")
    options = _apt_options(apt_dir)
    stamp = apt_dir / "lists" / ".updated"
    if not stamp.exists() or time.time() - stamp.stat().st_mtime > LISTS_MAX_AGE:
        print(f"  reading the package lists of Debian's {SUITE} suite")
        _run(["apt-get", *options, "update"])
        stamp.touch()
    return options


def _candidate(options: list[str], package: str) -> str | None:
    result = subprocess.run(["apt-cache", *options, "policy", package], capture_output=True, text=True)
    for line in result.stdout.splitlines():
        if line.strip().startswith("Candidate:"):
            value = line.split(":", 1)[1].strip()
            return None if value == "(none)" else value
    return None


def _libraries(options: list[str], packages: list[str]) -> list[str]:
    """The packages and, recursively, the shared libraries they depend on (first alternative each)."""
    wanted, queue = set(packages), list(packages)
    while queue:
        result = _run(["apt-cache", *options, "depends", "--no-recommends", "--no-suggests",
                       "--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances", queue.pop()])
        for line in result.stdout.splitlines():
            line = line.strip()
            if not line.startswith(("Depends:", "PreDepends:")):
                continue  # alternatives ("|Depends" continuation lines) and other relations
            name = line.split(":", 1)[1].strip().split(":")[0]
            if name.startswith("<"):
                continue  # a virtual package
            if (name.startswith("lib") or name == "zlib1g") and name not in wanted:
                wanted.add(name)
                queue.append(name)
    return sorted(wanted)


def _patch(prefix: Path, executable: Path) -> None:
    if not shutil.which("patchelf"):
        raise CannotInstall("'patchelf' not found: install it ('apt-get install patchelf')")
    libdir = prefix / "usr/lib/x86_64-linux-gnu"
    loader = libdir / "ld-linux-x86-64.so.2"
    if not loader.exists():
        raise CannotInstall(f"{loader} is missing after unpacking: the C library package changed layout")
    # DT_RPATH (not RUNPATH), so that extension modules loaded later find these libraries too.
    _run(["patchelf", "--set-interpreter", str(loader), "--force-rpath", "--set-rpath", str(libdir),
          str(executable)])


def compile_stdlib(executable: Path, version: Version, prefix: Path) -> None:
    """Byte-compile the standard library, as Debian's installer does: unpacked packages ship no .pyc.

    Without it every import compiles from source, and the examples run with
    PYTHONDONTWRITEBYTECODE: 'import asyncio' then takes ten times as long.
    """
    stdlib = prefix / "usr/lib" / f"python{pythons.text(version)}"
    # Test data and the like that does not compile is expected: -q reports nothing, and exit 1 is fine.
    subprocess.run([str(executable), "-m", "compileall", "-q", "-j", "0", str(stdlib)],
                   capture_output=True, text=True, timeout=900)
    if not (stdlib / "asyncio" / "__pycache__").is_dir():
        raise CannotInstall(f"byte-compiling {stdlib} left no asyncio/__pycache__")


def install(version: Version, cache: Path) -> Path:
    """Install Python `version` from the unstable suite into `cache`; return its interpreter."""
    v = pythons.text(version)
    final = cache / v
    options = _prepare_apt(cache / "apt")
    if _candidate(options, f"python{v}") is None:
        raise CannotInstall(f"Debian's {SUITE} suite has no python{v} package: install Python {v} "
                            f"another way, e.g. 'pyenv install {v}'")
    packages = _libraries(options, [f"python{v}", f"python{v}-minimal", f"libpython{v}-minimal",
                                    f"libpython{v}-stdlib"])
    # The loader's path is absolute, so the interpreter is unpacked and patched where it stays;
    # pythons.find ignores it until the COMPLETE marker is written, last.
    if final.exists():
        shutil.rmtree(final)
    with tempfile.TemporaryDirectory(dir=cache, prefix=f".{v}-") as work:
        debs = Path(work)
        print(f"  downloading {len(packages)} packages: {' '.join(packages)}")
        _run(["apt-get", *options, "download", *packages], cwd=debs)
        for deb in sorted(debs.glob("*.deb")):
            _run(["dpkg-deb", "-x", str(deb), str(final)])
        executable = final / "usr/bin" / f"python{v}"
        _patch(final, executable)
        compile_stdlib(executable, version, final)
        smoke = debs / "smoke_test.py"  # a file: process pool workers import its functions by name
        smoke.write_text(SMOKE_TEST)
        check = subprocess.run([str(executable), str(smoke)], capture_output=True, text=True, timeout=120)
        if check.returncode != 0 or check.stdout.strip() != "ok":
            raise CannotInstall(f"the unpacked python{v} does not run asyncio with a process pool:\n"
                                f"{check.stderr.strip()[-2000:]}")
        names = "\n".join(sorted(deb.name for deb in debs.glob("*.deb")))
        (final / pythons.COMPLETE_MARKER).write_text(f"# Installed by 'make pythons' from Debian {SUITE}\n{names}\n")
    return final / "usr/bin" / f"python{v}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("versions", nargs="*", help="only these versions, e.g. 3.14 (default: every supported one)")
    args = parser.parse_args(argv)
    versions = [pythons.parse(v) for v in args.versions] or pythons.SUPPORTED
    cache = pythons.cache_folder()
    failed = []
    for version in versions:
        found = pythons.find(version)
        if found.found:
            prefix = cache / pythons.text(version)
            if found.path.startswith(str(prefix)) and not (
                    prefix / "usr/lib" / f"python{pythons.text(version)}" / "asyncio" / "__pycache__").is_dir():
                print(f"Python {pythons.text(version)}: byte-compiling its standard library")
                compile_stdlib(Path(found.path), version, prefix)
            print(f"Python {pythons.text(version)}: {found.path}")
            continue
        print(f"Python {pythons.text(version)}: not found; installing into {cache / pythons.text(version)}")
        cache.mkdir(parents=True, exist_ok=True)
        try:
            print(f"Python {pythons.text(version)}: installed, {install(version, cache)}")
        except (CannotInstall, OSError, subprocess.SubprocessError) as error:
            print(f"Python {pythons.text(version)}: cannot be installed here: {error}", file=sys.stderr)
            failed.append(pythons.text(version))
    if failed:
        print(f"Not installed: Python {', '.join(failed)} (see above). 'make test' skips them, "
              "and fails under CI=true.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
