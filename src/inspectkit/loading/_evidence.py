"""Loading evidence: TOML or a mapping -> checked `Evidence`, resolved against a framework.

An evidence document names its framework and unit and lists one value per criterion under
``[evidence]`` (see ``inspectkit docs evidence-format``). Every value is read by the *measure*
of its criterion: ``"72%"`` is a proportion, ``"a large majority"`` is the interval the framework's
vocabulary gives that word, ``"RI"`` is a grade id. Every problem in a document is collected
and raised at once as one `EvidenceError` whose `Issue` records name the key path
(``evidence.registration_rate.numerator``), the line, a stable code and a hint.

These are the public doors: files (`load_evidence`, `loads_evidence`), mappings
(`parse_evidence`), flat notebook mappings (`evidence_from_values`) and single values
(`parse_entry`, and `parse_cli_value` for command-line text such as ``"412/702"``). The document
is read by `inspectkit.loading._documents` and each value by the one value reader,
`inspectkit.loading._values.ValueReader`, which group files and tables use too.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping
from typing import Any

from inspectkit.errors import EvidenceError
from inspectkit.evidence import Entry, Evidence, Finding
from inspectkit.loading._documents import TOP_LEVEL_KEYS, DocumentReader, FrameworkArg
from inspectkit.loading._files import (
    AllowOutside,
    check_path,
    check_text,
    read_file,
    read_limits,
)
from inspectkit.loading._findings import read_findings
from inspectkit.loading._framework import resolve_framework
from inspectkit.loading._issues import IssueCollector, KeyPath, toml_type_name
from inspectkit.loading._toml import check_depth, checked_toml, decode, parse_toml
from inspectkit.loading._values import ENTRY_KEYS, ValueReader, lookup_criterion
from inspectkit.rubric import Framework

__all__ = [
    "ENTRY_KEYS",
    "TOP_LEVEL_KEYS",
    "FrameworkArg",
    "evidence_from_values",
    "load_evidence",
    "load_evidence_data",
    "load_parsed_evidence",
    "loads_evidence",
    "parse_cli_value",
    "parse_entry",
    "parse_evidence",
]

_WHAT = "evidence"


# --------------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------------


def load_evidence(
    path: str | os.PathLike[str],
    *,
    framework: FrameworkArg = None,
    max_bytes: int | None = None,
    allow_outside: AllowOutside = None,
) -> Evidence:
    """Load and check the evidence file at *path*.

    Args:
        path: The TOML evidence file.
        framework: The framework to check it against: a `Framework`, a bundled id or a path.
            ``None`` loads the framework the file's ``framework`` key names (a relative path
            there is taken relative to the evidence file).
        max_bytes: The largest file to read, this one and the framework files it names
            (default: the limit in force, 8 MiB unless raised with `read_limits`).
        allow_outside: Directories whose files the framework's ``extends`` may name besides
            the framework file's own folder tree.

    Returns:
        The checked evidence, with `Evidence.file` set to *path*.

    Raises:
        EvidenceError: The file cannot be read or its content is not valid evidence; every
            problem found is listed in the error's ``issues``.
        TypeError: *path* is not a path.
    """
    check_path(path, "load_evidence")
    name = os.fspath(path)
    with read_limits(max_bytes=max_bytes, allow_outside=allow_outside):
        data = read_file(name, _WHAT)
        return _loads(data, framework=framework, name=name, base=_folder_of(name))


def _folder_of(name: str) -> str:
    """Return the folder of file *name* as a string: ``Path(name).parent``, without pathlib.

    The evidence reader takes a relative framework path from it (`DocumentReader.framework`
    makes a `pathlib.Path` of it there), so a plain assessment never imports pathlib.
    """
    return os.path.dirname(name) or os.curdir


def load_evidence_data(data: bytes, *, framework: FrameworkArg, name: str) -> Evidence:
    """Check the evidence file *name* whose bytes, *data*, were read already (a group member)."""
    return _loads(data, framework=framework, name=name, base=_folder_of(name))


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
        TypeError: *text* is neither a string nor bytes.
    """
    check_text(text, "loads_evidence")
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
    check_depth(mapping, issues)
    issues.raise_if_any(EvidenceError, _WHAT)
    return _document(mapping, issues, framework, base=None, file=None)


