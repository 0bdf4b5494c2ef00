"""Many units at once: assess every row of an evidence table into one `AssessmentTable`.

The use case that joins loading and scoring for analysts: `inspectkit.loading` reads the table
(`load_evidence_table`), `inspectkit.scoring` assesses each row, and a problem any row has, in
its cells or when it is assessed, is reported at that row, all at once.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from inspectkit.errors import EvidenceError, InspectkitError, Issue
from inspectkit.loading._files import Table
from inspectkit.loading._framework import resolve_framework
from inspectkit.loading._table import TableSource, read_evidence_table
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

    `assess_table` keeps every assessment; this keeps none, so a caller that writes each unit
    out as it comes (as ``inspectkit batch`` does) holds one at a time, whatever the number
    of units. The arguments are `assess_table`'s.

    Yields:
        Each unit's `Assessment`, skipping rows that have problems.

    Raises:
        EvidenceError: After the last unit, if any row had problems: every one is listed, as
            `assess_table` lists them. A caller that must not write a partial result waits
            for the end before committing what it wrote.
        MissingExtraError: *rows* is a workbook and openpyxl (the ``excel`` extra) is missing.
    """
    framework = resolve_framework(framework)
    evidence, table = read_evidence_table(rows, framework, encoding=encoding, sheet=sheet)
    total = len(evidence)
    where = (evidence[0].file if evidence else None) or "<table>"
    # Each unit's evidence is let go of once it is assessed, so memory falls as the run goes.
    pending = deque(evidence)
    del evidence
    issues: list[Issue] = []
    done = 0
    while pending:
        item = pending.popleft()
        done += 1
        try:
            assessment = assess(framework, item, missing=missing)
        except InspectkitError as error:
            issues.extend(_row_issues(error, table, table.number(done - 1)))
        else:
            yield assessment
        if progress is not None:
            progress(done, total)
    if issues:
        noun = "problem" if len(issues) == 1 else "problems"
        raise EvidenceError(f"{where}: the evidence table has {len(issues)} {noun}", issues)


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


def _row_issues(error: InspectkitError, table: Table, row: int) -> list[Issue]:
    """Return the issues of an error about one row, placed at that row (and column)."""
    found = error.issues or (Issue("", "bad-value", error.summary),)
    placed = []
    for issue in found:
        column = issue.path.split(".")[-1] if issue.path else None
        path, line = table.locate(row, column)
        placed.append(
            Issue(
                path=path,
                code=issue.code,
                message=issue.message,
                line=line,
                hint=issue.hint,
                file=table.file,
            )
        )
    return placed
