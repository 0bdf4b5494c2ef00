"""The pure grade computation: evidence values in, ranks out.

Nothing here builds result objects or writes reasons; `inspectkit.scoring._assess` does that
from an `AssessmentRanks`. Keeping the core on plain ints and floats makes one assessment cheap
enough to score a borough's centres many times over in a what-if search.

Every grade is computed three times: the point prediction, and the best and worst grades the
evidence allows. Each aggregation method and each cap is monotone, so the three stay ordered
(best <= point <= worst, as ranks).

Unknowns are honest. A member with no point rank is either *not applicable* (its best rank is
``None`` too: it is left out of everything) or *unknown* (absent evidence under the ``exclude``
policy, or a judgement none of whose criteria could be graded: its best and worst ranks are
known bounds). Best fit, secure fit and percent bands leave an unknown member out, which judges
the rest as they stand. A ``rules`` aggregation names members and counts them, so leaving one out
would let it meet conditions it was never shown to meet ("leadership outstanding and none below
good" with leadership unknown). There the point prediction *assumes* each unknown member is in
line with the others: at the worst graded member's rank. That is never better than assuming the
best graded one, and adding evidence at the assumed grade does not move the point. The caps on
that aggregation watch the assumed ranks too, and the assumptions are kept for the reports.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from inspectkit.evidence import NOT_APPLICABLE, Entry, Finding, GivenGrade, GradeRange, Interval
from inspectkit.grades import GradeScale
from inspectkit.rubric import Aggregation, Method
from inspectkit.scoring._compile import (
    BEST_FIT,
    CHECK,
    KERNEL_BEST_FIT_UNIT,
    KERNEL_BEST_FIT_WHOLE,
    KERNEL_NONE,
    KERNEL_RULES,
    KERNEL_SECURE_FIT,
    MEASURED,
    NONE,
    PERCENT_BANDS,
    RULES,
    SECURE_FIT,
    CompiledAggregation,
    CompiledCap,
    CompiledCriterion,
    CompiledFindings,
    CompiledFramework,
    CompiledJudgement,
    CompiledRule,
    FastRule,
    Kernel,
    ScorePlan,
    compile_aggregation,
)

__all__ = [
    "AssessmentRanks",
    "aggregate",
    "assume_unknown",
    "combine",
    "given_ranks",
    "overall_from",
    "score",
    "score_general",
    "with_ranks",
]

EXACT = 0
INTERVAL = 1
ABSENT = 2
NOT_APPLICABLE_STATUS = 3

# Shares and percentages are compared with this much slack, so that weights such as 0.1 that
# binary floating point cannot hold exactly still reach a share they meet on paper.
_EPSILON = 1e-9

Rank = int | None


class AssessmentRanks:
    """The ranks one assessment produces (``None`` where there is no grade).

    Attributes:
        status: Per criterion, `EXACT`, `INTERVAL`, `ABSENT` or `NOT_APPLICABLE_STATUS`.
        point: Per criterion, the predicted rank.
        best: Per criterion, the best rank the evidence allows.
        worst: Per criterion, the worst rank the evidence allows.
        wrong_form: Positions of criteria whose value has the wrong form for their measure.
        judgement_point: Per judgement, the predicted rank after caps.
        judgement_best: Per judgement, the best rank after caps.
        judgement_worst: Per judgement, the worst rank after caps.
        judgement_uncapped: Per judgement, the predicted rank before caps.
        judgement_fired: Per judgement, the caps that fired on the point prediction, as
            ``(cap, trigger rank, rank before the cap)``.
        judgement_assumed: Per judgement, the ranks assumed for unknown members of a ``rules``
            aggregation, as ``(position among its members, rank)`` pairs (see the module
            docstring).
        overall: The overall ``(point, best, worst, uncapped)``.
        overall_fired: The caps that fired on the overall point prediction.
        overall_assumed: The ranks assumed for unknown judgements in the overall rule.
        weaknesses: Per judgement, how many weaknesses it has of each weight (minor, notable,
            major); a finding filed under two judgements counts in each.
        strengths: Per judgement, how many strengths it has of each weight.
        judgement_findings: Per judgement, what its findings rule did (`FindingsEffect`), or
            ``None`` where it has no rule.
        given: Judgement position -> the rank given for it directly by the evidence
            (``[judgements]``), or ``None`` where it was given as not applicable. A given grade
            is final: the judgement's criteria and caps do not move it.
    """

    __slots__ = (
        "best",
        "given",
        "judgement_assumed",
        "judgement_best",
        "judgement_findings",
        "judgement_fired",
        "judgement_point",
        "judgement_uncapped",
        "judgement_worst",
        "overall",
        "overall_assumed",
        "overall_fired",
        "point",
        "status",
        "strengths",
        "weaknesses",
        "worst",
        "wrong_form",
    )

    def __init__(self, count: int, judgements: int) -> None:
        self.status: list[int] = [ABSENT] * count
        self.point: list[Rank] = [None] * count
        self.best: list[Rank] = [None] * count
        self.worst: list[Rank] = [None] * count
        self.wrong_form: list[int] = []
        self.judgement_point: list[Rank] = [None] * judgements
        self.judgement_best: list[Rank] = [None] * judgements
        self.judgement_worst: list[Rank] = [None] * judgements
        self.judgement_uncapped: list[Rank] = [None] * judgements
        self.judgement_fired: list[list[tuple[CompiledCap, int, int]]] = [
            [] for _ in range(judgements)
        ]
        self.judgement_assumed: list[tuple[tuple[int, int], ...]] = [()] * judgements
        self.overall: tuple[Rank, Rank, Rank, Rank] = (None, None, None, None)
        self.overall_fired: list[tuple[CompiledCap, int, int]] = []
        self.overall_assumed: tuple[tuple[int, int], ...] = ()
        self.weaknesses: list[tuple[int, int, int]] = [(0, 0, 0)] * judgements
        self.strengths: list[tuple[int, int, int]] = [(0, 0, 0)] * judgements
        self.judgement_findings: list[FindingsEffect | None] = [None] * judgements
        self.given: Mapping[int, Rank] = {}


class FindingsEffect(NamedTuple):
    """What one judgement's findings rule did to its grade (ranks: 0 is the best grade).

    Attributes:
        ceiling: The worst ``to`` of the limits that fire, or ``None`` when none fires.
        limit: The position of the limit that set the ceiling (the first with that ``to``).
        support: The best ``grade`` of the supports that hold, or ``None``.
        supported_by: The position of the support that gave it.
        criteria: The rank the criteria gave before the findings (``None``: not graded).
        point: The rank after the findings (before caps).
    """

    ceiling: int | None
    limit: int
    support: int | None
    supported_by: int
    criteria: int | None
    point: int | None

    @property
    def limited(self) -> bool:
        """Whether the ceiling is what holds the point where it is."""
        return (
            self.ceiling is not None
            and self.point == self.ceiling
            and (self.criteria is None or self.criteria <= self.ceiling)
        )


def _measured(higher: bool, thresholds: tuple[tuple[float, int], ...], floor: int, x: float) -> int:
    if higher:
        for value, rank in thresholds:
            if x >= value:
                return rank
    else:
        for value, rank in thresholds:
            if x <= value:
                return rank
    return floor


def aggregate(
    aggregation: CompiledAggregation, ranks: Sequence[Rank], weights: Sequence[float]
) -> Rank:
    """Return the rank the members' *ranks* combine to, or ``None`` if none is graded.

    Members whose rank is ``None`` are left out, and a ``minimum`` rule condition on such a
    member counts as satisfied: that is right for a member that does not apply. Callers pass
    unknown members of a ``rules`` aggregation at an assumed rank instead (`assume_unknown`).
    """
    method = aggregation.method
    if method == NONE:
        return None
    if method == SECURE_FIT:
        result: Rank = None
        for rank in ranks:
            if rank is not None and (result is None or rank > result):
                result = rank
        return result
    grades = len(aggregation.points)
    if method == BEST_FIT:
        buckets = [0.0] * grades
        total = 0.0
        for rank, weight in zip(ranks, weights, strict=True):
            if rank is not None:
                buckets[rank] += weight
                total += weight
        if total <= 0.0:
            return None
        need = aggregation.share * total - _EPSILON * total
        reached = 0.0
        for rank in range(grades):
            reached += buckets[rank]
            if reached >= need:
                return rank
        return grades - 1
    if method == PERCENT_BANDS:
        points = aggregation.points
        earned = 0.0
        total = 0.0
        for rank, weight in zip(ranks, weights, strict=True):
            if rank is not None:
                earned += weight * points[rank]
                total += weight
        if total <= 0.0:
            return None
        percent = (
            100.0 * earned / (total * aggregation.max_points) if aggregation.max_points > 0 else 0.0
        )
        for band, rank in aggregation.bands:
            if percent >= band - _EPSILON:
                return rank
        return grades - 1
    # RULES
    counts = [0] * grades
    graded = 0
    for rank in ranks:
        if rank is not None:
            counts[rank] += 1
            graded += 1
    if graded == 0:
        return None
    for rule in aggregation.rules:
        if _holds(rule, counts, ranks):
            return rule.rank
    return grades - 1


def _holds(rule: CompiledRule, counts: list[int], ranks: Sequence[Rank]) -> bool:
    for rank, needed in rule.at_least:
        if sum(counts[: rank + 1]) < needed:
            return False
    for rank, allowed in rule.at_most:
        if sum(counts[rank:]) > allowed:
            return False
    none_below = rule.none_below
    if none_below >= 0 and sum(counts[none_below + 1 :]) > 0:
        return False
    for member, rank in rule.minimum:
        got = ranks[member]
        if got is not None and got > rank:
            return False
    return True


def _cap_watch(cap: CompiledCap, criteria: list[Rank], judgements: list[Rank]) -> Rank:
    return criteria[cap.criterion] if cap.criterion >= 0 else judgements[cap.judgement]


def _apply_caps(
    caps: tuple[CompiledCap, ...],
    result: AssessmentRanks,
    *,
    point: Rank,
    best: Rank,
    worst: Rank,
    fired: list[tuple[CompiledCap, int, int]],
) -> tuple[Rank, Rank, Rank]:
    for cap in caps:
        trigger = cap.trigger
        to = cap.to
        watched = _cap_watch(cap, result.point, result.judgement_point)
        if point is not None and watched is not None and watched >= trigger and point <= to:
            # Recorded even when the grade is already at the cap: the cap still holds it there.
            fired.append((cap, watched, point))
            point = to
        watched = _cap_watch(cap, result.best, result.judgement_best)
        if best is not None and watched is not None and watched >= trigger and best < to:
            best = to
        watched = _cap_watch(cap, result.worst, result.judgement_worst)
        if worst is not None and watched is not None and watched >= trigger and worst < to:
            worst = to
    return point, best, worst


_COMBINE_SIZE = 64
_COMBINERS: dict[tuple[tuple[str, ...], Method, float], CompiledAggregation] = {}


def combine(
    scale: GradeScale, method: Method, ranks: Sequence[Rank], *, share: float = 0.5
) -> Rank:
    """Return equally weighted *ranks* combined by ``best_fit`` or ``secure_fit``.

    Groups combine their members' grades with the framework's own aggregation methods rather
    than a copy of them: ``best_fit`` gives the best rank that *share* of the graded members
    reach or beat, ``secure_fit`` the worst graded rank. Ungraded members (``None``) are left
    out; with none graded the result is ``None``.

    Args:
        scale: The grade scale the ranks are on.
        method: `Method.BEST_FIT` or `Method.SECURE_FIT`.
        ranks: The members' ranks.
        share: For ``best_fit``, the share of members needed (0 < share <= 1).

    Raises:
        TypeError: *method* is another method (they need weights, points or rules).
    """
    if method not in (Method.BEST_FIT, Method.SECURE_FIT):
        raise TypeError(f"combine takes best_fit or secure_fit, not {method.value}")
    key = (scale.ids, method, share)
    compiled = _COMBINERS.get(key)
    if compiled is None:
        if len(_COMBINERS) >= _COMBINE_SIZE:
            _COMBINERS.clear()
        positions = {grade_id: rank for rank, grade_id in enumerate(scale.ids)}
        aggregation = Aggregation(method, share=share if method is Method.BEST_FIT else None)
        compiled = _COMBINERS[key] = compile_aggregation(
            aggregation, positions, {}, len(positions) - 1
        )
    return aggregate(compiled, ranks, [1.0] * len(ranks))


def _assumed_at(worst_graded: int, high: int, low: int | None) -> int:
    """The rank an unknown member of range *high* to *low* is assumed at (`assume_unknown`).

    The worst graded member's rank, kept within the member's own range. The lift-plan search
    and the per-judgement sums (`inspectkit.scoring._delta`) assume unknown members by it.
    """
    in_range = max(worst_graded, high)
    return in_range if low is None else min(in_range, low)


def assume_unknown(
    aggregation: CompiledAggregation,
    point: Sequence[Rank],
    best: Sequence[Rank],
    worst: Sequence[Rank],
) -> tuple[Sequence[Rank], tuple[tuple[int, int], ...]]:
    """Return *point* with unknown members of a ``rules`` aggregation at an assumed rank.

    A member is unknown when its point rank is ``None`` but its best rank is not (a member that
    does not apply has neither). Each is assumed to be at the worst graded member's rank, kept
    within the member's own range; with no graded member, or for another method, *point* is
    returned as it is.

    Returns:
        The ranks to aggregate, and the ``(member position, assumed rank)`` pairs.
    """
    if aggregation.method != RULES:
        return point, ()
    graded = [rank for rank in point if rank is not None]
    if not graded or len(graded) == len(point):
        return point, ()
    ranks = list(point)
    assumed_rank = max(graded)
    assumed = []
    for position, (rank, high, low) in enumerate(zip(point, best, worst, strict=True)):
        if rank is None and high is not None:
            # `_assumed_at`, written out: this loop runs in every assessment with a member unknown.
            in_range = max(assumed_rank, high)
            if low is not None:
                in_range = min(in_range, low)
            ranks[position] = in_range
            assumed.append((position, in_range))
    return ranks, tuple(assumed)


def _judge(
    judgement: CompiledJudgement,
    point_ranks: Sequence[Rank],
    best_ranks: Sequence[Rank],
    worst_ranks: Sequence[Rank],
) -> tuple[Rank, Rank, Rank, tuple[tuple[int, int], ...]]:
    aggregation = judgement.aggregation
    weights = judgement.weights
    assumed_ranks, assumed = assume_unknown(aggregation, point_ranks, best_ranks, worst_ranks)
    point = aggregate(aggregation, assumed_ranks, weights)
    best = aggregate(aggregation, best_ranks, weights)
    worst = aggregate(aggregation, worst_ranks, weights)
    return point, best, worst, assumed


def _clamp(point: Rank, best: Rank, worst: Rank) -> Rank:
    # Keeps the point inside its range in edge cases where leaving excluded members out of
    # the point moves it past a bound (an ``at_most`` rule on the best grade, say).
    if point is None or best is None or worst is None:
        return point
    return best if point < best else worst if point > worst else point


def given_ranks(compiled: CompiledFramework, given: Mapping[str, GivenGrade]) -> dict[int, Rank]:
    """Return the judgement grades *given* directly, as judgement position -> rank.

    A judgement given as not applicable maps to ``None``. Ids that are not judgements of the
    framework, or grades not on its scale, are left out (the evidence loader refuses them).
    """
    positions = compiled.judgement_index
    ranks: dict[int, Rank] = {}
    for judgement_id, grade in given.items():
        j = positions.get(judgement_id)
        if j is None:
            continue
        if grade.grade is NOT_APPLICABLE:
            ranks[j] = None
            continue
        found = compiled.scale_of(j).get(grade.grade)
        if found is not None:
            ranks[j] = found.rank
    return ranks


def score(  # noqa: PLR0915 - one loop over the criteria, inline: it is the hot path
    compiled: CompiledFramework,
    entries: Mapping[str, Entry],
    exclude: bool,
    findings: Iterable[Finding] = (),
    given: Mapping[int, Rank] | None = None,
) -> AssessmentRanks:
    """Return the ranks for evidence *entries* (and *findings*) under *compiled*.

    The same ranks as `score_general`, from the framework's `ScorePlan`: one loop over flat
    rows grades the criteria, then each judgement runs the aggregation kernel chosen for it at
    compile time over a slice of the criteria's ranks. A value of a rare form (an assessor's
    view, a subclass of float, a grade alias, a wrong form) goes through the general step for
    its criterion.

    Args:
        compiled: The compiled framework.
        entries: Criterion id -> entry, as held by `inspectkit.Evidence`.
        exclude: Whether absent evidence is left out of the point prediction (policy
            ``exclude``) rather than counted at the worst grade.
        findings: The evidence's findings; only their judgements, signs and weights count.
        given: Judgement position -> a rank given directly for it, or ``None`` for a
            judgement given as not applicable (see `AssessmentRanks.given`).
    """
    plan = compiled.plan
    if plan is None:  # a compiled framework built by hand, without a plan
        return score_general(compiled, entries, exclude, findings, given)
    count = len(compiled.criteria)
    judgements = len(compiled.judgements)
    result = AssessmentRanks.__new__(AssessmentRanks)
    status = result.status = [EXACT] * count
    point: list[Rank] = [None] * count
    best: list[Rank] = [None] * count
    worst: list[Rank] = [None] * count
    result.point, result.best, result.worst = point, best, worst
    result.wrong_form = []
    rare = list(plan.general)
    missing: list[int] = []
    get = entries.get
    for cid, i, higher, t0, r0, t1, r1, t2, r2, t3, r3, floor in plan.measured:
        entry = get(cid)
        if entry is None:
            missing.append(i)
            continue
        x = entry.value
        form = type(x)
        if form is float or form is int:
            # Where lower is better, the plan's thresholds are negated: x <= t is -x >= -t.
            y: float = x if higher else -x  # type: ignore[assignment,operator]
            point[i] = best[i] = worst[i] = (
                r0 if y >= t0 else r1 if y >= t1 else r2 if y >= t2 else r3 if y >= t3 else floor
            )
        elif form is Interval:
            thresholds = ((t0, r0), (t1, r1), (t2, r2), (t3, r3))
            if higher:
                middle, high, low = x.middle, x.high, x.low  # type: ignore[union-attr]
            else:
                middle, high, low = -x.middle, -x.low, -x.high  # type: ignore[union-attr]
            point[i] = _measured(True, thresholds, floor, middle)
            best[i] = _measured(True, thresholds, floor, high)
            worst[i] = _measured(True, thresholds, floor, low)
            status[i] = INTERVAL
        else:
            rare.append(i)
    for cid, i, met, not_met in plan.checks:
        entry = get(cid)
        if entry is None:
            missing.append(i)
            continue
        x = entry.value
        if x is True:
            point[i] = best[i] = worst[i] = met
        elif x is False:
            point[i] = best[i] = worst[i] = not_met
        else:
            rare.append(i)
    for cid, i, ranks in plan.ratings:
        entry = get(cid)
        if entry is None:
            missing.append(i)
            continue
        x = entry.value
        found = ranks.get(x) if type(x) is str else None
        if found is None:
            rare.append(i)
        else:
            point[i] = best[i] = worst[i] = found
    bounds = plan.bounds
    for i in missing:
        status[i] = ABSENT
        best[i], worst[i] = bounds[i]
        if not exclude:
            point[i] = worst[i]
    if rare:
        # Not applicable, an assessor's view, a grade alias, a wrong form, a subclass of
        # float: the general step, in framework order (wrong forms are reported in order).
        rare.sort()
        criteria = compiled.criteria
        for i in rare:
            c = criteria[i]
            status[i] = ABSENT
            point[i] = best[i] = worst[i] = None
            _grade_criterion(compiled, c, get(c.criterion.id), exclude, result)
    result.judgement_point = [None] * judgements
    result.judgement_best = [None] * judgements
    result.judgement_worst = [None] * judgements
    result.judgement_uncapped = [None] * judgements
    result.judgement_fired = [[] for _ in range(judgements)]
    result.judgement_assumed = [()] * judgements
    result.judgement_findings = [None] * judgements
    result.overall_fired = []
    result.given = dict(given) if given else {}
    no_findings = findings == ()
    if no_findings:
        result.weaknesses = result.strengths = [(0, 0, 0)] * judgements
    else:
        _count_findings(compiled, findings, result)
    _fast_judgements(plan, result, no_findings)
    return result


def _run(kernel: Kernel, ranks: list[Rank]) -> Rank:
    """`aggregate` for a kernel of the `ScorePlan`: the same rank, by the quickest way."""
    code, grades, share, weights, heavier, rules, aggregation = kernel
    if code == KERNEL_BEST_FIT_UNIT:
        # Every member weighs 1: the buckets are counts, and counts of ints are exact floats.
        graded = len(ranks) - ranks.count(None)
        if graded == 0:
            return None
        need = share * graded - _EPSILON * graded
        reached = 0
        for rank in range(grades - 1):
            reached += ranks.count(rank)
            if reached >= need:
                return rank
        return grades - 1
    if code == KERNEL_BEST_FIT_WHOLE:
        # Whole-number weights: each member counted once, the heavier ones' extra weight added.
        total = float(len(ranks) - ranks.count(None))
        extras = [0.0] * grades
        for member, extra in heavier:
            heavy = ranks[member]
            if heavy is not None:
                extras[heavy] += extra
                total += extra
        if total <= 0.0:
            return None
        need = share * total - _EPSILON * total
        reached_weight = 0.0
        for rank in range(grades - 1):
            reached_weight += ranks.count(rank) + extras[rank]
            if reached_weight >= need:
                return rank
        return grades - 1
    if code == KERNEL_RULES:
        counts = [ranks.count(rank) for rank in range(grades)]
        if not any(counts):
            return None
        # at_least counts members at a rank or better, at_most and none_below at a rank or
        # worse: running sums from each end answer every condition with one lookup.
        better = list(itertools.accumulate(counts))
        worse = [*reversed([*itertools.accumulate(reversed(counts))]), 0]
        for rule in rules:
            if _rule_holds(rule, better, worse, ranks):
                return rule[0]
        return grades - 1
    if code == KERNEL_SECURE_FIT:
        if None in ranks:
            return max((rank for rank in ranks if rank is not None), default=None)
        return max(ranks, default=None)  # type: ignore[type-var]
    if code == KERNEL_NONE:
        return None
    return aggregate(aggregation, ranks, weights)


def _rule_holds(rule: FastRule, better: list[int], worse: list[int], ranks: list[Rank]) -> bool:
    """`_holds` on running sums of the counts (see `_run`)."""
    _, at_least, at_most, none_below, minimum = rule
    for at, needed in at_least:
        if better[at] < needed:
            return False
    for at, allowed in at_most:
        if worse[at] > allowed:
            return False
    if none_below >= 0 and worse[none_below + 1]:
        return False
    for member, at in minimum:
        got = ranks[member]
        if got is not None and got > at:
            return False
    return True


_UNSEEN = object()

_KERNEL_MEMO_SIZE = 4096
"""How many members' ranks each kernel remembers before starting afresh."""


