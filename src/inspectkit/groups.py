"""Inspection groups: several units assessed together, with one grade per judgement.

From April 2013 Ofsted inspected groups of children's centres that share leadership as one,
with one set of judgements and one report. `assess_group` assesses every member, then combines
their grades by a *group rule*:

- ``weakest`` — the worst member's grade, judgement by judgement (one weak centre pulls the
  group down). The group's overall grade is the framework's own overall rule (with its caps on
  the overall grade) applied to the group's judgement grades, and never better than the worst
  member's overall grade.
- ``best_fit`` — the best grade that a required share of the members reach or beat, judgement by
  judgement; the overall grade is found as for ``weakest``, but never better than the best fit
  of the members' overall grades.
- ``pooled`` — the members' evidence is pooled into one group evidence and assessed once.
  Pooling is only honest for counts: a proportion that every member gives as counts is pooled by
  summing numerators and denominators. Every other criterion (quantities, checks, ratings,
  proportions without counts) takes the weakest member's evidence, and the result says which.

The framework declares its default rule in its ``[group]`` table; a framework without one is
assessed with ``weakest`` (our modelled default, following the consultancy reading that one
weak centre pulls a group down). The caller may choose another rule.

The result names the members that hold each group grade down, flags inconsistency between
members beyond the spread the framework allows, and gives the group's gaps and lift plan.
"""

from __future__ import annotations

import datetime
import math
import os
import types
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from inspectkit._words import numeric
from inspectkit.errors import ComparisonError, Issue
from inspectkit.evidence import NOT_APPLICABLE, Counts, Entry, Evidence, Finding
from inspectkit.grades import Grade
from inspectkit.loading._framework import resolve_framework
from inspectkit.loading._issues import IssueCollector
from inspectkit.results import Assessment, GroupAssessment, GroupGrade, Inconsistency
from inspectkit.rubric import (
    OVERALL,
    Basis,
    Criterion,
    Framework,
    GroupMethod,
    GroupRule,
    Measure,
    Method,
    MissingPolicy,
    Provenance,
    Spread,
)
from inspectkit.scoring import (
    assess,
    combine,
    evaluate_statuses,
    grade_overall,
    resolve_policy,
)

if TYPE_CHECKING:
    from inspectkit.grades import GradeScale

__all__ = [
    "DEFAULT_GROUP_RULE",
    "assess_group",
    "group_rule",
    "pool_evidence",
]


