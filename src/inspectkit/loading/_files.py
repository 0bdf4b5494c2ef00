"""Reading input files: a file's bytes, and a table's rows, with every failure an issue.

Every loader that takes a path reads it here, so a missing file, a directory, a path with a NUL
byte and a table that is not UTF-8 are reported the same way (``not-found``, ``unreadable``,
``not-utf8``, each naming the file) whether the file is evidence, a group, an evidence table or
an outcomes table. This module imports nothing of the loader but its issues, so any loader,
however high, can use it without a cycle.

Tables come from CSV files (their delimiter sniffed from the header row, their encoding given
or UTF-8, each row's first line kept for messages), from Excel workbooks, from row mappings and
from DataFrames, all as one `Table` that places a problem at its row and column.

A table loses nothing on the way in. A row's mapping cannot hold what `csv.DictReader` silently
dropped or invented: cells past the last heading, the cells a short row lacks (which would read
as absent evidence) and a second column under a heading already used (whose cells would replace
the first's). `shape_issues` reports each (``extra-cells``, ``missing-cells``,
``duplicate-column``) at its row and column, for every loader that reads a table.

Excel workbooks (``.xlsx``) are read with openpyxl, the optional extra ``excel``: it is imported
only when a workbook is read (here) or written (`inspectkit.render._xlsx`), and its absence is
a `MissingExtraError` naming the extra.

Why a workbook is opened twice: a formula cell holds the value Excel computed when it last
saved the file, and openpyxl gives either those values or the formulas, not both. A workbook
written by a program and never opened in Excel has formulas with no saved value, which would
read as empty cells, that is as *absent* evidence graded at the worst. Reading the formulas
beside the values lets such a cell be reported (``formula-without-value``) instead of lost.
openpyxl raises whatever its zip and XML layers raise on a damaged file (zip, XML, key and
value errors among others), so every exception from opening or reading a workbook becomes one
``not-a-workbook`` issue: a caller only ever sees inspectkit's errors.

Why every read goes through `read_bytes`: ``Path.read_bytes`` on a FIFO blocks until a writer
comes (every command hung on ``extends = "pipe.toml"``), and on ``/dev/zero`` it reads until
memory runs out. `read_bytes` refuses anything but a regular file without reading it (``stat``
first, so a device is not even opened; then ``fstat`` of the opened descriptor, opened
non-blocking, so a FIFO swapped in between cannot block either), and reads at most the size
limit, `DEFAULT_MAX_BYTES` unless the caller raises it.

Why the limits are a context (`read_limits`) and not only a keyword: one load reads several
files through several public functions (an evidence file names its framework, which extends a
parent; a group file lists members, each naming its framework), so a limit given to the first
call must reach every read under it. The public loaders take ``max_bytes`` and
``allow_outside`` keywords and enter `read_limits` with them; a caller of a higher function
(``calibrate``, ``assess_group``) enters it directly. The limits live in a `contextvars`
variable, so threads and async tasks do not see each other's.
"""

from __future__ import annotations

import codecs
import contextlib
import contextvars
import io
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeAlias

import attrs

from inspectkit._repr import attrs_eq, attrs_hash, attrs_repr  # not compiled per class
from inspectkit.errors import EvidenceError, Issue, MissingExtraError
from inspectkit.loading._issues import IssueCollector, suggest

TYPE_CHECKING = False  # `typing.TYPE_CHECKING` (mypy knows the name)
if TYPE_CHECKING:
    from inspectkit.loading._rows import Table

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DELIMITERS",
    "OUTSIDE_HINT",
    "SPREADSHEET_SUFFIXES",
    "WORKBOOK_MAGIC",
    "AllowOutside",
    "FileRefusedError",
    "Limits",
    "Table",
    "check_path",
    "check_text",
    "csv_table",
    "current_limits",
    "decode_csv",
    "import_openpyxl",
    "outside",
    "read_bytes",
    "read_file",
    "read_limits",
    "read_rows",
    "read_sheet",
    "read_table",
    "shape_issues",
    "sniff_delimiter",
    "workbook_table",
]