def _kernel_rank(
    kernel: Kernel, memo: dict[tuple[Rank, ...], Rank] | None, ranks: list[Rank]
) -> Rank:
    """`_run`, remembered.

    The rank is a pure function of the kernel and the ranks, and across units the same few
    combinations of a judgement's grades come round again.
    """
    if memo is None:
        return _run(kernel, ranks)
    key = tuple(ranks)
    found = memo.get(key, _UNSEEN)
    if found is _UNSEEN:
        if len(memo) >= _KERNEL_MEMO_SIZE:
            memo.clear()
        found = memo[key] = _run(kernel, ranks)
    return found  # type: ignore[return-value]


_QUIET: dict[Rank, FindingsEffect] = {}
"""The effect of a findings rule that nothing fires, by the criteria's rank (shared: immutable)."""


def _quiet_effect(rank: Rank) -> FindingsEffect:
    effect = _QUIET.get(rank)
    if effect is None:
        effect = _QUIET[rank] = FindingsEffect(None, -1, None, -1, rank, rank)
    return effect


def _fast_caps(  # noqa: PLR0917 - private; the three predictions and their trace, in order
    caps: tuple[tuple[CompiledCap, int, int, int, int], ...],
    criteria: tuple[list[Rank], list[Rank], list[Rank]],
    judgements: tuple[list[Rank], list[Rank], list[Rank]],
    p: Rank,
    b: Rank,
    w: Rank,
    fired: list[tuple[CompiledCap, int, int]],
) -> tuple[Rank, Rank, Rank]:
    """`_apply_caps` on the plan's caps."""
    for cap, criterion, judgement, trigger, to in caps:
        if criterion >= 0:
            watched_point = criteria[0][criterion]
            watched_best = criteria[1][criterion]
            watched_worst = criteria[2][criterion]
        else:
            watched_point = judgements[0][judgement]
            watched_best = judgements[1][judgement]
            watched_worst = judgements[2][judgement]
        if p is not None and watched_point is not None and watched_point >= trigger and p <= to:
            fired.append((cap, watched_point, p))
            p = to
        if b is not None and watched_best is not None and watched_best >= trigger and b < to:
            b = to
        if w is not None and watched_worst is not None and watched_worst >= trigger and w < to:
            w = to
    return p, b, w


