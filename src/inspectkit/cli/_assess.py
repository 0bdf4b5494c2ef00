"""``inspectkit assess``: predict the grades for one evidence file and write the report."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from inspectkit.results import Assessment
    from inspectkit.rubric import Framework

__all__ = ["FORMATS", "register", "run"]

EPILOG = """\
examples:
  inspectkit assess examples/riverside-nearly-good.toml
  inspectkit assess my-centre.toml --format html -o report.html
  inspectkit assess my-centre.toml --format markdown > report.md
  inspectkit assess my-centre.toml --format json | jq .overall.grade
  inspectkit assess my-centre.toml --framework local-variant.toml --missing exclude
  inspectkit assess my-centre.toml --fail-under good      # exit 3 if predicted below Good

formats:
  text      a short summary for the terminal (the default)
  markdown  the full report, for board papers and wikis
  html      the full report as a standalone page (no external files)
  json      the full result as data (inspectkit schema result describes it)
  csv       one row per criterion, for spreadsheets

exit codes:
  0  ok
  1  bad input: the evidence or framework has problems (every one is listed on stderr)
  2  usage: unknown option, or a --fail-under grade not on the framework's scale
  3  the predicted overall grade is below --fail-under
"""


def _text(assessment: Assessment, color: bool) -> str:
    return assessment.to_text(color=color)


FORMATS: dict[str, Callable[[Assessment, bool], str]] = {
    "text": _text,
    "markdown": lambda assessment, _color: assessment.to_markdown(),
    "html": lambda assessment, _color: assessment.to_html(),
    "json": lambda assessment, _color: assessment.to_json() + "\n",
    "csv": lambda assessment, _color: assessment.to_csv(),
}
"""The output formats: name -> renderer taking the assessment and whether to use colour."""


def use_colour(choice: str, stream: Any) -> bool:
    """Return whether to colour output for ``--color`` *choice* on *stream*.

    ``auto`` colours only a terminal, and never when ``NO_COLOR`` is set (no-color.org).
    """
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _framework_for(evidence_path: str, framework: str | None) -> Framework:
    """Return the framework to assess against: the one given, or the one the file names."""
    import tomli

    from inspectkit.loading import load_framework
    from inspectkit.loading._extends import is_path_reference

    if framework is not None:
        return load_framework(framework)
    named: object = None
    try:
        named = tomli.loads(Path(evidence_path).read_text(encoding="utf-8")).get("framework")
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError):
        named = None  # load_evidence below reports the problem with its line
    if isinstance(named, str) and is_path_reference(named) and not Path(named).is_absolute():
        named = os.fspath(Path(evidence_path).parent / named)
    if not isinstance(named, str):
        from inspectkit.loading import load_evidence

        load_evidence(evidence_path)  # raises EvidenceError naming what is wrong
        raise AssertionError("unreachable: evidence without a framework loaded")  # pragma: no cover
    return load_framework(named)


def run(args: argparse.Namespace) -> int:
    """Assess the evidence named in *args*, write the report, and return the exit code."""
    from inspectkit.cli import EXIT_BELOW_TARGET, EXIT_OK, EXIT_USAGE
    from inspectkit.cli._batch import write_output
    from inspectkit.loading import load_evidence
    from inspectkit.scoring import assess

    framework = _framework_for(args.evidence, args.framework)
    floor = None
    if args.fail_under is not None:
        floor = framework.scale.get(args.fail_under)
        if floor is None:
            grades = ", ".join(grade.id for grade in framework.scale)
            print(
                f"inspectkit: --fail-under {args.fail_under!r} is not a grade of "
                f"{framework.id} (grades: {grades})",
                file=sys.stderr,
            )
            return EXIT_USAGE
    evidence = load_evidence(args.evidence, framework=framework)
    assessment = assess(framework, evidence, missing=args.missing)
    to_terminal = args.output in (None, "-")
    color = args.format == "text" and use_colour(args.color, sys.stdout if to_terminal else None)
    write_output(FORMATS[args.format](assessment, color), args.output)
    if floor is not None and (assessment.grade is None or floor.better_than(assessment.grade)):
        grade = assessment.grade.label if assessment.grade else "no grade"
        print(f"inspectkit: predicted {grade}, below {floor.label}", file=sys.stderr)
        return EXIT_BELOW_TARGET
    return EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``assess`` command to the command line."""
    parser = commands.add_parser(
        "assess",
        help="predict the grades for an evidence file and write the report",
        description="Predict the grade of each judgement and the overall grade for one unit's "
        "evidence, with the range the evidence allows, the gaps to the next grade, what to do "
        "first and the evidence still to collect.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("evidence", metavar="EVIDENCE", help="the evidence TOML file")
    parser.add_argument(
        "--format",
        choices=list(FORMATS),
        default="text",
        help="output format (default: text)",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument(
        "--framework",
        metavar="ID_OR_PATH",
        help="assess against this framework instead of the one the file names",
    )
    parser.add_argument(
        "--missing",
        choices=["worst", "exclude", "error"],
        help="how absent evidence counts (default: the framework's policy)",
    )
    parser.add_argument(
        "--fail-under",
        metavar="GRADE",
        help="exit with code 3 when the predicted overall grade is below GRADE (id, label, alias)",
    )
    parser.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the text format: auto (only on a terminal, unless NO_COLOR is set)",
    )
    parser.set_defaults(handler=run)
