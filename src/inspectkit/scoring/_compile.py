"""Compiling a `Framework` once into flat tables the scoring core can run fast.

A `CompiledFramework` replaces ids with positions and grades with ranks (0 for the best), so the
inner loop of `inspectkit.scoring` works on plain ints and floats. Compiled frameworks are cached
per framework object: a framework is immutable, so its compiled form never goes stale, and the
cache entry goes when the framework does.
"""

from __future__ import annotations

from collections import defaultdict, deque
from typing import Any

from inspectkit._identity import IdentityMemo
from inspectkit.grades import GradeScale
from inspectkit.rubric import (
    OVERALL,
    Aggregation,
    Cap,
    Criterion,
    Direction,
    FindingsRule,
    Framework,
    Measure,
    Threshold,
)
from inspectkit.rubric import Method as _Method

__all__ = [
    "CompiledAggregation",
    "CompiledCap",
    "CompiledCriterion",
    "CompiledFindings",
    "CompiledFramework",
    "CompiledJudgement",
    "CompiledRule",
    "ScorePlan",
    "compile_aggregation",
    "compile_framework",
    "compiled_for",
]

# Measure codes used by the core loop.
MEASURED = 0
CHECK = 1
RATING = 2

# Method codes used by the core loop.
BEST_FIT = 0
SECURE_FIT = 1
PERCENT_BANDS = 2
RULES = 3
NONE = 4

_METHOD_CODES = {
    _Method.BEST_FIT: BEST_FIT,
    _Method.SECURE_FIT: SECURE_FIT,
    _Method.PERCENT_BANDS: PERCENT_BANDS,
    _Method.RULES: RULES,
    _Method.NONE: NONE,
}


class _Record:
    """The base of this module's records: plain classes with slots, not attrs classes.

    Why: the records below are the scoring core's own tables, built only here and read only by
    the scoring modules. Nothing compares, hashes, copies (`attrs.evolve`) or lists the fields
    of one (a run of the whole suite with their ``__eq__`` and ``__hash__`` spied on called
    neither), so they need none of the methods attrs writes; and attrs compiles those methods
    for each class when it is defined: as attrs classes these eight cost a plain ``inspectkit
    assess FILE`` 4% of its instructions (546.5M -> 522.5M under callgrind; issue 15: a fast
    start). A record compares and hashes by identity, and is not frozen: nothing assigns to it
    after `compile_framework` builds it. Each takes a weak reference, as an attrs class's does
    (caches of the lift search key on compiled frameworks that way).
    """

    __slots__ = ("__weakref__",)

    def __repr__(self) -> str:
        names: tuple[str, ...] = type(self).__slots__
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{type(self).__name__}({fields})"


class CompiledCriterion(_Record):
    """One criterion, compiled.

    Attributes:
        index: The criterion's position in the framework, judgement by judgement.
        criterion: The criterion itself.
        kind: `MEASURED`, `CHECK` or `RATING`.
        higher: For measured criteria, whether a higher value is better.
        thresholds: ``(value, rank)`` pairs, best grade first.
        floor: The rank a measured value below every threshold gets (the worst grade).
        met: For checks, the rank of a met check.
        not_met: For checks, the rank of a check not met.
        best: The best rank the criterion can get.
        worst: The worst rank the criterion can get.
        judgement: The position of the judgement it belongs to.
        threshold_for: Rank -> the threshold a value reaching that rank has reached.
    """

    __slots__ = (
        "best",
        "criterion",
        "floor",
        "higher",
        "index",
        "judgement",
        "kind",
        "met",
        "not_met",
        "threshold_for",
        "thresholds",
        "worst",
    )

    def __init__(
        self,
        *,
        index: int,
        criterion: Criterion,
        kind: int,
        higher: bool,
        thresholds: tuple[tuple[float, int], ...],
        floor: int,
        met: int,
        not_met: int,
        best: int,
        worst: int,
        judgement: int,
        threshold_for: dict[int | None, Threshold] | None = None,
    ) -> None:
        self.index = index
        self.criterion = criterion
        self.kind = kind
        self.higher = higher
        self.thresholds = thresholds
        self.floor = floor
        self.met = met
        self.not_met = not_met
        self.best = best
        self.worst = worst
        self.judgement = judgement
        self.threshold_for: dict[int | None, Threshold] = (
            {} if threshold_for is None else threshold_for
        )