def _fast_judge(
    kernel: Kernel,
    memo: dict[tuple[Rank, ...], Rank] | None,
    point_ranks: list[Rank],
    best_ranks: list[Rank],
    worst_ranks: list[Rank],
) -> tuple[Rank, Rank, Rank, tuple[tuple[int, int], ...]]:
    """`_judge` on a kernel: a side whose members' ranks equal the point's takes its rank."""
    assumed: tuple[tuple[int, int], ...] = ()
    if kernel[0] == KERNEL_RULES and None in point_ranks:
        assumed_ranks, assumed = assume_unknown(kernel[6], point_ranks, best_ranks, worst_ranks)
        point_ranks = list(assumed_ranks)
    p = _kernel_rank(kernel, memo, point_ranks)
    b = p if best_ranks == point_ranks else _kernel_rank(kernel, memo, best_ranks)
    w = p if worst_ranks == point_ranks else _kernel_rank(kernel, memo, worst_ranks)
    return p, b, w, assumed


def _fast_judgements(plan: ScorePlan, result: AssessmentRanks, no_findings: bool) -> None:
    """`_grade_judgements` on the plan.

    A best or worst side whose members' ranks equal the point's takes the point's rank (the
    kernels are pure functions of the ranks), so exact evidence aggregates once. With
    *no_findings*, a findings rule that cannot fire without findings leaves the grade alone.
    """
    point, best, worst = result.point, result.best, result.worst
    criteria = (point, best, worst)
    judgement_point = result.judgement_point
    judgement_best = result.judgement_best
    judgement_worst = result.judgement_worst
    judged = (judgement_point, judgement_best, judgement_worst)
    given = result.given
    for j, first, end, kernel, caps, findings, quiet, memo in plan.steps:
        if given and j in given:
            rank = given[j]
            result.judgement_uncapped[j] = rank
            judgement_point[j] = judgement_best[j] = judgement_worst[j] = rank
            continue
        point_ranks = point[first:end]
        best_ranks = best[first:end]
        worst_ranks = worst[first:end]
        p, b, w, assumed = _fast_judge(kernel, memo, point_ranks, best_ranks, worst_ranks)
        if findings is not None:
            if quiet and no_findings:
                result.judgement_findings[j] = _quiet_effect(p)
            else:
                p, b, w, effect = _apply_findings(
                    findings, result.weaknesses[j], result.strengths[j], (p, b, w)
                )
                result.judgement_findings[j] = effect
        result.judgement_uncapped[j] = p
        result.judgement_assumed[j] = assumed
        if caps:
            p, b, w = _fast_caps(caps, criteria, judged, p, b, w, result.judgement_fired[j])
        if p is not None and b is not None and w is not None:
            p = b if p < b else w if p > w else p
        judgement_point[j] = p
        judgement_best[j] = b
        judgement_worst[j] = w
    _fast_overall(plan, result)