def evidence_from_values(
    framework: Framework | str | os.PathLike[str],
    values: Mapping[str, Any],
    *,
    unit: str = "",
    date: datetime.date | None = None,
    findings: Iterable[Finding | Mapping[str, Any]] = (),
) -> Evidence:
    """Build checked evidence from a flat mapping of criterion id -> value, for notebooks.

    Values take every form an evidence file accepts (``0.72``, ``"72%"``, ``"a large
    majority"``, ``{"numerator": 412, "denominator": 702}``, ``True``, ``"RI"``,
    ``"not_applicable"``) and also Python objects: `Interval`, `Counts`, `NOT_APPLICABLE`, and
    `Entry` objects, which are kept as they are. A value of ``None`` means *absent*: the
    criterion is left out.

    A *remark* is kept as the file loader keeps one: ``"unknown"`` (or ``{"value": "unknown",
    "note": ...}``) says the source does not know the value, and a mapping with a ``note`` or
    ``source`` (and perhaps a ``date``) but no value records something without one. Either
    leaves the criterion absent (the missing policy grades it), is kept in `Evidence.remarks`,
    and reports show it under "Evidence still to collect".

    Args:
        framework: A `Framework`, a bundled id or a path.
        values: Criterion id -> value.
        unit: The unit's name.
        date: The date the evidence describes.
        findings: Strengths and weaknesses: `Finding` objects, or mappings with the keys of a
            ``[[findings]]`` table (``judgement``, ``weakness``, ``weight``, ...).

    Returns:
        The checked evidence.

    Raises:
        EvidenceError: A value does not fit its criterion or an id is unknown; every problem
            is listed, each at the criterion id (or ``findings[N].key``) it concerns.
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
    check_depth(values, issues)
    issues.raise_if_any(EvidenceError, _WHAT)
    reader = ValueReader(issues, python=True)
    entries = reader.entries(resolved, values, ())
    if not isinstance(findings, (str, bytes, Mapping, list, tuple)) and isinstance(
        findings, Iterable
    ):
        findings = list(findings)
    read = read_findings(reader, resolved, findings, ("findings",))
    issues.raise_if_any(EvidenceError, _WHAT)
    return Evidence(
        framework=resolved.id,
        unit=unit,
        entries=entries,
        date=date,
        findings=read,
        remarks=reader.remarks,
    )


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
    criterion = lookup_criterion(resolved, criterion_id, (criterion_id,), issues)
    entry = None
    if criterion is not None:
        entry = ValueReader(issues, python=True).entry(resolved, criterion, raw, (criterion_id,))
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
    criterion = lookup_criterion(resolved, criterion_id, path, issues)
    if criterion is None:
        issues.raise_now(EvidenceError, "the value")
    entry = ValueReader(issues, python=True).text(resolved, criterion, text, path)
    if entry is None:
        issues.raise_now(EvidenceError, "the value")
    return entry


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _loads(
    text: str | bytes, *, framework: FrameworkArg, name: str, base: str | os.PathLike[str] | None
) -> Evidence:
    text = decode(text)
    data = parse_toml(text, IssueCollector(file=name), EvidenceError, _WHAT)
    return _checked(text, data, framework=framework, name=name, base=base)


def load_parsed_evidence(
    text: str, data: dict[str, Any], *, framework: FrameworkArg, name: str, from_file: bool
) -> Evidence:
    """Check the evidence *name* whose TOML *text* was parsed already, into *data*.

    Why: ``inspectkit assess FILE`` parses the file once to find the framework it names, and
    parsing it again here cost a second `tomli.loads` (issue 15: a fast start). *text* is the
    decoded document, without a byte-order mark, as `decode` gives it; *from_file* says a
    relative framework path in it is taken from *name*'s folder (else the current directory),
    as `load_evidence` and `loads_evidence` do.
    """
    data = checked_toml(text, data, IssueCollector(file=name), EvidenceError, _WHAT)
    return _checked(
        text, data, framework=framework, name=name, base=_folder_of(name) if from_file else None
    )


def _checked(
    text: str | bytes,
    data: dict[str, Any],
    *,
    framework: FrameworkArg,
    name: str,
    base: str | os.PathLike[str] | None,
) -> Evidence:
    """Check the parsed evidence document *data* (of *text*), reading it again for lines."""
    file = name if base is not None else None
    try:
        evidence = _document(data, IssueCollector(file=name), framework, base=base, file=file)
    except EvidenceError:
        # Finding the line of every key costs more than reading a valid file, so it is only
        # done for a file with problems: read it again with the lines known, and raise that.
        if not isinstance(text, str):  # pragma: no cover - parse_toml refused it already
            raise
        issues = IssueCollector(file=name, text=text)
        return _document(data, issues, framework, base=base, file=file)
    if evidence.warnings and isinstance(text, str):
        # Likewise for warnings: read again with the lines known, so each warning has its line.
        located = IssueCollector(file=name, text=text)
        return _document(data, located, framework, base=base, file=file)
    return evidence


def _document(
    data: object,
    issues: IssueCollector,
    framework: FrameworkArg,
    *,
    base: str | os.PathLike[str] | None,
    file: str | None,
) -> Evidence:
    """Read the evidence document *data*, raising `EvidenceError` with every problem."""
    if not isinstance(data, Mapping):
        issues.add((), "wrong-type", f"evidence must be a table, not {toml_type_name(data)}")
        issues.raise_now(EvidenceError, _WHAT)
    reader = DocumentReader(ValueReader(issues, python=False))
    evidence = reader.evidence(data, framework, base=base, file=file)
    if evidence is None:
        issues.raise_now(EvidenceError, _WHAT)
    return evidence
