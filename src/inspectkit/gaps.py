"""Gap lists, lift plans and what-ifs: what to change, and what first, to reach a grade.

Three questions a centre lead asks of an `inspectkit.Assessment`:

- *Which criteria stand between us and Good?* `gaps` lists them, each with the number to
  reach (or the check to meet, the rating to earn, the evidence to collect), whether a cap holds
  a grade down because of it, and the framework's actions.
- *What is the least we must change to get there?* `lift_plan` finds the smallest set of
  criterion changes, each to the lowest grade that suffices, after which the predicted grade
  reaches the target, and re-scores to prove it.
- *What happens if sustained contact rises to 70%?* `what_if` re-scores with some evidence
  replaced and reports what moved.

How the lift plan is found
--------------------------
Every aggregation method and cap is monotone: raising a criterion never lowers any grade. So the
most any set of changes can do is raise each of its criteria to its best reachable grade, and a
set *reaches* the target exactly when that does. The search splits along the framework's
structure. The overall grade depends on the judgements' grades and on the caps; so the planner
tries every vector of judgement targets (branch and bound, cheapest first, pruned by a greedy
plan's size and by per-judgement lower bounds), turns the caps that would hold a grade below
what it needs into required changes (a check that must be met, a judgement that must reach a
grade), and solves each judgement alone: the fewest of its own criteria that lift it, by
iterative deepening over classes of interchangeable criteria (same grade now, same weight, same
reachable grades). Interchangeable criteria are tried cheapest (lowest `effort`) first, so the
search is exact without trying every subset. In judgements with many criteria whose method adds
members' contributions up (``best_fit``, ``percent_bands``) or needs every member
(``secure_fit``), the largest contributions are taken first instead: still the fewest changes,
with the effort tie-break made greedily. Among plans of the fewest changes the one with the
least effort (grade steps times the criterion's ``effort``) wins; each change is then lowered
to the lowest grade that still reaches the target, and the plan is re-scored with the real
engine before it is returned.
"""

from __future__ import annotations

import itertools
import math
import types
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from inspectkit._words import grade_id, grade_label, number, percent, points, target_or_top
from inspectkit.evidence import NOT_APPLICABLE, Counts, Entry, Evidence, Interval, Value
from inspectkit.grades import Grade
from inspectkit.results import Assessment, Change, LiftPlan
from inspectkit.rubric import OVERALL, Framework, Measure, MissingPolicy
from inspectkit.scoring._compile import (
    BEST_FIT,
    CHECK,
    MEASURED,
    PERCENT_BANDS,
    SECURE_FIT,
    CompiledCap,
    CompiledCriterion,
    CompiledFramework,
    compiled_for,
)
from inspectkit.scoring._ranks import AssessmentRanks, aggregate, score, with_ranks

__all__ = [
    "Change",
    "Gap",
    "LiftPlan",
    "Movement",
    "WhatIf",
    "assessment_what_if",
    "find_gaps",
    "find_lift_plan",
    "what_if",
]

Rank = int | None

# Past this many candidate sets within one judgement, the planner stops proving minimality
# there and keeps the greedy answer (and says so in `LiftPlan.minimal`).
_LOCAL_BUDGET = 20_000
# Judgements with more candidate criteria than this are solved by the additive shortcut where
# their method allows (the fewest changes stays exact; the effort tie-break becomes greedy).
_SMALL = 12
# Past this many judgement-target vectors, the top-level search keeps the best plan found.
_TOP_BUDGET = 50_000


# --------------------------------------------------------------------------------------------
# Result classes


def _entry_map(value: Mapping[str, Entry | None]) -> Mapping[str, Entry | None]:
    return types.MappingProxyType(dict(value))


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


@attrs.frozen
class Movement:
    """How one grade moved in a what-if.

    Attributes:
        id: The criterion or judgement id, or ``overall``.
        kind: ``criterion``, ``judgement`` or ``overall``.
        before: The grade before.
        after: The grade after.
        before_range: The ``(best, worst)`` grades the evidence allowed before.
        after_range: The ``(best, worst)`` grades the evidence allows after.
    """

    id: str
    kind: str
    before: Grade | None
    after: Grade | None
    before_range: tuple[Grade | None, Grade | None]
    after_range: tuple[Grade | None, Grade | None]

    def __repr__(self) -> str:
        return f"<Movement {self.id!r} {grade_id(self.before)!r}->{grade_id(self.after)!r}>"

    @property
    def direction(self) -> str:
        """``up``, ``down``, or ``range`` when only the range moved."""
        before = _rank_of(self.before)
        after = _rank_of(self.after)
        if after < before:
            return "up"
        if after > before:
            return "down"
        return "range"

    def __str__(self) -> str:
        return f"{self.id}: {grade_label(self.before)} -> {grade_label(self.after)}"


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
    """

    before: Assessment
    after: Assessment
    changes: Mapping[str, Entry | None] = attrs.field(converter=_entry_map, hash=False)
    target: Grade | None
    moved: tuple[Movement, ...]
    gaps_closed: tuple[str, ...]
    gaps_opened: tuple[str, ...]

    @property
    def overall(self) -> Movement | None:
        """The overall grade's movement, if it moved."""
        return next((move for move in self.moved if move.kind == OVERALL), None)

    def __repr__(self) -> str:
        return (
            f"<WhatIf overall={grade_id(self.before.grade)!r}->{grade_id(self.after.grade)!r} "
            f"moved={len(self.moved)}>"
        )


# --------------------------------------------------------------------------------------------
# Small helpers


def _rank_of(grade: Grade | None) -> int:
    return 1_000_000 if grade is None else grade.rank


def _resolve_target(assessment: Assessment, target: Grade | str | int | None, scope: str) -> Grade:
    scale = assessment.framework.scale
    if isinstance(target, Grade):
        return scale.find(target.id)
    if target is not None:
        return scale.find(target)
    return target_or_top(scale, assessment.result(scope).grade)


