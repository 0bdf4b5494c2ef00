"""Many units from one table: read evidence from a CSV, rows or a DataFrame, assess each row.

For many units, `load_evidence_table` reads a CSV (or rows, or a DataFrame) with one row per
unit — a ``unit`` column, an optional ``date`` column and one column per criterion id, an empty
cell meaning *absent* — and `assess_table` assesses every row into an `AssessmentTable` with a
row per unit. Bad cells are reported all at once, each at ``row N, column C`` where row 1 is the
header, as a spreadsheet numbers them.

pandas is imported only inside `to_dataframe` and when a DataFrame is passed in.
"""

from __future__ import annotations

import csv
import datetime
import math
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from inspectkit.errors import EvidenceError, InspectkitError, Issue
from inspectkit.evidence import Entry, Evidence
from inspectkit.render._data import (
    records_to_csv,
    records_to_dataframe,
    table_fields,
    table_records,
)
from inspectkit.results import Assessment
from inspectkit.rubric import Framework, MissingPolicy

__all__ = [
    "AssessmentTable",
    "assess_table",
    "load_evidence_table",
]

Record = dict[str, Any]


# --- Batch: many units from one table -------------------------------------------------------


def _cell_value(raw: Any) -> Any:
    """Return a cell as the value to read, or ``None`` for an empty (absent) cell.

    Text cells are kept as text and read by the criterion's measure, as the command line reads
    ``--set`` values; DataFrame cells keep their Python type (numpy scalars become plain ones)
    and NaN means empty.
    """
    if isinstance(raw, str):
        return raw.strip() or None
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None
    if hasattr(raw, "item"):  # a numpy scalar from a DataFrame
        raw = raw.item()
        if isinstance(raw, float) and math.isnan(raw):
            return None
    return raw


def _read_rows(source: Any) -> tuple[list[str], list[dict[str, Any]], str | None]:
    """Return the header, the rows and the file name of a CSV path, rows or a DataFrame."""
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        try:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                reader = csv.DictReader(handle)
                rows = [dict(row) for row in reader]
                header = list(reader.fieldnames or [])
        except OSError as error:
            raise EvidenceError(f"{path}: cannot read the table: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise EvidenceError(
                f"{path}: the table is not UTF-8 text",
                [
                    Issue(
                        "",
                        "not-utf8",
                        "the file is not UTF-8 text",
                        hint="save it as UTF-8 CSV",
                        file=path,
                    )
                ],
            ) from error
        return header, rows, path
    if hasattr(source, "to_dict") and hasattr(source, "columns"):
        header = [str(column) for column in source.columns]
        return header, list(source.to_dict(orient="records")), None
    given = [dict(row) for row in source]
    columns: list[str] = []
    for row in given:
        columns.extend(str(key) for key in row if str(key) not in columns)
    return columns, given, None


def _parse_date(raw: Any) -> datetime.date | None:
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    text = str(raw).strip()
    if not text:
        return None
    return datetime.date.fromisoformat(text)


def _suggest(name: str, choices: Iterable[str]) -> str | None:
    from inspectkit.loading._issues import suggest

    return suggest(name, choices)


def _resolve_framework(framework: Framework | str | os.PathLike[str]) -> Framework:
    if isinstance(framework, Framework):
        return framework
    from inspectkit.loading import load_framework  # type: ignore[attr-defined,unused-ignore]

    loaded: Framework = load_framework(framework)
    return loaded


class _CellReader:
    """Reads cells into entries, reusing the entry for a cell text already read in a column.

    Spreadsheets repeat cells ("yes", "good") and entries are immutable, so each distinct
    text is parsed once per column.
    """

    def __init__(self, framework: Framework) -> None:
        from inspectkit.loading._evidence import parse_cli_value, parse_entry

        self.framework = framework
        self.parsed: dict[tuple[str, str], Entry] = {}
        self.parse_text = parse_cli_value
        self.parse_value = parse_entry

    def read(self, column: str, raw: Any) -> Entry:
        """Return the entry for the cell *raw* of criterion column *column*."""
        if not isinstance(raw, str):
            return self.parse_value(self.framework, column, raw)
        found = self.parsed.get((column, raw))
        if found is None:
            found = self.parsed[column, raw] = self.parse_text(self.framework, column, raw)
        return found


