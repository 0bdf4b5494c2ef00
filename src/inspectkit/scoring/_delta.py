"""Re-scoring one assessment with a few criteria changed, against per-judgement sums.

The lift-plan search, the gap list and the what-if all ask the same question many times: *what
would the grades be if these few criteria had these ranks?* `inspectkit.scoring._ranks.with_ranks`
answers it by grading every judgement again, which costs the whole framework per question: a
gap list at 1k criteria asks a thousand of them. `Rescorer` answers it in time that grows with
the number of criteria changed, not the size of the framework:

- Per judgement it keeps what the aggregation needs of its members as sums, for the point
  prediction and for the best and worst grades (weight per rank for ``best_fit``, earned points
  and total weight for ``percent_bands``, members per rank for ``secure_fit`` and ``rules``,
  and for ``rules`` the unknown members grouped by their range). A change subtracts a member's
  old contribution and adds its new one. Sums copied for a question (`_Side.copy`) leave those
  of the unchanged evidence untouched. The `State` per judgement that the gap list
  (`inspectkit.scoring._probes.GapSearch`) and the lift plan's checks (`_BaseStates` in
  `inspectkit.scoring._lift`) keep is changed and put back by the same arithmetic, so with
  weights that are not small integers its float totals can carry a last-bit difference from
  one question to the next: many orders of magnitude inside the engine's slack (`_EPSILON`,
  below); the counts per rank stay exact.
- Only the judgements a change can reach are graded again: the judgement of each changed
  criterion, the judgements whose caps watch a changed criterion or a regraded judgement, and
  the overall grade. The others keep the grades they had.

Everything after the aggregation is the engine's own code (`_apply_findings`, `_apply_caps`,
`_clamp`, `_judge` for the overall grade), so a re-scored grade is the grade `with_ranks` (and so
`inspectkit.assess`) gives. Float sums are formed as the unchanged sum plus the changed members'
differences rather than in member order, which can differ from the engine's sum in the last
bits; the engine's slack (`_EPSILON`, relative to the total) is many orders of magnitude wider.
A lift plan is verified by these sums, not by `inspectkit.assess` (`inspectkit.scoring._lift`'s
`_verify` says why that is enough); ``tests/test_lift_verify.py`` holds the re-scored grades to
the engine's, on returned plans and on arbitrary changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from inspectkit._identity import IdentityMemo
from inspectkit.results import Assessment
from inspectkit.rubric import MissingPolicy
from inspectkit.scoring._compile import (
    BEST_FIT,
    NONE,
    PERCENT_BANDS,
    RULES,
    SECURE_FIT,
    CompiledAggregation,
    CompiledFramework,
    CompiledJudgement,
    CompiledRule,
    compiled_for,
)
from inspectkit.scoring._ranks import (
    _EPSILON,
    AssessmentRanks,
    _apply_caps,
    _apply_findings,
    _assumed_at,
    _clamp,
    _judge,
    given_ranks,
    score,
)

__all__ = ["Ranks", "Rescorer", "Session", "State", "ranks_of", "remember_ranks"]

Rank = int | None


# An assessment's ranks: it is immutable, and the gap list, the lift plan and a what-if's
# movements all start from them.
_RANKS: IdentityMemo[Assessment, AssessmentRanks] = IdentityMemo()


def remember_ranks(assessment: Assessment, ranks: AssessmentRanks) -> None:
    """Keep the ranks `inspectkit.scoring.assess` scored for *assessment*, for `ranks_of`."""
    _RANKS.put(assessment, ranks)


def ranks_of(assessment: Assessment) -> AssessmentRanks:
    """The ranks *assessment*'s evidence scores (`inspectkit.scoring._ranks.score`), once.

    `inspectkit.scoring.assess` leaves them here (`remember_ranks`); for an assessment made
    otherwise they are scored on first use. Never changed by their readers (the planner's
    changes go to copies and overlays).
    """
    held = _RANKS.get(assessment)
    if held is not None:
        return held
    compiled = compiled_for(assessment.framework)
    evidence = assessment.evidence
    found = score(
        compiled,
        evidence.entries,
        assessment.missing is MissingPolicy.EXCLUDE,
        evidence.findings,
        given_ranks(compiled, evidence.judgements),
    )
    remember_ranks(assessment, found)
    return found


class _Overlay:
    """A list of ranks seen through a few changes (criterion position -> rank)."""

    __slots__ = ("base", "changes")

    def __init__(self, base: Sequence[Rank], changes: Mapping[int, int]) -> None:
        self.base = base
        self.changes = changes

    def __getitem__(self, i: int) -> Rank:
        got = self.changes.get(i)
        return self.base[i] if got is None else got


class Ranks:
    """Judgement ranks: the unchanged ones shared, the regraded ones held apart (no copies)."""

    __slots__ = ("base", "changed")

    def __init__(self, base: Sequence[Rank] | Ranks) -> None:
        self.base = base
        self.changed: dict[int, Rank] = {}

    def __getitem__(self, j: int) -> Rank:
        changed = self.changed
        return changed[j] if j in changed else self.base[j]

    def __setitem__(self, j: int, rank: Rank) -> None:
        self.changed[j] = rank

    def __len__(self) -> int:
        return len(self.base)

    def __iter__(self) -> Iterator[Rank]:
        return (self[j] for j in range(len(self.base)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Ranks):
            other = list(other)
        return isinstance(other, list) and list(self) == other

    __hash__ = None  # type: ignore[assignment]


class _View:
    """What `_apply_caps` reads of an `AssessmentRanks`, with changes applied."""

    __slots__ = ("best", "judgement_best", "judgement_point", "judgement_worst", "point", "worst")

    def __init__(
        self,
        base: AssessmentRanks,
        changes: Mapping[int, int],
        judgements: tuple[Ranks, Ranks, Ranks],
    ) -> None:
        self.point = _Overlay(base.point, changes)
        self.best = _Overlay(base.best, changes)
        self.worst = _Overlay(base.worst, changes)
        self.judgement_point, self.judgement_best, self.judgement_worst = judgements


class _Side:
    """One of a judgement's three aggregations (point, best or worst) as sums over members.

    ``ranks`` are the members' ranks on this side in the unchanged evidence (``None``: left
    out); ``changed`` holds the members set since (member position -> rank). For the point
    side of a ``rules`` aggregation, ``unknown`` lists the members assumed in line with the
    others (`inspectkit.scoring._ranks.assume_unknown`) with their best and worst ranks.
    """

    __slots__ = (
        "assumed",
        "buckets",
        "changed",
        "count",
        "earned",
        "method",
        "points",
        "ranks",
        "total",
        "unknown",
        "weights",
    )

    def __init__(
        self,
        aggregation: CompiledAggregation,
        ranks: list[Rank],
        weights: Sequence[float],
        unknown: dict[int, tuple[int, int | None]] | None = None,
    ) -> None:
        grades = len(aggregation.points)
        self.method = method = aggregation.method
        self.points = points = aggregation.points
        self.weights = weights
        self.ranks = ranks
        self.changed: dict[int, Rank] = {}
        self.unknown = unknown or {}
        # Per worst graded rank, how many unknown members are assumed at each rank (`aggregate`);
        # shared by copies, as `unknown` is.
        self.assumed: dict[int, list[int]] = {}
        self.buckets = buckets = [0.0] * grades
        self.count = count = [0] * grades
        earned = total = 0.0
        # One loop per method, on locals; the sums are formed in member order, as before.
        if method == BEST_FIT:
            for rank, weight in zip(ranks, weights, strict=True):
                if rank is not None:
                    count[rank] += 1
                    buckets[rank] += weight
                    total += weight
        elif method == PERCENT_BANDS:
            for rank, weight in zip(ranks, weights, strict=True):
                if rank is not None:
                    count[rank] += 1
                    earned += weight * points[rank]
                    total += weight
        else:
            for rank in ranks:  # one rank per weight: both are the judgement's members
                if rank is not None:
                    count[rank] += 1
        self.earned = earned
        self.total = total

    def copy(self) -> _Side:
        """A copy to change, sharing the unchanged ranks."""
        twin = _Side.__new__(_Side)
        twin.method = self.method
        twin.points = self.points
        twin.weights = self.weights
        twin.ranks = self.ranks
        twin.changed = dict(self.changed)
        twin.unknown = self.unknown
        twin.assumed = self.assumed
        twin.buckets = list(self.buckets)
        twin.count = list(self.count)
        twin.earned = self.earned
        twin.total = self.total
        return twin

    def rank(self, k: int) -> Rank:
        """Member *k*'s rank on this side now."""
        changed = self.changed
        return changed[k] if k in changed else self.ranks[k]

    def put(self, k: int, new: Rank) -> None:
        """Give member *k* the rank *new* on this side only (``None``: leave it out)."""
        if new is not None:
            self.set(k, new)
            return
        old = self.rank(k)
        if old is not None:
            weight = self.weights[k]
            self.count[old] -= 1
            if self.method == BEST_FIT:
                self.buckets[old] -= weight
                self.total -= weight
            elif self.method == PERCENT_BANDS:
                self.earned -= weight * self.points[old]
                self.total -= weight
        self.changed[k] = None

    def set(self, k: int, new: int) -> None:
        """Give member *k* the exact rank *new*: its old contribution out, the new one in."""
        # The hottest loop of a lift plan: `rank` is inlined, and each method's sums are
        # changed in the order they always were (floats: the same operations, the same bits).
        changed = self.changed
        old = changed[k] if k in changed else self.ranks[k]
        changed[k] = new
        if old == new:
            return
        weight = self.weights[k]
        count = self.count
        method = self.method
        if method == BEST_FIT:
            buckets = self.buckets
            if old is not None:
                count[old] -= 1
                buckets[old] -= weight
                self.total -= weight
            count[new] += 1
            buckets[new] += weight
            self.total += weight
        elif method == PERCENT_BANDS:
            points = self.points
            if old is not None:
                count[old] -= 1
                self.earned -= weight * points[old]
                self.total -= weight
            count[new] += 1
            self.earned += weight * points[new]
            self.total += weight
        else:
            if old is not None:
                count[old] -= 1
            count[new] += 1

    def restore(self, k: int) -> None:
        """Give member *k* back the rank it has in the unchanged evidence."""
        changed = self.changed
        if k not in changed:
            return
        old = changed.pop(k)
        base = self.ranks[k]
        if base == old:
            return
        weight = self.weights[k]
        count = self.count
        method = self.method
        if method == BEST_FIT:
            buckets = self.buckets
            if old is not None:
                count[old] -= 1
                buckets[old] -= weight
                self.total -= weight
            if base is not None:
                count[base] += 1
                buckets[base] += weight
                self.total += weight
        elif method == PERCENT_BANDS:
            points = self.points
            if old is not None:
                count[old] -= 1
                self.earned -= weight * points[old]
                self.total -= weight
            if base is not None:
                count[base] += 1
                self.earned += weight * points[base]
                self.total += weight
        else:
            if old is not None:
                count[old] -= 1
            if base is not None:
                count[base] += 1

    def aggregate(self, aggregation: CompiledAggregation, *, assume: bool) -> Rank:
        """`inspectkit.scoring._ranks.aggregate` of this side (after `assume_unknown`)."""
        method = self.method
        if method == NONE:
            return None
        count = self.count
        grades = len(count)
        if method in (BEST_FIT, PERCENT_BANDS):
            if not any(count) or self.total <= 0.0:
                return None
            total = self.total
            if method == BEST_FIT:
                need = aggregation.share * total - _EPSILON * total
                reached = 0.0
                for rank in range(grades):
                    reached += self.buckets[rank]
                    if reached >= need:
                        return rank
                return grades - 1
            percent = (
                100.0 * self.earned / (total * aggregation.max_points)
                if aggregation.max_points > 0
                else 0.0
            )
            for band, rank in aggregation.bands:
                if percent >= band - _EPSILON:
                    return rank
            return grades - 1
        if method == SECURE_FIT:
            for rank in range(grades - 1, -1, -1):
                if count[rank]:
                    return rank
            return None
        # RULES
        if not any(count):
            return None
        unknown = self.unknown if assume else {}
        changed = self.changed
        ranks = self.ranks
        worst_graded = 0
        if unknown:
            # Each unknown member not changed is assumed at the worst graded rank, within its
            # own range (`inspectkit.scoring._ranks.assume_unknown`): the counts are those of
            # every unknown member at that rank (worked out once per rank), less those changed.
            worst_graded = max(rank for rank in range(grades) if count[rank])
            at = self.assumed.get(worst_graded)
            if at is None:
                at = self.assumed[worst_graded] = [0] * grades
                for high, low in unknown.values():
                    at[_assumed_at(worst_graded, high, low)] += 1
            count = [a + b for a, b in zip(count, at, strict=True)]
            for k in changed:
                if k in unknown:
                    count[_assumed_at(worst_graded, *unknown[k])] -= 1

        def rank_of(k: int) -> Rank:
            # A member changed has its new rank (``None``: left out, `put`), an unknown one
            # its assumed rank, any other its rank in the unchanged evidence.
            if k in changed:
                return changed[k]
            if k in unknown:
                return _assumed_at(worst_graded, *unknown[k])
            return ranks[k]

        for rule in aggregation.rules:
            if _holds(rule, count, rank_of):
                return rule.rank
        return grades - 1


