"""`assess`: score evidence against a framework and explain every grade.

The grades come from `inspectkit.scoring._core`; this module checks the inputs, builds the
immutable `inspectkit.results.Assessment` and writes the plain-words reason for each grade.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from inspectkit.errors import EvidenceError, Issue
from inspectkit.evidence import Entry, Evidence, Interval
from inspectkit.grades import Grade
from inspectkit.loading._evidence import evidence_from_values
from inspectkit.loading._issues import suggest
from inspectkit.rubric import Framework, Measure, MissingPolicy
from inspectkit.scoring._core import (
    ABSENT,
    EXACT,
    INTERVAL,
    NOT_APPLICABLE_STATUS,
    CoreResult,
    score,
)
from inspectkit.scoring._plan import (
    BEST_FIT,
    PERCENT_BANDS,
    SECURE_FIT,
    CapPlan,
    CriterionPlan,
    JudgementPlan,
    Plan,
    plan_for,
)

if TYPE_CHECKING:
    # The results layer sits above scoring (it may call into it), so the result classes are
    # imported where the results are built, not at module level.
    from inspectkit.results import Assessment, JudgementResult

__all__ = ["assess", "resolve_policy"]


def resolve_policy(framework: Framework, missing: MissingPolicy | str | None) -> MissingPolicy:
    """Return the missing-evidence policy to apply: *missing* if given, else the framework's."""
    if missing is None:
        return framework.missing
    if isinstance(missing, MissingPolicy):
        return missing
    try:
        return MissingPolicy(str(missing).strip().lower())
    except ValueError:
        choices = ", ".join(policy.value for policy in MissingPolicy)
        raise EvidenceError(
            f"unknown missing-evidence policy {missing!r}",
            [
                Issue(
                    "missing",
                    "unknown-policy",
                    f"{missing!r} is not a missing-evidence policy",
                    hint=f"use one of: {choices}",
                )
            ],
        ) from None


def _to_evidence(framework: Framework, evidence: Evidence | Mapping[str, Any]) -> Evidence:
    if isinstance(evidence, Evidence):
        return evidence
    if isinstance(evidence, Mapping):
        return evidence_from_values(framework, evidence)
    raise TypeError(
        f"evidence must be an Evidence or a mapping of criterion id to value, "
        f"not {type(evidence).__name__}"
    )


def assess(
    framework: Framework,
    evidence: Evidence | Mapping[str, Any],
    *,
    missing: MissingPolicy | str | None = None,
) -> Assessment:
    """Predict the grades *evidence* earns under *framework*, with range, coverage and reasons.

    Args:
        framework: The framework to assess against.
        evidence: The unit's evidence, or for notebook use a plain mapping of criterion id to
            raw value (``{"registration_rate": "72%", "supervision_checks_case_files": True}``),
            resolved with `inspectkit.evidence_from_values`.
        missing: The missing-evidence policy (``"worst"``, ``"exclude"`` or ``"error"``);
            the framework's own policy when not given.

    Returns:
        The assessment: the overall grade, each judgement's and criterion's grade with its
        range and reason, the caps that fired, and coverage.

    Raises:
        EvidenceError: The evidence names criteria the framework does not have, holds a value
            of the wrong form for a criterion, or (policy ``error``) lacks evidence for some
            criteria. Every problem is listed.
    """
    evidence = _to_evidence(framework, evidence)
    policy = resolve_policy(framework, missing)
    plan = plan_for(framework)
    entries = evidence.entries
    _check_entries(plan, entries, policy, evidence.file)
    core = score(plan, entries, policy is MissingPolicy.EXCLUDE)
    if core.bad:
        _raise_bad_values(plan, entries, core.bad, evidence.file)
    return _build(framework, plan, evidence, policy, core)


