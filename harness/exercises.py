"""Exercises: check a reader's own program against an exercise's documented output.

An exercise is a folder ``asyncio/exercises/<name>/`` holding

- ``starter.py``: the program the reader starts from; it runs, and is wrong;
- ``solution.py``: one correct answer; its documented output ``solution.out``
  is what any correct answer must print, and when;
- ``wrong_<what>.py``: known wrong answers, each starting with a
  ``# hint: ...`` comment (one or more lines) for the reader who writes it.

Each of these files is checked by ``make test`` like an example, against its
own ``.out`` (so the page can show the starter's real output). A reader checks
their file with ``make check-exercise EXERCISE=<name> FILE=<path>``, or
``python -m harness.exercises <name> <path>``: it runs under the same harness
and timing rule, and passes when it matches ``solution.out``. When it does not,
the report is the examples' diff, and if the run matches a known wrong
answer's documented output, that answer's hint.
"""

from __future__ import annotations

import argparse
import asyncio
import difflib
import shutil
import sys
import tempfile
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from harness import compare, outputs, pythons
from harness.checking import Outcome, Target, check_targets
from harness.examples import GUIDE, Example

FOLDER = "exercises"
HINT = "# hint:"


@dataclass(frozen=True)
class Exercise:
    folder: Path

    @property
    def name(self) -> str:
        return self.folder.name

    @property
    def starter(self) -> Path:
        return self.folder / "starter.py"

    @property
    def solution(self) -> Path:
        return self.folder / "solution.py"

    @property
    def wrong_answers(self) -> list[Path]:
        return sorted(self.folder.glob("wrong_*.py"))

    def problems(self) -> list[str]:
        """What is missing or malformed in the folder, each naming the file and what to do."""
        found = []
        for path in (self.starter, self.solution):
            if not path.is_file():
                found.append(f"{path}: missing; an exercise folder needs starter.py and solution.py")
        if not outputs.output_path(self.solution).is_file():
            found.append(f"{outputs.output_path(self.solution)}: missing; record it with "
                         f"'make update-examples EXAMPLE={example_name(self.solution)}'")
        for wrong in self.wrong_answers:
            if not hint(wrong):
                found.append(f"{wrong}:1: a wrong answer starts with a '{HINT} ...' comment for the reader")
        return found


def example_name(path: Path) -> str:
    """The name an exercise file is recorded and tested under: exercise_<exercise>_<file>."""
    return Example(path).name


def hint(wrong_answer: Path) -> str:
    """The hint of a wrong answer: its leading '# hint:' comment, continued on the '#' lines after it."""
    lines = wrong_answer.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith(HINT):
        return ""
    text = [lines[0][len(HINT):].strip()]
    for line in lines[1:]:
        if not line.startswith("#"):
            break
        text.append(line.lstrip("#").strip())
    return " ".join(part for part in text if part)


def find_exercises(guide: Path = GUIDE) -> list[Exercise]:
    return sorted((Exercise(p) for p in guide.rglob("*") if p.is_dir() and p.parent.name == FOLDER),
                  key=lambda e: e.name)


def find_exercise(name: str, guide: Path = GUIDE) -> Exercise:
    exercises = find_exercises(guide)
    for exercise in exercises:
        if exercise.name == name:
            return exercise
    known = ", ".join(e.name for e in exercises) or "none"
    raise LookupError(f"no exercise named {name!r}; the exercises are: {known}")


@dataclass
class Result:
    ok: bool
    report: str
    hints: list[str] = field(default_factory=list)  # of the known wrong answers the run looks like
    outcome: Outcome | None = None


def check_file(exercise: Exercise, path: Path, version: pythons.Version = pythons.REFERENCE) -> Result:
    """Run `path` as an answer to `exercise` under Python `version`, and judge it against solution.out."""
    return check_files([(exercise, path)], version)[0]