def _check_scope(framework: Framework, judgement: str | None) -> str:
    if judgement is None or judgement == OVERALL:
        return OVERALL
    framework.judgement(judgement)  # raises UnknownIdError for an unknown id
    return judgement


# --------------------------------------------------------------------------------------------
# The search


@attrs.define
class _Local:
    """The cheapest way to lift one judgement: criterion position -> new rank."""

    count: int
    cost: float
    assign: dict[int, int]
    exact: bool


class _Planner:
    """Everything the lift-plan search needs about one assessment, compiled once."""

    def __init__(self, assessment: Assessment, fixed: Iterable[str] = ()) -> None:
        self.assessment = assessment
        framework = assessment.framework
        self.plan: CompiledFramework = compiled_for(framework)
        self.exclude = assessment.missing is MissingPolicy.EXCLUDE
        self.base: AssessmentRanks = score(self.plan, assessment.evidence.entries, self.exclude)
        self.fixed = frozenset(fixed)
        for criterion_id in self.fixed:
            framework.criterion(criterion_id)  # raises UnknownIdError
        self.grades = self.plan.grades
        self.options: list[tuple[int, ...]] = [self._options(c) for c in self.plan.criteria]
        self.named = self._named_in_rules()
        self._memo: dict[tuple[int, int | None, tuple[tuple[int, int], ...]], _Local | None] = {}
        self.exact = True

    # What each criterion can become --------------------------------------------------------

    def _reachable_ranks(self, c: CompiledCriterion) -> tuple[int, ...]:
        if c.kind == MEASURED:
            return tuple(sorted({rank for _, rank in c.thresholds}))
        if c.kind == CHECK:
            return tuple(sorted({c.met, c.not_met}))
        return tuple(range(self.grades))

    def _options(self, c: CompiledCriterion) -> tuple[int, ...]:
        """The ranks criterion *c* could be raised to, best first (empty if it cannot move)."""
        i = c.index
        if c.criterion.id in self.fixed or i in self.base.wrong_form:
            return ()
        entry = self.assessment.evidence.entries.get(c.criterion.id)
        if entry is not None and entry.value is NOT_APPLICABLE:
            return ()
        now = self.base.point[i]
        return tuple(r for r in self._reachable_ranks(c) if now is None or r < now)

    def _named_in_rules(self) -> set[int]:
        named: set[int] = set()
        for judgement in self.plan.judgements:
            for rule in judgement.aggregation.rules:
                for member, _ in rule.minimum:
                    named.add(judgement.members[member])
        return named

    def steps(self, i: int, rank: int) -> int:
        now = self.base.point[i]
        return (self.grades - 1 if now is None else now) - rank

    def cost(self, assign: Mapping[int, int]) -> float:
        criteria = self.plan.criteria
        return sum(self.steps(i, r) * criteria[i].criterion.effort for i, r in assign.items())

    # Exact checks with the engine ------------------------------------------------------------

    def rescore(self, assign: Mapping[int, int]) -> AssessmentRanks:
        return with_ranks(self.plan, self.base, assign)

    def scope_rank(self, core: AssessmentRanks, scope: int) -> Rank:
        return core.overall[0] if scope < 0 else core.judgement_point[scope]

    def reaches(self, assign: Mapping[int, int], scope: int, target: int) -> bool:
        rank = self.scope_rank(self.rescore(assign), scope)
        return rank is not None and rank <= target

    def all_best(self, among: Iterable[int] | None = None) -> dict[int, int]:
        indices = range(len(self.options)) if among is None else among
        return {i: self.options[i][0] for i in indices if self.options[i]}

    # One judgement alone ----------------------------------------------------------------------

    def local(self, j: int, target: Rank, forced: tuple[tuple[int, int], ...]) -> _Local | None:
        """The fewest of judgement *j*'s own criteria whose change lifts it to *target*.

        *forced* lists criteria that must change regardless (``(position, worst rank
        allowed)``), because a cap would otherwise hold a grade down.
        """
        key = (j, target, forced)
        if key in self._memo:
            return self._memo[key]
        found = self._local(j, target, forced)
        self._memo[key] = found
        return found

    def _local(self, j: int, target: Rank, forced: tuple[tuple[int, int], ...]) -> _Local | None:
        judgement = self.plan.judgements[j]
        members = judgement.members
        agg = judgement.aggregation
        weights = judgement.weights
        base = self.base.point
        bound = dict(forced)
        position = {m: k for k, m in enumerate(members)}

        def ok(assign: Mapping[int, int]) -> bool:
            if target is None:
                return True
            ranks = [base[m] for m in members]
            for m, r in assign.items():
                ranks[position[m]] = r
            got = aggregate(agg, ranks, weights)
            return got is not None and got <= target

        start = {m: self.options[m][0] for m in bound}
        candidates = [m for m in members if self.options[m] and m not in bound]
        everything = {**start, **{m: self.options[m][0] for m in candidates}}
        if not ok(everything):
            return None
        if len(candidates) > _SMALL and all(base[m] is not None for m in candidates):
            order = self._additive_order(judgement.aggregation.method, candidates, target)
            if order is not None:
                return self._prefix(order, start, ok, bound)

        classes: dict[tuple[Any, ...], list[int]] = {}
        for m in candidates:
            key: tuple[Any, ...] = (base[m], weights[position[m]], self.options[m])
            if m in self.named:
                key = (*key, m)
            classes.setdefault(key, []).append(m)
        groups = [
            sorted(group, key=lambda m: (self.plan.criteria[m].criterion.effort, m))
            for group in classes.values()
        ]
        groups.sort(key=lambda group: group[0])

        budget = [_LOCAL_BUDGET]
        exact = True
        for k in range(len(candidates) + 1):
            solutions: list[dict[int, int]] = []
            self._enumerate(
                groups=groups, g=0, left=k, assign=dict(start), ok=ok, out=solutions, budget=budget
            )
            if budget[0] <= 0:
                exact = False
                break
            if solutions:
                return self._cheapest(solutions, ok, bound, exact=True)
        # Over budget: greedy from everything at its best.
        self.exact = self.exact and exact
        assign = dict(everything)
        for m in sorted(candidates, key=lambda m: (-self.plan.criteria[m].criterion.effort, -m)):
            trial = dict(assign)
            del trial[m]
            if ok(trial):
                assign = trial
        return self._cheapest([assign], ok, bound, exact=False)

    def _additive_order(self, method: int, candidates: list[int], target: Rank) -> list[int] | None:
        """Candidates in an order whose shortest working prefix is a smallest working set.

        For ``best_fit`` and ``percent_bands`` each member's contribution adds up (its weight
        once it reaches the target, or its weighted points), so the largest contributions
        first give the fewest changes; for ``secure_fit`` every member below the target must
        change, and the worst come first. ``None`` for ``rules``, which are searched in full.
        """
        criteria = self.plan.criteria
        base = self.base.point
        weights = {
            m: w
            for judgement in self.plan.judgements
            for m, w in zip(judgement.members, judgement.weights, strict=True)
        }

        def cheapest(m: int) -> float:
            usable = [r for r in self.options[m] if target is None or r <= target]
            rank = usable[-1] if usable else self.options[m][0]
            return self.steps(m, rank) * criteria[m].criterion.effort

        if method == SECURE_FIT:
            return sorted(candidates, key=lambda m: (-(base[m] or 0), cheapest(m), m))
        if method == BEST_FIT:

            def gain(m: int) -> float:
                now = base[m]
                assert now is not None
                reaches = target is not None and self.options[m][0] <= target < now
                return weights[m] if reaches else 0.0

        elif method == PERCENT_BANDS:
            points = self.plan.judgements[criteria[candidates[0]].judgement].aggregation.points

            def gain(m: int) -> float:
                now = base[m]
                assert now is not None
                return weights[m] * (points[self.options[m][0]] - points[now])

        else:
            return None
        return sorted(candidates, key=lambda m: (-gain(m), cheapest(m), m))

    def _prefix(
        self, order: list[int], start: dict[int, int], ok: Any, bound: Mapping[int, int]
    ) -> _Local:
        """The shortest prefix of *order* that works, lowered (see `_additive_order`)."""
        assign = dict(start)
        if not ok(assign):
            for m in order:
                assign[m] = self.options[m][0]
                if ok(assign):
                    break
        lowered = self.lower(assign, ok, bound)
        return _Local(len(lowered), self.cost(lowered), lowered, exact=True)

    def _enumerate(
        self,
        *,
        groups: Sequence[list[int]],
        g: int,
        left: int,
        assign: dict[int, int],
        ok: Any,
        out: list[dict[int, int]],
        budget: list[int],
    ) -> None:
        if budget[0] <= 0:
            return
        if g == len(groups):
            budget[0] -= 1
            if left == 0 and ok(assign):
                out.append(dict(assign))
            return
        room = sum(len(group) for group in groups[g:])
        if left > room:
            return
        if left > 0:
            # Prune: even every remaining criterion at its best cannot make it.
            budget[0] -= 1
            trial = dict(assign)
            for group in groups[g:]:
                for m in group:
                    trial[m] = self.options[m][0]
            if not ok(trial):
                return
        group = groups[g]
        for take in range(min(left, len(group)) + 1):
            chosen = dict(assign)
            for m in group[:take]:
                chosen[m] = self.options[m][0]
            self._enumerate(
                groups=groups,
                g=g + 1,
                left=left - take,
                assign=chosen,
                ok=ok,
                out=out,
                budget=budget,
            )

    def _cheapest(
        self, solutions: list[dict[int, int]], ok: Any, bound: Mapping[int, int], *, exact: bool
    ) -> _Local:
        best: _Local | None = None
        for solution in solutions:
            lowered = self.lower(solution, ok, bound)
            cost = self.cost(lowered)
            order = sorted(lowered)
            if best is None or (cost, order) < (best.cost, sorted(best.assign)):
                best = _Local(len(lowered), cost, lowered, exact)
        assert best is not None
        return best

    def lower(
        self, assign: Mapping[int, int], ok: Any, bound: Mapping[int, int] | None = None
    ) -> dict[int, int]:
        """Lower each change to the lowest grade that keeps *ok*, costliest criteria first."""
        result = dict(assign)
        criteria = self.plan.criteria
        order = sorted(result, key=lambda i: (-criteria[i].criterion.effort, i))
        for i in order:
            limit = bound.get(i) if bound else None
            for rank in reversed(self.options[i]):
                if rank >= result[i]:
                    if rank == result[i]:
                        break
                    if limit is not None and rank > limit:
                        continue
                    trial = dict(result)
                    trial[i] = rank
                    if ok(trial):
                        result = trial
                        break
        return result

    # Caps: what must change so that no cap holds a grade below what it needs ------------------

    def _watch_rank(self, cap: CompiledCap) -> Rank:
        if cap.criterion >= 0:
            return self.base.point[cap.criterion]
        return None

    def requirements(
        self, required: list[Rank], overall: Rank
    ) -> tuple[list[Rank], dict[int, int]] | None:
        """Propagate grade requirements through the caps.

        Returns the requirement per judgement and the criteria forced to change (position ->
        worst rank allowed), or ``None`` when a cap can never be released.

        A judgement with no grade (all its evidence absent and excluded, or not applicable)
        never fires a cap, as in the engine; so a cap watching one asks nothing while the plan
        leaves it ungraded (no requirement on it and none of its criteria forced). Should a
        later cap force one of its criteria after all, the propagation runs again with that
        judgement counted as graded.
        """
        graded: set[int] = set()
        while True:
            found = self._propagate(required, overall, graded)
            if found is None:
                return None
            needs, forced, skipped = found
            touched = {self.plan.criteria[i].judgement for i in forced}
            again = {k for k in skipped if k in touched or needs[k] is not None}
            if not again:
                return needs, forced
            graded |= again

    def _propagate(
        self, required: list[Rank], overall: Rank, graded: set[int]
    ) -> tuple[list[Rank], dict[int, int], set[int]] | None:
        """One pass of `requirements`; also returns the ungraded judgements whose caps it let be."""
        required = list(required)
        forced: dict[int, int] = {}
        skipped: set[int] = set()

        def release(cap: CompiledCap) -> bool:
            limit = cap.trigger - 1
            if cap.criterion >= 0:
                i = cap.criterion
                now = self.base.point[i]
                if now is None or now <= limit:
                    # A criterion with no grade (not applicable, or absent and excluded)
                    # never fires a cap.
                    return True
                if not any(r <= limit for r in self.options[i]):
                    return False
                forced[i] = min(forced.get(i, limit), limit)
                return True
            k = cap.judgement
            current = required[k]
            if current is None and self.base.judgement_point[k] is None and k not in graded:
                # Left ungraded, the watched judgement never fires the cap.
                skipped.add(k)
                return True
            if limit < 0:
                return False
            required[k] = limit if current is None else min(current, limit)
            return True

        if overall is not None:
            for cap in self.plan.overall.caps:
                if cap.to > overall and not release(cap):
                    return None
        for j in reversed(self.plan.order):
            need = required[j]
            if need is None:
                continue
            for cap in self.plan.judgements[j].caps:
                if cap.to > need and not release(cap):
                    return None
        return required, forced, skipped

    def solve(self, required: list[Rank], overall: Rank) -> _Local | None:
        """The cheapest plan meeting per-judgement requirements (and the overall's caps)."""
        found = self.requirements(required, overall)
        if found is None:
            return None
        needs, forced = found
        per_judgement: dict[int, list[tuple[int, int]]] = {}
        for i, limit in forced.items():
            per_judgement.setdefault(self.plan.criteria[i].judgement, []).append((i, limit))
        count = 0
        cost = 0.0
        assign: dict[int, int] = {}
        exact = True
        for j in range(len(self.plan.judgements)):
            need = needs[j]
            pinned = tuple(sorted(per_judgement.get(j, ())))
            if need is None and not pinned:
                continue
            local = self.local(j, need, pinned)
            if local is None:
                return None
            count += local.count
            cost += local.cost
            assign.update(local.assign)
            exact = exact and local.exact
        return _Local(count, cost, assign, exact)

    # The whole plan ----------------------------------------------------------------------------

    def search(self, scope: int, target: int) -> _Local | None:
        """The cheapest set of changes that lifts *scope* (-1 for overall) to *target*."""
        judgements = len(self.plan.judgements)
        if scope >= 0:
            required: list[Rank] = [None] * judgements
            required[scope] = target
            return self.solve(required, None)
        return self._search_overall(target)

    def _search_overall(self, target: int) -> _Local | None:
        """Branch and bound over the judgements' targets for the overall grade."""
        scope = -1
        judgements = len(self.plan.judgements)
        current = list(self.base.judgement_point)
        candidates: list[list[Rank]] = []
        for j in range(judgements):
            now = current[j]
            top = self.grades - 1 if now is None else now - 1
            ranks: list[Rank] = [now]
            ranks.extend(range(top, -1, -1))
            candidates.append(ranks)
        overall_agg = self.plan.overall.aggregation
        weights = self.plan.overall.weights

        # A greedy start: every judgement below the target lifted to it.
        greedy = [r if r is not None and r <= target else target for r in current]
        best = self.solve(list(greedy), target)
        if best is not None:
            best = self._checked(best, scope, target)
        lower_bounds: dict[tuple[int, Rank], int | None] = {}

        def bound(j: int, rank: Rank) -> int | None:
            key = (j, rank)
            if key not in lower_bounds:
                local = self.local(j, rank, ()) if rank != current[j] else _Local(0, 0, {}, True)
                lower_bounds[key] = None if local is None else local.count
            return lower_bounds[key]

        budget = [_TOP_BUDGET]
        vector: list[Rank] = []

        def visit(j: int, spent: int) -> None:
            nonlocal best
            if budget[0] <= 0:
                return
            budget[0] -= 1
            if best is not None and spent > best.count:
                return
            if j == judgements:
                got = aggregate(overall_agg, vector, weights)
                if got is None or got > target:
                    return
                found = self.solve(list(vector), target)
                if found is None:
                    return
                if best is None or (found.count, found.cost) < (best.count, best.cost):
                    checked = self._checked(found, scope, target)
                    if checked is not None:
                        best = checked
                return
            optimistic = [*vector, *([0] * (judgements - j))]
            got = aggregate(overall_agg, optimistic, weights)
            if got is None or got > target:
                return
            for rank in candidates[j]:
                extra = bound(j, rank)
                if extra is None:
                    continue
                vector.append(rank)
                visit(j + 1, spent + extra)
                vector.pop()

        visit(0, 0)
        if budget[0] <= 0:
            self.exact = False
        return best

    def _checked(self, found: _Local, scope: int, target: int) -> _Local | None:
        """Return *found* lowered with the real engine, or ``None`` if it does not reach."""
        if not self.reaches(found.assign, scope, target):
            return None

        def ok(assign: Mapping[int, int]) -> bool:
            return self.reaches(assign, scope, target)

        lowered = self.lower(found.assign, ok)
        return _Local(len(lowered), self.cost(lowered), lowered, found.exact)

    def exhaustive(self, scope: int, target: int, upper: Mapping[int, int]) -> _Local:
        """The cheapest plan by trying every smaller set of criteria, checked by the engine.

        Used when the structural search and the engine disagree (which only happens with
        absent evidence excluded from a judgement whose best and worst cases differ from its
        point prediction). Exact while it stays within its budget.
        """
        candidates = [i for i, options in enumerate(self.options) if options]

        def ok(changes: Mapping[int, int]) -> bool:
            return self.reaches(changes, scope, target)

        budget = _LOCAL_BUDGET
        for size in range(len(upper)):
            solutions = []
            for chosen in itertools.combinations(candidates, size):
                budget -= 1
                if budget < 0:
                    return _Local(len(upper), self.cost(upper), dict(upper), exact=False)
                assign = {i: self.options[i][0] for i in chosen}
                if ok(assign):
                    solutions.append(assign)
            if solutions:
                return self._cheapest(solutions, ok, {}, exact=True)
        return _Local(len(upper), self.cost(upper), dict(upper), exact=True)

    def greedy(self, scope: int, target: int) -> dict[int, int] | None:
        """A plan found by dropping changes from "everything at its best" while it reaches."""
        assign = self.all_best()
        if not self.reaches(assign, scope, target):
            return None
        criteria = self.plan.criteria
        for i in sorted(assign, key=lambda i: (-criteria[i].criterion.effort, -i)):
            trial = dict(assign)
            del trial[i]
            if self.reaches(trial, scope, target):
                assign = trial

        def ok(changes: Mapping[int, int]) -> bool:
            return self.reaches(changes, scope, target)

        return self.lower(assign, ok)

    # Turning ranks into evidence --------------------------------------------------------------

    def value_for(self, i: int, rank: int) -> float | bool | str:
        c = self.plan.criteria[i]
        if c.kind == MEASURED:
            return next(value for value, r in c.thresholds if r == rank)
        if c.kind == CHECK:
            return rank == c.met
        return self.plan.scale[rank].id

    def entry_for(self, i: int, rank: int) -> Entry:
        c = self.plan.criteria[i]
        value = self.value_for(i, rank)
        old = self.assessment.evidence.entries.get(c.criterion.id)
        counts = None
        if (
            c.kind == MEASURED
            and old is not None
            and old.counts is not None
            and isinstance(value, float)
        ):
            numerator = _numerator_for(value, old.counts.denominator, higher=c.higher)
            counts = Counts(numerator, old.counts.denominator)
            share = counts.proportion
            value = max(value, share) if c.higher else min(value, share)
        grade = self.plan.scale[rank]
        return Entry(
            criterion=c.criterion.id,
            value=value,
            counts=counts,
            source="lift plan",
            note=f"the value that earns {grade.label}",
        )


