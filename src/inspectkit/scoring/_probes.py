"""Gap probes: the criteria that stand between a grade and its target, and what each must reach.

`inspectkit.gaps.find_gaps` asks *which criteria stand between us and Good?*; a what-if and a
comparison ask which of them closed. Both rest on the lift plan (`inspectkit.scoring._lift`):
a criterion is a gap when the plan raises it, or when it bears on the grade in scope, is graded
below the target (or not at all) and can be raised. This module finds those criteria from the
plan's own planner (its compiled ranks, options and per-judgement sums, `_Planner`), ranks
nothing and words nothing: `inspectkit.gaps` does both.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from inspectkit._identity import IdentityMemo
from inspectkit.grades import Grade
from inspectkit.results import Assessment
from inspectkit.rubric import OVERALL, Criterion, Measure
from inspectkit.scoring._compile import (
    BEST_FIT,
    CHECK,
    MEASURED,
    PERCENT_BANDS,
    CompiledFramework,
    compiled_for,
)
from inspectkit.scoring._delta import State
from inspectkit.scoring._lift import (
    _active_caps,
    _check_scope,
    _decided,
    _numerator_for,
    _Planner,
    _scope_index,
)
from inspectkit.scoring._ranks import _apply_caps, _clamp

__all__ = [
    "GapProbe",
    "GapSearch",
    "gap_criteria",
    "gap_moves",
    "gap_probes",
    "gap_search",
    "gap_sets",
]

Rank = int | None


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

    Every probe is built here; `gap_search` finds the same criteria and builds each probe
    only when it is read.

    Args:
        assessment: The assessment.
        goal: The grade to reach, a grade of the assessment's framework.
        judgement: Measure against this judgement's grade rather than the overall grade.
        fixed: Criteria the lift plan must not change (they are still probed).

    Raises:
        UnknownIdError: *judgement* or a *fixed* id is unknown.
    """
    search = gap_search(assessment, goal, judgement=judgement, fixed=fixed)
    return tuple(search.probe(k) for k in range(len(search)))


