"""Evidence for many units from one table: a CSV file, a list of rows or a pandas DataFrame.

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
from inspectkit.loading._files import read_rows
from inspectkit.loading._framework import resolve_framework
from inspectkit.loading._issues import IssueCollector, suggest
from inspectkit.loading._values import ValueReader, cell_value
from inspectkit.rubric import Criterion, Framework

__all__ = ["TableSource", "load_evidence_table"]

TableSource: TypeAlias = "str | os.PathLike[str] | Iterable[Mapping[str, Any]] | Any"
"""What a table may be: a CSV path, an iterable of mappings (one per unit) or a DataFrame."""

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
    source: TableSource, framework: Framework | str | os.PathLike[str]
) -> list[Evidence]:
    """Read evidence for many units from one table: a CSV file, rows, or a pandas DataFrame.

    The table has a ``unit`` column, an optional ``date`` column (ISO dates, ``2026-09-30``) and
    one column per criterion id; an empty cell means the evidence is absent and
    ``not_applicable`` (or ``n/a``) that the criterion does not apply. Cells take the forms of
    the evidence format written as text: ``0.72``, ``72%``, ``412/702``, ``a large majority``,
    ``14.5``, ``yes`` / ``no`` (or ``true`` / ``false``, ``met`` / ``not met``), ``RI``.

    Args:
        source: A CSV path, an iterable of mappings (one per unit) or a DataFrame.
        framework: The framework, its id or a path to its file.

    Returns:
        One `Evidence` per row, in the order of the table.

    Raises:
        EvidenceError: Every problem in the table at once, each at ``row N, column C`` (row 1
            is the header row), with a stable code and a hint.
        TypeError: *source* is not a table, or one of its rows is not a mapping.
    """
    framework = resolve_framework(framework)
    header, rows, file = read_rows(source, _WHAT, "the table")
    criteria = {criterion.id: criterion for criterion in framework.criteria()}
    issues: list[Issue] = []

    def problem(
        row: int | None, column: str | None, code: str, message: str, hint: str | None = None
    ) -> None:
        parts = [f"row {row}" if row is not None else "", f"column {column}" if column else ""]
        issues.append(
            Issue(
                path=", ".join(part for part in parts if part),
                code=code,
                message=message,
                line=row if file else None,
                hint=hint,
                file=file,
            )
        )

    if "unit" not in header:
        problem(
            1,
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
            1,
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
        number = index + 2
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
        raise EvidenceError(f"{where}: the evidence table has {len(issues)} {noun}", issues)
    return evidence
