import asyncio
import sys

import pytest

from harness.checking import check_examples


def pytest_addoption(parser):
    parser.addoption(
        "--example-python",
        default=sys.executable,
        help="the interpreter that runs the examples (default: the one running pytest)",
    )


@pytest.fixture(scope="session")
def example_outcomes(request):
    """Run every selected example once, all at once, and check each run."""
    selected = [
        item.callspec.params["example"]
        for item in request.session.items
        if getattr(item, "originalname", None) == "test_example" and hasattr(item, "callspec")
    ]
    python = request.config.getoption("--example-python")
    outcomes = asyncio.run(check_examples(selected, python))
    return {outcome.example: outcome for outcome in outcomes}
