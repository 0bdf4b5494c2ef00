"""An `AssessmentTable` as an Excel workbook (``.xlsx``), with openpyxl (the ``excel`` extra).

Two worksheets: ``Predicted grades`` (a row per unit: overall grade, range, coverage, caps
fired and each judgement's grade) and ``Gaps and plan`` (per unit, why it is not at the next
grade up and the smallest lift plan to reach it, as the text report says them). Header rows
are frozen and filtered; every grade cell holds the grade in words and is filled with the
framework's grade colour, or a grey ramp by place on the scale when the framework has none,
with black or white text, whichever reads better: the words carry the meaning, the fill helps.

Why every text cell is written as a string explicitly: openpyxl stores any text starting with
``=`` as a formula, so a unit named ``=HYPERLINK("http://...")`` would become a live formula.
A cell whose type is set to string is inert however it starts, and keeps its text exactly
(no ``'`` prefix is needed inside a workbook, unlike CSV), except for the control characters
XML cannot hold (`worksheet_text`): a unit name with ``ESC`` or ``NUL`` in it would otherwise
make openpyxl raise, and the workbook could not be written at all.

Why the archive is rewritten: openpyxl stamps the save time in the document properties and in
every zip entry, so two saves of one table would differ. The properties' times and the entries'
are set to one fixed time (1980-01-01, the earliest a zip entry can carry), so a workbook is a
pure function of the table, like every other output (``-o`` and standard output give the same
bytes).
"""

from __future__ import annotations

import copy
import datetime
import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any

import attrs

from inspectkit._words import grade_label, next_grade
from inspectkit.grades import Grade, GradeScale
from inspectkit.loading._files import import_openpyxl
from inspectkit.render._common import collect_gap_lines, collect_plan_lines, ink
from inspectkit.results import Assessment, AssessmentTable

__all__ = [
    "GAPS_SHEET",
    "GRADES_SHEET",
    "NEUTRAL_RAMP",
    "grade_fill",
    "table_to_xlsx",
    "worksheet_text",
]

GRADES_SHEET = "Predicted grades"
GAPS_SHEET = "Gaps and plan"

NEUTRAL_RAMP = ("#4d4d4d", "#7f7f7f", "#b3b3b3", "#e0e0e0")
"""Fills for a scale without colours, best grade darkest: a ramp that reads in greyscale."""

_NO_GRADE_FILL = "#ffffff"
_HEADER_FILL = "#dde3ea"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
_WIDEST = 60  # characters: wider text wraps


_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def worksheet_text(text: str) -> str:
    r"""Return *text* as a worksheet can hold it (see the module docstring).

    XML 1.0, which a workbook's sheets are written in, cannot hold most control characters
    (openpyxl refuses them), so each becomes U+FFFD, visibly replaced; a carriage return is a
    line break, written ``\n`` as Excel writes one, since an XML reader turns it into one anyway.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_IN_XML.sub("\ufffd", text)


def grade_fill(grade: Grade | None, scale: GradeScale) -> str:
    """Return the ``#rrggbb`` fill of *grade*: its colour, else its place on the neutral ramp."""
    if grade is None:
        return _NO_GRADE_FILL
    if grade.colour is not None:
        return grade.colour.hex
    if len(scale) == 1:
        return NEUTRAL_RAMP[0]
    step = round((len(NEUTRAL_RAMP) - 1) * grade.rank / (len(scale) - 1))
    return NEUTRAL_RAMP[step]


@attrs.frozen
class _GradeCell:
    """A grade to write in words on its fill (``None``: not graded)."""

    grade: Grade | None


@attrs.frozen
class _Percent:
    """A share to show as a percentage (the cell keeps the number: 0.85 shows as 85%)."""

    share: float


