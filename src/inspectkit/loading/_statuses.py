"""Reading and checking ``[[statuses]]``: derived statuses, their levels and conditions.

Kept apart from `inspectkit.loading._checks` because conditions nest (``any`` / ``all``) and name
three kinds of thing (judgements, criteria, other statuses) whose grades live on different
scales; the walk here is handed what the main walk already knows (`StatusContext`) and reports
through the same `StrictReader`, so a status problem is reported like any other.

Why the format has no negation: every condition asks "at this grade or worse" (or "not met",
or "another status at this level or more severe"), so a condition that holds keeps holding when
the evidence gets worse and may only stop holding when it gets better. That is what makes a
status monotone, and what lets a lift plan aim at "leave the status" at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

import attrs

from inspectkit._repr import attrs_eq, attrs_hash, attrs_repr  # not compiled per class
from inspectkit.loading._issues import IssueCollector, KeyPath, suggest
from inspectkit.loading._toml import MISSING, StrictReader
from inspectkit.rubric import (
    ANY_JUDGEMENT,
    OVERALL,
    Condition,
    DerivedStatus,
    Provenance,
    StatusLevel,
)

__all__ = ["StatusContext", "reaches", "read_statuses"]


T = TypeVar("T")


def _new(cls: type[T], **fields: Any) -> T:
    """Build a model from checked fields (tuple converters type loosely, as in _checks)."""
    return cls(**fields)


_STATUS_KEYS = ("id", "title", "none_label", "description", "provenance", "levels")
_LEVEL_KEYS = ("id", "label", "description", "provenance", "any", "all")
_CONDITION_KEYS = (
    "judgement",
    "criterion",
    "status",
    "at_or_below",
    "not_met",
    "at_least",
    "except",
    "count",
    "any",
    "all",
)
_KINDS = ("judgement", "criterion", "status", "any", "all")
# Which keys each kind of condition takes besides its own.
_USES = {
    "judgement": {"at_or_below", "except", "count"},
    "criterion": {"at_or_below", "not_met"},
    "status": {"at_least"},
    "any": set(),
    "all": set(),
}


@attrs.frozen
class StatusContext:
    """What the main walk knows that status conditions are checked against.

    Attributes:
        main_grades: The framework's grade ids, best first.
        judgement_grades: Judgement id -> its scale's grade ids.
        criterion_grades: Criterion id -> its judgement's scale's grade ids.
        checks: The ids of check criteria (``not_met`` needs one).
        main_judgements: Judgements on the framework's scale (``"*"`` counts these).
        has_overall: Whether ``overall`` may be named.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    main_grades: Sequence[str]
    judgement_grades: Mapping[str, Sequence[str]]
    criterion_grades: Mapping[str, Sequence[str]]
    checks: frozenset[str]
    main_judgements: Sequence[str]
    has_overall: bool


