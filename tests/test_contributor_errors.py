"""A contributor's mistake gets the clean message, not a traceback from the test machinery."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".git", ".venv", "node_modules", "test-artifacts", ".pytest_cache", "__pycache__", "_build"}


def test_a_malformed_out_fails_its_timeline_check_with_the_clean_message_only(tmp_path):
    copy = tmp_path / "guide"
    shutil.copytree(ROOT, copy, ignore=lambda _, names: [n for n in names if n in SKIP])
    broken = copy / "asyncio" / "examples" / "gather_minimum.out"
    broken.write_text(broken.read_text().replace("1.0 out| Two", "1.0 ot| Two", 1))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "tests/test_timeline.py", "--versions=3.11",
         "-k", "test_timeline and gather_minimum"],
        cwd=copy, capture_output=True, text=True, timeout=300,
    )
    output = result.stdout + result.stderr
    assert "1 failed" in output and " error" not in output, output
    assert "gather_minimum.out:6: cannot read '  1.0 ot| Two'" in output, output
    assert "Traceback" not in output and "OutputFormatError" not in output and "raise fail(" not in output, output
    assert "recorded no timeline" not in output, output
