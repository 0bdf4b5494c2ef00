"""Loading group evidence files: a group's name and date, and its members' evidence.

A group evidence file names its framework and the group, optionally the group rule, and its
members, either as paths of member evidence files (relative to the group file)::

    framework = "ofsted_childrens_centres_2014"
    unit = "Lakeside cluster"
    date = 2026-09-30
    rule = "weakest"                       # optional: the framework's rule otherwise
    members = ["north.toml", "south.toml"]

or as ``[[members]]`` tables, each holding what a member evidence file holds (``unit``,
``date``, ``[members.evidence]``...). Every problem in the group file and in its members is
reported at once; a problem inside a member table names its path in the group file
(``members[1].evidence.registration_under5``) and its line.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from inspectkit.errors import EvidenceError
from inspectkit.evidence import Evidence, GroupEvidence
from inspectkit.loading._documents import DocumentReader, FrameworkArg
from inspectkit.loading._evidence import load_evidence_data
from inspectkit.loading._files import (
    OUTSIDE_HINT,
    AllowOutside,
    FileRefusedError,
    check_path,
    check_text,
    outside,
    read_bytes,
    read_file,
    read_limits,
)
from inspectkit.loading._issues import IssueCollector, KeyPath, suggest
from inspectkit.loading._toml import check_depth, decode, parse_toml
from inspectkit.loading._values import ValueReader
from inspectkit.rubric import Framework, GroupMethod

__all__ = [
    "GROUP_KEYS",
    "GroupEvidence",
    "load_group",
    "loads_group",
    "parse_group",
]

GROUP_KEYS = ("framework", "framework_version", "unit", "kind", "date", "rule", "note", "members")
"""The keys a group evidence file may have at its top level."""

_WHAT = "group evidence"


def load_group(
    path: str | os.PathLike[str],
    *,
    framework: FrameworkArg = None,
    max_bytes: int | None = None,
    allow_outside: AllowOutside = None,
) -> GroupEvidence:
    """Load and check the group evidence file at *path*, and its members' evidence.

    Args:
        path: The TOML group file.
        framework: The framework to check it against; by default the one the file names.
        max_bytes: The largest file to read, this one, its members and the framework files
            they name (default: the limit in force, 8 MiB unless raised with `read_limits`).
        allow_outside: A directory, or several, whose files may be members besides the group
            file's own folder and those below it (and which frameworks may ``extends``).

    Raises:
        EvidenceError: The file or a member's evidence is not valid; every problem is listed.
        TypeError: *path* is not a path.
    """
    check_path(path, "load_group")
    name = os.fspath(path)
    with read_limits(max_bytes=max_bytes, allow_outside=allow_outside):
        data = read_file(name, _WHAT)
        return _loads(data, framework=framework, name=name, base=Path(name).parent)


def loads_group(
    text: str | bytes, *, framework: FrameworkArg = None, name: str = "<string>"
) -> GroupEvidence:
    """Parse and check group evidence from TOML *text*, and its members' evidence.

    Args:
        text: The TOML group document (``bytes`` must be UTF-8).
        framework: The framework to check it against; by default the one the text names.
        name: The name to report in errors in place of a file name.

    Returns:
        The checked group; member file paths in it are relative to the current directory.

    Raises:
        EvidenceError: The text or a member's evidence is not valid; every problem is listed.
        TypeError: *text* is neither a string nor bytes.
    """
    check_text(text, "loads_group")
    return _loads(text, framework=framework, name=name, base=Path())


def parse_group(
    mapping: Mapping[str, Any], *, framework: FrameworkArg = None, name: str = "<mapping>"
) -> GroupEvidence:
    """Check group evidence given as a mapping with the structure of a group file.

    Args:
        mapping: The document: ``framework``, ``unit``, ``members`` and so on, as a group file
            would give them; ``members`` holds file paths (relative to the current directory)
            or member mappings.
        framework: The framework to check it against; by default the one the mapping names.
        name: The name to report in errors in place of a file name.

    Returns:
        The checked group.

    Raises:
        EvidenceError: The mapping or a member's evidence is not valid; every problem is listed.
    """
    issues = IssueCollector(file=name)
    check_depth(mapping, issues)
    issues.raise_if_any(EvidenceError, _WHAT)
    return _build(mapping, issues, framework, Path())


def _loads(text: str | bytes, *, framework: FrameworkArg, name: str, base: Path) -> GroupEvidence:
    text = decode(text)
    issues = IssueCollector(file=name, text=text if isinstance(text, str) else None)
    data = parse_toml(text, issues, EvidenceError, _WHAT)
    return _build(data, issues, framework, base)


def _build(
    data: Mapping[str, Any], issues: IssueCollector, framework: FrameworkArg, base: Path
) -> GroupEvidence:
    if not isinstance(data, Mapping):
        issues.add((), "wrong-type", f"group evidence must be a table, not {type(data).__name__}")
        issues.raise_now(EvidenceError, _WHAT)
    values = ValueReader(issues, python=False)
    document = DocumentReader(values)
    document.keys(data, GROUP_KEYS, "allowed keys: " + ", ".join(GROUP_KEYS))
    header = document.header(data, framework, base)
    rule = _rule(data, issues)
    raw_members = data.get("members")
    members: list[Evidence] = []
    if "members" not in data:
        issues.add((), "missing-key", "the group lists no members", hint='add members = ["a.toml"]')
    elif not isinstance(raw_members, list):
        issues.add(
            ("members",),
            "wrong-type",
            "members must be an array of file paths or of [[members]] tables",
        )
    elif not raw_members:
        issues.add(("members",), "too-few", "the group has no members; add at least 1")
    elif header.framework is not None:
        members = _members(raw_members, header.framework, values, base)
    if header.framework is None or issues:
        issues.raise_now(EvidenceError, _WHAT)
    return GroupEvidence(
        framework=header.framework,
        unit=header.unit,
        members=tuple(members),
        date=header.date,
        rule=rule,
        note=header.note,
        file=issues.file,
        framework_version=header.framework_version,
        kind=header.kind or "group",
    )


def _rule(data: Mapping[str, Any], issues: IssueCollector) -> GroupMethod | None:
    if "rule" not in data:
        return None
    raw = data["rule"]
    words = [method.value for method in GroupMethod]
    if not isinstance(raw, str):
        issues.add(("rule",), "wrong-type", "rule must be a string", hint=", ".join(words))
        return None
    try:
        return GroupMethod(raw.strip().lower())
    except ValueError:
        issues.add(
            ("rule",),
            "bad-value",
            f"{raw!r} is not one of " + ", ".join(repr(word) for word in words),
            hint=suggest(raw, words),
        )
        return None


def _members(
    raw: Sequence[Any], framework: Framework, values: ValueReader, base: Path
) -> list[Evidence]:
    issues = values.issues
    members: list[Evidence] = []
    units: dict[str, int] = {}
    for index, item in enumerate(raw):
        path: KeyPath = ("members", index)
        evidence: Evidence | None = None
        if isinstance(item, str):
            evidence = _member_file(item, path, framework, issues, base)
        elif isinstance(item, Mapping):
            evidence = DocumentReader(values, path).evidence(
                item, framework, base=base, file=None, inherited=True
            )
        else:
            issues.add(path, "wrong-type", "a member must be a file path or a table")
        if evidence is None:
            continue
        if evidence.unit in units:
            issues.add(
                (*path, "unit") if isinstance(item, Mapping) else path,
                "duplicate-member",
                f"member {evidence.unit!r} is already listed as members[{units[evidence.unit]}]",
                hint="give each member its own unit name",
            )
            continue
        units[evidence.unit] = index
        members.append(evidence)
    return members


def _member_file(
    text: str, path: KeyPath, framework: Framework, issues: IssueCollector, base: Path
) -> Evidence | None:
    target = Path(text) if Path(text).is_absolute() else base / text
    refused = outside(target, base)
    if refused is not None:
        message = f"member file {text!r} is not read: {refused}"
        issues.add(path, "path-outside", message, hint=OUTSIDE_HINT)
        return None
    try:
        data = read_bytes(target)
    except FileRefusedError as problem:
        if problem.code == "not-found":
            message = f"member file {text!r} does not exist"
            hint: str | None = "member paths are relative to the group file"
        else:
            message, hint = f"member file {text!r} cannot be read: {problem.reason}", problem.hint
        issues.add(path, problem.code, message, hint=hint)
        return None
    try:
        return load_evidence_data(data, framework=framework, name=os.fspath(target))
    except EvidenceError as error:
        issues.extend(error.issues)  # capped, each problem counted
        return None
