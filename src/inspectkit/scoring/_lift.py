"""The lift-plan search: the fewest criterion changes after which a grade reaches a target.

`inspectkit.gaps` asks two questions of one assessment (*what is the least we must change to
reach Good?* and *which criteria stand in the way?*); this module answers both on the compiled
ranks of `inspectkit.scoring._compile` and `inspectkit.scoring._ranks`, without building an
`inspectkit.Assessment` for every candidate, and builds real results only for the answer.

What the search relies on
-------------------------
Every aggregation method and every cap is *monotone* in the ranks it is given: raising one
criterion's grade never lowers any judgement's or the overall grade. Three consequences carry
the search:

- A set of criteria can reach the target exactly when raising each of them to its best
  reachable grade does. So "is the target reachable at all?" is one re-scoring with every
  criterion that may change at its best, and a candidate set is tried by one re-scoring.
- Supersets of a working set work, so set sizes are tried smallest first (iterative
  deepening) and the first size with a solution is the minimum; and a branch is cut as soon
  as every criterion still open, at its best, cannot make it.
- A working change can be lowered a grade at a time while the plan keeps working; so "each
  change to the lowest grade that suffices" is a final pass over the chosen set.

Unknown members are seen as the engine sees them. Under ``missing = "exclude"`` an absent
criterion (or a judgement with no graded criterion) has no rank: ``best_fit``,
``percent_bands`` and ``secure_fit`` leave it out, and a ``rules`` aggregation assumes it in
line with the others (`inspectkit.scoring._ranks.assume_unknown`); the search's own
aggregations do the same, so it never asks for evidence the engine would assume. Giving such a
member a rank is the one step that is not monotone: it adds a member, which can pull a
``best_fit`` or ``percent_bands`` grade down (and the engine then keeps the point inside the
range the evidence allows). That is what the final check and the fallback below are for.

The algorithm
-------------
The overall grade depends only on the judgements' grades and on the caps, so the search splits
along the framework's structure (`_Planner.search`):

1. For the overall grade, branch and bound over *vectors of judgement targets* (one rank per
   judgement, cheapest first): a vector is kept only if the overall rule, fed those ranks,
   reaches the target. The bound is a greedy plan's size (every judgement below the target
   lifted to it) and, per judgement, the fewest changes that judgement alone needs for its
   rank in the vector. For one judgement's grade the vector is that judgement's target alone.
2. Caps are turned into requirements (`_Planner.requirements`): a cap that would hold a grade
   below what the vector asks becomes a change that must happen (a check that must be met, a
   criterion that must rise above the trigger) or a grade another judgement must reach. This
   propagates through caps that watch judgements, from the last judgement the engine grades
   back to the first, so a judgement's requirement is complete before its own caps are read.
3. Each judgement is then solved alone (`_Planner.local`): the fewest of its own criteria that
   lift it, by iterative deepening over *classes of interchangeable criteria* (same grade now,
   same weight, same reachable grades, not named by a ``minimum`` rule). Within a class the
   cheapest (lowest ``effort``) are taken first, so the search is exact without trying every
   subset of a class. Judgements with more than `SearchBudgets.small` candidates, under a method
   whose members' contributions add up (``best_fit``, ``percent_bands``) or that needs every
   member (``secure_fit``), take the largest contributions first instead: still the fewest
   changes, with the effort tie-break made greedily.
4. Among plans of the fewest changes the least effort (grade steps times ``effort``) wins;
   each change is lowered to the lowest grade that still works (for the overall grade,
   checked with the engine's own `inspectkit.scoring._ranks.with_ranks`).

When it falls back
------------------
Every plan is re-scored with `inspectkit.scoring.assess` before it is returned (`_verify`). If
the structural search found nothing, or its plan does not reach the target in the engine (only
seen with absent evidence excluded, as above), `lift_plan` falls back to
`_Planner.exhaustive`: every set smaller than a greedy upper bound, each criterion at its best
grade, each set checked by the engine, smallest first; past the ``local`` budget it returns the
greedy bound itself. The same engine-checked search runs below the plan found when the engine
refused any plan the structural search accepted on the way (an ungraded judgement whose best
grade a cap holds down, say, which keeps the overall grade within its range): the structural
model was wrong there, so a smaller plan may exist that it never tried. The greedy bound
always reaches the target, because the target was first shown reachable with every criterion
at its best and the greedy pass only drops changes the engine says are not needed.

What the budgets bound
----------------------
`SearchBudgets` bounds the work, not the answer's correctness: a plan returned always reaches
the target. ``local`` bounds the candidate sets tried within one judgement (and by the
fallback); past it, that judgement keeps a greedy answer (drop changes from "everything at its
best", costliest first, while it still works). ``top`` bounds the judgement-target vectors the
branch and bound visits; past it, the best plan found so far stands. Either way the plan's
`inspectkit.LiftPlan.minimal` is false: it reaches the target, but a smaller plan may exist.
``small`` is not a budget on work but the size above which the additive shortcut of step 3 is
used.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from inspectkit._words import grade_label
from inspectkit.evidence import NOT_APPLICABLE, Counts, Entry
from inspectkit.grades import Grade
from inspectkit.results import Assessment, Change, LiftPlan
from inspectkit.rubric import OVERALL, Criterion, Framework, Measure, MissingPolicy
from inspectkit.scoring._assess import assess
from inspectkit.scoring._compile import (
    BEST_FIT,
    CHECK,
    MEASURED,
    PERCENT_BANDS,
    RULES,
    SECURE_FIT,
    CompiledCap,
    CompiledCriterion,
    CompiledFramework,
    compiled_for,
)
from inspectkit.scoring._ranks import (
    AssessmentRanks,
    aggregate,
    assume_unknown,
    given_ranks,
    score,
    with_ranks,
)

__all__ = ["DEFAULT_BUDGETS", "GapProbe", "SearchBudgets", "gap_probes", "lift_plan"]

Rank = int | None


@attrs.frozen
class SearchBudgets:
    """How much work the lift-plan search may do before it settles (see the module docstring).

    Attributes:
        local: Candidate sets tried within one judgement (and by the engine-checked
            fallback) before that judgement keeps a greedy answer.
        top: Judgement-target vectors the overall branch and bound visits before the best
            plan found so far stands.
        small: Judgements with more candidate criteria than this use the additive shortcut
            where their method allows (the fewest changes stays exact; the effort tie-break
            becomes greedy).
    """

    local: int = 20_000
    top: int = 50_000
    small: int = 12


DEFAULT_BUDGETS = SearchBudgets()
"""The budgets `lift_plan` uses unless given others."""


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

    def __init__(
        self,
        assessment: Assessment,
        fixed: Iterable[str] = (),
        budgets: SearchBudgets | None = None,
    ) -> None:
        self.assessment = assessment
        # Looked up at call time, so a test can replace DEFAULT_BUDGETS.
        self.budgets = DEFAULT_BUDGETS if budgets is None else budgets
        framework = assessment.framework
        self.compiled: CompiledFramework = compiled_for(framework)
        self.exclude = assessment.missing is MissingPolicy.EXCLUDE
        self.base: AssessmentRanks = score(
            self.compiled,
            assessment.evidence.entries,
            self.exclude,
            assessment.evidence.findings,
            given_ranks(self.compiled, assessment.evidence.judgements),
        )
        self.fixed = frozenset(fixed)
        for criterion_id in self.fixed:
            framework.criterion(criterion_id)  # raises UnknownIdError
        self.grades = self.compiled.grades
        self.options: list[tuple[int, ...]] = [self._options(c) for c in self.compiled.criteria]
        self.named = self._named_in_rules()
        self._memo: dict[tuple[int, int | None, tuple[tuple[int, int], ...]], _Local | None] = {}
        self.exact = True
        # Set when the engine refused a plan the structural model accepted: the model was wrong
        # there, so a plan it found elsewhere is not known to be the smallest.
        self.disagreed = False

    # What each criterion can become --------------------------------------------------------

    def reachable_ranks(self, c: CompiledCriterion) -> tuple[int, ...]:
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
        if c.judgement in self.base.given:
            # A judgement's given grade is final: its criteria cannot move it.
            return ()
        entry = self.assessment.evidence.entries.get(c.criterion.id)
        if entry is not None and entry.value is NOT_APPLICABLE:
            return ()
        now = self.base.point[i]
        return tuple(r for r in self.reachable_ranks(c) if now is None or r < now)

    def _named_in_rules(self) -> set[int]:
        named: set[int] = set()
        for judgement in self.compiled.judgements:
            for rule in judgement.aggregation.rules:
                for member, _ in rule.minimum:
                    named.add(judgement.members[member])
        return named

    def steps(self, i: int, rank: int) -> int:
        now = self.base.point[i]
        return (self.grades - 1 if now is None else now) - rank

    def cost(self, assign: Mapping[int, int]) -> float:
        criteria = self.compiled.criteria
        return sum(self.steps(i, r) * criteria[i].criterion.effort for i, r in assign.items())

    # Exact checks with the engine ------------------------------------------------------------

    def ranks_with(self, assign: Mapping[int, int]) -> AssessmentRanks:
        return with_ranks(self.compiled, self.base, assign)

    def scope_rank(self, core: AssessmentRanks, scope: int) -> Rank:
        return core.overall[0] if scope < 0 else core.judgement_point[scope]

    def reaches(self, assign: Mapping[int, int], scope: int, target: int) -> bool:
        rank = self.scope_rank(self.ranks_with(assign), scope)
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
        judgement = self.compiled.judgements[j]
        members = judgement.members
        aggregation = judgement.aggregation
        weights = judgement.weights
        base = self.base.point
        bound = dict(forced)
        position = {m: k for k, m in enumerate(members)}

        # A rules aggregation assumes its unknown members in line with the others, as the
        # engine does (`assume_unknown`); the other methods leave them out.
        assumes = aggregation.method == RULES and any(
            base[m] is None and self.base.best[m] is not None for m in members
        )
        best_now = [self.base.best[m] for m in members]
        worst_now = [self.base.worst[m] for m in members]

        def ok(assign: Mapping[int, int]) -> bool:
            if target is None:
                return True
            ranks = [base[m] for m in members]
            for m, r in assign.items():
                ranks[position[m]] = r
            if assumes:
                best = list(best_now)
                worst = list(worst_now)
                for m, r in assign.items():
                    best[position[m]] = worst[position[m]] = r
                assumed, _ = assume_unknown(aggregation, ranks, best, worst)
                got = aggregate(aggregation, assumed, weights)
            else:
                got = aggregate(aggregation, ranks, weights)
            return got is not None and got <= target

        start = {m: self.options[m][0] for m in bound}
        candidates = [m for m in members if self.options[m] and m not in bound]
        everything = {**start, **{m: self.options[m][0] for m in candidates}}
        if not ok(everything):
            return None
        if len(candidates) > self.budgets.small and all(base[m] is not None for m in candidates):
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
            sorted(group, key=lambda m: (self.compiled.criteria[m].criterion.effort, m))
            for group in classes.values()
        ]
        groups.sort(key=lambda group: group[0])

        budget = [self.budgets.local]
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
        for m in sorted(
            candidates, key=lambda m: (-self.compiled.criteria[m].criterion.effort, -m)
        ):
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
        criteria = self.compiled.criteria
        base = self.base.point
        weights = {
            m: w
            for judgement in self.compiled.judgements
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
            points = self.compiled.judgements[criteria[candidates[0]].judgement].aggregation.points

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
        criteria = self.compiled.criteria
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
            touched = {self.compiled.criteria[i].judgement for i in forced}
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
            for cap in self.compiled.overall.caps:
                if cap.to > overall and not release(cap):
                    return None
        for j in reversed(self.compiled.order):
            need = required[j]
            if need is None:
                continue
            for cap in self.compiled.judgements[j].caps:
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
            per_judgement.setdefault(self.compiled.criteria[i].judgement, []).append((i, limit))
        count = 0
        cost = 0.0
        assign: dict[int, int] = {}
        exact = True
        for j in range(len(self.compiled.judgements)):
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
        judgements = len(self.compiled.judgements)
        if scope >= 0:
            required: list[Rank] = [None] * judgements
            required[scope] = target
            return self.solve(required, None)
        return self._search_overall(target)

    def _search_overall(self, target: int) -> _Local | None:
        """Branch and bound over the judgements' targets for the overall grade."""
        scope = -1
        judgements = len(self.compiled.judgements)
        current = list(self.base.judgement_point)
        candidates: list[list[Rank]] = []
        for j in range(judgements):
            now = current[j]
            top = self.grades - 1 if now is None else now - 1
            ranks: list[Rank] = [now]
            ranks.extend(range(top, -1, -1))
            candidates.append(ranks)

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

        budget = [self.budgets.top]
        vector: list[Rank] = []

        def visit(j: int, spent: int) -> None:
            nonlocal best
            if budget[0] <= 0:
                return
            budget[0] -= 1
            if best is not None and spent > best.count:
                return
            if j == judgements:
                got = self._overall_rank(vector)
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
            got = self._overall_rank(optimistic)
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

    def _overall_rank(self, ranks: list[Rank]) -> Rank:
        """The overall rule on judgement *ranks*, as the engine applies it (before caps).

        A judgement still ungraded in *ranks* is one the plan leaves as it is now; under a
        ``rules`` method it is assumed in line with the others (`assume_unknown`).
        """
        overall = self.compiled.overall
        assumed, _ = assume_unknown(
            overall.aggregation, ranks, self.base.judgement_best, self.base.judgement_worst
        )
        return aggregate(overall.aggregation, assumed, overall.weights)

    def _checked(self, found: _Local, scope: int, target: int) -> _Local | None:
        """Return *found* lowered with the real engine, or ``None`` if it does not reach."""
        if not self.reaches(found.assign, scope, target):
            self.disagreed = True
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

        budget = self.budgets.local
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
        criteria = self.compiled.criteria
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
        c = self.compiled.criteria[i]
        if c.kind == MEASURED:
            return next(value for value, r in c.thresholds if r == rank)
        if c.kind == CHECK:
            return rank == c.met
        return self.compiled.scale[rank].id

    def entry_for(self, i: int, rank: int) -> Entry:
        c = self.compiled.criteria[i]
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
        grade = self.compiled.scale[rank]
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
# The lift plan


