"""The table reader's record: a table's header and rows, and where each row came from.

Why a module of its own: `inspectkit.loading._files` is imported by every read, and a plain
``inspectkit assess FILE`` reads no table; defining this attrs class there cost its compile on
every start (issue 15: a fast start). `inspectkit.loading._files` reads it from here when a
table is read (its name ``Table`` there is lazy).
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from inspectkit._repr import attrs_eq, attrs_hash, attrs_repr  # not compiled per class

__all__ = ["Table"]


@attrs.frozen
class Table:
    """A table's header and rows, and where each row came from, to place problems in it.

    Attributes:
        header: The column names, in order, as written (repeats and blanks included).
        rows: One mapping per row, column name -> cell (text from CSV, Python values from a
            workbook or a DataFrame); a cell the row does not have is absent.
        file: The file name, when the table came from a file.
        sheet: The worksheet's name, when the table came from a workbook.
        numbers: The row number of each row as the user's program shows it (a CSV's record,
            counting the header as row 1; a worksheet's own row number).
        lines: The physical line each CSV row starts on (a quoted cell may span lines), with
            the header's at key 1; empty for tables not read from a CSV file.
        widths: How many cells each row of a file has (a workbook: up to its last non-empty
            cell), so a reader can tell a row longer or shorter than the header.
        header_row: The header's row number (a worksheet's first non-empty row; else 1).
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    header: list[str]
    rows: list[dict[str, Any]]
    file: str | None = None
    sheet: str | None = None
    numbers: list[int] = attrs.field(factory=list)
    lines: dict[int, int] = attrs.field(factory=dict)
    widths: list[int] = attrs.field(factory=list)
    header_row: int = 1

    def number(self, index: int) -> int:
        """Return the row number of the row at *index* (0: the first row after the header)."""
        return self.numbers[index] if index < len(self.numbers) else index + 2

    def locate(self, row: int | None, column: str | None) -> tuple[str, int | None]:
        """Return the path and line of an issue at *row* (a `number`; 1: the header) and *column*.

        A CSV file gives ``row 7, column registration`` and the line the row starts on; a
        workbook gives the cell as Excel names it, ``Sheet1!B7, column registration``, and no
        line; rows and DataFrames give ``row 7, column registration``.
        """
        if self.sheet is not None:
            sheet = _sheet_reference(self.sheet)
            if row is None:
                return (f"{sheet}, column {column}" if column else sheet), None
            if column is not None and column in self.header:
                cell = f"{sheet}!{_column_letters(self.header.index(column) + 1)}{row}"
                return f"{cell}, column {column}", None
            cells = f"{sheet}!{row}:{row}"
            return (f"{cells}, column {column}" if column else cells), None
        parts = [f"row {row}" if row is not None else "", f"column {column}" if column else ""]
        path = ", ".join(part for part in parts if part)
        if self.file is None or row is None:
            return path, None
        return path, self.lines.get(row, row)


def _column_letters(number: int) -> str:
    """The letters Excel names the 1-based column *number* by: 1 A, 26 Z, 27 AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _sheet_reference(name: str) -> str:
    """*name* as a formula names a sheet: bare when it is a plain word, else quoted."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        return name
    return "'" + name.replace("'", "''") + "'"
