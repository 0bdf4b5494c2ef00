"""Every result model: what assessments, gaps, lift plans, what-ifs, groups and comparisons return.

`inspectkit.assess` returns an `Assessment`. It is immutable and holds everything a report
needs: the overall grade, each judgement's grade, each criterion's grade with the value and
threshold that produced it, the caps that fired, the range of grades the evidence allows, and a
plain-words reason for every grade. The use cases built on it return the other models here:
`Gap`, `LiftPlan` and `Change` (`inspectkit.gaps`), `WhatIf` (`inspectkit.scenarios`),
`GroupAssessment` with `GroupGrade` and `Inconsistency` (`inspectkit.groups`), and `Comparison`
and `Timeline` with `Movement` and `FrameworkChange` (`inspectkit.progress`), and `AssessmentTable`
(`inspectkit.batch`). A what-if and a comparison describe a grade's move with the same
`Movement`.

Grades in results are `inspectkit.grades.Grade` objects from the framework's scale, so
``result.grade.label`` reads well and ``result.grade.better_than(other)`` compares.

Why results sit below loading and scoring: the engine and the use cases build these models,
so nothing here imports them. Two kinds of method reach up, lazily and on purpose: the output
facades (``to_html``, ``to_json``... import the renderer for their format) and the use-case
facades on `Assessment` (``gaps``, ``lift_plan``, ``what_if``), which import their use case.
"""

from __future__ import annotations

import datetime
import enum
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from inspectkit._output import NotebookOutput, RecordOutput
from inspectkit._words import grade_id, grade_label, numeric
from inspectkit.errors import UnknownIdError
from inspectkit.evidence import Entry, Evidence, Finding, GivenGrade, Value
from inspectkit.grades import Grade
from inspectkit.rubric import (
    OVERALL,
    Cap,
    DerivedStatus,
    FindingLimit,
    FindingsRule,
    FindingSupport,
    Framework,
    GroupMethod,
    GroupRule,
    MissingPolicy,
    StatusLevel,
    Threshold,
)
from inspectkit.rubric import Change as FrameworkChangeRecord

