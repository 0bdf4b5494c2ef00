"""`assess`: score evidence against a framework and explain every grade.

The grades come from `inspectkit.scoring._ranks` and the reasons from
`inspectkit.scoring._reasons`; this module checks the inputs and builds the immutable
`inspectkit.results.Assessment`, reusing results that come round again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import attrs

from inspectkit.errors import EvidenceError, Issue
from inspectkit.evidence import Entry, Evidence, Finding, GivenGrade, Interval
from inspectkit.grades import Grade
from inspectkit.loading._evidence import evidence_from_values
from inspectkit.loading._issues import suggest
from inspectkit.results import (
    Assessment,
    CriterionResult,
    FindingsResult,
    FiredCap,
    JudgementResult,
    LazyMap,
    Status,
    StatusResult,
)
from inspectkit.rubric import Applicability, Framework, Measure, MissingPolicy
from inspectkit.scoring._compile import (
    CompiledCap,
    CompiledCriterion,
    CompiledFramework,
    CompiledJudgement,
    compiled_for,
)
from inspectkit.scoring._delta import remember_ranks
from inspectkit.scoring._ranks import (
    ABSENT,
    EXACT,
    INTERVAL,
    NOT_APPLICABLE_STATUS,
    AssessmentRanks,
    FindingsEffect,
    Rank,
    given_ranks,
    overall_from,
    score,
)
from inspectkit.scoring._reasons import (
    cap_reason,
    criterion_reason,
    findings_reason,
    judgement_reason,
    watched_position,
)
from inspectkit.scoring._statuses import evaluate_statuses

__all__ = ["assess", "grade_overall", "resolve_policy"]


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
        TypeError: *framework* is not a `Framework` (load one with `inspectkit.load_framework`).
    """
    if not isinstance(framework, Framework):
        raise TypeError(
            "assess() takes a Framework (from inspectkit.load_framework), "
            f"not {type(framework).__name__}"
        )
    evidence = _to_evidence(framework, evidence)
    _check_provisions(framework, evidence)
    policy = resolve_policy(framework, missing)
    compiled = compiled_for(framework)
    # The very same evidence again (a what-if's base, a report re-run): everything up to the
    # result objects depends only on it and the policy, and both are immutable. The memo holds
    # the evidence itself, so its id cannot pass to another object while it is there.
    key = (id(evidence), policy)
    scored = compiled.scored.get(key)
    if scored is not None and scored[0] is evidence:
        _, applied, seen, seen_computed = scored
        assessment = _build(framework, compiled, applied, policy, seen, computed=seen_computed)
        remember_ranks(assessment, seen)
        return assessment
    original = evidence
    if not compiled.applies_to_all:  # else nothing can be set aside: `applied` is the same
        evidence = evidence.applied(framework)
    entries = evidence.entries
    given = given_ranks(compiled, evidence.judgements) if evidence.judgements else {}
    _check_entries(compiled, entries, policy, evidence.file, given)
    exclude = policy is MissingPolicy.EXCLUDE
    core = score(compiled, entries, exclude, evidence.findings, given)
    if core.wrong_form:
        _raise_bad_values(compiled, entries, core.wrong_form, evidence.file)
    computed: list[Rank] = []
    if given:
        # What the criteria alone would give a given judgement, to show beside the given grade.
        computed = list(score(compiled, entries, exclude, evidence.findings).judgement_point)
    if len(compiled.scored) >= _SCORED_SIZE:
        compiled.scored.clear()
    compiled.scored[key] = (original, evidence, core, computed)
    assessment = _build(framework, compiled, evidence, policy, core, computed=computed)
    remember_ranks(assessment, core)  # for the lift planner and what-ifs (`ranks_of`)
    return assessment


_SCORED_SIZE = 8
"""How many evidence objects' scores each framework keeps for the same evidence again."""


GradeRange = tuple[Grade | None, Grade | None, Grade | None]
"""A grade with its range: ``(point, best, worst)``, each ``None`` where there is no grade."""