def _check_entries(
    plan: Plan, entries: Mapping[str, Entry], policy: MissingPolicy, file: str | None
) -> None:
    index = plan.index
    unknown = [criterion_id for criterion_id in entries if criterion_id not in index]
    issues = [
        Issue(
            f"evidence.{criterion_id}",
            "unknown-criterion",
            f"the framework {plan.framework_id!r} has no criterion {criterion_id!r}",
            hint=_did_you_mean(criterion_id, index),
        )
        for criterion_id in unknown
    ]
    if policy is MissingPolicy.ERROR:
        issues.extend(
            Issue(
                f"evidence.{c.criterion.id}",
                "missing-evidence",
                f"no evidence for {c.criterion.id!r} ({c.criterion.title})",
                hint="add a value, or 'not_applicable' if it does not apply",
            )
            for c in plan.criteria
            if c.criterion.id not in entries
        )
    if issues:
        count = len(issues)
        raise EvidenceError(_summary(file, count), [attrs.evolve(i, file=file) for i in issues])


def _did_you_mean(name: str, choices: Mapping[str, int]) -> str | None:
    guess = suggest(name, choices)
    return f"did you mean {guess!r}?" if guess else None


def _raise_bad_values(
    plan: Plan, entries: Mapping[str, Entry], bad: Sequence[int], file: str | None
) -> None:
    issues = []
    for i in bad:
        criterion = plan.criteria[i].criterion
        value = entries[criterion.id].value
        issues.append(
            Issue(
                f"evidence.{criterion.id}",
                "wrong-form",
                f"{value!r} is not a valid value for a {criterion.measure.value} criterion",
                hint=_FORMS[criterion.measure],
            )
        )
    count = len(issues)
    raise EvidenceError(_summary(file, count), [attrs.evolve(i, file=file) for i in issues])


def _summary(file: str | None, count: int) -> str:
    noun = "problem" if count == 1 else "problems"
    return f"{file or '<evidence>'}: evidence cannot be assessed: {count} {noun}"


_FORMS = {
    Measure.PROPORTION: "give a number between 0 and 1, or an Interval",
    Measure.QUANTITY: "give a number",
    Measure.CHECK: "give True (met) or False (not met)",
    Measure.RATING: "give a grade id of the framework's scale",
}


# ---------------------------------------------------------------------------------------------
# Building the result


_MEMO_SIZE = 32
"""How many results each criterion and judgement keeps for reuse before starting afresh."""


def _same_entry(cached: Entry | None, entry: Entry) -> bool:
    """Whether a result for *cached* (equal to *entry*) can stand for *entry* byte for byte.

    Equal is not quite enough: ``1 == 1.0`` and ``0.0 == -0.0``, yet they print differently.
    """
    if cached is entry:
        return True
    if cached is None:
        return False
    a, b = cached.value, entry.value
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a.hex() == b.hex()  # type: ignore[union-attr]
    if isinstance(a, Interval):
        return repr(a) == repr(b)
    return True


def _grade(grades: tuple[Grade, ...], rank: int | None) -> Grade | None:
    return None if rank is None else grades[rank]


