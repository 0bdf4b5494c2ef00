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
import operator
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import repeat
from typing import Any, TypeAlias

from inspectkit.errors import EvidenceError, Issue
from inspectkit.evidence import Counts, Entry, Evidence
from inspectkit.loading._csv_stream import CsvStream
from inspectkit.loading._files import (
    SPREADSHEET_SUFFIXES,
    Table,
    read_limits,
    read_table,
    shape_issues,
)
from inspectkit.loading._framework import resolve_framework
from inspectkit.loading._issues import MAX_ISSUES, IssueCollector, capped, suggest
from inspectkit.loading._values import ValueReader, cell_value
from inspectkit.rubric import Criterion, Framework, Measure

__all__ = [
    "Coded",
    "EvidenceRows",
    "TableChunk",
    "TableSource",
    "load_evidence_table",
    "read_evidence_table",
]

TableSource: TypeAlias = str | os.PathLike[str] | Iterable[Mapping[str, Any]] | Any
"""What a table may be: a CSV or .xlsx path, an iterable of mappings (one per unit), a DataFrame."""

_WHAT = "the evidence table"


class _Cells:
    """Reads cells into entries, reusing the entry for a text already read in a column.

    Spreadsheets repeat cells ("yes", "good") and entries are immutable, so each distinct
    text is read once per column. A cell's problems are returned, for the table to place at
    its row and column. The texts kept are bounded (`MEMO_SIZE`, then the memo starts afresh):
    counts such as ``412/702`` rarely repeat, and a national table's would otherwise be kept
    to the end, growing with the number of units.
    """

    MEMO_SIZE = 20_000

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
        entry = self.parse(criterion, raw)
        if key is not None and isinstance(entry, Entry):
            self._keep(key, entry)
        return entry

    def parse(self, criterion: Criterion, raw: object) -> Entry | list[Issue]:
        """`read` without the memo: the entry for *raw* (through `cell_value`), or its problems."""
        if isinstance(raw, str):
            entry = plain_number(criterion, raw)
            if entry is not None:
                return entry
        issues = IssueCollector()
        found = ValueReader(issues, python=True).cell(self.framework, criterion, raw, ())
        return issues.issues if found is None else found

    def _keep(self, key: tuple[str, str], entry: Entry) -> None:
        if len(self.read_texts) >= self.MEMO_SIZE:
            self.read_texts.clear()
        self.read_texts[key] = entry


_PROPORTION = re.compile(r"(\d{1,15}(?:\.\d{1,15})?)(%?)")
_SIGNED = re.compile(r"-?\d{1,15}(?:\.\d{1,15})?")


def plain_value(criterion: Criterion, text: str) -> float | None:
    """The value of the simplest number cells (see `plain_number`), without building an entry.

    A proportion is ``0.734`` (at most 1), ``73.4%`` (at most three digits before the
    point, at most 100) or ``412/702`` (a positive denominator, no smaller than the
    numerator). A quantity is ``14.5`` or ``-3`` within
    its range. Anything else is ``None``, for the value reader.
    """
    measure = criterion.measure
    if measure is Measure.PROPORTION:
        top, slash, bottom = text.partition("/")
        if slash:
            # Counts, the form that seldom repeats, without the pattern: \d is isdecimal().
            if not (0 < len(top) <= 15 and 0 < len(bottom) <= 15):
                return None
            if not (top.isdecimal() and bottom.isdecimal()):
                return None
            numerator, denominator = int(top), int(bottom)
            return None if denominator == 0 or numerator > denominator else numerator / denominator
        match = _PROPORTION.fullmatch(text)
        if match is None:
            return None
        number, percent = match.groups()
        if percent:
            if len(number.partition(".")[0]) > 3:
                return None
            share = float(number)
            return None if share > 100 else share / 100
        value = float(number)
        return None if value > 1 else value
    if measure is Measure.QUANTITY and _SIGNED.fullmatch(text):
        value = float(text)
        if (criterion.minimum is not None and value < criterion.minimum) or (
            criterion.maximum is not None and value > criterion.maximum
        ):
            return None
        return value
    return None


_RUNS = {
    "counts": r"(?:\d{1,15}/\d{1,15}\n)*\d{1,15}/\d{1,15}",
    "percent": r"(?:\d{1,3}(?:\.\d{1,15})?%\n)*\d{1,3}(?:\.\d{1,15})?%",
    "decimal": r"(?:\d{1,15}(?:\.\d{1,15})?\n)*\d{1,15}(?:\.\d{1,15})?",
}
"""Many texts of one form joined by line breaks (each form as `plain_value` reads it).

Compiled on first use (`re` keeps them), as nothing but a table's columns reads them."""