def _numerator_for(share: float, denominator: int, *, higher: bool) -> int:
    """The numerator closest to *share* of *denominator* that still reaches it."""
    exact = share * denominator
    if higher:
        numerator = math.ceil(exact - 1e-9)
        while numerator / denominator < share - 1e-12 and numerator < denominator:
            numerator += 1
        return min(numerator, denominator)
    numerator = math.floor(exact + 1e-9)
    return max(numerator, 0)


# --------------------------------------------------------------------------------------------
# Public functions


def find_lift_plan(
    assessment: Assessment,
    target: Grade | str | int | None = None,
    *,
    judgement: str | None = None,
    fixed: Iterable[str] = (),
) -> LiftPlan:
    """Return the smallest set of criterion changes that lifts a grade to *target*.

    The plan has the fewest changes of any that reach the target; among those, the least
    effort (grade steps, weighted by each criterion's ``effort``); each change is to the lowest
    grade that still suffices given the others. It is verified by re-scoring the evidence with
    the changes applied before it is returned.

    Args:
        assessment: The assessment to lift.
        target: The grade to reach (a `Grade`, id, label, alias or position); by default the
            grade one better than the current one.
        judgement: Lift this judgement rather than the overall grade.
        fixed: Ids of criteria that must not change (e.g. a figure the centre cannot move).

    Returns:
        The plan; ``plan.reachable`` is false (and ``plan.reason`` says why) when no changes
        to the criteria that may change reach the target.

    Raises:
        UnknownIdError: *target* is not a grade, or *judgement* or a *fixed* id is unknown.
    """
    framework = assessment.framework
    scope = _check_scope(framework, judgement)
    goal = _resolve_target(assessment, target, scope)
    planner = _Planner(assessment, fixed)
    scope_index = (
        -1
        if scope == OVERALL
        else planner.plan.judgements.index(
            next(j for j in planner.plan.judgements if j.id == scope)
        )
    )
    before = assessment.result(scope).grade
    fixed_ids = tuple(sorted(planner.fixed))
    now = planner.scope_rank(planner.base, scope_index)
    if now is not None and now <= goal.rank:
        return LiftPlan(
            target=goal,
            scope=scope,
            before=before,
            after=before,
            reachable=True,
            changes=(),
            fixed=fixed_ids,
            minimal=True,
            reason=f"{_scope_title(framework, scope)} is already {grade_label(before)}",
            result=assessment,
        )
    if not planner.reaches(planner.all_best(), scope_index, goal.rank):
        return LiftPlan(
            target=goal,
            scope=scope,
            before=before,
            after=None,
            reachable=False,
            changes=(),
            fixed=fixed_ids,
            minimal=True,
            reason=_unreachable_reason(planner, scope, scope_index, goal),
        )
    found = planner.search(scope_index, goal.rank)
    assign = found.assign if found is not None else None
    minimal = found is not None and found.exact and planner.exact
    result = _verify(planner, assign, scope, goal) if assign is not None else None
    if assign is None or result is None:
        # The structural search disagreed with the engine (see `_Planner.exhaustive`): fall
        # back to a search checked with the engine alone.
        upper = planner.greedy(scope_index, goal.rank)
        assert upper is not None
        found = planner.exhaustive(scope_index, goal.rank, upper)
        assign = found.assign
        minimal = found.exact
        result = _verify(planner, assign, scope, goal)
        assert result is not None
    changes = _changes(planner, assign)
    after = result.result(scope).grade
    words = ", ".join(f"{change.criterion} to {change.after.label}" for change in changes)
    return LiftPlan(
        target=goal,
        scope=scope,
        before=before,
        after=after,
        reachable=True,
        changes=changes,
        fixed=fixed_ids,
        minimal=minimal,
        reason=(
            f"{len(changes)} change{'s lift' if len(changes) != 1 else ' lifts'} "
            f"{_scope_title(framework, scope)} from {grade_label(before)} "
            f"to {grade_label(after)}: {words}"
        ),
        result=result,
    )