class CompiledRule(_Record):
    """One rule of the ``rules`` method, compiled.

    Attributes:
        rank: The rank the rule gives.
        at_least: ``(rank, count)``: at least *count* members at that rank or better.
        at_most: ``(rank, count)``: at most *count* members at that rank or worse.
        none_below: No member worse than this rank (``-1`` for no such condition).
        minimum: ``(member position, rank)``: that member at that rank or better.
        index: The rule's position in the list as written.
    """

    __slots__ = ("at_least", "at_most", "index", "minimum", "none_below", "rank")

    def __init__(
        self,
        *,
        rank: int,
        at_least: tuple[tuple[int, int], ...],
        at_most: tuple[tuple[int, int], ...],
        none_below: int,
        minimum: tuple[tuple[int, int], ...],
        index: int,
    ) -> None:
        self.rank = rank
        self.at_least = at_least
        self.at_most = at_most
        self.none_below = none_below
        self.minimum = minimum
        self.index = index


class CompiledAggregation(_Record):
    """An aggregation method, compiled.

    Attributes:
        aggregation: The aggregation as declared.
        method: The method code.
        share: For best fit, the share needed.
        points: For percent bands, the points per rank.
        max_points: For percent bands, the most points a member can earn.
        bands: For percent bands, ``(percentage, rank)`` pairs, best grade first.
        rules: For rules, the rules ordered best grade first (stable for equal grades).
    """

    __slots__ = ("aggregation", "bands", "max_points", "method", "points", "rules", "share")

    def __init__(
        self,
        *,
        aggregation: Aggregation,
        method: int,
        share: float,
        points: tuple[float, ...],
        max_points: float,
        bands: tuple[tuple[float, int], ...],
        rules: tuple[CompiledRule, ...],
    ) -> None:
        self.aggregation = aggregation
        self.method = method
        self.share = share
        self.points = points
        self.max_points = max_points
        self.bands = bands
        self.rules = rules


class CompiledCap(_Record):
    """A cap, compiled.

    Attributes:
        cap: The cap as declared.
        index: Its position among the framework's caps.
        criterion: The position of the watched criterion, or ``-1``.
        judgement: The position of the watched judgement, or ``-1``.
        trigger: The cap fires when the watched rank is this rank or worse.
        to: The best rank the limited grade may have while the cap fires.
    """

    __slots__ = ("cap", "criterion", "index", "judgement", "to", "trigger")

    def __init__(
        self, *, cap: Cap, index: int, criterion: int, judgement: int, trigger: int, to: int
    ) -> None:
        self.cap = cap
        self.index = index
        self.criterion = criterion
        self.judgement = judgement
        self.trigger = trigger
        self.to = to


class CompiledFindings(_Record):
    """A judgement's findings rule, compiled.

    Attributes:
        rule: The rule as declared (the judgement's own, or the framework's).
        limits: ``(weight rank, count, to rank, position)`` per limit: *count* weaknesses of
            that weight rank or heavier (0 minor .. 2 major) keep the judgement at or below *to*.
        supports: ``(weight rank, count, grade rank, position)`` per support.
    """

    __slots__ = ("limits", "rule", "supports")

    def __init__(
        self,
        *,
        rule: FindingsRule,
        limits: tuple[tuple[int, int, int, int], ...],
        supports: tuple[tuple[int, int, int, int], ...],
    ) -> None:
        self.rule = rule
        self.limits = limits
        self.supports = supports


def _compile_findings(rule: FindingsRule | None, ranks: dict[str, int]) -> CompiledFindings | None:
    if rule is None:
        return None
    return CompiledFindings(
        rule=rule,
        limits=tuple(
            (limit.weakness.rank, limit.count, ranks[limit.to], position)
            for position, limit in enumerate(rule.limits)
        ),
        supports=tuple(
            (support.strength.rank, support.count, ranks[support.grade], position)
            for position, support in enumerate(rule.supports)
        ),
    )


