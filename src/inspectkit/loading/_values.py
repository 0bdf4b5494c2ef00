"""The value reader: one criterion's value, in every form it is written, read one way.

A value reaches inspectkit through six doors: an evidence file (``registration_rate = "72%"``),
a member table of a group file, a mapping from Python (`evidence_from_values`), a cell of a CSV
or DataFrame (`load_evidence_table`), a what-if change (`Assessment.what_if`) and a ``--set``
on the command line. Each door used to have its own reader, and they disagreed: a group file
accepted keys an evidence file refused, a CSV cell read dates more loosely than a file. Here is
the one reader, `ValueReader`, and each door is a thin way into it:

- `ValueReader.entry` reads what TOML gives (a bare value or a long-form table) and, with
  ``python=True``, also Python's own evidence objects and any `numbers.Real`;
- `ValueReader.text` reads typed text (``412/702``, ``0.6..0.7``, ``yes``) by first turning it
  into the value a file would hold for that criterion, then reading that;
- `ValueReader.cell` reads a table cell: text as `text`, anything else as `entry`.

Why values are read by the criterion's *measure* and not by their own type: the same TOML value
means different things for different criteria (``2`` is a grade position for a rating and a
count of sessions for a quantity; ``"good"`` is a grade for a rating and a mistake for a check),
so only the criterion can say whether a value fits, and the message can then say what would
(``write true or false, unquoted``). Booleans are never numbers, although Python's ``bool`` is
an ``int``; strings are never numbers either (``"0.6"`` is refused with a hint to unquote it),
because a quoted number in a hand-written file is usually a percentage missing its ``%``.

Every refusal is recorded in the reader's `IssueCollector` at the value's key path, with a
stable code from `inspectkit.loading._issues.EVIDENCE_CODES`, and the reader carries on, so a
file with ten bad values reports ten issues. A method that returns ``None`` has recorded why.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Mapping
from typing import Any

from inspectkit._lazy import lazy_pattern as _pattern  # compiled on first use
from inspectkit.evidence import NOT_APPLICABLE, Counts, Entry, GradeRange, Interval, Remark, Value
from inspectkit.grades import GradeScale, normalise_name
from inspectkit.loading._issues import (
    IssueCollector,
    KeyPath,
    suggest,
    suggest_word,
    toml_type_name,
)
from inspectkit.loading._toml import MAX_NUMBER, number_text
from inspectkit.rubric import Criterion, Framework, Measure

__all__ = [
    "ENTRY_KEYS",
    "NUMBER",
    "PERCENT",
    "ValueReader",
    "cell_value",
    "criteria_index",
    "describe",
    "is_number",
    "lookup_criterion",
]

ENTRY_KEYS = (
    "value",
    "numerator",
    "denominator",
    "low",
    "high",
    "grade",
    "source",
    "date",
    "note",
)
"""The keys a long-form entry (a table under ``[evidence]``) may have."""
_NOT_APPLICABLE_NAMES = frozenset({"not applicable", "n/a"})
NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
"""A number as text (``72``, ``0.72``, ``.5``, ``1e-3``), as percentages and ``--set`` write it."""
PERCENT = rf"^\s*{NUMBER}\s*%\s*$"
"""A percentage as text (``"72%"``, ``" 7.5 % "``); the evidence schema uses the same pattern."""


_NUMBER_TEXT = _pattern(rf"^\s*({NUMBER})\s*$")
_NUMBER_ANYWHERE = _pattern(r"\d+(?:\.\d*)?[eE][+-]?\d+")
_PERCENT_TEXT = _pattern(rf"^\s*({NUMBER})\s*%\s*$")
_COUNTS_TEXT = _pattern(r"^\s*([+-]?\d+)\s*/\s*([+-]?\d+)\s*$")
_RANGE_TEXT = _pattern(r"^\s*(\S+?)\s*\.\.\s*(\S+)\s*$")
_ISO_DATE = _pattern(r"^\d{4}-\d{2}-\d{2}$")
_LETTER = _pattern(r"[A-Za-z]")
_MONTH_DATE = _pattern(r"^(\d{4})-(\d{2})$")
_YEAR_DATE = _pattern(r"^(\d{4})$")
_UNKNOWN_NAMES = frozenset({"unknown", "not known"})
NEGATION_WORDS = ("not yet", "not", "short of", "does not reach", "do not reach")
"""Words that put a share below a vocabulary word's band: "not", "not yet", "short of".

