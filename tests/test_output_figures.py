"""The :output-time: and :output-figure: roles: prose figures read from a verified output."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DEMO_OUT = """\
# Documented output of demo.py.
  0.0 out| start
  1.0 out| step one
  1.0 out| step one done
  2.5 out| total: 2.50 s
  2.6 exit 0
"""


def build(source: Path) -> subprocess.CompletedProcess:
    """Build a small site with the guide's own conf.py (so its extensions), warnings as errors."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-n", "-c", str(ROOT),
         str(source), str(source / "_build")],
        capture_output=True, text=True, timeout=300,
    )


def site(tmp_path: Path, body: str) -> Path:
    source = tmp_path / "site"
    (source / "examples").mkdir(parents=True)
    (source / "examples" / "demo.py").write_text('print("start")\n')
    (source / "examples" / "demo.out").write_text(DEMO_OUT)
    (source / "index.rst").write_text("Figures\n=======\n\n" + body)
    return source


def figures(source: Path) -> list[str]:
    page = (source / "_build" / "index.html").read_text()
    return re.findall(r'<span class="output-figure">([^<]*)</span>', page)


def test_figures_come_from_the_output_and_follow_a_re_recording(tmp_path):
    source = site(tmp_path, (
        "It takes :output-time:`examples/demo.py`; step one at :output-time:`step one <examples/demo.py>`, "
        "done at :output-time:`step one done <examples/demo.py>`; total :output-figure:`total <examples/demo.py>`.\n"
    ))
    result = build(source)
    assert result.returncode == 0, result.stdout + result.stderr
    assert figures(source) == ["2.6 s", "1.0 s", "1.0 s", "2.50 s"]

    # Re-recorded: an incremental build shows the new figures.
    (source / "examples" / "demo.out").write_text(
        DEMO_OUT.replace("1.0 out| step one\n", "1.5 out| step one\n").replace("2.50 s", "3.00 s"))
    result = build(source)
    assert result.returncode == 0, result.stdout + result.stderr
    assert figures(source) == ["2.6 s", "1.5 s", "1.0 s", "3.00 s"]


def test_a_figure_not_found_fails_the_build_naming_page_line_and_why(tmp_path):
    source = site(tmp_path, (
        "A :output-time:`examples/gone.py`.\n\n"
        "B :output-time:`no such line <examples/demo.py>`.\n\n"
        "C :output-time:`o <examples/demo.py>`.\n\n"
        "D :output-figure:`start <examples/demo.py>`.\n\n"
        "E :output-figure:`examples/demo.py`.\n"
    ))
    (source / "examples" / "nothing.py").write_text("")
    result = build(source)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    expected = [
        r"index\.rst:4: WARNING: :output-time:`examples/gone\.py`: example file 'examples/gone\.py' not found",
        r"index\.rst:6: WARNING: :output-time:`no such line <examples/demo\.py>`: no line of demo\.out contains "
        r"'no such line'",
        r"index\.rst:8: WARNING: :output-time:`o <examples/demo\.py>`: 3 lines of demo\.out contain 'o' "
        r"\(line 3 at 1\.0 s 'step one', line 4 at 1\.0 s 'step one done', line 5 at 2\.5 s 'total: 2\.50 s'\); "
        r"give more of the line you mean",
        r"index\.rst:10: WARNING: :output-figure:`start <examples/demo\.py>`: line 2 of demo\.out \('start'\) "
        r"prints no duration",
        r"index\.rst:12: WARNING: :output-figure:`examples/demo\.py`: say which line",
    ]
    for pattern in expected:
        assert re.search(pattern, output), f"{pattern}\nnot in:\n{output}"