class CompiledJudgement(_Record):
    """A judgement (or the overall grade), compiled.

    Attributes:
        index: The judgement's position in the framework (``-1`` for the overall grade).
        id: The judgement id, or ``overall``.
        title: Its title.
        members: Positions of its members: criteria, or for the overall grade judgements.
        weights: The members' weights, in the same order.
        aggregation: The compiled method.
        caps: The caps that limit it, in the order declared.
        findings: How findings combine into its grade (``None``: they do not; always ``None``
            for the overall grade, which findings reach only through the judgements).
        results: Recent results, reused by `inspectkit.scoring.assess` when the same member
            grades come round again (see there).
        member_ids: The ids of its members, in the same order.
    """

    __slots__ = (
        "aggregation",
        "caps",
        "findings",
        "id",
        "index",
        "member_ids",
        "members",
        "results",
        "title",
        "weights",
    )

    def __init__(
        self,
        *,
        index: int,
        id: str,
        title: str,
        members: tuple[int, ...],
        weights: tuple[float, ...],
        aggregation: CompiledAggregation,
        caps: tuple[CompiledCap, ...],
        findings: CompiledFindings | None = None,
        results: dict[Any, Any] | None = None,
        member_ids: tuple[str, ...] = (),
    ) -> None:
        self.index = index
        self.id = id
        self.title = title
        self.members = members
        self.weights = weights
        self.aggregation = aggregation
        self.caps = caps
        self.findings = findings
        self.results: dict[Any, Any] = {} if results is None else results
        self.member_ids = member_ids


# Aggregation kernels of the fast loop (`ScorePlan.steps`). Best fit has three: members all of
# weight 1 (buckets counted by `list.count`), all of small whole-number weight (counted, then
# the heavier members added), and any weights (summed member by member). Sums of whole numbers
# below 2**53 are exact in any order, so the first two give the very floats the third would.
KERNEL_NONE = 0
KERNEL_SECURE_FIT = 1
KERNEL_BEST_FIT_UNIT = 2
KERNEL_BEST_FIT_WHOLE = 3
KERNEL_BEST_FIT = 4
KERNEL_PERCENT_BANDS = 5
KERNEL_RULES = 6

_WHOLE_LIMIT = 2.0**20
"""The largest weight the whole-number kernel takes (sums stay far below 2**53)."""

Measured = tuple[str, int, bool, float, int, float, int, float, int, float, int, int]
"""A measured criterion of `ScorePlan`: ``(id, position, higher, t0, r0, t1, r1, t2, r2, t3,
r3, floor)``: thresholds ``t`` with the ranks ``r`` they give, best grade first, padded to
four with NaN, which no value reaches (a comparison with NaN is false), so a value below every
real threshold falls through to *floor* as it does in the general loop. Where lower is better
(*higher* false) the thresholds are negated, so one comparison (``>=`` on the negated value)
serves both directions: negation is exact."""

Check = tuple[str, int, int, int]
"""A check of `ScorePlan`: ``(id, position, met, not_met)``."""

Rating = tuple[str, int, dict[str, int]]
"""A rating of `ScorePlan`: ``(id, position, its scale's grade id -> rank)``."""

_UNROLLED = 4
"""The most thresholds a measured criterion of the fast loop has (a five-grade scale's)."""

FastRule = tuple[
    int, tuple[tuple[int, int], ...], tuple[tuple[int, int], ...], int, tuple[tuple[int, int], ...]
]
"""A `CompiledRule` as a tuple: ``(rank, at_least, at_most, none_below, minimum)``."""

Kernel = tuple[
    int,
    int,
    float,
    tuple[float, ...],
    tuple[tuple[int, float], ...],
    tuple[FastRule, ...],
    CompiledAggregation,
]
"""An aggregation for the fast loop: ``(kernel, grades, share, weights, heavier, rules,
aggregation)``; *heavier* lists ``(member, weight - 1)`` for the whole-number kernel, *rules*
``(rank, at_least, at_most, none_below, minimum)`` best grade first."""

Step = tuple[
    int,
    int,
    int,
    Kernel,
    tuple[tuple[CompiledCap, int, int, int, int], ...],
    "CompiledFindings | None",
    bool,
    "dict[tuple[int | None, ...], int | None] | None",
]
"""One judgement of `ScorePlan.steps`: ``(position, first member, end of members, kernel,
caps, findings, quiet, memo)``. Caps are ``(cap, criterion, judgement, trigger, to)``. *quiet*
says that no limit or support of the findings rule can fire without findings: then, for
evidence with no findings, the rule leaves the grade as the criteria give it. *memo* remembers
the kernel's rank for members' ranks seen before (``None`` for a judgement too large for its
ranks to come round again)."""