class _Sums:
    """A judgement's sums on all three sides; `State` changes a copy of them.

    Where every member's point, best and worst ranks are the same (exact evidence) and no
    ``rules`` member is assumed in line with the others, the three sides are one (``one``):
    they would hold the same sums and give the same grade, so a `State` keeps one copy.
    """

    __slots__ = ("aggregation", "best", "judgement", "one", "point", "position", "worst")

    def __init__(
        self,
        judgement: CompiledJudgement,
        sides: tuple[Sequence[Rank], Sequence[Rank], Sequence[Rank]],
    ) -> None:
        self.judgement = judgement
        self.aggregation = aggregation = judgement.aggregation
        weights = judgement.weights
        members = judgement.members
        self.position = {m: k for k, m in enumerate(members)}
        point = [sides[0][m] for m in members]
        best = [sides[1][m] for m in members]
        worst = [sides[2][m] for m in members]
        unknown: dict[int, tuple[int, int | None]] = {}
        if aggregation.method == RULES:
            for k, (rank, high, low) in enumerate(zip(point, best, worst, strict=True)):
                if rank is None and high is not None:
                    unknown[k] = (high, low)
        self.point = _Side(aggregation, point, weights, unknown)
        self.one = not unknown and best == point and worst == point
        if self.one:
            self.best = self.worst = self.point
        else:
            self.best = _Side(aggregation, best, weights)
            self.worst = _Side(aggregation, worst, weights)


