"""Many units at once: assess every row of an evidence table into one `AssessmentTable`.

The use case that joins loading and scoring for analysts: `inspectkit.loading` reads the table
(`inspectkit.loading._table.EvidenceRows`, which streams a CSV file a row at a time),
`inspectkit.scoring` assesses each row, and a problem any row has, in its cells or when it is
assessed, is reported at that row, all at once.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from inspectkit.errors import EvidenceError, InspectkitError, Issue
from inspectkit.evidence import Evidence
from inspectkit.loading._csv_stream import CsvStream
from inspectkit.loading._framework import resolve_framework
from inspectkit.loading._issues import IssueCollector
from inspectkit.loading._table import EvidenceRows, TableChunk, TableSource
from inspectkit.results import Assessment, AssessmentTable
from inspectkit.rubric import Framework, MissingPolicy
from inspectkit.scoring import (
    ColumnRanks,
    IdColumns,
    assess,
    columnar_supports,
    grade_columns,
    id_columns,
    resolve_policy,
    status_ids,
    unit_ids,
)

__all__ = [
    "TableGrades",
    "UnitGrades",
    "assess_records",
    "assess_table",
    "grade_table",
    "iter_assessments",
    "iter_graded",
]


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
    issues = IssueCollector()  # the first MAX_ISSUES listed, every one counted
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
        raise EvidenceError(
            f"{where}: the evidence table has {len(issues)} {noun}", issues.listed()
        )


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
    `concurrent.futures`, Dask or Spark (see the analysts' guide). The rows are graded at
    once (`grade_table`), with numpy where it is installed and in plain Python elsewhere.

    Raises:
        EvidenceError: The table has problems; every one is listed, as `assess_table` lists them.
    """
    return grade_table(framework, rows, missing=missing).to_records()


# ---- Grading a whole table at once ----------------------------------------------------------


@attrs.frozen
class UnitGrades:
    """One unit's grades in a `TableGrades`, as plain grade ids (``None``: no grade).

    Attributes:
        unit: The unit's name.
        date: The date its evidence describes, if any.
        overall: The overall ``(point, best, worst)`` grade ids.
        judgements: Judgement id -> its ``(point, best, worst)`` grade ids.
        criteria: Criterion id -> its ``(status, point, best, worst)``: the `Status` value
            (``exact``, ``interval``, ``absent``, ``not_applicable``) and grade ids.
        caps_fired: How many caps fired on the point prediction.
        coverage: The weighted share of criteria with evidence.
        statuses: Derived status id -> its ``(point, best, worst)`` level ids.
    """

    unit: str
    date: datetime.date | None
    overall: tuple[str | None, str | None, str | None]
    judgements: dict[str, tuple[str | None, str | None, str | None]]
    criteria: dict[str, tuple[str, str | None, str | None, str | None]]
    caps_fired: int
    coverage: float
    statuses: dict[str, tuple[str | None, str | None, str | None]]

    @classmethod
    def of(cls, assessment: Assessment) -> UnitGrades:
        """Return the grades of *assessment*, as `assess` gives them."""
        evidence = assessment.evidence

        def ids(result: Any) -> tuple[str | None, str | None, str | None]:
            return (_id(result.grade), _id(result.best), _id(result.worst))

        return cls(
            unit=evidence.unit,
            date=evidence.date,
            overall=ids(assessment.overall),
            judgements={key: ids(result) for key, result in assessment.judgements.items()},
            criteria={
                key: (result.status.value, *ids(result))
                for key, result in assessment.criteria.items()
            },
            caps_fired=len(assessment.fired_caps()),
            coverage=assessment.coverage,
            statuses={
                key: (_id(result.level), _id(result.best), _id(result.worst))
                for key, result in assessment.statuses.items()
            },
        )