_MEMO_MEMBERS = 64
"""The most members a judgement may have for its kernel's ranks to be remembered: past this,
the same ranks of every member rarely come round again, and the key costs as much as the sum."""


def _kernel_memo(members: int) -> dict[tuple[int | None, ...], int | None] | None:
    return {} if members <= _MEMO_MEMBERS else None


class ScorePlan(_Record):
    """A framework laid out for `inspectkit.scoring._ranks.score`'s fast loop.

    Why: scoring one unit is a few dozen comparisons, so attribute lookups, method dispatch
    and per-member lists would cost more than the grading itself. Here everything the loop
    needs is a flat tuple it unpacks in one step, and every choice that depends only on the
    framework (the measure, the direction, the aggregation method and the best way to run it)
    is made once. The general path (`inspectkit.scoring._ranks.score_general`) stays the
    reference it is tested against.

    Criteria are grouped by kind, so that each kind's loop tests only the forms its values
    take; grading one criterion does not depend on another, so the order does not matter.

    Attributes:
        measured: The measured criteria, as `Measured`.
        checks: The checks, as `Check`.
        ratings: The ratings, as `Rating`.
        general: The positions of criteria left to the general step (more thresholds than
            the fast loop unrolls).
        bounds: Per criterion position, its ``(best, worst)`` ranks: an absent criterion's
            range.
        steps: Per judgement, in the order they must be computed, a `Step`. A judgement's
            members are the criteria ``first .. end - 1``: criteria are compiled judgement by
            judgement.
        overall: The overall grade's kernel.
        overall_caps: The caps on the overall grade, as in a `Step`.
        outside: The judgements on another scale, which the overall grade leaves out.
        spans: Per judgement position, ``(first, end, heavier, total)``: its criteria are
            ``first .. end - 1``; *heavier* lists ``(offset, weight - 1)`` for those weighing
            more than 1 when every weight is a small whole number (``None`` otherwise); *total*
            is their weights summed in order. Coverage counts weights with these.
        overall_memo: The overall kernel's memo, as a `Step`'s.
    """

    __slots__ = (
        "bounds",
        "checks",
        "general",
        "measured",
        "outside",
        "overall",
        "overall_caps",
        "overall_memo",
        "ratings",
        "spans",
        "steps",
    )

    def __init__(
        self,
        *,
        measured: tuple[Measured, ...],
        checks: tuple[Check, ...],
        ratings: tuple[Rating, ...],
        general: tuple[int, ...],
        bounds: tuple[tuple[int, int], ...],
        steps: tuple[Step, ...],
        overall: Kernel,
        overall_caps: tuple[tuple[CompiledCap, int, int, int, int], ...],
        outside: frozenset[int],
        spans: tuple[tuple[int, int, tuple[tuple[int, float], ...] | None, float], ...] = (),
        overall_memo: dict[tuple[int | None, ...], int | None] | None = None,
    ) -> None:
        self.measured = measured
        self.checks = checks
        self.ratings = ratings
        self.general = general
        self.bounds = bounds
        self.steps = steps
        self.overall = overall
        self.overall_caps = overall_caps
        self.outside = outside
        self.spans = spans
        self.overall_memo = overall_memo


def _heavier(weights: tuple[float, ...]) -> tuple[tuple[int, float], ...] | None:
    """``(position, weight - 1)`` of the members heavier than 1, if every weight is whole."""
    if not all(weight.is_integer() and 0.0 <= weight <= _WHOLE_LIMIT for weight in weights):
        return None
    return tuple(
        (position, weight - 1.0) for position, weight in enumerate(weights) if weight != 1.0
    )


def _span(
    judgement: CompiledJudgement,
) -> tuple[int, int, tuple[tuple[int, float], ...] | None, float]:
    first = judgement.members[0] if judgement.members else 0
    total = 0.0
    for weight in judgement.weights:
        total += weight
    return (first, first + len(judgement.members), _heavier(judgement.weights), total)