class State:
    """One judgement's grade under changes made one at a time (see the module docstring).

    Built by `Rescorer.state`; `set` changes a criterion in O(1), `grade` reads the
    judgement's grade after findings and the range, before caps, in O(grades) (plus the
    rules, for ``rules``).
    """

    __slots__ = ("_findings", "_sides", "_sums")

    def __init__(self, sums: _Sums, findings: tuple[Any, ...] | None) -> None:
        self._sums = sums
        # One side while the three are one (`_Sums.one`), until `put` gives a member a range.
        self._sides: tuple[_Side, ...] = (
            (sums.point.copy(),)
            if sums.one
            else (sums.point.copy(), sums.best.copy(), sums.worst.copy())
        )
        self._findings = findings

    def put(self, k: int, ranks: tuple[Rank, Rank, Rank]) -> None:
        """Give member *k* (a position among the members) its point, best and worst ranks."""
        sides = self._sides
        if len(sides) == 1:
            point = ranks[0]
            if point == ranks[1] and point == ranks[2]:
                sides[0].put(k, point)
                return
            side = sides[0]
            sides = self._sides = (side, side.copy(), side.copy())
        for side, rank in zip(sides, ranks, strict=True):
            side.put(k, rank)

    def set(self, i: int, rank: int) -> None:
        """Give criterion *i* (a member of this judgement) the exact rank *rank*."""
        k = self._sums.position[i]
        for side in self._sides:
            side.set(k, rank)

    def restore(self, i: int) -> None:
        """Give criterion *i* back the rank it has in the unchanged evidence."""
        k = self._sums.position[i]
        for side in self._sides:
            side.restore(k)

    def rank(self, i: int) -> Rank:
        """Criterion *i*'s point rank now."""
        return self._sides[0].rank(self._sums.position[i])

    def triple(self) -> tuple[Rank, Rank, Rank]:
        """The judgement's (point, best, worst) after findings, before caps."""
        aggregation = self._sums.aggregation
        sides = self._sides
        if len(sides) == 1:
            # No member is assumed (`_Sums.one`), so ``assume`` changes nothing.
            p = b = w = sides[0].aggregate(aggregation, assume=False)
        else:
            point, best, worst = sides
            p = point.aggregate(aggregation, assume=True)
            b = best.aggregate(aggregation, assume=False)
            w = worst.aggregate(aggregation, assume=False)
        if self._findings is not None:
            findings, weak, strong = self._findings
            p, b, w, _ = _apply_findings(findings, weak, strong, (p, b, w))
        return p, b, w

    def grade(self) -> Rank:
        """The judgement's point after findings and the range, before caps."""
        return _clamp(*self.triple())


