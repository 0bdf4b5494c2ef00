"""``inspectkit batch``: assess every unit of a CSV into one table with a row per unit."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from inspectkit.cli._output import (
    STDIO,
    Inputs,
    add_output_options,
    choose_format,
    emit,
    keep_formulas,
)

if TYPE_CHECKING:
    from inspectkit.results import Assessment, AssessmentTable
    from inspectkit.rubric import Framework

__all__ = ["FORMATS", "register", "run"]

EPILOG = """\
The CSV has one row per unit: a 'unit' column, an optional 'date' column (YYYY-MM-DD) and one
column per criterion id. An empty cell means the evidence is absent. Cells are written as in an
evidence file: 0.72, 72%, 412/702, "a large majority", 14.5, yes/no, RI, not_applicable.
Every problem in the table is reported at once, at "row N, column C" (row 1 is the header).

examples:
  inspectkit batch centres.csv --framework ofsted_childrens_centres_2014
  inspectkit batch centres.csv --framework ofsted_childrens_centres_2014 -f markdown
  inspectkit batch centres.csv --framework my-variant.toml -o grades.csv
  inspectkit batch centres.csv --framework my-variant.toml -o grades.json

exit codes: 0 ok, 1 bad input (every problem is listed on stderr) or an -o file that
cannot be written (it is then unchanged), 2 usage
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
    from inspectkit.batch import assess_table
    from inspectkit.cli._assess import load_framework_arg

    output_format = choose_format(args.format, args.output, list(FORMATS), "csv")
    inputs = Inputs()
    inputs.add(args.csv)
    framework = load_framework_arg(args.framework, inputs)
    rows: Any = args.csv
    if args.csv == STDIO:
        rows = _stdin_rows(inputs.stdin())
    if output_format == "csv":
        text = _streamed_csv(framework, rows, args)
    else:
        table = assess_table(framework, rows, missing=args.missing, progress=_progress(sys.stderr))
        text = FORMATS[output_format](table)
    emit(text, args.output, inputs=inputs, output_format=output_format)
    return 0


STREAM_CHUNK = 500
"""How many units ``batch`` assesses before writing their CSV rows and letting them go."""


def _streamed_csv(framework: Framework, rows: Any, args: argparse.Namespace) -> str:
    """The CSV of every unit, written as the units are assessed.

    Only each unit's row is kept, not its `Assessment` (most of whose parts a row never
    reads), so memory grows with the output text alone: about 100 bytes a unit, where a
    whole `AssessmentTable` holds kilobytes a unit. The rows are the ones
    `AssessmentTable.to_csv` writes, chunk by chunk; problems still stop the run before
    anything is written, every one of them listed.
    """
    from inspectkit.batch import iter_assessments
    from inspectkit.render._data import records_to_csv, table_fields, table_records
    from inspectkit.results import AssessmentTable

    formulas = keep_formulas(args)
    fields = table_fields(AssessmentTable(framework, ()))
    parts = [records_to_csv([], fields, keep_formulas=formulas)]
    chunk: list[Assessment] = []

    def flush() -> None:
        records = table_records(AssessmentTable(framework, chunk))
        text = records_to_csv(records, fields, keep_formulas=formulas)
        parts.append(text[len(parts[0]) :])  # without its header line
        chunk.clear()

    progress = _progress(sys.stderr)
    for assessment in iter_assessments(framework, rows, missing=args.missing, progress=progress):
        chunk.append(assessment)
        if len(chunk) >= STREAM_CHUNK:
            flush()
    flush()
    return "".join(parts)


def _stdin_rows(data: bytes) -> list[dict[str, Any]]:
    """The rows of a CSV read from standard input (problems are reported by row and column)."""
    import csv
    import io

    from inspectkit.errors import EvidenceError

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise EvidenceError("<stdin>: the table is not UTF-8 text; save it as UTF-8 CSV") from error
    return [dict(row) for row in csv.DictReader(io.StringIO(text, newline=""))]


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
    parser.add_argument(
        "csv", metavar="CSV", help="the CSV of units, one row per unit ('-': standard input)"
    )
    parser.add_argument(
        "--framework",
        required=True,
        metavar="ID_OR_PATH",
        help="the framework: a bundled id or a path to a framework TOML file",
    )
    add_output_options(parser, FORMATS, "csv")
    parser.add_argument(
        "--missing",
        choices=["worst", "exclude", "error"],
        help="how absent evidence counts (default: the framework's policy)",
    )
    parser.set_defaults(handler=run)