def _kernel(aggregation: CompiledAggregation, weights: tuple[float, ...]) -> Kernel:
    method = aggregation.method
    grades = len(aggregation.points)
    heavier: tuple[tuple[int, float], ...] = ()
    if method == BEST_FIT:
        whole = _heavier(weights)
        if whole == ():
            kernel = KERNEL_BEST_FIT_UNIT
        elif whole is not None:
            kernel = KERNEL_BEST_FIT_WHOLE
            heavier = whole
        else:
            kernel = KERNEL_BEST_FIT
    else:
        kernel = {
            NONE: KERNEL_NONE,
            SECURE_FIT: KERNEL_SECURE_FIT,
            PERCENT_BANDS: KERNEL_PERCENT_BANDS,
            RULES: KERNEL_RULES,
        }[method]
    rules = tuple(
        (rule.rank, rule.at_least, rule.at_most, rule.none_below, rule.minimum)
        for rule in aggregation.rules
    )
    return (kernel, grades, aggregation.share, weights, heavier, rules, aggregation)


def _plan_caps(
    caps: tuple[CompiledCap, ...],
) -> tuple[tuple[CompiledCap, int, int, int, int], ...]:
    return tuple((cap, cap.criterion, cap.judgement, cap.trigger, cap.to) for cap in caps)


def _quiet(findings: CompiledFindings | None) -> bool:
    """Whether no limit or support of *findings* fires when there are no findings at all."""
    return findings is not None and all(
        count > 0 for _, count, _, _ in (*findings.limits, *findings.supports)
    )


def _score_plan(
    *,
    criteria: tuple[CompiledCriterion, ...],
    judgements: tuple[CompiledJudgement, ...],
    order: tuple[int, ...],
    overall: CompiledJudgement,
    scale_ranks: tuple[dict[str, int], ...],
    other_scale: frozenset[int],
) -> ScorePlan:
    measured: list[Measured] = []
    checks: list[Check] = []
    ratings: list[Rating] = []
    general: list[int] = []
    nan = float("nan")
    for c in criteria:
        cid, i = c.criterion.id, c.index
        if c.kind == MEASURED:
            if len(c.thresholds) > _UNROLLED:
                general.append(i)
                continue
            sign = 1.0 if c.higher else -1.0
            padded = [(sign * t, r) for t, r in c.thresholds]
            padded += [(nan, c.floor)] * (_UNROLLED - len(c.thresholds))
            (t0, r0), (t1, r1), (t2, r2), (t3, r3) = padded
            measured.append((cid, i, c.higher, t0, r0, t1, r1, t2, r2, t3, r3, c.floor))
        elif c.kind == CHECK:
            checks.append((cid, i, c.met, c.not_met))
        else:
            ratings.append((cid, i, scale_ranks[c.judgement]))
    steps = []
    for j in order:
        judgement = judgements[j]
        members = judgement.members
        first = members[0] if members else 0
        # The fast loop takes members as a slice of the criteria.
        assert members == tuple(range(first, first + len(members)))
        steps.append(
            (
                j,
                first,
                first + len(members),
                _kernel(judgement.aggregation, judgement.weights),
                _plan_caps(judgement.caps),
                judgement.findings,
                _quiet(judgement.findings),
                _kernel_memo(len(members)),
            )
        )
    return ScorePlan(
        measured=tuple(measured),
        checks=tuple(checks),
        ratings=tuple(ratings),
        general=tuple(general),
        bounds=tuple((c.best, c.worst) for c in criteria),
        steps=tuple(steps),
        overall=_kernel(overall.aggregation, overall.weights),
        overall_caps=_plan_caps(overall.caps),
        overall_memo=_kernel_memo(len(overall.members)),
        outside=other_scale,
        spans=tuple(_span(judgement) for judgement in judgements),
    )