class _StatusWalk:
    def __init__(
        self,
        read: StrictReader,
        issues: IssueCollector,
        context: StatusContext,
        provenance: Any,
    ) -> None:
        self.read = read
        self.issues = issues
        self.context = context
        self.provenance = provenance
        self.status_ids: list[str] = []
        # (path, status id referenced, level id or None) checked once every status is read.
        self.references: list[tuple[KeyPath, str, str | None, str]] = []

    def grade(self, grades: Sequence[str], value: Any, path: KeyPath) -> str | None:
        text = self.read.string(value, path)
        if text is None:
            return None
        if text not in grades:
            self.issues.add(
                path,
                "unknown-grade",
                f"{text!r} is not a grade on the scale",
                hint=suggest(text, grades) or "grades: " + ", ".join(grades),
            )
            return None
        return text

    def unknown(self, path: KeyPath, what: str, ident: str, known: Sequence[str]) -> None:
        self.issues.add(
            path,
            "unknown-target",
            f"{ident!r} is not {what} of the framework",
            hint=suggest(ident, known) or f"{what.rsplit(maxsplit=1)[-1]}s: " + ", ".join(known),
        )

    def condition(self, value: Any, path: KeyPath, owner: str) -> Condition | None:
        table = self.read.table(value, path, _CONDITION_KEYS)
        if table is None:
            return None
        kinds = [kind for kind in _KINDS if kind in table]
        if len(kinds) != 1:
            self.issues.add(
                path,
                "bad-condition",
                "a condition needs exactly one of 'judgement', 'criterion', 'status', 'any' "
                f"and 'all' (it has {', '.join(repr(k) for k in kinds) or 'none'})",
                hint='write { judgement = "ID", at_or_below = "GRADE" } or nest any = [...]',
            )
            return None
        kind = kinds[0]
        for key in table:
            if key in _CONDITION_KEYS and key not in _USES[kind] and key != kind:
                self.issues.add(
                    (*path, key),
                    "not-used",
                    f"{key!r} has no meaning in a {kind} condition",
                    hint="remove it",
                )
        if kind in ("any", "all"):
            nested = self.conditions(table[kind], (*path, kind), owner)
            if nested is None:
                return None
            return (
                _new(Condition, any_of=nested) if kind == "any" else _new(Condition, all_of=nested)
            )
        if kind == "status":
            return self.status_condition(table, path, owner)
        if kind == "criterion":
            return self.criterion_condition(table, path)
        return self.judgement_condition(table, path)

    def conditions(self, value: Any, path: KeyPath, owner: str) -> tuple[Condition, ...] | None:
        if not isinstance(value, list) or not value:
            self.issues.add(
                path,
                "bad-condition",
                "expected a non-empty array of conditions",
                hint='any = [{ judgement = "ID", at_or_below = "GRADE" }, ...]',
            )
            return None
        found = [self.condition(item, (*path, n), owner) for n, item in enumerate(value)]
        if any(condition is None for condition in found):
            return None
        return tuple(c for c in found if c is not None)

    def status_condition(
        self, table: Mapping[str, Any], path: KeyPath, owner: str
    ) -> Condition | None:
        ident = self.read.string(table["status"], (*path, "status"))
        level = None
        if "at_least" in table:
            level = self.read.string(table["at_least"], (*path, "at_least"))
        if ident is None:
            return None
        self.references.append((path, ident, level, owner))
        return _new(Condition, status=ident, at_least=level)

    def criterion_condition(self, table: Mapping[str, Any], path: KeyPath) -> Condition | None:
        ident = self.read.string(table["criterion"], (*path, "criterion"))
        if ident is None:
            return None
        grades = self.context.criterion_grades.get(ident)
        if grades is None:
            self.unknown((*path, "criterion"), "a criterion", ident, list(self.context.checks))
            return None
        has_grade = "at_or_below" in table
        not_met = bool(table.get("not_met")) if "not_met" in table else False
        if "not_met" in table and self.read.boolean(table["not_met"], (*path, "not_met")) is None:
            return None
        if has_grade == not_met:
            self.issues.add(
                path,
                "bad-condition",
                "a criterion condition needs exactly one of 'at_or_below' and 'not_met = true'",
            )
            return None
        if not_met and ident not in self.context.checks:
            self.issues.add(
                (*path, "not_met"),
                "not-met-not-check",
                f"{ident!r} is not a check criterion, so it cannot be 'not met'",
                hint="use at_or_below with a grade instead",
            )
            return None
        grade = None
        if has_grade:
            grade = self.grade(grades, table["at_or_below"], (*path, "at_or_below"))
            if grade is None:
                return None
        return _new(Condition, criterion=ident, at_or_below=grade, not_met=not_met)

    def judgement_condition(self, table: Mapping[str, Any], path: KeyPath) -> Condition | None:
        context = self.context
        ident = self.read.string(table["judgement"], (*path, "judgement"))
        if ident is None:
            return None
        if ident == ANY_JUDGEMENT:
            grades: Sequence[str] | None = context.main_grades
        elif ident == OVERALL:
            grades = context.main_grades if context.has_overall else None
        else:
            grades = context.judgement_grades.get(ident)
        if grades is None:
            known = [ANY_JUDGEMENT, *context.judgement_grades]
            if context.has_overall:
                known.append(OVERALL)
            self.unknown((*path, "judgement"), "a judgement", ident, known)
            return None
        if "at_or_below" not in table:
            self.issues.add(path, "missing-key", "a judgement condition needs 'at_or_below'")
            return None
        grade = self.grade(grades, table["at_or_below"], (*path, "at_or_below"))
        excluding: tuple[str, ...] = ()
        count = 1
        if ident != ANY_JUDGEMENT:
            for key in ("except", "count"):
                if key in table:
                    self.issues.add(
                        (*path, key),
                        "not-used",
                        f'{key!r} is only for judgement = "*"',
                        hint="remove it",
                    )
        else:
            excluding = self.read.strings(table.get("except", []), (*path, "except")) or ()
            for number, member in enumerate(excluding):
                if member not in context.main_judgements:
                    self.unknown(
                        (*path, "except", number),
                        "a judgement on the framework's scale",
                        member,
                        list(context.main_judgements),
                    )
            if "count" in table:
                counted = self.read.count(table["count"], (*path, "count"))
                if counted is not None and counted < 1:
                    self.issues.add((*path, "count"), "out-of-range", "count must be at least 1")
                    counted = None
                if counted is None:
                    return None
                count = counted
        if grade is None:
            return None
        return _new(Condition, judgement=ident, at_or_below=grade, excluding=excluding, count=count)

    def level(self, value: Any, path: KeyPath, owner: str) -> StatusLevel | None:
        table = self.read.table(value, path, _LEVEL_KEYS, ("id", "label"))
        if table is None:
            return None
        ident = self.read.ident(table.get("id", MISSING), (*path, "id"))
        label = self.read.string(table.get("label", MISSING), (*path, "label"))
        description = self.read.string(table.get("description", ""), (*path, "description"))
        provenance = None
        if "provenance" in table:
            provenance = self.provenance(table["provenance"], (*path, "provenance"))
        if ("any" in table) == ("all" in table):
            self.issues.add(
                path,
                "bad-condition",
                "a status level needs exactly one of 'any' and 'all'",
                hint='any = [{ judgement = "*", at_or_below = "GRADE" }]',
            )
            return None
        kind = "any" if "any" in table else "all"
        nested = self.conditions(table[kind], (*path, kind), owner)
        if nested is None or ident is None or label is None:
            return None
        return _new(
            StatusLevel,
            id=ident,
            label=label,
            condition=_new(Condition, any_of=nested)
            if kind == "any"
            else _new(Condition, all_of=nested),
            description=description or "",
            provenance=provenance,
        )

    def status(self, value: Any, path: KeyPath) -> DerivedStatus | None:
        table = self.read.table(value, path, _STATUS_KEYS, ("id", "title", "levels"))
        if table is None:
            return None
        ident = self.read.ident(table.get("id", MISSING), (*path, "id"))
        title = self.read.string(table.get("title", MISSING), (*path, "title"))
        none_label = self.read.string(table.get("none_label", "None"), (*path, "none_label"))
        description = self.read.string(table.get("description", ""), (*path, "description"))
        provenance: Provenance | None = None
        if "provenance" in table:
            provenance = self.provenance(table["provenance"], (*path, "provenance"))
        else:
            self.issues.add(
                path,
                "missing-provenance",
                "the status has no provenance",
                hint='add provenance = { basis = "modelled", note = "..." } or cite a source',
            )
        levels = []
        raw_levels = table.get("levels", MISSING)
        if isinstance(raw_levels, list) and not raw_levels:
            self.issues.add((*path, "levels"), "too-few", "the status has no levels")
        level_ids: list[tuple[KeyPath, str | None]] = []
        for number, item in self.read.array(raw_levels, (*path, "levels")):
            level = self.level(item, (*path, "levels", number), ident or "")
            level_ids.append(((*path, "levels", number, "id"), level.id if level else None))
            levels.append(level)
        self.duplicates(level_ids, "level")
        if ident is None or title is None or provenance is None or None in levels or not levels:
            return None
        return _new(
            DerivedStatus,
            id=ident,
            title=title,
            levels=tuple(level for level in levels if level is not None),
            provenance=provenance,
            none_label=none_label or "None",
            description=description or "",
        )

    def duplicates(self, items: Sequence[tuple[KeyPath, str | None]], what: str) -> None:
        seen: set[str] = set()
        for path, ident in items:
            if ident is None:
                continue
            if ident in seen:
                self.issues.add(
                    path, "duplicate-id", f"{what} {ident!r} is used twice", hint="rename one"
                )
            seen.add(ident)

    def resolve(self, statuses: Sequence[DerivedStatus | None]) -> None:
        """Check status references (ids and levels) and that statuses form no cycle."""
        by_id = {status.id: status for status in statuses if status is not None}
        graph: dict[str, set[str]] = {}
        for path, ident, level, owner in self.references:
            if ident not in self.status_ids:
                self.unknown((*path, "status"), "a status", ident, self.status_ids)
                continue
            graph.setdefault(owner, set()).add(ident)
            target = by_id.get(ident)
            if level is not None and target is not None:
                levels = [lv.id for lv in target.levels]
                if level not in levels:
                    self.issues.add(
                        (*path, "at_least"),
                        "unknown-level",
                        f"{level!r} is not a level of status {ident!r}",
                        hint=suggest(level, levels) or "levels: " + ", ".join(levels),
                    )
        for path, ident, _, owner in self.references:
            if ident in self.status_ids and reaches(graph, ident, owner):
                self.issues.add(
                    (*path, "status"),
                    "status-cycle",
                    f"status {owner!r} depends on {ident!r}, which depends on {owner!r}",
                    hint="statuses that name each other must not form a cycle",
                )