DEFAULT_MAX_BYTES = 8 * 1024 * 1024
"""The largest input file read, in bytes (8 MiB), unless a caller raises it.

The bundled frameworks are under 100 KiB and a table of a thousand centres under 1 MiB, so the
limit only stops a file that is not an inspectkit input at all (``/dev/zero``, a disk image).
Tables have a larger one, `TABLE_MAX_BYTES`.
"""

TABLE_MAX_BYTES = 256 * 1024 * 1024
"""The largest CSV or workbook read as a table, in bytes (256 MiB), unless a caller sets a limit.

A national table is big but still an inspectkit input: 30,000 units with the children's centre
framework's 33 criteria come to about 8 MiB of CSV, over `DEFAULT_MAX_BYTES`, and a table is
read whole, so a quarter of a gigabyte (about a million units) still fits in memory.
"""


AllowOutside: TypeAlias = str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None
"""What ``allow_outside`` takes: a directory, several, or ``None`` for none beyond the tree."""


@attrs.frozen
class Limits:
    """What the loaders may read: the size limit, and the directories allowed beyond the tree.

    Attributes:
        max_bytes: The largest file read, in bytes.
        max_table_bytes: The largest table (CSV or workbook) read, in bytes: `TABLE_MAX_BYTES`
            until a caller sets ``max_bytes``, which then holds for every file.
        allow_outside: Real paths of directories (or files) that ``extends`` and group members
            may name besides the referring file's own directory tree.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    max_bytes: int = DEFAULT_MAX_BYTES
    allow_outside: tuple[str, ...] = ()
    max_table_bytes: int = TABLE_MAX_BYTES


_LIMITS: contextvars.ContextVar[Limits] = contextvars.ContextVar(
    "inspectkit_read_limits",
    default=Limits(),  # noqa: B039 - Limits is frozen, so one shared default is safe
)


def current_limits() -> Limits:
    """Return the limits in force for reads in this context."""
    return _LIMITS.get()


@contextlib.contextmanager
def read_limits(
    *,
    max_bytes: int | None = None,
    allow_outside: AllowOutside = None,
) -> Iterator[Limits]:
    """Raise the size limit, or allow more paths, for every file read inside the block.

    Args:
        max_bytes: The largest file to read, in bytes (``None``: keep the limit in force);
            once set it holds for tables too, which are otherwise allowed `TABLE_MAX_BYTES`.
        allow_outside: A directory, or several, that ``extends`` and group members may name
            outside the referring file's directory tree; added to those already allowed.

    Yields:
        The limits in force inside the block.

    Raises:
        TypeError: *max_bytes* is not a positive integer, or a path is not a path.
    """
    before = _LIMITS.get()
    size, table_size = before.max_bytes, before.max_table_bytes
    if max_bytes is not None:
        if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
            raise TypeError(f"max_bytes must be a positive integer, not {max_bytes!r}")
        size = table_size = max_bytes
    allowed = list(before.allow_outside)
    if allow_outside is not None:
        paths = [allow_outside] if isinstance(allow_outside, (str, os.PathLike)) else allow_outside
        if isinstance(paths, (bytes, Mapping)) or not isinstance(paths, Iterable):
            raise TypeError(
                "allow_outside must be a path or an iterable of paths, "
                f"not {type(allow_outside).__name__}"
            )
        for path in paths:
            if not isinstance(path, (str, os.PathLike)):
                raise TypeError(
                    f"allow_outside must hold paths (str or os.PathLike), not {type(path).__name__}"
                )
            allowed.append(os.path.realpath(os.fspath(path)))
    token = _LIMITS.set(Limits(size, tuple(dict.fromkeys(allowed)), table_size))
    try:
        yield _LIMITS.get()
    finally:
        _LIMITS.reset(token)


class FileRefusedError(OSError):
    """A file that is not read: missing, not a regular file, too large, or unreadable.

    A subclass of `OSError`, so a caller that handles OS errors handles these too.

    Attributes:
        code: The issue code: ``not-found``, ``not-a-file``, ``too-large`` or ``unreadable``.
        reason: What is wrong, as a message says it.
        hint: How to put it right, if there is something to say.
    """

    def __init__(
        self, code: str, reason: str, hint: str | None = None, *, bad_path: bool = False
    ) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.hint = hint
        self.bad_path = bad_path
        """Whether the name cannot be a path at all (a NUL byte in it)."""


_SIZE_HINT = (
    "an inspectkit input is far smaller; to read it anyway raise the limit "
    "(max_bytes=..., or INSPECTKIT_MAX_FILE_SIZE for the command line)"
)


def size_limit(*, table: bool = False) -> int:
    """Return the size limit in force for a file, a table's (`TABLE_MAX_BYTES`) if *table*."""
    limits = _LIMITS.get()
    return limits.max_table_bytes if table else limits.max_bytes