def plain_values(criterion: Criterion, texts: Sequence[str]) -> list[float | None]:
    """`plain_value` of each of *texts*, in order: the very same values.

    Why: counts such as ``412/702`` rarely repeat, so a national table's chunk has thousands
    of distinct count texts per column, and one `plain_value` call apiece was about a sixth of a
    batch's reading. Here a proportion's texts are sorted by form (a ``/``, a final ``%``,
    else a decimal), each form's texts are joined by line breaks and checked by one
    pattern (`_RUNS`: each text matches `plain_value`'s own test for its form, and none holds
    a line break, since there are exactly one fewer breaks than texts), and read by `int`,
    `float` and ``/`` over all of them at once (``map``, in C), with `plain_value`'s range
    checks. A form whose texts do not all pass (a word, a bad cell, a count above its
    denominator) is read text by text by `plain_value` itself; so is a quantity, whose
    decimals repeat.
    """
    if criterion.measure is not Measure.PROPORTION or len(texts) < _MANY:
        return [plain_value(criterion, text) for text in texts]
    values: list[float | None] = [None] * len(texts)
    counts: list[int] = []
    percents: list[int] = []
    decimals: list[int] = []
    for index, text in enumerate(texts):
        if "/" in text:
            counts.append(index)
        elif text.endswith("%"):
            percents.append(index)
        else:
            decimals.append(index)
    for form, chosen in (("counts", counts), ("percent", percents), ("decimal", decimals)):
        if not chosen:
            continue
        joined = "\n".join([texts[index] for index in chosen])
        read: Sequence[float | None] | None = None
        if joined.count("\n") == len(chosen) - 1 and re.fullmatch(_RUNS[form], joined):
            read = _read_run(form, joined)
        if read is None:
            read = [plain_value(criterion, texts[index]) for index in chosen]
        for index, value in zip(chosen, read, strict=True):
            values[index] = value
    return values


_MANY = 16
"""Fewer texts than this are read one by one (joining them would not pay)."""


def _read_run(form: str, joined: str) -> list[float] | None:
    """The values of a run of texts of one *form* that `_RUNS` matched.

    ``None`` if one is out of range: then each is read alone, to say which.
    """
    if form == "counts":
        numbers = list(map(int, joined.replace("/", "\n").split("\n")))
        tops, bottoms = numbers[0::2], numbers[1::2]
        if 0 in bottoms or any(map(operator.gt, tops, bottoms)):
            return None
        return list(map(operator.truediv, tops, bottoms))
    if form == "percent":
        shares = list(map(float, joined.replace("%", "").split("\n")))
        if max(shares) > 100:
            return None
        return [share / 100 for share in shares]
    decimals = list(map(float, joined.split("\n")))
    return None if max(decimals) > 1 else decimals


def plain_number(criterion: Criterion, text: str) -> Entry | None:
    """The entry the value reader gives the simplest number cells, read without it; else None.

    Why: a national table has hundreds of thousands of distinct number cells (counts such as
    ``412/702`` rarely repeat), and the value reader, which knows every form and every
    problem, takes tens of microseconds for each. Only texts in the narrowest forms (digits, at
    most one point, no sign but a quantity's minus, no exponent, no spaces) that read without a
    problem are taken here (`plain_value`): ``0.734``, ``73.4%`` and ``412/702`` for a
    proportion, ``14.5`` and ``-3`` for a quantity, each within its range. The entry is the
    one the reader builds (the same value, counts and text); the tests hold the two equal on
    every bundled criterion. Everything else, including every text with a problem, goes to
    the reader.
    """
    value = plain_value(criterion, text)
    if value is None:
        return None
    if criterion.measure is Measure.PROPORTION:
        if text.endswith("%"):
            return Entry(criterion.id, value, text=text)
        numerator, slash, denominator = text.partition("/")
        if slash:
            counts = Counts(int(numerator), int(denominator))
            return Entry(criterion.id, value, counts=counts, text=text)
    return Entry(criterion.id, value, text=None if text == repr(value) else text)


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
    reader = EvidenceRows(source, framework, encoding=encoding, sheet=sheet)
    evidence = [item for _, _, item in reader if item is not None]
    reader.raise_problems()
    return evidence, reader.table


class _Problems:
    """Problems found while a table is read, kept in the order a whole read lists them.

    A whole read lists the header's shape problems, then each row's shape problems, then the
    header's column problems, then each row's cell problems; a streamed read finds them row by
    row, so each kind has its own list. Only the first `MAX_ISSUES` of each are kept (no more
    can be listed), while every problem is counted.
    """

    SHAPE, ROW_SHAPE, COLUMNS, CELLS = range(4)

    def __init__(self) -> None:
        self.kinds: list[list[Issue]] = [[], [], [], []]
        self.count = 0

    def add(self, kind: int, issue: Issue) -> None:
        self.count += 1
        found = self.kinds[kind]
        if len(found) < MAX_ISSUES:
            found.append(issue)

    def listed(self, file: str | None) -> list[Issue]:
        issues = [issue for found in self.kinds for issue in found]
        return capped(issues[:MAX_ISSUES], self.count - min(len(issues), MAX_ISSUES), file=file)