def _scope_title(framework: Framework, scope: str) -> str:
    if scope == OVERALL:
        return framework.overall_title
    return framework.judgement(scope).title


def _changes(planner: _Planner, assign: Mapping[int, int]) -> tuple[Change, ...]:
    plan = planner.plan
    scale = plan.scale
    changes = []
    for i in sorted(assign):
        c = plan.criteria[i]
        now = planner.base.point[i]
        rank = assign[i]
        entry = planner.entry_for(i, rank)
        changes.append(
            Change(
                criterion=c.criterion.id,
                judgement=plan.judgements[c.judgement].id,
                before=None if now is None else scale[now],
                after=scale[rank],
                steps=planner.steps(i, rank),
                effort=c.criterion.effort,
                value=planner.value_for(i, rank),
                entry=entry,
            )
        )
    return tuple(changes)


def _verify(
    planner: _Planner, assign: Mapping[int, int], scope: str, goal: Grade
) -> Assessment | None:
    """Re-score with the real engine; return the new assessment if it reaches *goal*."""
    from inspectkit.scoring import assess

    assessment = planner.assessment
    entries = {
        planner.plan.criteria[i].criterion.id: planner.entry_for(i, r) for i, r in assign.items()
    }
    evidence = assessment.evidence.replace(dict(entries))
    result = assess(assessment.framework, evidence, missing=assessment.missing)
    grade = result.result(scope).grade
    if grade is None or grade.rank > goal.rank:
        return None
    return result


