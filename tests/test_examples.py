"""Every example's output, order, exit status and timing, checked against a real run.

One test per example and Python version: `pytest -k gather_minimum` checks
one example on every version, `--versions=3.11` one version for all. The
selected examples run all at once (see harness/runner.py); each test then
compares its run with the documented output beside the example.
"""

import pytest

from harness import outputs
from harness.examples import GUIDE, ROOT, duplicate_names, find_examples, shown_examples
from tests.conftest import skip_outcome

EXAMPLES = find_examples()


def test_example(check, example_outcomes):
    """One example under one Python version (parametrized in conftest.py)."""
    outcome = example_outcomes[check]
    if outcome.skipped is not None:
        skip_outcome(outcome)
    if not outcome.ok:
        pytest.fail(outcome.message, pytrace=False)


def test_there_are_examples():
    assert EXAMPLES, f"no examples found under {GUIDE}/**/examples/"


def test_example_names_are_unique():
    duplicates = duplicate_names(EXAMPLES)
    assert not duplicates, "examples share a name (pytest -k and EXAMPLE= need unique names): " + "; ".join(
        f"{name}: " + ", ".join(e.relative for e in found) for name, found in duplicates.items()
    )


def test_every_example_is_shown_on_a_page():
    shown = {s.target for s in shown_examples()}
    unshown = [e.relative for e in EXAMPLES if e.path not in shown]
    assert not unshown, (
        "examples that no page shows (add '.. example:: examples/<name>.py' to a page, or delete them): "
        + ", ".join(unshown)
    )


def test_every_shown_example_exists():
    missing = [
        f"{s.page.relative_to(ROOT)}:{s.lineno}: {s.target.relative_to(ROOT)}"
        for s in shown_examples()
        if not s.target.is_file()
    ]
    assert not missing, "pages show examples that do not exist:\n" + "\n".join(missing)


def test_every_output_file_belongs_to_an_example():
    orphans = [
        out.relative_to(ROOT).as_posix()
        for out in GUIDE.rglob(f"*{outputs.SUFFIX}")
        if out.parent.name == "examples" or out.parent.parent.name == "exercises"
        if not out.with_name(outputs.example_name(out) + ".py").is_file()
    ]
    assert not orphans, "documented outputs without an example (delete them or restore the example): " + ", ".join(orphans)