Coded: TypeAlias = "tuple[list[int], list[Entry | float | None]]"
"""A column as codes: each row's code, and what each code stands for (see `TableChunk.codes`)."""


def _places(rows: Sequence[tuple[int, int | None, object]]) -> tuple[list[int], list[int | None]]:
    """Return the row numbers and physical lines of a chunk's *rows*."""
    return [number for number, _, _ in rows], [line for _, line, _ in rows]


class TableChunk:
    """Some rows of a table, read column by column (`EvidenceRows.columns`).

    Attributes:
        numbers: Each row's number (row 1 is the header).
        lines: Each row's physical line (``None`` outside a CSV file).
        units: Each row's unit name.
        dates: Each row's date.
        codes: Criterion id -> each row's code and the distinct values the codes stand for,
            for the columns of a streamed CSV (read a column at a time): an `Entry`,
            ``None`` (absent), or a float for a plain number cell (`plain_value`), whose
            entry `plain_number` builds only when `cells` is read. A grader reads each
            distinct value once from these.
    """

    __slots__ = ("_cells", "_texts", "codes", "criteria", "dates", "lines", "numbers", "units")

    def __init__(
        self,
        numbers: list[int],
        lines: list[int | None],
        units: list[str],
        dates: list[datetime.date | None],
        cells: dict[str, list[Entry | None]] | None = None,
        *,
        codes: dict[str, Coded] | None = None,
        texts: dict[str, list[str]] | None = None,
        criteria: Mapping[str, Criterion] | None = None,
    ) -> None:
        self.numbers = numbers
        self.lines = lines
        self.units = units
        self.dates = dates
        self.codes: dict[str, Coded] = codes or {}
        self.criteria = criteria or {}
        self._texts = texts or {}
        self._cells = cells

    @property
    def cells(self) -> dict[str, list[Entry | None]]:
        """Criterion id -> each row's entry (``None``: absent), for the table's criteria.

        For coded columns the entries of plain numbers are built here, on first reading.
        """
        cells = self._cells
        if cells is None:
            cells = self._cells = {}
            for column, (codes, values) in self.codes.items():
                criterion = self.criteria[column]
                distinct = [
                    plain_number(criterion, text.strip()) if isinstance(value, float) else value
                    for value, text in zip(values, self._texts[column], strict=True)
                ]
                cells[column] = list(map(distinct.__getitem__, codes))
        return cells


_UNREAD: Any = object()
"""Not in a column's memo (an entry or ``None`` for an empty cell are)."""


_SLICE = 256
"""How many rows of a chunk `EvidenceRows._coded_chunks` codes at a time, as they are read."""


class _Column:
    """One column of a chunk, coded a slice of rows at a time, then read (`_fast_column`).

    Attributes:
        criterion: The column's criterion.
        position: Its position among the criteria (from 1), to sort its problems by.
        memo: The last chunk's raw texts -> values.
        code_of: This chunk's distinct raw texts -> their codes, in the order first met.
        codes: Each row's code, so far.
    """

    __slots__ = ("code_of", "codes", "criterion", "memo", "position")

    def __init__(
        self, criterion: Criterion, position: int, memo: dict[str, Entry | float | None]
    ) -> None:
        self.criterion = criterion
        self.position = position
        self.memo = memo
        self.code_of: dict[str, int] = {}
        self.codes: list[int] = []