def grade_overall(
    framework: Framework,
    judgements: Mapping[str, GradeRange],
    criteria: Mapping[str, GradeRange] | None = None,
) -> GradeRange:
    """Return the overall grade that given judgement grades earn under *framework*.

    The framework's own overall rule and all of its caps on the overall grade apply, as they
    do in `assess`: a cap watching a criterion sees *criteria*, one watching a judgement sees
    *judgements*. Groups use this to grade the overall judgement of their combined grades.

    Args:
        framework: The framework.
        judgements: Judgement id -> its ``(point, best, worst)`` grades; a judgement left
            out has no grade.
        criteria: Criterion id -> its ``(point, best, worst)`` grades, for the caps that
            watch criteria; a criterion left out has no grade (and fires no cap).

    Returns:
        The overall ``(point, best, worst)`` grades.
    """
    compiled = compiled_for(framework)
    nothing: GradeRange = (None, None, None)
    criteria = criteria or {}

    def ranks(grades: GradeRange) -> tuple[int | None, int | None, int | None]:
        point, best, worst = grades
        return (_rank_of(point), _rank_of(best), _rank_of(worst))

    result = overall_from(
        compiled,
        [ranks(judgements.get(judgement.id, nothing)) for judgement in compiled.judgements],
        [ranks(criteria.get(c.criterion.id, nothing)) for c in compiled.criteria],
    )
    grades = compiled.scale.grades
    point, best, worst, _ = result.overall
    return (_grade(grades, point), _grade(grades, best), _grade(grades, worst))


def _rank_of(grade: Grade | None) -> int | None:
    return None if grade is None else grade.rank


