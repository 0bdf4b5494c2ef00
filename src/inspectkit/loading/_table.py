"""Evidence for many units from one table: a CSV or Excel file, a list of rows or a DataFrame.

The table has a ``unit`` column, an optional ``date`` column and one column per criterion id;
an empty cell means *absent*. Each cell is read by the one value reader
(`inspectkit.loading._values.ValueReader.cell`): text as the command line reads ``--set``
text, a DataFrame's numbers and booleans as Python values. Bad cells are reported all at once,
each at ``row N, column C`` where row 1 is the header, as a spreadsheet numbers them.

pandas is never imported here: a DataFrame is recognised by its ``columns`` and ``to_dict``.
"""

from __future__ import annotations

import datetime
import math
import os
from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

from inspectkit.errors import EvidenceError, Issue
from inspectkit.evidence import Entry, Evidence
from inspectkit.loading._files import Table, read_limits, read_table, shape_issues
from inspectkit.loading._framework import resolve_framework
from inspectkit.loading._issues import IssueCollector, capped, suggest
from inspectkit.loading._values import ValueReader, cell_value
from inspectkit.rubric import Criterion, Framework

__all__ = ["TableSource", "load_evidence_table", "read_evidence_table"]

TableSource: TypeAlias = "str | os.PathLike[str] | Iterable[Mapping[str, Any]] | Any"
"""What a table may be: a CSV or .xlsx path, an iterable of mappings (one per unit), a DataFrame."""

_WHAT = "the evidence table"


class _Cells:
    """Reads cells into entries, reusing the entry for a text already read in a column.

    Spreadsheets repeat cells ("yes", "good") and entries are immutable, so each distinct
    text is read once per column. A cell's problems are returned, for the table to place at
    its row and column.
    """

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.read_texts: dict[tuple[str, str], Entry] = {}

    def read(self, criterion: Criterion, raw: object) -> Entry | list[Issue]:
        """Return the entry for the cell *raw* of *criterion*'s column, or its problems."""
        key = (criterion.id, raw) if isinstance(raw, str) else None
        if key is not None:
            found = self.read_texts.get(key)
            if found is not None:
                return found
        issues = IssueCollector()
        entry = ValueReader(issues, python=True).cell(self.framework, criterion, raw, ())
        if entry is None:
            return issues.issues
        if key is not None:
            self.read_texts[key] = entry
        return entry


def load_evidence_table(
    source: TableSource,
    framework: Framework | str | os.PathLike[str],
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    max_bytes: int | None = None,
) -> list[Evidence]:
    """Read evidence for many units from one table: a CSV or .xlsx file, rows, or a DataFrame.

    The table has a ``unit`` column, an optional ``date`` column (ISO dates, ``2026-09-30``) and
    one column per criterion id; an empty cell means the evidence is absent and
    ``not_applicable`` (or ``n/a``) that the criterion does not apply. Cells take the forms of
    the evidence format written as text: ``0.72``, ``72%``, ``412/702``, ``a large majority``,
    ``14.5``, ``yes`` / ``no`` (or ``true`` / ``false``, ``met`` / ``not met``), ``RI``.

    A CSV file's delimiter (``,``, ``;`` or tab) is found from its header row; an Excel
    workbook (``.xlsx``, read with the optional extra ``excel``) gives its first worksheet,
    or *sheet*, and problems at cells such as ``Sheet1!B7``.

    Args:
        source: A CSV or .xlsx path, an iterable of mappings (one per unit) or a DataFrame.
        framework: The framework, its id or a path to its file.
        encoding: A CSV file's encoding (default UTF-8, with or without a byte-order mark;
            ``"cp1252"`` for what Excel on Windows saves as plain "CSV").
        sheet: The worksheet of a workbook to read (default: the first).
        max_bytes: The largest file to read, the CSV and the framework file (default: the
            limit in force, 8 MiB unless raised with `read_limits`).

    Returns:
        One `Evidence` per row, in the order of the table.

    Raises:
        EvidenceError: Every problem in the table at once, each at ``row N, column C`` (row 1
            is the header row) or at its worksheet cell, with a stable code and a hint.
        MissingExtraError: *source* is a workbook and openpyxl is not installed.
        TypeError: *source* is not a table, or one of its rows is not a mapping.
    """
    with read_limits(max_bytes=max_bytes):
        return read_evidence_table(source, framework, encoding=encoding, sheet=sheet)[0]


def read_evidence_table(
    source: TableSource,
    framework: Framework | str | os.PathLike[str],
    *,
    encoding: str | None = None,
    sheet: str | None = None,
) -> tuple[list[Evidence], Table]:
    """`load_evidence_table`, also returning the `Table` read, to place later problems in it."""
    framework = resolve_framework(framework)
    table = read_table(source, _WHAT, "the table", encoding=encoding, sheet=sheet)
    header, rows, file = table.header, table.rows, table.file
    criteria = {criterion.id: criterion for criterion in framework.criteria()}
    issues: list[Issue] = shape_issues(table)

    def problem(
        row: int | None, column: str | None, code: str, message: str, hint: str | None = None
    ) -> None:
        path, line = table.locate(row, column)
        issues.append(Issue(path=path, code=code, message=message, line=line, hint=hint, file=file))

    if "unit" not in header:
        problem(
            table.header_row,
            "unit",
            "missing-column",
            "the table has no 'unit' column",
            hint="add a column headed 'unit' naming each centre",
        )
    for column in header:
        if column in ("unit", "date") or column in criteria:
            continue
        hint = suggest(column, [*criteria, "unit", "date"])
        problem(
            table.header_row,
            column,
            "unknown-column",
            f"{column!r} is not a criterion of framework {framework.id!r}",
            hint=hint or "columns are 'unit', 'date' and criterion ids",
        )
    evidence = []
    cells = _Cells(framework)
    dates = IssueCollector()
    date_reader = ValueReader(dates, python=True)
    seen: dict[tuple[str, datetime.date | None], int] = {}
    for index, row in enumerate(rows):
        number = table.number(index)
        unit_raw = row.get("unit")
        missing_unit = unit_raw is None or (isinstance(unit_raw, float) and math.isnan(unit_raw))
        unit = "" if missing_unit else str(unit_raw).strip()
        if "unit" in header and not unit:
            problem(
                number,
                "unit",
                "missing-unit",
                "the unit name is empty",
                hint="name the centre this row is about",
            )
        date = date_reader.cell_date(row.get("date"), ())
        for issue in dates.issues:
            problem(number, "date", issue.code, issue.message, hint=issue.hint)
        dates.issues.clear()
        key = (unit, date)
        if unit and key in seen:
            problem(
                number,
                "unit",
                "duplicate-unit",
                f"{unit!r} already has a row for this date (row {seen[key]})",
            )
        seen.setdefault(key, number)
        entries: dict[str, Entry] = {}
        for column, criterion in criteria.items():
            raw = cell_value(row[column]) if column in row else None
            if raw is None:
                continue
            read = cells.read(criterion, raw)
            if isinstance(read, Entry):
                entries[column] = read
                continue
            for issue in read:
                problem(number, column, issue.code, issue.message, hint=issue.hint)
        evidence.append(
            Evidence(
                framework=framework.id,
                unit=unit,
                entries=entries,
                date=date,
                framework_version=framework.version,
                file=file,
            )
        )
    if issues:
        where = file or "<table>"
        noun = "problem" if len(issues) == 1 else "problems"
        summary = f"{where}: the evidence table has {len(issues)} {noun}"
        raise EvidenceError(summary, capped(issues, file=file))
    return evidence, table
