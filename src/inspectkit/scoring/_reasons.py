"""The plain-words reasons for criterion, judgement and cap grades.

Every grade an `inspectkit.Assessment` holds comes with a reason written here from the compiled
framework and the ranks (`inspectkit.scoring._ranks`). Reasons that depend only on grades (not on
a value) are written once per compiled framework and kept in `CompiledFramework.reasons`, since
the same few come round for every unit of a borough.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from inspectkit._words import measured, number, percent
from inspectkit.evidence import Entry, GradeRange, Interval
from inspectkit.grades import GradeScale
from inspectkit.rubric import MissingPolicy
from inspectkit.scoring._compile import (
    BEST_FIT,
    PERCENT_BANDS,
    SECURE_FIT,
    CompiledCap,
    CompiledCriterion,
    CompiledFramework,
    CompiledJudgement,
)
from inspectkit.scoring._ranks import (
    ABSENT,
    NOT_APPLICABLE_STATUS,
    AssessmentRanks,
    FindingsEffect,
)

__all__ = ["cap_reason", "criterion_reason", "findings_reason", "judgement_reason"]

_WEIGHT_NAMES = ("minor", "notable", "major")


def _counted(counts: tuple[int, int, int], lightest: int, noun: str) -> str:
    """Say how many findings of weight rank *lightest* or heavier: "1 major and 2 notable"."""
    parts = [
        f"{counts[rank]} {_WEIGHT_NAMES[rank]}"
        for rank in range(len(counts) - 1, lightest - 1, -1)
        if counts[rank]
    ]
    total = sum(counts[lightest:])
    words = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{words} {noun if total == 1 else noun + 'es' if noun.endswith('s') else noun + 's'}"


def findings_reason(
    compiled: CompiledFramework,
    judgement: CompiledJudgement,
    effect: FindingsEffect,
    weaknesses: tuple[int, int, int],
    strengths: tuple[int, int, int],
) -> str:
    """Say what a judgement's findings did: the limit that fired, the support that held.

    For example "2 notable weaknesses keep access at or below Requires improvement (the
    criteria give Good)".
    """
    assert judgement.findings is not None
    grades = compiled.scale_of(judgement.index).grades
    parts = []
    if effect.ceiling is not None:
        weight = judgement.findings.limits[effect.limit][0]
        count = sum(weaknesses[weight:])
        text = (
            f"{_counted(weaknesses, weight, 'weakness')} keep{'s' if count == 1 else ''} "
            f"{judgement.id} at or below {grades[effect.ceiling].label}"
        )
        if effect.criteria is not None and effect.criteria < effect.ceiling:
            text += f" (the criteria give {grades[effect.criteria].label})"
        parts.append(text)
    if effect.criteria is None and effect.support is not None:
        weight = judgement.findings.supports[effect.supported_by][0]
        count = sum(strengths[weight:])
        parts.append(
            f"{_counted(strengths, weight, 'strength')} support{'s' if count == 1 else ''} "
            f"{grades[effect.support].label}"
        )
    if effect.criteria is not None:
        return "; ".join(parts)
    if not parts:
        if not sum(weaknesses) + sum(strengths):
            return ""
        found = [
            _counted(counts, 0, noun)
            for counts, noun in ((strengths, "strength"), (weaknesses, "weakness"))
            if sum(counts)
        ]
        return f"its findings ({' and '.join(found)}) neither limit nor support a grade"
    return "graded from its findings: " + "; ".join(parts)


def _measured_suffix(compiled: CompiledFramework, c: CompiledCriterion, rank: int) -> str:
    """The part of a measured criterion's reason after the value, which depends on the rank."""
    grades = compiled.scale_of(c.judgement).grades
    reached = next((t for t, r in c.thresholds if r == rank), None)
    better = None
    for t, r in c.thresholds:
        if r < rank:
            better = (t, r)
    verb_ok, verb_short = ("reaches", "is below") if c.higher else ("is within", "is above")
    if reached is not None:
        text = f" {verb_ok} the {measured(c.criterion, reached)} needed for {grades[rank].label}"
        if better is not None:
            shown = measured(c.criterion, better[0])
            text += f" but {verb_short} the {shown} needed for {grades[better[1]].label}"
        return text
    if better is not None:
        return (
            f" {verb_short} the {measured(c.criterion, better[0])} needed for "
            f"{grades[better[1]].label}, so {grades[rank].label}"
        )
    return f": {grades[rank].label}"