"Short of the large majority" is how reports say "not yet the large majority"; the recording
guide lists the two together, so both are read (`inspectkit docs recording-findings`, words to
values).
"""
ABOUT_WORDS = ("about", "around", "roughly", "approximately")
"""Words before a percentage that read as that share give or take `_ABOUT_SPREAD`."""
AT_LEAST_WORDS = ("more than", "over", "above", "at least")
"""Words before a percentage that read as that share or more."""
AT_MOST_WORDS = ("fewer than", "less than", "under", "below", "at most")
"""Words before a percentage that read as that share or less."""


def _phrases(words: tuple[str, ...]) -> str:
    """An alternation of *words*, any run of spaces between their parts."""
    return "|".join(r"\s+".join(map(re.escape, word.split())) for word in words)


_NEGATION = _pattern(rf"^\s*(?:{_phrases(NEGATION_WORDS)})\s+(.+?)\s*$", re.I)
_ABOUT = _pattern(rf"^\s*(?:{_phrases(ABOUT_WORDS)})\s+({NUMBER})\s*%\s*$", re.I)
_AT_LEAST = _pattern(rf"^\s*(?:{_phrases(AT_LEAST_WORDS)})\s+({NUMBER})\s*%\s*$", re.I)
_AT_MOST = _pattern(rf"^\s*(?:{_phrases(AT_MOST_WORDS)})\s+({NUMBER})\s*%\s*$", re.I)
_ABOUT_SPREAD = 0.05
""""About 25%" is read as 25% give or take five points."""
_JUST = 0.001
"""How far "not a large majority" stops short of the word's band."""
_RATING_BELOW = _pattern(r"^\s*(?:below|worse\s+than|not\s+yet|not)\s+(.+?)\s*$", re.I)
_RATING_AT_LEAST = _pattern(r"^\s*(?:at\s+least)\s+(.+?)\s*$|^\s*(.+?)\s+or\s+better\s*$", re.I)
_RATING_AT_MOST = _pattern(r"^\s*(?:at\s+most)\s+(.+?)\s*$|^\s*(.+?)\s+or\s+worse\s*$", re.I)
_TRUE_WORDS = frozenset({"true", "yes", "y", "met", "1"})
_FALSE_WORDS = frozenset({"false", "no", "n", "not met", "unmet", "0"})


_INDEXES: dict[int, tuple[Framework, dict[str, Criterion]]] = {}


def criteria_index(framework: Framework) -> dict[str, Criterion]:
    """Return criterion id -> criterion for *framework*, kept for the last few frameworks."""
    cached = _INDEXES.get(id(framework))
    if cached is not None and cached[0] is framework:
        return cached[1]
    index = {criterion.id: criterion for criterion in framework.criteria()}
    if len(_INDEXES) >= 16:
        _INDEXES.clear()
    _INDEXES[id(framework)] = (framework, index)
    return index


def lookup_criterion(
    framework: Framework, criterion_id: object, path: KeyPath, issues: IssueCollector
) -> Criterion | None:
    if not isinstance(criterion_id, str):
        issues.add(
            path,
            "wrong-type",
            f"a criterion id must be a string, not {toml_type_name(criterion_id)}",
        )
        return None
    criterion = criteria_index(framework).get(criterion_id)
    if criterion is not None:
        return criterion
    if issues.full:  # only counted now: skip the suggestion's string matching
        issues.add(path, "unknown-criterion", "")
        return None
    ids = [criterion.id for criterion in framework.criteria()]
    issues.add(
        path,
        "unknown-criterion",
        f"framework {framework.id!r} has no criterion {criterion_id!r}",
        hint=suggest(criterion_id, ids)
        or f"run `inspectkit template {framework.id}` to list the criteria",
    )
    return None


def _is_not_applicable(text: str) -> bool:
    stripped = text.strip()
    if stripped == "not_applicable":
        return True
    return stripped[:1] in ("n", "N") and normalise_name(stripped) in _NOT_APPLICABLE_NAMES


def is_number(raw: object, python: bool) -> bool:
    if isinstance(raw, bool):
        return False
    if isinstance(raw, (int, float)):
        return True
    return python and _is_real(raw)


# `numbers` is imported only for a value that is no int or float (a numpy scalar, a Fraction):
# its abstract classes cost a plain assessment, whose values are all TOML's, more than reading
# them (issue 15).


def _is_real(raw: object) -> bool:
    """Whether *raw* is a `numbers.Real`."""
    import numbers

    return isinstance(raw, numbers.Real)


def _is_integral(raw: object) -> bool:
    """Whether *raw* is a `numbers.Integral` (a numpy integer, say)."""
    import numbers

    return isinstance(raw, numbers.Integral)


def _beyond_floats(raw: object) -> bool:
    """Whether *raw* is a finite number too large for a float (an integer such as 10**400)."""
    try:
        float(raw)  # type: ignore[arg-type]
    except OverflowError:
        return True
    except (ValueError, TypeError):
        return False
    return False


def _whole(text: str) -> int:
    """Return the integer *text* names, even one too long for Python to read.

    ``int()`` refuses more than 4,300 digits; such a count stands in as a power of ten with as
    many digits, so the count check reports it ``out-of-range`` with the right length.
    """
    digits = text.strip().lstrip("+-")
    if len(digits) <= 4000:
        return int(text)
    power: int = 10 ** (len(digits) - 1)
    return -power if text.strip().startswith("-") else power


def _as_float(raw: Any) -> float | None:
    """Return *raw* as a finite float, or ``None`` when it is NaN, infinite or too large."""
    try:
        value = float(raw)
    except (OverflowError, ValueError, TypeError):
        return None
    return value if math.isfinite(value) else None


def _number_text(value: float) -> str:
    return f"{value:g}" if abs(value) >= 1e-4 or value == 0 else repr(value)


