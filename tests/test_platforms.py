"""Examples that use a call only some systems have must say so in their .out header (platforms: ...).

The page then shows "Runs on ... only", since every other example runs as it is
on Linux, macOS and Windows.
"""

import ast

import pytest

from harness import outputs
from harness.examples import find_examples

UNIX = ["Linux", "macOS"]
# Standard-library names that exist, or work, only on some systems: name -> where.
PLATFORM_SPECIFIC = {
    "sched_getaffinity": ["Linux"],
    "add_signal_handler": UNIX,
    "remove_signal_handler": UNIX,
    "os.fork": UNIX,
    "os.kill": UNIX,  # on Windows it cannot deliver a signal that a handler sees
    "os.killpg": UNIX,
    "os.getpgid": UNIX,
    "os.setsid": UNIX,
    "signal.alarm": UNIX,
    "signal.setitimer": UNIX,
    "signal.pthread_kill": UNIX,
    "SIGKILL": UNIX,
    "SIGHUP": UNIX,
    "SIGUSR1": UNIX,
    "fcntl": UNIX,
    "resource": UNIX,
    "termios": UNIX,
    "pwd": UNIX,
    "start_unix_server": UNIX,
    "open_unix_connection": UNIX,
}


def platform_specific_uses(source: str) -> list[tuple[int, str]]:
    """(line, name) of each platform-specific name the code uses: attributes, imports, bare names."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute):
            qualified = f"{node.value.id}.{node.attr}" if isinstance(node.value, ast.Name) else None
            for name in (node.attr, qualified):
                if name in PLATFORM_SPECIFIC:
                    found.append((node.lineno, name))
        elif isinstance(node, ast.Name) and node.id in PLATFORM_SPECIFIC:
            found.append((node.lineno, node.id))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                for part in [*(getattr(node, "module", None) or "").split("."), *alias.name.split(".")]:
                    if part in PLATFORM_SPECIFIC:
                        found.append((node.lineno, part))
    return sorted(set(found))


def undeclared(example, source: str, documented: outputs.Documented) -> list[str]:
    declared = documented.platforms
    problems = []
    for lineno, name in platform_specific_uses(source):
        if declared is None:
            problems.append(
                f"{example.relative}:{lineno}: {name} works only on {', '.join(PLATFORM_SPECIFIC[name])}: declare "
                f"'platforms: {', '.join(PLATFORM_SPECIFIC[name])}: <why>' in the header of {documented.path.name}, "
                "or use a portable call")
        elif not set(declared[0]) <= set(PLATFORM_SPECIFIC[name]):
            problems.append(f"{example.relative}:{lineno}: {name} works only on {', '.join(PLATFORM_SPECIFIC[name])}, "
                            f"but {documented.path.name} declares {', '.join(declared[0])}")
    return problems


EXAMPLES = [e for e in find_examples(wrong_answers=True) if e.output.is_file()]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_platform_specific_calls_are_declared(example):
    problems = undeclared(example, example.path.read_text(encoding="utf-8"), example.documented())
    assert not problems, "\n".join(problems)


def test_an_undeclared_linux_only_call_fails_naming_the_line(tmp_path):
    example = find_examples()[0]
    source = "import os\n\nprint(len(os.sched_getaffinity(0)))\n"
    documented = outputs.parse(tmp_path / "x.out", "  0.0 out| 2\n  0.0 exit 0\n")
    [problem] = undeclared(example, source, documented)
    assert f"{example.relative}:3: sched_getaffinity works only on Linux: declare 'platforms: Linux: <why>'" in problem
    declared = outputs.parse(tmp_path / "x.out", "platforms: Linux: it counts the usable cores\n  0.0 out| 2\n  0.0 exit 0\n")
    assert undeclared(example, source, declared) == []
    too_wide = outputs.parse(tmp_path / "x.out", "platforms: Linux, Windows: no\n  0.0 out| 2\n  0.0 exit 0\n")
    assert "but x.out declares Linux, Windows" in undeclared(example, source, too_wide)[0]


def test_a_malformed_platforms_line_names_the_line(tmp_path):
    with pytest.raises(outputs.OutputFormatError, match="x.out:1: expected 'platforms: <Linux, macOS, Windows"):
        outputs.parse(tmp_path / "x.out", "platforms: BeOS: retro\n  0.0 exit 0\n")