def _fast_overall(plan: ScorePlan, result: AssessmentRanks) -> None:
    """`_grade_overall` on the plan."""
    judgement_point = result.judgement_point
    judgement_best = result.judgement_best
    judgement_worst = result.judgement_worst
    kernel = plan.overall
    outside = plan.outside
    if outside:
        point_ranks = [None if j in outside else rank for j, rank in enumerate(judgement_point)]
        best_ranks = [None if j in outside else rank for j, rank in enumerate(judgement_best)]
        worst_ranks = [None if j in outside else rank for j, rank in enumerate(judgement_worst)]
    else:
        point_ranks = judgement_point
        best_ranks = judgement_best
        worst_ranks = judgement_worst
    p, b, w, assumed = _fast_judge(kernel, plan.overall_memo, point_ranks, best_ranks, worst_ranks)
    uncapped = p
    result.overall_assumed = assumed
    if plan.overall_caps:
        # The overall caps watch the judgements as assumed, like the overall rule did.
        watched = judgement_point
        if assumed:
            watched = list(judgement_point)
            for position, rank in assumed:
                watched[position] = rank
        p, b, w = _fast_caps(
            plan.overall_caps,
            (result.point, result.best, result.worst),
            (watched, judgement_best, judgement_worst),
            p,
            b,
            w,
            result.overall_fired,
        )
    if p is not None and b is not None and w is not None:
        p = b if p < b else w if p > w else p
    result.overall = (p, b, w, uncapped)


