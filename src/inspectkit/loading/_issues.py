"""Shared machinery for reporting problems in input files: paths, lines, hints, issue codes.

Every loader collects *all* problems in an input before raising, so a framework author or centre
lead fixes a file in one pass. An `IssueCollector` records `Issue`s against key paths such as
``("judgements", 1, "criteria", 0, "thresholds", "good")``, looks up the line each path starts
on in the TOML source, and raises one error carrying them all.

All, up to `MAX_ISSUES`: an error lists the first 100 problems and then one ``too-many-issues``
issue saying how many more there are. A file with 700,000 unknown keys used to take 33 s and
1 GB to report; past the cap a collector only counts (`IssueCollector.full` lets a caller skip
working out a hint no one will read).

The use cases that gather problems from many inputs (every row of a batch, every case of a
calibration, every member of a group) gather them in an `IssueCollector` too, with
`IssueCollector.extend`: a table of 30,000 rows with a bad column used to list 30,000
problems. An input's own error may already be capped; its ``too-many-issues`` issue is read
back as the count it stands for (`more_count`), so every problem is still counted.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import NoReturn

from inspectkit._lazy import lazy_pattern  # compiled on first use
from inspectkit.errors import InspectkitError, Issue
from inspectkit.grades import normalise_name

__all__ = [
    "CODES",
    "EVIDENCE_CODES",
    "MAX_ISSUES",
    "IssueCollector",
    "KeyPath",
    "capped",
    "format_path",
    "locate_lines",
    "more_count",
    "suggest",
    "suggest_word",
    "toml_type_name",
]

CODES: dict[str, str] = {
    "toml-syntax": "the text is not valid TOML",
    "not-utf8": "the file is not UTF-8 text",
    "too-deep": "the document is nested too deeply to read",
    "unreadable": "the file cannot be read",
    "not-a-file": "a path (or ``extends`` parent) that is a FIFO, device or socket, not read",
    "too-large": "a file larger than the size limit (8 MiB unless raised), not read",
    "unknown-key": "a key the format does not have",
    "missing-key": "a required key is absent",
    "wrong-type": "a value of the wrong TOML type",
    "not-finite": "a number that is NaN or infinite",
    "bad-value": "a string that is not one of the allowed words",
    "bad-id": "an id that is not lowercase snake_case",
    "reserved-id": "an id that is reserved (``overall``)",
    "duplicate-id": "an id (or quantifier word) given twice",
    "too-few": "fewer entries than the format needs",
    "not-positive": "a weight or effort that is not a finite positive number",
    "out-of-range": "a number outside its allowed range",
    "empty-range": "a range whose low end is above its high end",
    "unknown-word": "a quantifier written below or above a word with no band of its own",
    "unknown-grade": "a grade id not on the framework's scale",
    "unknown-source": "a provenance source that is not in ``sources``",
    "unknown-member": (
        "a rule (or a change's ``affects``) naming a member the judgement or framework lacks"
    ),
    "unknown-target": "a cap naming a criterion or judgement that does not exist",
    "not-used": "a key that has no meaning for this measure or method",
    "missing-threshold": "a non-worst grade with no threshold",
    "worst-threshold": "a threshold for the worst grade",
    "thresholds-out-of-order": "thresholds that do not get stricter towards the best grade",
    "check-grades-out-of-order": "a check whose met grade is worse than its not-met grade",
    "level-with-met": "a check with 'level' that also gives 'met' or 'not_met'",
    "points-out-of-order": "percent_bands points that do not rise towards the best grade",
    "bands-out-of-order": "percent_bands bands that do not rise towards the best grade",
    "missing-provenance": "a threshold, check, method, cap or vocabulary with no provenance",
    "missing-accuracy": "a rule with provenance basis ``derived`` and no ``accuracy``",
    "cap-trigger": "a cap with neither or both of ``at_or_below`` and ``not_met``",
    "not-met-not-check": "a cap with ``not_met`` watching something that is not a check",
    "cap-watches-target": "a cap watching the judgement it limits",
    "cap-cycle": "caps between judgements that depend on each other in a cycle",
    "extends-not-found": "an ``extends`` parent that cannot be found",
    "extends-cycle": "frameworks that extend each other in a cycle",
    "extends-too-deep": "a chain of ``extends`` longer than 16 frameworks",
    "path-outside": "an ``extends`` path outside the file's folder (unless allowed), not read",
    "unknown-criterion": "a group spread naming a criterion the framework does not have",
    "unknown-drop": "a ``drop_*`` entry naming an id the parent does not have",
    "id-mismatch": "a bundled or installed file whose ``id`` is not its file name",
    "unknown-provision": "a judgement or criterion naming a provision not in ``provisions``",
    "unknown-scale": "a judgement's ``scale`` that is not the id of an entry in ``scales``",
    "other-scale": "an overall rule naming a judgement graded on another scale",
    "too-many-issues": "more problems than an error lists (100): how many more there are",
    "bad-condition": "a status condition or level without exactly one kind of condition",
    "unknown-level": "a status condition naming a level its status does not have",
    "status-cycle": "statuses whose conditions name each other in a cycle",
}
"""Every issue code the framework loader reports, with what it means."""

MAX_ISSUES = 100
"""The most problems one error lists; a last ``too-many-issues`` issue counts the rest."""


def capped(issues: Sequence[Issue], dropped: int = 0, file: str | None = None) -> list[Issue]:
    """Return the first `MAX_ISSUES` of *issues*, then one issue counting the rest.

    *dropped* counts problems found but never recorded (past the cap already).
    """
    more = max(0, len(issues) - MAX_ISSUES) + dropped
    if not more:
        return list(issues)
    noun = "problem" if more == 1 else "problems"
    return [
        *issues[:MAX_ISSUES],
        Issue(
            path="",
            code="too-many-issues",
            message=f"and {more} more {noun}, not listed",
            hint="fix these and check the file again",
            file=file,
        ),
    ]


_MORE = lazy_pattern(r"and (\d+) more problems?, not listed\Z")


def more_count(issue: Issue) -> int | None:
    """Return how many problems a ``too-many-issues`` issue of `capped` counts, else ``None``.

    Why the message is read back: an error carries its issues, not a count, and the count is
    written only here, in `capped`, so this reads exactly what it wrote.
    """
    if issue.code != "too-many-issues":
        return None
    found = _MORE.match(issue.message)
    return int(found.group(1)) if found else None


EVIDENCE_CODES: dict[str, str] = {
    "toml-syntax": "the text is not valid TOML",
    "not-utf8": "the file is not UTF-8 text",
    "too-deep": "the document is nested too deeply to read",
    "not-found": "the file (or a group's member file) does not exist",
    "path-outside": "a member path outside the group file's folder (unless allowed), not read",
    "unreadable": "the file cannot be read",
    "not-a-workbook": "a ``.xlsx`` table that cannot be read as an Excel workbook",
    "unknown-sheet": "a worksheet name (``--sheet``) the workbook does not have",
    "formula-without-value": "a workbook cell holding a formula with no saved value",
    "not-a-file": "a file or member path that is a FIFO, device or socket, not read",
    "too-large": (
        "a file larger than the size limit (8 MiB unless raised), or a workbook that would "
        "unzip past its limits, not read"
    ),
    "unknown-key": "a key the format does not have",
    "missing-key": "a required key is absent",
    "wrong-type": "a value of the wrong TOML type",
    "empty": "a blank ``unit``, ``kind`` or finding text",
    "unknown-framework": "the framework the document names cannot be found",
    "framework-mismatch": "the document names another framework than the one passed",
    "invalid-framework": "a framework file outside the document's folder that is not valid",
    "unknown-criterion": "a criterion id the framework does not have",
    "wrong-form": "a value of a form the criterion's measure does not take",
    "number-as-string": "a number in quotes",
    "bad-percentage": "a string with a ``%`` sign that is not a percentage",
    "out-of-range": "a proportion, percentage or quantity outside its range",
    "not-finite": "a number that is NaN or infinite",
    "negative-count": "a numerator or denominator below 0",
    "non-integer-count": "a numerator or denominator that is not a whole number",
    "zero-denominator": "a denominator of 0",
    "numerator-exceeds-denominator": "a numerator larger than its denominator",
    "interval-reversed": "an interval whose ``low`` is above its ``high``",
    "unknown-quantifier": "a word not in the framework's vocabulary",
    "unknown-grade": "a rating not on the framework's scale",
    "unknown-kind": "a kind of unit the framework does not declare",
    "conflicting-forms": "a long-form entry that gives two forms of the value",
    "missing-value": "a long-form entry with no value",
    "criterion-mismatch": "an `Entry` given under another criterion's id",
    "unknown-judgement": "a finding filed under a judgement id the framework does not have",
    "finding-sign": "a finding with both or neither of ``strength`` and ``weakness``",
    "overall-given": "``overall`` under ``[judgements]``: the overall grade is worked out",
    "unknown-weight": "a finding weight that is not ``minor``, ``notable`` or ``major``",
    "bad-value": "a group ``rule`` that is not one of the group rules",
    "too-few": "a group with no members",
    "duplicate-member": "two members of a group with the same ``unit``",
    "missing-column": (
        "a table with no ``unit`` column; an outcomes table with no ``id`` or grade column"
    ),
    "unknown-column": "a table column that is not ``unit``, ``date`` or a criterion id",
    "missing-unit": "a table row whose ``unit`` is empty",
    "bad-date": "a table cell in the ``date`` column that is not a date",
    "duplicate-unit": "two table rows for the same unit and date",
    "too-many-issues": "more problems than an error lists (100): how many more there are",
    "missing-id": "an outcomes row (or a calibration case) without a case id",
    "duplicate-id": "two outcomes rows (or two calibration cases) with the same case id",
    "duplicate-column": "a heading given to two columns of a table (or two outcomes columns "
    "for the same judgement)",
    "extra-cells": "a table row with more cells than the header has headings",
    "missing-cells": "a table row with fewer cells than the header has headings",
    "outcome-conflict": "an outcomes table and an evidence file's ``[outcome]`` that disagree",
    "unknown-provision": "a ``[provision]`` key that is not a provision of the framework",
    "provision-absent": "evidence for a judgement or criterion of a provision the unit lacks",
    "before-introduced": (
        "a warning: evidence for a judgement introduced after the evidence's date, ignored"
    ),
}
"""Every issue code the evidence, group and table loaders report, with what it means."""

KeyPath = tuple[str | int, ...]
"""A path into a TOML document: table keys (str) and array indices (int)."""

_BARE_KEY = lazy_pattern(r"[A-Za-z0-9_-]+\Z")


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
    import difflib  # only for a problem found: a valid file never needs it

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


_HEADER = lazy_pattern(r"^\s*(\[\[?)\s*([^\]]+?)\s*(\]\]?)\s*(#.*)?$")
_KEY = lazy_pattern(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)
_KEY_PART = lazy_pattern(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""")


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
        self.dropped = 0
        """Problems found past `MAX_ISSUES`, counted but not recorded."""
        self._text = text
        self._located: dict[KeyPath, int] | None = None

    @property
    def full(self) -> bool:
        """Whether the collector has as many issues as an error lists; more are only counted."""
        return len(self.issues) >= MAX_ISSUES

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
        if self.full:
            self.dropped += 1
            return
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

    def append(self, issue: Issue) -> None:
        """Record *issue* as it is (already placed), or only count it past `MAX_ISSUES`."""
        if self.full:
            self.dropped += 1
        else:
            self.issues.append(issue)

    def extend(self, issues: Iterable[Issue]) -> None:
        """Record each of *issues* (another error's), counting the rest its cap left out."""
        for issue in issues:
            more = more_count(issue)
            if more is None:
                self.append(issue)
            else:
                self.dropped += more

    def listed(self) -> list[Issue]:
        """Return the issues an error lists: at most `MAX_ISSUES`, then one counting the rest."""
        return capped(self.issues, self.dropped, self.file)

    def __bool__(self) -> bool:
        return bool(self.issues) or self.dropped > 0

    def __len__(self) -> int:
        return len(self.issues) + self.dropped

    def raise_if_any(self, error: type[InspectkitError], what: str) -> None:
        """Raise *error* carrying every issue if any were recorded; *what* names the input."""
        if self.issues:
            self.raise_now(error, what)

    def raise_now(self, error: type[InspectkitError], what: str) -> NoReturn:
        """Raise *error* with the issues recorded so far (at most `MAX_ISSUES`, then a count)."""
        count = len(self)
        where = self.file or "<input>"
        noun = "problem" if count == 1 else "problems"
        raise error(f"{where}: {what} has {count} {noun}", self.listed())


_NEGATIONS = frozenset({"not", "no", "never", "fewer", "less", "too", "under", "below", "only"})


def suggest_word(raw: str, names: Sequence[str]) -> str | None:
    """Suggest the name *raw* is a misspelling of, never a word of another meaning.

    Only a typo is suggested: the same number of words, each a near spelling of its
    counterpart, and the same negation. So "a larg majority" gets "a large majority", but
    "vast majority" does not get "a majority" (a different band) and "not a large majority"
    does not get "a large majority" (the opposite).
    """
    import difflib  # only for a problem found: a valid file never needs it

    wanted = normalise_name(raw)
    wanted_words = wanted.split()
    best: tuple[float, str] | None = None
    for name in names:
        words = normalise_name(name).split()
        if len(words) != len(wanted_words):
            continue
        if (set(words) & _NEGATIONS) != (set(wanted_words) & _NEGATIONS):
            continue
        ratios = [
            difflib.SequenceMatcher(None, a, b).ratio()
            for a, b in zip(wanted_words, words, strict=True)
        ]
        if min(ratios) < 0.75:
            continue
        score = sum(ratios) / len(ratios)
        if best is None or score > best[0]:
            best = (score, name)
    return f"did you mean {best[1]!r}?" if best else None
