"""``inspectkit batch``: assess every unit of a CSV or workbook into one table, a row per unit.

Reads CSV (any of the delimiters and the encoding given) or an Excel workbook (``.xlsx``, the
``excel`` extra); writes CSV (with a byte-order mark for Excel when ``--excel-csv`` asks),
Markdown, JSON or a workbook with a sheet of grades and a sheet of gaps and plans.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from inspectkit.cli._output import (
    STDIO,
    CommandError,
    Inputs,
    add_output_options,
    choose_format,
    emit,
    emit_chunks,
    excel_csv,
    keep_formulas,
)
from inspectkit.cli._statuses import add_fail_on_status

if TYPE_CHECKING:
    from inspectkit.results import Assessment, AssessmentTable
    from inspectkit.rubric import Framework

__all__ = ["FORMATS", "register", "run"]

EPILOG = """\
The table has one row per unit: a 'unit' column, an optional 'date' column (YYYY-MM-DD) and one
column per criterion id. An empty cell means the evidence is absent. Cells are written as in an
evidence file: 0.72, 72%, 412/702, "a large majority", 14.5, yes/no, RI, not_applicable.
Every problem in the table is reported at once, at "row N, column C" (row 1 is the header), or
in a workbook at its cell ("Sheet1!B7"). A CSV may use , ; or tab (found from the header row).
Reading or writing .xlsx needs the optional extra 'excel' (openpyxl).

examples:
  inspectkit batch centres.csv --framework ofsted_childrens_centres_2014
  inspectkit batch centres.csv --framework ofsted_childrens_centres_2014 -f markdown
  inspectkit batch centres.csv --framework my-variant.toml -o grades.csv
  inspectkit batch centres.csv --framework my-variant.toml -o grades.json
  inspectkit batch centres.xlsx --sheet "Centres 2026" --framework ID -o predicted.xlsx
  inspectkit batch windows.csv --encoding cp1252 --framework ID --excel-csv -o predicted.csv

  inspectkit batch schools.csv --framework ofsted_schools_2026 \
      --fail-on-status category_of_concern=special_measures

