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

The group, progress, calibration and table models, and the what-if, movement, status and
finding-gap models, are defined in `inspectkit._results` and read from this module the first
time they are used, so a plain assessment never defines them; import them from here (or from
`inspectkit`) as always.
"""

from __future__ import annotations

import enum
import types
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import repeat
from typing import Any, TypeVar

import attrs

from inspectkit._output import NotebookOutput
from inspectkit._repr import attrs_eq, attrs_hash, attrs_repr  # not compiled per class
from inspectkit.errors import UnknownIdError
from inspectkit.evidence import Entry, Evidence, Finding, GivenGrade, Value
from inspectkit.grades import Grade
from inspectkit.rubric import (
    OVERALL,
    Cap,
    FindingLimit,
    FindingsRule,
    FindingSupport,
    Framework,
    MissingPolicy,
    Threshold,
)

TYPE_CHECKING = False  # `typing.TYPE_CHECKING` without importing typing again (mypy knows it)
if TYPE_CHECKING:
    from inspectkit._results.calibration import (
        POOLED,
        Agreement,
        Baseline,
        CalibrationCase,
        CalibrationReport,
        Miss,
    )
    from inspectkit._results.findings import FindingGap
    from inspectkit._results.groups import GroupAssessment, GroupGrade, Inconsistency
    from inspectkit._results.progress import (
        Comparison,
        FrameworkChange,
        Timeline,
        declared_changes,
        framework_changes,
    )
    from inspectkit._results.table import AssessmentTable
    from inspectkit._results.whatif import Movement, WhatIf

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

# The results of groups, comparisons, calibrations, tables, what-ifs, statuses and finding gaps
# live in `inspectkit._results` and are read from there the first time a name is used (PEP 562),
# so a plain assessment does not define their attrs classes at start-up (issue 15).
# `from inspectkit.results import Comparison` works as before; type checkers see the imports
# above.
_MODULE_OF = {
    **dict.fromkeys(
        ("POOLED", "Agreement", "Baseline", "CalibrationCase", "CalibrationReport", "Miss"),
        "inspectkit._results.calibration",
    ),
    **dict.fromkeys(
        ("GroupAssessment", "GroupGrade", "Inconsistency"), "inspectkit._results.groups"
    ),
    **dict.fromkeys(
        ("Comparison", "FrameworkChange", "Timeline", "declared_changes", "framework_changes"),
        "inspectkit._results.progress",
    ),
    "AssessmentTable": "inspectkit._results.table",
    "FindingGap": "inspectkit._results.findings",
    **dict.fromkeys(("Movement", "WhatIf"), "inspectkit._results.whatif"),
}
"""The module each result model not defined here is read from, the first time it is used."""

if not TYPE_CHECKING:  # pragma: no branch - type checkers read the imports above instead
    from inspectkit._lazy import lazy_attributes

    __getattr__, __dir__ = lazy_attributes(__name__, _MODULE_OF, globals(), submodules=False)
    del lazy_attributes


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

    __eq__ = attrs_eq
    __hash__ = attrs_hash

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

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

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

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

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

    __eq__ = attrs_eq
    __hash__ = attrs_hash

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

    __eq__ = attrs_eq
    __hash__ = attrs_hash

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


class _Later:
    """The slot a result made by ``_later`` (`Gap`, `WhatIf`) keeps what builds its fields in.

    ``_pending`` is a function and its argument, which give the fields it was made without;
    it is unset on a result made at once, and ``None`` once filled. A slot of this base, not
    an attrs field, so `attrs.fields`, `attrs.asdict` and `attrs.evolve` see the fields only.
    """

    __slots__ = ("_pending",)

    _pending: tuple[Callable[[int], Mapping[str, Any]], int] | None


def _fill(obj: Any, name: str, later: frozenset[str]) -> Any:
    """Read field *name* of a result some of whose fields are built on first read.

    Such a result (`Gap._later`, `WhatIf._later`) holds in ``_pending`` what gives the fields
    *later* it was made without; the first read of one of them (which Python sends here, the
    field being unset) sets them all. Reached too for a name that is no field at all, which
    raises as usual.
    """
    try:
        pending = object.__getattribute__(obj, "_pending")
    except AttributeError:  # made at once
        pending = None
    if pending is None or name not in later:
        raise AttributeError(
            f"{type(obj).__name__!r} object has no attribute {name!r}", name=name, obj=obj
        )
    build, key = pending
    put = object.__setattr__.__get__(obj)  # bound once: a gap list read in full fills hundreds
    for field, value in build(key).items():
        put(field, value)
    put("_pending", None)
    return object.__getattribute__(obj, name)


@attrs.frozen
class Gap(_Later):
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

    __eq__ = attrs_eq
    __hash__ = attrs_hash

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

    @classmethod
    def _later(
        cls, fields: Callable[[int], Mapping[str, Any]], order: Iterable[int], ids: Sequence[str]
    ) -> list[Gap]:
        """Return, for each index in *order*, the gap ``fields(index)`` gives, built when read.

        Each knows at once only its criterion (``ids[index]``). Why: `inspectkit.gaps.find_gaps`
        ranks a few hundred gaps at 1k criteria, and their words cost more than the ranking,
        while a report reads some of them; so a gap list holds gaps that fill every field at
        once on the first read of one other than the criterion. A gap filled later equals (and
        hashes as) the gap made with the same fields at once.
        """
        # In C loops (maps over member descriptors' setters): a few hundred gaps a list.
        order = list(order)
        made = list(map(object.__new__, repeat(cls, len(order))))
        deque(map(cls.__dict__["criterion"].__set__, made, map(ids.__getitem__, order)), 0)
        deque(map(_Later.__dict__["_pending"].__set__, made, zip(repeat(fields), order)), 0)
        return made

    if not TYPE_CHECKING:  # pragma: no branch - mypy still checks every read of a gap

        def __getattr__(self, name: str) -> Any:
            return _fill(self, name, _GAP_FIELDS)

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


_GAP_FIELDS = frozenset(field.name for field in attrs.fields(Gap) if field.init)
"""The fields a gap made by `Gap._later` fills itself with."""


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

    __eq__ = attrs_eq
    __hash__ = attrs_hash

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

    __eq__ = attrs_eq
    __hash__ = attrs_hash

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

# Bound here at import, though defined in `inspectkit._results`: `Assessment.statuses` names it,
# and `typing.get_type_hints` reads each annotation in this module's namespace (see the same
# note at the end of `inspectkit.rubric`; tests/test_type_hints.py).
from inspectkit._results.statuses import StatusPlan, StatusResult  # noqa: E402
