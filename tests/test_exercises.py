"""Every exercise: its solution passes, its starter and each known wrong answer fail, with the answer's hint.

The reader's command, 'make check-exercise', runs the same function (harness.exercises.check_file).
"""

import re
from pathlib import Path

import pytest

from harness import exercises, outputs, pythons
from harness.examples import shown_examples
from tests.conftest import skip_outcome

EXERCISES = exercises.find_exercises()
REFERENCE_FOUND = pythons.find(pythons.REFERENCE).found


def test_there_are_exercises():
    assert EXERCISES


def chapters() -> list[str]:
    """The pages of the toctrees whose caption starts with 'Part ' in index.rst, e.g. 'asyncio/gather'."""
    index = (exercises.GUIDE.parent / "index.rst").read_text(encoding="utf-8")
    found = []
    for tree in re.split(r"^\.\. toctree::", index, flags=re.M)[1:]:
        if re.search(r"^\s+:caption: Part ", tree, flags=re.M):
            found += re.findall(r"^\s+(asyncio/[\w-]+)\s*$", tree, flags=re.M)
    return found


def linked_exercise(chapter: str) -> str | None:
    text = (exercises.GUIDE.parent / f"{chapter}.rst").read_text(encoding="utf-8")
    match = re.search(r"^Try it: :doc:`exercises/(\w+)`", text, flags=re.M)
    return match and match.group(1)


def test_every_chapter_ends_with_its_exercise():
    names = {e.name for e in EXERCISES}
    assert len(chapters()) >= 29
    missing = [c for c in chapters() if linked_exercise(c) not in names]
    assert missing == [], "each chapter needs a line 'Try it: :doc:`exercises/<name>`' naming an exercise folder"
    listing = (exercises.GUIDE / "exercises.rst").read_text(encoding="utf-8")
    for chapter in chapters():
        row = rf":doc:`exercises/{linked_exercise(chapter)}`\n\s+- :doc:`{chapter.removeprefix('asyncio/')}`"
        assert re.search(row, listing), f"asyncio/exercises.rst: list {linked_exercise(chapter)} under {chapter}"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.name)
def test_an_exercise_folder_is_complete(exercise):
    assert exercise.problems() == []
    assert exercise.wrong_answers, f"{exercise.folder}: list at least one known wrong answer (wrong_<what>.py)"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.name)
def test_the_page_shows_the_starter_the_target_and_the_solution(exercise):
    shown = {s.target for s in shown_examples()}
    assert exercise.starter in shown and exercise.solution in shown


def answers():
    for exercise in EXERCISES:
        yield pytest.param(exercise, exercise.solution, True, "", id=f"{exercise.name}-solution")
        yield pytest.param(exercise, exercise.starter, False, None, id=f"{exercise.name}-starter")
        for wrong in exercise.wrong_answers:
            yield pytest.param(exercise, wrong, False, exercises.hint(wrong), id=f"{exercise.name}-{wrong.stem}")


ANSWERS = list(answers())


@pytest.fixture(scope="module")
def judged():
    """Every known answer of every exercise, judged in one concurrent run."""
    pairs = [(param.values[0], param.values[1]) for param in ANSWERS]
    return dict(zip(pairs, exercises.check_files(pairs)))


@pytest.mark.skipif(not REFERENCE_FOUND, reason=f"needs Python {pythons.text(pythons.REFERENCE)}: 'make pythons'")
@pytest.mark.parametrize("exercise, answer, passes, expected_hint", ANSWERS)
def test_the_checker_judges_each_known_answer(judged, exercise, answer, passes, expected_hint):
    result = judged[exercise, answer]
    if result.outcome is not None and result.outcome.skipped is not None:
        skip_outcome(result.outcome)  # a run alone that other programs disturbed proves nothing (CI fails)
    assert result.ok is passes, result.report
    if expected_hint == "":
        assert result.hints == [], result.report
    elif expected_hint is not None:  # the starter may or may not look like a wrong answer
        assert expected_hint in result.hints, result.report


@pytest.mark.skipif(not REFERENCE_FOUND, reason=f"needs Python {pythons.text(pythons.REFERENCE)}: 'make pythons'")
def test_the_report_diffs_output_lines_not_the_header(judged):
    reports = [result for result in judged.values() if not result.ok and result.outcome and result.outcome.run]
    assert any(result.outcome.documented.declarations for result in reports), "no declaration to test with"
    for result in reports:
        diffed = [line[1:] for line in result.report.splitlines() if line.startswith(("-", "+", " "))]
        assert not set(result.outcome.documented.header) & set(diffed), result.report


def test_a_malformed_exercise_says_what_is_missing(tmp_path):
    folder = tmp_path / "exercises" / "broken"
    folder.mkdir(parents=True)
    (folder / "starter.py").write_text("print('hi')\n")
    (folder / "wrong_no_hint.py").write_text("print('no hint')\n")
    problems = exercises.Exercise(folder).problems()
    assert any("solution.py: missing" in p for p in problems)
    assert any("solution.out: missing; record it with 'make update-examples EXAMPLE=exercise_broken_solution'" in p
               for p in problems)
    assert any("wrong_no_hint.py:1: a wrong answer starts with a '# hint: ...' comment" in p for p in problems)


def test_the_command_rejects_an_unknown_exercise_and_a_missing_file(capsys, tmp_path):
    assert exercises.main(["no_such_exercise", str(tmp_path / "x.py")]) == 2
    assert "no exercise named 'no_such_exercise'; the exercises are:" in capsys.readouterr().err
    name = EXERCISES[0].name
    assert exercises.main([name, str(tmp_path / "missing.py")]) == 2
    assert "missing.py: no such file" in capsys.readouterr().err


def test_a_hint_is_the_leading_comment(tmp_path):
    wrong = tmp_path / "wrong_x.py"
    wrong.write_text("# hint: first part,\n# second part.\nimport asyncio\n# not the hint\n")
    assert exercises.hint(wrong) == "first part, second part."
    wrong.write_text("import asyncio\n# hint: too late\n")
    assert exercises.hint(wrong) == ""


def test_wrong_answers_are_documented_but_not_examples():
    from harness.examples import find_examples
    names = {e.name for e in find_examples()}
    for exercise in EXERCISES:
        for wrong in exercise.wrong_answers:
            assert outputs.output_path(wrong).is_file(), f"{wrong}: record it with 'make update-examples EXAMPLE=exercise_{exercise.name}_{wrong.stem}'"
            assert f"exercise_{exercise.name}_{wrong.stem}" not in names
            assert not Path(wrong).with_suffix(".timeline").exists()