def check_files(answers: list[tuple[Exercise, Path]], version: pythons.Version = pythons.REFERENCE) -> list[Result]:
    """Judge several answers at once (all run concurrently, as the examples do)."""
    interpreter = pythons.find(version)
    if not interpreter.found:
        return [Result(False, pythons.missing_message(interpreter)) for _ in answers]
    with tempfile.TemporaryDirectory(prefix="exercises-") as scratch:
        targets = []
        for index, (exercise, path) in enumerate(answers):
            # Each answer runs as solution.py beside a copy of solution.out, so that paths in
            # its output read as the solution's and the harness compares it with that output.
            folder = Path(scratch) / str(index)
            folder.mkdir()
            answer = folder / "solution.py"
            shutil.copyfile(path, answer)
            shutil.copyfile(outputs.output_path(exercise.solution), outputs.output_path(answer))
            targets.append(Target(Example(answer, folder), version, interpreter.path))
        outcomes = asyncio.run(check_targets(targets))
    return [_judge(exercise, path, outcome) for (exercise, path), outcome in zip(answers, outcomes)]


def _judge(exercise: Exercise, path: Path, outcome: Outcome) -> Result:
    if outcome.skipped:
        return Result(False, f"not checked: {outcome.skipped}", outcome=outcome)
    if outcome.ok:
        return Result(True, f"{path} matches the documented output of {exercise.name}: well done.", outcome=outcome)
    hints = [hint(wrong) for wrong in exercise.wrong_answers
             if outcome.run is not None and looks_like(outcome.run, outputs.parse(outputs.output_path(wrong)))]
    return Result(False, reader_report(path, outcome), hints=hints, outcome=outcome)


def _signature(lines: list[outputs.Line]) -> list[outputs.Line]:
    """What tells wrong answers apart: standard output, and the last line on standard error.

    The rest of a traceback names the reader's file and its line numbers, which
    differ from a wrong answer's; its last line, the exception, does not.
    """
    errors = [line for line in lines if line.stream == "err"]
    return [line for line in lines if line.stream == "out" or (errors and line is errors[-1])]


def looks_like(run, wrong: outputs.Documented) -> bool:
    """Whether a run prints what a known wrong answer prints, when it prints it, and exits as it does."""
    return compare.verdict(dataclasses.replace(wrong, lines=_signature(wrong.lines)),
                           dataclasses.replace(run, lines=_signature(run.lines))).ok


def reader_report(path: Path, outcome: Outcome) -> str:
    """What is wrong with an answer, and a diff of the target output against the answer's run."""
    run = outcome.run
    problems = list(outcome.verdict.problems) if outcome.verdict else [outcome.message]
    # The output lines only: the header's comments and declarations (runs-alone, ...) are not output.
    target = outputs.format_documented(dataclasses.replace(outcome.documented, header=[])).splitlines()
    answer = [outputs.format_line(line) for line in compare.normalized_lines(run)] if run else []
    if run is not None and run.exit_status is not None and run.timed_out is None:
        answer.append(f"{max(run.exit_time, 0.0):5.1f} exit {run.exit_status}")
    diff = difflib.unified_diff(target, answer, "target output", f"your program ({path.name})", lineterm="")
    return "\n".join([f"{path} does not print what the exercise asks, or not when:",
                      *(f"  - {problem}" for problem in problems), "", *diff])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check your answer to an exercise of the guide.")
    parser.add_argument("exercise", help="the exercise's name (its folder under asyncio/exercises/)")
    parser.add_argument("file", type=Path, help="your program")
    parser.add_argument("--version", default=pythons.text(pythons.REFERENCE),
                        help="the Python version to run it with (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        exercise = find_exercise(args.exercise)
    except LookupError as error:
        print(error, file=sys.stderr)
        return 2
    if not args.file.is_file():
        print(f"{args.file}: no such file; give the path of your program", file=sys.stderr)
        return 2
    problems = exercise.problems()
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    result = check_file(exercise, args.file, pythons.parse(args.version))
    print(result.report)
    if len(result.hints) == 1:
        print(f"\nHint: {result.hints[0]}")
    elif result.hints:
        print("\nYour program behaves like more than one common mistake. Hints:")
        print("\n".join(f"- {text}" for text in result.hints))
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
