"""The result of an assessment: grades with their range, coverage and the reasons behind them.

`inspectkit.assess` returns an `Assessment`. It is immutable and holds everything a report
needs: the overall grade, each judgement's grade, each criterion's grade with the value and
threshold that produced it, the caps that fired, the range of grades the evidence allows, and a
plain-words reason for every grade.

Grades in results are `inspectkit.grades.Grade` objects from the framework's scale, so
``result.grade.label`` reads well and ``result.grade.better_than(other)`` compares.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from inspectkit._output import NotebookOutput
from inspectkit.errors import UnknownIdError
from inspectkit.evidence import Entry, Evidence
from inspectkit.grades import Grade
from inspectkit.rubric import OVERALL, Cap, Framework, MissingPolicy, Threshold

if TYPE_CHECKING:
    from inspectkit.gaps import Gap, WhatIf

__all__ = [
    "Assessment",
    "Change",
    "CriterionResult",
    "FiredCap",
    "JudgementResult",
    "LiftPlan",
    "Status",
]


class Status(str, enum.Enum):
    """What kind of evidence a criterion was graded from."""

    EXACT = "exact"
    """An exact value: the criterion's range is a single grade."""
    INTERVAL = "interval"
    """An interval (a quantifier word): the range may span grades."""
    ABSENT = "absent"
    """No evidence: graded by the missing-evidence policy; the range spans the whole scale."""
    NOT_APPLICABLE = "not_applicable"
    """Does not apply to the unit: left out of aggregation and coverage, and reported."""