exit codes: 0 ok, 1 bad input (every problem is listed on stderr) or an -o file that
cannot be written (it is then unchanged), 2 usage, 4 a unit is predicted in a
--fail-on-status status (each such unit is named on stderr)
"""


def _json(table: AssessmentTable) -> str:
    data = {
        "schema_version": 1,
        "framework": {"id": table.framework.id, "version": table.framework.version},
        "units": table.to_records(),
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[AssessmentTable], str | bytes]] = {
    "csv": lambda table: table.to_csv(),
    "markdown": lambda table: table.to_markdown(),
    "json": _json,
    "xlsx": lambda table: table.to_xlsx(),
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


def _check_input_options(args: argparse.Namespace, output_format: str) -> None:
    """Refuse options that do not apply to this input or output (usage errors, exit 2)."""
    import codecs

    from inspectkit.loading._files import SPREADSHEET_SUFFIXES

    workbook = str(args.csv).lower().endswith(SPREADSHEET_SUFFIXES)
    if args.sheet is not None and not workbook and args.csv != STDIO:
        raise CommandError("--sheet applies to an .xlsx workbook, not to CSV input", code=2)
    if args.encoding is not None:
        if workbook:
            raise CommandError("--encoding applies to CSV input, not to an .xlsx workbook", code=2)
        try:
            codecs.lookup(args.encoding)
        except LookupError:
            raise CommandError(
                f"--encoding {args.encoding}: not an encoding Python knows "
                "(utf-8 and cp1252 are the usual ones)",
                code=2,
            ) from None
    excel_csv(args, output_format)


def run(args: argparse.Namespace) -> int:
    """Assess the table named in *args* and write it in the chosen format."""
    from inspectkit.batch import assess_table
    from inspectkit.cli import EXIT_IN_STATUS, EXIT_USAGE
    from inspectkit.cli._assess import load_framework_arg
    from inspectkit.cli._statuses import fail_on_status, parse_fail_on_status

    output_format = choose_format(args.format, args.output, list(FORMATS), "csv")
    _check_input_options(args, output_format)
    inputs = Inputs()
    inputs.add(args.csv)
    framework = load_framework_arg(args.framework, inputs)
    in_status = parse_fail_on_status(framework, args.fail_on_status)
    if in_status is None:
        return EXIT_USAGE
    rows: Any = args.csv
    if args.csv == STDIO:
        rows = _stdin_table(inputs.stdin(table=True), args)
    if output_format == "csv":
        # Written to -o as the units are graded (atomically: see `emit_chunks`).
        failed = [False]
        chunks = _streamed_csv(framework, rows, args, in_status, failed)
        emit_chunks(chunks, args.output, inputs=inputs, bom=args.excel_csv)
        in_a_status = failed[0]
    else:
        table = assess_table(
            framework,
            rows,
            missing=args.missing,
            progress=_progress(sys.stderr),
            encoding=args.encoding,
            sheet=args.sheet,
        )
        report = FORMATS[output_format](table)
        in_a_status = bool(in_status) and fail_on_status(table.assessments, in_status)
        emit(report, args.output, inputs=inputs, output_format=output_format)
    if in_a_status:
        return EXIT_IN_STATUS
    return 0


STREAM_CHUNK = 500
"""How many units ``batch`` assesses before writing their CSV rows and letting them go."""

COLUMN_CHUNK = 5_000
"""How many units ``batch`` grades at once in columns."""


def _streamed_csv(
    framework: Framework,
    rows: Any,
    args: argparse.Namespace,
    in_status: Sequence[tuple[str, str | None]],
    failed: list[bool],
) -> Iterator[str]:
    """Yield the CSV of every unit, a chunk of rows at a time, as the units are assessed.

    *in_status* are the ``--fail-on-status`` values: each chunk's units in one are named on
    standard error as the chunk is made (`inspectkit.cli._statuses.fail_on_status`), and
    ``failed[0]`` is set.

    Only each chunk's rows are kept, not its `Assessment` (most of whose parts a row never
    reads), and the caller writes each chunk out as it comes (`emit_chunks`), so memory
    holds one chunk, whatever the number of units. The rows are the ones
    `AssessmentTable.to_csv` writes; problems still stop the run once the table has been
    read, every one of them listed, and the ``-o`` file is then left as it was. Unless
    ``--fail-on-status`` is asked for, each chunk of `COLUMN_CHUNK` units is graded at once
    (`inspectkit.batch.iter_graded`: numpy where installed, plain Python elsewhere), not
    assessed unit by unit.
    """
    from inspectkit.batch import iter_assessments, iter_graded
    from inspectkit.cli._statuses import fail_on_status
    from inspectkit.render._data import records_to_csv, table_fields, table_records
    from inspectkit.results import AssessmentTable

    formulas = keep_formulas(args)
    fields = table_fields(AssessmentTable(framework, ()))
    header = records_to_csv([], fields, keep_formulas=formulas)
    yield header
    progress = _progress(sys.stderr)
    if not in_status:
        # Graded in columns, a chunk at a time: the same rows (`TableGrades.csv_rows` are
        # `AssessmentTable.to_csv`'s), without building each unit's assessment.
        for graded in iter_graded(
            framework,
            rows,
            missing=args.missing,
            chunk=COLUMN_CHUNK,
            progress=progress,
            encoding=args.encoding,
            sheet=args.sheet,
        ):
            yield graded.csv_rows(keep_formulas=formulas)
        return
    chunk: list[Assessment] = []

    def flush() -> str:
        if in_status and fail_on_status(chunk, in_status):
            failed[0] = True
        records = table_records(AssessmentTable(framework, chunk))
        chunk.clear()
        return records_to_csv(records, fields, keep_formulas=formulas)[len(header) :]

    assessments = iter_assessments(
        framework,
        rows,
        missing=args.missing,
        progress=progress,
        encoding=args.encoding,
        sheet=args.sheet,
    )
    for assessment in assessments:
        chunk.append(assessment)
        if len(chunk) >= STREAM_CHUNK:
            yield flush()
    yield flush()


STDIO_NAME = "<stdin>"
"""The file name problems in a table read from standard input are reported under."""


def _stdin_table(data: bytes, args: argparse.Namespace) -> Any:
    """The table on standard input: CSV, or a workbook recognised by its first bytes."""
    from inspectkit.loading._files import WORKBOOK_MAGIC, csv_table, workbook_table

    if data.startswith(WORKBOOK_MAGIC):
        if args.encoding is not None:
            raise CommandError("--encoding applies to CSV input, not to an .xlsx workbook", code=2)
        return workbook_table(data, STDIO_NAME, args.sheet, "the evidence table")
    if args.sheet is not None:
        raise CommandError("--sheet applies to an .xlsx workbook, not to CSV input", code=2)
    return csv_table(data, "the evidence table", file=STDIO_NAME, encoding=args.encoding)


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
    parser.add_argument(
        "--sheet",
        metavar="NAME",
        help="the worksheet of an .xlsx input to read (default: the first)",
    )
    parser.add_argument(
        "--encoding",
        metavar="ENCODING",
        help="the text encoding of CSV input (default: utf-8, with or without a byte-order "
        "mark; cp1252 is what Excel on Windows saves as plain CSV)",
    )
    add_fail_on_status(parser)
    parser.set_defaults(handler=run)