def _scope_index(compiled: CompiledFramework, scope: str) -> int:
    """The position of judgement *scope*, or -1 for the overall grade."""
    if scope == OVERALL:
        return -1
    return next(j.index for j in compiled.judgements if j.id == scope)


def _check_scope(framework: Framework, judgement: str | None) -> str:
    if judgement is None or judgement == OVERALL:
        return OVERALL
    framework.judgement(judgement)  # raises UnknownIdError for an unknown id
    return judgement


def _scope_title(framework: Framework, scope: str) -> str:
    if scope == OVERALL:
        return framework.overall_title
    return framework.judgement(scope).title


def lift_plan(
    assessment: Assessment,
    goal: Grade,
    *,
    judgement: str | None = None,
    fixed: Iterable[str] = (),
    budgets: SearchBudgets | None = None,
) -> LiftPlan:
    """Return the smallest set of criterion changes that lifts a grade to *goal*.

    The search behind `inspectkit.gaps.find_lift_plan` (see the module docstring): the plan
    has the fewest changes of any that reach *goal*, then the least effort, each change to the
    lowest grade that suffices, and it is verified by re-scoring before it is returned.

    Args:
        assessment: The assessment to lift.
        goal: The grade to reach, a grade of the assessment's framework.
        judgement: Lift this judgement rather than the overall grade.
        fixed: Ids of criteria that must not change.
        budgets: How much work the search may do; `DEFAULT_BUDGETS` when not given.

    Returns:
        The plan; unreachable (with the reason) when no allowed changes reach *goal*.

    Raises:
        UnknownIdError: *judgement* or a *fixed* id is unknown.
    """
    framework = assessment.framework
    scope = _check_scope(framework, judgement)
    planner = _Planner(assessment, fixed, budgets)
    scope_index = _scope_index(planner.compiled, scope)
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
    if assign is not None and result is not None and planner.disagreed:
        # The engine refused a plan the structural model accepted on the way (see "When it
        # falls back" above): the plan found reaches the target, but the model may have
        # missed a smaller one. Look for one with the engine alone, below the plan's size.
        found = planner.exhaustive(scope_index, goal.rank, assign)
        if found.assign != assign:
            assign = found.assign
            result = _verify(planner, assign, scope, goal)
            assert result is not None
        minimal = found.exact
    if assign is None or result is None:
        # The structural search disagreed with the engine (see "When it falls back" above):
        # search again, checking every candidate with the engine alone.
        upper = planner.greedy(scope_index, goal.rank)
        assert upper is not None  # the target is reachable with everything at its best
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