def open_regular(path: str | os.PathLike[str], limit: int) -> int:
    """Open the regular file *path* for reading and return its descriptor (the caller closes it).

    The path is checked before it is opened and the descriptor after, so a file swapped in
    between (a FIFO or device put where the regular file was) is refused too. Opening with
    ``O_NONBLOCK`` keeps a FIFO from blocking the open; ``O_NOCTTY`` keeps a terminal from
    becoming the controlling one.

    Raises:
        FileRefusedError: The file does not exist, is not a regular file, is larger than
            *limit* bytes, or cannot be opened.
    """
    try:
        _check_kind(os.stat(path), limit)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except FileRefusedError:
        raise
    except FileNotFoundError:
        raise FileRefusedError("not-found", "the file does not exist", "check the path") from None
    except OSError as exc:
        raise _unreadable(exc) from None
    except ValueError as exc:  # a NUL byte in the path, or one the file system cannot encode
        raise FileRefusedError(
            "unreadable", f"the path cannot be opened ({exc})", bad_path=True
        ) from None
    try:
        _check_kind(os.fstat(descriptor), limit)  # the file opened is the one checked
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def read_bytes(path: str | os.PathLike[str], *, table: bool = False) -> bytes:
    """Return the bytes of the regular file *path*, refusing anything else without reading it.

    Args:
        path: The file.
        table: Whether the file is read as a table (a CSV or workbook), whose limit is larger.

    Raises:
        FileRefusedError: The file does not exist, is not a regular file (a directory, FIFO, device
            or socket), is larger than the size limit, or cannot be read.
    """
    limit = size_limit(table=table)
    descriptor = open_regular(path, limit)
    try:
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise _unreadable(exc) from None
    finally:
        os.close(descriptor)
    if size > limit:
        raise FileRefusedError("too-large", _too_large(limit), _SIZE_HINT)
    return b"".join(chunks)


def outside(target: str | os.PathLike[str], base: str | os.PathLike[str] | None) -> str | None:
    """Return why *target* may not be read from a file in *base*, or ``None`` if it may.

    A path an ``extends`` or a group member names must resolve (following links) inside the
    referring file's directory tree, *base* (``None``: the working directory), or inside a
    directory the caller allowed (`read_limits` ``allow_outside``). Why: those keys are
    written in files that may come from someone else (a council's variant, a shared group
    file), and a path such as ``../../home/you/.config/secrets.toml`` would be read and its
    values echoed in error messages.
    """
    try:
        real = os.path.realpath(target)
        root = os.path.realpath(base if base is not None else os.curdir)
    except (OSError, ValueError):
        return "the path cannot be resolved"
    for allowed in (root, *_LIMITS.get().allow_outside):
        with contextlib.suppress(ValueError):  # another drive, on Windows
            if os.path.commonpath([real, allowed]) == allowed:
                return None
    text = os.fspath(base) if base is not None else ""
    if text in ("", "."):
        return "it is outside the working directory, where paths in text are taken from"
    return f"it is outside {text!r}, the folder of the file that names it"


OUTSIDE_HINT = (
    "keep the file in that folder or below it, or allow its folder "
    "(allow_outside=..., or --allow-outside DIR on the command line)"
)
"""How to read a file outside the referring file's folder when it is meant."""