def _frozen_map(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return types.MappingProxyType(dict(value))


DEFAULT_GROUP_RULE = GroupRule(
    rule=GroupMethod.WEAKEST,
    provenance=Provenance(
        Basis.MODELLED,
        note=(
            "The framework declares no group rule; one weak member pulls the group down, "
            "as a consultancy read published group reports."
        ),
    ),
    spread=Spread(grades=1),
)
"""The group rule used when a framework declares none: weakest member, grades one apart."""

_MAJORITY = 0.5


# -- choosing the rule --------------------------------------------------------------------


def group_rule(
    framework: Framework, rule: GroupRule | GroupMethod | str | None = None
) -> GroupRule:
    """Return the group rule to apply: *rule* if given, else the framework's, else the default.

    A rule given by name keeps the framework's spread; its provenance says the caller chose it.

    Raises:
        ComparisonError: *rule* names no group rule.
    """
    declared = framework.group or DEFAULT_GROUP_RULE
    if rule is None:
        return declared
    if isinstance(rule, GroupRule):
        return rule
    try:
        method = GroupMethod(rule.strip().lower() if isinstance(rule, str) else rule)
    except ValueError:
        choices = ", ".join(method.value for method in GroupMethod)
        raise ComparisonError(
            f"unknown group rule {rule!r}",
            [
                Issue(
                    "rule",
                    "unknown-group-rule",
                    f"{rule!r} is not a group rule",
                    hint=f"use one of: {choices}",
                )
            ],
        ) from None
    if method is declared.rule:
        return declared
    return GroupRule(
        rule=method,
        provenance=Provenance(
            Basis.MODELLED,
            note=(
                f"Chosen by the caller instead of the framework's {declared.rule.value!r}."
                if framework.group is not None
                else f"Chosen by the caller; the framework declares no group rule "
                f"(the default is {declared.rule.value!r})."
            ),
        ),
        share=declared.share,
        spread=declared.spread,
    )


def _best_fit_share(framework: Framework, rule: GroupRule) -> float:
    if rule.share is not None:
        return rule.share
    if framework.overall.method is Method.BEST_FIT and framework.overall.share is not None:
        return framework.overall.share
    for judgement in framework.judgements:
        if judgement.aggregation.method is Method.BEST_FIT and judgement.aggregation.share:
            return judgement.aggregation.share
    return _MAJORITY


# -- members ------------------------------------------------------------------------------


MemberInput = Evidence | Assessment | str | os.PathLike[str]


def _member_assessments(
    framework: Framework, members: Iterable[MemberInput], missing: MissingPolicy
) -> dict[str, Assessment]:
    if isinstance(members, (str, bytes, os.PathLike, Mapping, Evidence, Assessment)) or not (
        isinstance(members, Iterable)
    ):
        raise TypeError(
            "assess_group() takes members as a list of Evidence, Assessments or evidence file "
            f"paths, not {type(members).__name__}"
            + (" (a single path: put it in a list)" if isinstance(members, str) else "")
        )
    assessed: list[Assessment] = []
    for member in members:
        if isinstance(member, Assessment):
            assessed.append(member)
            continue
        if isinstance(member, Evidence):
            evidence = member
        elif isinstance(member, (str, os.PathLike)):
            from inspectkit.loading._evidence import load_evidence

            evidence = load_evidence(member, framework=framework)
        else:
            raise TypeError(
                f"a group member must be Evidence, an Assessment or a path, "
                f"not {type(member).__name__}"
            )
        assessed.append(assess(framework, evidence, missing=missing))
    issues = IssueCollector()  # the first MAX_ISSUES listed, every one counted
    for position, assessment in enumerate(assessed):
        if assessment.framework.id != framework.id:
            issues.append(
                Issue(
                    f"members[{position}]",
                    "different-framework",
                    f"member {assessment.evidence.unit!r} is assessed under "
                    f"{assessment.framework.id!r}, not {framework.id!r}",
                    hint="a group is assessed under one framework",
                )
            )
    names = [assessment.evidence.unit for assessment in assessed]
    for name in sorted({name for name in names if names.count(name) > 1}):
        issues.append(
            Issue(
                "members",
                "duplicate-member",
                f"more than one member is called {name!r}",
                hint="give each member its own unit name",
            )
        )
    if not assessed:
        issues.append(Issue("members", "no-members", "a group needs at least one member"))
    if issues:
        raise ComparisonError("the group's members cannot be assessed together", issues.listed())
    return {assessment.evidence.unit: assessment for assessment in sorted(assessed, key=_unit)}


def _unit(assessment: Assessment) -> str:
    return assessment.evidence.unit


# -- combining grades ---------------------------------------------------------------------


def _combine(
    scale: GradeScale, method: GroupMethod, ranks: Sequence[int | None], share: float
) -> int | None:
    """The members' ranks combined by the group rule, with the engine's own methods."""
    if method is GroupMethod.BEST_FIT:
        return combine(scale, Method.BEST_FIT, ranks, share=share)
    return combine(scale, Method.SECURE_FIT, ranks)


def _rank(grade: Grade | None) -> int | None:
    return None if grade is None else grade.rank


def _grade(scale: GradeScale, rank: int | None) -> Grade | None:
    return None if rank is None else scale[rank]


def _worse(scale: GradeScale, *ranks: int | None) -> int | None:
    return combine(scale, Method.SECURE_FIT, ranks)


def _holding_down(members: Mapping[str, Grade | None], group: Grade | None) -> tuple[str, ...]:
    graded = {name: grade for name, grade in members.items() if grade is not None}
    if not graded or group is None:
        return ()
    best = min(grade.rank for grade in graded.values())
    return tuple(
        sorted(
            name for name, grade in graded.items() if grade.rank > best and grade.rank >= group.rank
        )
    )


def _combined_grade(  # noqa: PLR0917 - private; every caller names the result it builds
    result_id: str,
    title: str,
    method: GroupMethod,
    share: float,
    scale: GradeScale,
    members: Mapping[str, tuple[Grade | None, Grade | None, Grade | None]],
    rank: int | None = None,
) -> GroupGrade:
    points = [_rank(point) for point, _, _ in members.values()]
    point = _combine(scale, method, points, share) if rank is None else rank
    best = _combine(scale, method, [_rank(b) for _, b, _ in members.values()], share)
    worst = _combine(scale, method, [_rank(w) for _, _, w in members.values()], share)
    if point is not None:
        # Keep the range around the point: the overall grade may be held below both bounds.
        best = point if best is None else min(best, point)
        worst = point if worst is None else max(worst, point)
    grades = {name: point for name, (point, _, _) in members.items()}
    grade = _grade(scale, point)
    holding = _holding_down(grades, grade)
    return GroupGrade(
        id=result_id,
        title=title,
        grade=grade,
        best=_grade(scale, best),
        worst=_grade(scale, worst),
        members=grades,
        holding_down=holding,
        reason=_reason(method, share, grade, grades, holding),
    )


def _reason(
    method: GroupMethod,
    share: float,
    grade: Grade | None,
    members: Mapping[str, Grade | None],
    holding: Sequence[str],
) -> str:
    if grade is None:
        return "no member could be graded"
    names = ", ".join(holding)
    if method is GroupMethod.WEAKEST:
        if not holding:
            return f"every member is {grade.label}"
        return f"the weakest member is {grade.label}: {names}"
    if method is GroupMethod.BEST_FIT:
        graded = sum(1 for member in members.values() if member is not None)
        reach = sum(
            1 for member in members.values() if member is not None and member.at_least(grade)
        )
        text = (
            f"{reach} of {graded} members are {grade.label} or better "
            f"(best fit, {share:.0%} needed)"
        )
        return text + (f"; held down by {names}" if holding else "")
    return f"the pooled evidence is {grade.label}" + (f"; held down by {names}" if holding else "")


def _overall_from_judgements(
    framework: Framework,
    judgements: Mapping[str, GroupGrade],
    criteria: Mapping[str, GroupGrade],
) -> int | None:
    """The group's judgement grades graded overall by the engine: its rule and all its caps."""
    point, _, _ = grade_overall(
        framework,
        {jid: (grade.grade, grade.best, grade.worst) for jid, grade in judgements.items()},
        {cid: (grade.grade, grade.best, grade.worst) for cid, grade in criteria.items()},
    )
    return _rank(point)


# -- pooling ------------------------------------------------------------------------------


def _entry_key(criterion: Criterion, assessment: Assessment) -> tuple[Any, ...]:
    """Sort key for choosing the weakest member's entry: the worst first, ties by value."""
    result = assessment.criteria[criterion.id]
    point = -1 if result.grade is None else result.grade.rank
    worst = -1 if result.worst is None else result.worst.rank
    value = numeric(result.entry.value) if result.entry is not None else None
    if value is not None and criterion.direction.value == "higher":
        value = -value
    return (-point, -worst, math.inf if value is None else -value, assessment.evidence.unit)


def pool_findings(framework: Framework, members: Iterable[Assessment]) -> tuple[Finding, ...]:
    """Return the members' findings pooled: each distinct finding once, in judgement order.

    A group is inspected as one unit, so what was found at any member is found in the group; a
    finding written identically for two members (the same words, weight and judgements) is one
    point about the group, not two.
    """
    order = {judgement.id: j for j, judgement in enumerate(framework.judgements)}
    pooled = dict.fromkeys(f for member in members for f in member.evidence.findings)
    return tuple(sorted(pooled, key=lambda f: min(order.get(j, len(order)) for j in f.judgements)))


def pool_evidence(
    framework: Framework,
    members: Mapping[str, Assessment],
    *,
    unit: str = "Group",
    date: datetime.date | None = None,
) -> tuple[Evidence, tuple[str, ...], dict[str, str]]:
    """Return the group's pooled evidence, the criteria pooled, and those taken from a member.

    A proportion is pooled when every member that has evidence for it gives counts: the
    numerators and the denominators are summed. Members for which a criterion is not
    applicable are left out of it. Where any member has no evidence for a criterion, the group
    has none either (its evidence is incomplete). Any other criterion takes the entry of the
    member weakest on it, and where members' values differ it is listed with that member's
    unit.

    Args:
        framework: The framework the members were assessed against.
        members: Member unit -> assessment.
        unit: The group's name.
        date: The date the group's evidence describes.
    """
    entries: dict[str, Entry] = {}
    pooled: list[str] = []
    weakest: dict[str, str] = {}
    for criterion in framework.criteria():
        given = [
            (name, assessment, assessment.evidence.entries.get(criterion.id))
            for name, assessment in members.items()
        ]
        if any(entry is None for _, _, entry in given):
            continue
        applicable = [
            (name, assessment, entry)
            for name, assessment, entry in given
            if entry is not None and not entry.is_not_applicable
        ]
        if not applicable:
            entries[criterion.id] = Entry(
                criterion.id, NOT_APPLICABLE, note="not applicable to any member"
            )
            continue
        counts = [entry.counts for _, _, entry in applicable if entry is not None]
        if criterion.measure is Measure.PROPORTION and all(count is not None for count in counts):
            if len(applicable) == 1:
                entry = applicable[0][2]
                assert entry is not None
                entries[criterion.id] = entry
            else:
                numerator = sum(count.numerator for count in counts if count is not None)
                denominator = sum(count.denominator for count in counts if count is not None)
                entries[criterion.id] = Entry(
                    criterion.id,
                    numerator / denominator,
                    counts=Counts(numerator, denominator),
                    source=f"pooled from {len(applicable)} members",
                )
            pooled.append(criterion.id)
            continue
        name, _, entry = min(applicable, key=lambda item: _entry_key(criterion, item[1]))
        assert entry is not None
        entries[criterion.id] = entry
        if len({repr(other.value) for _, _, other in applicable if other is not None}) > 1:
            weakest[criterion.id] = name
    version = {a.evidence.framework_version for a in members.values()}
    evidence = Evidence(
        framework=framework.id,
        unit=unit,
        entries=entries,
        date=date,
        framework_version=version.pop() if len(version) == 1 else None,
        kind="group",
        findings=pool_findings(framework, members.values()),
    )
    return evidence, tuple(pooled), weakest


# -- inconsistency ------------------------------------------------------------------------


def _inconsistencies(
    framework: Framework,
    spread: Spread,
    members: Mapping[str, Assessment],
) -> tuple[Inconsistency, ...]:
    found: list[Inconsistency] = []
    if spread.grades is not None:
        rows: list[tuple[str, str, dict[str, Grade | None]]] = [
            (
                judgement.id,
                judgement.title,
                {name: m.judgements[judgement.id].grade for name, m in members.items()},
            )
            for judgement in framework.judgements
        ]
        rows.append(
            (OVERALL, framework.overall_title, {name: m.grade for name, m in members.items()})
        )
        for result_id, title, grades in rows:
            graded = {name: grade for name, grade in grades.items() if grade is not None}
            if len(graded) < 2:
                continue
            low = max(grade.rank for grade in graded.values())
            high = min(grade.rank for grade in graded.values())
            if low - high <= spread.grades:
                continue
            found.append(
                Inconsistency(
                    id=result_id,
                    kind="grade",
                    spread=float(low - high),
                    allowed=float(spread.grades),
                    low=tuple(sorted(n for n, g in graded.items() if g.rank == low)),
                    high=tuple(sorted(n for n, g in graded.items() if g.rank == high)),
                    reason=(
                        f"{title}: members are {low - high} grades apart "
                        f"({framework.scale[high].label} to {framework.scale[low].label}); "
                        f"at most {spread.grades} allowed"
                    ),
                )
            )
    for criterion_id, allowed in spread.criteria.items():
        criterion = framework.criterion(criterion_id)
        values = {
            name: number
            for name, m in members.items()
            if (number := numeric(m.evidence.value(criterion_id))) is not None
        }
        if len(values) < 2:
            continue
        top, bottom = max(values.values()), min(values.values())
        if top - bottom <= allowed + 1e-9:
            continue
        higher = criterion.direction.value == "higher"
        weak, strong = (bottom, top) if higher else (top, bottom)
        found.append(
            Inconsistency(
                id=criterion_id,
                kind="value",
                spread=top - bottom,
                allowed=allowed,
                low=tuple(sorted(n for n, v in values.items() if v == weak)),
                high=tuple(sorted(n for n, v in values.items() if v == strong)),
                reason=(
                    f"{criterion.title}: members differ by {_difference(criterion, top - bottom)} "
                    f"({_amount(criterion, bottom)} to {_amount(criterion, top)}); "
                    f"at most {_difference(criterion, allowed)} allowed"
                ),
            )
        )
    return tuple(found)


def _difference(criterion: Criterion, value: float) -> str:
    if criterion.measure is Measure.PROPORTION:
        return f"{value * 100:.0f} percentage points"
    return _amount(criterion, value)


def _amount(criterion: Criterion, value: float) -> str:
    if criterion.measure is Measure.PROPORTION:
        return f"{value * 100:.0f}%"
    text = f"{value:g}"
    return f"{text} {criterion.unit}" if criterion.unit else text


# -- assess_group -------------------------------------------------------------------------


def assess_group(
    framework: Framework | str | os.PathLike[str],
    members: Iterable[MemberInput],
    *,
    rule: GroupRule | GroupMethod | str | None = None,
    unit: str = "Group",
    date: datetime.date | None = None,
    missing: MissingPolicy | str | None = None,
) -> GroupAssessment:
    """Assess a group of units inspected together, and combine their grades by a group rule.

    Args:
        framework: The framework to assess against: a `Framework`, a bundled id or a path.
        members: The members: `Evidence`, already made `Assessment` objects, or paths of evidence
            files. Their order does not matter; the result lists them by unit.
        rule: The group rule (``"weakest"``, ``"best_fit"``, ``"pooled"`` or a `GroupRule`);
            the framework's declared rule when not given, else ``weakest``.
        unit: The group's name.
        date: The date the group's evidence describes; the latest member date when not given.
        missing: The missing-evidence policy for every member; the framework's when not given.

    Returns:
        The group assessment: each member's assessment, the group's grades with the members
        that hold them down, inconsistencies between members, and for ``pooled`` the
        assessment of the pooled evidence.

    Raises:
        ComparisonError: A member is assessed under another framework, two members share a
            unit name, there are no members, or *rule* names no group rule.
        EvidenceError: A member's evidence does not fit the framework.
        TypeError: *members* is not a list (or other iterable) of Evidence, Assessments or
            paths, or one member is none of those.
    """
    framework = resolve_framework(framework)
    policy = resolve_policy(framework, missing)
    chosen = group_rule(framework, rule)
    assessed = _member_assessments(framework, members, policy)
    if date is None:
        dates = [m.evidence.date for m in assessed.values() if m.evidence.date is not None]
        date = max(dates) if dates else None
    share = _best_fit_share(framework, chosen)
    scale = framework.scale
    method = chosen.rule
    inconsistencies = _inconsistencies(framework, chosen.spread, assessed)

    if method is GroupMethod.POOLED:
        evidence, pooled, weakest = pool_evidence(framework, assessed, unit=unit, date=date)
        group = assess(framework, evidence, missing=policy)
        return GroupAssessment(
            framework=framework,
            unit=unit,
            date=date,
            rule=chosen,
            missing=policy,
            members=assessed,
            overall=_from_pooled(OVERALL, group.overall, assessed, method, share),
            judgements={
                jid: _where_none_apply(_from_pooled(jid, result, assessed, method, share), assessed)
                for jid, result in group.judgements.items()
            },
            criteria={
                cid: _from_pooled(cid, result, assessed, method, share)
                for cid, result in group.criteria.items()
            },
            coverage=group.coverage,
            inconsistencies=inconsistencies,
            assessment=group,
            pooled=pooled,
            weakest_evidence=weakest,
            statuses=group.statuses,  # the pooled grades are the group's
        )

    criteria = {
        criterion.id: _combined_grade(
            criterion.id,
            criterion.title,
            method,
            share,
            framework.scale_of(criterion.id),  # safeguarding's criteria: met / not met
            {
                name: (r.grade, r.best, r.worst)
                for name, m in assessed.items()
                for r in (m.criteria[criterion.id],)
            },
        )
        for criterion in framework.criteria()
    }
    judgements = {
        judgement.id: _where_none_apply(
            _combined_grade(
                judgement.id,
                judgement.title,
                method,
                share,
                framework.scale_of(judgement.id),  # safeguarding: met / not met, not Exceptional
                {
                    name: (r.grade, r.best, r.worst)
                    for name, m in assessed.items()
                    for r in (m.judgements[judgement.id],)
                },
            ),
            assessed,
        )
        for judgement in framework.judgements
    }
    overall_members = {
        name: (m.overall.grade, m.overall.best, m.overall.worst) for name, m in assessed.items()
    }
    from_members = _combine(
        scale, method, [_rank(m.overall.grade) for m in assessed.values()], share
    )
    from_rule = _overall_from_judgements(framework, judgements, criteria)
    overall = _combined_grade(
        OVERALL,
        framework.overall_title,
        method,
        share,
        scale,
        overall_members,
        rank=_worse(scale, from_members, from_rule),
    )
    if from_rule is not None and from_members is not None and from_rule > from_members:
        overall = attrs.evolve(
            overall,
            reason=overall.reason + f"; the framework's overall rule gives the group's judgements "
            f"{scale[from_rule].label}",
        )
    return GroupAssessment(
        framework=framework,
        unit=unit,
        date=date,
        rule=chosen,
        missing=policy,
        members=assessed,
        overall=overall,
        judgements=judgements,
        criteria=criteria,
        coverage=min(m.coverage for m in assessed.values()),
        inconsistencies=inconsistencies,
        statuses=evaluate_statuses(framework, overall, judgements, criteria),
    )


def _where_none_apply(result: GroupGrade, members: Mapping[str, Assessment]) -> GroupGrade:
    """*result*, with the members' own reason when its judgement applies to none of them.

    A judgement that depends on a provision no member has (a group of secondaries and early
    years) is not graded for the group either; "no member could be graded" would read as if
    evidence were missing, so the group says what each member's report says.
    """
    found = [member.judgements[result.id] for member in members.values()]
    if found and all(judgement.absent_text for judgement in found):
        return attrs.evolve(result, reason=found[0].reason)
    return result


def _from_pooled(
    result_id: str,
    result: Any,
    members: Mapping[str, Assessment],
    method: GroupMethod,
    share: float,
) -> GroupGrade:
    grades = {name: m.result(result_id).grade for name, m in members.items()}
    holding = _holding_down(grades, result.grade)
    title = (
        getattr(result, "title", None)
        or members[next(iter(members))].framework.criterion(result_id).title
    )
    return GroupGrade(
        id=result_id,
        title=title,
        grade=result.grade,
        best=result.best,
        worst=result.worst,
        members=grades,
        holding_down=holding,
        reason=_reason(method, share, result.grade, grades, holding),
    )
