"""Reading input files: a file's bytes, and a table's rows, with every failure an issue.

Every loader that takes a path reads it here, so a missing file, a directory, a path with a NUL
byte and a table that is not UTF-8 are reported the same way (``not-found``, ``unreadable``,
``not-utf8``, each naming the file) whether the file is evidence, a group, an evidence table or
an outcomes table. This module imports nothing of the loader but its issues, so any loader,
however high, can use it without a cycle.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from inspectkit.errors import EvidenceError
from inspectkit.loading._issues import IssueCollector

__all__ = ["check_path", "check_text", "read_file", "read_rows"]


def check_text(text: object, function: str) -> None:
    """Raise a `TypeError` naming what *function* takes unless *text* is TOML text."""
    if not isinstance(text, (str, bytes)):
        raise TypeError(f"{function}() takes TOML text (str or bytes), not {type(text).__name__}")


def check_path(path: object, function: str) -> None:
    """Raise a `TypeError` naming what *function* takes unless *path* is a file path."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            f"{function}() takes the path of a file (str or os.PathLike), not {type(path).__name__}"
        )


def read_file(name: str, what: str) -> bytes:
    """Return the bytes of the file *name*; one that cannot be read raises `EvidenceError`.

    *what* names the document in the error (``evidence``, ``group evidence``).
    """
    issues = IssueCollector(file=name)
    try:
        return Path(name).read_bytes()
    except FileNotFoundError:
        issues.add((), "not-found", "the file does not exist", hint="check the path")
    except OSError as exc:
        issues.add((), "unreadable", f"the file cannot be read ({exc.strerror or exc})")
    except ValueError as exc:  # a path with a NUL byte in it
        issues.add((), "unreadable", f"the path cannot be opened ({exc})")
    issues.raise_now(EvidenceError, what)


def read_rows(
    source: Any, what: str, noun: str
) -> tuple[list[str], list[dict[str, Any]], str | None]:
    """Return the header, the rows and the file name of a CSV path, rows or a DataFrame.

    The one way inspectkit reads a table (evidence tables here, outcomes tables for
    calibration). *what* names the table in errors (``the evidence table``); *noun* names it in
    a `TypeError` (``the table must be ...``).

    Raises:
        EvidenceError: The file cannot be read or is not UTF-8 text.
        TypeError: *source* is not a table, or a row is not a mapping.
    """
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        data = read_file(path, what)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            issues = IssueCollector(file=path)
            issues.add(
                (),
                "not-utf8",
                f"the file is not UTF-8 text ({error.reason} at byte {error.start})",
                hint="save it as UTF-8 CSV",
            )
            issues.raise_now(EvidenceError, what)
        reader = csv.DictReader(io.StringIO(text, newline=""))
        rows = [dict(row) for row in reader]
        return list(reader.fieldnames or []), rows, path
    if hasattr(source, "to_dict") and hasattr(source, "columns"):  # a pandas DataFrame
        header = [str(column) for column in source.columns]
        return header, list(source.to_dict(orient="records")), None
    if isinstance(source, (bytes, str, Mapping)) or not isinstance(source, Iterable):
        raise TypeError(
            f"{noun} must be a CSV path, an iterable of row mappings or a DataFrame, "
            f"not {type(source).__name__}"
        )
    rows = []
    for row in source:
        if not isinstance(row, Mapping):
            raise TypeError(f"each row of {noun} must be a mapping, not {type(row).__name__}")
        rows.append({str(key): value for key, value in row.items()})
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    return columns, rows, None