def _unreadable(exc: OSError) -> FileRefusedError:
    return FileRefusedError("unreadable", f"the file cannot be read ({exc.strerror or exc})")


def _check_kind(info: os.stat_result, limit: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise FileRefusedError("unreadable", "the file cannot be read (it is a directory)")
    if not stat.S_ISREG(info.st_mode):
        raise FileRefusedError(
            "not-a-file",
            "the path is not a regular file (a FIFO, device or socket), so it is not read",
            "give the path of a file; to read from a pipe, use '-' (standard input)",
        )
    if info.st_size > limit:
        raise FileRefusedError("too-large", _too_large(limit), _SIZE_HINT)


def _too_large(limit: int) -> str:
    shown = f"{limit // (1024 * 1024)} MiB" if limit % (1024 * 1024) == 0 else f"{limit} bytes"
    return f"the file is larger than the limit of {shown}"


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


def read_file(name: str, what: str, *, table: bool = False) -> bytes:
    """Return the bytes of the file *name*; one that cannot be read raises `EvidenceError`.

    *what* names the document in the error (``evidence``, ``group evidence``); *table* says it
    is read as a table (`TABLE_MAX_BYTES`).
    """
    issues = IssueCollector(file=name)
    try:
        return read_bytes(name, table=table)
    except FileRefusedError as problem:
        issues.add((), problem.code, problem.reason, hint=problem.hint)
    issues.raise_now(EvidenceError, what)


SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm")
"""File extensions read as Excel workbooks (with openpyxl, the ``excel`` extra), not as CSV."""

DELIMITERS = (",", ";", "\t")
"""The CSV delimiters recognised: what Excel saves in English (``,``) and in European locales
(``;``), and tab-separated text."""


def __getattr__(name: str) -> object:
    """Return the lazy name ``Table`` (`inspectkit.loading._rows`), loaded on first use."""
    if name == "Table":
        from inspectkit.loading._rows import Table

        return Table
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def read_rows(
    source: Any, what: str, noun: str
) -> tuple[list[str], list[dict[str, Any]], str | None]:
    """Return the header, the rows and the file name of a table (see `read_table`)."""
    table = read_table(source, what, noun)
    return table.header, table.rows, table.file


def read_table(
    source: Any, what: str, noun: str, *, encoding: str | None = None, sheet: str | None = None
) -> Table:
    """Return the `Table` of a CSV or workbook path, an iterable of row mappings or a DataFrame.

    The one way inspectkit reads a table (evidence tables here, outcomes tables for
    calibration). *what* names the table in errors (``the evidence table``); *noun* names it in
    a `TypeError` (``the table must be ...``).

    Args:
        source: The table.
        what: The table's name in errors.
        noun: The table's name in a `TypeError`.
        encoding: A CSV file's text encoding (default UTF-8, with or without a byte-order mark;
            ``cp1252`` is what Excel on Windows saves as "CSV").
        sheet: A workbook's worksheet to read (default: the first).

    Raises:
        EvidenceError: The file cannot be read, cannot be decoded, or is not a workbook.
        MissingExtraError: The path is a workbook and openpyxl is not installed.
        TypeError: *source* is not a table, or a row is not a mapping.
    """
    from inspectkit.loading._rows import Table  # lazy: no table on a plain start

    if isinstance(source, Table):
        return source
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if path.lower().endswith(SPREADSHEET_SUFFIXES):
            return read_sheet(path, sheet, what)
        return csv_table(read_file(path, what, table=True), what, file=path, encoding=encoding)
    if hasattr(source, "to_dict") and hasattr(source, "columns"):  # a pandas DataFrame
        header = [str(column) for column in source.columns]
        return Table(header, list(source.to_dict(orient="records")))
    if isinstance(source, (bytes, str, Mapping)) or not isinstance(source, Iterable):
        raise TypeError(
            f"{noun} must be a CSV path (or an .xlsx one), an iterable of row mappings or a "
            f"DataFrame, not {type(source).__name__}"
        )
    rows = []
    for row in source:
        if not isinstance(row, Mapping):
            raise TypeError(f"each row of {noun} must be a mapping, not {type(row).__name__}")
        rows.append({str(key): value for key, value in row.items()})
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    return Table(columns, rows)


def decode_csv(data: bytes, what: str, *, file: str | None, encoding: str | None = None) -> str:
    """Return the text of CSV *data*, without a byte-order mark.

    A failure names the line and column of the first byte that does not decode and, when the
    bytes read as Windows text (cp1252, what Excel on Windows saves), says to pass that
    encoding: a council's spreadsheet saved "CSV" is usually cp1252, not UTF-8.

    Raises:
        EvidenceError: The encoding is unknown, or the bytes are not text in it.
    """
    issues = IssueCollector(file=file)
    name = encoding or "utf-8-sig"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        issues.add((), "unreadable", f"{name!r} is not a text encoding Python knows")
        issues.raise_now(EvidenceError, what)
    try:
        return data.decode(codec).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        utf8 = codec in ("utf-8", "utf-8-sig")
        hint = "save it as UTF-8 CSV" if utf8 else "give the encoding the file was saved in"
        if data.startswith(WORKBOOK_MAGIC):
            hint = "it is an Excel workbook, not CSV: name it .xlsx (read with the 'excel' extra)"
        elif codec != "cp1252" and _decodes(data, "cp1252"):
            hint = (
                "it reads as Windows text, as Excel saves CSV: pass --encoding cp1252 "
                "(encoding='cp1252' in Python), or save it as CSV UTF-8"
            )
        issues.add(
            (),
            "not-utf8" if utf8 else "unreadable",
            f"the file is not {'UTF-8' if utf8 else codec} text "
            f"(byte 0x{data[error.start]:02x} at byte {error.start})",
            hint=hint,
            line=line,
            column=column,
        )
        issues.raise_now(EvidenceError, what)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def sniff_delimiter(text: str) -> str:
    """Return the delimiter of CSV *text*: the one of `DELIMITERS` its header row has most of.

    Only the header is looked at (outside quotes): column names hold no delimiter, while a
    data cell may (``"1,200"``, a note with a semicolon). A header with none is one column,
    read with commas. Why not `csv.Sniffer`: it guesses from any repeated character and picks
    letters or spaces on short files.
    """
    header, _ = first_record((text,))
    counts = {delimiter: header.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])  # first of equals: ","
    return best if counts[best] else ","


