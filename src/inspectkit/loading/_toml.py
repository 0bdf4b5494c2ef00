"""Strict readers for the values of a TOML document, and the one way a TOML text is parsed.

Why strict readers instead of ``cattrs.structure``: cattrs' default hooks coerce silently
(``"0.6"`` becomes ``0.6``, ``"no"`` becomes ``True``), and an attrs validator's failure loses
its key path in cattrs' report. A loader that fails closed has to name the exact key, so
`StrictReader` reads one TOML type at a time and says what it expected where: integers are
accepted where floats are expected (TOML writes ``1`` and ``1.0`` for the same threshold);
booleans are never numbers, although Python's ``bool`` is an ``int``; NaN and infinity are not
numbers a rubric can mean. Each reader returns ``None`` after recording a problem, so a caller
can go on reading the rest of the table and report every problem in one pass.

`parse_toml` is the only place a TOML text becomes a mapping. It turns everything the parser can
raise into one located issue: invalid UTF-8 (with the byte offset), a syntax error (with line
and column), an integer too long for Python to read (more than 4,300 digits: Python's own
limit, which tomli hits with a bare `ValueError`) and a document nested too deeply to parse
(tomli refuses more than a few hundred levels with a `RecursionError`), so no caller has to
catch a parser's exception itself. A byte-order mark is dropped first, whoever calls it.

Limits that are the same for every document, so no later step meets a value it cannot handle:

- `MAX_DEPTH`: tables and arrays nested more than 32 levels are refused (``too-deep``) by
  `check_depth`, which `parse_toml` runs on every parsed document and the loaders run on every
  mapping given from Python. The deepest real key, a threshold's provenance, is 7 levels down;
  the limit is far below the parser's own (which depends on the stack), so it is one number.
- `MAX_NUMBER`: a number whose magnitude is above 10**15 is ``out-of-range`` at its key (a
  weight, a count, a threshold, a quantity). No rubric or evidence means one so large, and
  everything under it converts to a float exactly enough and sums to a finite total: two
  weights of ``1e308`` used to pass and then make the coverage NaN.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

import tomli

from inspectkit._lazy import lazy_pattern  # compiled on first use
from inspectkit.errors import InspectkitError
from inspectkit.loading._issues import (
    IssueCollector,
    KeyPath,
    locate_lines,
    suggest,
    toml_type_name,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_NUMBER",
    "MISSING",
    "StrictReader",
    "check_depth",
    "checked_toml",
    "decode",
    "format_number",
    "number_text",
    "parse_toml",
]

MAX_DEPTH = 32
"""The deepest nesting of tables and arrays any document may have."""

MAX_NUMBER = 1e15
"""The largest magnitude of a number in a framework or in evidence."""

_DIGIT_RUN = lazy_pattern(r"\d(?:_?\d){4300,}")

MISSING: Any = object()
"""Stands for an absent key: ``table.get(key, MISSING)``."""

_ID = lazy_pattern(r"[a-z][a-z0-9_]*\Z")  # \Z: "$" would let a trailing newline through
E = TypeVar("E", bound=enum.Enum)


def decode(source: str | bytes) -> str | bytes:
    """Return *source* without a byte-order mark, as text when it is UTF-8.

    Bytes that are not UTF-8 are returned as they are, for `parse_toml` to report with the
    offset of the first bad byte.
    """
    if isinstance(source, str):
        return source.removeprefix("\ufeff")
    source = source.removeprefix(b"\xef\xbb\xbf")
    try:
        return source.decode("utf-8")
    except UnicodeDecodeError:
        return source


def parse_toml(
    source: str | bytes, collector: IssueCollector, error: type[InspectkitError], what: str
) -> dict[str, Any]:
    """Parse TOML *source*, raising *error* with the file, line and column on a syntax error.

    Bytes that are not UTF-8, and documents nested too deeply to parse, are reported the same
    way; nothing but *error* escapes.
    """
    source = decode(source)
    if isinstance(source, bytes):
        try:
            source = source.decode("utf-8")
        except UnicodeDecodeError as exc:
            collector.add(
                (),
                "not-utf8",
                f"the file is not UTF-8 text ({exc.reason} at byte {exc.start})",
                hint="save the file as UTF-8",
            )
            collector.raise_now(error, what)
    try:
        parsed = tomli.loads(source)
    except tomli.TOMLDecodeError as exc:
        collector.add(
            (),
            "toml-syntax",
            f"TOML syntax error: {exc.msg}",
            line=exc.lineno,
            column=exc.colno,
            hint="check quotes, brackets and '=' on that line",
        )
    except RecursionError:
        collector.add(
            (),
            "too-deep",
            f"tables or arrays nest more than {MAX_DEPTH} levels deep",
            line=_deep_line(source),
            hint="nest fewer arrays, inline tables or dotted key parts",
        )
    except ValueError:  # not a TOMLDecodeError: an integer Python will not read
        run = _DIGIT_RUN.search(source)
        digits = len(run.group().replace("_", "")) if run else 4301
        line = source.count("\n", 0, run.start()) + 1 if run else None
        collector.add(
            _path_on_line(source, line),
            "out-of-range",
            f"an integer of {digits} digits is out of range: numbers are read up to "
            f"{_LIMIT_TEXT} either side of 0",
            line=line,
            hint="no weight, count or measure is that large; check the number",
        )
    else:
        return checked_toml(source, parsed, collector, error, what)
    collector.raise_now(error, what)


def checked_toml(
    source: str,
    parsed: dict[str, Any],
    collector: IssueCollector,
    error: type[InspectkitError],
    what: str,
) -> dict[str, Any]:
    """Return *parsed*, the document `tomli.loads` gave for *source*, once `parse_toml` would.

    The checks `parse_toml` makes after parsing (nesting depth, floats too large) raise
    *error* as there; a caller that parsed *source* itself calls this in its place.
    """
    check_depth(parsed, collector)
    _check_huge_floats(source, parsed, collector)
    if not collector:
        return parsed
    collector.raise_now(error, what)


_FLOAT_LITERAL = lazy_pattern(r"(?<![\w.])[+-]?\d[\d_]*(?:\.[\d_]+)?[eE][+-]?[\d_]+")


def _check_huge_floats(source: str, parsed: object, collector: IssueCollector) -> None:
    """Record ``out-of-range`` for each float literal too large for a float (``1e400``).

    tomli reads ``1e400`` as infinity, which later reads as "inf is not a finite number", a
    value the file never wrote; the literal is found in the text instead, and only when the
    document holds an infinity at all (so a ``1e999`` inside a string costs nothing).
    """
    if not _holds_infinity(parsed):
        return
    for match in _FLOAT_LITERAL.finditer(source):
        before = source[source.rfind("\n", 0, match.start()) + 1 : match.start()]
        if "#" in before or before.count('"') % 2 or before.count("'") % 2:
            continue  # in a comment or a string
        try:
            value = float(match.group().replace("_", ""))
        except ValueError:  # pragma: no cover - the pattern only matches float syntax
            continue
        if math.isinf(value):
            line = source.count("\n", 0, match.start()) + 1
            collector.add(
                _path_on_line(source, line),
                "out-of-range",
                f"{match.group()} is out of range: numbers are read up to {_LIMIT_TEXT} either "
                "side of 0",
                line=line,
                hint="no weight, count or measure is that large; check the number",
            )


_SCALARS = frozenset({str, int, bool, float, type(None)})
"""The types of value a walk of a parsed document passes over: never a table or an array."""


def _holds_infinity(document: object) -> bool:
    # The types tomli gives are told apart by identity first: `isinstance` against the
    # `Mapping` ABC costs several times as much, on each of a framework's thousand-odd strings.
    stack: list[Any] = [document]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is float:
            if math.isinf(value):
                return True
        elif kind is dict:
            stack.extend(value.values())
        elif kind is list:
            stack.extend(value)
        elif kind in _SCALARS:
            continue
        elif isinstance(value, float):
            if math.isinf(value):
                return True
        elif isinstance(value, Mapping):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


_LIMIT_TEXT = "1e15"


def _path_on_line(text: str, line: int | None) -> KeyPath:
    """Return the longest key path that starts on *line* of *text*, or ``()``."""
    paths = [path for path, number in locate_lines(text).items() if number == line]
    return max(paths, key=len, default=())


def check_depth(document: object, collector: IssueCollector) -> None:
    """Record ``too-deep`` where *document* nests tables and arrays beyond `MAX_DEPTH`.

    The walk is iterative and stops at the limit, so a mapping that contains itself (from
    Python) is refused too, instead of recursing without end in a later step. A quick walk
    (`_nests_too_deep`) looks first; only a document it finds too deep is walked again with
    the key path to each value, to say where.
    """
    if not _nests_too_deep(document):
        return
    stack: list[tuple[object, tuple[str | int, ...]]] = [(document, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, Mapping):
            children: list[tuple[str | int, object]] = [(str(k), v) for k, v in value.items()]
        elif isinstance(value, list):
            children = list(enumerate(value))
        else:
            continue
        if len(path) >= MAX_DEPTH:
            named = [n for n, key in enumerate(path[:8], start=1) if isinstance(key, str)]
            collector.add(
                path[: named[-1]] if named else path[:8],
                "too-deep",
                f"tables or arrays nest more than {MAX_DEPTH} levels deep",
                hint="nest fewer arrays, inline tables or dotted key parts",
            )
            return
        stack.extend((child, (*path, key)) for key, child in children)


def _nests_too_deep(document: object) -> bool:
    """Return whether *document* holds a table or an array `MAX_DEPTH` levels down.

    Why: `check_depth` runs on every document parsed, and building every value's key path
    cost a third as much again as parsing a framework with tomli; this walk goes level by
    level and keeps no paths, and tells tomli's types apart by identity before it asks the
    `Mapping` ABC. Like the walk with paths it stops at the limit, so a mapping inside itself
    ends it too.
    """
    level: list[Any] = [document]
    for _ in range(MAX_DEPTH):
        below: list[Any] = []
        for value in level:
            kind = type(value)
            if kind is dict:
                below.extend(value.values())
            elif kind is list:
                below.extend(value)
            elif kind in _SCALARS:
                continue
            elif isinstance(value, Mapping):
                below.extend(value.values())
            elif isinstance(value, list):
                below.extend(value)
        if not below:
            return False
        level = below
    return any(isinstance(value, (Mapping, list)) for value in level)


_DEEP = MAX_DEPTH


def _deep_line(text: str) -> int | None:
    """Return the first line where brackets or dotted keys nest more than `_DEEP` levels.

    Only run for a document the parser refused as too deep, so a rough scan will do: quoted
    text is skipped on each line, and the depth of ``[``/``{`` carries over lines.
    """
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        quote = None
        parts = 1
        for char in line:
            if quote is not None:
                if char == quote:
                    quote = None
            elif char in "\"'":
                quote = char
            elif char == "#":
                break
            elif char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
            elif char == ".":
                parts += 1
            if depth > _DEEP or parts > _DEEP:
                return number
    return None


class StrictReader:
    """Strict readers for the values of a TOML document, each reporting to one collector.

    Each method returns the value it was given, checked, or ``None`` after recording an issue
    at *path*; `MISSING` (the key is absent) returns ``None`` without one, because the caller
    reports a missing key once, from the table that lacks it.
    """

    def __init__(self, collector: IssueCollector) -> None:
        self.issues = collector

    def table(
        self,
        value: Any,
        path: KeyPath,
        allowed: Sequence[str],
        required: Sequence[str] = (),
    ) -> Mapping[str, Any] | None:
        """Return *value* if it is a table, after checking its keys against *allowed*."""
        # A parsed document's tables are dicts: `type` first spares the ABC's slower check.
        if type(value) is not dict and not isinstance(value, Mapping):
            self.wrong_type(value, path, "a table")
            return None
        for key in value:
            if key not in allowed:
                if self.issues.full:  # only counted: skip the hint's string matching
                    self.issues.add(path, "unknown-key", "")
                    continue
                self.issues.add(
                    (*path, str(key)),
                    "unknown-key",
                    f"unknown key {str(key)!r}",
                    hint=suggest(str(key), allowed) or "allowed keys: " + ", ".join(allowed),
                )
        for key in required:
            if key not in value:
                self.issues.add(path, "missing-key", f"missing required key {key!r}")
        return value

    def wrong_type(self, value: Any, path: KeyPath, expected: str) -> None:
        """Record that *value* at *path* is not of the *expected* type."""
        hint = None
        if isinstance(value, str) and "number" in expected:
            hint = "write the number without quotes"
        elif isinstance(value, str) and "boolean" in expected:
            hint = "write true or false without quotes"
        self.issues.add(
            path, "wrong-type", f"expected {expected}, got {toml_type_name(value)}", hint=hint
        )

    def string(self, value: Any, path: KeyPath) -> str | None:
        """Return *value* if it is a string."""
        if value is MISSING:
            return None
        if not isinstance(value, str):
            self.wrong_type(value, path, "a string")
            return None
        return value

    def ident(self, value: Any, path: KeyPath) -> str | None:
        """Return *value* if it is a lowercase snake_case id."""
        text = self.string(value, path)
        if text is None:
            return None
        if not _ID.match(text):
            self.issues.add(
                path,
                "bad-id",
                f"{text!r} is not a lowercase snake_case id",
                hint="ids start with a letter and use only a-z, 0-9 and _",
            )
            return None
        return text

    def number(self, value: Any, path: KeyPath) -> float | None:
        """Return *value* as a float if it is a finite integer or float (never a boolean)."""
        if value is MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.wrong_type(value, path, "a number")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.issues.add(path, "not-finite", f"{value} is not a finite number")
            return None
        if abs(value) > MAX_NUMBER:
            self.out_of_range(value, path)
            return None
        return float(value)

    def out_of_range(self, value: float, path: KeyPath) -> None:
        """Record that the number *value* at *path* is beyond `MAX_NUMBER`."""
        self.issues.add(
            path,
            "out-of-range",
            f"{number_text(value)} is out of range: numbers are read up to {_LIMIT_TEXT} either "
            "side of 0",
            hint="no weight, count or measure is that large; check the number",
        )

    def positive(self, value: Any, path: KeyPath) -> float | None:
        """Return *value* if it is a finite number greater than 0."""
        number = self.number(value, path)
        if number is not None and number <= 0:
            self.issues.add(path, "not-positive", f"{format_number(number)} is not greater than 0")
            return None
        return number

    def count(self, value: Any, path: KeyPath) -> int | None:
        """Return *value* if it is a non-negative integer."""
        if isinstance(value, bool) or not isinstance(value, int):
            self.wrong_type(value, path, "an integer")
            return None
        if value < 0:
            self.issues.add(path, "out-of-range", f"{number_text(value)} is negative")
            return None
        if value > MAX_NUMBER:
            self.out_of_range(value, path)
            return None
        return value

    def boolean(self, value: Any, path: KeyPath) -> bool | None:
        """Return *value* if it is a boolean."""
        if not isinstance(value, bool):
            self.wrong_type(value, path, "a boolean")
            return None
        return value

    def strings(self, value: Any, path: KeyPath) -> tuple[str, ...] | None:
        """Return *value* as a tuple if it is an array of strings."""
        if not isinstance(value, list):
            self.wrong_type(value, path, "an array of strings")
            return None
        items = [self.string(item, (*path, index)) for index, item in enumerate(value)]
        if any(item is None for item in items):
            return None
        return tuple(item for item in items if item is not None)

    def choice(self, value: Any, path: KeyPath, kind: type[E]) -> E | None:
        """Return the member of enum *kind* whose value is the string *value*."""
        text = self.string(value, path)
        if text is None:
            return None
        # The member by value, as ``kind(text)`` finds it, without the enum call's overhead (a
        # framework reads some 160 choices).
        member = kind._value2member_map_.get(text)
        if member is not None:
            return member  # type: ignore[return-value]
        try:
            return kind(text)
        except ValueError:
            words = [member.value for member in kind]
            self.issues.add(
                path,
                "bad-value",
                f"{text!r} is not one of " + ", ".join(repr(word) for word in words),
                hint=suggest(text, words),
            )
            return None

    def array(self, value: Any, path: KeyPath) -> list[tuple[int, Mapping[str, Any]]]:
        """Return the (index, table) pairs of an array of tables; non-tables are reported."""
        if not isinstance(value, list):
            self.wrong_type(value, path, "an array of tables")
            return []
        found = []
        for index, item in enumerate(value):
            if isinstance(item, Mapping):
                found.append((index, item))
            else:
                self.wrong_type(item, (*path, index), "a table")
        return found


def format_number(value: float) -> str:
    """Return *value* as a message prints it: ``3`` for 3.0, ``0.65`` for 0.65."""
    return str(int(value)) if value == int(value) and abs(value) <= 1e15 else repr(value)


def number_text(value: float) -> str:
    """Return *value* for a message, even an integer too long for Python to print.

    ``str(10**5000)`` raises `ValueError` (Python's 4,300-digit limit), so a long integer is
    named by its number of digits instead.
    """
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**18:
        digits = math.floor(math.log10(abs(value))) + 1
        return f"an integer of {digits} digits"
    return format_number(value) if isinstance(value, (int, float)) else repr(value)