class GapSearch:
    """The criteria `gap_probes` probes, with what ranking them needs; each probe on demand.

    Why it is lazy: at 1k criteria a gap list has a few hundred gaps, and a probe re-scores
    its criterion alone (for ``lifts_judgement`` and ``lifts_overall``): building every
    probe, and wording every gap, cost more than the lift plan the gaps rest on, while a
    report reads only some of them. The order of a gap list needs only what is worked out
    at once here (which criteria, the grade each must reach, the steps, the blocking caps,
    whether the plan changes it) and the value that earns the grade, which only numbers need
    for their distance (`target_value`); `row` works out the rest the first time it is asked.

    Why a row is cheap (`lifts`): raising one criterion no cap watches moves nothing but its
    own judgement's sums, so whether it lifts its judgement and the overall grade depends only
    on that judgement's grades before caps afterwards; those are read from one `State` of the
    judgement (the criterion set, read, and put back), and each distinct outcome is re-scored
    once (`inspectkit.scoring._delta.Rescorer.rescore`). Criteria that add the same to the
    sums (the same ranks now and new rank, the same weight where the sums read weights, and
    named by no rule) share one answer outright: under ``secure_fit`` and ``rules`` a member
    counts only by its ranks (`_Static.weight`), and a member no rule names is read by no
    rule but through the counts. The `State` is changed for a moment, so that part runs under
    a lock.

    Why the overall grade is often not re-scored at all (`_lone`): where the overall grade is
    one below the target, any lift of it reaches the target; if the lift plan is proven
    minimal with two changes or more (or the target proven out of reach), no one change does:
    giving one criterion a grade among those it can reach does no more than giving it the best
    of them (every grade is monotone in the ranks given, and either way the criterion is
    graded), which is a plan of one change the search has ruled out. So no probe lifts the
    overall grade, and only its judgement's grade after caps is read (for a criterion a cap
    watches, from a re-scoring that stops at its judgement,
    `inspectkit.scoring._delta.Session.point`).

    Attributes:
        criteria: The probed criteria, in framework order.
        positions: Their positions in the framework (`inspectkit.scoring._compile`).
        ids: Their ids.
        judgements: The id of each one's judgement.
        required: The grade each must reach (`GapProbe.required`).
        ranks: The rank of each one's required grade.
        now: The grade each has now (`GapProbe.now`).
        values: The value that earns each its required grade (`GapProbe.target_value`).
        steps: The grades each must rise (`GapProbe.steps`).
        caps: The blocking caps each triggers (`GapProbe.caps`).
        in_plan: Whether the lift plan changes each (`GapProbe.in_plan`).
    """

    __slots__ = (
        "_lock",
        "_lone",
        "_one",
        "_overall",
        "_planner",
        "_probes",
        "_states",
        "_static",
        "caps",
        "criteria",
        "ids",
        "in_plan",
        "judgements",
        "now",
        "positions",
        "ranks",
        "required",
        "steps",
        "values",
    )

    def __init__(self, planner: _Planner | None = None) -> None:
        self._planner = planner
        self._lock = threading.Lock()
        self.positions: list[int] = []
        self._probes: dict[int, GapProbe] = {}
        self.criteria: list[Criterion] = []
        self.ids: list[str] = []
        self.judgements: list[str] = []
        self.required: list[Grade] = []
        self.ranks: list[int] = []
        self.now: list[Grade | None] = []
        self.values: list[float | bool | str] = []
        self.steps: list[int] = []
        self.caps: list[tuple[str, ...]] = []
        self.in_plan: list[bool] = []
        # Per judgement, the one `State` `lifts` changes and puts back; and its answers.
        self._states: dict[int, State] = {}
        self._one: dict[tuple[Any, ...], tuple[bool, bool]] = {}
        self._overall: dict[tuple[Any, ...], bool] = {}
        self._static = None if planner is None else _static(planner.compiled)
        # Whether no one change of a criterion with a grade lifts the overall grade (set by
        # `gap_search`; see above).
        self._lone = False

    def __len__(self) -> int:
        return len(self.positions)

    def target_value(self, k: int) -> float | bool | str:
        """The value that earns the *k*-th criterion its grade (`GapProbe.target_value`)."""
        return self.values[k]

    def row(self, k: int) -> tuple[Grade | None, float | bool | str, int | None, bool, bool]:
        """The *k*-th probe's fields that `gap_search` leaves for later, without the probe.

        Its ``now``, ``target_value``, ``numerator``, ``lifts_judgement`` and
        ``lifts_overall`` (`GapProbe`), in that order.
        """
        return self.rows([k])[0]

    def rows(
        self, ks: Iterable[int]
    ) -> list[tuple[Grade | None, float | bool | str, int | None, bool, bool]]:
        """`row` of each of *ks*."""
        ks = list(ks)
        lifted = self.lifts_of(ks)
        now, values = self.now, self.values
        return [
            (now[k], values[k], self.numerator(k), judgement, overall)
            for k, (judgement, overall) in zip(ks, lifted, strict=True)
        ]

    def numerator(self, k: int) -> int | None:
        """The *k*-th probe's numerator (`GapProbe.numerator`): for a proportion given as counts."""
        planner = self._planner
        assert planner is not None  # an empty search has no criteria to ask of
        c = planner.compiled.criteria[self.positions[k]]
        if c.kind != MEASURED or c.criterion.measure is not Measure.PROPORTION:
            return None
        entry = planner.assessment.evidence.entries.get(c.criterion.id)
        if entry is None or entry.counts is None:
            return None
        target_value = self.values[k]
        assert isinstance(target_value, float)
        return _numerator_for(target_value, entry.counts.denominator, higher=c.higher)

    def lifts_of(self, ks: Iterable[int]) -> list[tuple[bool, bool]]:
        """`lifts` of each of *ks* (search indices), in one pass on locals, its memo read first.

        A gap list read in full asks it of a few hundred gaps, a block at a time.
        """
        planner, static = self._planner, self._static
        assert planner is not None  # an empty search has no rows to ask for
        assert static is not None
        base = planner.base
        point, best, worst = base.point, base.best, base.worst
        positions, ranks = self.positions, self.ranks
        alone, judgement_of, weight_of = static.alone, static.judgement, static.weight
        one = self._one
        found = []
        for k in ks:
            i = positions[k]
            rank = ranks[k]
            key: tuple[Any, ...] = (
                (i, rank)
                if i in alone
                else (judgement_of[i], point[i], best[i], worst[i], weight_of[i], rank)
            )
            lifted = one.get(key)
            if lifted is None:
                lifted = self._answer(key, i, rank)
            found.append(lifted)
        return found

    def lifts(self, i: int, rank: int) -> tuple[bool, bool]:
        """Whether criterion *i* raised alone to *rank* lifts its judgement, and the overall."""
        planner, static = self._planner, self._static
        assert planner is not None
        assert static is not None
        key: tuple[Any, ...]
        if i in static.alone:
            key = (i, rank)
        else:
            # What *i* adds to its judgement's sums decides the answer (`GapSearch`).
            base = planner.base
            j = static.judgement[i]
            key = (j, base.point[i], base.best[i], base.worst[i], static.weight[i], rank)
        found = self._one.get(key)
        return self._answer(key, i, rank) if found is None else found

    def _answer(self, key: tuple[Any, ...], i: int, rank: int) -> tuple[bool, bool]:
        """`lifts` of *i* raised to *rank*, whose memo key is *key*, worked out under the lock."""
        with self._lock:
            found = self._one.get(key)
            if found is None:
                planner, static = self._planner, self._static
                assert planner is not None
                assert static is not None
                found = self._one[key] = self._lifts(planner, static, i, rank)
        return found

    def _lifts(self, planner: _Planner, static: _Static, i: int, rank: int) -> tuple[bool, bool]:
        """`lifts` worked out: from judgement *j*'s grades before caps where they decide it."""
        base = planner.base
        j = static.judgement[i]
        now = base.judgement_point[j]
        if i in static.watched or j in base.given:
            if self._lone:
                # A cap watches *i*: *j*'s grade after is read from a re-scoring that stops at
                # *j*; the overall grade cannot lift (`GapSearch`).
                point = planner.rescorer.session({i: rank}).point(j)
                return _better(point, now), False
            points, overall = planner.rescorer.rescore({i: rank})
            return _better(points[j], now), _better(overall[0], base.overall[0])
        state = self._states.get(j)
        if state is None:
            state = self._states[j] = planner.rescorer.state(j)
        state.set(i, rank)
        try:
            p, b, w = state.triple()
        finally:
            state.restore(i)
        # No cap watches *i*, so the rest of the assessment reads it only through these.
        key = (j, p, b, w)
        found = self._one.get(key)
        if found is None:
            caps = planner.compiled.judgements[j].caps
            capped = (p, b, w)
            if caps:
                capped = _apply_caps(caps, base, point=p, best=b, worst=w, fired=[])
            after = (_clamp(*capped), capped[1], capped[2])
            before = (now, base.judgement_best[j], base.judgement_worst[j])
            if after == before:
                found = (False, False)
            elif self._lone:
                # *j*'s caps read nothing *i* changes (no cap watches it), so its grade after
                # is *after*'s, as a re-scoring gives it; the overall grade cannot lift
                # (`GapSearch`).
                found = (_better(after[0], now), False)
            elif j in static.free:
                # Nothing else reads this judgement but the overall grade's aggregation, by its
                # grades and weight (`_Static.free`): judgements that move alike share it.
                lifted = _better(after[0], now)
                moved = (static.overall_weight[j], before, after)
                raised = self._overall.get(moved)
                if raised is None:
                    grades = planner.rescorer.rescore({i: rank})[1]
                    raised = self._overall[moved] = _better(grades[0], base.overall[0])
                found = (lifted, raised)
            else:
                points, grades = planner.rescorer.rescore({i: rank})
                found = (_better(points[j], now), _better(grades[0], base.overall[0]))
            self._one[key] = found
        return found

    def probe(self, k: int) -> GapProbe:
        """Return the probe of the *k*-th criterion (`criteria` order), built once."""
        found = self._probes.get(k)
        if found is None:
            now, target_value, numerator, lifts_judgement, lifts_overall = self.row(k)
            found = self._probes[k] = GapProbe(
                criterion=self.criteria[k],
                judgement=self.judgements[k],
                now=now,
                required=self.required[k],
                target_value=target_value,
                numerator=numerator,
                steps=self.steps[k],
                caps=self.caps[k],
                in_plan=self.in_plan[k],
                lifts_judgement=lifts_judgement,
                lifts_overall=lifts_overall,
            )
        return found