def reaches(graph: Mapping[str, set[str]], start: str, goal: str) -> bool:
    """Return whether *goal* can be reached from *start* along *graph*'s edges (a cycle check)."""
    stack, seen = [start], set()
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(graph.get(node, ()))
    return False


def read_statuses(
    value: Any,
    read: StrictReader,
    issues: IssueCollector,
    context: StatusContext,
    provenance: Any,
) -> tuple[DerivedStatus, ...]:
    """Read ``statuses`` and check every condition against *context*.

    Args:
        value: The raw ``statuses`` array.
        read: The main walk's reader (issues go to the same collector).
        issues: The collector.
        context: The grades, judgements and criteria conditions may name.
        provenance: The main walk's provenance reader, ``(value, path) -> Provenance``.
    """
    walk = _StatusWalk(read, issues, context, provenance)
    tables = read.array(value, ("statuses",))
    walk.status_ids = [table["id"] for _, table in tables if isinstance(table.get("id"), str)]
    found = [walk.status(table, ("statuses", number)) for number, table in tables]
    walk.duplicates(
        [(("statuses", n, "id"), s.id if s else None) for n, s in enumerate(found)], "status"
    )
    for number, status in enumerate(found):
        if status is not None and status.id in context.judgement_grades:
            issues.add(
                ("statuses", number, "id"),
                "duplicate-id",
                f"status {status.id!r} has the id of a judgement",
                hint="tables give each status a column beside the judgements': rename it",
            )
    walk.resolve(found)
    return tuple(status for status in found if status is not None)