def _unit_cells(units: list[str], keep_formulas: bool) -> list[str]:
    """Each unit name as `records_to_csv` writes it (`_csv_cell`).

    That is the names themselves when none starts as a formula, which one search over them
    joined finds (not a call per name).
    """
    from inspectkit.render._data import FORMULA_STARTS, _csv_cell

    if keep_formulas:
        return units
    starts = "".join(FORMULA_STARTS)
    joined = "\n".join(units)
    # Every name starts the joined text or follows a line break: a name that starts as a
    # formula is always found (a line break inside a name may find one that does not).
    if not units or re.search(f"(?:^|\n)[{re.escape(starts)}]", joined) is None:
        return units
    return [_csv_cell(unit, keep_formulas) for unit in units]


def _id(item: Any) -> str | None:
    return None if item is None else str(item.id)


_QUOTED = re.compile('[,"\r\n\x00]')
"""A character for which the csv writer quotes a cell (with ``,`` and ``\r\n``), or NUL."""


class TableGrades:
    """Every unit of a table graded at once (`grade_table`): grades without the reasons.

    Its records, CSV and DataFrame are exactly `AssessmentTable`'s for the same table (the
    columns of ``inspectkit batch``). Each unit's full assessment, with every reason, is
    one `assessment` call away.

    Attributes:
        framework: The framework every unit was graded against.
        columnar: How many units were graded in columns; the others (`fallback`) were
            assessed one by one (see `grade_table`).
    """

    def __init__(
        self,
        framework: Framework,
        chunk: TableChunk,
        ranks: ColumnRanks | None,
        assessed: dict[int, Assessment],
        missing: MissingPolicy | str | None,
        *,
        file: str | None = None,
    ) -> None:
        self.framework = framework
        self._chunk = chunk
        self._file = file
        self._ranks = ranks
        self._assessed = assessed
        self._missing = missing
        self.columnar = len(chunk.units) - len(assessed)

    def evidence(self, index: int) -> Evidence:
        """Return the evidence of the unit at *index*, as `load_evidence_table` reads it."""
        chunk = self._chunk
        framework = self.framework
        entries = {
            criterion_id: column[index]
            for criterion_id, column in chunk.cells.items()
            if column[index] is not None
        }
        return Evidence(
            framework=framework.id,
            unit=chunk.units[index],
            entries=entries,  # type: ignore[arg-type]
            date=chunk.dates[index],
            framework_version=framework.version,
            file=self._file,
        )

    @property
    def fallback(self) -> int:
        """How many units were assessed one by one rather than in columns."""
        return len(self._assessed)

    def __len__(self) -> int:
        return len(self._chunk.units)

    def __repr__(self) -> str:
        return f"<TableGrades framework={self.framework.id!r} units={len(self)}>"

    def assessment(self, index: int) -> Assessment:
        """Return the full assessment of the unit at *index* (assessed now, with its reasons)."""
        found = self._assessed.get(index)
        if found is not None:
            return found
        return assess(self.framework, self.evidence(index), missing=self._missing)

    def unit(self, index: int) -> UnitGrades:
        """Return the grades of the unit at *index*."""
        found = self._assessed.get(index)
        if found is not None:
            return UnitGrades.of(found)
        ranks = self._ranks
        assert ranks is not None
        overall, judgements, criteria, caps_fired, coverage = unit_ids(self.framework, ranks, index)
        return UnitGrades(
            unit=self._chunk.units[index],
            date=self._chunk.dates[index],
            overall=overall,
            judgements=judgements,
            criteria=criteria,
            caps_fired=caps_fired,
            coverage=coverage,
            statuses=status_ids(self.framework, ranks, index),
        )

    @property
    def fields(self) -> tuple[str, ...]:
        """The columns of `to_records`: `AssessmentTable.fields`."""
        return AssessmentTable(self.framework, ()).fields

    def to_records(self) -> list[dict[str, Any]]:
        """Return one row per unit, exactly `AssessmentTable.to_records` for the same table."""
        framework = self.framework
        has_overall = framework.has_overall
        columns = self._id_columns()
        records = []
        units, dates = self._chunk.units, self._chunk.dates
        for index, unit in enumerate(units):
            if index in self._assessed or columns is None:
                grades = self.unit(index)
                overall = grades.overall
                judgements = [point for point, _, _ in grades.judgements.values()]
                caps_fired, coverage = grades.caps_fired, grades.coverage
            else:
                overall = (
                    columns.overall[0][index],
                    columns.overall[1][index],
                    columns.overall[2][index],
                )
                judgements = [column[index] for column in columns.judgements]
                caps_fired, coverage = columns.caps_fired[index], columns.coverage[index]
            date = dates[index]
            row: dict[str, Any] = {
                "unit": unit,
                "date": None if date is None else date.isoformat(),
                "framework": framework.id,
            }
            if has_overall:
                row["overall_grade"], row["overall_best"], row["overall_worst"] = overall
            row["coverage"] = round(coverage, 4)
            row["caps_fired"] = caps_fired
            for judgement, point in zip(framework.judgements, judgements, strict=True):
                row[judgement.id] = point
            if framework.statuses:
                for status_id, (level, _, _) in self.unit(index).statuses.items():
                    row[status_id] = level
            records.append(row)
        return records

    def _id_columns(self, text: Callable[[str | None], Any] | None = None) -> IdColumns | None:
        """The columns of the records as plain lists of grade ids, read once from the arrays.

        With *text*, each grade id as ``text(id)`` (see `id_columns`).
        """
        return None if self._ranks is None else id_columns(self.framework, self._ranks, text)

    def to_csv(self, *, keep_formulas: bool = False) -> str:
        """Return `to_records` as CSV text, exactly `AssessmentTable.to_csv` for the table."""
        from inspectkit.render._data import records_to_csv

        header = records_to_csv([], self.fields, keep_formulas=keep_formulas)
        return header + self.csv_rows(keep_formulas=keep_formulas)

    def csv_rows(self, *, keep_formulas: bool = False) -> str:
        """Return `to_csv` without its header line: the rows alone, to write chunk by chunk.

        Why not `records_to_csv` on `to_records`: it builds a dictionary per unit and turns
        every cell into text one by one. Here each column's distinct values are turned into
        text once and the rows are written by one ``writerows``: the same text, since each
        cell is turned into text by the same function (`records_to_csv`'s) and the csv
        writer writes a row the same alone or among others. A table with derived statuses
        or units assessed alone, or a unit name holding a carriage return (whose row
        `records_to_csv` writes specially), goes through `records_to_csv`.
        """
        from inspectkit.render._data import _csv_cell

        framework = self.framework
        units = self._chunk.units
        if self._ranks is None or self._assessed or framework.statuses:
            return self._csv_rows_of_records(keep_formulas)
        texts: dict[Any, str] = {}

        def grade_cell(grade: str | None) -> str:
            # Once per grade of a scale: each unit's cell is then a lookup (by map, in C).
            cell = texts[grade] = _csv_cell(grade, keep_formulas)
            return cell

        columns = self._id_columns(grade_cell)
        assert columns is not None
        coverages: dict[float, str] = {}

        def cells(values: list[Any], found: dict[Any, str]) -> list[str]:
            # Each distinct value once, then a lookup per cell (by map, in C).
            for value in set(values).difference(found):
                # A coverage is written rounded, as `to_records` rounds it.
                cell = round(value, 4) if found is coverages else value
                found[value] = _csv_cell(cell, keep_formulas)
            return list(map(found.__getitem__, values))

        named = _csv_cell(framework.id, keep_formulas)
        days: dict[Any, str] = {
            date: _csv_cell(None if date is None else date.isoformat(), keep_formulas)
            for date in set(self._chunk.dates)
        }
        fired: dict[Any, str] = {}
        by_field: dict[str, list[str]] = {
            "unit": _unit_cells(units, keep_formulas),
            "date": list(map(days.__getitem__, self._chunk.dates)),
            "framework": [named] * len(units),
            "coverage": cells(columns.coverage, coverages),
            "caps_fired": cells(columns.caps_fired, fired),
        }
        if framework.has_overall:
            point, best, worst = columns.overall
            by_field["overall_grade"] = point
            by_field["overall_best"] = best
            by_field["overall_worst"] = worst
        for judgement, column in zip(framework.judgements, columns.judgements, strict=True):
            by_field[judgement.id] = column
        rows = zip(*(by_field[field] for field in self.fields), strict=True)
        written = (
            named,
            *texts.values(),
            *fired.values(),
            *coverages.values(),
            *days.values(),
            *by_field["unit"],
        )
        # One search over every cell text joined by a character the csv writer never quotes.
        if _QUOTED.search("\x1f".join(written)) is None:
            # No cell needs quoting (the rows have many cells, so an empty one is bare too):
            # the csv writer would write each row as its cells joined by commas.
            return "".join(["\n".join(map(",".join, rows)), "\n"]) if units else ""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerows(rows)
        text = buffer.getvalue()
        if text.count("\r") != len(units):  # a cell holds a carriage return
            return self._csv_rows_of_records(keep_formulas)
        # Each carriage return is a row's end, so "\r\n" ends a row and nothing else.
        return text.replace("\r\n", "\n")

    def _csv_rows_of_records(self, keep_formulas: bool) -> str:
        """`csv_rows` by `records_to_csv` itself."""
        from inspectkit.render._data import records_to_csv

        fields = self.fields
        header = records_to_csv([], fields, keep_formulas=keep_formulas)
        text = records_to_csv(self.to_records(), fields, keep_formulas=keep_formulas)
        return text[len(header) :]

    def to_dataframe(self) -> Any:
        """Return `to_records` as a DataFrame, exactly `AssessmentTable.to_dataframe`'s."""
        from inspectkit.render._data import records_to_dataframe

        framework = self.framework
        judgements = [j.id for j in framework.judgements if framework.on_main_scale(j.id)]
        return records_to_dataframe(
            self.to_records(), self.fields, grades=framework.scale.ids, grade_columns=judgements
        )

    def grade_counts(self) -> dict[str, int]:
        """Return how many units are predicted at each overall grade, best grade first."""
        counts = {grade.id: 0 for grade in self.framework.scale}
        for record in self.to_records():
            point = record.get("overall_grade")
            if point is not None:
                counts[point] += 1
        return counts