def _build(
    framework: Framework, plan: Plan, evidence: Evidence, policy: MissingPolicy, core: CoreResult
) -> Assessment:
    from inspectkit.results import Assessment, CriterionResult, Status

    statuses = {
        EXACT: Status.EXACT,
        INTERVAL: Status.INTERVAL,
        ABSENT: Status.ABSENT,
        NOT_APPLICABLE_STATUS: Status.NOT_APPLICABLE,
    }
    grades = framework.scale.grades
    entries = evidence.entries
    criteria: dict[str, CriterionResult] = {}
    judgement_ids = [judgement.id for judgement in plan.judgements]
    memo = plan.criterion_results
    for c in plan.criteria:
        i = c.index
        criterion = c.criterion
        entry = entries.get(criterion.id)
        # A criterion's result depends only on its entry (and, when absent, on the policy),
        # so results are reused across assessments with equal entries: re-scoring a what-if,
        # the same evidence again, or units that share values. Entries are frozen, so an
        # equal entry is as good as the same one.
        key: object = entry if entry is not None else policy
        cached = memo[i].get(key)
        if cached is not None and (entry is None or _same_entry(cached.entry, entry)):
            criteria[criterion.id] = cached
            continue
        status = core.status[i]
        point = core.point[i]
        threshold = c.threshold_for.get(point) if status < ABSENT else None
        result = CriterionResult(
            id=criterion.id,
            judgement=judgement_ids[c.judgement],
            status=statuses[status],
            grade=_grade(grades, point),
            best=_grade(grades, core.best[i]),
            worst=_grade(grades, core.worst[i]),
            entry=entry,
            threshold=threshold,
            reason=_criterion_reason(plan, c, core, entry, policy),
        )
        if len(memo[i]) >= _MEMO_SIZE:
            memo[i].clear()
        memo[i][key] = result
        criteria[criterion.id] = result

    weight_all = 0.0
    weight_known = 0.0
    judgements: dict[str, JudgementResult] = {}
    for judgement in plan.judgements:
        j = judgement.index
        total, known = _coverage_weights(judgement, core)
        weight_all += total
        weight_known += known
        judgements[judgement.id] = _judgement_result(
            plan,
            judgement,
            ranks=(core.j_point[j], core.j_best[j], core.j_worst[j], core.j_uncapped[j]),
            fired=core.j_fired[j],
            member_ranks=[core.point[m] for m in judgement.members],
            coverage=known / total if total > 0 else 1.0,
        )
    coverage = weight_known / weight_all if weight_all > 0 else 1.0
    overall = _judgement_result(
        plan,
        plan.overall,
        ranks=core.overall,
        fired=core.overall_fired,
        member_ranks=list(core.j_point),
        coverage=coverage,
    )
    return Assessment(
        framework=framework,
        evidence=evidence,
        missing=policy,
        overall=overall,
        judgements=judgements,
        criteria=criteria,
        coverage=coverage,
    )


def _coverage_weights(judgement: JudgementPlan, core: CoreResult) -> tuple[float, float]:
    total = 0.0
    known = 0.0
    for member, weight in zip(judgement.members, judgement.weights, strict=True):
        status = core.status[member]
        if status == NOT_APPLICABLE_STATUS:
            continue
        total += weight
        if status != ABSENT:
            known += weight
    return total, known


def _judgement_result(
    plan: Plan,
    judgement: JudgementPlan,
    *,
    ranks: tuple[int | None, int | None, int | None, int | None],
    fired: list[tuple[CapPlan, int, int]],
    member_ranks: list[int | None],
    coverage: float,
) -> JudgementResult:
    from inspectkit.results import FiredCap, JudgementResult

    # The result depends only on these, so it is reused when they come round again.
    key = (
        tuple(member_ranks),
        ranks,
        tuple((cap.index, trigger, before) for cap, trigger, before in fired),
        coverage,
    )
    memo = judgement.results
    cached: JudgementResult | None = memo.get(key)
    if cached is not None:
        return cached
    grades = plan.scale.grades
    point, best, worst, uncapped = ranks
    fired_caps = tuple(
        FiredCap(
            cap=cap.cap,
            trigger=grades[trigger],
            before=grades[before],
            reason=_cap_reason(plan, cap, trigger, before),
        )
        for cap, trigger, before in fired
    )
    reason = _aggregation_reason(plan, judgement, member_ranks, uncapped)
    for fired_cap in fired_caps:
        to = fired_cap.cap.to
        to_label = grades[plan.ranks[to]].label
        if fired_cap.before.id == to:
            reason += f"; held at {to_label} by cap {fired_cap.cap.id}: {fired_cap.reason}"
        else:
            reason += f"; capped at {to_label} by cap {fired_cap.cap.id}: {fired_cap.reason}"
    if point is not None and uncapped is not None and point > uncapped and not fired_caps:
        reason += f"; held at {grades[point].label}, the best the range allows"
    members = tuple(
        plan.criteria[m].criterion.id if judgement.index >= 0 else plan.judgements[m].id
        for m in judgement.members
    )
    result = JudgementResult(
        id=judgement.id,
        title=judgement.title,
        grade=_grade(grades, point),
        best=_grade(grades, best),
        worst=_grade(grades, worst),
        uncapped=_grade(grades, uncapped),
        coverage=coverage,
        caps=fired_caps,
        members=members,
        reason=reason,
    )
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[key] = result
    return result


# ---------------------------------------------------------------------------------------------
# Reasons