class _Static:
    """What the gap probes read of a compiled framework that depends on it alone.

    Attributes:
        values: Per criterion position, rank -> the value that earns it (`_Planner.value_for`):
            a threshold for a number, whether a check is met, the grade id of a rating.
        criteria: Per criterion position, the criterion.
        ids: Per criterion position, its id.
        judgement: Per criterion position, the position of its judgement.
        judgement_ids: Per criterion position, the id of its judgement.
        bottom: Per criterion position, the worst rank on its judgement's scale.
        weight: Per criterion position, its weight in its judgement's sums, or ``None`` where
            they do not read weights (``secure_fit``, ``rules``, no aggregation: members are
            counted by rank, so what one adds is its ranks alone).
        watched: The criteria a cap watches: raising one can move more than its judgement.
        alone: Those and the criteria a ``minimum`` rule names: their `GapSearch.lifts`
            answers are their own, not shared by what they add to their judgement's sums.
        scale: Rank -> the grade of the framework's scale.
        grades: The same, and ``None`` -> ``None`` (no grade).
        free: The judgements that only the overall grade's aggregation reads: no cap watches
            one, no overall rule names one, and each is on the framework's scale. When only
            such a judgement moves, the overall grade after depends on its weight there and
            its grades before and after alone, the other judgements being as they were.
        overall_weight: Per judgement, its weight in the overall grade.
    """

    __slots__ = (
        "alone",
        "bottom",
        "criteria",
        "free",
        "grades",
        "ids",
        "judgement",
        "judgement_ids",
        "overall_weight",
        "scale",
        "values",
        "watched",
        "weight",
    )

    def __init__(self, compiled: CompiledFramework) -> None:
        values: list[dict[int, float | bool | str]] = []
        for c in compiled.criteria:
            row: dict[int, float | bool | str] = {}
            if c.kind == MEASURED:
                for value, rank in c.thresholds:
                    row.setdefault(rank, value)
            elif c.kind == CHECK:
                row = {c.not_met: c.not_met == c.met, c.met: True}
            else:
                scale = compiled.judgement_scales[c.judgement]
                row = {rank: grade.id for rank, grade in enumerate(scale)}
            values.append(row)
        self.values = values
        self.scale = list(compiled.scale.grades)
        self.grades: dict[int | None, Grade | None] = dict(enumerate(self.scale))
        self.grades[None] = None
        self.judgement = [c.judgement for c in compiled.criteria]
        self.criteria = [c.criterion for c in compiled.criteria]
        self.ids = [criterion.id for criterion in self.criteria]
        self.judgement_ids = [compiled.judgements[j].id for j in self.judgement]
        self.bottom = [len(compiled.judgement_scales[c.judgement]) - 1 for c in compiled.criteria]
        self.weight: list[float | None] = [None] * len(compiled.criteria)
        named: set[int] = set()
        caps = [*compiled.overall.caps]
        for judgement in compiled.judgements:
            if judgement.aggregation.method in _WEIGHED:
                for i, weight in zip(judgement.members, judgement.weights, strict=True):
                    self.weight[i] = weight
            for rule in judgement.aggregation.rules:
                named.update(judgement.members[member] for member, _ in rule.minimum)
            caps.extend(judgement.caps)
        self.watched = frozenset(cap.criterion for cap in caps if cap.criterion >= 0)
        self.alone = self.watched | named
        overall = compiled.overall
        read = {cap.judgement for cap in caps if cap.judgement >= 0}
        read.update(member for rule in overall.aggregation.rules for member, _ in rule.minimum)
        read.update(compiled.other_scale)
        self.free = frozenset(range(len(compiled.judgements))) - read
        self.overall_weight = overall.weights