class CompiledFramework(_Record):
    """A framework compiled for scoring.

    It holds no reference to its framework object (the framework's weak reference in the cache
    must be able to die), only the parts scoring needs.

    Attributes:
        framework_id: The id of the framework compiled.
        scale: The framework's grade scale.
        grades: The number of grades on the scale.
        criteria: Every criterion, judgement by judgement.
        index: Criterion id -> position.
        judgements: Every judgement, in framework order.
        order: Judgement positions in the order they must be computed, so that a cap watching
            a judgement sees its capped grade.
        overall: The overall grade.
        ranks: Grade id -> rank.
        criterion_results: Per criterion, recent results reused by
            `inspectkit.scoring.assess` for equal entries.
        reasons: Reasons (and parts of reasons) that depend only on grades, written once.
        scored: Recent evidence objects and their checked, scored form, reused by
            `inspectkit.scoring.assess` when the very same evidence is assessed again.
        judgement_scales: Per judgement, the scale it (and its criteria) is graded on: the
            framework's scale, or a `inspectkit.rubric.Scale`'s grades.
        judgement_ranks: Per judgement, grade id -> rank on its scale.
        other_scale: The positions of judgements on another scale than the framework's; they
            take no part in the overall grade.
        plan: The framework laid out for the fast scoring loop (`ScorePlan`).
        judgement_index: Judgement id -> position.
        applies_to_all: Whether nothing in the framework depends on provisions or dates, so
            that every judgement and criterion applies to every unit.
    """

    __slots__ = (
        "applies_to_all",
        "criteria",
        "criterion_results",
        "framework_id",
        "grades",
        "index",
        "judgement_index",
        "judgement_ranks",
        "judgement_scales",
        "judgements",
        "order",
        "other_scale",
        "overall",
        "plan",
        "ranks",
        "reasons",
        "scale",
        "scored",
    )

    def __init__(
        self,
        *,
        framework_id: str,
        scale: GradeScale,
        grades: int,
        criteria: tuple[CompiledCriterion, ...],
        index: dict[str, int],
        judgements: tuple[CompiledJudgement, ...],
        order: tuple[int, ...],
        overall: CompiledJudgement,
        ranks: dict[str, int],
        criterion_results: list[dict[Any, Any]] | None = None,
        reasons: dict[Any, str] | None = None,
        scored: dict[Any, Any] | None = None,
        judgement_scales: tuple[GradeScale, ...] = (),
        judgement_ranks: tuple[dict[str, int], ...] = (),
        other_scale: frozenset[int] = frozenset(),
        plan: ScorePlan | None = None,
        applies_to_all: bool = False,
        judgement_index: dict[str, int] | None = None,
    ) -> None:
        self.framework_id = framework_id
        self.scale = scale
        self.grades = grades
        self.criteria = criteria
        self.index = index
        self.judgements = judgements
        self.order = order
        self.overall = overall
        self.ranks = ranks
        self.criterion_results: list[dict[Any, Any]] = (
            [] if criterion_results is None else criterion_results
        )
        self.reasons: dict[Any, str] = {} if reasons is None else reasons
        self.scored: dict[Any, Any] = {} if scored is None else scored
        self.judgement_scales = judgement_scales
        self.judgement_ranks = judgement_ranks
        self.other_scale = other_scale
        self.plan = plan
        self.applies_to_all = applies_to_all
        self.judgement_index: dict[str, int] = {} if judgement_index is None else judgement_index

    def scale_of(self, judgement: int) -> GradeScale:
        """Return the scale judgement position *judgement* is graded on (``-1``: overall)."""
        return self.scale if judgement < 0 else self.judgement_scales[judgement]


def _compile_criterion(
    criterion: Criterion,
    index: int,
    judgement: int,
    ranks: dict[str, int],
    worst: int,
    *,
    ceiling: int = 0,
) -> CompiledCriterion:
    higher = criterion.direction is Direction.HIGHER
    if criterion.measure in (Measure.PROPORTION, Measure.QUANTITY):
        thresholds = tuple(
            sorted(
                ((float(t.value), ranks[t.grade]) for t in criterion.thresholds),
                key=lambda pair: pair[1],
            )
        )
        best = thresholds[0][1] if thresholds else worst
        threshold_for: dict[int | None, Threshold] = {
            ranks[t.grade]: t for t in criterion.thresholds
        }
        return CompiledCriterion(
            index=index,
            criterion=criterion,
            kind=MEASURED,
            higher=higher,
            thresholds=thresholds,
            floor=worst,
            met=0,
            not_met=worst,
            best=best,
            worst=worst,
            judgement=judgement,
            threshold_for=threshold_for,
        )
    if criterion.measure is Measure.CHECK:
        met = ranks[criterion.met] if criterion.met is not None else 0
        not_met = ranks[criterion.not_met] if criterion.not_met is not None else worst
        if criterion.level is not None:
            # Criterion.check_grades states the rule; ranks keep the scale's order.
            met, not_met = ceiling, min(ranks[criterion.level] + 1, worst)
        return CompiledCriterion(
            index=index,
            criterion=criterion,
            kind=CHECK,
            higher=higher,
            thresholds=(),
            floor=worst,
            met=met,
            not_met=not_met,
            best=min(met, not_met),
            worst=max(met, not_met),
            judgement=judgement,
        )
    return CompiledCriterion(
        index=index,
        criterion=criterion,
        kind=RATING,
        higher=higher,
        thresholds=(),
        floor=worst,
        met=0,
        not_met=worst,
        best=0,
        worst=worst,
        judgement=judgement,
    )