def _unreachable_reason(planner: _Planner, scope: str, scope_index: int, goal: Grade) -> str:
    plan = planner.plan
    framework = planner.assessment.framework
    scale = framework.scale
    core = planner.rescore(planner.all_best())
    got = planner.scope_rank(core, scope_index)
    parts = [
        f"{_scope_title(framework, scope)} cannot reach {goal.label}: with every criterion "
        "that may change at its best, it would be "
        f"{grade_label(None if got is None else scale[got])}"
    ]
    held = [
        f"cap {cap.cap.id!r} ({cap.cap.when} holds {cap.cap.limits} to {scale[cap.to].label})"
        for cap in _active_caps(planner, core, goal.rank)
    ]
    if held:
        parts.append("caps still holding grades down: " + "; ".join(held))
    if planner.fixed:
        parts.append("fixed criteria: " + ", ".join(sorted(planner.fixed)))
    limited = []
    for c in plan.criteria:
        if c.criterion.id in planner.fixed:
            continue
        reachable = planner._reachable_ranks(c)
        if reachable and reachable[0] > goal.rank:
            limited.append(f"{c.criterion.id} (at best {scale[reachable[0]].label})")
    if limited:
        parts.append("criteria that cannot reach the target: " + ", ".join(limited))
    return "; ".join(parts)