def first_record(parts: Iterable[str]) -> tuple[str, bool]:
    """The first non-blank record of CSV text given in *parts*, with quoted parts removed.

    Also whether the record ended within *parts*: a record that has ended reads the same
    whatever text follows it (the streamed reader sniffs from its first lines this way).
    """
    out: list[str] = []
    quoted = False
    for part in parts:
        for char in part:
            if char == '"':
                quoted = not quoted
            elif quoted:
                continue
            elif char in "\r\n":
                if "".join(out).strip():
                    return "".join(out), True
                out.clear()
            else:
                out.append(char)
    return "".join(out), False


def csv_table(data: bytes, what: str, *, file: str | None, encoding: str | None = None) -> Table:
    """Return the `Table` of CSV *data*: decoded, its delimiter sniffed, each row's line kept.

    Blank lines are skipped, as `csv.DictReader` skips them. A row with fewer cells than the
    header lacks the last columns; the cells of a row longer than the header are not in its
    mapping, and `Table.widths` tells both.

    Raises:
        EvidenceError: The bytes are not text in *encoding* (see `decode_csv`).
    """
    import csv  # only for tables: an evidence file never needs it

    from inspectkit.loading._rows import Table  # lazy: no table on a plain start

    text = decode_csv(data, what, file=file, encoding=encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    header: list[str] = []
    lines: dict[int, int] = {}
    rows: list[dict[str, Any]] = []
    widths: list[int] = []
    end = 0
    try:
        for cells in reader:
            start, end = end + 1, reader.line_num
            if not cells:
                continue
            if not lines:
                header = cells
                lines[1] = start
                continue
            lines[len(rows) + 2] = start
            rows.append(dict(zip(header, cells, strict=False)))
            widths.append(len(cells))
    except csv.Error as error:  # a cell over the csv module's field size limit (128 KiB)
        issues = IssueCollector(file=file)
        issues.add(
            (),
            "unreadable",
            f"row {len(rows) + 2} cannot be read as CSV ({error})",
            hint="save the table again as CSV from a spreadsheet",
            line=end + 1 if file else None,
        )
        issues.raise_now(EvidenceError, what)
    return Table(header, rows, file, lines=lines, widths=widths)


def _cells(count: int) -> str:
    return "1 cell" if count == 1 else f"{count} cells"


def shape_issues(table: Table) -> list[Issue]:
    """Return what a table would lose: cells without a heading or missing, a repeated heading.

    A heading given to two columns is ``duplicate-column`` at the second (only one column's
    cells can be read under it). A row with more cells than the header has headings is
    ``extra-cells`` at the first cell past them, in a CSV file and in a workbook. A CSV row
    with fewer is ``missing-cells`` at the first column it lacks; a workbook row is not, since
    a worksheet stores no empty cells after a row's last value. Rows given as mappings or a
    DataFrame have no cells outside their columns.
    """
    issues = []

    def problem(row: int, column: str, code: str, message: str, hint: str) -> None:
        path, line = table.locate(row, column)
        issues.append(Issue(path, code, message, line=line, hint=hint, file=table.file))

    first: dict[str, int] = {}
    for position, heading in enumerate(table.header, 1):
        if heading in first:
            problem(
                table.header_row,
                heading,
                "duplicate-column",
                f"{heading!r} heads columns {first[heading]} and {position}; only one "
                "column's cells would be read",
                "give each column its own heading, or remove one of them",
            )
        first.setdefault(heading, position)
    size = len(table.header)
    for index, width in enumerate(table.widths):
        number = table.number(index)
        if width > size:
            problem(
                number,
                str(size + 1),
                "extra-cells",
                f"the row has {_cells(width)} but the header has {size} headings; the cells "
                f"from column {size + 1} on would be lost",
                "give every cell a heading, or remove the extra cells (a comma too many?)",
            )
        elif width < size and table.sheet is None:
            missing = table.header[width:]
            problem(
                number,
                missing[0],
                "missing-cells",
                f"the row has {_cells(width)} but the header has {size} headings: no cell "
                f"for {', '.join(repr(name) for name in missing)}",
                "end the row with a comma for each empty cell",
            )
    return issues


# ---- Excel workbooks (see the module docstring) -------------------------------------------


def import_openpyxl(feature: str) -> Any:
    """Return the openpyxl module, or raise `MissingExtraError` saying *feature* needs it."""
    try:
        import openpyxl  # type: ignore[import-untyped,unused-ignore]
    except ImportError as error:
        raise MissingExtraError(feature, extra="excel", package="openpyxl") from error
    return openpyxl


def read_sheet(path: str, sheet: str | None, what: str) -> Table:
    """Return the `Table` of worksheet *sheet* (default: the first) of the workbook *path*.

    See `workbook_table`.

    Raises:
        EvidenceError: The file cannot be read or is not a workbook (see `workbook_table`).
        MissingExtraError: openpyxl is not installed.
    """
    import_openpyxl("reading an .xlsx table")
    return workbook_table(read_file(path, what, table=True), path, sheet, what)


WORKBOOK_MAGIC = b"PK\x03\x04"
"""The first bytes of a zip archive, which an ``.xlsx`` workbook is."""


def workbook_table(data: bytes, path: str, sheet: str | None, what: str) -> Table:
    """Return the `Table` of worksheet *sheet* (default: the first) of the workbook *data*.

    The first non-empty row is the header; empty rows are skipped; each row keeps its
    worksheet row number, so problems are placed at cells such as ``Sheet1!B7``. Cells keep
    their Python values (numbers, booleans, dates, text).

    Raises:
        EvidenceError: *data* is not a workbook, would unzip too far (see
            `inspectkit.loading._unzip`), *sheet* is not one of its worksheets, or a formula
            cell has no saved value.
        MissingExtraError: openpyxl is not installed.
    """
    from inspectkit.loading._unzip import UNZIP_HINT, unzip_problem  # only for a workbook

    openpyxl = import_openpyxl("reading an .xlsx table")
    issues = IssueCollector(file=path)
    refused = unzip_problem(data)  # openpyxl unzips without a limit: see loading._unzip
    if refused is not None:
        issues.add((), "too-large", refused, hint=UNZIP_HINT)
        issues.raise_now(EvidenceError, what)
    try:
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        names = list(values.sheetnames)
        worksheets = [sheet.title for sheet in values.worksheets]
    except Exception as error:  # see the module docstring
        issues.add(
            (),
            "not-a-workbook",
            f"the file cannot be read as an Excel workbook ({type(error).__name__})",
            hint="save it from Excel as 'Excel Workbook (.xlsx)', or as CSV UTF-8",
        )
        issues.raise_now(EvidenceError, what)
    if sheet is None and not worksheets:
        issues.add((), "unknown-sheet", "the workbook has no worksheet")
        issues.raise_now(EvidenceError, what)
    chosen = worksheets[0] if sheet is None else sheet
    if chosen not in worksheets:
        listed = ", ".join(repr(name) for name in names)
        issues.add(
            (),
            "unknown-sheet",
            f"the workbook has no worksheet {chosen!r} (it has {listed})",
            hint=suggest(chosen, worksheets) or "give one of its worksheets with --sheet",
        )
        issues.raise_now(EvidenceError, what)
    try:
        return _table(path, chosen, values[chosen], formulas[chosen], issues=issues, what=what)
    except EvidenceError:
        raise
    except Exception as error:  # see the module docstring
        issues.add(
            (),
            "not-a-workbook",
            f"the worksheet {chosen!r} cannot be read ({type(error).__name__})",
            hint="save it from Excel as 'Excel Workbook (.xlsx)', or as CSV UTF-8",
        )
        issues.raise_now(EvidenceError, what)
    finally:
        values.close()
        formulas.close()


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table(
    path: str, name: str, values: Any, formulas: Any, *, issues: IssueCollector, what: str
) -> Table:
    from inspectkit.loading._rows import Table  # lazy: no table on a plain start

    header: list[str] = []
    rows: list[dict[str, Any]] = []
    numbers: list[int] = []
    widths: list[int] = []
    found = False
    top = 1
    value_rows = values.iter_rows(min_row=1, min_col=1, values_only=True)
    formula_rows = formulas.iter_rows(min_row=1, min_col=1, values_only=True)
    for number, (cells, written) in enumerate(zip(value_rows, formula_rows, strict=False), start=1):
        width = max((index + 1 for index, cell in enumerate(cells) if not _blank(cell)), default=0)
        if width == 0:
            continue
        if not found:
            found, top = True, number
            header = [_header_text(cell) for cell in cells[:width]]
            continue
        for index, (cell, formula) in enumerate(zip(cells, written, strict=False)):
            if cell is None and isinstance(formula, str) and formula.startswith("="):
                table = Table(header, [], path, sheet=name)
                column = header[index] if index < len(header) else None
                where, _ = table.locate(number, column)
                issues.issues.append(
                    Issue(
                        where,
                        "formula-without-value",
                        f"the cell holds a formula with no saved value ({formula[:40]})",
                        hint="open the workbook in Excel and save it, or paste the values",
                        file=path,
                    )
                )
        rows.append(
            {
                column: cells[index]
                for index, column in enumerate(header)
                if index < len(cells) and cells[index] is not None
            }
        )
        numbers.append(number)
        widths.append(width)
    if issues.issues:
        issues.raise_now(EvidenceError, what)
    return Table(header, rows, path, sheet=name, numbers=numbers, widths=widths, header_row=top)


def _header_text(cell: object) -> str:
    return "" if cell is None else str(cell).strip()