def _holds(rule: CompiledRule, counts: Sequence[int], rank_of: object) -> bool:
    """`inspectkit.scoring._ranks._holds` on counts, with members' ranks looked up."""
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
        got = rank_of(member)  # type: ignore[operator]
        if got is not None and got > rank:
            return False
    return True


class Rescorer:
    """Grades of one assessment with a few criteria changed (see the module docstring).

    Args:
        compiled: The compiled framework.
        base: The ranks of the unchanged evidence (`inspectkit.scoring._ranks.score`).
    """

    def __init__(self, compiled: CompiledFramework, base: AssessmentRanks) -> None:
        self.compiled = compiled
        self.base = base
        judgements = compiled.judgements
        self._sums: list[_Sums | None] = [None] * len(judgements)
        # Criterion position -> judgements whose caps watch it; judgement -> the same.
        self._watching_criterion: dict[int, set[int]] = {}
        self._watching_judgement: dict[int, set[int]] = {}
        for judgement in judgements:
            for cap in judgement.caps:
                if cap.criterion >= 0:
                    self._watching_criterion.setdefault(cap.criterion, set()).add(judgement.index)
                elif cap.judgement >= 0:
                    self._watching_judgement.setdefault(cap.judgement, set()).add(judgement.index)
        self._rank_in_order = {j: k for k, j in enumerate(compiled.order)}
        self._overall: _Sums | None = None
        # Where another rescorer's sums for a judgement hold here too (the same members'
        # ranks: a what-if's assessment after, beside the one before), they are borrowed
        # rather than summed again; the sums are never changed once built.
        self.borrow: Callable[[int], _Sums | None] | None = None
        # Per judgement, its (point, best, worst) before caps with nothing changed; and per
        # set of judgements changes reach first, every judgement they reach, in order. Both
        # depend on the unchanged evidence alone, and every re-scoring asks them again.
        self._base: dict[int, tuple[Rank, Rank, Rank]] = {}
        self._reached: dict[frozenset[int], list[int]] = {}

    def overall_state(self) -> State | None:
        """A `State` of the overall grade over the unchanged judgements' grades.

        ``None`` for ``rules`` (whose unknown judgements are assumed in line with a plan's
        own grades, so the engine's `_judge` is used) and for no overall grade.
        """
        method = self.compiled.overall.aggregation.method
        if method in (RULES, NONE):
            return None
        if self._overall is None:
            base = self.base
            self._overall = _Sums(
                self.compiled.overall,
                (base.judgement_point, base.judgement_best, base.judgement_worst),
            )
        return State(self._overall, None)

    def sums(self, j: int) -> _Sums:
        """Judgement *j*'s sums, built on first use."""
        found = self._sums[j]
        if found is None and self.borrow is not None:
            found = self._sums[j] = self.borrow(j)
        if found is None:
            base = self.base
            found = self._sums[j] = _Sums(
                self.compiled.judgements[j], (base.point, base.best, base.worst)
            )
        return found

    def state(self, j: int, changes: Mapping[int, int] = {}) -> State:
        """Judgement *j*'s `State` with *changes* (criterion position -> rank) made.

        Only *j*'s own members among *changes* count.
        """
        sums = self.sums(j)
        findings = sums.judgement.findings
        extra = None
        if findings is not None:
            extra = (findings, self.base.weaknesses[j], self.base.strengths[j])
        state = State(sums, extra)
        position = sums.position
        for i, rank in changes.items():
            if i in position:
                state.set(i, rank)
        return state

    def uncapped(self, j: int, changes: Mapping[int, int]) -> tuple[Rank, Rank, Rank]:
        """Judgement *j*'s (point, best, worst) after findings, before caps, with *changes*.

        *changes* maps criterion positions to ranks; only *j*'s own members count.
        """
        return self.state(j, changes).triple()

    def judgement_clamped(self, j: int, changes: Mapping[int, int]) -> Rank:
        """Judgement *j*'s point after findings and the range, before caps, with *changes*."""
        return self.state(j, changes).grade()

    def _downstream(self, seeds: set[int]) -> set[int]:
        """*seeds* and every judgement whose caps watch one of them, transitively."""
        found: set[int] = set()
        stack = list(seeds)
        while stack:
            j = stack.pop()
            if j in found:
                continue
            found.add(j)
            stack.extend(self._watching_judgement.get(j, ()))
        return found

    def affected(self, changes: Mapping[int, int]) -> list[int]:
        """The judgements *changes* can move, in the order the engine grades them."""
        compiled = self.compiled
        seeds: set[int] = set()
        for i in changes:
            seeds.add(compiled.criteria[i].judgement)
            seeds.update(self._watching_criterion.get(i, ()))
        key = frozenset(seeds)
        found = self._reached.get(key)
        if found is None:
            found = self._reached[key] = self._ordered(self._downstream(seeds))
        return found

    def base_triple(self, j: int) -> tuple[Rank, Rank, Rank]:
        """Judgement *j*'s (point, best, worst) after findings, before caps, unchanged."""
        found = self._base.get(j)
        if found is None:
            found = self._base[j] = self.state(j).triple()
        return found

    def _ordered(self, judgements: set[int]) -> list[int]:
        given = self.base.given
        order = self._rank_in_order
        return sorted((j for j in judgements if j not in given), key=order.__getitem__)

    def session(self, changes: Mapping[int, int] = {}) -> Session:
        """A `Session` with *changes* made, to change further one criterion at a time."""
        return Session(self, changes)

    def rescore(self, changes: Mapping[int, int]) -> tuple[Ranks, tuple[Rank, Rank, Rank, Rank]]:
        """Return the judgements' points and the overall ``(point, best, worst, uncapped)``.

        The same grades `inspectkit.scoring._ranks.with_ranks` gives for *changes* (criterion
        position -> exact rank), computed for the judgements the changes reach only.
        """
        return Session(self, changes).grades()