__all__ = [
    "POOLED",
    "Agreement",
    "Assessment",
    "AssessmentTable",
    "Baseline",
    "CalibrationCase",
    "CalibrationReport",
    "Change",
    "Comparison",
    "CriterionResult",
    "FindingGap",
    "FindingsResult",
    "FiredCap",
    "FrameworkChange",
    "Gap",
    "GapList",
    "GroupAssessment",
    "GroupGrade",
    "Inconsistency",
    "JudgementResult",
    "LiftPlan",
    "Miss",
    "Movement",
    "Status",
    "StatusPlan",
    "StatusResult",
    "Timeline",
    "WhatIf",
    "declared_changes",
    "framework_changes",
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


_V = TypeVar("_V")


class LazyMap(Mapping[str, _V]):
    """A read-only mapping whose values are built on first read, then kept.

    Why: an assessment's criterion results, with their reasons in words, cost most of an
    assessment, yet a batch that writes grades, or a what-if search, reads few or none of
    them. The scoring engine computes every grade first and hands the results over as one of
    these, so each criterion's result is written only when something reads it. Reading gives
    the same object every time, so a result read twice is one result.

    *keys* may be a dict whose keys are the map's keys (its values are ignored, and it must
    not change): the engine passes its compiled framework's own index, shared by every
    assessment, rather than building a set of keys for each one.
    """

    __slots__ = ("_build", "_built", "_keys")

    def __init__(
        self, keys: Sequence[str] | Mapping[str, object], build: Callable[[str], _V]
    ) -> None:
        self._keys: Mapping[str, object] = keys if isinstance(keys, dict) else dict.fromkeys(keys)
        self._build = build
        self._built: dict[str, _V] = {}

    def __getitem__(self, key: str) -> _V:
        built = self._built.get(key)
        if built is not None:
            return built
        if key not in self._keys:
            raise KeyError(key)
        value = self._built[key] = self._build(key)
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return f"LazyMap({dict(self.items())!r})"


def _frozen_map(value: Mapping[str, Any]) -> Mapping[str, Any]:
    if isinstance(value, LazyMap):
        return value
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

    def to_markdown(self) -> str:
        """Return the criterion's result as Markdown: its grade (or met / not met) and why."""
        from inspectkit.render.markdown import criterion_result_to_markdown

        return criterion_result_to_markdown(self)

    def to_html(self) -> str:
        """Return the criterion's result as an HTML fragment (every string escaped)."""
        from inspectkit.render.html import criterion_result_to_html

        return criterion_result_to_html(self)

    def _repr_html_(self) -> str:
        """Show the criterion's result in notebooks."""
        return self.to_html()

    def _repr_markdown_(self) -> str:
        """Show the criterion's result as Markdown in front ends that prefer it."""
        return self.to_markdown()


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


def _findings_tuple(findings: Any) -> tuple[Finding, ...]:
    return tuple(findings)


@attrs.frozen
class FindingsResult:
    """What a judgement's findings rule did to its grade.

    Attributes:
        rule: The findings rule applied (the judgement's own, or the framework's).
        ceiling: The worst grade a limit that fired allows, or ``None`` when no limit fired.
        limit: The limit that set the ceiling (the first with that grade), if any.
        support: The best grade a support that holds gives, or ``None``.
        supported_by: The support that gave it, if any.
        criteria: The grade the criteria gave before the findings (``None``: none graded, so
            the findings alone graded the judgement, or left it ungraded).
        holds: Whether the limit is what holds the judgement at its grade: lifting the
            criteria alone would not raise it, and the weaknesses are what to address.
        reason: What the findings did, in plain words.
    """

    rule: FindingsRule
    ceiling: Grade | None
    limit: FindingLimit | None
    support: Grade | None
    supported_by: FindingSupport | None
    criteria: Grade | None
    holds: bool
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
        findings: The evidence's findings filed under this judgement, in order (empty for
            the overall grade).
        findings_result: What the framework's findings rule did, or ``None`` when the
            framework has no rule for this judgement (its findings are shown, not scored).
        given: The grade the evidence gave for the judgement directly (``[judgements]``),
            if it did: then *grade*, *best* and *worst* are that grade (or ``None`` for a
            judgement given as not applicable) and the criteria are shown beside it.
        computed: For a given judgement, the grade its criteria evidence would give, if any
            criterion of it has evidence (so a report can say where the two differ).
        absent_text: Why the judgement does not apply to the unit, where the framework says
            (``not graded: no sixth form``): a provision the unit lacks, or a date before the
            judgement was introduced; empty otherwise.
        provision_unstated: The id of the provision the judgement depends on that the
            evidence does not state (the judgement is graded as usual); empty otherwise.
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
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_findings_tuple)
    findings_result: FindingsResult | None = None
    given: GivenGrade | None = None
    computed: Grade | None = None
    absent_text: str = ""
    provision_unstated: str = ""

    @property
    def applies(self) -> bool:
        """Whether the judgement applies to the unit (not given as, or found, not applicable)."""
        return not self.absent_text and (self.given is None or self.given.applies)

    def __repr__(self) -> str:
        grade = self.grade.id if self.grade else None
        return f"<JudgementResult {self.id!r} grade={grade!r} caps={len(self.caps)}>"

    def to_markdown(self) -> str:
        """Return the judgement as Markdown: grade, range, coverage, reason, caps, findings."""
        from inspectkit.render.markdown import judgement_to_markdown

        return judgement_to_markdown(self)

    def to_html(self) -> str:
        """Return the judgement as an HTML fragment (every string escaped)."""
        from inspectkit.render.html import judgement_to_html

        return judgement_to_html(self)

    def _repr_html_(self) -> str:
        """Show the judgement in notebooks."""
        return self.to_html()

    def _repr_markdown_(self) -> str:
        """Show the judgement as Markdown in front ends that prefer it."""
        return self.to_markdown()

    @property
    def strengths(self) -> tuple[Finding, ...]:
        """The judgement's strengths, in order."""
        return tuple(finding for finding in self.findings if finding.is_strength)

    @property
    def weaknesses(self) -> tuple[Finding, ...]:
        """The judgement's weaknesses, in order."""
        return tuple(finding for finding in self.findings if finding.is_weakness)


@attrs.frozen
class StatusResult:
    """A derived status (such as a category of concern) evaluated for one assessment.

    Levels are the status's own, least severe first; ``None`` is no level (the status's
    ``none_label``). The status is evaluated on the point, best and worst predictions.

    Attributes:
        status: The status as the framework declares it.
        level: The level on the point prediction.
        best: The least severe level the evidence allows (on the best grades).
        worst: The most severe level the evidence allows (on the worst grades).
    """

    status: DerivedStatus
    level: StatusLevel | None
    best: StatusLevel | None
    worst: StatusLevel | None

    @property
    def id(self) -> str:
        """The status's id."""
        return self.status.id

    @property
    def label(self) -> str:
        """The point level's label, or the status's ``none_label``."""
        return self.level_label(self.level)

    def level_label(self, level: StatusLevel | None) -> str:
        """Return *level*'s label, or the status's ``none_label`` for no level."""
        return self.status.none_label if level is None else level.label

    def severity(self, level: StatusLevel | None) -> int:
        """Return *level*'s position from 1 (least severe); 0 for no level."""
        return 0 if level is None else self.status.levels.index(level) + 1

    def reaches(self, level_id: str | None = None) -> bool:
        """Whether the point level is *level_id* or more severe (default: any level)."""
        if self.level is None:
            return False
        if level_id is None:
            return True
        return self.severity(self.level) >= self.severity(self.status.level(level_id))

    @property
    def text(self) -> str:
        """The status in words, with what the missing evidence could make it."""
        text = self.label
        others = [
            self.level_label(level) for level in (self.best, self.worst) if level is not self.level
        ]
        if others:
            text += " (could be " + " or ".join(dict.fromkeys(others)) + ")"
        return text