def score_general(
    compiled: CompiledFramework,
    entries: Mapping[str, Entry],
    exclude: bool,
    findings: Iterable[Finding] = (),
    given: Mapping[int, Rank] | None = None,
) -> AssessmentRanks:
    """Return the ranks for evidence *entries* (and *findings*) under *compiled*, plainly.

    The reference `score` is held to: one step per criterion and per judgement, through the
    general `aggregate` and `_apply_caps`. `score` gives the same ranks faster.

    Args:
        compiled: The compiled framework.
        entries: Criterion id -> entry, as held by `inspectkit.Evidence`.
        exclude: Whether absent evidence is left out of the point prediction (policy
            ``exclude``) rather than counted at the worst grade.
        findings: The evidence's findings; only their judgements, signs and weights count.
        given: Judgement position -> a rank given directly for it, or ``None`` for a
            judgement given as not applicable (see `AssessmentRanks.given`).
    """
    result = AssessmentRanks(len(compiled.criteria), len(compiled.judgements))
    if given:
        result.given = dict(given)
    _grade_criteria(compiled, entries, exclude, result)
    _count_findings(compiled, findings, result)
    _grade_judgements(compiled, result)
    return result


def _count_findings(
    compiled: CompiledFramework, findings: Iterable[Finding], result: AssessmentRanks
) -> None:
    positions = compiled.judgement_index
    weak = [[0, 0, 0] for _ in compiled.judgements]
    strong = [[0, 0, 0] for _ in compiled.judgements]
    for finding in findings:
        counts = weak if finding.is_weakness else strong
        for judgement_id in finding.judgements:
            j = positions.get(judgement_id)
            if j is not None:
                counts[j][finding.weight.rank] += 1
    result.weaknesses = [(a, b, c) for a, b, c in weak]
    result.strengths = [(a, b, c) for a, b, c in strong]


