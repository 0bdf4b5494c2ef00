"""A CSV table read row by row, so a national table is never held whole in memory.

`inspectkit.loading._files.csv_table` reads a file's bytes, decodes them and keeps every row:
for 30,000 units that is the bytes, the text and 30,000 row mappings at once, about a hundred
megabytes. `CsvStream` gives the same rows one at a time from the open file, with the same
header, delimiter, row numbers and physical lines, and the same problems:

- the file is checked as `read_bytes` checks it (a regular file, under the table size limit,
  opened non-blocking so a FIFO swapped in cannot block) and read through a counter that
  refuses it (``too-large``) once it passes the limit;
- it is decoded by `io.TextIOWrapper` with ``newline=""``, which splits lines exactly as the
  ``io.StringIO(text, newline="")`` of `csv_table` does, so `csv.reader` sees the same lines
  and counts the same `csv.reader.line_num`;
- the delimiter is sniffed from the first non-blank record, read ahead line by line until that
  record is complete (`sniff_delimiter` looks at nothing else);
- a byte that does not decode is reported by `decode_csv` on the whole file, read again only
  then, so the message (its line and column, the cp1252 hint) is the one a whole read gives.

Why a stream and not `csv_table` on chunks: a quoted cell may hold line breaks, so a file
cannot be cut into chunks of lines without parsing it, and the row numbers and lines problems
are reported at count every record before them.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
from collections.abc import Iterator
from typing import Any

from inspectkit.errors import EvidenceError
from inspectkit.loading._files import (
    DELIMITERS,
    FileRefusedError,
    _too_large,
    _unreadable,
    decode_csv,
    first_record,
    open_regular,
    read_file,
    size_limit,
)
from inspectkit.loading._issues import IssueCollector

__all__ = ["CsvStream"]

_SIZE_HINT = (
    "an inspectkit input is far smaller; to read it anyway raise the limit "
    "(max_bytes=..., or INSPECTKIT_MAX_FILE_SIZE for the command line)"
)


class _Limited(io.RawIOBase):
    """A file descriptor's bytes, refused (``too-large``) once more than *limit* are read."""

    def __init__(self, descriptor: int, limit: int) -> None:
        self.descriptor = descriptor
        self.limit = limit
        self.size = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        try:
            chunk = os.read(self.descriptor, len(view))
        except OSError as exc:
            raise _unreadable(exc) from None
        self.size += len(chunk)
        if self.size > self.limit:
            raise FileRefusedError("too-large", _too_large(self.limit), _SIZE_HINT)
        view[: len(chunk)] = chunk
        return len(chunk)

    def close(self) -> None:
        if not self.closed:
            os.close(self.descriptor)
        super().close()


def _open(path: str, limit: int) -> _Limited:
    """Open *path* for reading as `read_bytes` does, refusing what it refuses."""
    return _Limited(open_regular(path, limit), limit)


class CsvStream:
    """The rows of a CSV file, one at a time (see the module docstring).

    Attributes:
        file: The file's name, as problems name it.
        header: The column names, as written (empty for a file with no record).
        header_line: The physical line the header starts on.
    """

    def __init__(self, path: str, what: str, *, encoding: str | None = None) -> None:
        self.file = path
        self.what = what
        self.encoding = encoding
        self.header: list[str] = []
        self.header_line = 1
        self._rows: Iterator[tuple[int, list[str]]] = iter(())
        self._text: io.TextIOWrapper | None = None
        self._start()

    def _error(self, code: str, reason: str, hint: str | None = None, **at: Any) -> EvidenceError:
        """The error reading the file whole gives for this problem."""
        issues = IssueCollector(file=self.file)
        issues.add((), code, reason, hint=hint, **at)
        count = len(issues)
        noun = "problem" if count == 1 else "problems"
        return EvidenceError(f"{self.file}: {self.what} has {count} {noun}", issues.issues)

    def _refused(self, problem: FileRefusedError) -> EvidenceError:
        self.close()
        return self._error(problem.code, problem.reason, problem.hint)

    def _undecodable(self) -> EvidenceError:
        """The error a whole read gives for a file that does not decode (read again for it)."""
        self.close()
        try:
            decode_csv(
                read_file(self.file, self.what, table=True),
                self.what,
                file=self.file,
                encoding=self.encoding,
            )
        except EvidenceError as error:
            return error
        # pragma: no cover - the bytes changed between the two reads
        return self._error("unreadable", "the file changed while it was read")  # pragma: no cover

    def _start(self) -> None:
        issues = IssueCollector(file=self.file)
        name = self.encoding or "utf-8-sig"
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            issues.add((), "unreadable", f"{name!r} is not a text encoding Python knows")
            issues.raise_now(EvidenceError, self.what)
        try:
            raw = _open(self.file, size_limit(table=True))
        except FileRefusedError as problem:
            raise self._refused(problem) from None
        text = io.TextIOWrapper(io.BufferedReader(raw, 1 << 16), encoding=codec, newline="")
        self._text = text
        ahead: list[str] = []
        try:
            for line in text:
                ahead.append(line.removeprefix("\ufeff") if not ahead else line)
                record, ended = first_record(ahead)
                if ended:
                    break
            else:
                record, _ = first_record(ahead)
        except UnicodeDecodeError:
            raise self._undecodable() from None
        except FileRefusedError as problem:
            raise self._refused(problem) from None
        counts = {delimiter: record.count(delimiter) for delimiter in DELIMITERS}
        best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
        reader = csv.reader(itertools.chain(ahead, text), delimiter=best if counts[best] else ",")
        self._rows = self._read(reader)
        try:
            for _, cells in self._rows:
                self.header = cells
                break
        except BaseException:
            self.close()
            raise

    def _read(self, reader: Any) -> Iterator[tuple[int, list[str]]]:
        """Yield ``(start line, cells)`` per non-blank record, as `csv_table` reads them."""
        end = 0
        records = 0
        try:
            for cells in reader:
                start, end = end + 1, reader.line_num
                if not cells:
                    continue
                if records == 0:
                    self.header_line = start
                records += 1
                yield start, cells
        except UnicodeDecodeError:
            raise self._undecodable() from None
        except FileRefusedError as problem:
            raise self._refused(problem) from None
        except csv.Error as error:  # a cell over the csv module's field size limit (128 KiB)
            self.close()
            raise self._error(
                "unreadable",
                f"row {max(records - 1, 0) + 2} cannot be read as CSV ({error})",
                "save the table again as CSV from a spreadsheet",
                line=end + 1,
            ) from None
        self.close()

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        """Yield ``(physical line, cells)`` for each row after the header, in order."""
        return self._rows

    def close(self) -> None:
        """Close the file (reading to the end closes it too)."""
        if self._text is not None:
            self._text.close()
            self._text = None