def grade_table(
    framework: Framework | str | os.PathLike[str],
    rows: TableSource,
    *,
    missing: MissingPolicy | str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
) -> TableGrades:
    """Grade every unit of a table at once: the grades `assess_table` gives, without reasons.

    The table is what `assess_table` takes, and a mapping of columns too (column name ->
    its cells, one per unit: ``{"unit": [...], "registration_under5": [...]}``). Cells are
    read as `load_evidence_table` reads them, with the same problems. The units are graded
    in columns (`inspectkit.scoring._columnar`): each distinct cell once, then, where numpy
    is installed (the ``pandas`` extra brings it), every judgement, cap and the overall
    grade as one array operation over all the units; without numpy, each unit's judgements
    by the engine's own steps on its ranks, in plain Python (no reasons or result objects).

    The grades are exactly `assess`'s for each row (point, best and worst of the overall
    grade, every judgement and criterion, the caps fired, coverage and derived statuses); the
    tests hold it to that on generated frameworks and tables and on every bundled framework.
    Some units are assessed one by one instead, with `assess` itself (`TableGrades.fallback`
    counts them): a unit with a date before one of the framework's judgements was introduced
    (part of the framework does not apply to it), every unit under ``missing="error"`` that
    lacks evidence (its assessment raises, listing what is missing), and every unit of a
    framework whose findings rule acts with no findings at all.

    Raises:
        EvidenceError: The table has problems; every one is listed, as `assess_table` lists
            them.
        MissingExtraError: *rows* is a workbook and openpyxl (the ``excel`` extra) is missing.
    """
    # Without a chunk size the table is one chunk: one TableGrades, or the error.
    (table,) = iter_graded(framework, rows, missing=missing, encoding=encoding, sheet=sheet)
    return table


