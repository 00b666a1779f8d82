"""make bench SCALE=N: renamed copies of the examples, each checkable against its own renamed output."""

from harness.bench import copy_examples, percentile
from harness.examples import find_examples


def test_copies_are_renamed_in_their_outputs_and_self_naming_sources_are_skipped(tmp_path):
    guide = tmp_path / "guide"
    examples = guide / "examples"
    examples.mkdir(parents=True)
    (examples / "fails.py").write_text("raise ValueError('no')\n")
    (examples / "fails.out").write_text(
        "# Documented output of fails.py\n"
        '  0.0 err| File "/somewhere/fails.py", line 1, in <module>\n'
        "  0.0 exit 1\n")
    (examples / "fails.3.9.out").write_text("# Documented output of fails.py on 3.9\n  0.0 exit 1\n")
    (examples / "names_itself.py").write_text("print(open('names_itself.py').read())\n")
    (examples / "names_itself.out").write_text("# names_itself.py\n")
    copied, skipped = copy_examples(3, tmp_path / "copies", guide)
    names = sorted(example.name for example in copied)
    assert names == ["fails", "fails_copy2", "fails_copy3", "names_itself"]
    assert skipped == ["names_itself (its source names its own file)"]
    folder = tmp_path / "copies" / "guide" / "examples"
    assert (folder / "fails_copy2.out").read_text() == (
        "# Documented output of fails_copy2.py\n"
        '  0.0 err| File "/somewhere/fails_copy2.py", line 1, in <module>\n'
        "  0.0 exit 1\n")
    assert (folder / "fails_copy3.3.9.out").read_text().startswith("# Documented output of fails_copy3.py on 3.9")
    assert (folder / "fails_copy3.py").read_text() == "raise ValueError('no')\n"
    assert sorted(e.name for e in find_examples(tmp_path / "copies" / "guide")) == names


def test_percentiles():
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 0.5), percentile(values, 0.99), percentile(values, 1.0)) == (51.0, 100.0, 100.0)
