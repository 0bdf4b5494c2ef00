"""Reading inputs and writing outputs for the command line, so that no data is ever lost.

Why this module exists: a report written with ``-o`` used to replace whatever the path held.
``inspectkit batch centres.csv -o centres.csv`` replaced the input table with the report (also
through a symbolic link); a full disk or ``ulimit -f`` left a truncated report in place of a
good one; a bad argument truncated the target to 0 bytes before failing; a FIFO as target hung.
The rules here make each of those impossible:

- Nothing is opened for writing until the report is complete in memory, so an error anywhere
  (a bad ``--unit``, an invalid file) leaves the target untouched.
- The target is checked before it is written: it must not be the same file as any input of the
  command (compared with `os.path.samefile`, which follows symbolic links and sees hard links),
  and when it exists it must be a regular, writable file (a FIFO or a device is refused without
  being opened, so nothing blocks).
- The report is written to a temporary file in the target's own directory (so the rename stays
  on one file system) and moved over the target with `os.replace`, which is atomic: a reader
  sees the old file or the new one, never half of one. A failed write removes the temporary
  file and leaves the old target as it was. A symbolic link as target is written through: the
  file it points to is replaced and the link stays.
- Every OS error becomes a `CommandError` naming the path, which the command line prints as one
  line and turns into exit code 1.

``-`` means standard output for ``-o`` and standard input for an input file. Standard input can
be read once, so a command accepts at most one ``-`` among its inputs.

Text written to a stream that cannot encode it (``PYTHONIOENCODING=cp1252``, a Windows console)
does not fail: the terminal formats fall back to ASCII symbols, the file formats are written as
UTF-8 bytes, exactly as ``-o`` would write them. Text for the terminal (the ``text`` format, and
any output to a terminal) is stripped of C0 and C1 control characters, so that a unit name such
as ``"ESC ]0;pwned BEL"`` cannot retitle the terminal or clear the screen; the colour codes the
text renderer adds itself (SGR sequences) are kept when colour is on.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import stat
import sys
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any

from inspectkit._lazy import lazy_pattern  # compiled on first use

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

__all__ = [
    "EXCEL_BOM",
    "FORMAT_BY_SUFFIX",
    "STDIO",
    "TERMINAL_FORMATS",
    "CommandError",
    "Inputs",
    "add_output_options",
    "add_width_option",
    "check_option_number",
    "check_target",
    "choose_format",
    "clean_terminal_text",
    "emit",
    "emit_chunks",
    "excel_csv",
    "keep_formulas",
    "mark_files",
    "say",
    "text_width",
    "write_chunks",
    "write_file",
    "write_stream",
]

STDIO = "-"
"""The name that means standard input (for an input file) or standard output (for ``-o``)."""

FORMAT_BY_SUFFIX = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".csv": "csv",
    ".txt": "text",
    ".xlsx": "xlsx",
}
"""The output format an ``-o`` file's extension implies, when ``--format`` is not given."""

TERMINAL_FORMATS = frozenset({"text"})
"""Formats meant for reading in a terminal: control characters are stripped, symbols fall back."""

# C0 controls except tab and newline, DEL, and C1 controls. ESC is handled separately.
_CONTROL = lazy_pattern(r"[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f]")
_ESCAPE = lazy_pattern(r"\x1b(?:\[[0-9;]*m)?")  # ESC, with the SGR (colour) sequence it starts
_ASCII_SYMBOLS = {  # written as escapes: several look like ASCII in an editor
    "\u25cf": "#",  # black circle (a filled grade dot)
    "\u25cb": "-",  # white circle (an empty grade dot)
    "\u2192": "->",  # rightwards arrow
    "\u2190": "<-",  # leftwards arrow
    "\u2265": ">=",
    "\u2264": "<=",
    "\u2014": "--",  # em dash
    "\u2013": "-",  # en dash
    "\u2026": "...",
    "\u2713": "ok",  # check mark
    "\u2717": "x",  # ballot x
    "\u00d7": "x",  # multiplication sign
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2022": "*",  # bullet
    "\u00b7": ".",  # middle dot
    "\u00a0": " ",  # no-break space
}


class CommandError(Exception):
    """A problem the command line reports in one line and turns into an exit code.

    Attributes:
        message: What went wrong, naming the path or option (without the ``inspectkit:``).
        code: The exit code: 1 for bad input or an output that cannot be written, 2 for usage.
    """

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


# ---- choosing the format -----------------------------------------------------------------------


