"""Many units at once: assess every row of an evidence table into one `AssessmentTable`.

The use case that joins loading and scoring for analysts: `inspectkit.loading` reads the table
(`inspectkit.loading._table.EvidenceRows`, which streams a CSV file a row at a time),
`inspectkit.scoring` assesses each row, and a problem any row has, in its cells or when it is
assessed, is reported at that row, all at once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

from inspectkit.errors import EvidenceError, InspectkitError, Issue
from inspectkit.loading._csv_stream import CsvStream
from inspectkit.loading._framework import resolve_framework
from inspectkit.loading._table import EvidenceRows, TableSource
from inspectkit.results import Assessment, AssessmentTable
from inspectkit.rubric import Framework, MissingPolicy
from inspectkit.scoring import assess

__all__ = ["assess_records", "assess_table", "iter_assessments"]


def assess_table(
    framework: Framework | str | os.PathLike[str],
    rows: TableSource,
    *,
    missing: MissingPolicy | str | None = None,
    progress: Callable[[int, int], None] | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
) -> AssessmentTable:
    """Assess every unit of a table (see `load_evidence_table`) into one `AssessmentTable`.

    Args:
        framework: The framework, its id or a path to its file.
        rows: A CSV or Excel (.xlsx) path, an iterable of mappings (one per unit) or a
            DataFrame.
        missing: The missing-evidence policy, overriding the framework's.
        progress: Called as ``progress(done, total)`` after each unit, for progress display.
        encoding: A CSV file's encoding (default UTF-8; ``"cp1252"`` for Excel on Windows).
        sheet: The worksheet of a workbook to read (default: the first).

    Raises:
        EvidenceError: The table has problems; every one is listed, at its row and column
            (a workbook's at its cell, ``Sheet1!B7``).
        MissingExtraError: *rows* is a workbook and openpyxl (the ``excel`` extra) is missing.
    """
    framework = resolve_framework(framework)
    assessments = list(
        iter_assessments(
            framework, rows, missing=missing, progress=progress, encoding=encoding, sheet=sheet
        )
    )
    return AssessmentTable(framework, assessments)


def iter_assessments(
    framework: Framework | str | os.PathLike[str],
    rows: TableSource,
    *,
    missing: MissingPolicy | str | None = None,
    progress: Callable[[int, int], None] | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
) -> Iterator[Assessment]:
    """Yield the assessment of every unit of a table, in table order, one at a time.

    `assess_table` keeps every assessment; this keeps none, and a CSV file is read a row at a
    time, so a caller that writes each unit out as it comes (as ``inspectkit batch`` does)
    holds one row and one assessment at a time, whatever the number of units (and a key per
    unit, to find a unit named twice for one date). With *progress*, a CSV file is read once
    more first, to count its rows. The arguments are `assess_table`'s.

    Yields:
        Each unit's `Assessment`, skipping rows that have problems.

    Raises:
        EvidenceError: After the last row, if any row had problems: every one is listed, as
            `assess_table` lists them (a problem in the table's cells stops the assessing, and
            is listed alone). A caller that must not write a partial result waits for the end
            before committing what it wrote.
        MissingExtraError: *rows* is a workbook and openpyxl (the ``excel`` extra) is missing.
    """
    framework = resolve_framework(framework)
    reader = EvidenceRows(rows, framework, encoding=encoding, sheet=sheet)
    total = _count_rows(rows, reader, encoding) if progress is not None else 0
    issues: list[Issue] = []
    for done, (number, line, item) in enumerate(reader, 1):
        # Once the table has a problem nothing more is assessed (the run will fail), but
        # every row is still read, so that every problem in the table is listed.
        if item is not None and not reader.problems:
            try:
                assessment = assess(framework, item, missing=missing)
            except InspectkitError as error:
                found = error.issues or (Issue("", "bad-value", error.summary),)
                issues.extend(reader.place(issue, number, line) for issue in found)
            else:
                yield assessment
        if progress is not None:
            progress(done, total)
    # A problem in the table's cells is listed alone, as a whole read lists it: rows are
    # assessed only once the table reads cleanly.
    reader.raise_problems()
    if issues:
        where = reader.table.file or "<table>"
        noun = "problem" if len(issues) == 1 else "problems"
        raise EvidenceError(f"{where}: the evidence table has {len(issues)} {noun}", issues)


def _count_rows(rows: TableSource, reader: EvidenceRows, encoding: str | None) -> int:
    """How many rows a table has, for progress: a streamed CSV is read once more to count."""
    if reader.table.rows or not isinstance(rows, (str, os.PathLike)):
        return len(reader.table.rows)
    return sum(1 for _ in CsvStream(os.fspath(rows), "the evidence table", encoding=encoding))


def assess_records(
    framework: Framework | str | os.PathLike[str],
    rows: TableSource,
    *,
    missing: MissingPolicy | str | None = None,
) -> list[dict[str, Any]]:
    """Return the rows of ``assess_table(framework, rows).to_records()``, keeping no assessment.

    Plain data, so it crosses a process boundary: map it over chunks of a table with
    `concurrent.futures`, Dask or Spark (see the analysts' guide). Assessments are streamed
    (`iter_assessments`) and each is let go of once its row is written.

    Raises:
        EvidenceError: The table has problems; every one is listed, as `assess_table` lists them.
    """
    framework = resolve_framework(framework)
    records: list[dict[str, Any]] = []
    chunk: list[Assessment] = []
    for assessment in iter_assessments(framework, rows, missing=missing):
        chunk.append(assessment)
        if len(chunk) >= _CHUNK:
            records.extend(AssessmentTable(framework, chunk).to_records())
            chunk.clear()
    records.extend(AssessmentTable(framework, chunk).to_records())
    return records


_CHUNK = 500
"""How many assessments `assess_records` holds before writing their rows."""