def _measured_reason(
    compiled: CompiledFramework, c: CompiledCriterion, value: float, rank: int
) -> str:
    key = (c.index, rank)
    suffix = compiled.reasons.get(key)
    if suffix is None:
        suffix = compiled.reasons[key] = _measured_suffix(compiled, c, rank)
    return f"{c.criterion.title} {measured(c.criterion, value)}{suffix}"


def criterion_reason(
    compiled: CompiledFramework,
    c: CompiledCriterion,
    core: AssessmentRanks,
    entry: Entry | None,
    policy: MissingPolicy,
) -> str:
    i = c.index
    status = core.status[i]
    if entry is not None and isinstance(entry.value, GradeRange):
        return _view_reason(compiled, c, entry.value, entry.text)
    if c.kind == 0 and status < ABSENT:
        return _value_reason(compiled, c, core, entry)
    # Checks, ratings, absent and not-applicable criteria: the reason depends only on these.
    key = (i, status, core.point[i], core.best[i], core.worst[i], policy)
    reason = compiled.reasons.get(key)
    if reason is None:
        reason = compiled.reasons[key] = _value_reason(compiled, c, core, entry, policy)
    return reason


def _view_reason(
    compiled: CompiledFramework, c: CompiledCriterion, view: GradeRange, text: str | None
) -> str:
    scale = compiled.scale_of(c.judgement)
    labels = {g.id: g.label for g in scale.grades}
    title = c.criterion.title
    if c.kind == 1 and text:  # a check descriptor
        return f"{title}: {text!r}, {labels[view.point]}"
    if view.is_exact:
        return f"{title}: an assessor's view, {labels[view.point]}"
    words = f" ({text})" if text else ""
    return (
        f"{title}: an assessor's view{words}, {labels[view.best]} to {labels[view.worst]}; "
        f"{labels[view.point]} taken for the prediction"
    )


def _value_reason(
    compiled: CompiledFramework,
    c: CompiledCriterion,
    core: AssessmentRanks,
    entry: Entry | None,
    policy: MissingPolicy = MissingPolicy.WORST,
) -> str:
    scale = compiled.scale_of(c.judgement)
    grades = scale.grades
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
        return _measured_reason(compiled, c, float(value), point)
    if c.kind == 1:  # check
        met = grades[c.met].label
        if point == c.met:
            return "met" if c.met == 0 else f"met: counts as {met}"
        if c.criterion.level is not None:
            met = scale.find(c.criterion.level).label
        return f"not met: {met} needs it met" + (
            f", so {grades[c.not_met].label}" if c.not_met != len(grades) - 1 else ""
        )
    return f"rated {grades[point].label}"


