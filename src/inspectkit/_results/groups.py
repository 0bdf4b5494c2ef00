"""The result of assessing a group of units together.

`GroupAssessment` with its `GroupGrade` and `Inconsistency`, built by `inspectkit.groups`.
Read them from `inspectkit.results`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import attrs

from inspectkit._output import RecordOutput
from inspectkit._repr import attrs_repr  # repr read from the fields, not compiled per class
from inspectkit._words import grade_label
from inspectkit.errors import UnknownIdError
from inspectkit.evidence import Finding
from inspectkit.grades import Grade
from inspectkit.results import Assessment, Gap, LiftPlan, StatusResult, _frozen_map
from inspectkit.rubric import OVERALL, Framework, GroupMethod, GroupRule, MissingPolicy

__all__ = ["GroupAssessment", "GroupGrade", "Inconsistency"]


@attrs.frozen
class GroupGrade:
    """The group's grade for one judgement, criterion or the overall grade.

    Attributes:
        id: The judgement id, criterion id, or ``overall``.
        title: Its title.
        grade: The group's grade; ``None`` when no member could be graded.
        best: The best grade the members' evidence allows the group.
        worst: The worst grade the members' evidence allows the group.
        members: Member unit -> that member's grade (``None`` where it has none), by unit.
        holding_down: The members that hold the group grade down: graded worse than the best
            member, and no better than the group.
        reason: Why the group has its grade, in plain words.
    """

    id: str
    title: str
    grade: Grade | None
    best: Grade | None
    worst: Grade | None
    members: Mapping[str, Grade | None] = attrs.field(converter=_frozen_map, hash=False)
    holding_down: tuple[str, ...]
    reason: str

    def __repr__(self) -> str:
        grade = self.grade.id if self.grade else None
        return f"<GroupGrade {self.id!r} grade={grade!r} holding_down={list(self.holding_down)!r}>"


@attrs.frozen
class Inconsistency:
    """Members that differ by more than the framework's spread allows.

    Attributes:
        id: The judgement id, criterion id or ``overall`` the members differ on.
        kind: ``grade`` (members' grades differ) or ``value`` (a criterion's values differ).
        spread: How far apart the members are: grades apart, or the difference in values.
        allowed: The largest spread the framework allows.
        low: The members at the weak end.
        high: The members at the strong end.
        reason: What differs, in plain words.
    """

    __repr__ = attrs_repr

    id: str
    kind: str
    spread: float
    allowed: float
    low: tuple[str, ...]
    high: tuple[str, ...]
    reason: str


@attrs.frozen
class GroupAssessment(RecordOutput):
    """A predicted inspection outcome for a group of units inspected together.

    Attributes:
        framework: The framework assessed against.
        unit: The group's name.
        date: The date the group's evidence describes, if known.
        rule: The group rule applied, with its provenance.
        missing: The missing-evidence policy applied to every member.
        members: Member unit -> the member's own `Assessment`, ordered by unit.
        overall: The group's overall grade.
        judgements: Judgement id -> the group's grade, in framework order.
        criteria: Criterion id -> the group's grade, in framework order.
        coverage: The group's coverage: the pooled evidence's for ``pooled``, otherwise the
            least-evidenced member's.
        inconsistencies: Where members differ more than the framework's spread allows.
        assessment: For ``pooled``, the assessment of the pooled evidence; otherwise ``None``.
        pooled: For ``pooled``, the criteria pooled from summed counts.
        weakest_evidence: For ``pooled``, criterion id -> the member whose evidence stands for
            the group because the criterion's evidence cannot be summed and members differ.
        statuses: Status id -> `StatusResult`, the framework's derived statuses evaluated on
            the group's grades (point, best and worst), in framework order; each member's own
            are in its assessment.
    """

    framework: Framework
    unit: str
    date: datetime.date | None
    rule: GroupRule
    missing: MissingPolicy
    members: Mapping[str, Assessment] = attrs.field(converter=_frozen_map, hash=False)
    overall: GroupGrade
    judgements: Mapping[str, GroupGrade] = attrs.field(converter=_frozen_map, hash=False)
    criteria: Mapping[str, GroupGrade] = attrs.field(converter=_frozen_map, hash=False)
    coverage: float
    inconsistencies: tuple[Inconsistency, ...]
    assessment: Assessment | None = None
    pooled: tuple[str, ...] = ()
    weakest_evidence: Mapping[str, str] = attrs.field(
        factory=dict, converter=_frozen_map, hash=False
    )
    statuses: Mapping[str, StatusResult] = attrs.field(
        factory=dict, converter=_frozen_map, hash=False
    )

    def __repr__(self) -> str:
        grade = self.overall.grade.id if self.overall.grade else None
        return (
            f"<GroupAssessment unit={self.unit!r} rule={self.rule.rule.value!r} "
            f"overall={grade!r} members={len(self.members)}>"
        )

    def findings_for(self, judgement_id: str) -> tuple[Finding, ...]:
        """The members' findings filed under *judgement_id*, pooled: each distinct one once."""
        found = dict.fromkeys(
            finding
            for member in self.members.values()
            for finding in member.evidence.findings_for(judgement_id)
        )
        return tuple(found)

    @property
    def grade(self) -> Grade | None:
        """The group's overall grade (a shortcut for ``group.overall.grade``)."""
        return self.overall.grade

    def result(self, result_id: str) -> GroupGrade:
        """Return the group's grade for a judgement id, a criterion id or ``overall``."""
        if result_id == OVERALL:
            return self.overall
        if result_id in self.judgements:
            return self.judgements[result_id]
        if result_id in self.criteria:
            return self.criteria[result_id]
        raise UnknownIdError(
            f"framework {self.framework.id!r} has no judgement or criterion {result_id!r}"
        )

    def holding_down(self) -> tuple[str, ...]:
        """Return every member that holds down the overall grade or any judgement, by unit."""
        names = set(self.overall.holding_down)
        for result in self.judgements.values():
            names.update(result.holding_down)
        return tuple(sorted(names))

    def gaps(self, target: str | Grade | None = None) -> dict[str, tuple[Gap, ...]]:
        """Return the group's gaps, by unit.

        For ``pooled``, the gaps of the pooled assessment under the group's name. For
        ``weakest`` and ``best_fit`` the group has no evidence of its own: its gaps are the
        gaps of the members that hold it down (see `holding_down`), each under its unit.

        Args:
            target: The grade to reach; as for `inspectkit.Assessment.gaps`.
        """
        if self.assessment is not None:
            return {self.unit: self.assessment.gaps(target)}
        return {name: self.members[name].gaps(target) for name in self.holding_down()}

    def lift_plan(self, target: str | Grade) -> dict[str, LiftPlan]:
        """Return lift plans that raise the group to *target*, by unit.

        For ``pooled``, the pooled assessment's lift plan under the group's name. For
        ``weakest``, every member below *target* overall needs its own plan, since one weak
        member holds the group down. For ``best_fit``, the members below *target* that hold
        the group down. A ``weakest`` or ``best_fit`` group already at *target* needs no member
        lifted: its one plan, under the group's name, has no changes (reachable, already met),
        as a unit's does.
        """
        goal = self.framework.grade(target) if isinstance(target, str) else target
        if self.assessment is not None:
            return {self.unit: self.assessment.lift_plan(goal.id)}
        if self.grade is not None and self.grade.at_least(goal):
            # Members may still hold a judgement down (best_fit), but the group is there.
            met = LiftPlan(
                target=goal,
                scope=OVERALL,
                before=self.grade,
                after=self.grade,
                reachable=True,
                changes=(),
                fixed=(),
                minimal=True,
                reason=f"{self.framework.overall_title} is already {grade_label(self.grade)}",
            )
            return {self.unit: met}
        if self.rule.rule is GroupMethod.WEAKEST:
            names = [
                name
                for name, member in self.members.items()
                if member.grade is None or not member.grade.at_least(goal)
            ]
        else:
            names = [
                name
                for name in self.holding_down()
                if (grade := self.members[name].grade) is None or not grade.at_least(goal)
            ]
        return {name: self.members[name].lift_plan(goal.id) for name in names}

    def to_dict(self) -> dict[str, Any]:
        """Return the group result as plain JSON-ready data, with a ``schema_version``."""
        from inspectkit.render._data import group_to_dict

        return group_to_dict(self)

    def to_markdown(self) -> str:
        """Return the group report as Markdown."""
        from inspectkit.render.markdown import group_to_markdown

        return group_to_markdown(self)

    def to_text(self, *, width: int | None = None) -> str:
        """Return the report as plain text for a terminal, wrapped at *width* if given."""
        from inspectkit.render.text import group_to_text

        return group_to_text(self, width=width)

    def to_html(self, *, fragment: bool = False) -> str:
        """Return the group report as a standalone HTML page, or a ``<div>`` with *fragment*.

        Every string from the framework or the evidence is escaped.
        """
        from inspectkit.render.html import group_to_html

        return group_to_html(self, fragment=fragment)

    def to_records(self) -> list[dict[str, Any]]:
        """Return one flat record per member and result, then one per member and finding."""
        from inspectkit.render._data import group_to_records

        return group_to_records(self)

    def _repr_markdown_(self) -> str:
        """Show the group report as Markdown in front ends that prefer it."""
        return self.to_markdown()
