"""Reading published outcomes: an outcomes table (CSV or rows) and a grade written as an outcome.

Calibration (`inspectkit.calibrate`) compares predictions with the grades an inspectorate
published. Those grades come from an outcomes table, one row per case::

    id,tier,overall,access,quality,leadership
    leeds-crossgates-manston,A,good,outstanding,good,good
    reading-east,C,inadequate,,,

or from an ``[outcome]`` table in the evidence file itself. Either way a grade is read through
the framework's scale, so ``good``, ``Good``, ``2`` and an alias such as ``RI`` all name a grade,
and an empty cell means the grade was not published (a news article may give only the overall
grade). The column ``id`` names the case (an evidence file's stem); ``overall`` and each
judgement id hold grades; any other column (``tier``, ``source``) is kept as an attribute of the
case. Every problem in a table is collected and raised at once, each at ``row N, column C``
where row 1 is the header, as a spreadsheet numbers them and as ``inspectkit batch`` reports.

Why a module of its own: the cells of an outcomes table are grades, not evidence values, so none
of the evidence value reader applies; what the two share is the scale lookup, `outcome_grade`,
which the evidence loader also uses for ``[outcome]``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import attrs

from inspectkit._repr import attrs_eq, attrs_hash, attrs_repr  # not compiled per class
from inspectkit.errors import EvidenceError, Issue
from inspectkit.grades import normalise_name
from inspectkit.loading._files import read_table, shape_issues
from inspectkit.loading._issues import capped, suggest
from inspectkit.rubric import OVERALL, Framework

__all__ = [
    "ID_COLUMN",
    "OutcomeRow",
    "grade_hint",
    "outcome_grade",
    "outcome_targets",
    "read_outcome_table",
]

ID_COLUMN = "id"
"""The column of an outcomes table that names each case."""


@attrs.frozen
class OutcomeRow:
    """One row of an outcomes table, with its grades resolved.

    Attributes:
        id: The case id (the evidence file's stem).
        row: The row's number in the table (row 1 is the header).
        grades: Target (``overall`` or a judgement id) -> grade id, for the cells that are
            not empty.
        attributes: Every other column -> the cell's text (``""`` for an empty cell).
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    id: str
    row: int
    grades: Mapping[str, str]
    attributes: Mapping[str, str]


def outcome_targets(framework: Framework) -> dict[str, str]:
    """Return the names an outcome may be given under -> the target they mean.

    A target is ``overall`` or a judgement id. Each is also found by its title (``Overall
    effectiveness``) and in any case or spacing, compared as grade names are
    (`inspectkit.grades.normalise_name`).
    """
    names: dict[str, str] = {}
    pairs = [(OVERALL, framework.overall_title)]
    pairs += [(judgement.id, judgement.title) for judgement in framework.judgements]
    for target, title in pairs:
        names.setdefault(normalise_name(target), target)
        names.setdefault(normalise_name(title), target)
    return names


def outcome_grade(
    framework: Framework, raw: object, target: str = OVERALL
) -> tuple[str | None, str | None]:
    """Read one published grade: a grade id, label, alias or 1-based position.

    Args:
        framework: The framework whose scale the grade is on.
        raw: The cell or value as written.
        target: ``overall`` or the judgement the grade is for: a judgement on another scale
            (met / not met) reads its grade there.

    Returns:
        ``(grade id, None)`` for a grade, ``(None, None)`` for an empty cell (not published),
        and ``(None, message)`` for anything else.
    """
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None, None
    if hasattr(raw, "item") and not isinstance(raw, (str, int)):  # a numpy scalar
        return outcome_grade(framework, raw.item(), target)
    if isinstance(raw, str) and not raw.strip():
        return None, None
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        return None, f"a grade must be text or a position, not {type(raw).__name__}"
    grade = framework.scale_of(target).get(raw)
    if grade is None:
        return None, f"{raw!r} is not a grade of framework {framework.id!r}"
    return grade.id, None


def grade_hint(framework: Framework, raw: object, target: str = OVERALL) -> str:
    """Return the hint for a value that is not a grade: a close grade name, or the grades."""
    scale = framework.scale_of(target)
    names = [name for grade in scale for name in (grade.id, grade.label, *grade.aliases)]
    found = suggest(str(raw), names) if isinstance(raw, str) else None
    return found or "the grades are: " + ", ".join(scale.ids)


def _text(raw: object) -> str:
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return ""
    return str(raw).strip()


def read_outcome_table(source: Any, framework: Framework) -> list[OutcomeRow]:
    """Read an outcomes table: a CSV path, an iterable of row mappings or a DataFrame.

    Args:
        source: The table (see the module docstring for its columns).
        framework: The framework whose judgements and scale the grades are read against.

    Returns:
        One `OutcomeRow` per row, in the order of the table.

    Raises:
        EvidenceError: Every problem at once: no ``id`` column, no grade column, an empty or
            repeated id, a cell that is not a grade; each at ``row N, column C``.
        TypeError: *source* is not a table at all.
    """
    table = read_table(source, "the outcomes table", "outcomes")
    header, rows, file = table.header, table.rows, table.file
    issues: list[Issue] = shape_issues(table)

    def problem(row: int, column: str | None, code: str, message: str, hint: str | None) -> None:
        path, line = table.locate(row, column)
        issues.append(Issue(path, code, message, line=line, hint=hint, file=file))

    names = outcome_targets(framework)
    targets: dict[str, str] = {}  # column -> target
    for column in header:
        target = names.get(normalise_name(column)) if column != ID_COLUMN else None
        if target is None or column in targets:  # a heading given twice: see shape_issues
            continue
        if target in targets.values():
            first = next(name for name, known in targets.items() if known == target)
            repeats = f"{column!r} repeats the column {first!r}"
            problem(table.header_row, column, "duplicate-column", repeats, None)
            continue
        targets[column] = target
    if ID_COLUMN not in header:
        problem(
            table.header_row,
            ID_COLUMN,
            "missing-column",
            "the outcomes table has no 'id' column",
            "add a column headed 'id' giving each case's evidence file name without .toml",
        )
    if not targets:
        wanted = ", ".join([OVERALL, *(judgement.id for judgement in framework.judgements)])
        problem(
            table.header_row,
            None,
            "missing-column",
            "the outcomes table has no grade column",
            f"head the grade columns with {wanted}",
        )
    attributes = [column for column in header if column != ID_COLUMN and column not in targets]
    found: list[OutcomeRow] = []
    seen: dict[str, int] = {}
    for index, row in enumerate(rows):
        number = table.number(index)
        case = _text(row.get(ID_COLUMN))
        if ID_COLUMN in header and not case:
            problem(number, ID_COLUMN, "missing-id", "the case id is empty", "name the case")
        elif case in seen:
            problem(
                number,
                ID_COLUMN,
                "duplicate-id",
                f"{case!r} already has a row (row {seen[case]})",
                "give each case one row",
            )
        seen.setdefault(case, number)
        grades: dict[str, str] = {}
        for column, target in targets.items():
            raw = row.get(column)
            grade, message = outcome_grade(framework, raw, target)
            if message is not None:
                hint = grade_hint(framework, raw, target)
                problem(number, column, "unknown-grade", message, hint)
            elif grade is not None:
                grades[target] = grade
        found.append(
            OutcomeRow(
                id=case,
                row=number,
                grades=grades,
                attributes={column: _text(row.get(column)) for column in attributes},
            )
        )
    if issues:
        where = file or "<outcomes>"
        noun = "problem" if len(issues) == 1 else "problems"
        summary = f"{where}: the outcomes table has {len(issues)} {noun}"
        raise EvidenceError(summary, capped(issues, file=file))
    return found