def judgement_reason(
    compiled: CompiledFramework,
    judgement: CompiledJudgement,
    member_ranks: Sequence[int | None],
    *,
    point: int | None,
    uncapped: int | None,
    fired: Sequence[tuple[CompiledCap, int, str]],
    assumed: Sequence[tuple[int, int]] = (),
    findings: str = "",
    criteria: int | None = -1,
) -> str:
    """The reason for a judgement's (or the overall) grade: its aggregation, then its caps.

    Args:
        compiled: The compiled framework.
        judgement: The judgement, or `CompiledFramework.overall`.
        member_ranks: The members' point ranks.
        point: The grade's rank after caps.
        uncapped: The rank the aggregation alone gives.
        fired: Per cap that fired, ``(cap, rank before the cap, the cap's reason)``.
        assumed: ``(member position, rank)`` for each member with no grade that the rules
            assumed in line with the others.
        findings: What the judgement's findings did (`findings_reason`), if anything.
        criteria: With a findings rule, the rank the criteria gave before the findings
            (``None``: no criterion graded); ``-1`` when there is no findings rule.
    """
    grades = compiled.scale_of(judgement.index).grades
    ranks = list(member_ranks)
    for position, rank in assumed:
        ranks[position] = rank
    reason = aggregation_reason(
        compiled, judgement, ranks, uncapped if criteria == -1 else criteria
    )
    if assumed:
        reason = f"{assumed_text(compiled, judgement, assumed)}; {reason}"
    if findings:
        reason += f"; {findings}"
    for cap, before, cap_text in fired:
        to_label = grades[cap.to].label
        verb = "held" if before == cap.to else "capped"
        reason += f"; {verb} at {to_label} by cap {cap.cap.id}: {cap_text}"
    if point is not None and uncapped is not None and point > uncapped and not fired:
        reason += f"; held at {grades[point].label}, the best the range allows"
    return reason


def assumed_text(
    compiled: CompiledFramework,
    judgement: CompiledJudgement,
    assumed: Sequence[tuple[int, int]],
) -> str:
    """Say which members had no grade and what the rules assumed for them."""
    grades = compiled.scale_of(judgement.index).grades
    parts = []
    for position, rank in assumed:
        member = judgement.members[position]
        if judgement.index < 0:
            name = compiled.judgements[member].title
            others = "the other judgements"
        else:
            name = compiled.criteria[member].criterion.title
            others = "the other criteria"
        parts.append(f"{name} is not graded: assumed in line with {others} ({grades[rank].label})")
    return "; ".join(parts)


def _members_noun(judgement: CompiledJudgement, count: int) -> str:
    if judgement.index < 0:
        return "judgement" if count == 1 else "judgements"
    return "criterion" if count == 1 else "criteria"


def aggregation_reason(
    compiled: CompiledFramework,
    judgement: CompiledJudgement,
    ranks: list[int | None],
    rank: int | None,
) -> str:
    scale = compiled.scale_of(judgement.index)
    grades = scale.grades
    aggregation = judgement.aggregation
    graded = [(r, w) for r, w in zip(ranks, judgement.weights, strict=True) if r is not None]
    if rank is None or not graded:
        return f"no {_members_noun(judgement, 2)} could be graded"
    label = grades[rank].label
    count = len(graded)
    total = sum(w for _, w in graded)
    if aggregation.method == BEST_FIT:
        noun = _members_noun(judgement, count)
        if rank == len(grades) - 1 and rank > 0:
            better = grades[rank - 1].label
            reached = [w for r, w in graded if r < rank]
            share = sum(reached) / total
            return (
                f"best fit: only {len(reached)} of {count} {noun} ({percent(share)}, needs "
                f"{percent(aggregation.share)}) are {better} or better, so {label}"
            )
        reached = [w for r, w in graded if r <= rank]
        share = sum(reached) / total
        text = (
            f"best fit: {len(reached)} of {count} {noun} ({percent(share)}, needs "
            f"{percent(aggregation.share)}) are {label} or better"
        )
        if rank > 0:
            better_share = sum(w for r, w in graded if r < rank) / total
            text += f"; only {percent(better_share)} are {grades[rank - 1].label} or better"
        return text
    if aggregation.method == SECURE_FIT:
        weakest = [
            member
            for member, r in zip(_member_ids(compiled, judgement), ranks, strict=True)
            if r is not None and r == rank
        ]
        if judgement.index >= 0:
            held = _held_by_levels(compiled, judgement, ranks, rank)
            if held:
                return f"secure fit: {held}"
        names = ", ".join(weakest)
        return f"secure fit: the weakest ({names}) {'is' if len(weakest) == 1 else 'are'} {label}"
    if aggregation.method == PERCENT_BANDS:
        earned = sum(w * aggregation.points[r] for r, w in graded)
        share = earned / (total * aggregation.max_points) if aggregation.max_points > 0 else 0.0
        band = next((b for b, r in aggregation.bands if r == rank), None)
        if band is None:
            return (
                f"percent bands: {percent(share)} of the maximum points reaches no band, so {label}"
            )
        return (
            f"percent bands: {percent(share)} of the maximum points reaches the "
            f"{number(band)}% band for {label}"
        )
    for rule in aggregation.rules:
        if rule.rank == rank:
            declared = aggregation.aggregation.rules[rule.index]
            described = declared.description or _describe_rule(declared_rule=declared, grades=scale)
            return f"rules: {described} holds, giving {label}"
    return f"rules: no rule holds, so {label}"


