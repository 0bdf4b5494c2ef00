"""Shared machinery for reporting problems in input files: paths, lines, hints, TOML parsing.

Every loader collects *all* problems in an input before raising, so a framework author or centre
lead fixes a file in one pass. An `IssueCollector` records `Issue`s against key paths such as
``("judgements", 1, "criteria", 0, "thresholds", "good")``, looks up the line each path starts
on in the TOML source, and raises one error carrying them all.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NoReturn

import tomli

from inspectkit.errors import InspectkitError, Issue

__all__ = [
    "IssueCollector",
    "KeyPath",
    "format_path",
    "locate_lines",
    "parse_toml",
    "suggest",
    "toml_type_name",
]

KeyPath = tuple[str | int, ...]
"""A path into a TOML document: table keys (str) and array indices (int)."""

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def format_path(path: Sequence[str | int]) -> str:
    """Return *path* as written in messages: ``judgements[1].criteria[0].thresholds.good``.

    Keys that are not bare TOML keys are quoted: ``vocabulary.quantifiers[0]."a large majority"``.
    """
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            key = part if _BARE_KEY.match(part) else '"' + part.replace('"', '\\"') + '"'
            text += f".{key}" if text else key
    return text


def suggest(name: str, choices: Iterable[str]) -> str | None:
    """Return a "did you mean" hint for a misspelt *name*, or ``None`` if nothing is close."""
    matches = difflib.get_close_matches(name, sorted(set(choices)), n=1, cutoff=0.6)
    return f"did you mean {matches[0]!r}?" if matches else None


def toml_type_name(value: object) -> str:
    """Return the TOML word for the type of *value* (``string``, ``table``, ``float``, ...)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "float" if math.isfinite(value) else "non-finite float"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Mapping):
        return "table"
    if isinstance(value, (list, tuple)):
        return "array"
    return type(value).__name__


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*(\]\]?)\s*(#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)
_KEY_PART = re.compile(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""")


def _split_key(text: str) -> list[str]:
    return [part.strip("\"'") for part in _KEY_PART.findall(text)]


def locate_lines(text: str) -> dict[KeyPath, int]:
    """Map the key paths defined in TOML *text* to the 1-based lines that define them.

    A light scanner, not a parser: it follows table headers, arrays of tables and ``key =``
    lines, which is what hand-written rubric and evidence files use. Keys inside inline tables
    are not indexed; `IssueCollector` falls back to the nearest enclosing key.
    """
    lines: dict[KeyPath, int] = {}
    counts: dict[KeyPath, int] = {}
    table: KeyPath = ()
    in_multiline: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_multiline is not None:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        header = _HEADER.match(line)
        if header and not line.lstrip().startswith("#"):
            keys = _split_key(header.group(2))
            resolved: list[str | int] = []
            for depth, key in enumerate(keys):
                resolved.append(key)
                prefix = tuple(resolved)
                is_last = depth == len(keys) - 1
                if is_last and header.group(1) == "[[":
                    counts[prefix] = counts.get(prefix, -1) + 1
                    resolved.append(counts[prefix])
                elif prefix in counts:
                    resolved.append(counts[prefix])
            table = tuple(resolved)
            lines.setdefault(table, number)
            if header.group(1) == "[[":
                lines.setdefault(table[:-1], number)
            continue
        assignment = _KEY.match(line)
        if assignment:
            path = table + tuple(_split_key(assignment.group(1)))
            lines.setdefault(path, number)
            rest = line[assignment.end() :]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_multiline = quote
    return lines


class IssueCollector:
    """Collects the problems found in one input, then raises them all at once.

    Args:
        file: The file name to report, if the input came from a file.
        text: The TOML source, used to find the line each problem is on.
    """

    def __init__(self, file: str | None = None, text: str | None = None) -> None:
        self.file = file
        self.issues: list[Issue] = []
        self._text = text
        self._located: dict[KeyPath, int] | None = None

    @property
    def _lines(self) -> dict[KeyPath, int]:
        # Scanned on first use: a valid input never pays for finding lines.
        if self._located is None:
            self._located = locate_lines(self._text) if self._text else {}
        return self._located

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """Return the line of *path*, or of its nearest enclosing key that has one."""
        key = tuple(path)
        while key:
            if key in self._lines:
                return self._lines[key]
            key = key[:-1]
        return None

    def add(
        self,
        path: Sequence[str | int],
        code: str,
        message: str,
        *,
        hint: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        """Record a problem at *path* (a `KeyPath`; ``()`` for the whole input)."""
        self.issues.append(
            Issue(
                path=format_path(path),
                code=code,
                message=message,
                line=line if line is not None else self.line_of(path),
                column=column,
                hint=hint,
                file=self.file,
            )
        )

    def __bool__(self) -> bool:
        return bool(self.issues)

    def __len__(self) -> int:
        return len(self.issues)

    def raise_if_any(self, error: type[InspectkitError], what: str) -> None:
        """Raise *error* carrying every issue if any were recorded; *what* names the input."""
        if self.issues:
            self.raise_now(error, what)

    def raise_now(self, error: type[InspectkitError], what: str) -> NoReturn:
        """Raise *error* carrying every issue recorded so far."""
        count = len(self.issues)
        where = self.file or "<input>"
        noun = "problem" if count == 1 else "problems"
        raise error(f"{where}: {what} has {count} {noun}", self.issues)


def parse_toml(
    source: str | bytes, collector: IssueCollector, error: type[InspectkitError], what: str
) -> dict[str, Any]:
    """Parse TOML *source*, raising *error* with the file, line and column on a syntax error.

    Bytes that are not UTF-8, and documents nested too deeply to parse, are reported the same
    way; nothing but *error* escapes.
    """
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
        return tomli.loads(source)
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
        collector.add((), "too-deep", "the document is nested too deeply to read")
    collector.raise_now(error, what)
