"""What-ifs and the moves they (and comparisons) describe: `WhatIf` and `Movement`.

Read them from `inspectkit.results`; a plain assessment never defines them.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from inspectkit._repr import attrs_eq, attrs_hash  # not compiled per class
from inspectkit._words import grade_id, grade_label, numeric

# Entry, Finding, Value, Grade, Assessment and StatusResult are imported at run time though only
# annotations name them: `typing.get_type_hints` (and cattrs, which calls it) reads each
# annotation in this module's namespace.
from inspectkit.evidence import Entry, Finding, Value
from inspectkit.grades import Grade
from inspectkit.results import (
    CHANGED,
    DECLINED,
    IMPROVED,
    UNCHANGED,
    Assessment,
    StatusResult,
    _fill,
    _findings_tuple,
    _Later,
)
from inspectkit.rubric import OVERALL

TYPE_CHECKING = False  # `typing.TYPE_CHECKING` without importing typing (mypy knows the name)

__all__ = ["Movement", "WhatIf"]


def _entry_map(value: Mapping[str, Entry | None]) -> Mapping[str, Entry | None]:
    return types.MappingProxyType(dict(value))


@attrs.frozen
class Movement:
    """How one criterion, judgement or the overall grade moved between two assessments.

    Attributes:
        id: The criterion id, judgement id or ``overall``.
        kind: ``criterion``, ``judgement`` or ``overall``.
        title: Its title.
        before: The grade before (``None`` where there was none).
        after: The grade after.
        before_range: The best and worst grades the earlier evidence allowed.
        after_range: The best and worst grades the later evidence allows.
        before_value: For criteria, the value before (``None`` where absent).
        after_value: For criteria, the value after.
        before_status: For criteria, the kind of evidence before (`Status` value); for
            judgements and the overall grade, ``""``.
        after_status: As *before_status*, after.
        before_coverage: For judgements and overall, the coverage before; else ``None``.
        after_coverage: For judgements and overall, the coverage after; else ``None``.
    """

    __eq__ = attrs_eq
    __hash__ = attrs_hash

    id: str
    kind: str
    title: str
    before: Grade | None
    after: Grade | None
    before_range: tuple[Grade | None, Grade | None]
    after_range: tuple[Grade | None, Grade | None]
    before_value: Value | None = None
    after_value: Value | None = None
    before_status: str = ""
    after_status: str = ""
    before_coverage: float | None = None
    after_coverage: float | None = None

    def __repr__(self) -> str:
        return f"<Movement {self.id!r} {self.direction} steps={self.steps!r}>"

    def __str__(self) -> str:
        return f"{self.id}: {grade_label(self.before)} -> {grade_label(self.after)}"

    @property
    def steps(self) -> int | None:
        """Grades moved, positive for better; ``None`` unless graded both times."""
        if self.before is None or self.after is None:
            return None
        return self.before.rank - self.after.rank

    @property
    def direction(self) -> str:
        """``improved``, ``declined``, ``unchanged``, or ``changed`` (graded only once)."""
        steps = self.steps
        if steps is None:
            return UNCHANGED if self.before is None and self.after is None else CHANGED
        if steps > 0:
            return IMPROVED
        if steps < 0:
            return DECLINED
        return UNCHANGED

    @property
    def value_change(self) -> float | None:
        """The change in a numeric value (after minus before), where both are numbers."""
        before, after = numeric(self.before_value), numeric(self.after_value)
        if before is None or after is None:
            return None
        return after - before

    @property
    def moved(self) -> bool:
        """Whether anything moved: grade, range, value, kind of evidence or coverage."""
        return (
            self.before != self.after
            or self.before_range != self.after_range
            or self.before_value != self.after_value
            or self.before_status != self.after_status
            or self.before_coverage != self.after_coverage
        )

    def mirror(self) -> Movement:
        """Return the same movement seen the other way round (after first)."""
        return Movement(
            id=self.id,
            kind=self.kind,
            title=self.title,
            before=self.after,
            after=self.before,
            before_range=self.after_range,
            after_range=self.before_range,
            before_value=self.after_value,
            after_value=self.before_value,
            before_status=self.after_status,
            after_status=self.before_status,
            before_coverage=self.after_coverage,
            after_coverage=self.before_coverage,
        )


@attrs.frozen
class WhatIf(_Later):
    """A re-scoring with some evidence replaced, and what moved.

    Attributes:
        before: The assessment as it was.
        after: The assessment with the changes applied.
        changes: Criterion id -> the new entry (``None`` where the evidence was removed).
        target: The grade the gaps were measured against (the next grade above *before*'s
            overall grade unless one was given).
        moved: Every criterion, judgement and the overall grade whose grade or range moved,
            overall first, then judgements, then criteria, each in framework order.
        gaps_closed: Ids of criteria that were gaps before and are not after (for a what-if
            from `inspectkit.what_if`, worked out on first read of this or *gaps_opened*).
        gaps_opened: Ids of criteria that are gaps after and were not before.
        findings_added: Findings the what-if added.
        findings_removed: Findings the what-if removed.
    """

    __eq__ = attrs_eq
    __hash__ = attrs_hash

    before: Assessment
    after: Assessment
    changes: Mapping[str, Entry | None] = attrs.field(converter=_entry_map, hash=False)
    target: Grade
    moved: tuple[Movement, ...]
    gaps_closed: tuple[str, ...]
    gaps_opened: tuple[str, ...]
    findings_added: tuple[Finding, ...] = attrs.field(default=(), converter=_findings_tuple)
    findings_removed: tuple[Finding, ...] = attrs.field(default=(), converter=_findings_tuple)

    @classmethod
    def _later(cls, gaps: Callable[[int], Mapping[str, Any]], **fields: Any) -> WhatIf:
        """Return the what-if of *fields* whose ``gaps_closed`` and ``gaps_opened`` come later.

        ``gaps(0)`` gives them (as a mapping of those two names) on the first read of either.
        Why: they need a lift plan before and after the changes, many times the cost of the
        rest of a what-if, and a what-if asked only what moves (a sweep over candidate
        changes, say) never reads them. A what-if filled later equals the one made at once.
        """
        what_if = cls(**fields, gaps_closed=(), gaps_opened=())
        object.__delattr__(what_if, "gaps_closed")
        object.__delattr__(what_if, "gaps_opened")
        object.__setattr__(what_if, "_pending", (gaps, 0))
        return what_if

    if not TYPE_CHECKING:  # pragma: no branch - mypy still checks every read of a what-if

        def __getattr__(self, name: str) -> Any:
            return _fill(self, name, _WHAT_IF_GAPS)

    @property
    def overall(self) -> Movement | None:
        """The overall grade's movement, if it moved."""
        return next((move for move in self.moved if move.kind == OVERALL), None)

    @property
    def statuses(self) -> Mapping[str, StatusResult]:
        """The derived statuses after the changes (``before.statuses`` has the recorded ones)."""
        return self.after.statuses

    @property
    def statuses_moved(self) -> tuple[str, ...]:
        """The ids of the derived statuses whose point, best or worst level the changes moved."""
        before = self.before.statuses
        return tuple(
            status_id
            for status_id, after in self.after.statuses.items()
            if (after.level, after.best, after.worst)
            != (before[status_id].level, before[status_id].best, before[status_id].worst)
        )

    def __repr__(self) -> str:
        return (
            f"<WhatIf overall={grade_id(self.before.grade)!r}->{grade_id(self.after.grade)!r} "
            f"moved={len(self.moved)}>"
        )

    def to_dict(self, *, target: Grade | str | int | None = None) -> dict[str, Any]:
        """Return the re-scored assessment as data, with a ``what_if`` key that marks it.

        ``what_if`` says it is hypothetical and holds the changes (recorded and what-if
        evidence), the recorded grades (``base``), what moved and the gaps closed and opened.

        Args:
            target: Add the ranked gaps to this grade and the lift plan, after the changes.
        """
        from inspectkit.render._data import what_if_to_dict

        return what_if_to_dict(self, target=target)

    def to_json(self, *, indent: int | None = 2, target: Grade | str | int | None = None) -> str:
        """Return `to_dict` as JSON under the package's one JSON policy (keys sorted)."""
        from inspectkit.render._data import to_json, what_if_to_dict

        return to_json(what_if_to_dict(self, target=target), indent=indent)

    def to_records(self, *, target: Grade | str | int | None = None) -> list[dict[str, Any]]:
        """Return the re-scored rows, each marked ``scenario`` and with its recorded value."""
        from inspectkit.render._data import what_if_records

        return what_if_records(self, target=target)

    def to_csv(
        self, *, keep_formulas: bool = False, target: Grade | str | int | None = None
    ) -> str:
        """Return `to_records` as CSV text: its first column says every row is hypothetical."""
        from inspectkit.render._data import record_fields_for, records_to_csv, what_if_records

        fields = record_fields_for(
            target=target is not None, what_if=True, framework=self.after.framework
        )
        rows = what_if_records(self, target=target)
        return records_to_csv(rows, fields, keep_formulas=keep_formulas)

    def to_dataframe(self, *, target: Grade | str | int | None = None) -> Any:
        """Return `to_records` as a pandas DataFrame (needs ``inspectkit[pandas]``)."""
        from inspectkit.render._data import (
            record_fields_for,
            records_to_dataframe,
            what_if_records,
        )

        fields = record_fields_for(
            target=target is not None, what_if=True, framework=self.after.framework
        )
        rows = what_if_records(self, target=target)
        return records_to_dataframe(rows, fields, grades=self.after.framework.scale.ids)

    def to_markdown(self, *, target: Grade | str | int | None = None) -> str:
        """Return the what-if as a Markdown report that says at its top it is hypothetical."""
        from inspectkit.render.markdown import what_if_to_markdown

        return what_if_to_markdown(self, target=target)

    def to_html(self, *, fragment: bool = False, target: Grade | str | int | None = None) -> str:
        """Return the what-if as an HTML page (a ``<div>`` with *fragment*), marked hypothetical."""
        from inspectkit.render.html import what_if_to_html

        return what_if_to_html(self, fragment=fragment, target=target)

    def to_text(
        self,
        *,
        color: bool = False,
        target: Grade | str | int | None = None,
        width: int | None = None,
    ) -> str:
        """Return the what-if as plain text, its first line saying it is hypothetical."""
        from inspectkit.render.text import what_if_to_text

        return what_if_to_text(self, color=color, target=target, width=width)

    def _repr_html_(self) -> str:
        """Show the what-if in notebooks."""
        return self.to_html(fragment=True)

    def _repr_markdown_(self) -> str:
        """Show the what-if as Markdown in front ends that prefer it."""
        return self.to_markdown()


_WHAT_IF_GAPS = frozenset({"gaps_closed", "gaps_opened"})
"""The fields a what-if made by `WhatIf._later` fills itself with."""