class _Sheet:
    """Writes rows to one worksheet: text as strings, grades filled, widths measured."""

    def __init__(self, openpyxl: Any, sheet: Any, header: Sequence[str], scale: GradeScale) -> None:
        self.styles = openpyxl.styles
        self.letters = openpyxl.utils.get_column_letter
        self.sheet = sheet
        self.scale = scale
        self.widths = [0] * len(header)
        self.row = 0
        self._known: dict[tuple[str | None, str | None, bool], Any] = {}
        self.append(header)
        for cell in sheet[1]:
            cell.font = self.styles.Font(bold=True)
            cell.fill = self._fill(_HEADER_FILL)
        sheet.freeze_panes = "B2"  # the header row and the unit column stay in view

    def _fill(self, colour: str) -> Any:
        return self.styles.PatternFill("solid", fgColor=colour[1:].upper())

    def _style(self, cell: Any, fill: str | None, number_format: str | None, wrap: bool) -> None:
        """Give *cell* its fill (and the ink that reads on it), number format and wrapping.

        Why the style is copied: openpyxl hashes every style object assigned to a cell to find
        its entry in the workbook's style tables, which cost more than scoring on a table of
        thousands of units. A cell's style is a small array of those entries' indices
        (``cell._style``), so each combination is styled once and its array copied after.
        """
        key = (fill, number_format, wrap)
        if key == (None, None, False):
            return
        known = self._known.get(key)
        if known is not None:
            cell._style = copy.copy(known)
            return
        if fill is not None:
            cell.fill = self._fill(fill)
            cell.font = self.styles.Font(color=ink(fill)[1:].upper())
        if number_format is not None:
            cell.number_format = number_format
        if wrap:
            cell.alignment = self.styles.Alignment(wrap_text=True, vertical="top")
        self._known[key] = copy.copy(cell._style)

    def append(self, values: Sequence[Any]) -> None:
        """Write one row of text, numbers, dates, `_Percent` and `_GradeCell` values."""
        self.row += 1
        for column, value in enumerate(values, start=1):
            cell = self.sheet.cell(row=self.row, column=column)
            shown = value
            fill = number_format = None
            wrap = False
            if isinstance(value, _GradeCell):
                fill = grade_fill(value.grade, self.scale)
                shown = grade_label(value.grade)
            if isinstance(shown, str):
                shown = worksheet_text(shown)
                cell.value = shown
                cell.data_type = "s"  # never a formula: see the module docstring
                wrap = len(shown) > _WIDEST or "\n" in shown
            elif isinstance(shown, _Percent):
                cell.value = shown.share
                number_format, shown = "0%", "100%"
            elif isinstance(shown, datetime.date):
                cell.value = shown
                number_format = shown = "yyyy-mm-dd"
            elif shown is not None:
                cell.value = shown
            self._style(cell, fill, number_format, wrap)
            longest = max((len(line) for line in str(shown or "").splitlines()), default=0)
            self.widths[column - 1] = max(self.widths[column - 1], longest)

    def finish(self) -> None:
        """Size the columns to their contents (within limits) and filter the header row."""
        for column, width in enumerate(self.widths, start=1):
            self.sheet.column_dimensions[self.letters(column)].width = min(width, _WIDEST) + 2
        self.sheet.auto_filter.ref = self.sheet.dimensions


def _grades_sheet(openpyxl: Any, sheet: Any, table: AssessmentTable) -> None:
    framework = table.framework
    judgements = framework.judgements
    header = ["Unit", "Date"]
    if framework.has_overall:
        header += [framework.overall_title, "Best possible", "Worst possible"]
    header += ["Coverage", "Caps fired", *(judgement.title for judgement in judgements)]
    rows = _Sheet(openpyxl, sheet, header, framework.scale)
    for assessment in table:
        overall = assessment.overall
        values: list[Any] = [assessment.evidence.unit, assessment.evidence.date]
        if framework.has_overall:
            values += [_GradeCell(overall.grade), _GradeCell(overall.best)]
            values.append(_GradeCell(overall.worst))
        values += [_Percent(assessment.coverage), len(assessment.fired_caps())]
        values += [_GradeCell(assessment.judgements[j.id].grade) for j in judgements]
        rows.append(values)
    rows.finish()


def _gap_rows(assessment: Assessment) -> list[list[Any]]:
    """The rows of one unit on the gaps sheet: its gaps, then its lift plan's steps."""
    framework = assessment.framework
    unit = assessment.evidence.unit
    if not framework.has_overall:
        return [[unit, "", "", "", "", "the framework gives no overall grade", ""]]
    grade = _GradeCell(assessment.grade)
    target = next_grade(framework.scale, assessment.grade)
    if target is None:
        return [[unit, grade, "", "", "", "at the best grade: nothing to lift", ""]]
    aim = _GradeCell(target)
    rows: list[list[Any]] = []
    gaps = collect_gap_lines(assessment, target)
    for line in gaps:
        blocking = "yes" if line.blocking else ""
        rows.append([unit, grade, aim, "gap", line.title, line.text, blocking])
    plan = collect_plan_lines(assessment, target, gaps)
    for number, (step, title) in enumerate(zip(plan.steps, plan.titles, strict=True), start=1):
        need = step.removeprefix(f"{title}: ")
        rows.append([unit, grade, aim, f"plan step {number}", title, need, ""])
    if not plan.steps and plan.reason:
        rows.append([unit, grade, aim, "plan", "", plan.reason, ""])
    if not rows:
        rows.append([unit, grade, aim, "", "", "no gaps found", ""])
    return rows


def _gaps_sheet(openpyxl: Any, sheet: Any, table: AssessmentTable) -> None:
    header = ["Unit", "Predicted", "Next grade", "What", "Criterion", "What is needed", "Blocking"]
    rows = _Sheet(openpyxl, sheet, header, table.framework.scale)
    for assessment in table:
        for values in _gap_rows(assessment):
            rows.append(values)
    rows.finish()


def table_to_xlsx(table: AssessmentTable) -> bytes:
    """Return *table* as the bytes of an Excel workbook (see the module docstring).

    Raises:
        MissingExtraError: openpyxl (the ``excel`` extra) is not installed.
    """
    openpyxl = import_openpyxl("writing an .xlsx workbook")
    from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped,unused-ignore]

    book = openpyxl.Workbook()
    grades = book.active
    grades.title = GRADES_SHEET
    _grades_sheet(openpyxl, grades, table)
    _gaps_sheet(openpyxl, book.create_sheet(GAPS_SHEET), table)
    book.properties.created = book.properties.modified = datetime.datetime(*_ZIP_TIME)
    book.properties.creator = "inspectkit"
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return _restamp(raw.getvalue())


def _restamp(data: bytes) -> bytes:
    """Return the zip *data* with every entry dated `_ZIP_TIME` (see the module docstring)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