_WEIGHED = (BEST_FIT, PERCENT_BANDS)
"""The aggregations whose sums read members' weights (`inspectkit.scoring._delta._Side`)."""


# Each compiled framework's `_Static`.
_STATICS: IdentityMemo[CompiledFramework, _Static] = IdentityMemo()


def _static(compiled: CompiledFramework) -> _Static:
    """The `_Static` of *compiled*, made on first use."""
    return _STATICS.get_or_make(compiled, _Static)


def gap_search(
    assessment: Assessment,
    goal: Grade,
    *,
    judgement: str | None = None,
    fixed: Iterable[str] = (),
) -> GapSearch:
    """Return the criteria `gap_probes` probes, in framework order, each probe built on demand.

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
        return GapSearch()
    fixed = tuple(fixed)
    planner = _Planner(assessment, fixed)
    lift = _decided(assessment, goal, scope, fixed, None, planner)
    if fixed:
        # Fixed criteria are still probed: their options come from a planner without them.
        planner = _Planner(assessment)
    compiled = planner.compiled
    planned = lift.assign
    blockers = _blocking_caps(planner, goal.rank)
    base = planner.base
    wanted = _wanted(planner, scope, goal, planned)
    # Evidence excluded while absent can, once given at a middling grade, pull a banded or
    # best-fit grade down; where closing every gap would not reach the target, ask for its
    # best grade, so that closing every gap is safe. (Only such evidence is asked again, so
    # without it the check is not made.)
    point = base.point
    unknown = [i for i in wanted if point[i] is None and i not in planned]
    if (
        unknown
        and lift.reachable
        and not planner.reaches(wanted, _scope_index(compiled, scope), goal.rank)
    ):
        for i in unknown:
            wanted[i] = planner.options[i][0]
    search = GapSearch(planner)
    static = search._static
    assert static is not None
    overall_now = base.overall[0]
    search._lone = (
        scope == OVERALL
        and not fixed
        and lift.minimal
        and (not lift.reachable or len(planned) >= 2)
        and overall_now is not None
        and overall_now == goal.rank + 1
    )
    # Each list in one pass over the gaps (C loops where a list is read by position): at 1k
    # criteria a few hundred of them, against an assessment of a few tenths of a millisecond.
    bottom = static.bottom
    positions = search.positions = list(wanted)
    search.criteria = list(map(static.criteria.__getitem__, positions))
    search.ids = list(map(static.ids.__getitem__, positions))
    search.judgements = list(map(static.judgement_ids.__getitem__, positions))
    ranks = search.ranks = list(wanted.values())
    search.required = list(map(static.scale.__getitem__, ranks))
    grades = static.grades
    search.now = [grades[point[i]] for i in positions]
    values = static.values
    search.values = [values[i][rank] for i, rank in wanted.items()]
    # `_Planner.steps`: from the worst grade where it has none.
    search.steps = [
        (bottom[i] if point[i] is None else point[i]) - rank  # type: ignore[operator]
        for i, rank in wanted.items()
    ]
    no_caps: tuple[str, ...] = ()
    search.caps = (
        [tuple(blockers[i]) if i in blockers else no_caps for i in positions]
        if blockers
        else [no_caps] * len(positions)
    )
    search.in_plan = [i in planned for i in positions]
    return search


def _wanted(
    planner: _Planner, scope: str, goal: Grade, planned: Mapping[int, int]
) -> dict[int, int]:
    """Criterion position -> the rank it is probed for: the criteria `gap_probes` probes.

    Those the lift plan changes (*planned*: position -> rank), and those that bear on *scope*, are
    graded below *goal* (or not at all) and can be raised; in framework order. Each of the
    others is probed for the lowest grade it can reach at or above *goal* (its best if none).
    """
    in_scope = None if scope == OVERALL else _scope_criteria(planner, scope)
    options = planner.options
    target = goal.rank
    # Options run best first: the last at or above the target is the lowest grade that
    # reaches it. Criteria share few distinct option tuples, so each is worked out once. Most
    # criteria reach the target already, so that is asked first.
    lowest: dict[tuple[int, ...], int] = {}
    wanted: dict[int, int] = {}
    for i, mine, now in zip(range(len(options)), options, planner.base.point, strict=True):
        if (now is not None and now <= target) or not mine:
            continue
        if in_scope is None or i in in_scope:
            pick = lowest.get(mine)
            if pick is None:
                pick = lowest[mine] = next((r for r in reversed(mine) if r <= target), mine[0])
            wanted[i] = pick
    # The plan's ranks win; a criterion only the plan asks for (one above the target the
    # plan raises further) joins, and then the probes are put back in framework order.
    added = False
    for i, rank in planned.items():
        if options[i]:
            added = added or i not in wanted
            wanted[i] = rank
    return dict(sorted(wanted.items())) if added else wanted


def gap_criteria(assessment: Assessment, goal: Grade) -> frozenset[str]:
    """The ids of the criteria `gap_probes` probes (overall, nothing fixed), as a set.

    What a comparison needs to say which gaps closed: the criteria, without their order,
    probes or words. The lift plan is the one `lift_plan` returns (and remembers).
    """
    criteria = compiled_for(assessment.framework).criteria
    return frozenset(criteria[i].criterion.id for i in _gap_positions(assessment, goal, None)[0])


def gap_sets(
    before: Assessment, after: Assessment, goal: Grade
) -> tuple[frozenset[str], frozenset[str]]:
    """The ids of the criteria `gap_probes` probes for *before* and for *after* (overall).

    Both assessments are of one framework under one policy, and *after*'s lift plan reuses
    every judgement's solutions from *before*'s where the judgement's evidence is the same
    (`_Planner._reusable`): it plans again only the judgements the differences reach. The
    plans are the ones `lift_plan` returns (and remembers). `gap_moves` says which closed and
    opened for a what-if, which knows what it changed.
    """
    found, planner, _ = _gap_positions(before, goal, None)
    later = _gap_positions(after, goal, planner)[0]
    criteria = compiled_for(before.framework).criteria
    return (
        frozenset(criteria[i].criterion.id for i in found),
        frozenset(criteria[i].criterion.id for i in later),
    )


def gap_moves(
    before: Assessment, after: Assessment, goal: Grade, changed: Iterable[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The gaps (`gap_sets`) of *before* that *after* closes, and those it opens, in order.

    What a what-if needs: *after* is *before* with the evidence of the *changed* criteria
    replaced (and perhaps findings added or removed), nothing else, so only those criteria
    can have moved into or out of the criteria below *goal* (a criterion's grade and what it
    can become depend on its own evidence alone, under the policy and given grades a what-if
    keeps): *after*'s are *before*'s, looked at again there. Each plan is searched once, as
    for `gap_sets`. Framework order.
    """
    found, planner, below = _gap_positions(before, goal, None)
    later = _gap_positions(after, goal, planner, below, changed)[0]
    criteria = compiled_for(before.framework).criteria
    return (
        tuple(criteria[i].criterion.id for i in sorted(found - later)),
        tuple(criteria[i].criterion.id for i in sorted(later - found)),
    )