def _check_entries(
    compiled: CompiledFramework,
    entries: Mapping[str, Entry],
    policy: MissingPolicy,
    file: str | None,
    given: Mapping[int, Rank],
) -> None:
    index = compiled.index
    if policy is not MissingPolicy.ERROR and entries.keys() <= index.keys():
        return
    unknown = [criterion_id for criterion_id in entries if criterion_id not in index]
    issues = [
        Issue(
            f"evidence.{criterion_id}",
            "unknown-criterion",
            f"framework {compiled.framework_id!r} has no criterion {criterion_id!r}",
            # The same words as the evidence reader's, which `suggest` already phrases.
            hint=suggest(criterion_id, index)
            or f"run `inspectkit template {compiled.framework_id}` to list the criteria",
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
            for c in compiled.criteria
            if c.criterion.id not in entries and c.judgement not in given
        )
    if issues:
        count = len(issues)
        raise EvidenceError(_summary(file, count), [attrs.evolve(i, file=file) for i in issues])


def _check_provisions(framework: Framework, evidence: Evidence) -> None:
    """Refuse evidence for what the unit lacks, as the evidence loader does for a file.

    Evidence built in Python does not pass through the loader, so the same contradiction
    (a value for a criterion of a provision the evidence says the unit lacks) is refused
    here. Evidence for a judgement the evidence's date pre-dates is only set aside.
    """
    if not evidence.provisions:
        return
    absent = framework.applicability(evidence.provisions, evidence.date)
    issues = []
    for criterion_id, why in absent.criteria.items():
        entry = evidence.entries.get(criterion_id)
        judgement = framework.judgement_of(criterion_id).id
        if entry is None or entry.is_not_applicable or judgement in absent.before_introduced:
            continue
        issues.append(
            Issue(
                f"evidence.{criterion_id}",
                "provision-absent",
                f"evidence for {criterion_id!r}, which does not apply: {why}",
                hint="remove the value, or say in provisions that the unit has the provision",
            )
        )
    for judgement_id, why in absent.judgements.items():
        given = evidence.judgements.get(judgement_id)
        if given is None or not given.applies or judgement_id in absent.before_introduced:
            continue
        issues.append(
            Issue(
                f"judgements.{judgement_id}",
                "provision-absent",
                f"a grade for {judgement_id!r}, which does not apply: {why}",
                hint="remove the grade, or say in provisions that the unit has the provision",
            )
        )
    if issues:
        file = evidence.file
        count = len(issues)
        raise EvidenceError(_summary(file, count), [attrs.evolve(i, file=file) for i in issues])


def _raise_bad_values(
    compiled: CompiledFramework,
    entries: Mapping[str, Entry],
    wrong_form: Sequence[int],
    file: str | None,
) -> None:
    issues = []
    for i in wrong_form:
        criterion = compiled.criteria[i].criterion
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
"""How many results each criterion keeps for reuse before starting afresh."""

_JUDGEMENT_MEMO_SIZE = 256
"""How many results each judgement (and the overall grade) keeps for reuse.

More than a criterion keeps: a judgement's result depends on grades only (not on values), and
across a batch the same few combinations of grades come round again and again."""


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


_APPLIES: Final = Applicability()
"""What does not apply under a framework where everything applies: nothing."""


def _build(
    framework: Framework,
    compiled: CompiledFramework,
    evidence: Evidence,
    policy: MissingPolicy,
    core: AssessmentRanks,
    *,
    computed: Sequence[Rank] = (),
) -> Assessment:
    entries = evidence.entries
    absent = (
        _APPLIES
        if compiled.applies_to_all
        else framework.applicability(evidence.provisions, evidence.date)
    )
    memo = compiled.criterion_results
    given_grades = evidence.judgements

    def criterion_result(criterion_id: str) -> CriterionResult:
        # Called on first read of the criterion's result (see `LazyMap`): the grades are all
        # in *core* already, and neither it nor the evidence changes afterwards.
        c = compiled.criteria[compiled.index[criterion_id]]
        result = _criterion_result(compiled, c, core, entries.get(criterion_id), policy, memo=memo)
        why = absent.criteria.get(criterion_id)
        if why is not None:
            result = attrs.evolve(result, reason=why)
        provision = absent.unstated_criteria.get(criterion_id)
        if provision is not None:
            note = f"; provision not stated ({provision.label})"
            result = attrs.evolve(result, reason=result.reason + note)
        return _mark_given(result, given_grades.get(result.judgement))

    criteria = LazyMap(compiled.index, criterion_result)
    covered = _coverage(compiled, core, given_grades)
    weight_all = 0.0
    weight_known = 0.0
    for total, known in covered:
        weight_all += total
        weight_known += known
    coverage = weight_known / weight_all if weight_all > 0 else 1.0
    positions = compiled.judgement_index

    def judgement_result(judgement_id: str) -> JudgementResult:
        # Called on first read, like `criterion_result`: only the grades are needed before.
        j = positions[judgement_id]
        total, known = covered[j]
        return _full_judgement_result(
            compiled,
            compiled.judgements[j],
            core,
            evidence,
            absent,
            coverage=known / total if total > 0 else 1.0,
            computed=computed[j] if computed else None,
        )

    judgements = LazyMap(compiled.judgement_index, judgement_result)
    overall = _judgement_result(
        compiled,
        compiled.overall,
        ranks=core.overall,
        fired=core.overall_fired,
        member_ranks=[
            None if j in compiled.other_scale else rank
            for j, rank in enumerate(core.judgement_point)
        ]
        if compiled.other_scale
        else core.judgement_point,
        coverage=coverage,
        assumed=core.overall_assumed,
    )
    return Assessment(
        framework=framework,
        evidence=evidence,
        missing=policy,
        overall=overall,
        judgements=judgements,
        criteria=criteria,
        coverage=coverage,
        statuses=evaluate_statuses(framework, overall, judgements, criteria)
        if framework.statuses
        else _NO_STATUSES,
    )


_NO_STATUSES: Final[Mapping[str, StatusResult]] = {}


def _coverage(
    compiled: CompiledFramework, core: AssessmentRanks, given: Mapping[str, GivenGrade]
) -> list[tuple[float, float]]:
    """Per judgement, the weight of its criteria that apply and of those with evidence.

    A given grade is known, whatever evidence its criteria have.
    """
    plan = compiled.plan
    status = core.status
    found: list[tuple[float, float]] = []
    for judgement in compiled.judgements:
        j = judgement.index
        if plan is None:
            total, known = _coverage_weights(judgement, core)
        else:
            first, end, heavier, full = plan.spans[j]
            statuses = status[first:end]
            if NOT_APPLICABLE_STATUS not in statuses and ABSENT not in statuses:
                total = known = full  # summed at compile time in the same order
            elif heavier is not None:
                # Whole-number weights sum exactly in any order: count every member once, then
                # add the heavier members' extra weight.
                total = float(len(statuses) - statuses.count(NOT_APPLICABLE_STATUS))
                known = total - statuses.count(ABSENT)
                for offset, extra in heavier:
                    kind = statuses[offset]
                    if kind != NOT_APPLICABLE_STATUS:
                        total += extra
                        if kind != ABSENT:
                            known += extra
            else:
                total, known = _coverage_weights(judgement, core)
        if given and judgement.id in given:
            known = total
        found.append((total, known))
    return found


def _full_judgement_result(
    compiled: CompiledFramework,
    judgement: CompiledJudgement,
    core: AssessmentRanks,
    evidence: Evidence,
    absent: Applicability,
    *,
    coverage: float,
    computed: Rank,
) -> JudgementResult:
    """One judgement's result, with what the evidence gives directly and what does not apply."""
    j = judgement.index
    entries = evidence.entries
    result = _judgement_result(
        compiled,
        judgement,
        ranks=(
            core.judgement_point[j],
            core.judgement_best[j],
            core.judgement_worst[j],
            core.judgement_uncapped[j],
        ),
        fired=core.judgement_fired[j],
        member_ranks=core.point[judgement.members[0] : judgement.members[-1] + 1]
        if judgement.members
        else [],
        coverage=coverage,
        assumed=core.judgement_assumed[j],
        findings=evidence.findings_for(judgement.id),
        effect=core.judgement_findings[j],
        counts=(core.weaknesses[j], core.strengths[j]),
    )
    given = evidence.judgements.get(judgement.id)
    if given is not None:
        has_criteria_evidence = any(
            compiled.criteria[m].criterion.id in entries for m in judgement.members
        )
        result = _given_result(
            compiled, judgement, result, given, computed if has_criteria_evidence else None
        )
    not_applicable = absent.judgements.get(judgement.id)
    if not_applicable is not None:
        return attrs.evolve(
            result,
            reason=_sentence(not_applicable),
            absent_text=not_applicable,
            given=None,
            computed=None,
        )
    if judgement.id in absent.unstated:
        provision = absent.unstated[judgement.id]
        return attrs.evolve(
            result,
            reason=f"Provision not stated: the evidence does not say whether the unit has "
            f"{provision.label}, so the judgement is graded. {result.reason}",
            provision_unstated=provision.id,
        )
    return result


_STATUSES = {
    EXACT: Status.EXACT,
    INTERVAL: Status.INTERVAL,
    ABSENT: Status.ABSENT,
    NOT_APPLICABLE_STATUS: Status.NOT_APPLICABLE,
}


def _criterion_result(
    compiled: CompiledFramework,
    c: CompiledCriterion,
    core: AssessmentRanks,
    entry: Entry | None,
    policy: MissingPolicy,
    *,
    memo: list[dict[Any, Any]],
) -> CriterionResult:
    i = c.index
    criterion = c.criterion
    # A criterion's result depends only on its entry (and, when absent, on the policy),
    # so results are reused across assessments with equal entries: re-scoring a what-if,
    # the same evidence again, or units that share values. Entries are frozen, so an
    # equal entry is as good as the same one.
    key: object = entry if entry is not None else policy
    cached: CriterionResult | None = memo[i].get(key)
    if cached is not None and (entry is None or _same_entry(cached.entry, entry)):
        return cached
    status = core.status[i]
    point = core.point[i]
    grades = compiled.judgement_scales[c.judgement].grades
    threshold = c.threshold_for.get(point) if status < ABSENT else None
    result = CriterionResult(
        id=criterion.id,
        judgement=compiled.judgements[c.judgement].id,
        status=_STATUSES[status],
        grade=_grade(grades, point),
        best=_grade(grades, core.best[i]),
        worst=_grade(grades, core.worst[i]),
        entry=entry,
        threshold=threshold,
        reason=criterion_reason(compiled, c, core, entry, policy),
    )
    if len(memo[i]) >= _MEMO_SIZE:
        memo[i].clear()
    memo[i][key] = result
    return result


def _mark_given(result: CriterionResult, grade: GivenGrade | None) -> CriterionResult:
    """Say of an absent criterion of a given judgement that it is not counted.

    Without this, its reason would read as the policy has it ("counted as Inadequate"), but a
    given grade is final: its criteria are not asked for and count for nothing. The result is
    replaced here, after the memo of criterion results, which does not know the givens.
    """
    if grade is None or result.status is not Status.ABSENT:
        return result
    why = "'s grade is given directly" if grade.applies else " is given as not applicable"
    return attrs.evolve(result, reason=f"no evidence: not counted, as the judgement{why}")


def _given_result(
    compiled: CompiledFramework,
    judgement: CompiledJudgement,
    result: JudgementResult,
    given: GivenGrade,
    computed: Rank,
) -> JudgementResult:
    grades = compiled.scale_of(judgement.index).grades
    computed_grade = _grade(grades, computed)
    source = f" ({given.source})" if given.source else ""
    if given.applies:
        grade = result.grade
        label = grade.label if grade is not None else str(given.grade)
        reason = f"Given directly by the evidence: {label}{source}."
        if computed_grade is not None:
            if grade is not None and computed_grade.rank != grade.rank:
                reason += (
                    f" Its criteria evidence would give {computed_grade.label}, which differs "
                    "from the given grade; the given grade stands."
                )
            else:
                reason += " Its criteria evidence gives the same grade."
    else:
        reason = f"Not graded: the evidence gives it as not applicable to this unit{source}."
    if given.note:
        reason += f" {given.note}"
    return attrs.evolve(result, caps=(), reason=reason, given=given, computed=computed_grade)


def _sentence(text: str) -> str:
    """Return *text* as a sentence: a capital first letter and a full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _coverage_weights(judgement: CompiledJudgement, core: AssessmentRanks) -> tuple[float, float]:
    total = 0.0
    known = 0.0
    status = core.status
    for member, weight in zip(judgement.members, judgement.weights, strict=True):
        found = status[member]
        if found == NOT_APPLICABLE_STATUS:
            continue
        total += weight
        if found != ABSENT:
            known += weight
    return total, known


def _judgement_result(
    compiled: CompiledFramework,
    judgement: CompiledJudgement,
    *,
    ranks: tuple[int | None, int | None, int | None, int | None],
    fired: list[tuple[CompiledCap, int, int]],
    member_ranks: Sequence[int | None],
    coverage: float,
    assumed: tuple[tuple[int, int], ...] = (),
    findings: tuple[Finding, ...] = (),
    effect: FindingsEffect | None = None,
    counts: tuple[tuple[int, int, int], tuple[int, int, int]] = ((0, 0, 0), (0, 0, 0)),
) -> JudgementResult:
    # The result depends only on these and the coverage, so it is reused when they come
    # round again; with another coverage (nothing else reads it) it is copied with that one.
    key = (
        tuple(member_ranks),
        ranks,
        tuple([(cap.index, trigger, before) for cap, trigger, before in fired]) if fired else (),
        assumed,
        findings,
        effect,
    )
    memo = judgement.results
    cached: JudgementResult | None = memo.get(key)
    if cached is not None:
        if cached.coverage == coverage:
            return cached
        return attrs.evolve(cached, coverage=coverage)
    grades = compiled.scale_of(judgement.index).grades
    point, best, worst, uncapped = ranks
    findings_text = ""
    findings_result = None
    if effect is not None and judgement.findings is not None:
        findings_text = findings_reason(compiled, judgement, effect, *counts)
        rule = judgement.findings.rule
        findings_result = FindingsResult(
            rule=rule,
            ceiling=_grade(grades, effect.ceiling),
            limit=rule.limits[effect.limit] if effect.ceiling is not None else None,
            support=_grade(grades, effect.support),
            supported_by=rule.supports[effect.supported_by] if effect.support is not None else None,
            criteria=_grade(grades, effect.criteria),
            holds=effect.limited,
            reason=findings_text,
        )
    elif findings:
        findings_text = "the framework has no findings rules, so its findings change no grade"
    fired_caps = tuple(
        FiredCap(
            cap=cap.cap,
            trigger=compiled.scale_of(watched_position(compiled, cap)).grades[trigger],
            before=grades[before],
            reason=cap_reason(compiled, cap, trigger, before),
        )
        for cap, trigger, before in fired
    )
    reason = judgement_reason(
        compiled,
        judgement,
        member_ranks,
        point=point,
        uncapped=uncapped,
        fired=[
            (cap, before, fired_cap.reason)
            for (cap, _, before), fired_cap in zip(fired, fired_caps, strict=True)
        ],
        assumed=assumed,
        findings=findings_text,
        criteria=-1 if effect is None else effect.criteria,
    )
    members = judgement.member_ids
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
        assumed={members[position]: grades[rank] for position, rank in assumed},
        findings=findings,
        findings_result=findings_result,
    )
    if len(memo) >= _JUDGEMENT_MEMO_SIZE:
        memo.clear()
    memo[key] = result
    return result