class _Coding:
    """A streamed chunk's rows, coded a slice at a time as they are read (`_coded_chunks`).

    Once a slice is coded its rows are let go: what the chunk needs of them is kept here
    (their places, their unit and date texts, each column's codes), and a row's cells can
    be had again from the codes (`mappings`).

    Attributes:
        read: Each criterion column's position in a row, and its `_Column`.
        unit_at: The unit column's position in a row (``None``: there is none).
        date_at: The date column's, likewise.
        numbers: Each row's number (row 1 is the header).
        lines: Each row's physical line.
        rows: The rows read and not yet coded (each of the header's width).
        unit_texts: Each coded row's unit text, as read (empty with no unit column).
        date_texts: Each coded row's date text, likewise.
        units: Each row's unit name (stripped, as `_identify` strips it), while `clean`.
        dates: Each row's date, read through *memo*, while `clean` (``None`` for every
            row where there is no date column).
        keys: Each date -> each unit with it -> its row number (the last, if one is twice),
            while `clean`.
        clean: Whether every coded row has a unit name and a date text that reads cleanly.
    """

    __slots__ = (
        "clean",
        "date_at",
        "date_texts",
        "dates",
        "keys",
        "lines",
        "memo",
        "numbers",
        "read",
        "read_date",
        "rows",
        "unit_at",
        "unit_texts",
        "units",
    )

    def __init__(
        self,
        read: list[tuple[int, _Column]],
        unit_at: int | None,
        date_at: int | None,
        memo: dict[object, datetime.date | None],
        read_date: Callable[[str], None],
    ) -> None:
        self.read = read
        self.unit_at = unit_at
        self.date_at = date_at
        self.memo = memo
        self.read_date = read_date
        self.numbers: list[int] = []
        self.lines: list[int | None] = []
        self.rows: list[list[str]] = []
        self.unit_texts: list[str] = []
        self.date_texts: list[str] = []
        self.units: list[str] = []
        self.dates: list[Any] = []
        self.keys: dict[Any, dict[str, int]] = {}
        self.clean = unit_at is not None

    def code(self) -> None:
        """Code the rows read and not yet coded, and let them go."""
        part = self.rows
        if not part:
            return
        self.rows = []
        by_column = list(zip(*part, strict=True))
        del part  # the cells die now, while still in cache, unless a column keeps them
        if self.unit_at is not None:
            self.unit_texts.extend(by_column[self.unit_at])
        if self.date_at is not None:
            self.date_texts.extend(by_column[self.date_at])
        if self.clean:
            self._identify(by_column)
        for at, column in self.read:
            texts = by_column[at]
            code_of = column.code_of
            # One lookup a cell (by map, in C); only a text new to the chunk is coded here.
            codes = list(map(code_of.get, texts, repeat(-1)))
            if min(codes) < 0:
                find = codes.index
                index = -1
                try:
                    while True:
                        index = find(-1, index + 1)
                        raw = texts[index]
                        code = code_of.get(raw)
                        if code is None:
                            code = code_of[raw] = len(code_of)
                        codes[index] = code
                except ValueError:  # no -1 is left
                    pass
            column.codes.extend(codes)

    def _identify(self, by_column: list[tuple[str, ...]]) -> None:
        """Read a slice's units and dates by map, while its strings are in cache.

        A chunk with a problem among them is read again row by row (`_identify_all`).
        """
        start = len(self.units)
        units = list(map(str.strip, by_column[self.unit_at]))  # type: ignore[index]
        if self.date_at is None:
            dates: list[Any] = [None] * len(units)
        else:
            texts = by_column[self.date_at]
            memo = self.memo
            dates = list(map(memo.get, texts, repeat(_UNREAD)))
            if any(map(operator.is_, dates, repeat(_UNREAD))):
                for raw in dict.fromkeys(texts):
                    if raw not in memo:
                        self.read_date(raw)
                dates = list(map(memo.get, texts, repeat(_UNREAD)))
        self.units.extend(units)
        self.dates.extend(dates)
        self.clean = all(units) and not any(map(operator.is_, dates, repeat(_UNREAD)))
        if not self.clean:
            return
        numbers = self.numbers[start : start + len(units)]
        keys = self.keys
        if dates.count(dates[0]) == len(dates):  # one date, as is usual
            keys.setdefault(dates[0], {}).update(zip(units, numbers, strict=True))
            return
        for unit, date, number in zip(units, dates, numbers, strict=True):
            group = keys.get(date)
            if group is None:
                group = keys[date] = {}
            group[unit] = number

    def mappings(self, header: list[str]) -> list[tuple[int, int | None, Mapping[str, Any]]]:
        """The rows so far as `EvidenceRows.rows` gives them, for `_chunk`.

        The coded ones get their unit, date and criterion cells again from the codes
        (`_chunk` reads no other).
        """
        self.code()
        names: list[str] = []
        columns: list[Iterable[str]] = []
        if self.unit_at is not None:
            names.append(header[self.unit_at])
            columns.append(self.unit_texts)
        if self.date_at is not None:
            names.append(header[self.date_at])
            columns.append(self.date_texts)
        for at, column in self.read:
            names.append(header[at])
            columns.append(map(list(column.code_of).__getitem__, column.codes))
        rows = zip(*columns, strict=True) if columns else iter([()] * len(self.numbers))
        return [
            (number, line, dict(zip(names, cells, strict=True)))
            for number, line, cells in zip(self.numbers, self.lines, rows, strict=True)
        ]


_COLUMN_MEMO = 1_000
"""How many date texts the memo of a table's dates keeps before starting afresh."""