def _at_least(counts: tuple[int, int, int], weight: int) -> int:
    """How many findings of weight rank *weight* or heavier *counts* holds."""
    return sum(counts[weight:])


def _apply_findings(
    findings: CompiledFindings,
    weaknesses: tuple[int, int, int],
    strengths: tuple[int, int, int],
    ranks: tuple[Rank, Rank, Rank],
) -> tuple[Rank, Rank, Rank, FindingsEffect]:
    """Combine a judgement's criteria grade with its findings, as the framework format says.

    Every step is monotone: a limit that fires never stops firing when weaknesses are added or
    made heavier, so the ceiling only worsens; a support only improves as strengths are added;
    and the point is the worse of the criteria's grade and the ceiling. The rules, for a
    framework's author: ``inspectkit docs framework-format``.
    """
    point, best, worst = ranks
    ceiling: Rank = None
    limit = -1
    for weight, count, to, position in findings.limits:
        if _at_least(weaknesses, weight) >= count and (ceiling is None or to > ceiling):
            ceiling, limit = to, position
    support: Rank = None
    supported_by = -1
    for weight, count, grade, position in findings.supports:
        if _at_least(strengths, weight) >= count and (support is None or grade < support):
            support, supported_by = grade, position
    criteria = point
    if point is not None:
        if ceiling is not None:
            point = max(point, ceiling)
            best = None if best is None else max(best, ceiling)
            worst = None if worst is None else max(worst, ceiling)
    elif ceiling is not None or support is not None:
        top = 0 if ceiling is None else ceiling
        # With no support holding, strengths support no more than the least grade any support
        # gives, so that adding a strength can never lower the point.
        least = max((grade for _, _, grade, _ in findings.supports), default=0)
        point = max(top, least if support is None else support)
        best, worst = top, point
    effect = FindingsEffect(ceiling, limit, support, supported_by, criteria, point)
    return point, best, worst, effect