def iter_graded(
    framework: Framework | str | os.PathLike[str],
    rows: TableSource,
    *,
    missing: MissingPolicy | str | None = None,
    chunk: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
) -> Iterator[TableGrades]:
    """Yield a table's units graded at once, *chunk* units at a time (`grade_table` per chunk).

    A CSV file is read a row at a time (as `iter_assessments` reads it), so with *chunk*
    memory holds one chunk of units, whatever the table's size; without it the whole table
    is one chunk. The arguments are `grade_table`'s; *progress* is `assess_table`'s.

    Raises:
        EvidenceError: After the last chunk, if any row had problems: every one is listed,
            as `assess_table` lists them.
    """
    framework = resolve_framework(framework)
    if isinstance(rows, Mapping):
        rows = _column_rows(rows)
    reader = EvidenceRows(rows, framework, encoding=encoding, sheet=sheet)
    total = _count_rows(rows, reader, encoding) if progress is not None else 0
    issues = IssueCollector()  # the first MAX_ISSUES listed, every one counted
    done = 0
    for part in reader.columns(chunk or _WHOLE):
        graded = _grade(framework, part, reader, missing=missing, issues=issues)
        done += len(part.units)
        if progress is not None:
            progress(done, total)
        if not issues:
            yield graded
    reader.raise_problems()
    if issues:
        where = reader.table.file or "<table>"
        noun = "problem" if len(issues) == 1 else "problems"
        raise EvidenceError(
            f"{where}: the evidence table has {len(issues)} {noun}", issues.listed()
        )