def percent(share: float) -> str:
    """Return *share* (0..1) as a percentage for reasons: ``0.583`` -> ``58.3%``."""
    text = f"{share * 100:.1f}"
    return f"{text[:-2]}%" if text.endswith(".0") else f"{text}%"


def number(value: float) -> str:
    """Return a quantity as reasons print it: no trailing zeros."""
    return f"{value:.6g}"


def _show(c: CriterionPlan, value: float) -> str:
    criterion = c.criterion
    if criterion.measure is Measure.PROPORTION:
        return percent(value)
    unit = f" {criterion.unit}" if criterion.unit else ""
    return f"{number(value)}{unit}"


def _measured_suffix(plan: Plan, c: CriterionPlan, rank: int) -> str:
    """The part of a measured criterion's reason after the value, which depends on the rank."""
    grades = plan.scale.grades
    reached = next((t for t, r in c.thresholds if r == rank), None)
    better = None
    for t, r in c.thresholds:
        if r < rank:
            better = (t, r)
    verb_ok, verb_short = ("reaches", "is below") if c.higher else ("is within", "is above")
    if reached is not None:
        text = f" {verb_ok} the {_show(c, reached)} needed for {grades[rank].label}"
        if better is not None:
            text += (
                f" but {verb_short} the {_show(c, better[0])} needed for {grades[better[1]].label}"
            )
        return text
    if better is not None:
        return (
            f" {verb_short} the {_show(c, better[0])} needed for "
            f"{grades[better[1]].label}, so {grades[rank].label}"
        )
    return f": {grades[rank].label}"


def _measured_reason(plan: Plan, c: CriterionPlan, value: float, rank: int) -> str:
    key = (c.index, rank)
    suffix = plan.reasons.get(key)
    if suffix is None:
        suffix = plan.reasons[key] = _measured_suffix(plan, c, rank)
    return f"{c.criterion.title} {_show(c, value)}{suffix}"


def _criterion_reason(
    plan: Plan, c: CriterionPlan, core: CoreResult, entry: Entry | None, policy: MissingPolicy
) -> str:
    i = c.index
    status = core.status[i]
    if c.kind == 0 and status < ABSENT:
        return _value_reason(plan, c, core, entry)
    # Checks, ratings, absent and not-applicable criteria: the reason depends only on these.
    key = (i, status, core.point[i], core.best[i], core.worst[i], policy)
    reason = plan.reasons.get(key)
    if reason is None:
        reason = plan.reasons[key] = _value_reason(plan, c, core, entry, policy)
    return reason


def _value_reason(
    plan: Plan,
    c: CriterionPlan,
    core: CoreResult,
    entry: Entry | None,
    policy: MissingPolicy = MissingPolicy.WORST,
) -> str:
    grades = plan.scale.grades
    i = c.index
    status = core.status[i]
    if status == NOT_APPLICABLE_STATUS:
        return "not applicable: left out of the judgement and of coverage"
    best = core.best[i]
    worst = core.worst[i]
    assert best is not None
    assert worst is not None
    if status == ABSENT:
        span = f"{grades[best].label} to {grades[worst].label}"
        if policy is MissingPolicy.EXCLUDE:
            return f"no evidence: left out (policy 'exclude'); could be {span}"
        return f"no evidence: counted as {grades[worst].label} (policy '{policy.value}')"
    assert entry is not None
    point = core.point[i]
    assert point is not None
    value = entry.value
    if c.kind == 0:  # measured
        if isinstance(value, Interval):
            words = f"'{value.word}' " if value.word else ""
            text = (
                f"{c.criterion.title} {words}({percent(value.low)} to {percent(value.high)}): "
                f"{grades[point].label} at the middle {percent(value.middle)}"
            )
            if best != worst:
                text += f", {grades[best].label} to {grades[worst].label} across the interval"
            return text
        assert isinstance(value, (int, float))
        return _measured_reason(plan, c, float(value), point)
    if c.kind == 1:  # check
        met = grades[c.met].label
        if point == c.met:
            return "met" if c.met == 0 else f"met: counts as {met}"
        return f"not met: {met} needs it met" + (
            f", so {grades[c.not_met].label}" if c.not_met != plan.grades - 1 else ""
        )
    return f"rated {grades[point].label}"