@attrs.frozen
class StatusPlan:
    """The smallest set of criterion changes after which a derived status is none.

    "None" is judged on the **worst** prediction: after the changes, no evidence still
    missing could put the unit in the status.

    Attributes:
        status: The status to leave.
        before: The status's worst-case level now.
        reachable: Whether any allowed changes take the unit out of the status.
        changes: The changes, in framework order (`Change`); empty when already out.
        fixed: The criteria the caller held fixed.
        minimal: Whether the plan is proven to have the fewest changes.
        reason: A sentence saying what the plan does, or why it cannot be done.
        result: The assessment with the plan applied (``None`` when unreachable).
    """

    status: DerivedStatus
    before: StatusLevel | None
    reachable: bool
    changes: tuple[Change, ...]
    fixed: tuple[str, ...]
    minimal: bool
    reason: str
    result: Assessment | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def criteria(self) -> tuple[str, ...]:
        """The ids of the criteria the plan changes."""
        return tuple(change.criterion for change in self.changes)


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
        statuses: Status id -> `StatusResult`, for the framework's derived statuses, in
            framework order.
    """

    framework: Framework
    evidence: Evidence
    missing: MissingPolicy
    overall: JudgementResult
    judgements: Mapping[str, JudgementResult] = attrs.field(converter=_frozen_map, hash=False)
    criteria: Mapping[str, CriterionResult] = attrs.field(converter=_frozen_map, hash=False)
    coverage: float
    statuses: Mapping[str, StatusResult] = attrs.field(
        factory=dict, converter=_frozen_map, hash=False
    )

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

    def to_dict(self, *, target: Grade | str | int | None = None) -> dict[str, Any]:
        """Return the assessment as plain JSON-able data, with a ``schema_version``.

        The same assessment always gives the same data: keys are sorted when written as JSON,
        judgements and criteria keep the framework's order.

        Args:
            target: Add a ``target`` key: the ranked gaps to this grade and the lift plan.
        """
        from inspectkit.render._data import assessment_to_dict

        return assessment_to_dict(self, target=target)

    def to_json(self, *, indent: int | None = 2, target: Grade | str | int | None = None) -> str:
        """Return the assessment as JSON: deterministic, keys sorted, byte-identical per input.

        Args:
            indent: Spaces per level, or ``None`` for one line.
            target: Add the ranked gaps to this grade and the lift plan (see `to_dict`).
        """
        from inspectkit.render._data import assessment_to_dict, to_json

        return to_json(assessment_to_dict(self, target=target), indent=indent)

    def gaps(
        self, target: Grade | str | int | None = None, *, judgement: str | None = None
    ) -> GapList:
        """Return the criteria below what *target* needs, most urgent first.

        See `inspectkit.gaps.find_gaps` for what counts as a gap and how gaps are ranked.

        Args:
            target: The grade to reach (a `Grade`, id, label, alias or position). By default
                the grade one better than the grade measured: the overall grade or, where the
                framework has no overall grade, its weakest judgement on the framework's scale;
                with *judgement*, that judgement's grade on its own scale (safeguarding's met /
                not met). An ungraded unit aims at the worst grade (first, enough evidence to
                be graded) and one at the top aims at the top grade (what keeps it there).
            judgement: Measure against this judgement's grade instead of the overall grade.
        """
        from inspectkit.gaps import find_gaps

        return find_gaps(self, target, judgement=judgement)

    def finding_gaps(
        self, target: Grade | str | int | None = None, *, judgement: str | None = None
    ) -> tuple[FindingGap, ...]:
        """Return the weaknesses of judgements below *target*, blocking ones first.

        See `inspectkit.gaps.find_finding_gaps`.
        """
        from inspectkit.gaps import find_finding_gaps

        return find_finding_gaps(self, target, judgement=judgement)

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

    def leave_status_plan(
        self, status: str, *, fixed: tuple[str, ...] | list[str] = ()
    ) -> StatusPlan:
        """Return the smallest set of criterion changes after which *status* is none.

        See `inspectkit.gaps.find_leave_status_plan`.

        Args:
            status: The id of a derived status of the framework (``category_of_concern``).
            fixed: Ids of criteria that must not change.
        """
        from inspectkit.gaps import find_leave_status_plan

        return find_leave_status_plan(self, status, fixed=fixed)

    def what_if(
        self,
        changes: Mapping[str, Any],
        *,
        target: Grade | str | int | None = None,
        add_findings: Any = (),
        remove_findings: Any = (),
    ) -> WhatIf:
        """Re-score with some evidence replaced (and findings added or removed); say what moved.

        Args:
            changes: Criterion id -> an `inspectkit.Entry`, a raw value as an evidence file
                would give it (``"72%"``, ``True``, ``"good"``), or ``None`` to remove it.
            target: The grade gaps are measured against (default: one better than now).
            add_findings: Findings to add (`Finding` objects or ``[[findings]]`` mappings).
            remove_findings: Findings of the evidence to remove.
        """
        from inspectkit.scenarios import assessment_what_if

        return assessment_what_if(
            self,
            changes,
            target=target,
            add_findings=add_findings,
            remove_findings=remove_findings,
        )

    def to_collect(self) -> tuple[CriterionResult, ...]:
        """The criteria with no evidence that could still change a grade, in framework order.

        A criterion of a judgement whose grade the evidence gives directly is left out: the
        given grade is final, so its evidence is welcome but moves nothing.
        """
        return tuple(
            result
            for result in self.criteria.values()
            if result.status is Status.ABSENT and self.judgements[result.judgement].given is None
        )

    def fired_caps(self) -> tuple[FiredCap, ...]:
        """Every cap that fired, judgements first, then the overall grade."""
        fired = [cap for result in self.judgements.values() for cap in result.caps]
        return (*fired, *self.overall.caps)

    def to_markdown(self, *, target: Grade | str | int | None = None) -> str:
        """Return the assessment as a Markdown inspection report (see `inspectkit.render`).

        Args:
            target: Add the ranked gaps to this grade and the lift plan to it.
        """
        from inspectkit.render.markdown import render_markdown

        return render_markdown(self, target=target)

    def to_html(self, *, fragment: bool = False, target: Grade | str | int | None = None) -> str:
        """Return the assessment as a standalone HTML page (a ``<div>`` with *fragment*).

        Args:
            fragment: Return a ``<div>`` with a scoped style instead of a whole page.
            target: Add the ranked gaps to this grade and the lift plan to it.
        """
        from inspectkit.render.html import render_html

        return render_html(self, fragment=fragment, target=target)

    def to_text(
        self,
        *,
        color: bool = False,
        target: Grade | str | int | None = None,
        width: int | None = None,
    ) -> str:
        """Return the assessment as plain text for a terminal.

        Args:
            color: Colour the grade words (ANSI).
            target: Add the ranked gaps to this grade and the lift plan to it.
            width: Wrap lines to this many characters (``None``: no wrapping).
        """
        from inspectkit.render.text import render_text

        return render_text(self, color=color, target=target, width=width)

    def to_records(self, *, target: Grade | str | int | None = None) -> list[dict[str, Any]]:
        """Return one flat row (a dict) per criterion, for tables and DataFrames.

        Args:
            target: Add the `inspectkit.render._data.TARGET_FIELDS` columns for this grade.
        """
        from inspectkit.render._data import assessment_records

        return assessment_records(self, target=target)

    def to_csv(
        self, *, keep_formulas: bool = False, target: Grade | str | int | None = None
    ) -> str:
        """Return `to_records` as CSV text, deterministically formatted.

        Text cells a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR
        first) get a leading ``'``; *keep_formulas* writes them exactly. A *target* adds the
        gap and lift-plan columns.
        """
        from inspectkit.render._data import assessment_records, record_fields_for, records_to_csv

        rows = assessment_records(self, target=target)
        fields = record_fields_for(target=target is not None, framework=self.framework)
        return records_to_csv(rows, fields, keep_formulas=keep_formulas)

    def to_dataframe(self, *, target: Grade | str | int | None = None) -> Any:
        """Return `to_records` as a pandas DataFrame (needs ``inspectkit[pandas]``)."""
        from inspectkit.render._data import (
            assessment_records,
            record_fields_for,
            records_to_dataframe,
        )

        rows = assessment_records(self, target=target)
        fields = record_fields_for(target=target is not None, framework=self.framework)
        return records_to_dataframe(rows, fields, grades=self.framework.scale.ids)

    def _repr_markdown_(self) -> str:
        """Show the report as Markdown in front ends that prefer it."""
        return self.to_markdown()


# -- gaps, lift plans and what-ifs ---------------------------------------------------------


def _entry_map(value: Mapping[str, Entry | None]) -> Mapping[str, Entry | None]:
    return types.MappingProxyType(dict(value))


@attrs.frozen
class FindingGap:
    """A weakness of a judgement below the target grade: something to address.

    Attributes:
        finding: The weakness.
        judgement: The id of the judgement below the target that it is filed under.
        blocking: Whether a findings limit that counts it holds the judgement below the
            target: raising the criteria alone cannot lift the judgement while it stands.
        need: What to do, in words (``"address: Too few priority families come."``).
    """

    finding: Finding
    judgement: str
    blocking: bool
    need: str


@attrs.frozen
class Gap:
    """A criterion below what the target grade needs.

    Attributes:
        criterion: The criterion id.
        title: The criterion's title.
        judgement: The id of the judgement it belongs to.
        grade: Its grade now (``None`` where its absent evidence is excluded).
        value: Its value now (``None`` where the evidence is absent).
        required: The grade it must reach: the lift plan's grade for criteria the plan
            changes, otherwise the lowest grade at or above the target that it can reach.
        need: What is needed, in words (``"58% -> at least 65%: +7 points, about 50 more of
            702"``, ``"meet the check"``, ``"collect evidence: ..."``).
        target_value: The number to reach, ``True`` for a check to meet, or the grade id of
            the rating to earn.
        distance: For numbers, how far the value must move, in the criterion's units
            (proportions as a share: ``0.07`` is 7 points); positive means "this much better".
        more: For proportions given as counts, about how many more the numerator needs.
        of: For proportions given as counts, the denominator.
        absent: Whether the evidence is absent (the first need is to collect it).
        blocking: Whether a cap it triggers holds a judgement or the overall grade below the
            target.
        caps: The ids of the caps it triggers that hold a grade below the target.
        in_plan: Whether the lift plan changes it.
        lifts_judgement: Whether closing this gap alone lifts its judgement's grade.
        lifts_overall: Whether closing this gap alone lifts the overall grade.
        steps: How many grades it must rise.
        actions: The framework's actions that lift the criterion.
        evidence: The framework's guidance on what evidence to collect.
    """

    criterion: str
    title: str
    judgement: str
    grade: Grade | None
    value: Value | None
    required: Grade
    need: str
    target_value: float | bool | str | None
    distance: float | None
    more: int | None
    of: int | None
    absent: bool
    blocking: bool
    caps: tuple[str, ...]
    in_plan: bool
    lifts_judgement: bool
    lifts_overall: bool
    steps: int
    actions: tuple[str, ...] = ()
    evidence: str = ""

    @property
    def closes_alone(self) -> bool:
        """Whether closing this gap alone lifts its judgement or the overall grade."""
        return self.lifts_judgement or self.lifts_overall

    def __repr__(self) -> str:
        grade = self.grade.id if self.grade else None
        flags = "".join(
            f" {name}"
            for name, on in (("blocking", self.blocking), ("in_plan", self.in_plan))
            if on
        )
        return f"<Gap {self.criterion!r} {grade!r}->{self.required.id!r}{flags}>"

    def __str__(self) -> str:
        return f"{self.title}: {self.need}"

    def to_markdown(self) -> str:
        """Return the gap as a Markdown paragraph: title, need, grades and flags."""
        from inspectkit.render.markdown import gap_to_markdown

        return gap_to_markdown(self)

    def to_html(self) -> str:
        """Return the gap as an HTML fragment (every string escaped)."""
        from inspectkit.render.html import gap_to_html

        return gap_to_html(self)

    def _repr_html_(self) -> str:
        """Show the gap in notebooks."""
        return self.to_html()

    def _repr_markdown_(self) -> str:
        """Show the gap as Markdown in front ends that prefer it."""
        return self.to_markdown()


class GapList(tuple[Gap, ...]):
    """The gaps `Assessment.gaps` returns: a tuple of `Gap`, most urgent first, with its target.

    It is a tuple in every way (``gaps[0]``, ``len(gaps)``, ``gaps == ()``), and knows the
    grade it was measured against, so it shows itself as a ranked table in a notebook.

    Attributes:
        target: The grade the gaps are measured against (``None`` for a list built by hand).
    """

    target: Grade | None

    def __new__(cls, gaps: Iterable[Gap] = (), target: Grade | None = None) -> GapList:
        """Return the gaps *gaps*, measured against *target*, as one tuple."""
        self = super().__new__(cls, gaps)
        self.target = target
        return self

    def __repr__(self) -> str:
        target = self.target.id if self.target else None
        return f"<GapList target={target!r} gaps={[gap.criterion for gap in self]!r}>"

    def to_text(self) -> str:
        """Return the gaps as plain text, numbered, most urgent first."""
        from inspectkit.render.text import gap_list_to_text

        return gap_list_to_text(self)

    def to_markdown(self) -> str:
        """Return the gaps as a Markdown table, most urgent first."""
        from inspectkit.render.markdown import gaps_to_markdown

        return gaps_to_markdown(self, self.target)

    def to_html(self) -> str:
        """Return the gaps as an HTML table fragment (every string escaped)."""
        from inspectkit.render.html import gaps_to_html

        return gaps_to_html(self, self.target)

    def _repr_html_(self) -> str:
        """Show the gaps in notebooks."""
        return self.to_html()

    def _repr_markdown_(self) -> str:
        """Show the gaps as Markdown in front ends that prefer it."""
        return self.to_markdown()


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
        base: The assessment the plan starts from (``None`` for a plan built by hand), so a
            report can give each step's value now beside the value to reach.
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
    base: Assessment | None = attrs.field(default=None, eq=False, repr=False)

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

    def to_text(self) -> str:
        """Return the plan as plain text: each step by criterion title with the value to reach."""
        from inspectkit.render.text import lift_plan_to_text

        return lift_plan_to_text(self)

    def to_markdown(self) -> str:
        """Return the plan as Markdown: what it does, then each step."""
        from inspectkit.render.markdown import plan_to_markdown

        return plan_to_markdown(self)

    def to_html(self) -> str:
        """Return the plan as an HTML fragment (every string escaped)."""
        from inspectkit.render.html import plan_to_html

        return plan_to_html(self)

    def _repr_html_(self) -> str:
        """Show the plan in notebooks."""
        return self.to_html()

    def _repr_markdown_(self) -> str:
        """Show the plan as Markdown in front ends that prefer it."""
        return self.to_markdown()


IMPROVED = "improved"
DECLINED = "declined"
UNCHANGED = "unchanged"
CHANGED = "changed"


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
class WhatIf:
    """A re-scoring with some evidence replaced, and what moved.

    Attributes:
        before: The assessment as it was.
        after: The assessment with the changes applied.
        changes: Criterion id -> the new entry (``None`` where the evidence was removed).
        target: The grade the gaps were measured against (the next grade above *before*'s
            overall grade unless one was given).
        moved: Every criterion, judgement and the overall grade whose grade or range moved,
            overall first, then judgements, then criteria, each in framework order.
        gaps_closed: Ids of criteria that were gaps before and are not after.
        gaps_opened: Ids of criteria that are gaps after and were not before.
        findings_added: Findings the what-if added.
        findings_removed: Findings the what-if removed.
    """

    before: Assessment
    after: Assessment
    changes: Mapping[str, Entry | None] = attrs.field(converter=_entry_map, hash=False)
    target: Grade
    moved: tuple[Movement, ...]
    gaps_closed: tuple[str, ...]
    gaps_opened: tuple[str, ...]
    findings_added: tuple[Finding, ...] = attrs.field(default=(), converter=_findings_tuple)
    findings_removed: tuple[Finding, ...] = attrs.field(default=(), converter=_findings_tuple)

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


# -- groups -------------------------------------------------------------------------------


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


# -- progress -----------------------------------------------------------------------------


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


# Calibration (built by `inspectkit.calibrate`).

POOLED = "judgements"
"""The target name of `CalibrationReport.pooled`: every judgement of every case together."""


def _share(count: int, n: int) -> float | None:
    return count / n if n else None


@attrs.frozen
class Baseline:
    """The commonest-grade baseline: always answering the grade most often published.

    A prediction is only worth having if it beats this constant. Among grades published equally
    often, the baseline takes the one first on the scale (the better grade), so it is the same
    on every run.

    Attributes:
        grade: The commonest published grade (``None`` when nothing was published).
        exact: How many published grades it matches exactly.
        within_one: How many published grades it is at most one grade from.
    """

    grade: Grade | None
    exact: int
    within_one: int


@attrs.frozen
class Agreement:
    """How often predictions matched the published grades, for one target.

    A target is the overall grade, one judgement, or all judgements pooled (``judgements``).
    A prediction that could not be graded is a miss: it counts in *n* but not in *exact* nor in
    *within_one*, and it is counted in *ungraded* (and listed in `CalibrationReport.ungraded`).
    So ``exact <= within_one <= n - ungraded``.

    Attributes:
        target: ``overall``, a judgement id, or ``judgements`` for the pooled figure.
        title: The target's title as reports print it.
        n: How many cases have a published grade for the target.
        exact: How many predictions are the published grade.
        within_one: How many predictions are at most one grade from it (exact ones included).
        ungraded: How many predictions could not be graded.
        matrix: The confusion matrix: one row per published grade, one column per predicted
            grade, both in scale order (best first), and a last column for predictions that
            could not be graded.
        baseline: The commonest-grade baseline, scored the same way.
    """

    target: str
    title: str
    n: int
    exact: int
    within_one: int
    ungraded: int
    matrix: tuple[tuple[int, ...], ...]
    baseline: Baseline

    @property
    def exact_share(self) -> float | None:
        """The share of exact predictions (``None`` when *n* is 0)."""
        return _share(self.exact, self.n)

    @property
    def within_one_share(self) -> float | None:
        """The share of predictions within one grade (``None`` when *n* is 0)."""
        return _share(self.within_one, self.n)

    @property
    def baseline_exact_share(self) -> float | None:
        """The baseline's share of exact answers (``None`` when *n* is 0)."""
        return _share(self.baseline.exact, self.n)

    @property
    def baseline_within_one_share(self) -> float | None:
        """The baseline's share of answers within one grade (``None`` when *n* is 0)."""
        return _share(self.baseline.within_one, self.n)

    def count(self, published: Grade, predicted: Grade | None) -> int:
        """Return how many cases published *published* and were predicted *predicted*.

        Args:
            published: A grade of the framework's scale.
            predicted: A grade, or ``None`` for predictions that could not be graded.
        """
        row = self.matrix[published.rank]
        return row[-1] if predicted is None else row[predicted.rank]

    def __repr__(self) -> str:
        return (
            f"<Agreement {self.target!r} n={self.n} exact={self.exact} "
            f"within_one={self.within_one}>"
        )


@attrs.frozen
class Miss:
    """One prediction that is not the published grade.

    Attributes:
        case: The case id.
        target: ``overall`` or the judgement id.
        published: The published grade.
        predicted: The predicted grade; ``None`` when it could not be graded.
        best: The best grade the evidence allows.
        worst: The worst grade the evidence allows.
        reasons: The assessment's trace for the target: its reason, the caps that fired, then
            the reason of each member that was graded (criteria for a judgement, judgements
            for the overall grade).
    """

    case: str
    target: str
    published: Grade
    predicted: Grade | None
    best: Grade | None
    worst: Grade | None
    reasons: tuple[str, ...]

    @property
    def grades_off(self) -> int | None:
        """How many grades the prediction is above (+) or below (-) the published grade."""
        if self.predicted is None:
            return None
        return self.published.rank - self.predicted.rank

    def __repr__(self) -> str:
        predicted = self.predicted.id if self.predicted else None
        return (
            f"<Miss {self.case!r} {self.target!r} published={self.published.id!r} "
            f"predicted={predicted!r}>"
        )


@attrs.frozen
class CalibrationCase:
    """One case of a calibration: a unit's evidence, its published grades and its prediction.

    Attributes:
        id: The case id (the evidence file's stem, or the key the caller gave).
        published: Target (``overall`` or a judgement id) -> the published grade, for the
            grades that were published.
        attributes: The outcomes table's other columns for this case (``tier`` ...).
        assessment: The assessment of the case's evidence.
    """

    id: str
    published: Mapping[str, Grade] = attrs.field(converter=_frozen_map, hash=False)
    attributes: Mapping[str, str] = attrs.field(converter=_frozen_map, hash=False)
    assessment: Assessment = attrs.field(repr=False)

    @property
    def unit(self) -> str:
        """The unit's name, from its evidence."""
        return self.assessment.evidence.unit

    def predicted(self, target: str) -> Grade | None:
        """Return the predicted grade for *target* (``overall`` or a judgement id)."""
        return (
            self.assessment.overall.grade
            if target == OVERALL
            else self.assessment.judgements[target].grade
        )

    def __repr__(self) -> str:
        return f"<CalibrationCase {self.id!r} published={len(self.published)}>"


@attrs.frozen
class CalibrationReport(RecordOutput):
    """How well a framework predicts published outcomes: agreement, confusion, misses.

    Built by `inspectkit.calibrate`. Every figure is given next to the commonest-grade
    baseline, and every miss with the reasons the assessment gives, so a quality team can see
    both how often the framework is right and why it is wrong where it is.

    Attributes:
        framework: The framework calibrated.
        missing: The missing-evidence policy the cases were assessed with.
        cases: The cases compared (each has evidence and at least one published grade),
            ordered by id.
        overall: Agreement on the overall grade.
        judgements: Judgement id -> agreement on that judgement, in framework order.
        pooled: Agreement on all judgements taken together (target ``judgements``).
        misses: Every graded prediction that is not the published grade, case by case,
            overall first.
        ungraded: Every prediction that could not be graded where a grade was published
            (counted as misses in the figures).
        no_evidence: Ids of outcomes with no evidence file: not compared.
        no_outcome: Ids of evidence files with no published grade: not compared.
    """

    framework: Framework
    missing: MissingPolicy
    cases: tuple[CalibrationCase, ...]
    overall: Agreement
    judgements: Mapping[str, Agreement] = attrs.field(converter=_frozen_map, hash=False)
    pooled: Agreement
    misses: tuple[Miss, ...]
    ungraded: tuple[Miss, ...]
    no_evidence: tuple[str, ...] = ()
    no_outcome: tuple[str, ...] = ()

    def agreement(self, target: str) -> Agreement:
        """Return the agreement for ``overall``, a judgement id, or ``judgements`` (pooled)."""
        if target == OVERALL:
            return self.overall
        if target == POOLED:
            return self.pooled
        if target in self.judgements:
            return self.judgements[target]
        raise UnknownIdError(f"framework {self.framework.id!r} has no judgement {target!r}")

    def case(self, case_id: str) -> CalibrationCase:
        """Return the case with id *case_id*, or raise `UnknownIdError`."""
        for case in self.cases:
            if case.id == case_id:
                return case
        raise UnknownIdError(f"the calibration has no case {case_id!r}")

    def __repr__(self) -> str:
        return (
            f"<CalibrationReport {self.framework.id!r} cases={len(self.cases)} "
            f"overall_exact={self.overall.exact}/{self.overall.n}>"
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the report as plain JSON-able data, with a ``schema_version``."""
        from inspectkit.render._data import calibration_to_dict

        return calibration_to_dict(self)

    def to_records(self) -> list[dict[str, Any]]:
        """Return one flat row per case and target with a published grade."""
        from inspectkit.render._data import calibration_to_records

        return calibration_to_records(self)

    def to_csv(self, *, keep_formulas: bool = False) -> str:
        """Return `to_records` as CSV text (with its header even when there are no rows).

        Text cells a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR
        first) get a leading ``'``; *keep_formulas* writes them exactly.
        """
        from inspectkit.render._data import calibration_fields, records_to_csv

        return records_to_csv(
            self.to_records(), calibration_fields(self), keep_formulas=keep_formulas
        )

    def to_dataframe(self) -> Any:
        """Return `to_records` as a pandas DataFrame (needs ``inspectkit[pandas]``)."""
        from inspectkit.render._data import calibration_fields, records_to_dataframe

        return records_to_dataframe(
            self.to_records(), calibration_fields(self), grades=self.framework.scale.ids
        )

    def to_markdown(self) -> str:
        """Return the report as Markdown."""
        from inspectkit.render.markdown import calibration_to_markdown

        return calibration_to_markdown(self)

    def to_html(self, *, fragment: bool = False) -> str:
        """Return the report as a standalone HTML page (a ``<div>`` with *fragment*)."""
        from inspectkit.render.html import calibration_to_html

        return calibration_to_html(self, fragment=fragment)

    def to_text(self) -> str:
        """Return the figures as plain text for a terminal."""
        from inspectkit.render.text import calibration_to_text

        return calibration_to_text(self)

    def _repr_markdown_(self) -> str:
        """Show the report as Markdown in front ends that prefer it."""
        return self.to_markdown()


# -- many units ---------------------------------------------------------------------------


def _assessment_tuple(items: Iterable[Assessment]) -> tuple[Assessment, ...]:
    return tuple(items)


@attrs.frozen
class AssessmentTable:
    """Many units assessed against one framework: one row per unit.

    Attributes:
        framework: The framework every unit was assessed against.
        assessments: The assessments, in the order of the input table.
    """

    framework: Framework
    assessments: tuple[Assessment, ...] = attrs.field(converter=_assessment_tuple)

    def __repr__(self) -> str:
        return f"<AssessmentTable framework={self.framework.id!r} units={len(self.assessments)}>"

    def __len__(self) -> int:
        return len(self.assessments)

    def __iter__(self) -> Iterator[Assessment]:
        return iter(self.assessments)

    @property
    def fields(self) -> tuple[str, ...]:
        """The columns of `to_records`: `BATCH_FIELDS` then one per judgement id."""
        from inspectkit.render._data import table_fields

        return table_fields(self)

    def to_records(self) -> list[dict[str, Any]]:
        """Return one row per unit: its overall grade and range, coverage and judgement grades."""
        from inspectkit.render._data import table_records

        return table_records(self)

    def to_csv(self, *, keep_formulas: bool = False) -> str:
        """Return `to_records` as deterministic CSV text.

        Text cells a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR
        first) get a leading ``'``; *keep_formulas* writes them exactly.
        """
        from inspectkit.render._data import records_to_csv

        return records_to_csv(self.to_records(), self.fields, keep_formulas=keep_formulas)

    def to_xlsx(self) -> bytes:
        """Return the table as an Excel workbook's bytes (needs ``inspectkit[excel]``).

        One sheet of predicted grades, a row per unit; one of each unit's gaps to the next
        grade and its lift plan. Grade cells hold the grade in words on the grade's colour.
        Write the bytes to a ``.xlsx`` file.

        Raises:
            MissingExtraError: openpyxl is not installed.
        """
        from inspectkit.render._xlsx import table_to_xlsx

        return table_to_xlsx(self)

    def to_dataframe(self) -> Any:
        """Return `to_records` as a pandas DataFrame (needs ``inspectkit[pandas]``)."""
        from inspectkit.render._data import records_to_dataframe

        # Only judgements on the framework's own scale are categoricals of its grades; one on
        # another scale (safeguarding met / not met) keeps its grade ids as text.
        framework = self.framework
        judgements = [j.id for j in framework.judgements if framework.on_main_scale(j.id)]
        return records_to_dataframe(
            self.to_records(),
            self.fields,
            grades=self.framework.scale.ids,
            grade_columns=judgements,
        )

    def grade_counts(self) -> dict[str, int]:
        """Return how many units are predicted at each overall grade, best grade first."""
        counts = {grade.id: 0 for grade in self.framework.scale}
        for assessment in self.assessments:
            if assessment.grade is not None:
                counts[assessment.grade.id] += 1
        return counts

    def to_markdown(self) -> str:
        """Return the table as Markdown: a row per unit and a count per grade."""
        from inspectkit.render.markdown import render_table_markdown

        return render_table_markdown(self)

    def to_html(self) -> str:
        """Return the table as an HTML fragment with a grade badge per judgement."""
        from inspectkit.render.html import render_table_html

        return render_table_html(self)

    def _repr_html_(self) -> str:
        """Show the table in notebooks."""
        return self.to_html()

    def _repr_markdown_(self) -> str:
        """Show the table as Markdown in front ends that prefer it."""
        return self.to_markdown()
