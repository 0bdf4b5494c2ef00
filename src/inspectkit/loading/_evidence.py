"""Loading evidence: TOML or a mapping -> checked `Evidence`, resolved against a framework.

An evidence document names its framework and unit and lists one value per criterion under
``[evidence]`` (see ``docs/evidence-format.md``). Every value is read by the *measure* of its
criterion: ``"72%"`` is a proportion, ``"a large majority"`` is the interval the framework's
vocabulary gives that word, ``"RI"`` is a grade id. Every problem in a document is collected
and raised at once as one `EvidenceError` whose `Issue` records name the key path
(``evidence.registration_rate.numerator``), the line, a stable code and a hint.

The same value reader serves four entry points: files (`load_evidence`, `loads_evidence`),
mappings (`parse_evidence`), flat notebook mappings (`evidence_from_values`) and single
values (`parse_entry`, and `parse_cli_value` for command-line text such as ``"412/702"``).
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import math
import numbers
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeAlias

from inspectkit.errors import EvidenceError, FrameworkNotFoundError
from inspectkit.evidence import NOT_APPLICABLE, Counts, Entry, Evidence, Interval, Value
from inspectkit.grades import normalise_name
from inspectkit.loading._framework import resolve_framework
from inspectkit.loading._issues import IssueCollector, KeyPath, suggest, toml_type_name
from inspectkit.loading._registry import is_path_reference
from inspectkit.loading._toml import parse_toml
from inspectkit.rubric import Criterion, Framework, Measure

__all__ = [
    "ENTRY_KEYS",
    "TOP_LEVEL_KEYS",
    "FrameworkArg",
    "evidence_from_values",
    "load_evidence",
    "loads_evidence",
    "parse_cli_value",
    "parse_entry",
    "parse_evidence",
]

FrameworkArg: TypeAlias = "Framework | str | os.PathLike[str] | None"
"""What the ``framework`` argument accepts: a `Framework`, a bundled id, a path, or ``None``."""

TOP_LEVEL_KEYS = ("framework", "framework_version", "unit", "kind", "date", "note", "evidence")
"""The keys an evidence document may have at its top level."""

ENTRY_KEYS = ("value", "numerator", "denominator", "low", "high", "source", "date", "note")
"""The keys a long-form entry (a table under ``[evidence]``) may have."""

_WHAT = "evidence"
_NOT_APPLICABLE_NAMES = frozenset({"not applicable", "n/a"})
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_NUMBER_TEXT = re.compile(rf"^\s*({_NUMBER})\s*$")
_PERCENT_TEXT = re.compile(rf"^\s*({_NUMBER})\s*%\s*$")
_COUNTS_TEXT = re.compile(r"^\s*([+-]?\d+)\s*/\s*([+-]?\d+)\s*$")
_RANGE_TEXT = re.compile(r"^\s*(\S+?)\s*\.\.\s*(\S+)\s*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TRUE_WORDS = frozenset({"true", "yes", "y", "met", "1"})
_FALSE_WORDS = frozenset({"false", "no", "n", "not met", "unmet", "0"})


# --------------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------------


def load_evidence(path: str | os.PathLike[str], *, framework: FrameworkArg = None) -> Evidence:
    """Load and check the evidence file at *path*.

    Args:
        path: The TOML evidence file.
        framework: The framework to check it against: a `Framework`, a bundled id or a path.
            ``None`` loads the framework the file's ``framework`` key names (a relative path
            there is taken relative to the evidence file).

    Returns:
        The checked evidence, with `Evidence.file` set to *path*.

    Raises:
        EvidenceError: The file cannot be read or its content is not valid evidence; every
            problem found is listed in the error's ``issues``.
    """
    name = os.fspath(path)
    issues = IssueCollector(file=name)
    try:
        data = Path(name).read_bytes()
    except FileNotFoundError:
        issues.add((), "not-found", "the file does not exist", hint="check the path")
        issues.raise_now(EvidenceError, _WHAT)
    except OSError as exc:
        issues.add((), "unreadable", f"the file cannot be read ({exc.strerror or exc})")
        issues.raise_now(EvidenceError, _WHAT)
    except ValueError as exc:  # a path with a NUL byte in it
        issues.add((), "unreadable", f"the path cannot be opened ({exc})")
        issues.raise_now(EvidenceError, _WHAT)
    return _loads(data, framework=framework, name=name, base=Path(name).parent)


def loads_evidence(
    text: str | bytes, *, framework: FrameworkArg = None, name: str = "<string>"
) -> Evidence:
    """Parse and check evidence from TOML *text*.

    Args:
        text: The TOML document (``bytes`` must be UTF-8).
        framework: As for `load_evidence`; a relative path in the document's ``framework``
            key is taken relative to the current directory.
        name: The name to report in errors in place of a file name.

    Returns:
        The checked evidence.

    Raises:
        EvidenceError: The text is not valid TOML or not valid evidence.
    """
    return _loads(text, framework=framework, name=name, base=None)


def parse_evidence(
    mapping: Mapping[str, Any], *, framework: FrameworkArg = None, name: str = "<mapping>"
) -> Evidence:
    """Check evidence given as a mapping with the structure of an evidence file.

    Args:
        mapping: The document: ``framework``, ``unit``, ``evidence`` and so on, as a TOML file
            would give them (dates may also be ISO strings, as JSON gives them).
        framework: As for `load_evidence`.
        name: The name to report in errors in place of a file name.

    Returns:
        The checked evidence.

    Raises:
        EvidenceError: The mapping is not valid evidence.
    """
    issues = IssueCollector(file=name)
    return _Reader(issues, python=False).document(mapping, framework, base=None, file=None)


def evidence_from_values(
    framework: Framework | str | os.PathLike[str],
    values: Mapping[str, Any],
    *,
    unit: str = "",
    date: datetime.date | None = None,
) -> Evidence:
    """Build checked evidence from a flat mapping of criterion id -> value, for notebooks.

    Values take every form an evidence file accepts (``0.72``, ``"72%"``, ``"a large
    majority"``, ``{"numerator": 412, "denominator": 702}``, ``True``, ``"RI"``,
    ``"not_applicable"``) and also Python objects: `Interval`, `Counts`, `NOT_APPLICABLE`, and
    `Entry` objects, which are kept as they are. A value of ``None`` means *absent*: the
    criterion is left out.

    Args:
        framework: A `Framework`, a bundled id or a path.
        values: Criterion id -> value.
        unit: The unit's name.
        date: The date the evidence describes.

    Returns:
        The checked evidence.

    Raises:
        EvidenceError: A value does not fit its criterion or an id is unknown; every problem
            is listed, each at the criterion id it concerns.
    """
    resolved = resolve_framework(framework)
    issues = IssueCollector(file="<values>")
    if not isinstance(unit, str):
        issues.add(("unit",), "wrong-type", f"unit must be a string, not {toml_type_name(unit)}")
    if date is not None and (
        not isinstance(date, datetime.date) or isinstance(date, datetime.datetime)
    ):
        issues.add(("date",), "wrong-type", f"date must be a datetime.date, not {type(date)}")
        date = None
    if not isinstance(values, Mapping):
        issues.add(
            (),
            "wrong-type",
            f"values must be a mapping of criterion id -> value, not {type(values).__name__}",
            hint="pass a dict; for a pandas row, row.dropna().to_dict()",
        )
        issues.raise_now(EvidenceError, _WHAT)
    reader = _Reader(issues, python=True)
    entries = reader.entries(resolved, values, ())
    issues.raise_if_any(EvidenceError, _WHAT)
    return Evidence(framework=resolved.id, unit=unit, entries=entries, date=date)


def parse_entry(
    framework: Framework | str | os.PathLike[str], criterion_id: str, raw: object
) -> Entry:
    """Read one value for the criterion *criterion_id*, in any form `evidence_from_values` takes.

    Args:
        framework: A `Framework`, a bundled id or a path.
        criterion_id: The criterion the value is for.
        raw: The value: a bare value, a long-form mapping, or a Python evidence object.

    Returns:
        The checked entry.

    Raises:
        EvidenceError: The criterion is unknown or the value does not fit it.
    """
    resolved = resolve_framework(framework)
    issues = IssueCollector(file="<value>")
    criterion = _lookup_criterion(resolved, criterion_id, (criterion_id,), issues)
    entry = None
    if criterion is not None:
        entry = _Reader(issues, python=True).entry(resolved, criterion, raw, (criterion_id,))
    if entry is None:
        issues.raise_now(EvidenceError, "the value")
    return entry


def parse_cli_value(
    framework: Framework | str | os.PathLike[str], criterion_id: str, text: str
) -> Entry:
    """Read command-line text (``--set criterion=TEXT``) as a value for *criterion_id*.

    The text is read by the criterion's measure:

    - proportion: ``0.72``, ``72%``, ``412/702`` (counts), ``0.6..0.7`` (an interval) or a
      quantifier word (``a large majority``);
    - quantity: a number (``14.5``);
    - check: ``true``/``false`` (also ``yes``/``no``, ``met``/``not met``, ``1``/``0``);
    - rating: a grade id, label, alias or position (``good``, ``RI``, ``2``).

    ``not_applicable`` (or ``n/a``) is accepted for every measure.

    Args:
        framework: A `Framework`, a bundled id or a path.
        criterion_id: The criterion the value is for.
        text: The text as typed.

    Returns:
        The checked entry; its ``text`` keeps what was typed where that differs from the value.

    Raises:
        EvidenceError: The criterion is unknown or the text is not a value for it.
    """
    resolved = resolve_framework(framework)
    issues = IssueCollector(file="<command line>")
    path: KeyPath = (criterion_id,)
    criterion = _lookup_criterion(resolved, criterion_id, path, issues)
    if criterion is None:
        issues.raise_now(EvidenceError, "the value")
    if not isinstance(text, str):
        issues.add(path, "wrong-type", f"expected text, not {toml_type_name(text)}")
        issues.raise_now(EvidenceError, "the value")
    raw = _cli_raw(criterion, text)
    entry = _Reader(issues, python=True).entry(resolved, criterion, raw, path)
    if entry is None:
        issues.raise_now(EvidenceError, "the value")
    if entry.text is None and text.strip() != _plain_text(entry.value):
        entry = Entry(entry.criterion, entry.value, counts=entry.counts, text=text.strip())
    return entry


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _loads(text: str | bytes, *, framework: FrameworkArg, name: str, base: Path | None) -> Evidence:
    if isinstance(text, bytes):
        text = text.removeprefix(b"\xef\xbb\xbf")
        with contextlib.suppress(UnicodeDecodeError):  # parse_toml reports it, with the offset
            text = text.decode("utf-8")
    else:
        text = text.removeprefix("\ufeff")
    data = parse_toml(text, IssueCollector(file=name), EvidenceError, _WHAT)
    file = name if base is not None else None
    try:
        return _Reader(IssueCollector(file=name), python=False).document(
            data, framework, base=base, file=file
        )
    except EvidenceError:
        # Finding the line of every key costs more than reading a valid file, so it is only
        # done for a file with problems: read it again with the lines known, and raise that.
        if not isinstance(text, str):  # pragma: no cover - parse_toml refused it already
            raise
        issues = IssueCollector(file=name, text=text)
        return _Reader(issues, python=False).document(data, framework, base=base, file=file)


_INDEXES: dict[int, tuple[Framework, dict[str, Criterion]]] = {}


def _criteria_index(framework: Framework) -> dict[str, Criterion]:
    """Return criterion id -> criterion for *framework*, kept for the last few frameworks."""
    cached = _INDEXES.get(id(framework))
    if cached is not None and cached[0] is framework:
        return cached[1]
    index = {criterion.id: criterion for criterion in framework.criteria()}
    if len(_INDEXES) >= 16:
        _INDEXES.clear()
    _INDEXES[id(framework)] = (framework, index)
    return index


def _lookup_criterion(
    framework: Framework, criterion_id: object, path: KeyPath, issues: IssueCollector
) -> Criterion | None:
    if not isinstance(criterion_id, str):
        issues.add(
            path,
            "wrong-type",
            f"a criterion id must be a string, not {toml_type_name(criterion_id)}",
        )
        return None
    criterion = _criteria_index(framework).get(criterion_id)
    if criterion is not None:
        return criterion
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


def _is_number(raw: object, python: bool) -> bool:
    if isinstance(raw, bool):
        return False
    if isinstance(raw, (int, float)):
        return True
    return python and isinstance(raw, numbers.Real)


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


def _cli_raw(criterion: Criterion, text: str) -> object:
    """Turn command-line *text* into the raw value an evidence file would hold."""
    stripped = text.strip()
    if normalise_name(stripped) in _NOT_APPLICABLE_NAMES or stripped == "not_applicable":
        return "not_applicable"
    if criterion.measure is Measure.PROPORTION:
        if _NUMBER_TEXT.match(stripped):
            return float(stripped)
        counts = _COUNTS_TEXT.match(stripped)
        if counts:
            return {"numerator": int(counts.group(1)), "denominator": int(counts.group(2))}
        bounds = _RANGE_TEXT.match(stripped)
        if bounds:
            return {"low": _cli_bound(bounds.group(1)), "high": _cli_bound(bounds.group(2))}
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


def _cli_bound(text: str) -> object:
    return float(text) if _NUMBER_TEXT.match(text) else text


# --------------------------------------------------------------------------------------------
# The reader
# --------------------------------------------------------------------------------------------


class _Reader:
    """Reads documents and values, recording every problem in *issues*.

    With *python* set, values may also be Python evidence objects (`Entry`, `Interval`,
    `Counts`, `NOT_APPLICABLE`) and any `numbers.Real`.
    """

    def __init__(self, issues: IssueCollector, *, python: bool) -> None:
        self.issues = issues
        self.python = python

    def add(self, path: KeyPath, code: str, message: str, hint: str | None = None) -> None:
        self.issues.add(path, code, message, hint=hint)

    # -- the document ------------------------------------------------------------------------

    def document(
        self, data: object, framework: FrameworkArg, *, base: Path | None, file: str | None
    ) -> Evidence:
        if not isinstance(data, Mapping):
            self.add((), "wrong-type", f"evidence must be a table, not {toml_type_name(data)}")
            self.issues.raise_now(EvidenceError, _WHAT)
        for key in data:
            if not isinstance(key, str):
                self.add((), "wrong-type", f"keys must be strings, not {toml_type_name(key)}")
            elif key not in TOP_LEVEL_KEYS:
                self.add(
                    (key,),
                    "unknown-key",
                    f"unknown key {key!r}",
                    hint=suggest(key, TOP_LEVEL_KEYS)
                    or f"criterion values go under [evidence] ({', '.join(TOP_LEVEL_KEYS)})",
                )
        resolved = self.framework(data, framework, base)
        version = self.version(data)
        unit = self.text(data, "unit", required=True)
        kind = self.text(data, "kind") or "centre"
        date = self.date(data.get("date"), ("date",)) if "date" in data else None
        note = self.text(data, "note", allow_empty=True) or ""
        entries: dict[str, Entry] = {}
        raw_entries = data.get("evidence", {})
        if not isinstance(raw_entries, Mapping):
            self.add(
                ("evidence",),
                "wrong-type",
                f"evidence must be a table, not {_describe(raw_entries)}",
                hint="write criterion values under an [evidence] table",
            )
        elif resolved is not None:
            entries = self.entries(resolved, raw_entries, ("evidence",))
        if resolved is None or self.issues:
            self.issues.raise_now(EvidenceError, _WHAT)
        return Evidence(
            framework=resolved.id,
            unit=unit or "",
            entries=entries,
            date=date,
            framework_version=version,
            kind=kind,
            note=note,
            file=file,
        )

    def framework(
        self, data: Mapping[Any, Any], framework: FrameworkArg, base: Path | None
    ) -> Framework | None:
        given = None if framework is None else resolve_framework(framework)
        named = data.get("framework")
        if "framework" not in data:
            example = given.id if given is not None else "ofsted_childrens_centres_2014"
            self.add(
                (),
                "missing-key",
                "the evidence does not name its framework",
                hint=f'add framework = "{example}" at the top',
            )
            return given
        if not isinstance(named, str) or not named.strip():
            self.add(
                ("framework",),
                "wrong-type",
                f"framework must be a framework id or path, not {_describe(named)}",
            )
            return given
        if given is not None:
            if not is_path_reference(named) and not given.accepts_framework_id(named):
                self.add(
                    ("framework",),
                    "framework-mismatch",
                    f"the evidence is for framework {named!r}, not {given.id!r}",
                    hint=f'check the framework asked for, or write framework = "{given.id}"',
                )
            return given
        target = named
        if is_path_reference(named) and base is not None and not Path(named).is_absolute():
            target = os.fspath(base / named)
        try:
            return resolve_framework(target)
        except FrameworkNotFoundError as exc:
            self.add(
                ("framework",),
                "unknown-framework",
                exc.summary.strip() or f"no framework {named!r} was found",
                hint="write a framework id, or the path of a framework file "
                "(relative to the evidence file)",
            )
            return None

    def text(
        self,
        data: Mapping[Any, Any],
        key: str,
        *,
        required: bool = False,
        allow_empty: bool = False,
    ) -> str | None:
        if key not in data:
            if required:
                self.add((), "missing-key", f"the evidence has no {key!r}", hint=f"add {key} = ...")
            return None
        value = data[key]
        if not isinstance(value, str):
            self.add((key,), "wrong-type", f"{key} must be a string, not {_describe(value)}")
            return None
        if not allow_empty and not value.strip():
            self.add((key,), "empty", f"{key} is empty")
            return None
        return value

    def version(self, data: Mapping[Any, Any]) -> str | None:
        if "framework_version" not in data:
            return None
        value = data["framework_version"]
        if isinstance(value, str):
            return value
        hint = f'quote it: framework_version = "{value}"' if _is_number(value, False) else None
        self.add(
            ("framework_version",),
            "wrong-type",
            f"framework_version must be a string, not {_describe(value)}",
            hint=hint,
        )
        return None

    def date(self, value: object, path: KeyPath) -> datetime.date | None:
        if isinstance(value, datetime.datetime):
            self.add(path, "wrong-type", "a date must not have a time", hint="write 2026-09-30")
            return None
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str) and _ISO_DATE.match(value.strip()):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.add(
            path,
            "wrong-type",
            f"a date must be a TOML date, not {_describe(value)}",
            hint="write a date without quotes: 2026-09-30",
        )
        return None

    # -- entries -----------------------------------------------------------------------------

    def entries(
        self, framework: Framework, raw: Mapping[Any, Any], prefix: KeyPath
    ) -> dict[str, Entry]:
        entries: dict[str, Entry] = {}
        index = _criteria_index(framework)
        for key, value in raw.items():
            path = (*prefix, key) if isinstance(key, str) else prefix
            criterion = index.get(key) if isinstance(key, str) else None
            if criterion is None:
                _lookup_criterion(framework, key, path, self.issues)  # records the issue
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
        read = self.bare(framework, criterion, raw, path)
        if read is None:
            return None
        value, counts, text = read
        return Entry(criterion.id, value, counts=counts, text=text)

    def long_form(
        self, framework: Framework, criterion: Criterion, raw: Mapping[Any, Any], path: KeyPath
    ) -> Entry | None:
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
            )
            if any(key in raw for key in keys)
        ]
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
                hint="add value = ..., or numerator and denominator, or low and high",
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
        value = raw.get(key, "")
        if isinstance(value, str):
            return value
        self.add((*path, key), "wrong-type", f"{key} must be a string, not {_describe(value)}")
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
            if isinstance(value, bool) or not isinstance(value, (int, numbers.Integral)):
                if _is_number(value, self.python):
                    self.add(
                        (*path, key),
                        "non-integer-count",
                        f"{key} must be a whole number, not {_describe(value)}",
                        hint="counts are whole numbers of families, children or sessions",
                    )
                else:
                    self.add(
                        (*path, key),
                        "wrong-type",
                        f"{key} must be a whole number, not {_describe(value)}",
                    )
                continue
            count = int(value)
            if count < 0:
                self.add((*path, key), "negative-count", f"{key} {count} is negative")
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
        if self.not_proportion(framework, criterion, path, "low and high"):
            return None
        bounds: dict[str, float] = {}
        for key in ("low", "high"):
            if key not in raw:
                other = "high" if key == "low" else "low"
                self.add(
                    path, "missing-key", f"the entry has {other} but no {key}", hint=f"add {key}"
                )
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
            self.wrong_form(framework, criterion, raw, path, hint="write true or false, unquoted")
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
        self.add(
            path,
            "wrong-form",
            f"{_describe(raw)} is not a value for the {criterion.measure.value} {criterion.id!r}",
            hint=hint or _forms_hint(framework, criterion),
        )

    def finite(self, raw: object, path: KeyPath) -> float | None:
        value = _as_float(raw)
        if value is None:
            self.add(
                path,
                "non-finite",
                f"{_describe(raw, typed=False)} is not a finite number",
                hint="NaN and infinity are not evidence; leave the criterion out if unknown",
            )
        return value

    def proportion_number(self, raw: object, path: KeyPath, criterion: Criterion) -> float | None:
        """Read a number or a percentage string as a proportion 0..1 (used for bounds too)."""
        if _is_number(raw, self.python):
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
            f"{_describe(raw)} is not a proportion",
            hint='write a number between 0 and 1 or a percentage such as "72%"',
        )
        return None

    def proportion(
        self, framework: Framework, criterion: Criterion, raw: object, path: KeyPath
    ) -> tuple[Value, Counts | None, str | None] | None:
        if self.python and isinstance(raw, Counts):
            counts = {"numerator": raw.numerator, "denominator": raw.denominator}
            return self.counts(framework, criterion, counts, path)
        if self.python and isinstance(raw, Interval):
            read = self.interval(framework, criterion, {"low": raw.low, "high": raw.high}, path)
            if read is None:
                return None
            return Interval(float(raw.low), float(raw.high), raw.word), None, raw.word
        if _is_number(raw, self.python):
            value = self.proportion_number(raw, path, criterion)
            return None if value is None else (value, None, None)
        if isinstance(raw, str):
            if "%" in raw or _NUMBER_TEXT.match(raw):
                value = self.proportion_number(raw, path, criterion)
                return None if value is None else (value, None, raw.strip())
            return self.quantifier(framework, criterion, raw, path)
        self.wrong_form(framework, criterion, raw, path)
        return None

    def quantifier(
        self, framework: Framework, criterion: Criterion, raw: str, path: KeyPath
    ) -> tuple[Value, Counts | None, str | None] | None:
        wanted = normalise_name(raw)
        names: list[str] = []
        for quantifier in framework.vocabulary.quantifiers:
            for name in (quantifier.word, *quantifier.aliases):
                names.append(name)
                if normalise_name(name) == wanted:
                    interval = Interval(quantifier.low, quantifier.high, word=quantifier.word)
                    return interval, None, raw.strip()
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

    def quantity(
        self, framework: Framework, criterion: Criterion, raw: object, path: KeyPath
    ) -> tuple[Value, Counts | None, str | None] | None:
        if _is_number(raw, self.python):
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
        if isinstance(raw, bool) or not isinstance(raw, (str, int)):
            self.wrong_form(framework, criterion, raw, path)
            return None
        grade = framework.scale.get(raw)
        if grade is not None:
            text = raw.strip() if isinstance(raw, str) else str(raw)
            return grade.id, None, None if text == grade.id else text
        names = [name for grade in framework.scale for name in (grade.id, grade.label)]
        names += [alias for grade in framework.scale for alias in grade.aliases]
        hint = None
        if isinstance(raw, str):
            hint = _suggest_name(raw, names)
        self.add(
            path,
            "unknown-grade",
            f"{raw!r} is not a grade of framework {framework.id!r}",
            hint=hint or "the grades are: " + ", ".join(framework.scale.ids),
        )
        return None


def _describe(value: object, *, typed: bool = True) -> str:
    """Name *value* for a message: its TOML type, and the value itself when it is short."""
    kind = toml_type_name(value)
    if isinstance(value, (bool, int, float, str)):
        shown = repr(value) if not isinstance(value, bool) else str(value).lower()
        if len(shown) <= 40:
            return f"the {kind} {shown}" if typed else shown
    if isinstance(value, (Mapping, list, tuple)):
        return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"
    return f"a value of type {kind}"


def _suggest_name(raw: str, names: list[str]) -> str | None:
    """Like `suggest`, comparing names as `normalise_name` does but showing them as written."""
    by_normal = {normalise_name(name): name for name in reversed(names)}
    matches = difflib.get_close_matches(normalise_name(raw), sorted(by_normal), n=1, cutoff=0.6)
    return f"did you mean {by_normal[matches[0]]!r}?" if matches else None


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
    return "write a grade: " + ", ".join(repr(grade_id) for grade_id in framework.scale.ids)
