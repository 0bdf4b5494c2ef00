"""``inspectkit batch``: assess every unit of a CSV into one table with a row per unit."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from inspectkit.render.tables import AssessmentTable

__all__ = ["register", "run", "write_output"]

EPILOG = """\
The CSV has one row per unit: a 'unit' column, an optional 'date' column (YYYY-MM-DD) and one
column per criterion id. An empty cell means the evidence is absent. Cells are written as in an
evidence file: 0.72, 72%, 412/702, "a large majority", 14.5, yes/no, RI, not_applicable.
Every problem in the table is reported at once, at "row N, column C" (row 1 is the header).

examples:
  inspectkit batch centres.csv --framework ofsted_childrens_centres_2014
  inspectkit batch centres.csv --framework ofsted_childrens_centres_2014 --format markdown
  inspectkit batch centres.csv --framework my-variant.toml -o grades.csv

exit codes: 0 ok, 1 bad input (every problem is listed on stderr), 2 usage
"""


def _json(table: AssessmentTable) -> str:
    data = {
        "schema_version": 1,
        "framework": {"id": table.framework.id, "version": table.framework.version},
        "units": table.to_records(),
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[AssessmentTable], str]] = {
    "csv": lambda table: table.to_csv(),
    "markdown": lambda table: table.to_markdown(),
    "json": _json,
}
"""The output formats: name -> renderer of an `AssessmentTable`."""


def write_output(text: str, output: str | None) -> None:
    """Write *text* to the file *output*, or to stdout when it is ``None`` or ``-``."""
    if output in (None, "-"):
        sys.stdout.write(text)
        return
    assert output is not None
    Path(output).write_text(text, encoding="utf-8")


def _progress(stream: TextIO) -> Callable[[int, int], None] | None:
    """Return a progress callback writing to *stream*, or ``None`` when it is not a terminal."""
    if not stream.isatty():
        return None

    def report(done: int, total: int) -> None:
        if done == total or done % 100 == 0:
            end = "\n" if done == total else ""
            stream.write(f"\rassessed {done}/{total} units{end}")
            stream.flush()

    return report


def run(args: argparse.Namespace) -> int:
    """Assess the table named in *args* and write it in the chosen format."""
    from inspectkit.render.tables import assess_table

    table = assess_table(
        args.framework, args.csv, missing=args.missing, progress=_progress(sys.stderr)
    )
    write_output(FORMATS[args.format](table), args.output)
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``batch`` command to the command line."""
    parser = commands.add_parser(
        "batch",
        help="assess every unit of a CSV into one table",
        description="Assess every unit (row) of a CSV against one framework and write a table\n"
        "with a row per unit: overall grade, range, coverage and each judgement's grade.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("csv", metavar="CSV", help="the CSV of units (one row per unit)")
    parser.add_argument(
        "--framework",
        required=True,
        metavar="ID_OR_PATH",
        help="the framework: a bundled id or a path to a framework TOML file",
    )
    parser.add_argument(
        "--format", choices=sorted(FORMATS), default="csv", help="output format (default: csv)"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument(
        "--missing",
        choices=["worst", "exclude", "error"],
        help="how absent evidence counts (default: the framework's policy)",
    )
    parser.set_defaults(handler=run)
