"""Leave a derived status: the fewest criterion changes after which its worst case is none.

Why this can reuse the lift-plan search (`inspectkit.scoring._lift`) rather than a search of
its own: a status level holds when a condition built only of "at this grade or worse" holds,
so the status is *none* exactly when every level's condition fails, and the negation of such a
condition is a choice among sets of **grade targets** ("leadership better than urgent
improvement and safeguarding met", or, for a count, "all but N-1 of these areas better than
..."). `_alternatives` writes that choice out (a disjunction of conjunctions); for each set of
targets the lift-plan planner finds the fewest changes that meet them all at once
(`_Planner.requirements` and `_Planner.local`, as it does for the judgement targets of an
overall grade). The smallest over all the alternatives is the smallest plan overall, because
any plan that leaves the status meets at least one alternative.

The planner works on the point prediction, while leaving a status is judged on the worst
case. So every candidate is re-scored with `inspectkit.scoring.assess` and kept only if the
status's worst case is then none. When a candidate fails that check, or an alternative names
the overall grade (which the planner lifts only on its own), the search falls back to trying
sets of criteria with the engine alone, smallest first, up to the best plan found: exact within
`SearchBudgets.local`, and otherwise the best plan found stands (``minimal`` false).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping

from inspectkit.evidence import NOT_APPLICABLE
from inspectkit.results import Assessment, StatusPlan
from inspectkit.rubric import ANY_JUDGEMENT, OVERALL, Condition, Framework
from inspectkit.scoring._assess import assess
from inspectkit.scoring._lift import SearchBudgets, _changes, _Local, _Planner

__all__ = ["leave_status_plan"]

Key = tuple[str, int]
"""A grade target's subject: ``("j", judgement position)``, ``("c", criterion position)`` or
``("o", -1)`` for the overall grade."""

Targets = dict[Key, int]
"""Subject -> the worst rank it may have (it must be at this rank or better)."""

_MAX_ALTERNATIVES = 512
"""How many sets of targets the negation may expand to before the fallback search takes over."""


class _TooManyError(Exception):
    """The negation expands to more alternatives than `_MAX_ALTERNATIVES`."""


def _merge(first: Targets, second: Targets) -> Targets:
    merged = dict(first)
    for key, rank in second.items():
        merged[key] = min(merged.get(key, rank), rank)
    return merged


def _product(parts: list[list[Targets]]) -> list[Targets]:
    found: list[Targets] = [{}]
    for options in parts:
        found = [_merge(a, b) for a in found for b in options]
        if len(found) > _MAX_ALTERNATIVES:
            raise _TooManyError
    return _unique(found)


def _unique(alternatives: list[Targets]) -> list[Targets]:
    seen: dict[tuple[tuple[Key, int], ...], Targets] = {}
    for targets in alternatives:
        if all(rank >= 0 for rank in targets.values()):
            seen.setdefault(tuple(sorted(targets.items())), targets)
    return list(seen.values())


class _Negation:
    """Writes "this condition fails" as alternatives of grade targets (on one assessment)."""

    def __init__(self, framework: Framework, planner: _Planner) -> None:
        self.framework = framework
        self.planner = planner
        compiled = planner.compiled
        self.judgement_index = {j.id: j.index for j in compiled.judgements}
        self.criterion_index = compiled.index

    def graded(self, j: int) -> bool:
        """Whether judgement *j* can have a grade at all (one not applicable never can)."""
        base = self.planner.base
        return base.judgement_worst[j] is not None or base.judgement_best[j] is not None

    def fails(self, condition: Condition) -> list[Targets]:
        if condition.any_of:
            return _product([self.fails(c) for c in condition.any_of])
        if condition.all_of:
            return _unique([t for c in condition.all_of for t in self.fails(c)])
        if condition.status is not None:
            status = self.framework.derived_status(condition.status)
            start = 0
            if condition.at_least is not None:
                start = status.levels.index(status.level(condition.at_least))
            return _product([self.fails(level.condition) for level in status.levels[start:]])
        assert condition.at_or_below is not None or condition.not_met
        if condition.criterion is not None:
            i = self.criterion_index[condition.criterion]
            c = self.planner.compiled.criteria[i]
            scale = self.planner.compiled.judgement_scales[c.judgement]
            threshold = (
                scale.find(condition.at_or_below).rank
                if condition.at_or_below is not None
                else c.not_met
            )
            return _unique([{("c", i): threshold - 1}])
        judgement = condition.judgement
        assert judgement is not None
        assert condition.at_or_below is not None
        if judgement == OVERALL:
            rank = self.framework.scale.find(condition.at_or_below).rank
            return _unique([{("o", -1): rank - 1}])
        if judgement != ANY_JUDGEMENT:
            j = self.judgement_index[judgement]
            if not self.graded(j):
                return [{}]  # a judgement that does not apply never meets a condition
            scale = self.planner.compiled.judgement_scales[j]
            return _unique([{("j", j): scale.find(condition.at_or_below).rank - 1}])
        rank = self.framework.scale.find(condition.at_or_below).rank
        eligible = [
            j.index
            for j in self.planner.compiled.judgements
            if j.index not in self.planner.compiled.other_scale
            and j.id not in condition.excluding
            and self.graded(j.index)
        ]
        # Fewer than `count` of them at the grade or worse: choose the count - 1 that may stay.
        keep = min(condition.count - 1, len(eligible))
        alternatives = []
        for staying in itertools.combinations(eligible, keep):
            alternatives.append({("j", j): rank - 1 for j in eligible if j not in staying})
            if len(alternatives) > _MAX_ALTERNATIVES:
                raise _TooManyError
        return _unique(alternatives)


def _solve(planner: _Planner, targets: Targets) -> _Local | None:
    """The planner's cheapest plan meeting every judgement and criterion target of *targets*.

    ``None`` when the targets cannot be met this way (or name the overall grade, which the
    caller leaves to the engine-checked fallback).
    """
    if ("o", -1) in targets:
        return None
    compiled = planner.compiled
    base = planner.base
    required: list[int | None] = [None] * len(compiled.judgements)
    pinned: dict[int, int] = {}
    for (kind, position), rank in targets.items():
        if kind == "j":
            worst = base.judgement_worst[position]
            if worst is not None and worst <= rank:
                continue  # already there, whatever the missing evidence turns out to be
            required[position] = rank
            continue
        worst = base.worst[position]
        if worst is not None and worst <= rank:
            continue
        if not any(option <= rank for option in planner.options[position]):
            return None
        pinned[position] = rank
    found = planner.requirements(required, None)
    if found is None:
        return None
    needs, forced = found
    for i, rank in pinned.items():
        forced[i] = min(forced.get(i, rank), rank)
    per_judgement: dict[int, list[tuple[int, int]]] = {}
    for i, limit in forced.items():
        per_judgement.setdefault(compiled.criteria[i].judgement, []).append((i, limit))
    assign: dict[int, int] = {}
    exact = True
    for j in range(len(compiled.judgements)):
        need = needs[j]
        forced_here = tuple(sorted(per_judgement.get(j, ())))
        if need is None and not forced_here:
            continue
        local = planner.local(j, need, forced_here)
        if local is None:
            return None
        assign.update(local.assign)
        exact = exact and local.exact
    return _Local(len(assign), planner.cost(assign), assign, exact)


def _apply(planner: _Planner, assign: Mapping[int, int]) -> Assessment:
    assessment = planner.assessment
    entries = {
        planner.compiled.criteria[i].criterion.id: planner.entry_for(i, rank)
        for i, rank in assign.items()
    }
    evidence = assessment.evidence.replace(dict(entries))
    return assess(assessment.framework, evidence, missing=assessment.missing)


def _aim_at_the_worst_case(planner: _Planner) -> None:
    """Let each criterion rise to any grade better than its *worst* case, not its point.

    The lift-plan planner offers a criterion only the grades better than its point
    prediction. A status is left on the worst case, where a criterion given as an interval
    (or absent and excluded) may be worse than its point: making it exact at its point grade
    is then a real change. The options are those `_Planner._all_options` allows, measured from the
    worst rank instead.
    """
    base = planner.base
    for c in planner.compiled.criteria:
        i = c.index
        if c.criterion.id in planner.fixed or i in base.wrong_form or c.judgement in base.given:
            continue
        entry = planner.assessment.evidence.entries.get(c.criterion.id)
        if entry is not None and entry.value is NOT_APPLICABLE:
            continue
        worst = base.worst[i]
        planner.options[i] = tuple(
            r for r in planner.reachable_ranks(c) if worst is None or r < worst
        )


def leave_status_plan(
    assessment: Assessment,
    status_id: str,
    *,
    fixed: Iterable[str] = (),
    budgets: SearchBudgets | None = None,
) -> StatusPlan:
    """Return the fewest criterion changes after which status *status_id*'s worst case is none.

    Among plans of the fewest changes, the least effort; each change to the lowest grade that
    still suffices; verified by re-scoring (see the module docstring).

    Raises:
        UnknownIdError: *status_id* or a *fixed* id is unknown.
    """
    framework = assessment.framework
    status = framework.derived_status(status_id)
    before = assessment.statuses[status_id].worst
    planner = _Planner(assessment, fixed, budgets)
    _aim_at_the_worst_case(planner)
    fixed_ids = tuple(sorted(planner.fixed))

    def plan(reachable: bool, assign: Mapping[int, int], minimal: bool, reason: str) -> StatusPlan:
        result = _apply(planner, assign) if reachable else None
        return StatusPlan(
            status=status,
            before=before,
            reachable=reachable,
            changes=_changes(planner, assign) if reachable else (),
            fixed=fixed_ids,
            minimal=minimal,
            reason=reason,
            result=result,
        )

    if before is None:
        return plan(True, {}, True, f"{status.title}: {status.none_label}, whatever is missing")

    def leaves(assign: Mapping[int, int]) -> bool:
        return _apply(planner, assign).statuses[status_id].worst is None

    everything = planner.all_best()
    if not leaves(everything):
        return plan(
            False,
            {},
            True,
            f"no changes to the criteria that may change take the unit out of "
            f"{status.title.lower()} ({before.label} in the worst case even with every "
            "criterion at its best)",
        )
    best: _Local | None = None
    exact = True
    try:
        negation = _Negation(framework, planner)
        alternatives = _product([negation.fails(level.condition) for level in status.levels])
    except _TooManyError:
        alternatives = []
        exact = False
    for targets in alternatives:
        if ("o", -1) in targets:
            exact = False  # the planner lifts the overall grade only on its own
            continue
        found = _solve(planner, targets)
        if found is None:
            continue  # not even the point prediction can meet these targets
        if not leaves(found.assign):
            # Met on the point prediction, not in the worst case (absent evidence excluded):
            # the engine-checked fallback decides instead.
            exact = False
            continue
        lowered = planner.lower(found.assign, leaves)
        candidate = _Local(len(lowered), planner.cost(lowered), lowered, found.exact)
        if best is None or (candidate.count, candidate.cost) < (best.count, best.cost):
            best = candidate
        exact = exact and found.exact
    if best is None or not exact:
        best = _fallback(planner, leaves, best, everything)
    words = ", ".join(
        f"{change.criterion} to {change.after.label}" for change in _changes(planner, best.assign)
    )
    count = len(best.assign)
    return plan(
        True,
        best.assign,
        best.exact,
        f"{count} change{'s take' if count != 1 else ' takes'} the unit out of "
        f"{status.title.lower()} (worst case now {before.label}): {words}",
    )


def _fallback(
    planner: _Planner,
    leaves: Callable[[Mapping[int, int]], bool],
    best: _Local | None,
    everything: Mapping[int, int],
) -> _Local:
    """Try sets of criteria smallest first (each at its best), checked by the engine alone.

    Exact within the budget: a set that leaves the status with its criteria at some grades
    also leaves it with them at their best, since better evidence never enters a status.
    """
    upper = best.count if best is not None else len(everything)
    candidates = sorted(everything)
    budget = planner.budgets.local
    for size in range(upper):
        solutions = []
        for chosen in itertools.combinations(candidates, size):
            budget -= 1
            if budget < 0:
                if best is not None:
                    return _Local(best.count, best.cost, best.assign, False)
                lowered = planner.lower(dict(everything), leaves)
                return _Local(len(lowered), planner.cost(lowered), lowered, False)
            assign = {i: everything[i] for i in chosen}
            if leaves(assign):
                solutions.append(assign)
        if solutions:
            return planner._cheapest(solutions, leaves, {}, exact=True)
    if best is not None:
        return _Local(best.count, best.cost, best.assign, True)
    lowered = planner.lower(dict(everything), leaves)
    return _Local(len(lowered), planner.cost(lowered), lowered, True)