def find_gaps(
    assessment: Assessment,
    target: Grade | str | int | None = None,
    *,
    judgement: str | None = None,
    fixed: Iterable[str] = (),
) -> tuple[Gap, ...]:
    """Return the criteria below what *target* needs, most urgent first.

    A criterion is a gap when the grade it scopes (overall, or *judgement*) is below the
    target and the criterion either is graded below the target (or has no evidence) and could
    be raised, or is one the lift plan must raise (a plan may need a criterion *above* the
    target, e.g. a rule asking for one outstanding judgement). So under ``best_fit`` not every
    gap has to close, only enough of them; under ``secure_fit`` every one does. When the grade
    already reaches the target there are no gaps. Closing every gap (raising each to its
    ``required`` grade) reaches the target whenever the target is reachable, because the gaps
    include every change of the lift plan and raising more criteria never lowers a grade.

    Ranking: blocking gaps first (a cap they trigger holds a grade below the target), then
    those the lift plan changes, then by distance (grade steps, then how far the number must
    move), then framework order.

    Args:
        assessment: The assessment.
        target: The grade to reach; by default the grade one better than the current one.
        judgement: Measure gaps against this judgement's grade rather than the overall grade.
        fixed: Criteria the lift plan must not change (they are still listed if below target).

    Returns:
        The gaps, ranked.
    """
    framework = assessment.framework
    scope = _check_scope(framework, judgement)
    goal = _resolve_target(assessment, target, scope)
    now = assessment.result(scope).grade
    if now is not None and now.rank <= goal.rank:
        return ()
    lift = find_lift_plan(assessment, goal, judgement=judgement, fixed=fixed)
    planner = _Planner(assessment)
    plan = planner.plan
    planned = {change.criterion: change.after.rank for change in lift.changes}
    in_scope = _scope_criteria(planner, scope)
    blockers = _blocking_caps(planner, goal.rank)
    base = planner.base
    wanted: dict[int, int] = {}
    for c in plan.criteria:
        i = c.index
        options = planner.options[i]
        now_rank = base.point[i]
        if not options:
            continue
        if c.criterion.id in planned:
            wanted[i] = planned[c.criterion.id]
        elif i in in_scope and (now_rank is None or now_rank > goal.rank):
            at_target = [r for r in options if r <= goal.rank]
            wanted[i] = at_target[-1] if at_target else options[0]
    scope_index = -1 if scope == OVERALL else framework.judgements.index(framework.judgement(scope))
    if lift.reachable and not planner.reaches(wanted, scope_index, goal.rank):
        # Evidence excluded while absent can, once given at a middling grade, pull a banded
        # or best-fit grade down; ask for its best grade so that closing every gap is safe.
        for i in wanted:
            if base.point[i] is None and plan.criteria[i].criterion.id not in planned:
                wanted[i] = planner.options[i][0]
    gaps: list[tuple[tuple[Any, ...], Gap]] = []
    for i, required in wanted.items():
        c = plan.criteria[i]
        cid = c.criterion.id
        core = planner.rescore({i: required})
        lifts_judgement = _better(
            core.judgement_point[c.judgement], base.judgement_point[c.judgement]
        )
        lifts_overall = _better(core.overall[0], base.overall[0])
        caps = tuple(blockers.get(i, ()))
        gap = _make_gap(
            planner,
            c,
            required,
            caps=caps,
            in_plan=cid in planned,
            lifts_judgement=lifts_judgement,
            lifts_overall=lifts_overall,
        )
        distance = abs(gap.distance) / _span(c) if gap.distance is not None else 0.0
        key = (not gap.blocking, not gap.in_plan, gap.steps, distance, i)
        gaps.append((key, gap))
    return tuple(gap for _, gap in sorted(gaps, key=lambda pair: pair[0]))