def choose_format(
    given: str | None, output: str | None, formats: Sequence[str], default: str
) -> str:
    """Return the output format: *given*, else the one ``-o``'s extension implies, else *default*.

    Args:
        given: The ``--format`` value, or ``None`` when it was not given.
        output: The ``-o`` value, or ``None``.
        formats: The formats the command writes.
        default: The command's default format.

    Raises:
        CommandError: (code 2) The extension implies another format than ``--format``, or a
            format the command does not write.
    """
    implied = None
    if output not in (None, STDIO):
        assert output is not None
        from pathlib import Path  # only for -o: a plain command never imports pathlib

        implied = FORMAT_BY_SUFFIX.get(Path(output).suffix.lower())
    if given is not None:
        if implied is not None and implied != given:
            raise CommandError(
                f"-o {output} looks like {implied} but --format is {given}; "
                "change the extension or the format",
                code=2,
            )
        return given
    if implied is None:
        return default
    if implied not in formats:
        raise CommandError(
            f"-o {output}: this command does not write {implied} "
            f"(formats: {', '.join(formats)}); give --format or another extension",
            code=2,
        )
    return implied


# ---- inputs ------------------------------------------------------------------------------------


class Inputs:
    """The files a command reads, so that ``-o`` can refuse to overwrite any of them.

    Also reads standard input for the one input named ``-``.
    """

    def __init__(self) -> None:
        self._paths: list[str] = []
        self._stdin: bytes | None = None
        self._stdin_role: str | None = None

    def add(self, *paths: str | os.PathLike[str] | None) -> None:
        """Remember *paths* as inputs (``None`` and ``-`` are ignored)."""
        for path in paths:
            if path is None:
                continue
            name = os.fspath(path)
            if name != STDIO and name not in self._paths:
                self._paths.append(name)

    def add_framework(self, reference: str | os.PathLike[str] | None, base: Path | None) -> None:
        """Remember a framework file named by *reference*, and the files it ``extends``.

        A bundled id is not a file of the user's and is skipped. *base* is the directory a
        relative reference is taken from (``None``: the current directory).
        """
        seen: set[str] = set()
        current = reference
        where = base
        for _ in range(64):  # extends chains are short; this bounds a cycle
            if current is None:
                return
            name = os.fspath(current)
            if not os.path.isfile(name if where is None else os.path.join(where, name)):
                return  # a bundled id (the plain case), decided without importing pathlib
            from pathlib import Path

            path = Path(name)
            if where is not None and not path.is_absolute():
                path = where / path
            try:
                if not path.is_file():
                    return
            except (OSError, ValueError):
                return
            key = os.path.realpath(path)
            if key in seen:
                return
            seen.add(key)
            self.add(path)
            current = _extends_of(path)
            where = path.parent

    @property
    def paths(self) -> tuple[str, ...]:
        """The input paths remembered so far."""
        return tuple(self._paths)

    def stdin(self, role: str = "input", *, table: bool = False) -> bytes:
        """Return the bytes of standard input, read once, for the input playing *role*.

        The same *role* (the evidence, say, read first to find its framework and then to load
        it) gets the same bytes again; a second role gets a usage error. *table* says the input
        is a table, whose size limit is larger (`inspectkit.loading._files.TABLE_MAX_BYTES`).

        Raises:
            CommandError: (code 2) Standard input was read already for another role.
        """
        if self._stdin_role is not None and self._stdin_role != role:
            raise CommandError("only one input can be '-' (standard input)", code=2)
        if self._stdin is None:
            self._stdin_role = role
            stream: Any = sys.stdin
            buffer = getattr(stream, "buffer", None) if stream is not None else None
            from inspectkit.loading._files import size_limit

            limit = size_limit(table=table)
            data = b"" if stream is None else (buffer or stream).read(limit + 1)
            data = data if isinstance(data, bytes) else str(data).encode("utf-8")
            if len(data) > limit:
                raise CommandError(
                    f"standard input is larger than the limit of {limit} bytes; raise it with "
                    "INSPECTKIT_MAX_FILE_SIZE"
                )
            self._stdin = data
        return self._stdin

    def data(self, name: str) -> bytes:
        """Return the bytes of the input file *name* (``-``: standard input).

        Only a regular file is read, and only up to the size limit: a FIFO or ``/dev/zero``
        is refused without being read (`inspectkit.loading._files.read_bytes`).

        Raises:
            FileRefusedError: The file cannot be read, or is not a regular file (an `OSError`).
        """
        from inspectkit.loading._files import read_bytes

        if name == STDIO:
            return self.stdin()
        return read_bytes(name)