def _members_noun(judgement: JudgementPlan, count: int) -> str:
    if judgement.index < 0:
        return "judgement" if count == 1 else "judgements"
    return "criterion" if count == 1 else "criteria"


def _aggregation_reason(
    plan: Plan, judgement: JudgementPlan, ranks: list[int | None], rank: int | None
) -> str:
    grades = plan.scale.grades
    agg = judgement.aggregation
    graded = [(r, w) for r, w in zip(ranks, judgement.weights, strict=True) if r is not None]
    if rank is None or not graded:
        return f"no {_members_noun(judgement, 2)} could be graded"
    label = grades[rank].label
    count = len(graded)
    total = sum(w for _, w in graded)
    if agg.method == BEST_FIT:
        noun = _members_noun(judgement, count)
        if rank == len(grades) - 1 and rank > 0:
            better = grades[rank - 1].label
            reached = [w for r, w in graded if r < rank]
            share = sum(reached) / total
            return (
                f"best fit: only {len(reached)} of {count} {noun} ({percent(share)}, needs "
                f"{percent(agg.share)}) are {better} or better, so {label}"
            )
        reached = [w for r, w in graded if r <= rank]
        share = sum(reached) / total
        text = (
            f"best fit: {len(reached)} of {count} {noun} ({percent(share)}, needs "
            f"{percent(agg.share)}) are {label} or better"
        )
        if rank > 0:
            better_share = sum(w for r, w in graded if r < rank) / total
            text += f"; only {percent(better_share)} are {grades[rank - 1].label} or better"
        return text
    if agg.method == SECURE_FIT:
        weakest = [
            member
            for member, r in zip(_member_ids(plan, judgement), ranks, strict=True)
            if r is not None and r == rank
        ]
        names = ", ".join(weakest)
        return f"secure fit: the weakest ({names}) {'is' if len(weakest) == 1 else 'are'} {label}"
    if agg.method == PERCENT_BANDS:
        earned = sum(w * agg.points[r] for r, w in graded)
        share = earned / (total * agg.max_points) if agg.max_points > 0 else 0.0
        band = next((b for b, r in agg.bands if r == rank), None)
        if band is None:
            return (
                f"percent bands: {percent(share)} of the maximum points reaches no band, so {label}"
            )
        return (
            f"percent bands: {percent(share)} of the maximum points reaches the "
            f"{number(band)}% band for {label}"
        )
    for rule in agg.rules:
        if rule.rank == rank:
            declared = agg.aggregation.rules[rule.index]
            described = declared.description or _describe_rule(declared_rule=declared, plan=plan)
            return f"rules: {described} holds, giving {label}"
    return f"rules: no rule holds, so {label}"


def _member_ids(plan: Plan, judgement: JudgementPlan) -> list[str]:
    if judgement.index < 0:
        return [plan.judgements[m].id for m in judgement.members]
    return [plan.criteria[m].criterion.id for m in judgement.members]


def _describe_rule(*, declared_rule: Any, plan: Plan) -> str:
    grades = plan.scale
    parts = []
    for grade, count in sorted(declared_rule.at_least.items()):
        parts.append(f"at least {count} {grades.find(grade).label} or better")
    for grade, count in sorted(declared_rule.at_most.items()):
        parts.append(f"at most {count} {grades.find(grade).label} or worse")
    if declared_rule.none_below is not None:
        parts.append(f"none below {grades.find(declared_rule.none_below).label}")
    for member, grade in sorted(declared_rule.minimum.items()):
        parts.append(f"{member} {grades.find(grade).label} or better")
    return " and ".join(parts) if parts else "the rule with no conditions"


def _cap_reason(plan: Plan, cap: CapPlan, trigger: int, before: int) -> str:
    grades = plan.scale.grades
    declared = cap.cap
    if cap.criterion >= 0 and declared.not_met:
        watched = f"{declared.when} is not met"
    else:
        watched = f"{declared.when} is {grades[trigger].label}"
    text = f"{watched}, so {declared.limits} can be no better than {grades[cap.to].label}"
    if before != cap.to:
        text += f" (was {grades[before].label})"
    if declared.description:
        text += f" - {declared.description}"
    return text