def _better(after: Rank, before: Rank) -> bool:
    if after is None:
        return False
    return before is None or after < before


def _span(c: CompiledCriterion) -> float:
    if c.criterion.measure is Measure.PROPORTION:
        return 1.0
    values = [value for value, _ in c.thresholds]
    spread = max(values) - min(values) if len(values) > 1 else abs(values[0]) if values else 1.0
    return spread or 1.0


def _scope_criteria(planner: _Planner, scope: str) -> set[int]:
    plan = planner.plan
    if scope == OVERALL:
        return set(range(len(plan.criteria)))
    j = next(j.index for j in plan.judgements if j.id == scope)
    found = set(plan.judgements[j].members)
    # Criteria and judgements that cap this judgement count too.
    for cap in plan.judgements[j].caps:
        if cap.criterion >= 0:
            found.add(cap.criterion)
        elif cap.judgement >= 0:
            found.update(plan.judgements[cap.judgement].members)
    return found


def _blocking_caps(planner: _Planner, target: int) -> dict[int, list[str]]:
    """Criterion position -> ids of caps it triggers that hold a grade below *target*.

    A cap counts when its condition holds now (the criterion is at or below the cap's trigger,
    or the check is not met) and it limits its judgement or the overall grade to a grade below
    the target, whether or not the aggregation alone would already have put the grade there:
    either way the target cannot be reached until this criterion moves.
    """
    found: dict[int, list[str]] = {}
    for cap in _active_caps(planner, planner.base, target):
        if cap.criterion >= 0:
            found.setdefault(cap.criterion, []).append(cap.cap.id)
    return found


def _active_caps(planner: _Planner, core: AssessmentRanks, target: int) -> list[CompiledCap]:
    """The caps whose condition holds in *core* and that limit a grade to below *target*."""
    caps = [*planner.plan.overall.caps]
    for judgement in planner.plan.judgements:
        caps.extend(judgement.caps)
    active = []
    for cap in sorted(caps, key=lambda cap: cap.index):
        if cap.to <= target:
            continue
        watched = (
            core.point[cap.criterion] if cap.criterion >= 0 else core.judgement_point[cap.judgement]
        )
        if watched is not None and watched >= cap.trigger:
            active.append(cap)
    return active


def _make_gap(
    planner: _Planner,
    c: CompiledCriterion,
    required: int,
    *,
    caps: tuple[str, ...],
    in_plan: bool,
    lifts_judgement: bool,
    lifts_overall: bool,
) -> Gap:
    plan = planner.plan
    scale = plan.scale
    criterion = c.criterion
    i = c.index
    entry = planner.assessment.evidence.entries.get(criterion.id)
    now = planner.base.point[i]
    grade = None if now is None else scale[now]
    value = None if entry is None else entry.value
    target_value = planner.value_for(i, required)
    need, distance, more, of = _describe_need(c, entry, target_value, scale[required], grade)
    return Gap(
        criterion=criterion.id,
        title=criterion.title,
        judgement=plan.judgements[c.judgement].id,
        grade=grade,
        value=value,
        required=scale[required],
        need=need,
        target_value=target_value,
        distance=distance,
        more=more,
        of=of,
        absent=entry is None,
        blocking=bool(caps),
        caps=caps,
        in_plan=in_plan,
        lifts_judgement=lifts_judgement,
        lifts_overall=lifts_overall,
        steps=planner.steps(i, required),
        actions=criterion.actions,
        evidence=criterion.evidence,
    )


def _show(c: CompiledCriterion, value: float) -> str:
    if c.criterion.measure is Measure.PROPORTION:
        return percent(value)
    unit = f" {c.criterion.unit}" if c.criterion.unit else ""
    return f"{number(value)}{unit}"