def with_ranks(
    compiled: CompiledFramework, base: AssessmentRanks, changes: Mapping[int, int]
) -> AssessmentRanks:
    """Return *base* graded again with some criteria set to exact ranks.

    The lift-plan search (`inspectkit.scoring._lift`) tries many small changes to one unit's
    evidence; this skips grading the unchanged criteria again. A changed criterion counts as exact
    evidence at its new rank, as if a value earning that grade had been given.

    Args:
        compiled: The compiled framework *base* was scored with.
        base: The scores of the unchanged evidence.
        changes: Criterion position -> the rank it now has.
    """
    result = AssessmentRanks(len(compiled.criteria), len(compiled.judgements))
    result.status = list(base.status)
    result.point = list(base.point)
    result.best = list(base.best)
    result.worst = list(base.worst)
    result.weaknesses = base.weaknesses
    result.strengths = base.strengths
    result.given = base.given
    for i, rank in changes.items():
        result.point[i] = result.best[i] = result.worst[i] = rank
        result.status[i] = EXACT
    _grade_judgements(compiled, result)
    return result


def overall_from(
    compiled: CompiledFramework,
    judgements: Sequence[tuple[Rank, Rank, Rank]],
    criteria: Sequence[tuple[Rank, Rank, Rank]],
) -> AssessmentRanks:
    """Return the overall grade of given judgement grades, by the framework's rule and caps.

    Groups (`inspectkit.groups`) combine their members' grades judgement by judgement and then
    need the overall grade those judgement grades earn, exactly as one unit's would: the same
    overall rule (with its assumptions for unknown judgements) and every cap on the overall
    grade, whatever it watches (a judgement or a criterion) and however it triggers
    (``at_or_below``, ``not_met`` or the worst grade). This runs the engine's own overall step
    on those ranks; only ``overall``, ``overall_fired`` and ``overall_assumed`` of the result
    are meaningful.

    Args:
        compiled: The compiled framework.
        judgements: Per judgement, in framework order, its ``(point, best, worst)`` ranks.
        criteria: Per criterion, in compiled order, its ``(point, best, worst)`` ranks (the
            ranks the overall caps watching criteria see).
    """
    result = AssessmentRanks(len(compiled.criteria), len(compiled.judgements))
    for i, (point, best, worst) in enumerate(criteria):
        result.point[i], result.best[i], result.worst[i] = point, best, worst
    for j, (point, best, worst) in enumerate(judgements):
        result.judgement_point[j] = point
        result.judgement_best[j] = best
        result.judgement_worst[j] = worst
    _grade_overall(compiled, result)
    return result