def compile_aggregation(
    aggregation: Aggregation, ranks: dict[str, int], members: dict[str, int], worst: int
) -> CompiledAggregation:
    """Return *aggregation* compiled: grade ids as *ranks*, member ids as positions."""
    points = tuple(float(aggregation.points.get(grade, 0.0)) for grade in ranks)
    bands = tuple(
        sorted(
            ((float(pct), ranks[grade]) for grade, pct in aggregation.bands.items()),
            key=lambda pair: pair[1],
        )
    )
    rules = []
    for position, rule in enumerate(aggregation.rules):
        rules.append(
            CompiledRule(
                rank=ranks[rule.grade],
                at_least=tuple((ranks[g], int(n)) for g, n in sorted(rule.at_least.items())),
                at_most=tuple((ranks[g], int(n)) for g, n in sorted(rule.at_most.items())),
                none_below=ranks[rule.none_below] if rule.none_below is not None else -1,
                minimum=tuple(
                    (members[member], ranks[g])
                    for member, g in sorted(rule.minimum.items())
                    if member in members
                ),
                index=position,
            )
        )
    rules.sort(key=lambda rule: rule.rank)
    return CompiledAggregation(
        aggregation=aggregation,
        method=_METHOD_CODES[aggregation.method],
        share=float(aggregation.share) if aggregation.share is not None else 0.5,
        points=points,
        max_points=max(points, default=0.0),
        bands=bands,
        rules=tuple(rules),
    )


def _judgement_order(framework: Framework, judgement_index: dict[str, int]) -> tuple[int, ...]:
    """Order judgements so that each comes after every judgement its caps watch."""
    count = len(framework.judgements)
    after: dict[int, set[int]] = defaultdict(set)
    needs = [0] * count
    for cap in framework.caps:
        if cap.limits in judgement_index and cap.when in judgement_index:
            first, then = judgement_index[cap.when], judgement_index[cap.limits]
            if then not in after[first]:
                after[first].add(then)
                needs[then] += 1
    ready = deque(position for position in range(count) if needs[position] == 0)
    order: list[int] = []
    while ready:
        position = ready.popleft()
        order.append(position)
        for then in sorted(after[position]):
            needs[then] -= 1
            if needs[then] == 0:
                ready.append(then)
    # The loader rejects cycles; should one slip through, compute the rest in framework order.
    order.extend(position for position in range(count) if position not in order)
    return tuple(order)


