"""Two or more assessments of one unit compared.

`Comparison`, `Timeline` and `FrameworkChange`, built by `inspectkit.progress`. Read them from
`inspectkit.results`.

A comparison describes each grade's move with `inspectkit.results.Movement`, as a what-if does.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import attrs

from inspectkit._output import RecordOutput
from inspectkit._repr import attrs_repr  # repr read from the fields, not compiled per class
from inspectkit.evidence import Finding, Value
from inspectkit.grades import Grade
from inspectkit.results import Assessment, Movement, _frozen_map
from inspectkit.rubric import OVERALL, Framework
from inspectkit.rubric import Change as FrameworkChangeRecord

__all__ = ["Comparison", "FrameworkChange", "Timeline", "declared_changes", "framework_changes"]


@attrs.frozen
class FrameworkChange:
    """One difference between two versions of a framework.

    Attributes:
        kind: ``criterion_added``, ``criterion_removed``, ``threshold_changed``,
            ``judgement_added``, ``judgement_removed``, ``aggregation_changed``,
            ``cap_added``, ``cap_removed``, ``cap_changed`` or ``scale_changed``.
        id: The id of what changed (a criterion, judgement, cap, or ``overall``).
        detail: What changed, in plain words.
    """

    __repr__ = attrs_repr

    kind: str
    id: str
    detail: str


@attrs.frozen
class Comparison(RecordOutput):
    """Two assessments of one unit set side by side: what moved, and the gaps.

    Attributes:
        before: The earlier assessment.
        after: The later assessment.
        target: The grade gaps are measured against.
        overall: The movement of the overall grade.
        judgements: Judgement id -> movement, in framework order.
        criteria: Criterion id -> movement, in framework order (criteria of either version).
        gaps_closed: Criteria that fell short of *target* before and no longer do.
        gaps_opened: Criteria that fall short of *target* now and did not before.
        gaps_open: Criteria that fell short of *target* both times. Only criteria of both
            framework versions are counted in these three.
        framework_changes: What changed between the framework versions, if they differ.
        declared_changes: What the successor framework says it changed (its ``[[changes]]``),
            when the two assessments were made under different versions or variants of one
            framework (see `declared_changes`); empty otherwise.
    """

    before: Assessment
    after: Assessment
    target: Grade
    overall: Movement
    judgements: Mapping[str, Movement] = attrs.field(converter=_frozen_map, hash=False)
    criteria: Mapping[str, Movement] = attrs.field(converter=_frozen_map, hash=False)
    gaps_closed: tuple[str, ...] = ()
    gaps_opened: tuple[str, ...] = ()
    gaps_open: tuple[str, ...] = ()
    framework_changes: tuple[FrameworkChange, ...] = ()
    declared_changes: tuple[FrameworkChangeRecord, ...] = ()

    @property
    def findings_added(self) -> tuple[Finding, ...]:
        """Findings of the later evidence that the earlier did not have, in order."""
        before = set(self.before.evidence.findings)
        return tuple(f for f in self.after.evidence.findings if f not in before)

    @property
    def findings_removed(self) -> tuple[Finding, ...]:
        """Findings of the earlier evidence that the later no longer has, in order."""
        after = set(self.after.evidence.findings)
        return tuple(f for f in self.before.evidence.findings if f not in after)

    def __repr__(self) -> str:
        return (
            f"<Comparison unit={self.unit!r} overall={self.overall.direction!r} "
            f"closed={len(self.gaps_closed)} opened={len(self.gaps_opened)}>"
        )

    @property
    def unit(self) -> str:
        """The unit compared (the later assessment's name)."""
        return self.after.evidence.unit

    @property
    def coverage(self) -> tuple[float, float]:
        """The coverage before and after."""
        return (self.before.coverage, self.after.coverage)

    @property
    def version_changed(self) -> bool:
        """Whether the two assessments were made under different framework versions."""
        return self.before.framework.version != self.after.framework.version

    def movements(self) -> tuple[Movement, ...]:
        """Every movement: the overall grade (if the framework gives one), judgements, criteria."""
        overall = (self.overall,) if self.after.framework.has_overall else ()
        return (*overall, *self.judgements.values(), *self.criteria.values())

    def moved(self) -> tuple[Movement, ...]:
        """The movements in which something moved."""
        return tuple(movement for movement in self.movements() if movement.moved)

    def mirror(self) -> Comparison:
        """Return the comparison the other way round: `compare(after, before)`."""
        return Comparison(
            before=self.after,
            after=self.before,
            target=self.target,
            overall=self.overall.mirror(),
            judgements={key: value.mirror() for key, value in self.judgements.items()},
            criteria={key: value.mirror() for key, value in self.criteria.items()},
            gaps_closed=self.gaps_opened,
            gaps_opened=self.gaps_closed,
            gaps_open=self.gaps_open,
            framework_changes=framework_changes(self.after.framework, self.before.framework),
            declared_changes=self.declared_changes,
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the comparison as plain JSON-ready data, with a ``schema_version``."""
        from inspectkit.render._data import comparison_to_dict

        return comparison_to_dict(self)

    def to_markdown(self) -> str:
        """Return the progress report as Markdown."""
        from inspectkit.render.markdown import comparison_to_markdown

        return comparison_to_markdown(self)

    def to_text(self, *, width: int | None = None) -> str:
        """Return the report as plain text for a terminal, wrapped at *width* if given."""
        from inspectkit.render.text import comparison_to_text

        return comparison_to_text(self, width=width)

    def to_html(self, *, fragment: bool = False) -> str:
        """Return the progress report as a standalone HTML page, or a ``<div>`` with *fragment*.

        Every string from the framework or the evidence is escaped.
        """
        from inspectkit.render.html import comparison_to_html

        return comparison_to_html(self, fragment=fragment)

    def to_records(self) -> list[dict[str, Any]]:
        """Return one flat record per movement, then one per finding added or removed."""
        from inspectkit.render._data import comparison_to_records

        return comparison_to_records(self)

    def _repr_markdown_(self) -> str:
        """Show the progress report as Markdown in front ends that prefer it."""
        return self.to_markdown()


@attrs.frozen
class Timeline(RecordOutput):
    """Many assessments of one unit, in date order, each compared with the one before.

    Attributes:
        assessments: The assessments, oldest first; undated ones last, in the order given.
        steps: The comparison of each assessment with the one before it.
        target: The grade gaps are measured against, the same for every step.
    """

    assessments: tuple[Assessment, ...]
    steps: tuple[Comparison, ...]
    target: Grade
    first_to_last: Comparison | None = attrs.field(default=None, eq=False, repr=False)
    """The first assessment compared with the last (``None`` with fewer than two); `overall`."""

    def __repr__(self) -> str:
        return f"<Timeline unit={self.unit!r} assessments={len(self.assessments)}>"

    @property
    def unit(self) -> str:
        """The unit (the latest assessment's name)."""
        return self.assessments[-1].evidence.unit

    @property
    def dates(self) -> tuple[datetime.date | None, ...]:
        """The assessments' dates, in timeline order."""
        return tuple(assessment.evidence.date for assessment in self.assessments)

    def grades(self, result_id: str = OVERALL) -> tuple[Grade | None, ...]:
        """Return the grade of *result_id* (a judgement, criterion or ``overall``) over time."""
        return tuple(_result_or_none(a, result_id) for a in self.assessments)

    def values(self, criterion_id: str) -> tuple[Value | None, ...]:
        """Return the evidence value of *criterion_id* over time (``None`` where absent)."""
        return tuple(assessment.evidence.value(criterion_id) for assessment in self.assessments)

    def overall(self) -> Comparison | None:
        """Return the comparison of the first assessment with the last, if there are two."""
        return self.first_to_last

    def to_dict(self) -> dict[str, Any]:
        """Return the timeline as plain JSON-ready data, with a ``schema_version``."""
        from inspectkit.render._data import timeline_to_dict

        return timeline_to_dict(self)

    def to_markdown(self) -> str:
        """Return the timeline as a Markdown progress report."""
        from inspectkit.render.markdown import timeline_to_markdown

        return timeline_to_markdown(self)

    def to_text(self, *, width: int | None = None) -> str:
        """Return the report as plain text for a terminal, wrapped at *width* if given."""
        from inspectkit.render.text import timeline_to_text

        return timeline_to_text(self, width=width)

    def to_html(self, *, fragment: bool = False) -> str:
        """Return the timeline as a standalone HTML page, or a ``<div>`` with *fragment*.

        Every string from the framework or the evidence is escaped.
        """
        from inspectkit.render.html import timeline_to_html

        return timeline_to_html(self, fragment=fragment)

    def to_records(self) -> list[dict[str, Any]]:
        """Return one flat record per assessment and result, and per finding."""
        from inspectkit.render._data import timeline_to_records

        return timeline_to_records(self)

    def _repr_markdown_(self) -> str:
        """Show the timeline as Markdown in front ends that prefer it."""
        return self.to_markdown()


def _result_or_none(assessment: Assessment, result_id: str) -> Grade | None:
    if result_id == OVERALL:
        return assessment.grade
    if result_id in assessment.judgements:
        return assessment.judgements[result_id].grade
    if result_id in assessment.criteria:
        return assessment.criteria[result_id].grade
    return None


def framework_changes(before: Framework, after: Framework) -> tuple[FrameworkChange, ...]:
    """Return what changed from framework *before* to *after* (empty for the same version)."""
    if before == after:
        return ()
    changes: list[FrameworkChange] = []
    old = {criterion.id: criterion for criterion in before.criteria()}
    new = {criterion.id: criterion for criterion in after.criteria()}
    for cid in new.keys() - old.keys():
        changes.append(FrameworkChange("criterion_added", cid, f"criterion {cid!r} was added"))
    for cid in old.keys() - new.keys():
        changes.append(FrameworkChange("criterion_removed", cid, f"criterion {cid!r} was removed"))
    for cid in old.keys() & new.keys():
        before_values = {t.grade: t.value for t in old[cid].thresholds}
        after_values = {t.grade: t.value for t in new[cid].thresholds}
        if before_values != after_values or old[cid].direction != new[cid].direction:
            changes.append(
                FrameworkChange(
                    "threshold_changed",
                    cid,
                    f"thresholds of {cid!r} changed from {_thresholds(before_values)} "
                    f"to {_thresholds(after_values)}",
                )
            )
    old_j = {j.id: j for j in before.judgements}
    new_j = {j.id: j for j in after.judgements}
    for jid in new_j.keys() - old_j.keys():
        changes.append(FrameworkChange("judgement_added", jid, f"judgement {jid!r} was added"))
    for jid in old_j.keys() - new_j.keys():
        changes.append(FrameworkChange("judgement_removed", jid, f"judgement {jid!r} was removed"))
    for jid in old_j.keys() & new_j.keys():
        if old_j[jid].aggregation != new_j[jid].aggregation:
            changes.append(
                FrameworkChange(
                    "aggregation_changed", jid, f"how {jid!r} combines its criteria changed"
                )
            )
    if before.overall != after.overall:
        changes.append(FrameworkChange("aggregation_changed", OVERALL, "the overall rule changed"))
    old_c = {cap.id: cap for cap in before.caps}
    new_c = {cap.id: cap for cap in after.caps}
    for cap_id in new_c.keys() - old_c.keys():
        changes.append(FrameworkChange("cap_added", cap_id, f"cap {cap_id!r} was added"))
    for cap_id in old_c.keys() - new_c.keys():
        changes.append(FrameworkChange("cap_removed", cap_id, f"cap {cap_id!r} was removed"))
    for cap_id in old_c.keys() & new_c.keys():
        if old_c[cap_id] != new_c[cap_id]:
            changes.append(FrameworkChange("cap_changed", cap_id, f"cap {cap_id!r} changed"))
    return tuple(sorted(changes, key=lambda change: (change.kind, change.id)))


def declared_changes(before: Framework, after: Framework) -> tuple[FrameworkChangeRecord, ...]:
    """Return the ``[[changes]]`` the successor of *before* and *after* records, if either is.

    The successor is the framework that ``extends`` the other (its `Framework.lineage` names
    the other's id), or the later version of the same id; its changes say what it changed from
    the one it extends, whichever way round the two are compared. Frameworks that are equal,
    or not one's successor of the other, have none to list.
    """
    if before == after:
        return ()
    if after.id == before.id or before.id in after.lineage:
        return after.changes
    if after.id in before.lineage:
        return before.changes
    return ()


def _thresholds(values: Mapping[str, float]) -> str:
    if not values:
        return "none"
    return ", ".join(f"{grade} {value:g}" for grade, value in values.items())