def _describe_need(
    c: CompiledCriterion,
    entry: Entry | None,
    target: float | bool | str,
    grade: Grade,
    rated: Grade | None,
) -> tuple[str, float | None, int | None, int | None]:
    """The need in words, the distance, and (for counts) how many more of how many."""
    criterion = c.criterion
    bound = "at least" if c.higher else "at most"
    if entry is None:
        if c.kind == MEASURED:
            assert isinstance(target, float)
            what = f"showing {bound} {_show(c, target)}"
        elif c.kind == CHECK:
            what = "showing the check is met"
        else:
            what = f"for an assessor's rating of {grade.label}"
        guidance = f" ({criterion.evidence})" if criterion.evidence else ""
        return f"no evidence -> collect evidence {what}{guidance}", None, None, None
    value = entry.value
    if c.kind == MEASURED:
        assert isinstance(target, float)
        current = value.middle if isinstance(value, Interval) else value
        assert isinstance(current, (int, float))
        current = float(current)
        distance = target - current if c.higher else current - target
        sign = "+" if c.higher else "-"
        if criterion.measure is Measure.PROPORTION:
            text = (
                f"{percent(current)} -> {bound} {percent(target)}: "
                f"{sign}{points(abs(target - current))}"
            )
        else:
            unit = f" {criterion.unit}" if criterion.unit else ""
            text = (
                f"{number(current)}{unit} -> {bound} {number(target)}{unit}: "
                f"{sign}{number(abs(target - current))}{unit}"
            )
        more = of = None
        if entry.counts is not None and criterion.measure is Measure.PROPORTION:
            of = entry.counts.denominator
            needed = _numerator_for(target, of, higher=c.higher)
            more = needed - entry.counts.numerator if c.higher else entry.counts.numerator - needed
            noun = f" {criterion.unit}" if criterion.unit else ""
            word = "more" if c.higher else "fewer"
            text += f", about {more} {word}{noun} of {of}"
        return text, distance, more, of
    if c.kind == CHECK:
        return f"not met -> meet the check (counts as {grade.label})", None, None, None
    return f"rated {grade_label(rated)} -> an assessor's rating of {grade.label}", None, None, None


# --------------------------------------------------------------------------------------------
# What-if


def _to_entry(framework: Framework, criterion_id: str, raw: Any) -> Entry | None:
    framework.criterion(criterion_id)  # raises UnknownIdError for an unknown id
    if raw is None:
        return None
    if isinstance(raw, Entry):
        if raw.criterion != criterion_id:
            return attrs.evolve(raw, criterion=criterion_id)
        return raw
    from inspectkit.loading._evidence import parse_entry

    return parse_entry(framework, criterion_id, raw)


def _apply_changes(assessment: Assessment, changes: Mapping[str, Any]) -> dict[str, Entry | None]:
    """Return criterion id -> resolved entry (``None`` to remove) for a what-if's *changes*."""
    return {
        criterion_id: _to_entry(assessment.framework, criterion_id, raw)
        for criterion_id, raw in changes.items()
    }


def assessment_what_if(
    assessment: Assessment,
    changes: Mapping[str, Any],
    *,
    target: Grade | str | int | None = None,
) -> WhatIf:
    """Re-score *assessment* with *changes* applied and report what moved.

    Args:
        assessment: The assessment to start from.
        changes: Criterion id -> an `Entry`, a raw value as an evidence file would give it
            (``"72%"``, ``0.72``, ``{numerator = 50, denominator = 70}``, ``True``, ``"good"``),
            or ``None`` to remove the evidence.
        target: The grade gaps are measured against (default: one better than the overall
            grade before).

    Returns:
        The what-if: both assessments, what moved, and the gaps closed and opened.
    """
    from inspectkit.scoring import assess

    entries = _apply_changes(assessment, changes)
    if entries:
        evidence = assessment.evidence.replace(entries)
        after = assess(assessment.framework, evidence, missing=assessment.missing)
    else:
        after = assessment
    goal = _resolve_target(assessment, target, OVERALL)
    before_gaps = {gap.criterion for gap in find_gaps(assessment, goal)}
    after_gaps = {gap.criterion for gap in find_gaps(after, goal)}
    order = [c.id for c in assessment.framework.criteria()]
    return WhatIf(
        before=assessment,
        after=after,
        changes=entries,
        target=goal,
        moved=_movements(assessment, after),
        gaps_closed=tuple(cid for cid in order if cid in before_gaps - after_gaps),
        gaps_opened=tuple(cid for cid in order if cid in after_gaps - before_gaps),
    )


def _movements(before: Assessment, after: Assessment) -> tuple[Movement, ...]:
    moved: list[Movement] = []
    pairs: list[tuple[str, str, Any, Any]] = [(OVERALL, OVERALL, before.overall, after.overall)]
    pairs.extend(
        ("judgement", key, before.judgements[key], after.judgements[key])
        for key in before.judgements
    )
    pairs.extend(
        ("criterion", key, before.criteria[key], after.criteria[key]) for key in before.criteria
    )
    for kind, key, old, new in pairs:
        if (old.grade, old.best, old.worst) != (new.grade, new.best, new.worst):
            moved.append(
                Movement(
                    id=key,
                    kind=kind,
                    before=old.grade,
                    after=new.grade,
                    before_range=(old.best, old.worst),
                    after_range=(new.best, new.worst),
                )
            )
    return tuple(moved)


def what_if(
    framework: Framework | str,
    evidence: Evidence | Mapping[str, Any],
    changes: Mapping[str, Any],
    *,
    missing: MissingPolicy | str | None = None,
    target: Grade | str | int | None = None,
) -> WhatIf:
    """Assess *evidence*, re-score it with *changes* applied, and report what moved.

    The function form of `Assessment.what_if`.

    Args:
        framework: The framework (or a bundled id or a path).
        evidence: The evidence, or a plain mapping of criterion id to raw value.
        changes: Criterion id -> an `Entry`, a raw value, or ``None`` to remove the evidence.
        missing: The missing-evidence policy; the framework's own when not given.
        target: The grade gaps are measured against (default: one better than before).

    Returns:
        The what-if.
    """
    from inspectkit.scoring import assess

    if not isinstance(framework, Framework):
        from inspectkit import loading

        framework = loading.load_framework(framework)
    before = assess(framework, evidence, missing=missing)
    return assessment_what_if(before, changes, target=target)