_WHOLE = 1 << 62
"""A chunk size no table reaches: the whole table at once."""


def _column_rows(columns: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows of a mapping of columns (name -> cells, one per unit)."""
    names = [str(name) for name in columns]
    cells = [list(column) for column in columns.values()]
    sizes = {len(column) for column in cells}
    if len(sizes) > 1:
        raise TypeError(f"the columns of a table must be of one length, not {sorted(sizes)}")
    return [dict(zip(names, row, strict=True)) for row in zip(*cells, strict=True)]


def _grade(
    framework: Framework,
    chunk: TableChunk,
    reader: EvidenceRows,
    *,
    missing: MissingPolicy | str | None,
    issues: IssueCollector,
) -> TableGrades:
    """Grade *chunk* at once; a unit whose own assessment raises adds to *issues*."""
    count = len(chunk.units)
    file = reader.table.file
    try:
        policy: MissingPolicy | None = resolve_policy(framework, missing)
    except InspectkitError:
        policy = None  # every unit's assessment raises it, as assess_table reports it
    alone = set(range(count)) if policy is None else set()
    if not alone and not columnar_supports(framework):
        alone = set(range(count))
    table = TableGrades(framework, chunk, None, {}, missing, file=file)
    if not alone and (framework.provisions or any(j.introduced for j in framework.judgements)):
        # Part of the framework may not apply at a unit's date: such a unit goes alone.
        applies = {
            date: not framework.applicability({}, date).criteria for date in set(chunk.dates)
        }
        for index, date in enumerate(chunk.dates):
            if not applies[date]:
                evidence = table.evidence(index)
                if evidence.applied(framework) is not evidence:
                    alone.add(index)
    if policy is MissingPolicy.ERROR:
        columns = [chunk.cells.get(criterion.id) for criterion in framework.criteria()]
        if any(column is None for column in columns):
            alone = set(range(count))
        else:
            alone |= {
                index
                for column in columns
                for index, entry in enumerate(column)  # type: ignore[arg-type]
                if entry is None
            }
    ranks = None
    if len(alone) < count:
        ranks = grade_columns(
            framework,
            {} if chunk.codes else chunk.cells,  # a coded chunk codes every column it has
            count,
            exclude=policy is MissingPolicy.EXCLUDE,
            codes=chunk.codes,
        )
        alone |= set(ranks.wrong_units())
    assessed: dict[int, Assessment] = {}
    for index in sorted(alone):
        try:
            assessed[index] = assess(framework, table.evidence(index), missing=missing)
        except InspectkitError as error:
            number, line = chunk.numbers[index], chunk.lines[index]
            found = error.issues or (Issue("", "bad-value", error.summary),)
            issues.extend(reader.place(issue, number, line) for issue in found)
    return TableGrades(framework, chunk, ranks, assessed, missing, file=file)