def _frozen_map(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return types.MappingProxyType(dict(value))


@attrs.frozen
class CriterionResult:
    """How one criterion was graded.

    Attributes:
        id: The criterion id.
        judgement: The id of the judgement it belongs to.
        status: The kind of evidence it was graded from (`Status`).
        grade: The predicted grade; ``None`` when the criterion is not applicable or its absent
            evidence is excluded.
        best: The best grade the evidence allows (``None`` when not applicable).
        worst: The worst grade the evidence allows (``None`` when not applicable).
        entry: The evidence, where there is any.
        threshold: The threshold the value reached, for proportions and quantities graded
            above the worst grade.
        reason: Why the criterion has its grade, in plain words.
    """

    id: str
    judgement: str
    status: Status
    grade: Grade | None
    best: Grade | None
    worst: Grade | None
    entry: Entry | None
    threshold: Threshold | None
    reason: str

    def __repr__(self) -> str:
        grade = self.grade.id if self.grade else None
        return f"<CriterionResult {self.id!r} grade={grade!r} status={self.status.value!r}>"


@attrs.frozen
class FiredCap:
    """A cap that limited a grade.

    Attributes:
        cap: The cap as the framework declares it.
        trigger: The grade of the criterion or judgement the cap watches.
        before: The grade the limited judgement (or overall) had before the cap.
        reason: What happened, in plain words.
    """

    cap: Cap
    trigger: Grade
    before: Grade
    reason: str


@attrs.frozen
class JudgementResult:
    """How one judgement, or the overall grade, was reached.

    Attributes:
        id: The judgement id, or ``overall``.
        title: The judgement's title.
        grade: The predicted grade, after caps; ``None`` when no member could be graded.
        best: The best grade the evidence allows.
        worst: The worst grade the evidence allows.
        uncapped: The grade before caps were applied.
        coverage: The weighted share of its criteria that have evidence (not-applicable
            criteria are left out of the share).
        caps: The caps that limited the grade, in the order applied.
        members: The ids of the criteria (or, for the overall grade, the judgements) combined.
        reason: Why the judgement has its grade, in plain words.
        assumed: Member id -> the grade assumed for it: a member with no grade, in a ``rules``
            aggregation, is assumed in line with the others (at the worst graded member's
            grade) rather than counted as meeting the rules' conditions.
    """

    id: str
    title: str
    grade: Grade | None
    best: Grade | None
    worst: Grade | None
    uncapped: Grade | None
    coverage: float
    caps: tuple[FiredCap, ...]
    members: tuple[str, ...]
    reason: str
    assumed: Mapping[str, Grade] = attrs.field(factory=dict, converter=_frozen_map, hash=False)

    def __repr__(self) -> str:
        grade = self.grade.id if self.grade else None
        return f"<JudgementResult {self.id!r} grade={grade!r} caps={len(self.caps)}>"


@attrs.frozen
class Assessment(NotebookOutput):
    """A predicted inspection outcome for one unit.

    Attributes:
        framework: The framework assessed against.
        evidence: The evidence assessed.
        missing: The missing-evidence policy that was applied.
        overall: The overall grade, as a `JudgementResult` with id ``overall``.
        judgements: Judgement id -> `JudgementResult`, in framework order.
        criteria: Criterion id -> `CriterionResult`, in framework order.
        coverage: The weighted share of all criteria that have evidence.
    """

    framework: Framework
    evidence: Evidence
    missing: MissingPolicy
    overall: JudgementResult
    judgements: Mapping[str, JudgementResult] = attrs.field(converter=_frozen_map, hash=False)
    criteria: Mapping[str, CriterionResult] = attrs.field(converter=_frozen_map, hash=False)
    coverage: float

    def __repr__(self) -> str:
        grade = self.overall.grade.id if self.overall.grade else None
        return (
            f"<Assessment unit={self.evidence.unit!r} overall={grade!r} "
            f"coverage={self.coverage:.0%}>"
        )

    @property
    def grade(self) -> Grade | None:
        """The predicted overall grade (a shortcut for ``assessment.overall.grade``)."""
        return self.overall.grade

    def result(self, result_id: str) -> JudgementResult | CriterionResult:
        """Return the result for a judgement id, a criterion id or ``overall``."""
        if result_id == OVERALL:
            return self.overall
        if result_id in self.judgements:
            return self.judgements[result_id]
        if result_id in self.criteria:
            return self.criteria[result_id]
        raise UnknownIdError(
            f"framework {self.framework.id!r} has no judgement or criterion {result_id!r}"
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the assessment as plain JSON-able data, with a ``schema_version``.

        The same assessment always gives the same data: keys are sorted when written as JSON,
        judgements and criteria keep the framework's order.
        """
        from inspectkit.render._data import assessment_to_dict

        return assessment_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the assessment as JSON: deterministic, keys sorted, byte-identical per input."""
        from inspectkit.render._data import assessment_to_dict, to_json

        return to_json(assessment_to_dict(self), indent=indent)

    def gaps(
        self, target: Grade | str | int | None = None, *, judgement: str | None = None
    ) -> tuple[Gap, ...]:
        """Return the criteria below what *target* needs, most urgent first.

        See `inspectkit.gaps.find_gaps` for what counts as a gap and how gaps are ranked.

        Args:
            target: The grade to reach (a `Grade`, id, label, alias or position); by default
                the grade one better than the predicted grade.
            judgement: Measure against this judgement's grade instead of the overall grade.
        """
        from inspectkit.gaps import find_gaps

        return find_gaps(self, target, judgement=judgement)

    def lift_plan(
        self,
        target: Grade | str | int | None = None,
        *,
        judgement: str | None = None,
        fixed: tuple[str, ...] | list[str] = (),
    ) -> LiftPlan:
        """Return the smallest set of criterion changes that lifts the grade to *target*.

        See `inspectkit.gaps.find_lift_plan`.

        Args:
            target: The grade to reach; by default the grade one better than the predicted one.
            judgement: Lift this judgement rather than the overall grade.
            fixed: Ids of criteria that must not change.
        """
        from inspectkit.gaps import find_lift_plan

        return find_lift_plan(self, target, judgement=judgement, fixed=fixed)

    def what_if(
        self, changes: Mapping[str, Any], *, target: Grade | str | int | None = None
    ) -> WhatIf:
        """Re-score with some evidence replaced and report what moved.

        Args:
            changes: Criterion id -> an `inspectkit.Entry`, a raw value as an evidence file
                would give it (``"72%"``, ``True``, ``"good"``), or ``None`` to remove it.
            target: The grade gaps are measured against (default: one better than now).
        """
        from inspectkit.gaps import assessment_what_if

        return assessment_what_if(self, changes, target=target)

    def fired_caps(self) -> tuple[FiredCap, ...]:
        """Every cap that fired, judgements first, then the overall grade."""
        fired = [cap for result in self.judgements.values() for cap in result.caps]
        return (*fired, *self.overall.caps)

    def to_markdown(self) -> str:
        """Return the assessment as a Markdown inspection report (see `inspectkit.render`)."""
        from inspectkit.render.markdown import render_markdown

        return render_markdown(self)

    def to_html(self, *, fragment: bool = False) -> str:
        """Return the assessment as a standalone HTML page (a ``<div>`` with *fragment*)."""
        from inspectkit.render.html import render_html

        return render_html(self, fragment=fragment)

    def to_text(self, *, color: bool = False) -> str:
        """Return the assessment as plain text for a terminal."""
        from inspectkit.render.text import render_text

        return render_text(self, color=color)

    def to_records(self) -> list[dict[str, Any]]:
        """Return one flat row (a dict) per criterion, for tables and DataFrames."""
        from inspectkit.render._data import assessment_records

        return assessment_records(self)

    def to_csv(self) -> str:
        """Return `to_records` as CSV text, deterministically formatted."""
        from inspectkit.render._data import RECORD_FIELDS, assessment_records, records_to_csv

        return records_to_csv(assessment_records(self), RECORD_FIELDS)

    def to_dataframe(self) -> Any:
        """Return `to_records` as a pandas DataFrame (needs ``inspectkit[pandas]``)."""
        from inspectkit.render._data import (
            RECORD_FIELDS,
            assessment_records,
            records_to_dataframe,
        )

        return records_to_dataframe(assessment_records(self), RECORD_FIELDS)

    def _repr_markdown_(self) -> str:
        """Show the report as Markdown in front ends that prefer it."""
        return self.to_markdown()


# The lift plan (built by `inspectkit.scoring.lift_plan`).


@attrs.frozen
class Change:
    """One criterion change in a lift plan.

    Attributes:
        criterion: The criterion id.
        judgement: The id of the judgement it belongs to.
        before: Its grade now (``None`` where absent evidence is excluded).
        after: The grade the plan raises it to: the lowest that suffices.
        steps: How many grades it rises (from the worst grade where it has none).
        effort: The criterion's declared effort per grade step.
        value: A value that earns *after*: the threshold for a number, ``True`` for a check,
            the grade id for a rating.
        entry: The evidence entry the plan was verified with.
    """

    criterion: str
    judgement: str
    before: Grade | None
    after: Grade
    steps: int
    effort: float
    value: float | bool | str
    entry: Entry

    @property
    def cost(self) -> float:
        """The change's effort: grade steps times the criterion's effort."""
        return self.steps * self.effort

    def __repr__(self) -> str:
        before = self.before.id if self.before else None
        return f"<Change {self.criterion!r} {before!r}->{self.after.id!r}>"


@attrs.frozen
class LiftPlan:
    """The smallest set of criterion changes after which a grade reaches a target.

    Attributes:
        target: The grade aimed for.
        scope: ``overall`` or the id of the judgement the plan lifts.
        before: The scope's grade now.
        after: The scope's grade once the plan is applied, as verified by re-scoring
            (``None`` when the target cannot be reached).
        reachable: Whether the target can be reached at all.
        changes: The changes, in framework order; empty when the target is already met.
        fixed: The criteria the caller held fixed.
        minimal: Whether the plan is proven to have the fewest changes (always, except on
            frameworks so large and flat that the search stopped at its budget).
        reason: A sentence saying what the plan does, or why the target cannot be reached.
        result: The assessment with the plan applied (``None`` when unreachable).
    """

    target: Grade
    scope: str
    before: Grade | None
    after: Grade | None
    reachable: bool
    changes: tuple[Change, ...]
    fixed: tuple[str, ...]
    minimal: bool
    reason: str
    result: Assessment | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def steps(self) -> int:
        """The total number of grade steps the plan asks for."""
        return sum(change.steps for change in self.changes)

    @property
    def cost(self) -> float:
        """The plan's total effort: steps weighted by each criterion's effort."""
        return sum(change.cost for change in self.changes)

    @property
    def criteria(self) -> tuple[str, ...]:
        """The ids of the criteria the plan changes."""
        return tuple(change.criterion for change in self.changes)

    def entries(self) -> dict[str, Entry]:
        """Return criterion id -> the entry that applies the change (for `Evidence.replace`)."""
        return {change.criterion: change.entry for change in self.changes}

    def __len__(self) -> int:
        return len(self.changes)

    def __repr__(self) -> str:
        state = "reachable" if self.reachable else "unreachable"
        return (
            f"<LiftPlan {self.scope!r} target={self.target.id!r} {state} "
            f"changes={list(self.criteria)!r}>"
        )