def _held_by_levels(
    compiled: CompiledFramework,
    judgement: CompiledJudgement,
    ranks: list[int | None],
    rank: int,
) -> str:
    """Say which unmet ``level`` checks, grouped by level, hold a secure-fit judgement.

    Empty when the weakest members are not all level checks (then the plain wording is used).
    Where every member is met, a judgement held by its level ceiling says so: the limit is in
    the framework (no criteria for the better grades), not in the unit.
    """
    scale = compiled.scale_of(judgement.index)
    label = scale.grades[rank].label
    by_level: dict[str, list[str]] = {}
    for member, r in zip(judgement.members, ranks, strict=True):
        c = compiled.criteria[member]
        if r is None or r != rank:
            continue
        if c.criterion.level is None or c.kind != 1:
            return ""
        if r == c.met:
            continue
        by_level.setdefault(c.criterion.level, []).append(c.criterion.id)
    if not by_level:
        if rank == 0:
            return ""
        return (
            f"every criterion met; {label} is the best grade this framework declares "
            "criteria for in this area"
        )
    parts = []
    for level, ids in sorted(by_level.items(), key=lambda item: scale.ids.index(item[0])):
        words = scale.find(level).label.lower().replace(" ", "-")
        if level == scale.worst.id:
            noun = "descriptor" if len(ids) == 1 else "descriptors"
            parts.append(f"{len(ids)} failed {words} {noun}: {', '.join(ids)}")
        else:
            noun = "criterion" if len(ids) == 1 else "criteria"
            parts.append(f"{len(ids)} unmet {words} {noun}: {', '.join(ids)}")
    return f"held at {label} by " + "; ".join(parts)


def _member_ids(compiled: CompiledFramework, judgement: CompiledJudgement) -> list[str]:
    if judgement.index < 0:
        return [compiled.judgements[m].id for m in judgement.members]
    return [compiled.criteria[m].criterion.id for m in judgement.members]


def _describe_rule(*, declared_rule: Any, grades: GradeScale) -> str:
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


def cap_reason(compiled: CompiledFramework, cap: CompiledCap, trigger: int, before: int) -> str:
    declared = cap.cap
    grades = compiled.scale_of(limited_position(compiled, cap)).grades
    watched_scale = compiled.scale_of(watched_position(compiled, cap)).grades
    if cap.criterion >= 0 and declared.not_met:
        watched = f"{declared.when} is not met"
    else:
        watched = f"{declared.when} is {watched_scale[trigger].label}"
    text = f"{watched}, so {declared.limits} can be no better than {grades[cap.to].label}"
    if before != cap.to:
        text += f" (was {grades[before].label})"
    if declared.description:
        text += f" - {declared.description}"
    return text


def limited_position(compiled: CompiledFramework, cap: CompiledCap) -> int:
    """The position of the judgement *cap* limits, ``-1`` for the overall grade."""
    return next((j.index for j in compiled.judgements if j.id == cap.cap.limits), -1)


def watched_position(compiled: CompiledFramework, cap: CompiledCap) -> int:
    """The position of the judgement whose scale *cap*'s trigger is on (``-1``: overall)."""
    if cap.criterion >= 0:
        return compiled.criteria[cap.criterion].judgement
    return cap.judgement
