"""Where the harness finds interpreters, and what 'make pythons' leaves for it."""

import os
import sys

import pytest

from harness import install_pythons, pythons

MISSING = (3, 99)  # a version no machine has on PATH or in pyenv


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ASYNCIO_GUIDE_PYTHONS", str(tmp_path))
    monkeypatch.setattr(pythons, "_pyenv_candidate", lambda version: None)
    pythons.find.cache_clear()
    yield tmp_path
    pythons.find.cache_clear()


def fake_install(cache, version, complete):
    """An interpreter in the cache's layout (this one, linked), finished or not."""
    v = pythons.text(version)
    executable = cache / v / "usr" / "bin" / f"python{v}"
    executable.parent.mkdir(parents=True)
    executable.write_text(f"#!/bin/sh\necho {v}\n")
    executable.chmod(0o755)
    if complete:
        (cache / v / pythons.COMPLETE_MARKER).write_text("")
    return executable


def test_a_finished_install_in_the_cache_is_found(cache):
    executable = fake_install(cache, MISSING, complete=True)
    assert pythons.find(MISSING).path == str(executable)


def test_an_unfinished_install_is_not_used(cache):
    fake_install(cache, MISSING, complete=False)
    found = pythons.find(MISSING)
    assert not found.found
    assert "make pythons" in pythons.missing_message(found)


def test_the_installer_leaves_found_versions_alone_and_says_where_they_are(cache, capsys):
    this = sys.version_info[:2]
    assert install_pythons.main([pythons.text(this)]) == 0
    assert f"Python {pythons.text(this)}: {sys.executable}" in capsys.readouterr().out
    assert os.listdir(cache) == []


def test_a_version_that_cannot_be_had_is_reported_and_fails(cache, capsys, monkeypatch):
    def no_package(version, folder):
        raise install_pythons.CannotInstall("Debian's sid suite has no python3.99 package")
    monkeypatch.setattr(install_pythons, "install", no_package)
    assert install_pythons.main(["3.99"]) == 1
    err = capsys.readouterr().err
    assert "Python 3.99: cannot be installed here: Debian's sid suite has no python3.99 package" in err
    assert "fails under CI=true" in err