def compile_framework(framework: Framework) -> CompiledFramework:
    """Return *framework* compiled afresh (see `compiled_for` for the cached one)."""
    ranks = {grade.id: rank for rank, grade in enumerate(framework.scale.grades)}
    worst = len(ranks) - 1
    judgement_index = {judgement.id: j for j, judgement in enumerate(framework.judgements)}
    # A judgement on another scale (met / not met) ranks its own grades; ranks of different
    # scales are never compared, since such a judgement stays out of the overall grade.
    scales = tuple(framework.scale_of(judgement.id) for judgement in framework.judgements)
    scale_ranks = tuple({grade.id: rank for rank, grade in enumerate(sc)} for sc in scales)
    criteria: list[CompiledCriterion] = []
    for j, judgement in enumerate(framework.judgements):
        own, own_worst = scale_ranks[j], len(scales[j]) - 1
        top = judgement.level_ceiling(scales[j])
        ceiling = own[top] if top is not None else 0
        for criterion in judgement.criteria:
            criteria.append(
                _compile_criterion(criterion, len(criteria), j, own, own_worst, ceiling=ceiling)
            )
    index = {c.criterion.id: c.index for c in criteria}

    def ranks_of(member: str) -> dict[str, int]:
        if member in judgement_index:
            return scale_ranks[judgement_index[member]]
        if member in index:
            return scale_ranks[criteria[index[member]].judgement]
        return ranks

    caps_by_target: dict[str, list[CompiledCap]] = defaultdict(list)
    for position, cap in enumerate(framework.caps):
        watched_criterion = index.get(cap.when, -1)
        watched_judgement = judgement_index.get(cap.when, -1) if watched_criterion < 0 else -1
        if cap.not_met and watched_criterion >= 0:
            trigger = criteria[watched_criterion].not_met
        elif cap.at_or_below is not None:
            trigger = ranks_of(cap.when)[cap.at_or_below]
        else:
            trigger = len(ranks_of(cap.when)) - 1
        to = ranks_of(cap.limits)[cap.to]
        caps_by_target[cap.limits].append(
            CompiledCap(
                cap=cap,
                index=position,
                criterion=watched_criterion,
                judgement=watched_judgement,
                trigger=trigger,
                to=to,
            )
        )

    judgements: list[CompiledJudgement] = []
    for j, judgement in enumerate(framework.judgements):
        members = [index[criterion.id] for criterion in judgement.criteria]
        local = {criterion.id: k for k, criterion in enumerate(judgement.criteria)}
        judgements.append(
            CompiledJudgement(
                index=j,
                id=judgement.id,
                title=judgement.title,
                members=tuple(members),
                weights=tuple(float(criterion.weight) for criterion in judgement.criteria),
                aggregation=compile_aggregation(
                    judgement.aggregation, scale_ranks[j], local, len(scales[j]) - 1
                ),
                caps=tuple(caps_by_target.get(judgement.id, ())),
                findings=_compile_findings(framework.findings_rule(judgement.id), scale_ranks[j]),
                member_ids=tuple(criterion.id for criterion in judgement.criteria),
            )
        )
    overall = CompiledJudgement(
        index=-1,
        id=OVERALL,
        title=framework.overall_title,
        members=tuple(range(len(framework.judgements))),
        weights=tuple(float(judgement.weight) for judgement in framework.judgements),
        aggregation=compile_aggregation(framework.overall, ranks, judgement_index, worst),
        caps=tuple(caps_by_target.get(OVERALL, ())),
        member_ids=tuple(judgement.id for judgement in framework.judgements),
    )
    compiled_criteria = tuple(criteria)
    compiled_judgements = tuple(judgements)
    order = _judgement_order(framework, judgement_index)
    other_scale = frozenset(
        j for j, judgement in enumerate(framework.judgements) if judgement.scale is not None
    )
    return CompiledFramework(
        framework_id=framework.id,
        scale=framework.scale,
        grades=len(ranks),
        criteria=compiled_criteria,
        index=index,
        judgements=compiled_judgements,
        order=order,
        overall=overall,
        ranks=ranks,
        criterion_results=[{} for _ in criteria],
        judgement_scales=scales,
        judgement_ranks=scale_ranks,
        other_scale=other_scale,
        plan=_score_plan(
            criteria=compiled_criteria,
            judgements=compiled_judgements,
            order=order,
            overall=overall,
            scale_ranks=scale_ranks,
            other_scale=other_scale,
        ),
        judgement_index=judgement_index,
        applies_to_all=not any(
            judgement.provision is not None
            or judgement.introduced is not None
            or any(criterion.provision is not None for criterion in judgement.criteria)
            for judgement in framework.judgements
        ),
    )


# Each framework's compiled form, kept by identity rather than by value: hashing a whole
# framework on every call would cost more than the lookup saves. An entry goes with its
# framework (`inspectkit._identity`), so the cache cannot outgrow the live frameworks.
_COMPILED: IdentityMemo[Framework, CompiledFramework] = IdentityMemo()


def compiled_for(framework: Framework) -> CompiledFramework:
    """Return *framework* compiled, compiling it on first use."""
    return _COMPILED.get_or_make(framework, compile_framework)