def _extends_of(path: Path) -> str | None:
    """The ``extends`` path reference of the framework file *path*, if it has one."""
    import tomli

    from inspectkit.loading._files import read_bytes

    try:
        value = tomli.loads(read_bytes(path).decode("utf-8-sig")).get("extends")
    except (OSError, ValueError, RecursionError):  # ValueError: also TOML and Unicode errors
        return None
    if isinstance(value, str) and ("/" in value or "\\" in value or value.endswith(".toml")):
        return value
    return None


# ---- writing -----------------------------------------------------------------------------------


def check_target(output: str, inputs: Iterable[str]) -> Path:
    """Return the real path ``-o`` *output* writes to, after checking it may be written.

    Raises:
        CommandError: *output* is one of *inputs*, is not a regular file, cannot be written,
            or its directory does not exist; (code 2) *output* is empty.
    """
    if not output:
        raise CommandError("-o needs a file name ('-' for standard output)", code=2)
    from pathlib import Path

    try:
        target = Path(os.path.realpath(output))
        info = os.stat(target) if target.exists() else None
    except (OSError, ValueError) as error:
        raise CommandError(f"cannot write {output}: {_reason(error)}") from error
    if info is not None:
        for name in inputs:
            if _same_file(output, name):
                raise CommandError(
                    f"-o {output} is the input file {name}; write the report somewhere else"
                )
        if stat.S_ISDIR(info.st_mode):
            raise CommandError(f"cannot write {output}: it is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise CommandError(
                f"cannot write {output}: not a regular file (a device, FIFO or socket); "
                "use '-o -' and redirect standard output instead"
            )
        if not os.access(target, os.W_OK):
            raise CommandError(f"cannot write {output}: permission denied")
    if not target.parent.is_dir():
        given = os.path.dirname(output) or "."
        raise CommandError(f"cannot write {output}: the directory {given} does not exist")
    return target


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        try:
            return os.path.realpath(a) == os.path.realpath(b)
        except (OSError, ValueError):  # pragma: no cover - realpath fails only on odd names
            return False


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror[0].lower() + error.strerror[1:]
    return str(error)


def write_file(output: str, data: bytes, inputs: Iterable[str] = ()) -> None:
    """Write *data* to the file *output* atomically, never over an input (see the module).

    Raises:
        CommandError: The target is refused or cannot be written; it is then unchanged.
    """
    write_chunks(output, (data,), inputs)


def write_chunks(output: str, chunks: Iterable[bytes], inputs: Iterable[str] = ()) -> None:
    """Write *chunks* to the file *output* as they come, atomically, never over an input.

    Each chunk goes to a temporary file beside the target as soon as it is made, and the
    temporary file replaces the target only after the last (so a large report is never
    held whole in memory, and a reader of the target sees the old file or the new one).
    Where the target is refused or a write fails, the remaining chunks are still made
    before the error is raised: their maker may raise first (a table's problems, found at
    its end, are reported before an output's, as when the report was made before writing).

    Raises:
        CommandError: The target is refused or cannot be written; it is then unchanged.
    """
    import tempfile  # only for -o: it imports shutil, random and the compression modules

    chunks = iter(chunks)
    try:
        target = check_target(output, inputs)
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name[:64]}.", suffix=".tmp"
        )
    except CommandError:
        _drain(chunks)
        raise
    except (OSError, ValueError) as error:
        _drain(chunks)
        raise CommandError(f"cannot write {output}: {_reason(error)}") from error
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            _drain(chunks)
            raise CommandError(f"cannot write {output}: {_reason(error)}") from error
        raise


def _drain(chunks: Iterable[bytes]) -> None:
    """Make the remaining *chunks* (see `write_chunks`), letting their maker's error through."""
    for _ in chunks:
        pass


