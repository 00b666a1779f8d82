"""CONTRIBUTING.md says what the tooling does: its annotated .out reads, and its naming table holds."""

import re
from pathlib import Path

from harness import outputs
from harness.examples import ROOT, shown_examples

CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = CONTRIBUTING.index(f"\n## {title}\n")
    end = CONTRIBUTING.find("\n## ", start + 1)
    return CONTRIBUTING[start:end if end != -1 else None]


def test_the_annotated_out_file_is_a_valid_out_with_every_kind_of_line():
    text = re.search(r"```text\n(.*?)```", section("The `.out` file"), re.DOTALL).group(1)
    documented = outputs.parse(Path("queue_workers.out"), text)
    assert set(documented.declarations) | {"runs-alone", "no-timeline"} == set(outputs.DECLARATIONS), (
        "the annotated .out should declare every declaration but runs-alone and no-timeline (described in the list)")
    for declaration in outputs.DECLARATIONS:
        assert f"`{declaration}: " in section("The `.out` file"), f"{declaration} is not explained"
    assert {line.stream for line in documented.lines} == {"out", "err"}
    assert any(line.group is not None for line in documented.lines)
    assert documented.exit_status != 0


def test_every_example_starts_with_its_pages_prefix_from_the_naming_table():
    table = dict(re.findall(r"^\| `([^`]+\.rst)` +\| `([a-z_]+)` ", section("Naming"), re.MULTILINE))
    assert table, "no naming table in CONTRIBUTING.md"
    problems = []
    for shown in shown_examples():
        if shown.target.parent.name != "examples":
            continue  # an exercise's files, named by their folder
        page = shown.page.relative_to(ROOT).as_posix()
        prefix = table.get(page)
        if prefix is None:
            problems.append(f"{page}: shows examples but has no prefix in CONTRIBUTING.md's naming table; add one")
        elif not shown.target.name.startswith(prefix):
            problems.append(f"{page}:{shown.lineno}: {shown.target.name} should start with {prefix!r} "
                            f"(rename it, with its .out and .timeline)")
    problems = sorted(set(problems))  # one line per page or example, however often the page shows it
    assert not problems, "\n".join(problems)