class EvidenceRows:
    """A table's evidence, read row by row; every problem is collected for the end.

    A CSV path is streamed (`inspectkit.loading._csv_stream.CsvStream`): one row is held at a
    time, whatever the number of units. A workbook, rows or a DataFrame are read as a whole
    `Table` first (a workbook's cells come from one zip archive; rows and DataFrames are in
    memory already). Either way the problems are the ones `load_evidence_table` lists, in the
    same order, at the same rows, columns and physical lines.

    Iterating gives ``(row number, physical line or None, Evidence or None)`` per row, the
    evidence ``None`` for a row with problems. What remains after the last row is per unit
    and small: the ``(unit, date)`` pairs seen, for ``duplicate-unit``.

    Attributes:
        framework: The framework the table is read for.
        table: The table's header and file, to place problems in (a streamed CSV's `Table`
            holds no rows).
        problems: How many problems have been found so far.
    """

    def __init__(
        self,
        source: TableSource,
        framework: Framework | str | os.PathLike[str],
        *,
        encoding: str | None = None,
        sheet: str | None = None,
    ) -> None:
        self.framework = resolve_framework(framework)
        self._stream: CsvStream | None = None
        if isinstance(source, (str, os.PathLike)) and not os.fspath(source).lower().endswith(
            SPREADSHEET_SUFFIXES
        ):
            stream = CsvStream(os.fspath(source), _WHAT, encoding=encoding)
            self._stream = stream
            self.table = Table(stream.header, [], stream.file, lines={1: stream.header_line})
        else:
            self.table = read_table(source, _WHAT, "the table", encoding=encoding, sheet=sheet)
        self._problems = _Problems()
        self.criteria = {criterion.id: criterion for criterion in self.framework.criteria()}
        self._pending: list[tuple[tuple[int, int], int, Issue]] | None = None
        self._order = (0, 0)
        self._has_unit = "unit" in self.table.header
        self._dates = IssueCollector()
        self._date_reader = ValueReader(self._dates, python=True)
        self._date_texts: dict[object, datetime.date | None] = {}
        # Date -> unit -> the first row with them: nested, not keyed by (unit, date)
        # tuples, which the cyclic garbage collector would have to look at as they pile up.
        self._seen: dict[datetime.date | None, dict[str, int]] = {}
        self._cells = _Cells(self.framework)
        self._memos: dict[str, dict[str, Entry | float | None]] = {}
        self._yielded = False
        self._header_problems()

    @property
    def problems(self) -> int:
        """How many problems have been found so far."""
        return self._problems.count

    def _place(
        self,
        kind: int,
        row: int | None,
        column: str | None,
        code: str,
        message: str,
        *,
        hint: str | None = None,
        line: int | None = None,
    ) -> None:
        path, found = self.table.locate(row, column)
        if line is not None and found is not None:
            found = line
        issue = Issue(path, code, message, line=found, hint=hint, file=self.table.file)
        if self._pending is not None:
            # Reading by columns: kept to be sorted into row order (see `columns`).
            self._pending.append((self._order, kind, issue))
        else:
            self._problems.add(kind, issue)

    def place(self, issue: Issue, row: int, line: int | None) -> Issue:
        """Return *issue* (about one row's evidence) placed at that row and its column."""
        column = issue.path.split(".")[-1] if issue.path else None
        path, found = self.table.locate(row, column)
        if line is not None and found is not None:
            found = line
        return Issue(
            path=path,
            code=issue.code,
            message=issue.message,
            line=found,
            hint=issue.hint,
            file=self.table.file,
        )

    def _header_problems(self) -> None:
        table = self.table
        for issue in shape_issues(table):
            self._problems.add(_Problems.SHAPE, issue)
        header = table.header
        if "unit" not in header:
            self._place(
                _Problems.COLUMNS,
                table.header_row,
                "unit",
                "missing-column",
                "the table has no 'unit' column",
                hint="add a column headed 'unit' naming each centre",
            )
        for column in header:
            if column in ("unit", "date") or column in self.criteria:
                continue
            hint = suggest(column, [*self.criteria, "unit", "date"])
            self._place(
                _Problems.COLUMNS,
                table.header_row,
                column,
                "unknown-column",
                f"{column!r} is not a criterion of framework {self.framework.id!r}",
                hint=hint or "columns are 'unit', 'date' and criterion ids",
            )

    def rows(self) -> Iterator[tuple[int, int | None, Mapping[str, Any]]]:
        """Yield ``(row number, physical line or None, cells by column)`` per row, in order."""
        stream = self._stream
        if stream is None:
            table = self.table
            for index, row in enumerate(table.rows):
                yield table.number(index), None, row
            return
        header = self.table.header
        for number, line, cells in self._records(stream):
            yield number, line, dict(zip(header, cells, strict=False))

    def _records(self, stream: CsvStream) -> Iterator[tuple[int, int | None, list[str]]]:
        """`rows` of a streamed CSV with each row's cells as read; a row's shape is checked."""
        size = len(self.table.header)
        for index, (line, cells) in enumerate(stream):
            number = index + 2
            if len(cells) != size:
                self._shape(number, line, cells)
            yield number, line, cells

    def _shape(self, number: int, line: int, cells: list[str]) -> None:
        """Report the shape problems of the row *cells*, not of the header's width."""
        shaped = Table(
            self.table.header, [], self.table.file, lines={number: line}, numbers=[number]
        )
        shaped.widths.append(len(cells))
        for issue in shape_issues(shaped):
            if issue.code != "duplicate-column":
                self._problems.add(_Problems.ROW_SHAPE, issue)

    def __iter__(self) -> Iterator[tuple[int, int | None, Evidence | None]]:
        framework = self.framework
        file = self.table.file
        cells = _Cells(framework)
        header = set(self.table.header)
        present = [(column, c) for column, c in self.criteria.items() if column in header]
        for number, line, row in self.rows():
            before = self._problems.count
            unit, date = self._identify(number, line, row.get("unit"), row.get("date"))
            entries = self._entries(row, number, line, present, cells)
            if self._problems.count > before:
                yield number, line, None
                continue
            evidence = Evidence(
                framework=framework.id,
                unit=unit,
                entries=entries,
                date=date,
                framework_version=framework.version,
                file=file,
            )
            yield number, line, evidence

    def _identify(
        self, number: int, line: int | None, unit_raw: object, date_raw: object
    ) -> tuple[str, datetime.date | None]:
        """Read a row's unit and date, placing their problems (and a unit named twice)."""
        cell_kind = _Problems.CELLS
        missing_unit = unit_raw is None or (isinstance(unit_raw, float) and math.isnan(unit_raw))
        unit = "" if missing_unit else str(unit_raw).strip()
        if self._has_unit and not unit:
            self._place(
                cell_kind,
                number,
                "unit",
                "missing-unit",
                "the unit name is empty",
                hint="name the centre this row is about",
                line=line,
            )
        # A table's dates repeat (one inspection date, a few years): each text that reads
        # cleanly is read once. A text with a problem is read, and placed, at every row.
        date = self._date_texts.get(date_raw, _UNREAD) if date_raw.__class__ is str else _UNREAD
        if date is _UNREAD:
            dates = self._dates
            date = self._date_reader.cell_date(date_raw, ())
            for issue in dates.issues:
                self._place(
                    cell_kind, number, "date", issue.code, issue.message, hint=issue.hint, line=line
                )
            if date_raw.__class__ is str and not dates.issues:
                if len(self._date_texts) >= _COLUMN_MEMO:
                    self._date_texts.clear()
                self._date_texts[date_raw] = date
            dates.issues.clear()
        seen = self._seen.get(date)
        if seen is None:
            seen = self._seen[date] = {}
        if unit and unit in seen:
            self._place(
                cell_kind,
                number,
                "unit",
                "duplicate-unit",
                f"{unit!r} already has a row for this date (row {seen[unit]})",
                line=line,
            )
        seen.setdefault(unit, number)
        return unit, date

    def columns(self, size: int) -> Iterator[TableChunk]:
        """Yield the table *size* rows at a time, read column by column (see `TableChunk`).

        The same reading as iterating, with the same problems in the same order (each
        chunk's are sorted into row order before they are kept), but each column's cells go
        through one memo lookup apiece and no `Evidence` is built: a national table's millions
        of cells cost a dictionary lookup each. Once the table has a problem, chunks are still
        read (every problem is listed) but none is yielded.
        """
        stream = self._stream
        header = self.table.header
        if stream is not None and len(set(header)) == len(header):
            yield from self._coded_chunks(stream, size)
            return
        rows: list[tuple[int, int | None, Mapping[str, Any]]] = []
        for item in self.rows():
            rows.append(item)
            if len(rows) >= size:
                chunk = self._chunk(rows)
                if chunk is not None:
                    yield chunk
                rows = []
        if rows or not self._yielded:
            chunk = self._chunk(rows)
            if chunk is not None:
                yield chunk

    def _coded_chunks(self, stream: CsvStream, size: int) -> Iterator[TableChunk]:
        """`columns` of a streamed CSV: each slice of rows coded as soon as it is read.

        Why as soon as read: the csv reader makes each cell a new string, and the first
        dictionary lookup of a string computes its hash from its characters. Done while the
        slice's strings are still in the processor's cache (a slice is `_SLICE` rows), and
        the strings let go then too, that costs a third of what it costs once a whole chunk
        has been read past them; nor is a chunk's every cell held at once.

        A chunk with a row that is not of the header's width is read as mappings, as
        `rows` gives them (a short row's missing cells are absent), by `_chunk`.
        """
        width = len(self.table.header)
        coding = self._coding()
        mapped: list[tuple[int, int | None, Mapping[str, Any]]] | None = None
        number = 1
        for line, cells in stream:  # `_records`, inlined: the loop runs once a row
            number += 1
            if len(cells) != width:
                self._shape(number, line, cells)
                if mapped is None:
                    mapped = coding.mappings(self.table.header)
            if mapped is not None:
                mapped.append((number, line, dict(zip(self.table.header, cells, strict=False))))
                count = len(mapped)
            else:
                coding.numbers.append(number)
                coding.lines.append(line)
                coding.rows.append(cells)
                if len(coding.rows) >= _SLICE:
                    coding.code()
                count = len(coding.numbers)
            if count >= size:
                chunk = self._chunk(mapped) if mapped is not None else self._coded_chunk(coding)
                if chunk is not None:
                    yield chunk
                coding = self._coding()
                mapped = None
        if coding.numbers or mapped or not self._yielded:
            chunk = self._chunk(mapped) if mapped is not None else self._coded_chunk(coding)
            if chunk is not None:
                yield chunk

    def _coding(self) -> _Coding:
        """A new chunk's coding, its columns looking texts up in the last chunk's memos."""
        where = {name: position for position, name in enumerate(self.table.header)}
        read = [
            (where[column], _Column(criterion, position, self._memos.get(column) or {}))
            for position, (column, criterion) in enumerate(self.criteria.items(), 1)
            if column in where
        ]
        return _Coding(
            read, where.get("unit"), where.get("date"), self._date_texts, self._read_date
        )

    def _coded_chunk(self, coding: _Coding) -> TableChunk | None:
        """`_chunk` of a streamed CSV's rows of the header's width, read from their codes."""
        coding.code()
        pending: list[tuple[tuple[int, int], int, Issue]] = []
        self._pending = pending
        try:
            units, dates = self._identify_all(coding)
            codes: dict[str, Coded] = {}
            texts: dict[str, list[str]] = {}
            for _, column in coding.read:
                key = column.criterion.id
                distinct, values, coded, bad = self._fast_column(column, coding)
                codes[key] = (coded, values)
                texts[key] = distinct
                # The next chunk looks this chunk's texts up (its problems excepted), so a
                # memo holds one chunk's distinct texts at most, whatever the number of units.
                memo = dict(zip(distinct, values, strict=True))
                for code in bad:
                    del memo[distinct[code]]
                self._memos[key] = memo
        finally:
            self._pending = None
        chunk = TableChunk(
            coding.numbers,
            coding.lines,
            units,
            dates,
            codes=codes,
            texts=texts,
            criteria=self.criteria,
        )
        return self._finish(pending, chunk)

    def _identify_all(self, coding: _Coding) -> tuple[list[str], list[datetime.date | None]]:
        """Each row's unit and date, as `_identify` reads them, with its problems placed.

        The common chunk (every unit named, every date text one that reads cleanly, no unit
        seen before for its date) was read by ``map`` as it was coded (`_Coding`); any other
        chunk goes row by row through `_identify` itself.
        """
        count = len(coding.numbers)
        keys = coding.keys
        seen = self._seen
        if (
            coding.clean
            and sum(map(len, keys.values())) == count
            and all(seen.get(date, {}).keys().isdisjoint(group) for date, group in keys.items())
        ):
            for date, group in keys.items():
                if date in seen:
                    seen[date].update(group)
                else:
                    seen[date] = group
            return coding.units, coding.dates
        nothing = [None] * count
        unit_texts = coding.unit_texts if coding.unit_at is not None else nothing
        date_texts = coding.date_texts if coding.date_at is not None else nothing
        units = []
        dates = []
        for index, (number, line, unit_raw, date_raw) in enumerate(
            zip(coding.numbers, coding.lines, unit_texts, date_texts, strict=True)
        ):
            self._order = (index, 0)
            unit, date = self._identify(number, line, unit_raw, date_raw)
            units.append(unit)
            dates.append(date)
        return units, dates

    def _read_date(self, raw: str) -> None:
        """Keep the date of the text *raw* in the dates' memo if it reads cleanly.

        The date `_identify` would read for it, read ahead so a chunk can be read whole.
        """
        dates = self._dates
        date = self._date_reader.cell_date(raw, ())
        if not dates.issues:
            if len(self._date_texts) >= _COLUMN_MEMO:
                self._date_texts.clear()
            self._date_texts[raw] = date
        dates.issues.clear()

    def _fast_column(
        self, column: _Column, coding: _Coding
    ) -> tuple[list[str], list[Entry | float | None], list[int], dict[int, list[Issue]]]:
        """Read one column of a chunk: its distinct texts, their values, each row's code.

        Also the codes of the texts with problems (their values ``None``), with the problems.

        Why: a national table has about a million cells but a column repeats its texts
        ("yes", "good", ``0.734``), so each distinct text of the chunk is read once (the
        value readers are the cost) and each cell is then a dictionary lookup, done by
        ``map`` in C; a plain number is kept as its value (`plain_value`), its `Entry`
        built only if it is read, and a chunk's new plain numbers are read together
        (`plain_values`). A chunk also looks its texts up in the last chunk's (the
        column's memo, one chunk deep: decimals and words repeat from chunk to chunk, while
        counts such as ``412/702`` rarely do and are let go with their chunk). A text with
        problems is never kept: each row holding it has them placed, in row order, as
        `_chunk` places them.
        """
        criterion = column.criterion
        distinct = list(column.code_of)
        values: list[Any] = list(map(column.memo.get, distinct, repeat(_UNREAD)))
        unread = [code for code, value in enumerate(values) if value is _UNREAD]
        bad: dict[int, list[Issue]] = {}
        if unread:
            stripped = [distinct[code].strip() for code in unread]
            present = [k for k, text in enumerate(stripped) if text]
            plain = plain_values(criterion, [stripped[k] for k in present])
            for code in unread:
                values[code] = None
            parse = self._cells.parse
            for k, value in zip(present, plain, strict=True):
                code = unread[k]
                if value is not None:
                    values[code] = value
                    continue
                got = parse(criterion, stripped[k])
                if isinstance(got, list):
                    bad[code] = got
                else:
                    values[code] = got
        codes = column.codes
        if not bad:
            return distinct, values, codes, bad
        for index, code in enumerate(codes):
            issues = bad.get(code)
            if issues is None:
                continue
            number, line = coding.numbers[index], coding.lines[index]
            self._order = (index, column.position)
            for issue in issues:
                self._place(
                    _Problems.CELLS,
                    number,
                    criterion.id,
                    issue.code,
                    issue.message,
                    hint=issue.hint,
                    line=line,
                )
        return distinct, values, codes, bad

    def _chunk(self, rows: list[tuple[int, int | None, Mapping[str, Any]]]) -> TableChunk | None:
        pending: list[tuple[tuple[int, int], int, Issue]] = []
        self._pending = pending
        try:
            units = []
            dates = []
            for index, (number, line, row) in enumerate(rows):
                self._order = (index, 0)
                unit, date = self._identify(number, line, row.get("unit"), row.get("date"))
                units.append(unit)
                dates.append(date)
            columns: dict[str, list[Entry | None]] = {}
            memo = self._cells.read_texts
            read = self._cells.read
            header = set(self.table.header)
            for position, (column, criterion) in enumerate(self.criteria.items(), 1):
                if column not in header:
                    continue
                found: list[Entry | None] = []
                append = found.append
                for index, (number, line, row) in enumerate(rows):
                    raw = row.get(column)
                    if raw is None:
                        append(None)
                        continue
                    if raw.__class__ is str:
                        raw = raw.strip()
                        if not raw:
                            append(None)
                            continue
                        entry = memo.get((column, raw))
                        if entry is not None:
                            append(entry)
                            continue
                    else:
                        raw = cell_value(raw)
                        if raw is None:
                            append(None)
                            continue
                    got = read(criterion, raw)
                    if isinstance(got, Entry):
                        append(got)
                        continue
                    append(None)
                    self._order = (index, position)
                    for issue in got:
                        self._place(
                            _Problems.CELLS,
                            number,
                            column,
                            issue.code,
                            issue.message,
                            hint=issue.hint,
                            line=line,
                        )
                columns[column] = found
        finally:
            self._pending = None
        return self._finish(pending, TableChunk(*_places(rows), units, dates, columns))

    def _finish(
        self, pending: list[tuple[tuple[int, int], int, Issue]], chunk: TableChunk
    ) -> TableChunk | None:
        """Report a chunk's *pending* problems in reading order; return *chunk* if it has none."""
        pending.sort(key=lambda item: item[0])
        for _, kind, issue in pending:
            self._problems.add(kind, issue)
        if self._problems.count:
            return None
        self._yielded = True
        return chunk

    def _entries(
        self,
        row: Mapping[str, Any],
        number: int,
        line: int | None,
        present: list[tuple[str, Criterion]],
        cells: _Cells,
    ) -> dict[str, Entry]:
        """Read one row's cells into entries, placing each cell's problems at its row."""
        memo = cells.read_texts
        cell_kind = _Problems.CELLS
        entries: dict[str, Entry] = {}
        for column, criterion in present:
            raw = row.get(column)
            if raw is None:
                continue
            if raw.__class__ is str:
                # The common case, inlined: a text cell whose text the column has had.
                raw = raw.strip()
                if not raw:
                    continue
                found = memo.get((column, raw))
                if found is not None:
                    entries[column] = found
                    continue
            else:
                raw = cell_value(raw)
                if raw is None:
                    continue
            read = cells.read(criterion, raw)
            if isinstance(read, Entry):
                entries[column] = read
                continue
            for issue in read:
                self._place(
                    cell_kind,
                    number,
                    column,
                    issue.code,
                    issue.message,
                    hint=issue.hint,
                    line=line,
                )
        return entries

    def error(self) -> EvidenceError | None:
        """Return the error listing every problem found, or ``None`` if there is none."""
        count = self._problems.count
        if not count:
            return None
        where = self.table.file or "<table>"
        noun = "problem" if count == 1 else "problems"
        summary = f"{where}: the evidence table has {count} {noun}"
        return EvidenceError(summary, self._problems.listed(self.table.file))

    def raise_problems(self) -> None:
        """Raise `error` if there is one."""
        error = self.error()
        if error is not None:
            raise error