def _mode_for(target: Path) -> int:
    """The permissions the new file gets: the old file's, else what the umask allows."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def clean_terminal_text(text: str, *, keep_colour: bool = False) -> str:
    """Return *text* without C0/C1 control characters (tab and newline stay).

    With *keep_colour*, SGR sequences (``ESC [ ... m``, colours only) are kept and every other
    escape is dropped.
    """
    text = _CONTROL.sub("", text)
    if "\x1b" not in text:
        return text
    return _ESCAPE.sub(lambda match: match[0] if keep_colour and len(match[0]) > 1 else "", text)


def _ascii_fallback(text: str, encoding: str) -> str:
    """*text* with each character *encoding* cannot write spelled in ASCII (else ``?``)."""
    out = []
    for char in text:
        try:
            char.encode(encoding)
        except UnicodeEncodeError:
            out.append(_ASCII_SYMBOLS.get(char, "?"))
        else:
            out.append(char)
    return "".join(out)


def _encodes(text: str, encoding: str | None) -> bool:
    try:
        text.encode(encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def write_stream(text: str, stream: IO[str], *, terminal: bool, colour: bool = False) -> None:
    """Write *text* to *stream*, cleaned for a terminal and encodable on it (see the module).

    Args:
        text: The text to write.
        stream: The stream, usually ``sys.stdout``.
        terminal: Whether *text* is a terminal format (``text``, lists, messages).
        colour: Whether *text* carries the text renderer's colour codes, to be kept.
    """
    if terminal or _isatty(stream):
        text = clean_terminal_text(text, keep_colour=colour)
    encoding = getattr(stream, "encoding", None) or "utf-8"
    if not _encodes(text, encoding):
        buffer = getattr(stream, "buffer", None)
        if not terminal and buffer is not None:
            stream.flush()
            buffer.write(text.encode("utf-8"))
            buffer.flush()
            return
        text = _ascii_fallback(text, encoding if _encodes("", encoding) else "ascii")
    stream.write(text)


EXCEL_BOM = "\ufeff"
"""The byte-order mark that makes Excel read a CSV file as UTF-8 (without it, Excel on Windows
reads the system code page and mangles names such as "Café")."""


def excel_csv(args: argparse.Namespace, output_format: str) -> bool:
    """Return whether *args* asked for CSV with a byte-order mark (``--excel-csv``).

    Every command with a CSV format takes the option (`add_output_options`); call this as soon
    as the format is known, so a wrong combination stops before any work.

    Raises:
        CommandError: (code 2) ``--excel-csv`` with a format other than CSV.
    """
    wanted = bool(getattr(args, "excel_csv", False))
    if wanted and output_format != "csv":
        raise CommandError(f"--excel-csv applies to CSV output, not {output_format}", code=2)
    return wanted


def emit(
    text: str | bytes,
    output: str | None,
    *,
    inputs: Inputs | Iterable[str] = (),
    output_format: str = "",
    colour: bool = False,
    bom: bool = False,
) -> None:
    """Write a command's report to ``-o`` *output* (a file, ``-`` or ``None`` for stdout).

    A file gets the UTF-8 bytes of *text* atomically and a ``wrote FILE`` line on stderr;
    standard output gets the same text through `write_stream`. A binary report (*text* as
    bytes: a workbook) is written as it is, and refused on a terminal, where it would be noise.
    With *bom* (`excel_csv`) a text report starts with `EXCEL_BOM`.

    Raises:
        CommandError: The file is refused or cannot be written; it is then unchanged; or a
            binary report would go to a terminal.
    """
    if bom and isinstance(text, str):
        text = EXCEL_BOM + text
    if isinstance(text, bytes):
        _emit_binary(text, output, inputs, output_format)
        return
    terminal = output_format in TERMINAL_FORMATS
    if output in (None, STDIO):
        write_stream(text, sys.stdout, terminal=terminal, colour=colour)
        return
    assert output is not None
    if terminal:
        text = clean_terminal_text(text, keep_colour=colour)
    paths = inputs.paths if isinstance(inputs, Inputs) else tuple(inputs)
    write_file(output, text.encode("utf-8"), paths)
    say(f"wrote {output}")


def emit_chunks(
    chunks: Iterable[str],
    output: str | None,
    *,
    inputs: Inputs | Iterable[str] = (),
    bom: bool = False,
) -> None:
    """`emit` for a CSV report made chunk by chunk: a file is written as the chunks come.

    Standard output gets the whole text at the end, as `emit` writes it (nothing is
    written there if making a chunk raises). A file is written by `write_chunks`.

    Raises:
        CommandError: As `emit`.
    """
    if output in (None, STDIO):
        emit("".join(chunks), output, bom=bom)
        return
    assert output is not None
    encoded: Iterable[bytes] = (chunk.encode("utf-8") for chunk in chunks)
    if bom:
        encoded = itertools.chain((EXCEL_BOM.encode("utf-8"),), encoded)
    paths = inputs.paths if isinstance(inputs, Inputs) else tuple(inputs)
    write_chunks(output, encoded, paths)
    say(f"wrote {output}")


def _emit_binary(
    data: bytes, output: str | None, inputs: Inputs | Iterable[str], output_format: str
) -> None:
    if output in (None, STDIO):
        if _isatty(sys.stdout):
            raise CommandError(
                f"a {output_format} file is binary: write it with -o FILE.{output_format} "
                "or redirect standard output",
                code=2,
            )
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            raise CommandError(f"standard output cannot take a binary {output_format} file")
        buffer.write(data)
        buffer.flush()
        return
    paths = inputs.paths if isinstance(inputs, Inputs) else tuple(inputs)
    write_file(output, data, paths)
    say(f"wrote {output}")


def say(message: str) -> None:
    """Print *message* on stderr, stripped of control characters (it may quote user text)."""
    write_stream(message + "\n", sys.stderr, terminal=True)


def add_output_options(
    parser: argparse.ArgumentParser, formats: Iterable[str], default: str | None
) -> None:
    """Add ``-f/--format`` (when the command has *formats*) and ``-o/--output`` to *parser*."""
    names = list(formats)
    if names:
        parser.add_argument(
            "-f",
            "--format",
            choices=names,
            default=None,
            metavar="FORMAT",
            help=f"output format: {', '.join(names)} (default: from the -o extension, "
            f"else {default})",
        )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (atomically; never over an input) instead of standard output; "
        "'-' is standard output",
    )
    if "csv" in names:
        parser.add_argument(
            "--csv-formulas",
            choices=("escape", "keep"),
            default="escape",
            help="escape (the default): a CSV text cell starting =, +, -, @, tab or CR gets a "
            "leading ' so a spreadsheet shows it rather than running it; keep: write it exactly",
        )
        parser.add_argument(
            "--excel-csv",
            action="store_true",
            help="write CSV with a UTF-8 byte-order mark, so Excel reads non-ASCII names rightly",
        )


def add_width_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--width N``: the column the text format wraps at (0: never wrap)."""
    parser.add_argument(
        "--width",
        metavar="N",
        type=int,
        default=None,
        help="wrap the text format at N columns (0: never); default: the terminal's width "
        "(COLUMNS if set) when writing to a terminal or COLUMNS is set, else no wrapping",
    )


def text_width(width: int | None, stream: object) -> int | None:
    """Return the column the text format wraps at, or ``None`` for no wrapping.

    ``--width N`` decides when given (0: never). Otherwise a terminal is wrapped at its width
    (`shutil.get_terminal_size`, which reads ``COLUMNS`` first), and so is output anywhere
    when ``COLUMNS`` is set, since that asks for it; a pipe or a file is left unwrapped, so
    ``grep`` and scripts see whole lines.
    """
    if width is not None:
        return width if width > 0 else None
    columns = os.environ.get("COLUMNS", "").strip()
    isatty = getattr(stream, "isatty", None)
    if not columns.isdigit() and not (isatty and isatty()):
        return None
    import shutil  # only for a terminal (shutil imports the compression modules)

    size = shutil.get_terminal_size().columns
    return max(size, 20)


def keep_formulas(args: argparse.Namespace) -> bool:
    """Return whether *args* asked for CSV cells exactly as they are (``--csv-formulas keep``)."""
    return getattr(args, "csv_formulas", "escape") == "keep"


FILES = {"bash": "_shtab_compgen_files", "zsh": "_files", "tcsh": "f"}
"""How shtab's completion scripts complete a file name (the value of its ``shtab.FILE``)."""

FILE_METAVARS = frozenset({"FILE", "EVIDENCE", "CSV", "OLD", "NEW", "ID_OR_PATH"})
"""The metavars of arguments that take a file name (or a bundled id, beside files)."""


def mark_files(parser: argparse.ArgumentParser) -> None:
    """Mark every argument of *parser* and its commands that takes a file, for completion.

    shtab reads an action's ``complete`` attribute; setting it needs no import of shtab.
    """
    import argparse  # here: `inspectkit assess FILE` runs without argparse

    for action in parser._actions:
        if action.metavar in FILE_METAVARS:
            action.complete = FILES  # type: ignore[attr-defined]
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                mark_files(command)


# ---- options -----------------------------------------------------------------------------------

_DIGITS = lazy_pattern(r"\d+")


def check_option_number(option: str, text: str | None) -> None:
    """Refuse an option value holding an integer too long for Python to read.

    Python refuses to convert integers of more than `sys.get_int_max_str_digits` digits (4,300
    by default) with a `ValueError` from deep inside; no grade position, count or percentage is
    that long, so the value is refused here, before anything reads it.

    Raises:
        CommandError: (code 2) *text* holds such a number.
    """
    if text is None:
        return
    limit = getattr(sys, "get_int_max_str_digits", lambda: 4300)() or 4300
    longest = max((len(run) for run in _DIGITS.findall(text)), default=0)
    if longest > limit:
        raise CommandError(
            f"{option}: a number of {longest} digits is out of range (at most {limit})", code=2
        )