class Session:
    """The whole assessment re-scored under changes made and undone one at a time.

    It keeps a `State` (and its grade before caps) for every judgement with a changed
    criterion, so changing one criterion re-aggregates nothing; `grades` then applies the
    caps of the judgements the changes reach and grades the overall, as the engine does.
    """

    __slots__ = ("_affected", "_rescorer", "_states", "_triples", "changes")

    def __init__(self, rescorer: Rescorer, changes: Mapping[int, int]) -> None:
        self._rescorer = rescorer
        self.changes: dict[int, int] = {}
        self._states: dict[int, State] = {}
        self._triples: dict[int, tuple[Rank, Rank, Rank]] = {}
        self._affected: list[int] | None = None
        criteria = rescorer.compiled.criteria
        touched: dict[int, dict[int, int]] = {}
        for i, rank in changes.items():
            self.changes[i] = rank
            touched.setdefault(criteria[i].judgement, {})[i] = rank
        for j, mine in touched.items():
            state = self._states[j] = rescorer.state(j, mine)
            self._triples[j] = state.triple()

    def set(self, i: int, rank: int) -> None:
        """Give criterion *i* the exact rank *rank* (or back the one it had)."""
        rescorer = self._rescorer
        j = rescorer.compiled.criteria[i].judgement
        if i not in self.changes:
            self._affected = None
        self.changes[i] = rank
        state = self._states.get(j)
        if state is None:
            state = self._states[j] = rescorer.state(j)
        state.set(i, rank)
        self._triples[j] = state.triple()

    def point(self, j: int) -> Rank:
        """Judgement *j*'s point after caps, as `grades` gives it.

        The judgements the changes reach are graded in the engine's order up to *j* only:
        neither those after it nor the overall grade, which *j* does not read.
        """
        return self._judged(j)[0][j]

    def _judged(self, last: int = -1) -> tuple[Ranks, Ranks, Ranks, _View]:
        """The judgements the changes reach graded in the engine's order, up to *last* if given."""
        rescorer = self._rescorer
        base = rescorer.base
        if self._affected is None:
            self._affected = rescorer.affected(self.changes)
        jp = Ranks(base.judgement_point)
        jb = Ranks(base.judgement_best)
        jw = Ranks(base.judgement_worst)
        view = _View(base, self.changes, (jp, jb, jw))
        judgements = rescorer.compiled.judgements
        triples = self._triples
        for j in self._affected:
            triple = triples.get(j)
            if triple is None:
                triple = triples[j] = rescorer.base_triple(j)
            p, b, w = triple
            caps = judgements[j].caps
            if caps:
                p, b, w = _apply_caps(caps, view, point=p, best=b, worst=w, fired=[])  # type: ignore[arg-type]
            jp[j] = _clamp(p, b, w)
            jb[j] = b
            jw[j] = w
            if j == last:
                break
        return jp, jb, jw, view

    def grades(self) -> tuple[Ranks, tuple[Rank, Rank, Rank, Rank]]:
        """The judgements' points and the overall ``(point, best, worst, uncapped)``."""
        rescorer = self._rescorer
        jp, jb, jw, view = self._judged()
        compiled = rescorer.compiled
        overall = compiled.overall
        state = rescorer.overall_state()
        if state is None:
            p, b, w, assumed = _judge(overall, list(jp), list(jb), list(jw))
        else:
            # Only the judgements regraded change the overall sums.
            assert self._affected is not None  # (set by `_judged`)
            for j in self._affected:
                state.put(j, (jp[j], jb[j], jw[j]))
            p, b, w = state.triple()
            assumed = ()
        uncapped = p
        if overall.caps:
            watched = Ranks(jp)
            for position, rank in assumed:
                watched[position] = rank
            view.judgement_point = watched
            p, b, w = _apply_caps(overall.caps, view, point=p, best=b, worst=w, fired=[])  # type: ignore[arg-type]
            view.judgement_point = jp
        return jp, (_clamp(p, b, w), b, w, uncapped)