def _grade_view(
    value: GradeRange, ranks: Mapping[str, int], i: int, result: AssessmentRanks
) -> bool:
    """Grade an assessor's view, a rating range or a check descriptor as given.

    Whatever the criterion's measure, the view's grades are its point, best and worst.
    Returns whether every grade it names is on the scale.
    """
    high = ranks.get(value.best)
    low = ranks.get(value.worst)
    middle = ranks.get(value.point)
    if high is None or low is None or middle is None:
        return False
    result.point[i], result.best[i], result.worst[i] = middle, high, low
    result.status[i] = EXACT if high == low else INTERVAL
    return True


def _grade_criteria(
    compiled: CompiledFramework,
    entries: Mapping[str, Entry],
    exclude: bool,
    result: AssessmentRanks,
) -> None:
    get = entries.get
    for c in compiled.criteria:
        _grade_criterion(compiled, c, get(c.criterion.id), exclude, result)


def _grade_criterion(
    compiled: CompiledFramework,
    c: CompiledCriterion,
    entry: Entry | None,
    exclude: bool,
    result: AssessmentRanks,
) -> None:
    """Grade one criterion into *result* (whose lists hold ``ABSENT`` and ``None`` for it)."""
    i = c.index
    if entry is None:
        result.best[i] = c.best
        result.worst[i] = c.worst
        result.point[i] = None if exclude else c.worst
        return
    value = entry.value
    kind = c.kind
    ranks = compiled.judgement_ranks[c.judgement]
    status = result.status
    point = result.point
    best = result.best
    worst = result.worst
    if value is NOT_APPLICABLE:
        status[i] = NOT_APPLICABLE_STATUS
        return
    if isinstance(value, GradeRange) and _grade_view(value, ranks, i, result):
        return
    if kind == MEASURED:
        if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)):
            rank = _measured(c.higher, c.thresholds, c.floor, value)
            point[i] = best[i] = worst[i] = rank
            status[i] = EXACT
            return
        if isinstance(value, Interval):
            higher = c.higher
            point[i] = _measured(higher, c.thresholds, c.floor, value.middle)
            best[i] = _measured(higher, c.thresholds, c.floor, value.high if higher else value.low)
            worst[i] = _measured(higher, c.thresholds, c.floor, value.low if higher else value.high)
            status[i] = INTERVAL
            return
    elif kind == CHECK:
        if value is True or value is False:
            point[i] = best[i] = worst[i] = c.met if value else c.not_met
            status[i] = EXACT
            return
    elif isinstance(value, str):
        found = ranks.get(value)
        if found is None:
            grade = compiled.judgement_scales[c.judgement].get(value)
            found = None if grade is None else grade.rank
        if found is not None:
            point[i] = best[i] = worst[i] = found
            status[i] = EXACT
            return
    result.wrong_form.append(i)


def _grade_judgements(compiled: CompiledFramework, result: AssessmentRanks) -> None:
    point = result.point
    best = result.best
    worst = result.worst
    judgements = compiled.judgements
    judgement_point = result.judgement_point
    judgement_best = result.judgement_best
    judgement_worst = result.judgement_worst
    given = result.given
    for j in compiled.order:
        if j in given:
            # A given grade is certain and final: no aggregation, no caps on it.
            rank = given[j]
            result.judgement_uncapped[j] = rank
            judgement_point[j] = judgement_best[j] = judgement_worst[j] = rank
            continue
        judgement = judgements[j]
        members = judgement.members
        p, b, w, assumed = _judge(
            judgement,
            [point[m] for m in members],
            [best[m] for m in members],
            [worst[m] for m in members],
        )
        if judgement.findings is not None:
            p, b, w, effect = _apply_findings(
                judgement.findings, result.weaknesses[j], result.strengths[j], (p, b, w)
            )
            result.judgement_findings[j] = effect
        result.judgement_uncapped[j] = p
        result.judgement_assumed[j] = assumed
        if judgement.caps:
            p, b, w = _apply_caps(
                judgement.caps, result, point=p, best=b, worst=w, fired=result.judgement_fired[j]
            )
        judgement_point[j] = _clamp(p, b, w)
        judgement_best[j] = b
        judgement_worst[j] = w
    _grade_overall(compiled, result)


def _grade_overall(compiled: CompiledFramework, result: AssessmentRanks) -> None:
    judgement_point = result.judgement_point
    judgement_best = result.judgement_best
    judgement_worst = result.judgement_worst
    overall = compiled.overall
    if compiled.other_scale:
        # A judgement on another scale is not a member of the overall grade: as if it did not
        # apply (no rank at all), so it is neither counted nor assumed.
        outside = compiled.other_scale
        p, b, w, assumed = _judge(
            overall,
            [None if j in outside else rank for j, rank in enumerate(judgement_point)],
            [None if j in outside else rank for j, rank in enumerate(judgement_best)],
            [None if j in outside else rank for j, rank in enumerate(judgement_worst)],
        )
    else:
        p, b, w, assumed = _judge(overall, judgement_point, judgement_best, judgement_worst)
    uncapped = p
    result.overall_assumed = assumed
    if overall.caps:
        # The overall caps watch the judgements as assumed, like the overall rule did.
        watched = list(judgement_point)
        for position, rank in assumed:
            watched[position] = rank
        result.judgement_point = watched
        p, b, w = _apply_caps(
            overall.caps, result, point=p, best=b, worst=w, fired=result.overall_fired
        )
        result.judgement_point = judgement_point
    result.overall = (_clamp(p, b, w), b, w, uncapped)