def _gap_positions(
    assessment: Assessment,
    goal: Grade,
    like: _Planner | None,
    below_like: frozenset[int] | None = None,
    changed: Iterable[str] = (),
) -> tuple[frozenset[int], _Planner | None, frozenset[int] | None]:
    """The positions of the criteria `gap_probes` probes (overall, nothing fixed).

    Also the planner used (it plans like *like* where it can), and the positions of the
    criteria below *goal* that can be raised: `_wanted`'s, without the plan's. Given
    *below_like*, another assessment's, whose evidence differs from this one's only for the
    *changed* criteria, those are its, looked at again for the *changed* ones alone.
    """
    if _scope_rank(assessment, OVERALL) <= goal.rank:
        return frozenset(), like, None
    planner = _Planner(assessment, like=like)
    decision = _decided(assessment, goal, OVERALL, (), None, planner)
    options, point, target = planner.options, planner.base.point, goal.rank
    if below_like is None:
        below = frozenset(
            i
            for i, (mine, now) in enumerate(zip(options, point, strict=True))
            if mine and (now is None or now > target)
        )
    else:
        index = planner.compiled.index
        moved = {index[criterion_id] for criterion_id in changed}
        below = (below_like - moved) | {
            i for i in moved if options[i] and ((now := point[i]) is None or now > target)
        }
    return below | {i for i in decision.assign if options[i]}, planner, below


def _scope_rank(assessment: Assessment, scope: str) -> float:
    """The rank of *scope*'s grade (overall, or a judgement's), past every grade where none."""
    grade = assessment.result(scope).grade
    return math.inf if grade is None else grade.rank


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