def _changes(planner: _Planner, assign: Mapping[int, int]) -> tuple[Change, ...]:
    compiled = planner.compiled
    scale = compiled.scale
    changes = []
    for i in sorted(assign):
        c = compiled.criteria[i]
        now = planner.base.point[i]
        rank = assign[i]
        entry = planner.entry_for(i, rank)
        changes.append(
            Change(
                criterion=c.criterion.id,
                judgement=compiled.judgements[c.judgement].id,
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
    assessment = planner.assessment
    entries = {
        planner.compiled.criteria[i].criterion.id: planner.entry_for(i, r)
        for i, r in assign.items()
    }
    evidence = assessment.evidence.replace(dict(entries))
    result = assess(assessment.framework, evidence, missing=assessment.missing)
    grade = result.result(scope).grade
    if grade is None or grade.rank > goal.rank:
        return None
    return result


def _unreachable_reason(planner: _Planner, scope: str, scope_index: int, goal: Grade) -> str:
    compiled = planner.compiled
    framework = planner.assessment.framework
    scale = framework.scale
    core = planner.ranks_with(planner.all_best())
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
    given = planner.base.given
    if given:
        names = ", ".join(compiled.judgements[j].id for j in sorted(given))
        parts.append(
            f"judgements given directly, final and not moved by criteria: {names} "
            "(change the given grade in [judgements] to see what a better one does)"
        )
    limited = []
    for c in compiled.criteria:
        if c.criterion.id in planner.fixed:
            continue
        reachable = planner.reachable_ranks(c)
        if reachable and reachable[0] > goal.rank:
            limited.append(f"{c.criterion.id} (at best {scale[reachable[0]].label})")
    if limited:
        parts.append("criteria that cannot reach the target: " + ", ".join(limited))
    return "; ".join(parts)


# --------------------------------------------------------------------------------------------
# Gap probes


@attrs.frozen
class GapProbe:
    """What the search knows about one criterion that stands between a grade and its target.

    `inspectkit.gaps.find_gaps` turns each probe into an `inspectkit.Gap` with the need in
    words; the probe holds only the numbers and ids, computed on the compiled ranks.

    Attributes:
        criterion: The criterion.
        judgement: The id of the judgement it belongs to.
        now: Its grade now (``None`` where its absent evidence is excluded).
        required: The grade it must reach: the lift plan's grade for criteria the plan
            changes, otherwise the lowest grade at or above the target that it can reach.
        target_value: The number that earns *required* (the threshold), ``True`` for a check
            to meet, or the grade id of the rating to earn.
        numerator: For a proportion given as counts, the numerator (of the same denominator)
            that reaches *target_value*; ``None`` otherwise.
        steps: How many grades it must rise (from the worst grade where it has none).
        caps: The ids of the caps it triggers that hold a grade below the target.
        in_plan: Whether the lift plan changes it.
        lifts_judgement: Whether raising it alone to *required* lifts its judgement's grade.
        lifts_overall: Whether raising it alone to *required* lifts the overall grade.
    """

    criterion: Criterion
    judgement: str
    now: Grade | None
    required: Grade
    target_value: float | bool | str
    numerator: int | None
    steps: int
    caps: tuple[str, ...]
    in_plan: bool
    lifts_judgement: bool
    lifts_overall: bool


def gap_probes(
    assessment: Assessment,
    goal: Grade,
    *,
    judgement: str | None = None,
    fixed: Iterable[str] = (),
) -> tuple[GapProbe, ...]:
    """Return a probe per criterion below what *goal* needs, in framework order.

    A criterion is probed when the grade in scope (overall, or *judgement*) is below *goal*
    and the criterion can be raised and either the lift plan raises it, or it bears on the
    scope and is graded below *goal* (or has no evidence). When the grade already reaches
    *goal* there are none. Raising every probed criterion to its ``required`` grade reaches a
    reachable *goal*: the probes include the whole lift plan, and where absent evidence that
    is excluded could pull a grade down once given at a middling grade, it is asked for at
    its best grade instead.

    Args:
        assessment: The assessment.
        goal: The grade to reach, a grade of the assessment's framework.
        judgement: Measure against this judgement's grade rather than the overall grade.
        fixed: Criteria the lift plan must not change (they are still probed).

    Raises:
        UnknownIdError: *judgement* or a *fixed* id is unknown.
    """
    framework = assessment.framework
    scope = _check_scope(framework, judgement)
    now = assessment.result(scope).grade
    if now is not None and now.rank <= goal.rank:
        return ()
    lift = lift_plan(assessment, goal, judgement=judgement, fixed=fixed)
    planner = _Planner(assessment)
    compiled = planner.compiled
    planned = {change.criterion: change.after.rank for change in lift.changes}
    in_scope = _scope_criteria(planner, scope)
    blockers = _blocking_caps(planner, goal.rank)
    base = planner.base
    wanted: dict[int, int] = {}
    for c in compiled.criteria:
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
    scope_index = _scope_index(compiled, scope)
    if lift.reachable and not planner.reaches(wanted, scope_index, goal.rank):
        # Evidence excluded while absent can, once given at a middling grade, pull a banded
        # or best-fit grade down; ask for its best grade so that closing every gap is safe.
        for i in wanted:
            if base.point[i] is None and compiled.criteria[i].criterion.id not in planned:
                wanted[i] = planner.options[i][0]
    scale = compiled.scale
    entries = assessment.evidence.entries
    probes = []
    for i, required in wanted.items():
        c = compiled.criteria[i]
        j = c.judgement
        ranks = planner.ranks_with({i: required})
        entry = entries.get(c.criterion.id)
        target_value = planner.value_for(i, required)
        numerator = None
        if (
            c.kind == MEASURED
            and c.criterion.measure is Measure.PROPORTION
            and entry is not None
            and entry.counts is not None
        ):
            assert isinstance(target_value, float)
            numerator = _numerator_for(target_value, entry.counts.denominator, higher=c.higher)
        now_rank = base.point[i]
        probes.append(
            GapProbe(
                criterion=c.criterion,
                judgement=compiled.judgements[j].id,
                now=None if now_rank is None else scale[now_rank],
                required=scale[required],
                target_value=target_value,
                numerator=numerator,
                steps=planner.steps(i, required),
                caps=tuple(blockers.get(i, ())),
                in_plan=c.criterion.id in planned,
                lifts_judgement=_better(ranks.judgement_point[j], base.judgement_point[j]),
                lifts_overall=_better(ranks.overall[0], base.overall[0]),
            )
        )
    return tuple(probes)


def _better(after: Rank, before: Rank) -> bool:
    if after is None:
        return False
    return before is None or after < before


def _scope_criteria(planner: _Planner, scope: str) -> set[int]:
    compiled = planner.compiled
    if scope == OVERALL:
        return set(range(len(compiled.criteria)))
    j = next(j.index for j in compiled.judgements if j.id == scope)
    found = set(compiled.judgements[j].members)
    # Criteria and judgements that cap this judgement count too.
    for cap in compiled.judgements[j].caps:
        if cap.criterion >= 0:
            found.add(cap.criterion)
        elif cap.judgement >= 0:
            found.update(compiled.judgements[cap.judgement].members)
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
    caps = [*planner.compiled.overall.caps]
    for judgement in planner.compiled.judgements:
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