def load_evidence_table(
    source: str | os.PathLike[str] | Iterable[Mapping[str, Any]] | Any,
    framework: Framework | str | os.PathLike[str],
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
    """
    framework = _resolve_framework(framework)
    header, rows, file = _read_rows(source)
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
        hint = _suggest(column, [*criteria, "unit", "date"])
        problem(
            1,
            column,
            "unknown-column",
            f"{column!r} is not a criterion of framework {framework.id!r}",
            hint=hint or "columns are 'unit', 'date' and criterion ids",
        )
    evidence = []
    cells = _CellReader(framework)
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
        try:
            date = _parse_date(row.get("date"))
        except ValueError:
            date = None
            problem(
                number,
                "date",
                "bad-date",
                f"{row.get('date')!r} is not a date",
                hint="write dates as YYYY-MM-DD",
            )
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
        for column in criteria:
            raw = _cell_value(row[column]) if column in row else None
            if raw is None:
                continue
            try:
                entries[column] = cells.read(column, raw)
            except InspectkitError as error:
                for issue in error.issues or (Issue("", "bad-value", error.summary),):
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


def _assessment_tuple(items: Iterable[Assessment]) -> tuple[Assessment, ...]:
    return tuple(items)


@attrs.frozen
class AssessmentTable:
    """Many units assessed against one framework: one row per unit.

    Attributes:
        framework: The framework every unit was assessed against.
        assessments: The assessments, in the order of the input table.
    """

    framework: Framework
    assessments: tuple[Assessment, ...] = attrs.field(converter=_assessment_tuple)

    def __repr__(self) -> str:
        return f"<AssessmentTable framework={self.framework.id!r} units={len(self.assessments)}>"

    def __len__(self) -> int:
        return len(self.assessments)

    def __iter__(self) -> Iterator[Assessment]:
        return iter(self.assessments)

    @property
    def fields(self) -> tuple[str, ...]:
        """The columns of `to_records`: `BATCH_FIELDS` then one per judgement id."""
        return table_fields(self)

    def to_records(self) -> list[Record]:
        """Return one row per unit: its overall grade and range, coverage and judgement grades."""
        return table_records(self)

    def to_csv(self) -> str:
        """Return `to_records` as deterministic CSV text."""
        return records_to_csv(self.to_records(), self.fields)

    def to_dataframe(self) -> Any:
        """Return `to_records` as a pandas DataFrame (needs ``inspectkit[pandas]``)."""
        return records_to_dataframe(self.to_records(), self.fields)

    def grade_counts(self) -> dict[str, int]:
        """Return how many units are predicted at each overall grade, best grade first."""
        counts = {grade.id: 0 for grade in self.framework.scale}
        for assessment in self.assessments:
            if assessment.grade is not None:
                counts[assessment.grade.id] += 1
        return counts

    def to_markdown(self) -> str:
        """Return the table as Markdown: a row per unit and a count per grade."""
        from inspectkit.render.markdown import render_table_markdown

        return render_table_markdown(self)

    def to_html(self) -> str:
        """Return the table as an HTML fragment with a grade badge per judgement."""
        from inspectkit.render.html import render_table_html

        return render_table_html(self)

    def _repr_html_(self) -> str:
        """Show the table in notebooks."""
        return self.to_html()

    def _repr_markdown_(self) -> str:
        """Show the table as Markdown in front ends that prefer it."""
        return self.to_markdown()


def assess_table(
    framework: Framework | str | os.PathLike[str],
    rows: str | os.PathLike[str] | Iterable[Mapping[str, Any]] | Any,
    *,
    missing: MissingPolicy | str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> AssessmentTable:
    """Assess every unit of a table (see `load_evidence_table`) into one `AssessmentTable`.

    Args:
        framework: The framework, its id or a path to its file.
        rows: A CSV path, an iterable of mappings (one per unit) or a DataFrame.
        missing: The missing-evidence policy, overriding the framework's.
        progress: Called as ``progress(done, total)`` after each unit, for progress display.

    Raises:
        EvidenceError: The table has problems; every one is listed, at its row and column.
    """
    from inspectkit.scoring import (  # type: ignore[import-untyped,import-not-found,attr-defined,unused-ignore]
        assess,
    )

    framework = _resolve_framework(framework)
    evidence = load_evidence_table(rows, framework)
    assessments = []
    issues: list[Issue] = []
    total = len(evidence)
    for done, item in enumerate(evidence, 1):
        try:
            assessments.append(assess(framework, item, missing=missing))
        except InspectkitError as error:
            issues.extend(_row_issues(error, done + 1, item.file))
        if progress is not None:
            progress(done, total)
    if issues:
        where = evidence[0].file or "<table>"
        noun = "problem" if len(issues) == 1 else "problems"
        raise EvidenceError(f"{where}: the evidence table has {len(issues)} {noun}", issues)
    return AssessmentTable(framework, assessments)


def _row_issues(error: InspectkitError, row: int, file: str | None) -> list[Issue]:
    """Return the issues of an error about one row, placed at that row (and column)."""
    found = error.issues or (Issue("", "bad-value", error.summary),)
    placed = []
    for issue in found:
        column = issue.path.split(".")[-1] if issue.path else ""
        path = f"row {row}, column {column}" if column else f"row {row}"
        placed.append(
            Issue(
                path=path,
                code=issue.code,
                message=issue.message,
                line=row if file else None,
                hint=issue.hint,
                file=file,
            )
        )
    return placed