def _plain_text(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return value
    return ""


def _string_number_hint(text: str, measure: Measure) -> str:
    number = _as_float(text)
    if measure is not Measure.PROPORTION or number is None:
        return f"write {text.strip()} without quotes"
    if 0 <= number <= 1:
        return f'write {text.strip()} or "{_number_text(number * 100)}%"'
    return f'write "{text.strip()}%" or {_number_text(number / 100)}'


def _text_raw(criterion: Criterion, text: str) -> object:
    """Turn command-line *text* into the raw value an evidence file would hold."""
    stripped = text.strip()
    if normalise_name(stripped) in _NOT_APPLICABLE_NAMES or stripped == "not_applicable":
        return "not_applicable"
    if criterion.measure is Measure.PROPORTION:
        if _NUMBER_TEXT.match(stripped):
            return float(stripped)
        counts = _COUNTS_TEXT.match(stripped)
        if counts:
            return {"numerator": _whole(counts.group(1)), "denominator": _whole(counts.group(2))}
        bounds = _RANGE_TEXT.match(stripped)
        if bounds:
            return {"low": _text_bound(bounds.group(1)), "high": _text_bound(bounds.group(2))}
        return stripped
    if criterion.measure is Measure.QUANTITY:
        return float(stripped) if _NUMBER_TEXT.match(stripped) else stripped
    if criterion.measure is Measure.CHECK:
        word = normalise_name(stripped)
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
        return stripped
    return stripped


def _text_bound(text: str) -> object:
    return float(text) if _NUMBER_TEXT.match(text) else text


def _iso_date(value: object) -> datetime.date | None:
    """Return the date an ISO ``YYYY-MM-DD`` string names, or ``None`` for anything else.

    Stricter than `datetime.date.fromisoformat`, which also takes ``20260930`` and week dates:
    a date in evidence is written one way, so a slip is refused rather than guessed at.
    """
    if not isinstance(value, str) or not _ISO_DATE.match(value.strip()):
        return None
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        return None


def cell_value(raw: Any) -> Any:
    """Return a table cell as the value to read, or ``None`` for an empty (absent) cell.

    Text cells are kept as text and read by the criterion's measure, as the command line reads
    ``--set`` values; DataFrame cells keep their Python type (numpy scalars become plain ones)
    and NaN means empty.
    """
    if isinstance(raw, str):
        return raw.strip() or None
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None
    if hasattr(raw, "item"):  # a numpy scalar from a DataFrame
        raw = raw.item()
        if isinstance(raw, float) and math.isnan(raw):
            return None
    return raw


class ValueReader:
    """Reads criterion values (and dates), recording every problem in *issues*.

    With *python* set, values may also be Python evidence objects (`Entry`, `Interval`,
    `Counts`, `NOT_APPLICABLE`) and any `numbers.Real`, and ``None`` in a mapping of values
    means *absent*.
    """

    def __init__(self, issues: IssueCollector, *, python: bool) -> None:
        self.issues = issues
        self.python = python
        self.remarks: dict[str, Remark] = {}
        """Criterion id -> `Remark`, for entries that say "unknown" or hold only a note."""

    def add(self, path: KeyPath, code: str, message: str, hint: str | None = None) -> None:
        """Record a problem at *path*."""
        self.issues.add(path, code, message, hint=hint)

    # -- dates ---------------------------------------------------------------------------

    def date(self, value: object, path: KeyPath) -> datetime.date | None:
        """Read a document's date: a TOML date, or an ISO ``YYYY-MM-DD`` string (from JSON)."""
        if isinstance(value, datetime.datetime):
            self.add(path, "wrong-type", "a date must not have a time", hint="write 2026-09-30")
            return None
        if isinstance(value, datetime.date):
            return value
        found = _iso_date(value)
        if found is not None:
            return found
        partial = self.partial_date(value, path)
        if partial is not None:
            return partial[0]
        self.add(
            path,
            "wrong-type",
            f"a date must be a TOML date, not {describe(value)}",
            hint='write a date without quotes: 2026-09-30, or "2026-09" or "2026" when only '
            "the month or year is known",
        )
        return None

    def partial_date(self, value: object, path: KeyPath) -> tuple[datetime.date, str] | None:
        """Read ``"YYYY-MM"`` or ``"YYYY"`` as the first day of that month or year.

        Returns the date and its precision (``month`` or ``year``), or ``None`` for anything
        else, recording nothing unless the month is out of range.
        """
        if not isinstance(value, str):
            return None
        text = value.strip()
        month = _MONTH_DATE.match(text)
        if month:
            number = int(month.group(2))
            if not 1 <= number <= 12:
                self.add(path, "out-of-range", f"month {number} is not 1..12")
                return None
            return datetime.date(int(month.group(1)), number, 1), "month"
        year = _YEAR_DATE.match(text)
        if year and int(year.group(1)) >= 1:
            return datetime.date(int(year.group(1)), 1, 1), "year"
        return None

    @staticmethod
    def date_precision(value: object) -> str:
        """Return ``month`` or ``year`` for a partial date string, else ``day``."""
        if isinstance(value, str):
            if _MONTH_DATE.match(value.strip()):
                return "month"
            if _YEAR_DATE.match(value.strip()):
                return "year"
        return "day"

    def cell_date(self, raw: object, path: KeyPath) -> datetime.date | None:
        """Read a table's ``date`` cell: empty is no date, text must be ``YYYY-MM-DD``.

        A DataFrame's timestamps (a `datetime.datetime`) give their date: a spreadsheet column
        of dates arrives as midnight timestamps, so the time is not the user's.
        """
        value = cell_value(raw)
        if value is None:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        found = _iso_date(value)
        if found is None:
            self.add(path, "bad-date", f"{raw!r} is not a date", hint="write dates as YYYY-MM-DD")
        return found

    # -- entries -----------------------------------------------------------------------------

    def entries(
        self, framework: Framework, raw: Mapping[Any, Any], prefix: KeyPath
    ) -> dict[str, Entry]:
        """Read a mapping criterion id -> value; unknown ids are recorded, not read."""
        entries: dict[str, Entry] = {}
        index = criteria_index(framework)
        for key, value in raw.items():
            path = (*prefix, key) if isinstance(key, str) else prefix
            criterion = index.get(key) if isinstance(key, str) else None
            if criterion is None:
                lookup_criterion(framework, key, path, self.issues)  # records the issue
                continue
            if self.python and value is None:
                continue
            entry = self.entry(framework, criterion, value, path)
            if entry is not None:
                entries[criterion.id] = entry
        return entries

    def entry(
        self, framework: Framework, criterion: Criterion, raw: object, path: KeyPath
    ) -> Entry | None:
        """Read one value for *criterion*: a bare value, a long-form table or a Python object."""
        if self.python and isinstance(raw, Entry):
            if raw.criterion != criterion.id:
                self.add(
                    path,
                    "criterion-mismatch",
                    f"the entry is for criterion {raw.criterion!r}, not {criterion.id!r}",
                )
                return None
            return raw
        if isinstance(raw, dict) or (
            not isinstance(raw, (str, int, float)) and isinstance(raw, Mapping)
        ):
            return self.long_form(framework, criterion, raw, path)
        if isinstance(raw, str) and normalise_name(raw) in _UNKNOWN_NAMES:
            self.remarks[criterion.id] = Remark(criterion.id, unknown=True)
            return None
        read = self.bare(framework, criterion, raw, path)
        if read is None:
            return None
        value, counts, text = read
        return Entry(criterion.id, value, counts=counts, text=text)

    def long_form(
        self, framework: Framework, criterion: Criterion, raw: Mapping[Any, Any], path: KeyPath
    ) -> Entry | None:
        """Read a long-form entry: one form of the value, plus ``source``, ``date``, ``note``."""
        before = len(self.issues)
        for key in raw:
            if not isinstance(key, str):
                self.add(path, "wrong-type", f"keys must be strings, not {toml_type_name(key)}")
            elif key not in ENTRY_KEYS:
                self.add(
                    (*path, key),
                    "unknown-key",
                    f"unknown key {key!r} in an evidence entry",
                    hint=suggest(key, ENTRY_KEYS) or f"the keys are: {', '.join(ENTRY_KEYS)}",
                )
        source = self.meta_text(raw, "source", path)
        note = self.meta_text(raw, "note", path)
        date = self.date(raw["date"], (*path, "date")) if "date" in raw else None
        forms = [
            name
            for name, keys in (
                ("value", ("value",)),
                ("numerator/denominator", ("numerator", "denominator")),
                ("low/high", ("low", "high")),
                ("grade", ("grade",)),
            )
            if any(key in raw for key in keys)
        ]
        unknown = (
            forms == ["value"]
            and isinstance(raw["value"], str)
            and normalise_name(raw["value"]) in _UNKNOWN_NAMES
        )
        if (unknown or (not forms and (note or source))) and len(self.issues) == before:
            # A remark: the source says the value is unknown, or only notes something.
            self.remarks[criterion.id] = Remark(
                criterion.id, unknown=unknown, source=source, date=date, note=note
            )
            return None
        read: tuple[Value, Counts | None, str | None] | None = None
        if len(forms) > 1:
            self.add(
                path,
                "conflicting-forms",
                f"the entry gives both {forms[0]} and {forms[1]}",
                hint="give one form of the value",
            )
        elif not forms:
            self.add(
                path,
                "missing-value",
                "the entry has no value",
                hint="add value = ..., or numerator and denominator, or low and high, or grade; "
                "an entry with only a note is a remark",
            )
        elif forms[0] == "value":
            value = raw["value"]
            if isinstance(value, Mapping):
                self.add(
                    (*path, "value"),
                    "wrong-form",
                    "value must be a bare value, not a table",
                    hint=_forms_hint(framework, criterion),
                )
            else:
                read = self.bare(framework, criterion, value, (*path, "value"))
        elif forms[0] == "numerator/denominator":
            read = self.counts(framework, criterion, raw, path)
        elif forms[0] == "grade":
            read = self.assessor_view(framework, criterion, raw["grade"], (*path, "grade"))
        elif criterion.measure is Measure.RATING:
            read = self.rating_range(framework, criterion, raw, path)
        else:
            read = self.interval(framework, criterion, raw, path)
        if read is None or len(self.issues) > before:
            return None
        value, counts, text = read
        return Entry(
            criterion.id,
            value,
            counts=counts,
            text=text,
            source=source,
            date=date,
            note=note,
        )

    def meta_text(self, raw: Mapping[Any, Any], key: str, path: KeyPath) -> str:
        """Return the string at *key* of a long-form entry (``""`` if absent or mistyped)."""
        value = raw.get(key, "")
        if isinstance(value, str):
            return value
        self.add((*path, key), "wrong-type", f"{key} must be a string, not {describe(value)}")
        return ""

    def not_proportion(
        self, framework: Framework, criterion: Criterion, path: KeyPath, keys: str
    ) -> bool:
        """Report *keys*, a form only proportions take, given for another measure."""
        if criterion.measure is Measure.PROPORTION:
            return False
        self.add(
            path,
            "wrong-form",
            f"{keys} are for proportions, and {criterion.id!r} is a {criterion.measure.value}",
            hint=_forms_hint(framework, criterion),
        )
        return True

    def counts(
        self, framework: Framework, criterion: Criterion, raw: Mapping[Any, Any], path: KeyPath
    ) -> tuple[Value, Counts | None, str | None] | None:
        """Read ``numerator`` and ``denominator``: whole numbers, the part at most the whole."""
        if self.not_proportion(framework, criterion, path, "numerator and denominator"):
            return None
        numbers_: dict[str, int] = {}
        for key in ("numerator", "denominator"):
            if key not in raw:
                other = "denominator" if key == "numerator" else "numerator"
                self.add(
                    path, "missing-key", f"the entry has a {other} but no {key}", hint=f"add {key}"
                )
                continue
            value = raw[key]
            if isinstance(value, bool) or not (isinstance(value, int) or _is_integral(value)):
                if is_number(value, self.python):
                    self.add(
                        (*path, key),
                        "non-integer-count",
                        f"{key} must be a whole number, not {describe(value)}",
                        hint="counts are whole numbers of families, children or sessions",
                    )
                else:
                    self.add(
                        (*path, key),
                        "wrong-type",
                        f"{key} must be a whole number, not {describe(value)}",
                    )
                continue
            count = int(value)
            if count > MAX_NUMBER:
                self.out_of_range(count, (*path, key))
                continue
            if count < 0:
                self.add((*path, key), "negative-count", f"{key} {number_text(count)} is negative")
                continue
            numbers_[key] = count
        denominator = numbers_.get("denominator")
        numerator = numbers_.get("numerator")
        if denominator == 0:
            self.add(
                (*path, "denominator"),
                "zero-denominator",
                "denominator is 0",
                hint="a proportion of nothing has no value; leave the criterion out or "
                'write "not_applicable"',
            )
            return None
        if numerator is None or denominator is None:
            return None
        if numerator > denominator:
            self.add(
                (*path, "numerator"),
                "numerator-exceeds-denominator",
                f"numerator {numerator} is larger than denominator {denominator}",
                hint="the numerator counts the part, the denominator the whole",
            )
            return None
        counts = Counts(numerator, denominator)
        return counts.proportion, counts, None

    def interval(
        self, framework: Framework, criterion: Criterion, raw: Mapping[Any, Any], path: KeyPath
    ) -> tuple[Value, Counts | None, str | None] | None:
        """Read ``low`` and ``high``: two proportions, the low end first."""
        if self.not_proportion(framework, criterion, path, "low and high"):
            return None
        bounds: dict[str, float] = {}
        for key in ("low", "high"):
            if key not in raw:
                # One bound alone is a one-sided interval: "more than 80%" is { low = "80%" }.
                bounds[key] = 0.0 if key == "low" else 1.0
                continue
            bound = self.proportion_number(raw[key], (*path, key), criterion)
            if bound is not None:
                bounds[key] = bound
        if len(bounds) < 2:
            return None
        if bounds["low"] > bounds["high"]:
            self.add(
                (*path, "low"),
                "interval-reversed",
                f"low {_number_text(bounds['low'])} is above high {_number_text(bounds['high'])}",
                hint="swap low and high",
            )
            return None
        return Interval(bounds["low"], bounds["high"]), None, None

    # -- bare values, by measure ------------------------------------------------------------

    def bare(
        self, framework: Framework, criterion: Criterion, raw: object, path: KeyPath
    ) -> tuple[Value, Counts | None, str | None] | None:
        """Read a bare value by *criterion*'s measure (``not_applicable`` fits every measure)."""
        if raw is NOT_APPLICABLE or (isinstance(raw, str) and _is_not_applicable(raw)):
            text = raw.strip() if isinstance(raw, str) and raw.strip() != "not_applicable" else None
            return NOT_APPLICABLE, None, text
        measure = criterion.measure
        if measure is Measure.PROPORTION:
            return self.proportion(framework, criterion, raw, path)
        if measure is Measure.QUANTITY:
            return self.quantity(framework, criterion, raw, path)
        if measure is Measure.CHECK:
            if isinstance(raw, bool):
                return raw, None, None
            if isinstance(raw, str) and criterion.values:
                wanted = normalise_name(raw)
                for word, grade in criterion.values.items():
                    if normalise_name(word) == wanted:
                        return GradeRange(grade, grade, grade), None, raw.strip()
            words = ", ".join(repr(word) for word in criterion.values)
            hint = "write true or false, unquoted" + (f", or one of {words}" if words else "")
            self.wrong_form(framework, criterion, raw, path, hint=hint)
            return None
        return self.rating(framework, criterion, raw, path)

    def wrong_form(
        self,
        framework: Framework,
        criterion: Criterion,
        raw: object,
        path: KeyPath,
        *,
        hint: str | None = None,
    ) -> None:
        """Record that *raw* is not a form the measure takes, with the forms it does."""
        self.add(
            path,
            "wrong-form",
            f"{describe(raw)} is not a value for the {criterion.measure.value} {criterion.id!r}",
            hint=hint or _forms_hint(framework, criterion),
        )

    def finite(self, raw: object, path: KeyPath) -> float | None:
        """Return *raw* as a float, or record why not.

        NaN and infinity are ``not-finite``; a number beyond `MAX_NUMBER`, such as the integer
        10**400 (which no float can hold), is ``out-of-range``.
        """
        value = _as_float(raw)
        if value is None and not _beyond_floats(raw):
            self.add(
                path,
                "not-finite",
                f"{describe(raw, typed=False)} is not a finite number",
                hint="NaN and infinity are not evidence; leave the criterion out if unknown",
            )
        elif value is None or abs(value) > MAX_NUMBER:
            self.out_of_range(raw, path)
            return None
        return value

    def out_of_range(self, raw: object, path: KeyPath) -> None:
        """Record that the number *raw* at *path* is beyond `MAX_NUMBER`."""
        self.add(
            path,
            "out-of-range",
            f"{describe(raw, typed=False)} is out of range: numbers are read up to 1e15 "
            "either side of 0",
            hint="no weight, count or measure is that large; check the number",
        )

    def proportion_number(self, raw: object, path: KeyPath, criterion: Criterion) -> float | None:
        """Read a number or a percentage string as a proportion 0..1 (used for bounds too)."""
        if is_number(raw, self.python):
            value = self.finite(raw, path)
            if value is None:
                return None
            if not 0 <= value <= 1:
                hint = (
                    f"a proportion is between 0 and 1: write {_number_text(value / 100)} or "
                    f'"{_number_text(value)}%"'
                    if 1 < value <= 100
                    else "a proportion is between 0 and 1"
                )
                self.add(path, "out-of-range", f"{_number_text(value)} is outside 0..1", hint)
                return None
            return value
        if isinstance(raw, str):
            percent = _PERCENT_TEXT.match(raw)
            if percent:
                value = self.finite(percent.group(1), path)
                if value is None:
                    return None
                if not 0 <= value <= 100:
                    self.add(
                        path,
                        "out-of-range",
                        f"{raw.strip()!r} is outside 0%..100%",
                        hint="a percentage is between 0% and 100%",
                    )
                    return None
                return value / 100
            if "%" in raw:
                self.add(
                    path,
                    "bad-percentage",
                    f"{raw!r} is not a percentage",
                    hint='write a percentage as a number and a % sign: "72%"',
                )
                return None
            if _NUMBER_TEXT.match(raw):
                self.add(
                    path,
                    "number-as-string",
                    f"{raw!r} is a string, not a number",
                    hint=_string_number_hint(raw, Measure.PROPORTION),
                )
                return None
        self.add(
            path,
            "wrong-form",
            f"{describe(raw)} is not a proportion",
            hint='write a number between 0 and 1 or a percentage such as "72%"',
        )
        return None

    def proportion(
        self, framework: Framework, criterion: Criterion, raw: object, path: KeyPath
    ) -> tuple[Value, Counts | None, str | None] | None:
        """Read a proportion: a number, a percentage, counts, an interval or a word."""
        if self.python and isinstance(raw, Counts):
            counts = {"numerator": raw.numerator, "denominator": raw.denominator}
            return self.counts(framework, criterion, counts, path)
        if self.python and isinstance(raw, Interval):
            read = self.interval(framework, criterion, {"low": raw.low, "high": raw.high}, path)
            if read is None:
                return None
            return Interval(float(raw.low), float(raw.high), raw.word), None, raw.word
        if is_number(raw, self.python):
            value = self.proportion_number(raw, path, criterion)
            return None if value is None else (value, None, None)
        if isinstance(raw, str):
            worded = self.word_interval(framework, raw) if _LETTER.search(raw) else None
            if worded is not None:
                return worded, None, raw.strip()
            if "%" in raw or _NUMBER_TEXT.match(raw):
                value = self.proportion_number(raw, path, criterion)
                return None if value is None else (value, None, raw.strip())
            return self.quantifier(framework, criterion, raw, path)
        self.wrong_form(framework, criterion, raw, path)
        return None

    def quantifier(
        self, framework: Framework, criterion: Criterion, raw: str, path: KeyPath
    ) -> tuple[Value, Counts | None, str | None] | None:
        """Read a quantifier word as the interval the framework's vocabulary gives it."""
        found = self.word_interval(framework, raw)
        if found is not None:
            return found, None, raw.strip()
        names = [
            name
            for quantifier in framework.vocabulary.quantifiers
            for name in (quantifier.word, *quantifier.aliases)
        ]
        if names:
            hint = _suggest_name(raw, names) or (
                "the framework's words are: " + ", ".join(repr(name) for name in names)
            )
        else:
            hint = f'framework {framework.id!r} has no quantifier words; write 0.72 or "72%"'
        self.add(
            path,
            "unknown-quantifier",
            f"{raw!r} is not a quantifier word of framework {framework.id!r}",
            hint=hint,
        )
        return None

    @staticmethod
    def word_interval(framework: Framework, raw: str) -> Interval | None:
        """Return the interval *raw* stands for, or ``None``.

        *raw* is a vocabulary word, "not <word>", or a pattern any framework understands
        ("about 25%", "more than 80%", "fewer than 50%").

        A negated word ("not a large majority", "not yet the large majority", "short of the
        large majority") is the band below the word's: it says only that the share falls short
        of it.
        """
        wanted = normalise_name(raw)
        for quantifier in framework.vocabulary.quantifiers:
            for name in (quantifier.word, *quantifier.aliases):
                if normalise_name(name) == wanted:
                    return Interval(quantifier.low, quantifier.high, word=quantifier.word)
        about = _ABOUT.match(raw)
        at_least = _AT_LEAST.match(raw)
        at_most = _AT_MOST.match(raw)
        for match, low_of, high_of in (
            (about, lambda x: x - _ABOUT_SPREAD, lambda x: x + _ABOUT_SPREAD),
            (at_least, lambda x: x, lambda x: 1.0),
            (at_most, lambda x: 0.0, lambda x: x),
        ):
            if match:
                share = _as_float(match.group(1))
                if share is None or not 0 <= share <= 100:
                    return None
                share /= 100
                low = max(0.0, low_of(share))
                high = min(1.0, high_of(share))
                return Interval(round(low, 6), round(high, 6), word=raw.strip())
        negated = _NEGATION.match(raw)
        if negated:
            inner = ValueReader.word_interval(framework, negated.group(1))
            if inner is not None and inner.word is not None and inner.low > 0:
                return Interval(0.0, round(inner.low - _JUST, 6), word=raw.strip())
        return None

    def quantity(
        self, framework: Framework, criterion: Criterion, raw: object, path: KeyPath
    ) -> tuple[Value, Counts | None, str | None] | None:
        """Read a quantity: a number within the criterion's ``minimum``/``maximum``."""
        if is_number(raw, self.python):
            value = self.finite(raw, path)
            if value is None:
                return None
            unit = f" {criterion.unit}" if criterion.unit else ""
            if criterion.minimum is not None and value < criterion.minimum:
                self.add(
                    path,
                    "out-of-range",
                    f"{_number_text(value)} is below the minimum "
                    f"{_number_text(criterion.minimum)}{unit}",
                )
                return None
            if criterion.maximum is not None and value > criterion.maximum:
                self.add(
                    path,
                    "out-of-range",
                    f"{_number_text(value)} is above the maximum "
                    f"{_number_text(criterion.maximum)}{unit}",
                )
                return None
            return value, None, None
        if isinstance(raw, str) and _NUMBER_TEXT.match(raw):
            self.add(
                path,
                "number-as-string",
                f"{raw!r} is a string, not a number",
                hint=_string_number_hint(raw, Measure.QUANTITY),
            )
            return None
        self.wrong_form(framework, criterion, raw, path)
        return None

    def rating(
        self, framework: Framework, criterion: Criterion, raw: object, path: KeyPath
    ) -> tuple[Value, Counts | None, str | None] | None:
        """Read a rating: a grade id, label, alias or position on the scale."""
        scale = framework.scale_of(criterion.id)
        if isinstance(raw, bool) or not isinstance(raw, (str, int)):
            self.wrong_form(framework, criterion, raw, path)
            return None
        grade = scale.get(raw)
        if grade is not None:
            text = raw.strip() if isinstance(raw, str) else str(raw)
            return grade.id, None, None if text == grade.id else text
        if isinstance(raw, str):
            view = self.grade_words(scale, raw)
            if view is not None:
                return view, None, raw.strip()
        names = [name for grade in scale for name in (grade.id, grade.label)]
        names += [alias for grade in scale for alias in grade.aliases]
        hint = None
        if isinstance(raw, str):
            hint = _suggest_name(raw, names)
        self.add(
            path,
            "unknown-grade",
            f"{raw!r} is not a grade of framework {framework.id!r}",
            hint=hint or "the grades are: " + ", ".join(scale.ids),
        )
        return None

    @staticmethod
    def grade_words(scale: GradeScale, raw: str) -> GradeRange | None:
        """Read "below good", "at least good" / "good or better" or "RI or worse".

        The point is the grade at the stated edge: "below good" is the grade under good
        (most weaknesses support no more than that), "at least good" is good.
        """
        grades = scale.grades
        for pattern, side in (
            (_RATING_BELOW, "below"),
            (_RATING_AT_LEAST, "at_least"),
            (_RATING_AT_MOST, "at_most"),
        ):
            match = pattern.match(raw)
            if not match:
                continue
            name = next(group for group in match.groups() if group)
            grade = scale.get(name)
            if grade is None:
                continue
            rank = grade.rank
            if side == "below":
                if rank + 1 >= len(grades):
                    return None
                return GradeRange(grades[rank + 1].id, grades[-1].id, grades[rank + 1].id)
            if side == "at_least":
                return GradeRange(grades[0].id, grade.id, grade.id)
            return GradeRange(grade.id, grades[-1].id, grade.id)
        return None

    def assessor_view(
        self, framework: Framework, criterion: Criterion, raw: object, path: KeyPath
    ) -> tuple[Value, Counts | None, str | None] | None:
        """Read ``grade = ...`` on any criterion: an assessor's view where no figure exists."""
        scale = framework.scale_of(criterion.id)
        if isinstance(raw, (str, int)) and not isinstance(raw, bool):
            grade = scale.get(raw)
            if grade is not None:
                return GradeRange(grade.id, grade.id, grade.id), None, str(raw).strip()
            if isinstance(raw, str):
                view = self.grade_words(scale, raw)
                if view is not None:
                    return view, None, raw.strip()
        names = [name for grade in scale for name in (grade.id, grade.label)]
        self.add(
            path,
            "unknown-grade",
            f"{describe(raw)} is not a grade of framework {framework.id!r}",
            hint=(_suggest_name(raw, names) if isinstance(raw, str) else None)
            or "the grades are: " + ", ".join(scale.ids),
        )
        return None

    def rating_range(
        self, framework: Framework, criterion: Criterion, raw: Mapping[Any, Any], path: KeyPath
    ) -> tuple[Value, Counts | None, str | None] | None:
        """Read ``low`` and ``high`` grades for a rating: the range an assessor allows."""
        ends: dict[str, int] = {}
        scale = framework.scale_of(criterion.id)
        grades = scale.grades
        for key, default in (("low", len(grades) - 1), ("high", 0)):
            if key not in raw:
                ends[key] = default
                continue
            grade = scale.get(raw[key]) if isinstance(raw[key], (str, int)) else None
            if grade is None:
                self.add(
                    (*path, key),
                    "unknown-grade",
                    f"{describe(raw[key])} is not a grade of framework {framework.id!r}",
                    hint="the grades are: " + ", ".join(scale.ids),
                )
                return None
            ends[key] = grade.rank
        best, worst = ends["high"], ends["low"]
        if best > worst:
            self.add(
                (*path, "low"),
                "interval-reversed",
                f"low {grades[worst].id!r} is better than high {grades[best].id!r}",
                hint="swap low and high",
            )
            return None
        middle = (best + worst + 1) // 2  # ties go to the worse grade
        return GradeRange(grades[best].id, grades[worst].id, grades[middle].id), None, None

    # -- typed text and table cells ------------------------------------------------------

    def text(
        self, framework: Framework, criterion: Criterion, text: object, path: KeyPath
    ) -> Entry | None:
        """Read typed *text* (``--set``, a CSV cell) as a value for *criterion*.

        The entry's ``text`` keeps what was typed where that differs from the value read.
        """
        if not isinstance(text, str):
            self.add(path, "wrong-type", f"expected text, not {toml_type_name(text)}")
            return None
        for number in _NUMBER_ANYWHERE.findall(text):
            if math.isinf(float(number)):  # 1e400: written as a number, but no float holds it
                self.out_of_range(number, path)
                return None
        entry = self.entry(framework, criterion, _text_raw(criterion, text), path)
        if entry is not None and entry.text is None and text.strip() != _plain_text(entry.value):
            entry = Entry(entry.criterion, entry.value, counts=entry.counts, text=text.strip())
        return entry

    def cell(
        self, framework: Framework, criterion: Criterion, raw: object, path: KeyPath
    ) -> Entry | None:
        """Read a table cell (already through `cell_value`): text as `text`, else as `entry`."""
        if isinstance(raw, str):
            return self.text(framework, criterion, raw, path)
        return self.entry(framework, criterion, raw, path)


def describe(value: object, *, typed: bool = True) -> str:
    """Name *value* for a message: its TOML type, and the value itself when it is short."""
    kind = toml_type_name(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**18:
        return number_text(value)  # repr() fails beyond 4,300 digits
    if isinstance(value, (bool, int, float, str)):
        shown = repr(value) if not isinstance(value, bool) else str(value).lower()
        if len(shown) <= 40:
            return f"the {kind} {shown}" if typed else shown
    if isinstance(value, (Mapping, list, tuple)):
        return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"
    return f"a value of type {kind}"


def _suggest_name(raw: str, names: list[str]) -> str | None:
    return suggest_word(raw, names)


def _forms_hint(framework: Framework, criterion: Criterion) -> str:
    measure = criterion.measure
    if measure is Measure.PROPORTION:
        words = [quantifier.word for quantifier in framework.vocabulary.quantifiers]
        text = 'write 0.72, "72%", { numerator = 412, denominator = 702 }'
        if words:
            text += f' or a quantifier word such as "{words[0]}"'
        return text
    if measure is Measure.QUANTITY:
        unit = f" in {criterion.unit}" if criterion.unit else ""
        return f"write a number{unit}, such as 14.5"
    if measure is Measure.CHECK:
        return "write true (met) or false (not met)"
    scale = framework.scale_of(criterion.id)
    return "write a grade: " + ", ".join(repr(grade_id) for grade_id in scale.ids)
