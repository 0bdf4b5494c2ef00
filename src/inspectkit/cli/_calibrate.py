"""``inspectkit calibrate``: how well a framework predicts the grades inspectors published."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspectkit.cli._output import (
    STDIO,
    CommandError,
    Inputs,
    add_output_options,
    check_option_number,
    choose_format,
    emit,
    excel_csv,
    keep_formulas,
    say,
)

if TYPE_CHECKING:
    from inspectkit.results import CalibrationReport

__all__ = ["FORMATS", "parse_share", "register", "run"]

EPILOG = """\
Each EVIDENCE is an evidence file or a directory (its *.toml files). A case's id is its file
name without .toml. The published grades come from --outcomes, a CSV with an 'id' column, an
'overall' column and a column per judgement id (other columns, such as 'tier', are kept; an
empty cell means the grade was not published), or from each file's [outcome] table. Every
figure is shown next to the commonest-grade baseline; an ungraded prediction counts as a miss.

examples:
  inspectkit calibrate --framework ofsted_childrens_centres_2014 \\
      --outcomes cases/outcomes.csv --missing exclude cases/
  inspectkit calibrate --framework local-variant.toml --outcomes past.csv past/ -o report.html
  inspectkit calibrate --framework local-variant.toml past/ -f json | jq .overall.exact_share
  inspectkit calibrate --framework local-variant.toml --outcomes past.csv past/ \\
      --fail-under-exact 80%                    # exit 3 if overall exact agreement < 80%

formats:
  text      the figures beside the baseline, and the misses (the default)
  markdown  the full report: agreement, confusion matrices, each miss with its reasons
  html      the full report as a standalone page
  json      the full report as data
  csv       one row per case and published grade, for spreadsheets

exit codes:
  0  ok
  1  bad input: an evidence file, the outcomes table or the framework has problems (every
     one is listed on stderr), or the -o file cannot be written (it is then unchanged)
  2  usage: unknown option, a --fail-under-exact that is not a share, '-' as EVIDENCE
  3  overall exact agreement is below --fail-under-exact
"""

FORMATS: dict[str, Callable[[CalibrationReport], str]] = {
    "text": lambda report: report.to_text(),
    "markdown": lambda report: report.to_markdown(),
    "html": lambda report: report.to_html(),
    "json": lambda report: report.to_json() + "\n",
    "csv": lambda report: report.to_csv(),
}
"""The output formats: name -> renderer of a `CalibrationReport`."""

_SHARE = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(%?)\s*$")


def parse_share(text: str) -> float:
    """Read a share as ``--fail-under-exact`` takes it: ``0.8`` or ``80%``.

    Raises:
        CommandError: (code 2) *text* is not a share from 0 to 1 (0% to 100%).
    """
    check_option_number("--fail-under-exact", text)
    match = _SHARE.match(text)
    share = None
    if match:
        share = float(match[1]) / (100 if match[2] else 1)
    if share is None or not 0 <= share <= 1:
        raise CommandError(f"--fail-under-exact {text!r} is not a share: write 0.8 or 80%", code=2)
    return share


def _cases(paths: list[str], inputs: Inputs) -> list[Path]:
    """The evidence files named on the command line, a directory giving its *.toml files."""
    from inspectkit.calibration import case_files

    files: list[Path] = []
    for name in paths:
        if name == STDIO:
            raise CommandError(
                "calibrate reads evidence from files (each case's id is its file name), not '-'",
                code=2,
            )
        path = Path(name)
        found = case_files(path) if path.is_dir() else [path]
        inputs.add(*found)
        files.extend(found)
    return files


def _outcomes(name: str | None, inputs: Inputs) -> Any:
    """The outcomes table: a path, or the table of a CSV read from standard input.

    Standard input is read as a file is (`csv_table`), so its rows are checked for cells
    without a heading, missing cells and repeated headings, and placed at their lines.
    """
    if name is None or name != STDIO:
        inputs.add(name)
        return name
    from inspectkit.loading._files import csv_table

    return csv_table(inputs.stdin("outcomes", table=True), "the outcomes table", file="<stdin>")


def run(args: argparse.Namespace) -> int:
    """Calibrate the framework named in *args* on its cases and write the report."""
    from inspectkit.calibration import calibrate
    from inspectkit.cli import EXIT_BELOW_TARGET, EXIT_OK
    from inspectkit.cli._assess import load_framework_arg

    output_format = choose_format(args.format, args.output, list(FORMATS), "text")
    bom = excel_csv(args, output_format)
    floor = None if args.fail_under_exact is None else parse_share(args.fail_under_exact)
    inputs = Inputs()
    files = _cases(args.evidence, inputs)
    outcomes = _outcomes(args.outcomes, inputs)
    framework = load_framework_arg(args.framework, inputs)
    report = calibrate(framework, files, outcomes=outcomes, missing=args.missing)
    if output_format == "csv":
        text = report.to_csv(keep_formulas=keep_formulas(args))
    else:
        text = FORMATS[output_format](report)
    emit(text, args.output, inputs=inputs, output_format=output_format, bom=bom)
    if floor is not None:
        share = report.overall.exact_share
        if share is None or share < floor:
            from inspectkit._words import percent

            got = "no case with a published overall grade" if share is None else percent(share)
            say(f"inspectkit: overall exact agreement {got}, below {percent(floor)}")
            return EXIT_BELOW_TARGET
    return EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``calibrate`` command to the command line."""
    parser = commands.add_parser(
        "calibrate",
        help="compare predictions with published grades (agreement, baseline, misses)",
        description="Assess each case's evidence and compare the prediction with the grade\n"
        "the inspectorate published: exact and within-one agreement per judgement and overall,\n"
        "the confusion matrix, the commonest-grade baseline, and each miss with its reasons.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "evidence",
        metavar="EVIDENCE",
        nargs="+",
        help="evidence files, or directories of them (their *.toml files)",
    )
    parser.add_argument(
        "--framework",
        required=True,
        metavar="ID_OR_PATH",
        help="the framework: a bundled id or a path to a framework TOML file",
    )
    parser.add_argument(
        "--outcomes",
        metavar="FILE.csv",
        help="the published grades: id, overall and judgement id columns ('-': standard "
        "input); without it, each file's [outcome] table",
    )
    add_output_options(parser, FORMATS, "text")
    parser.add_argument(
        "--missing",
        choices=["worst", "exclude", "error"],
        help="how absent evidence counts (default: the framework's policy; for published "
        "reports 'exclude', as a report's silence means 'not said')",
    )
    parser.add_argument(
        "--fail-under-exact",
        metavar="SHARE",
        help="exit with code 3 when overall exact agreement is below SHARE (0.8 or 80%%)",
    )
    parser.set_defaults(handler=run)
