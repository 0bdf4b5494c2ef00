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

1. For the overall grade, a choice of *judgement targets* (one rank per judgement) whose
   overall rule reaches the target. Under ``best_fit``, ``percent_bands`` and ``secure_fit``
   the overall rule is a sum over judgements, so the choice is a knapsack over *parts* (the
   judgements linked by caps), indexed by the number of changes (`_Planner._search_by_parts`):
   exact, in time polynomial in the framework's size for a bounded part size (the bound is
   stated there). Under ``rules`` the overall rule is counts of judgement grades, so the
   choice is a dynamic programme over the judgements, watchers first, whose state is the
   counts met so far and what the caps of the judgements decided ask of the others
   (`_Planner._search_by_counts`): exact, and polynomial while caps leave few judgements
   asked of at once; its bound on states is worked out before it runs and proven in its
   docstring (for the crafted 80-criterion, 20-cap framework of issue 13 it is a few
   hundred). A judgement with no grade (its evidence all absent and excluded) is modelled
   there too, assumed as the engine assumes it and within the range its caps leave it (the
   docstring says how). Where that bound passes ``top``, where a judgement is on another
   scale (or has no grade where the search by counts cannot model it), and where a part has
   more vectors than ``top``, it is a branch and bound
   over the vectors (`_Planner._branch_and_bound`), cut by a greedy plan's size and, for
   ``rules``, by the fewest changes the undecided judgements still need for each rule's
   counts; past ``top`` vectors the best plan found stands (exponential in the number of
   judgements at worst, which is why it is budgeted). For one judgement's grade the target
   is that judgement's alone.
2. Caps are turned into requirements (`_Planner.requirements`): a cap that would hold a grade
   below what the vector asks becomes a change that must happen (a check that must be met, a
   criterion that must rise above the trigger) or a grade another judgement must reach. This
   propagates through caps that watch judgements, from the last judgement the engine grades
   back to the first, so a judgement's requirement is complete before its own caps are read.
3. Each judgement is then solved alone (`_Planner.local`), judged as the engine judges it
   (its aggregation, findings and the range the evidence allows; `Rescorer`). Judgements of
   up to `SearchBudgets.small` candidates: iterative deepening over *classes of
   interchangeable criteria* (same grade and range now, same weight, same reachable grades,
   not named by a ``minimum`` rule), cheapest first within a class, so exact without trying
   every subset of a class. Larger judgements are solved exactly in polynomial time:
   ``rules`` as a covering problem (`_Planner._rules_cover`), the other methods by their
   members' contributions (`_Planner._gain_cover`), each with its proof in its docstring.
4. Among plans of the fewest changes the least effort (grade steps times ``effort``) wins
   (exactly for small judgements and up to eight judgements, greedily beyond); each change is
   lowered to the lowest grade that still works (for the overall grade, checked with the
   engine's own caps and overall rule, one criterion at a time in a `Session`).

Every check re-scores against per-judgement sums (`inspectkit.scoring._delta`): a candidate
costs the criteria it changes, not the framework's size.

When it falls back
------------------
Every plan is verified before it is returned (`_verify`): its ranks are re-scored against the
per-judgement sums, or by the engine's own pass over the ranks, which give the engine's grades
of the plan's evidence (`_verify` says why; ``tests/test_lift_verify.py`` holds it to
`inspectkit.assess`), and `LiftPlan.result` is that evidence assessed by `inspectkit.assess`. If
the structural search found nothing, or its plan does not reach the target when re-scored (only
seen with absent evidence excluded, as above), `lift_plan` falls back to
`_Planner.exhaustive`: every set smaller than a greedy upper bound, each criterion at its best
grade, each set checked by the engine, smallest first; past the ``local`` budget it returns the
greedy bound itself. The same engine-checked search runs below the plan found when a
judgement with no grade now is limited by a cap (the overall rule sees it through its range,
which a plan that releases the cap widens, beyond what judgement targets model), and when the
engine refused any plan the structural search accepted on the way (an ungraded judgement whose best
grade a cap holds down, say, which keeps the overall grade within its range): the structural
model was wrong there, so a smaller plan may exist that it never tried. The greedy bound
always reaches the target: it starts from every criterion at its best (or, where giving an
ungraded criterion a grade pulls a grade down, every graded one at its best) and only drops
changes the engine says are not needed. With ungraded criteria that may change, "everything
at its best" is not the most a plan can do, so a target is declared out of reach only when
the engine-checked search has tried every set (or, past its budget, with a reason that says
so and ``minimal`` false).

What the budgets bound
----------------------
`SearchBudgets` bounds the work, not the answer's correctness: a plan returned always reaches
the target. ``local`` bounds the candidate sets tried within one small judgement (and by the
fallback); past it, that judgement keeps a greedy answer (drop changes from "everything at its
best", costliest first, while it still works). ``top`` bounds the judgement-target vectors the
branch and bound visits (and the vectors the search by parts enumerates, and the states the
search by counts may hold, checked before it runs); past it, the best plan found so far
stands. Either way the plan's `inspectkit.LiftPlan.minimal` is false and its
reason says that the search stopped at its work limit: it reaches the target, but a smaller
plan may exist. ``small`` is not a budget on work but the size above which step 3 uses its
polynomial solvers.

Plans are remembered per assessment (`_remembered`): a report that prints a plan, the gap list
built on it and the plan to the next grade searches once. A what-if plans twice, on evidence a
few criteria apart: the planner after is built ``like`` the one before and takes from it what
reads nothing the change reached (`_Planner._reusable`): the criteria's options, each judgement's
solutions and grade before caps, its sums, and in the search by parts each part's options
(`_Planner._part_options`), with whether they were found within budget, so ``minimal`` is
decided as if they were worked out again.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from inspectkit._identity import IdentityMemo
from inspectkit._words import grade_label
from inspectkit.evidence import NOT_APPLICABLE, Counts, Entry
from inspectkit.grades import Grade
from inspectkit.results import Assessment, Change, LiftPlan
from inspectkit.rubric import OVERALL, Framework, MissingPolicy
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
from inspectkit.scoring._delta import Ranks, Rescorer, Session, State, ranks_of
from inspectkit.scoring._ranks import (
    _EPSILON,
    AssessmentRanks,
    _apply_findings,
    _assumed_at,
    _clamp,
    _judge,
    aggregate,
    assume_unknown,
    with_ranks,
)

__all__ = [
    "DEFAULT_BUDGETS",
    "SearchBudgets",
    "lift_plan",
]

Rank = int | None


@attrs.frozen
class SearchBudgets:
    """How much work the lift-plan search may do before it settles (see the module docstring).

    Attributes:
        local: Candidate sets tried within one judgement (and by the engine-checked
            fallback) before that judgement keeps a greedy answer.
        top: Judgement-target vectors the overall branch and bound visits before the best
            plan found so far stands (and the bound on the states of the search by counts
            above which it gives way to the branch and bound).
        small: Judgements with more candidate criteria than this use the additive shortcut
            where their method allows (the fewest changes stays exact; the effort tie-break
            becomes greedy).
    """

    local: int = 20_000
    top: int = 5_000
    small: int = 12


DEFAULT_BUDGETS = SearchBudgets()
"""The budgets `lift_plan` uses unless given others."""

_UNREACHABLE = object()
"""What the exact solvers for large judgements return when they prove no plan exists."""

_TIES_SEARCHED = 8
"""Up to this many judgements the branch and bound also searches ties for the least effort."""

_DELTA_SHARE = 0.1
"""Above this share of the criteria changed, `_Planner.reaches` re-scores with the engine's pass
(`with_ranks`) rather than against per-judgement sums (`Rescorer`): both give the same grades."""

_SHORTCUTS = True
"""Whether `_Planner._local` takes its proven shortcuts: the subset search cut by the members'
gains (`_Planner._gain_bound`), ``secure_fit`` solved outright (`_Planner._secure_plan`), and
changes lowered by the members' sums (`_Planner._lower_in`); and whether the search by counts
works out a judgement's moves once per distinct request of the others (`_Planner._count_moves`)
rather than once per state.

Read at call time: the tests switch it off to check that the shortcuts change no plan."""

_TOO_BIG = object()
"""What the search by parts returns when it cannot decide within its budget."""

_PartOption = tuple[int, float, float, dict[int, int], bool]
"""One option of a part in the search by parts: (changes, effort, contribution, assign, exact)."""

_Needs = list[Rank] | dict[int, Rank]
"""Requirements per judgement: a list over all of them, or for a part's judgements alone."""

_Asked = tuple[int, Rank, tuple[tuple[int, int], ...], Rank]
"""What the search by counts asks of one undecided judgement: (judgement, the grade it must
reach or ``None``, its criteria that must change with their limits, the grade its best must
reach or ``None``)."""

_CountKey = tuple[tuple[int, ...], tuple[_Asked, ...]]
"""A state of the search by counts: the counts met so far, and what is asked of whom."""

_CoverTrial = tuple[int, int, dict[int, int], dict[int, int], int | None]
"""One rule under one bound in `_Planner._rules_cover`: (floor on its changes, its place in the
order of rules and bounds, demands, ceilings, bound); see `_Planner._cover_trials`."""


@attrs.frozen
class _CountSearch:
    """What `_Planner._search_by_counts` works out once for every rule and bound it tries.

    Attributes:
        target: The overall grade to reach.
        order: The judgements, watchers first (`_Planner._counting_order`).
        releases: Per judgement, its caps as (to, kind, what, limit).
        widest: The bound on the variety of what is asked of undecided judgements.
        needs: What the overall caps ask of each judgement, whatever the vector.
        forced: The criteria the overall caps force, whatever the vector.
    """

    target: int
    order: list[int]
    releases: list[list[tuple[int, int, int, int]]]
    widest: int
    needs: Any
    forced: dict[int, int]


# --------------------------------------------------------------------------------------------
# The search

# Per compiled framework, per criterion its options by its rank now.
_OPTION_ROWS: IdentityMemo[CompiledFramework, list[Any]] = IdentityMemo()


# Per compiled framework, what the search by counts reads of it alone (`_Planner._counting`).
_Counting = tuple[list[int], list[list[tuple[int, int, int, int]]], list[set[int]], list[set[int]]]
"""What the search by counts reads of a framework alone (`_Planner._counting`)."""

_COUNTING: IdentityMemo[CompiledFramework, tuple[_Counting | None]] = IdentityMemo()

# Per compiled framework, per target, per criterion and rank now, the effort of its cheapest
# raise to the target (`_cheapest_table`); never changed by their readers.
_CHEAPEST: IdentityMemo[CompiledFramework, dict[int, list[tuple[float | None, ...]]]] = (
    IdentityMemo()
)

# Per compiled framework, its judgements linked by caps, grouped (`_Planner._parts`); never
# changed by their readers.
_PARTS: IdentityMemo[CompiledFramework, list[list[int]]] = IdentityMemo()


@attrs.define
class _Local:
    """The cheapest way to lift one judgement: criterion position -> new rank."""

    count: int
    cost: float
    assign: dict[int, int]
    exact: bool
    # Re-scored for the whole plan's scope and target already (`_Planner._checked`).
    verified: bool = False


@attrs.define
class _Gains:
    """What `_Planner._gain_bound` finds for one judgement and target.

    Attributes:
        fewest: No set of fewer changes among the candidates reaches the target
            (``math.inf``: no set does).
        counts: Per side (point, then best and worst where a member is unknown), the fewest
            changes that side needs.
        orders: Per side, the candidates with a gain, largest gain first.
        total: The point side's sum with the forced changes made and nothing else.
        gains: Per candidate, what changing it to its best grade adds to the point side's sum.
        slack: A bound on the rounding in these sums: a sum below ``-slack`` is below zero.
        ordered: Every member not forced has no rank at all, or best, point and worst ranks
            in that order; then reaching the target needs the point side's sum at zero or more
            (see `_Planner._gain_bound`).
    """

    fewest: float
    counts: list[float]
    orders: list[list[int]]
    total: float
    gains: dict[int, float]
    slack: float
    ordered: bool


class _GroupSums:
    """The point side's gains of `_Planner._enumerate`'s groups, for cutting its branches.

    Members of a group are interchangeable (same ranks, weight and options), so they have one
    gain (`_Gains.gains`); ``best(g, left)`` is the most *left* changes among groups *g*
    onwards can add: the *left* largest gains among their members.
    """

    __slots__ = ("_tops", "gain", "slack")

    def __init__(self, groups: Sequence[list[int]], gains: _Gains) -> None:
        self.gain = [gains.gains[group[0]] for group in groups]
        self.slack = gains.slack
        self._tops: list[list[float]] = []
        for g in range(len(groups)):
            ordered = sorted(
                (self.gain[h] for h in range(g, len(groups)) for _ in groups[h]),
                reverse=True,
            )
            tops = [0.0]
            for value in ordered:
                tops.append(tops[-1] + max(value, 0.0))
            self._tops.append(tops)

    def best(self, g: int, left: int) -> float:
        tops = self._tops[g]
        return tops[min(left, len(tops) - 1)]


class _JudgementCheck:
    """Whether one judgement reaches a target with some changes (`_Planner.judgement_rank`)."""

    __slots__ = ("j", "planner", "target")

    def __init__(self, planner: _Planner, j: int, target: Rank) -> None:
        self.planner = planner
        self.j = j
        self.target = target

    def __call__(self, assign: Mapping[int, int]) -> bool:
        if self.target is None:
            return True
        got = self.planner.judgement_rank(self.j, assign)
        return got is not None and got <= self.target


class _BaseStates:
    """One `State` per judgement, changed for a check and restored after it (no copies)."""

    __slots__ = ("_rescorer", "_states")

    def __init__(self, rescorer: Rescorer) -> None:
        self._rescorer = rescorer
        self._states: dict[int, State] = {}

    def grade(self, j: int, assign: Mapping[int, int]) -> Rank:
        return _clamp(*self.triple(j, assign))

    def triple(self, j: int, assign: Mapping[int, int]) -> tuple[Rank, Rank, Rank]:
        """Judgement *j*'s (point, best, worst) after findings, before caps, with *assign*."""
        state = self._states.get(j)
        if state is None:
            state = self._states[j] = self._rescorer.state(j)
        for i, rank in assign.items():
            state.set(i, rank)
        try:
            return state.triple()
        finally:
            for i in assign:
                state.restore(i)


class _BestCheck:
    """Whether one judgement reaches a target, and its best case (before caps) a grade too.

    The best case is the judgement's aggregation with its unknown members at their best (the
    range `_BaseStates.triple` gives); a judgement given directly has its given grade there.
    """

    __slots__ = ("best", "j", "planner", "target")

    def __init__(self, planner: _Planner, j: int, target: Rank, best: Rank) -> None:
        self.planner = planner
        self.j = j
        self.target = target
        self.best = best

    def __call__(self, assign: Mapping[int, int]) -> bool:
        planner = self.planner
        given = planner.base.given
        if self.j in given:
            rank = given[self.j]
            high = rank
        else:
            point, high, worst = planner._states.triple(self.j, assign)
            rank = _clamp(point, high, worst)
        if high is None or (self.best is not None and high > self.best):
            return False
        return self.target is None or (rank is not None and rank <= self.target)


def _in_state(ok: Any, given: Mapping[int, Rank]) -> bool:
    """Whether *ok* is a judgement's check that a `State` of that judgement can answer."""
    return isinstance(ok, _JudgementCheck) and ok.target is not None and ok.j not in given


class _ScopeCheck:
    """Whether the grade in scope (-1: overall) reaches a target with some changes."""

    __slots__ = ("planner", "scope", "target")

    def __init__(self, planner: _Planner, scope: int, target: int) -> None:
        self.planner = planner
        self.scope = scope
        self.target = target

    def __call__(self, assign: Mapping[int, int]) -> bool:
        return self.planner.reaches(assign, self.scope, self.target)


class _Planner:
    """Everything the lift-plan search needs about one assessment, compiled once."""

    def __init__(
        self,
        assessment: Assessment,
        fixed: Iterable[str] = (),
        budgets: SearchBudgets | None = None,
        like: _Planner | None = None,
    ) -> None:
        self.assessment = assessment
        # Looked up at call time, so a test can replace DEFAULT_BUDGETS.
        self.budgets = DEFAULT_BUDGETS if budgets is None else budgets
        framework = assessment.framework
        self.compiled: CompiledFramework = compiled_for(framework)
        self.exclude = assessment.missing is MissingPolicy.EXCLUDE
        self.base: AssessmentRanks = ranks_of(assessment)
        self.rescorer = Rescorer(self.compiled, self.base)
        self._states = _BaseStates(self.rescorer)
        self.fixed = frozenset(fixed)
        for criterion_id in self.fixed:
            framework.criterion(criterion_id)  # raises UnknownIdError
        self.grades = self.compiled.grades
        self.options: list[tuple[int, ...]] = self._options_like(like) or self._all_options()
        self.named = self._named_in_rules()
        self._memo: dict[tuple[Any, ...], _Local | None] = {}
        # Judgement solutions a planner of the same framework found, reused where a judgement's
        # inputs are the same in both (`_reusable`); what-ifs plan twice on evidence one
        # criterion apart.
        self._like = (
            like
            if like is not None
            and like.compiled is self.compiled
            and like.fixed == self.fixed
            and like.budgets == self.budgets
            else None
        )
        # The judgements whose solutions the like planner's do not give (`_reusable`).
        self._moved: frozenset[int] | None = None
        # Per (target, part, choices, pinned), the part's options in the search by parts and
        # whether they were found exactly (`_part_options`); a like planner's are lent.
        self._parts_held: dict[tuple[Any, ...], tuple[list[_PartOption] | None, bool]] = {}
        if self._like is not None:
            self.rescorer.borrow = self._borrow
        # Per target, per criterion, the effort of its cheapest raise (`_cheapest_row`).
        self._cheap: dict[int, list[float | None]] = {}
        # Per (judgement, target), `_member_table`; per judgement, `_weights_of`.
        self._tables: dict[tuple[int, int], tuple[dict[Rank, float], bool, float] | None] = {}
        self._weights: dict[int, dict[int, float]] = {}
        # Per judgement, its grade before caps with no change (`_reaches_now`).
        self._now: dict[int, tuple[Rank]] = {}
        self._entries: dict[tuple[int, int], Entry] = {}
        # The memo entries whose search hit its budget (they set `exact` false when reused).
        self._inexact: set[tuple[Any, ...]] = set()
        self.exact = True
        # Set when the engine refused a plan the structural model accepted: the model was wrong
        # there, so a plan it found elsewhere is not known to be the smallest.
        self.disagreed = False
        # The search's nodes: states of the search by counts, vectors the branch and bound
        # visits, sets the engine-checked search tries (what the tests bound).
        self.nodes = 0
        # A judgement with no grade now whose range a cap holds: the overall rule sees it
        # through that range (assumed in line with the others under rules, or bounding the
        # overall range), and a plan that releases the cap widens it, which the judgement
        # targets do not model; so a plan found is checked against smaller ones by the engine.
        self.unsure = any(
            self.base.judgement_point[judgement.index] is None and judgement.caps
            for judgement in self.compiled.judgements
        )

    # What each criterion can become --------------------------------------------------------

    def reachable_ranks(self, c: CompiledCriterion) -> tuple[int, ...]:
        if c.kind == MEASURED:
            return tuple(sorted({rank for _, rank in c.thresholds}))
        if c.kind == CHECK:
            return tuple(sorted({c.met, c.not_met}))
        return tuple(range(len(self.compiled.judgement_scales[c.judgement])))

    def _all_options(self) -> list[tuple[int, ...]]:
        """Per criterion, the ranks it could be raised to, best first (empty if it cannot move).

        A fixed criterion, one whose value has the wrong form, one declared not applicable and
        one of a judgement given directly (its given grade is final) cannot move.
        """
        base = self.base
        compiled = self.compiled
        criteria = compiled.criteria
        entries = self.assessment.evidence.entries
        # Criteria are numbered in framework order (`CompiledCriterion.index`), as the rows
        # and the ranks are: each criterion's options by its rank now (a row's first entry
        # where it has none), then those that cannot move at all emptied: one declared not
        # applicable among those with no rank, and the others below.
        rows = self._option_rows()
        point = base.point
        options: list[tuple[int, ...]] = [
            row[0 if now is None else now + 1] for row, now in zip(rows, point, strict=True)
        ]
        if None in point:
            for i, now in enumerate(point):
                if now is None:
                    entry = entries.get(criteria[i].criterion.id)
                    if entry is not None and entry.value is NOT_APPLICABLE:
                        options[i] = ()
        for i in base.wrong_form:
            options[i] = ()
        for j in base.given:
            for i in compiled.judgements[j].members:
                options[i] = ()
        index = compiled.index
        for criterion_id in self.fixed:
            options[index[criterion_id]] = ()
        return options

    def _options_like(self, like: _Planner | None) -> list[tuple[int, ...]] | None:
        """`_all_options`, from a planner of the same framework where the ranks are alike.

        A criterion's options read only its rank now (and, with none, whether it is declared
        not applicable), whether its value has the wrong form, whether its judgement is
        given, and whether it is fixed. With the same compiled framework, fixed criteria,
        criteria of the wrong form and given judgements, a criterion whose point and best
        ranks are *like*'s has *like*'s options (one not applicable has no best rank; one
        absent has a best, or a point where absent evidence counts at the worst grade): so
        only the criteria whose ranks differ (`_differing`, what a what-if changed) are
        worked out again. ``None`` when *like* is not such a planner.
        """
        if like is None or like.compiled is not self.compiled or like.fixed != self.fixed:
            return None
        mine, theirs = self.base, like.base
        if mine.wrong_form != theirs.wrong_form or mine.given != theirs.given:
            return None
        moved = _differing(mine.point, theirs.point) | _differing(mine.best, theirs.best)
        if len(moved) > _DELTA_SHARE * len(mine.point):
            return None
        options = list(like.options)
        if moved:
            rows = self._option_rows()
            entries = self.assessment.evidence.entries
            criteria = self.compiled.criteria
            for i in moved:
                now = mine.point[i]
                if now is not None:
                    options[i] = rows[i][now + 1]
                else:
                    entry = entries.get(criteria[i].criterion.id)
                    gone = entry is not None and entry.value is NOT_APPLICABLE
                    options[i] = () if gone else rows[i][0]
        return options

    def _option_rows(self) -> list[tuple[tuple[int, ...], ...]]:
        """Per criterion, its options by its rank now (index 0: no rank; 1 + rank otherwise).

        They depend on the framework alone, so they are worked out once per compiled framework.
        """
        compiled = self.compiled
        cached = _OPTION_ROWS.get(compiled)
        if cached is not None:
            return cached
        rows = []
        for c in compiled.criteria:
            reachable = self.reachable_ranks(c)
            size = len(compiled.judgement_scales[c.judgement])
            rows.append(
                (
                    reachable,
                    *(tuple(r for r in reachable if r < now) for now in range(size)),
                )
            )
        return _OPTION_ROWS.put(compiled, rows)

    def _named_in_rules(self) -> set[int]:
        named: set[int] = set()
        for judgement in self.compiled.judgements:
            for rule in judgement.aggregation.rules:
                for member, _ in rule.minimum:
                    named.add(judgement.members[member])
        return named

    def steps(self, i: int, rank: int) -> int:
        now = self.base.point[i]
        if now is None:
            now = len(self.compiled.judgement_scales[self.compiled.criteria[i].judgement]) - 1
        return now - rank

    def cost(self, assign: Mapping[int, int]) -> float:
        criteria = self.compiled.criteria
        return sum(self.steps(i, r) * criteria[i].criterion.effort for i, r in assign.items())

    # Exact checks with the engine ------------------------------------------------------------

    def ranks_with(self, assign: Mapping[int, int]) -> AssessmentRanks:
        return with_ranks(self.compiled, self.base, assign)

    def scope_rank(self, core: AssessmentRanks, scope: int) -> Rank:
        return core.overall[0] if scope < 0 else core.judgement_point[scope]

    def rescore(self, assign: Mapping[int, int]) -> tuple[Ranks, Rank]:
        """The judgements' points and the overall point with *assign* (see `Rescorer`)."""
        points, overall = self.rescorer.rescore(assign)
        return points, overall[0]

    def reaches(self, assign: Mapping[int, int], scope: int, target: int) -> bool:
        if len(assign) > _DELTA_SHARE * len(self.options):
            # Changing a good share of the framework, the engine's own pass over the lists
            # is quicker than changes made one at a time against the sums.
            core = self.ranks_with(assign)
            rank = self.scope_rank(core, scope)
        else:
            points, overall = self.rescore(assign)
            rank = overall if scope < 0 else points[scope]
        return rank is not None and rank <= target

    def all_best(self, among: Iterable[int] | None = None) -> dict[int, int]:
        indices = range(len(self.options)) if among is None else among
        return {i: self.options[i][0] for i in indices if self.options[i]}

    # One judgement alone ----------------------------------------------------------------------

    def local(
        self, j: int, target: Rank, forced: tuple[tuple[int, int], ...], best: Rank = None
    ) -> _Local | None:
        """The fewest of judgement *j*'s own criteria whose change lifts it to *target*.

        *forced* lists criteria that must change regardless (``(position, worst rank
        allowed)``), because a cap would otherwise hold a grade down. *best*, when given, is
        a grade the judgement's best case (before caps) must reach too (`_BestCheck`).
        """
        key: tuple[Any, ...] = (j, target, forced) if best is None else (j, target, forced, best)
        memo = self._memo
        if key in memo:
            if key in self._inexact:
                self.exact = False
            return memo[key]
        like = self._like
        if like is not None and key in like._memo and self._reusable(j):
            found = memo[key] = like._memo[key]
            if key in like._inexact:
                self._inexact.add(key)
                self.exact = False
            return found
        exact = self.exact
        self.exact = True
        found = self._local(j, target, forced, best)
        memo[key] = found
        if not self.exact:
            self._inexact.add(key)
        self.exact = exact and self.exact
        return found

    def _borrow(self, j: int) -> Any:
        """The like planner's sums for judgement *j*, where they hold here (`_reusable`)."""
        like = self._like
        assert like is not None
        return like.rescorer._sums[j] if self._reusable(j) else None

    def _reusable(self, j: int) -> bool:
        """Whether judgement *j*'s solutions in the planner this one is like hold here too.

        A judgement's solutions (`_local`) read only its members' ranks (point, best and
        worst), their options, its findings' counts and whether it is given: when those are
        the same, so is every solution.
        """
        moved = self._moved
        if moved is None:
            moved = self._moved = self._moved_judgements()
        return j not in moved

    def _moved_judgements(self) -> frozenset[int]:
        """The judgements not `_reusable`: some input of their solutions differs from *like*'s.

        Worked out at once for every judgement: the criteria whose point, best or worst rank
        or options differ (`_differing`: a what-if's few) name their judgements, and the
        judgements given, or with findings' counts, unlike *like*'s are added.
        """
        like = self._like
        assert like is not None
        mine, theirs = self.base, like.base
        criteria = self.compiled.criteria
        differ = (
            _differing(mine.point, theirs.point)
            | _differing(mine.best, theirs.best)
            | _differing(mine.worst, theirs.worst)
            | _differing(self.options, like.options)
        )
        moved = {criteria[i].judgement for i in differ}
        if mine.given != theirs.given:
            moved.update(j for j in mine.given.keys() ^ theirs.given.keys())
            moved.update(
                j
                for j in mine.given.keys() & theirs.given.keys()
                if mine.given[j] != theirs.given[j]
            )
        moved.update(_differing(mine.weaknesses, theirs.weaknesses))
        moved.update(_differing(mine.strengths, theirs.strengths))
        return frozenset(moved)

    def judgement_rank(self, j: int, assign: Mapping[int, int]) -> Rank:
        """Judgement *j*'s grade with *assign*, as the engine gives it before caps.

        Its own aggregation (unknown members assumed or left out as the engine does), its
        findings and the range the evidence allows; caps are the requirements' business
        (`requirements`). A given judgement keeps its given grade.
        """
        given = self.base.given
        if j in given:
            return given[j]
        return self._states.grade(j, assign)

    def _reaches_now(self, j: int, target: int) -> bool:
        """Whether judgement *j* reaches *target* before caps with no change (`judgement_rank`).

        A judgement the engine grades with no caps on it has that grade in the assessment
        already (`inspectkit.scoring._ranks`: its point after caps is the clamped point before
        them); one with caps is graded once as the engine grades it before its caps (its
        aggregation, findings and range), and remembered.
        """
        got = self._now.get(j)
        if got is None and self._like is not None and self._reusable(j):
            # Its members' ranks, its findings' counts and whether it is given are the
            # like planner's (`_reusable`): so is its grade before caps.
            got = self._like._now.get(j)
            if got is not None:
                self._now[j] = got
        if got is None:
            base = self.base
            judgement = self.compiled.judgements[j]
            rank: Rank
            if j in base.given:
                rank = base.given[j]
            elif not judgement.caps:
                rank = base.judgement_point[j]
            else:
                members = judgement.members
                p, b, w, _ = _judge(
                    judgement,
                    [base.point[m] for m in members],
                    [base.best[m] for m in members],
                    [base.worst[m] for m in members],
                )
                if judgement.findings is not None:
                    p, b, w, _ = _apply_findings(
                        judgement.findings,
                        base.weaknesses[j],
                        base.strengths[j],
                        (p, b, w),
                    )
                rank = _clamp(p, b, w)
            got = self._now[j] = (rank,)
        rank = got[0]
        return rank is not None and rank <= target

    def _local(  # noqa: PLR0915 - one search, its shortcuts in order
        self, j: int, target: Rank, forced: tuple[tuple[int, int], ...], best: Rank = None
    ) -> _Local | None:
        judgement = self.compiled.judgements[j]
        members = judgement.members
        weights = judgement.weights
        base = self.base.point
        bound = dict(forced)

        # With its best case asked for too (*best*), only the subset search below, which tries
        # sets of changes against the check itself, knows that: the shortcuts read the point.
        plain = best is None
        ok: Any = _JudgementCheck(self, j, target) if plain else _BestCheck(self, j, target, best)
        if not bound and ((target is None or self._reaches_now(j, target)) if plain else ok({})):
            # Nothing forced: the start is the evidence as it is, and it reaches the target,
            # so the plan is empty (what lowering an empty plan gives).
            return _Local(0, 0.0, {}, exact=True)
        start = {m: self.options[m][0] for m in bound}
        candidates = [m for m in members if self.options[m] and m not in bound]
        everything = {**start, **{m: self.options[m][0] for m in candidates}}
        # Giving an unknown member a grade adds it to the point prediction, which can pull the
        # grade down (see the module docstring): with one among the candidates, "everything
        # at its best" is not the most that can be done, and subsets are not pruned by it.
        monotone = all(base[m] is not None for m in candidates)
        if (
            target is not None
            and plain
            and _SHORTCUTS
            and judgement.aggregation.method == SECURE_FIT
            and judgement.findings is None
            and self._ordered(members, start)
            and (start or any(base[m] is not None for m in members))
        ):
            return self._secure_plan(members, target, start, bound)
        if bound and ok(start):
            lowered = self.lower(start, ok, bound)
            return _Local(len(lowered), self.cost(lowered), lowered, exact=True)
        if target is not None and plain and len(candidates) > self.budgets.small:
            found = self._large(j, target, start, candidates, ok, bound)
            if found is _UNREACHABLE:
                return None
            if isinstance(found, _Local):
                return found
        if monotone and not ok(everything):
            return None

        position = {m: k for k, m in enumerate(members)}
        classes: dict[tuple[Any, ...], list[int]] = {}
        for m in candidates:
            key: tuple[Any, ...] = (
                base[m],
                self.base.best[m],
                self.base.worst[m],
                weights[position[m]],
                self.options[m],
            )
            if m in self.named:
                key = (*key, m)
            classes.setdefault(key, []).append(m)
        groups = [
            sorted(group, key=lambda m: (self.compiled.criteria[m].criterion.effort, m))
            for group in classes.values()
        ]
        groups.sort(key=lambda group: group[0])

        gains = None
        if target is not None and plain and _SHORTCUTS:
            gains = self._gain_bound(j, target, start, candidates)
            if gains is not None and not gains.ordered:
                gains = None
        sums = None if gains is None else _GroupSums(groups, gains)
        budget = [self.budgets.local]
        exact = True
        # Size 0 is *start* itself, which does not reach the target (checked above); with the
        # members ordered, no set smaller than the gains' bound does either (`_gain_bound`).
        # So the deepening's first size with a solution, and its solutions, are the same as
        # from zero.
        first = 1 if gains is None or gains.fewest == math.inf else max(1, int(gains.fewest))
        for k in range(first, len(candidates) + 1):
            solutions: list[dict[int, int]] = []
            self._enumerate(
                groups=groups,
                g=0,
                left=k,
                assign=dict(start),
                ok=ok,
                out=solutions,
                budget=budget,
                prune=monotone,
                sums=sums,
                gained=0.0 if gains is None else gains.total,
            )
            if budget[0] <= 0:
                exact = False
                break
            if solutions:
                return self._cheapest(solutions, ok, bound, exact=True)
        if exact:
            # Every subset tried and none works (only possible with unknown members).
            return None
        # Over budget: greedy from everything at its best.
        self.exact = False
        if not ok(everything):
            return None
        assign = dict(everything)
        for m in sorted(
            candidates, key=lambda m: (-self.compiled.criteria[m].criterion.effort, -m)
        ):
            trial = dict(assign)
            del trial[m]
            if ok(trial):
                assign = trial
        return self._cheapest([assign], ok, bound, exact=False)

    def _ordered(self, members: Sequence[int], start: Mapping[int, int]) -> bool:
        """Whether every member not in *start* has no rank at all, or best <= point <= worst.

        Then the judgement's best, point and worst are in that order too (each method is
        monotone in its members' ranks, and a changed member has one rank on all three
        sides), so the range leaves the point as it is (`_clamp`): the judgement's grade is
        its point side's aggregation.
        """
        point, best, worst = self.base.point, self.base.best, self.base.worst
        for m in members:
            if m in start:
                continue
            p, b, w = point[m], best[m], worst[m]
            if p is None and b is None and w is None:
                continue
            if p is None or b is None or w is None or not b <= p <= w:
                return False
        return True

    def _secure_plan(
        self,
        members: Sequence[int],
        target: int,
        start: dict[int, int],
        bound: Mapping[int, int],
    ) -> _Local | None:
        """`_local` for a ``secure_fit`` judgement with no findings rule, its members ordered.

        Why this is `_local`'s answer: with the members ordered (`_ordered`) and one of them
        graded, the grade is the worst rank among the graded members, so a plan reaches
        *target* exactly when every member ends at or above it: each member now below it must
        change, and no other change helps. That one set (with *start*) is the smallest, the
        only one of its size, and reachable exactly when each of its members can reach the
        target (else no set is: ``None``, as `_local` finds from "everything at its best").
        Lowering it (`lower`) takes each member, whatever the others, to its worst grade that
        is at or above the target and within its forced limit, and keeps its best grade where
        no worse one is; the effort follows.
        """
        point = self.base.point
        options = self.options
        assign: dict[int, int] = {}
        for m in members:
            if m in start:
                pass
            elif (now := point[m]) is None or now <= target:
                continue
            elif not options[m]:
                return None
            choices = options[m]
            if choices[0] > target:
                return None
            limit = bound.get(m)
            rank = choices[0]
            for r in reversed(choices):
                if r <= rank:
                    break
                if r <= target and (limit is None or r <= limit):
                    rank = r
                    break
            assign[m] = rank
        return _Local(len(assign), self.cost(assign), assign, exact=True)

    # Large judgements: exact without trying subsets ---------------------------------------

    def _large(  # noqa: PLR0917 - private; one caller, _local, passes its own state
        self,
        j: int,
        target: int,
        start: dict[int, int],
        candidates: list[int],
        ok: Any,
        bound: Mapping[int, int],
    ) -> _Local | object | None:
        """The fewest changes for a judgement of many criteria, proven so, or ``None``.

        ``rules`` are solved as a covering problem (`_rules_cover`), the other methods by
        their members' contributions (`_gain_cover`); both give a set of the fewest changes
        together with a proof that no smaller set works. ``None`` when the proof does not
        go through (the caller then searches subsets within its budget), and `_UNREACHABLE`
        when the proof shows that no set of changes works.
        """
        method = self.compiled.judgements[j].aggregation.method
        tries: list[list[int]] | object | None
        if method == RULES:
            chosen = self._rules_cover(j, target, start, candidates)
            tries = [chosen] if isinstance(chosen, list) else chosen
        elif method in (BEST_FIT, PERCENT_BANDS, SECURE_FIT):
            tries = self._gain_cover(j, target, start, candidates)
        else:
            return None
        if not isinstance(tries, list):
            return tries
        for plan in tries:
            assign = {**start, **{m: self.options[m][0] for m in plan}}
            lowered = self._lower_if_reaches(assign, ok, bound)
            if lowered is not None:
                return _Local(len(lowered), self.cost(lowered), lowered, exact=True)
        return None

    def _cheapest_row(self, target: int) -> list[float | None]:
        """Per criterion, the effort of raising it to the lowest grade at or above *target*.

        That grade is the last of its options at or above *target* (its best if none is); the
        effort is the grade steps from its rank now (from the worst grade where it has none)
        times its ``effort``; ``None`` where it cannot move. The covering solvers sort and sum
        by it many times over. A criterion's options are its framework's row for its rank now
        (`_option_rows`), or none at all, so the effort depends on the framework, the
        criterion's rank now and *target* alone: each planner reads its row from a table made
        once per compiled framework and target (`_cheapest_table`), by its criteria's ranks.
        """
        row = self._cheap.get(target)
        if row is None:
            table = _cheapest_table(self.compiled, self._option_rows(), target)
            row = self._cheap[target] = [
                cells[0 if now is None else now + 1]
                for cells, now in zip(table, self.base.point, strict=True)
            ]
        return row

    def _weights_of(self, j: int) -> dict[int, float]:
        """Judgement *j*'s member weights by criterion position."""
        found = self._weights.get(j)
        if found is None:
            judgement = self.compiled.judgements[j]
            found = self._weights[j] = dict(zip(judgement.members, judgement.weights, strict=True))
        return found

    def _gain_cover(
        self, j: int, target: int, start: dict[int, int], candidates: list[int]
    ) -> list[list[int]] | object | None:
        """Sets to try, in order, for ``best_fit``, ``percent_bands`` or ``secure_fit``.

        `_gain_bound` proves that no set smaller than its bound works (see there); each set
        returned is of that size (prefixes of its orders), so the first that works is a
        smallest set. ``None`` when no bound holds, `_UNREACHABLE` when the bound shows that
        no set works.
        """
        found = self._gain_bound(j, target, start, candidates)
        if found is None:
            return None
        fewest, counts, orders = found.fewest, found.counts, found.orders
        if fewest == math.inf:
            return _UNREACHABLE
        size = int(fewest)
        tries = [order[:size] for order in orders]
        for first, then in ((1, 0), (1, 2), (0, 1), (2, 1)):
            if max(first, then) >= len(orders) or counts[first] == math.inf:
                continue
            plan = list(orders[first][: int(counts[first])])
            for m in orders[then]:
                if len(plan) >= size:
                    break
                if m not in plan:
                    plan.append(m)
            tries.append(plan)
        return [plan for plan in tries if len(plan) <= size]

    def _member_sums(self, j: int, target: int) -> tuple[Any, float] | None:
        """Judgement *j*'s method as a sum over members for *target* (see `_gain_bound`).

        Returns the contribution of a member (of its rank or ``None``, and its weight) and
        the slack the sums are compared with; ``None`` for a findings rule, ``rules`` and
        bands that no grade at or above the target has.
        """
        found = self._member_table(j, target)
        if found is None:
            return None
        table, weighted, slack = found
        if weighted:

            def contribution(rank: Rank, weight: float) -> float:
                return 0.0 if rank is None else weight * table[rank]

        else:

            def contribution(rank: Rank, weight: float) -> float:
                return table[rank]

        return contribution, slack

    def _member_table(self, j: int, target: int) -> tuple[dict[Rank, float], bool, float] | None:
        """`_member_sums` as a table: per rank (and ``None``) what a member contributes.

        Returns the table, whether a member's contribution is its weight times the table's
        value (``best_fit``: reaching the target or not, less the share; ``percent_bands``:
        points less the band's share of the most points; a member without a rank adds
        nothing) or the value alone (``secure_fit``: minus one below the target), and the
        slack. Each value is the one the contribution's own expression gives, so the sums
        are the same to the last bit. Remembered per judgement and target.
        """
        key = (j, target)
        if key in self._tables:
            return self._tables[key]
        found = self._tables[key] = self._member_table_for(j, target)
        return found

    def _member_table_for(
        self, j: int, target: int
    ) -> tuple[dict[Rank, float], bool, float] | None:
        judgement = self.compiled.judgements[j]
        aggregation = judgement.aggregation
        method = aggregation.method
        if judgement.findings is not None or method not in (
            BEST_FIT,
            PERCENT_BANDS,
            SECURE_FIT,
        ):
            return None
        ranks = range(len(self.compiled.judgement_scales[j]))
        table: dict[Rank, float] = {None: 0.0}
        if method == BEST_FIT:
            share = aggregation.share - _EPSILON
            table.update({rank: (1.0 if rank <= target else 0.0) - share for rank in ranks})
        elif method == PERCENT_BANDS:
            usable = [band for band, rank in aggregation.bands if rank <= target]
            # The engine gives the scale's lowest grade to any graded judgement that meets no
            # band, so at that target the test is being graded at all, not a sum over bands.
            if aggregation.max_points <= 0 or not usable or target >= len(aggregation.points) - 1:
                return None
            points = aggregation.points
            needed = (min(usable) - _EPSILON) * aggregation.max_points / 100.0
            table.update({rank: points[rank] - needed for rank in range(len(points))})
        else:
            table.update({rank: -1.0 if rank > target else 0.0 for rank in ranks})
        # No term is larger than the heaviest weight times the most points (or one); 1e-9 of
        # that per member is far above the rounding of a sum of a few thousand such terms.
        heaviest = max(judgement.weights, default=0.0)
        unit = 1.0
        if method == PERCENT_BANDS:
            unit += max((abs(p) for p in aggregation.points), default=0.0)
            unit += abs(aggregation.max_points)
        slack = 1e-9 * (1.0 + heaviest * unit) * (1 + len(judgement.members))
        return table, method != SECURE_FIT, slack

    def _gain_bound(
        self, j: int, target: int, start: dict[int, int], candidates: list[int]
    ) -> _Gains | None:
        """A lower bound on the changes among *candidates* that lift judgement *j* to *target*.

        For ``best_fit``, ``percent_bands`` and ``secure_fit`` with no findings rule (``None``
        otherwise): the bound, and the sums it comes from (`_Gains`).

        Why no smaller set works: whether each method reaches *target* is a sum over members,
        ``sum(contribution(rank)) >= 0`` (the weight reaching the target less the share of
        the total for ``best_fit``; points less the band's share of the most points for
        ``percent_bands``; minus one per member below the target for ``secure_fit``), and a
        member's contribution only grows as its rank improves. So no set of *k* changes adds
        more than the *k* largest gains (each member at its best grade): the shortest prefix
        of the members by gain that brings the sum to zero is as short as any set that works.

        The engine keeps the point within the range the evidence allows: a judgement reaches
        the target when its best case does and either its point or its worst case does. With
        no unknown member the three are ordered member by member, so the point alone decides.
        With unknown members (absent evidence excluded: left out of the point, counted in
        the range) each of the three has its own smallest count, and the fewest changes are
        at least ``min(max(best, point), max(best, worst))`` of them.

        The sums are compared with zero less ``slack``, a bound on their rounding (far above
        it: a few units in the last place of each term, times the members), so that a set the
        engine finds reaching is never counted short by a rounding of the sums; the counts
        stay lower bounds.

        Why the point side decides when the members are ``ordered``: a changed member has one
        rank on all three sides, and every other member has best <= point <= worst or no rank
        at all; each method is monotone in its members' ranks, so the judgement's best, point
        and worst are in that order too, the range leaves the point as it is (`_clamp`), and
        the judgement reaches the target only when the point side does, that is when its sum
        is at zero or more.
        """
        judgement = self.compiled.judgements[j]
        members = judgement.members
        found = self._member_table(j, target)
        if found is None:
            return None
        # The contributions of `_member_sums`, read from its table (the same values).
        slack = found[2]
        sides = (self.base.point, self.base.best, self.base.worst)
        unknown = any(
            m not in start and sides[0][m] is None and sides[1][m] is not None for m in members
        )
        ordered = not unknown and self._ordered(members, start)
        counts: list[float] = []
        orders: list[list[int]] = []
        point_total = 0.0
        point_gains: dict[int, float] = {}
        cheap = self._cheapest_row(target)
        for side in sides:
            total, gains = self._side_sums(j, found, side, start, candidates)
            if not orders:
                point_total, point_gains = total, gains
            rising = [m for m in candidates if gains[m] > 0.0]
            order = sorted(rising, key=lambda m: (-gains[m], cheap[m], m))
            count = 0
            for m in order:
                if total >= -slack:
                    break
                total += gains[m]
                count += 1
            counts.append(count if total >= -slack else math.inf)
            orders.append(order)
            if not unknown:
                break
        graded = any(sides[0][m] is not None for m in members) or bool(start)
        if not graded:
            counts[0] = max(counts[0], 1)
        if not unknown:
            fewest = counts[0]
        else:
            point, best, worst = counts
            fewest = min(max(best, point), max(best, worst))
        return _Gains(fewest, counts, orders, point_total, point_gains, slack, ordered)

    def _side_sums(
        self,
        j: int,
        found: tuple[dict[Rank, float], bool, float],
        side: Sequence[Rank],
        start: Mapping[int, int],
        candidates: Sequence[int],
    ) -> tuple[float, dict[int, float]]:
        """One side's sum for `_gain_bound` (*start* made) and each candidate's gain on it.

        The contributions of `_member_sums`, read from its table (*found*, the same values,
        added in the same order).
        """
        table, weighted, _ = found
        members = self.compiled.judgements[j].members
        options = self.options
        total = 0.0
        gains: dict[int, float] = {}
        if weighted:
            weights = self.compiled.judgements[j].weights
            for m, weight in zip(members, weights, strict=True):
                rank = options[m][0] if m in start else side[m]
                total += 0.0 if rank is None else weight * table[rank]
            weight_of = self._weights_of(j)
            for m in candidates:
                weight = weight_of[m]
                now = side[m]
                gains[m] = weight * table[options[m][0]] - (
                    0.0 if now is None else weight * table[now]
                )
        else:
            for m in members:
                total += table[options[m][0] if m in start else side[m]]
            for m in candidates:
                gains[m] = table[options[m][0]] - table[side[m]]
        return total, gains

    def _rules_cover(
        self, j: int, target: int, start: dict[int, int], candidates: list[int]
    ) -> list[int] | object:
        """The fewest changes that make a ``rules`` judgement reach *target*, proven.

        Why this is exact: the rules are ordered best grade first, so the judgement reaches
        *target* when any rule for a grade at or above it holds. Every condition of a rule
        counts members at or above a grade (``at_most`` is such a count of the others),
        except ``none_below`` and ``minimum``, which name members that must change. With the
        named members changed, the counts are a covering problem on a line: a member now at
        rank *y* that can rise to rank *o* adds one to every count for a grade from *o* up to
        (not including) *y*. Taking the counts from the best grade down, the members whose
        rise covers the most of the counts still to come (the largest *y*) first is optimal,
        by the usual exchange argument for covering points with intervals.

        Unknown members (absent evidence under ``exclude``) are assumed at the worst graded
        member's rank (`inspectkit.scoring._ranks.assume_unknown`), which depends on the
        plan. So each rule is solved once for every bound *top* on that rank: members graded
        worse than *top* must change, and the unknown ones are taken at their rank under
        *top*. The true plan's own worst rank is one of the bounds tried, and every bound
        gives a plan that works in the engine (the real assumption is never worse).

        Each rule under each bound is a trial (`_cover_trials`), with a floor on the changes
        any of its plans has. Trials are solved in order of their floors, and once a floor
        exceeds the fewest changes found, no trial left can win: it is not solved (with
        `_SHORTCUTS` off, every trial is). The plan kept is the one the order of rules and
        bounds gives, whichever order they are solved in: the fewest changes, then the least
        effort, then the earlier trial in that order.
        """
        movable = set(candidates)
        sides = (self.base.point, self.base.best, self.base.worst)
        # Every candidate's effort to reach *target* (`_cheapest_row`), for the sorts and sums.
        cheap = self._cheapest_row(target)
        trials, active = self._cover_trials(j, target, start)
        if _SHORTCUTS:
            trials.sort(key=lambda trial: trial[:2])
        found: tuple[int, float, int, list[int]] | None = None
        for floor, place, demands, ceiling, top in trials:
            if _SHORTCUTS and found is not None and floor > found[0]:
                break  # (this trial and every later one need more changes than found)
            plan = self._cover(target, start, movable, active, top, demands, ceiling, sides, cheap)
            if plan is None:
                continue
            if found is not None and len(plan) > found[0]:
                continue  # (more changes: not better, whatever its effort)
            cost = sum(cheap[m] for m in plan)  # type: ignore[misc]
            if found is None or (len(plan), cost, place) < found[:3]:
                found = (len(plan), cost, place, plan)
        return _UNREACHABLE if found is None else sorted(found[3])

    def _cover_trials(
        self, j: int, target: int, start: dict[int, int]
    ) -> tuple[list[_CoverTrial], list[int]]:
        """`_rules_cover`'s trials for judgement *j* and *target*, and the members that count.

        The trials come in the order of rules and bounds; the members that count are those in
        *start* or with a grade possible. Each trial is (floor, its place in that order, the
        rule's demands: rank -> members needed at or above it, its ceilings: member -> the
        rank it must reach, the bound). The floor is a number of changes every plan of the
        trial (`_cover`) has at least (`_cover_floors`).
        """
        judgement = self.compiled.judgements[j]
        members = judgement.members
        grades = self.grades
        point, best = self.base.point, self.base.best
        active = [m for m in members if m in start or best[m] is not None]
        unknown = [m for m in active if m not in start and point[m] is None]
        tops: list[int | None] = list(range(grades)) if unknown else [None]
        forced, reached = self._cover_floors(start, active, unknown, tops)
        total = len(active)
        trials: list[_CoverTrial] = []
        for rule in judgement.aggregation.rules:
            if rule.rank > target:
                break
            demands: dict[int, int] = {}
            possible = True
            for rank, needed in rule.at_least:
                demands[rank] = max(demands.get(rank, 0), needed)
            for rank, allowed in rule.at_most:
                if rank == 0:
                    possible = possible and total <= allowed
                else:
                    demands[rank - 1] = max(demands.get(rank - 1, 0), total - allowed)
            if not possible:
                continue
            ceiling: dict[int, int] = {}
            if rule.none_below >= 0:
                ceiling = dict.fromkeys(active, rule.none_below)
            for k, rank in rule.minimum:
                m = members[k]
                if m in start or best[m] is not None:
                    ceiling[m] = min(ceiling.get(m, grades), rank)
            for k, top in enumerate(tops):
                floor = forced[k]
                for rank, needed in demands.items():
                    floor = max(floor, needed - reached[k][rank])
                trials.append((floor, len(trials), demands, ceiling, top))
        return trials, active

    def _cover_floors(
        self, start: dict[int, int], active: list[int], unknown: list[int], tops: list[int | None]
    ) -> tuple[list[int], list[list[int]]]:
        """What every plan of `_cover` must change under each of *tops*, read before solving.

        Per bound: the graded members that must change, and per rank the members at or
        better than it before any change. A plan under a bound *top* has at least:

        - the first: every member graded now worse than *top* must change;
        - for a demand of *n* members at or above a rank, *n* less the second at that rank
          (those in *start* at their change, the graded ones where they are, the unknown ones
          where the bound puts them), as a change adds one member to a count at most.
        """
        grades = self.grades
        options = self.options
        point, best, worst = self.base.point, self.base.best, self.base.worst
        graded = [0] * grades  # the members graded now, not in *start*, by rank
        fixed = [0] * grades  # the members in *start*, by the rank they change to
        for m in active:
            if m in start:
                fixed[options[m][0]] += 1
            elif (now := point[m]) is not None:
                graded[now] += 1
        forced: list[int] = []
        reached: list[list[int]] = []  # per bound, per rank: the members there or better
        for top in tops:
            counts = [a + b for a, b in zip(graded, fixed, strict=True)]
            forced.append(0 if top is None else sum(graded[top + 1 :]))
            if top is not None:
                for m in unknown:
                    high = best[m]
                    assert high is not None
                    counts[_assumed_at(top, high, worst[m])] += 1
            running = 0
            for rank in range(grades):
                running += counts[rank]
                counts[rank] = running
            reached.append(counts)
        return forced, reached

    def _cover(  # noqa: PLR0917 - private; one caller, _rules_cover, per rule and bound
        self,
        target: int,
        start: dict[int, int],
        movable: set[int],
        active: list[int],
        top: int | None,
        demands: Mapping[int, int],
        ceiling: Mapping[int, int],
        sides: tuple[list[Rank], list[Rank], list[Rank]],
        cheap: Sequence[float | None],
    ) -> list[int] | None:
        """One rule under one bound *top* (see `_rules_cover`): the changes, or ``None``.

        *cheap* holds `_cheapest_row` for *target*: the effort of every member of *movable*.
        """
        point, best, worst = sides
        options = self.options
        grades = self.grades
        limit = grades - 1 if top is None else top
        y: dict[int, int] = {}
        for m in active:
            if m in start:
                rank = options[m][0]
                if rank > limit:
                    return None
            elif (now := point[m]) is not None:
                rank = now
            else:
                high = best[m]
                assert high is not None
                rank = _assumed_at(limit, high, worst[m])
            y[m] = rank
        chosen: list[int] = []

        def change(m: int, allowed: int) -> bool:
            if m not in movable or options[m][0] > min(allowed, limit):
                return False
            y[m] = options[m][0]
            chosen.append(m)
            return True

        for m in active:
            if m in start:
                if y[m] > ceiling.get(m, grades):
                    return None
                continue
            must = ceiling.get(m, grades)
            now = point[m]
            if top is not None and now is not None and now > top:
                must = min(must, top)
            if y[m] > must and not change(m, must):
                return None
        taken = set(chosen)
        for rank in sorted(demands):
            short = demands[rank] - sum(1 for m in active if y[m] <= rank)
            if short <= 0:
                continue
            reach = min(rank, limit)
            pool = [m for m in movable if m not in taken and y[m] > rank and options[m][0] <= reach]
            if len(pool) < short:
                return None
            pool.sort(key=lambda m: (-y[m], cheap[m], m))
            for m in pool[:short]:
                change(m, rank)
                taken.add(m)
        if not start and not chosen and all(point[m] is None for m in active):
            # Nothing graded: the engine gives no grade until one member is.
            pool = [m for m in movable if options[m][0] <= limit]
            if not pool:
                return None
            change(min(pool, key=lambda m: (cheap[m], m)), limit)
        return chosen

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
        prune: bool = True,
        sums: _GroupSums | None = None,
        gained: float = 0.0,
    ) -> None:
        """Every set of *left* more changes, a prefix of each group, that passes *ok*, to *out*.

        With *sums* (the members ordered, `_gain_bound`), *gained* is the point side's sum
        with *assign*: a branch whose sum cannot reach zero even with its *left* largest gains
        is cut, and so is a leaf whose sum is below zero, without asking *ok*. Neither loses a
        set that passes *ok*, since a set that reaches the target has its sum at zero or more
        (`_gain_bound`); only work is saved, and the sets found are the same.
        """
        if budget[0] <= 0:
            return
        if g == len(groups):
            budget[0] -= 1
            if left == 0 and (sums is None or gained >= -sums.slack) and ok(assign):
                out.append(dict(assign))
            return
        room = sum(len(group) for group in groups[g:])
        if left > room:
            return
        if sums is not None:
            budget[0] -= 1
            if gained + sums.best(g, left) < -sums.slack:
                return
        elif left > 0 and prune:
            # Prune: even every remaining criterion at its best cannot make it.
            budget[0] -= 1
            trial = dict(assign)
            for group in groups[g:]:
                for m in group:
                    trial[m] = self.options[m][0]
            if not ok(trial):
                return
        group = groups[g]
        each = 0.0 if sums is None else sums.gain[g]
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
                prune=prune,
                sums=sums,
                gained=gained + take * each,
            )

    def _cheapest(
        self,
        solutions: list[dict[int, int]],
        ok: Any,
        bound: Mapping[int, int],
        *,
        exact: bool,
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

    def _lower_if_reaches(
        self, assign: Mapping[int, int], ok: Any, bound: Mapping[int, int] | None
    ) -> dict[int, int] | None:
        """`lower` of *assign* when it passes *ok*, else ``None``.

        Where *ok* is one judgement's check, one `State` serves both: the check is its grade
        with *assign* made, the same grade `_JudgementCheck` reads.
        """
        if _in_state(ok, self.base.given):
            state = self.rescorer.state(ok.j, assign)
            got = state.grade()
            if got is None or got > ok.target:
                return None
            return self._lower_in(ok.j, state, dict(assign), ok.target, bound)
        if not ok(assign):
            return None
        return self.lower(assign, ok, bound)

    def _lower_in(
        self,
        j: int,
        state: State,
        result: dict[int, int],
        target: int,
        bound: Mapping[int, int] | None,
    ) -> dict[int, int]:
        """`lower` for judgement *j*'s check, in its `State` with *result* made (O(1) each).

        Where *j*'s method is a sum over members (`_member_sums`) and its members are ordered
        with *result* made (`_ordered`), the judgement reaches the target exactly when the
        point side's sum is at zero or more (`_gain_bound`): a trial whose sum is beyond the
        slack either way is decided by it, the same answer the `State` would give (the sum
        and the engine's own arithmetic round far less than the slack), and only a trial
        within the slack of zero asks the `State`. The changes kept, and so the plan, are
        the same.
        """
        criteria = self.compiled.criteria
        order = sorted(result, key=lambda i: (-criteria[i].criterion.effort, i))
        members = self.compiled.judgements[j].members
        sums = self._member_sums(j, target) if _SHORTCUTS else None
        if sums is not None and self._ordered(members, result):
            contribution, slack = sums
            weight = dict(zip(members, self.compiled.judgements[j].weights, strict=True))
            point = self.base.point
            total = 0.0
            for m in members:
                total += contribution(result[m] if m in result else point[m], weight[m])
            for i in order:
                limit = bound.get(i) if bound else None
                current = result[i]
                before = contribution(current, weight[i])
                for rank in reversed(self.options[i]):
                    if rank <= current:
                        break
                    if limit is not None and rank > limit:
                        continue
                    after = total - before + contribution(rank, weight[i])
                    if after < -slack:
                        continue
                    if after < slack:
                        state.set(i, rank)
                        got = state.grade()
                        state.set(i, current)
                        if got is None or got > target:
                            continue
                    state.set(i, rank)
                    result[i] = rank
                    total = after
                    break
            return result
        for i in order:
            limit = bound.get(i) if bound else None
            current = result[i]
            for rank in reversed(self.options[i]):
                if rank <= current:
                    break
                if limit is not None and rank > limit:
                    continue
                state.set(i, rank)
                got = state.grade()
                if got is not None and got <= target:
                    result[i] = current = rank
                    break
                state.set(i, current)
        return result

    def lower(
        self,
        assign: Mapping[int, int],
        ok: Any,
        bound: Mapping[int, int] | None = None,
        *,
        session: Session | None = None,
    ) -> dict[int, int]:
        """Lower each change to the lowest grade that keeps *ok*, costliest criteria first.

        *session*: for a `_ScopeCheck`, a `Session` with *assign* made already (`_lowered`).
        """
        result = dict(assign)
        if _in_state(ok, self.base.given):
            # One judgement's check: change one criterion at a time in its `State`, O(1) each.
            state = self.rescorer.state(ok.j, result)
            return self._lower_in(ok.j, state, result, ok.target, bound)
        criteria = self.compiled.criteria
        order = sorted(result, key=lambda i: (-criteria[i].criterion.effort, i))
        if isinstance(ok, _ScopeCheck):
            # The whole assessment: change one criterion at a time in a `Session`.
            if session is None:
                session = self.rescorer.session(result)
            for i in order:
                limit = bound.get(i) if bound else None
                current = result[i]
                for rank in reversed(self.options[i]):
                    if rank <= current:
                        break
                    if limit is not None and rank > limit:
                        continue
                    session.set(i, rank)
                    points, overall = session.grades()
                    got = overall[0] if ok.scope < 0 else points[ok.scope]
                    if got is not None and got <= ok.target:
                        result[i] = current = rank
                        break
                    session.set(i, current)
            return result
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
        self, required: _Needs, overall: Rank, within: Sequence[int] | None = None
    ) -> tuple[_Needs, dict[int, int]] | None:
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
            found = self._propagate(required, overall, graded, within)
            if found is None:
                return None
            needs, forced, skipped = found
            touched = {self.compiled.criteria[i].judgement for i in forced}
            again = {k for k in skipped if k in touched or needs[k] is not None}
            if not again:
                return needs, forced
            graded |= again

    def _propagate(
        self,
        given: _Needs,
        overall: Rank,
        graded: set[int],
        within: Sequence[int] | None = None,
    ) -> tuple[_Needs, dict[int, int], set[int]] | None:
        """One pass of `requirements`; also returns the ungraded judgements whose caps it let be.

        With *within* and no overall grade to reach, only the part's requirements are read and
        changed (its caps watch only its own judgements), so they are copied alone.
        """
        required: _Needs
        if within is not None and overall is None:
            required = {j: given[j] for j in within}
        else:
            assert isinstance(given, list)
            required = list(given)
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
        # *within*: judgements in the engine's order that caps link to nothing outside them
        # (a part, `_parts`), so that propagating a part's requirements reads only the part.
        for j in reversed(self.compiled.order if within is None else within):
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
        return self._locals(needs, forced)

    def _locals(
        self,
        needs: _Needs,
        forced: Mapping[int, int],
        within: Sequence[int] | None = None,
    ) -> _Local | None:
        """Each judgement solved alone for its need, with its *forced* criteria."""
        per_judgement: dict[int, list[tuple[int, int]]] = {}
        for i, limit in forced.items():
            per_judgement.setdefault(self.compiled.criteria[i].judgement, []).append((i, limit))
        count = 0
        cost = 0.0
        assign: dict[int, int] = {}
        exact = True
        among = range(len(needs)) if within is None else within
        wanted = sorted({j for j in among if needs[j] is not None} | set(per_judgement))
        for j in wanted:
            need = needs[j]
            pinned = tuple(sorted(per_judgement.get(j, ())))
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
        """The cheapest plan for the overall grade: by parts or by counts, else branch and bound."""
        method = self.compiled.overall.aggregation.method
        if method in (BEST_FIT, PERCENT_BANDS, SECURE_FIT):
            found = self._search_by_parts(target)
        elif method == RULES:
            found = self._search_by_counts(target)
        else:
            found = _TOO_BIG
        if (
            isinstance(found, _Local)
            and method == RULES
            and any(rank is None for rank in self.base.judgement_point)
            and len(self.compiled.judgements) <= _TIES_SEARCHED
        ):
            return self._same_ties(found, target)
        if found is not _TOO_BIG:
            assert found is None or isinstance(found, _Local)
            return found
        return self._branch_and_bound(target)

    def _same_ties(self, found: _Local, target: int) -> _Local:
        """The branch and bound's plan where it ties *found*, else *found* (a few judgements).

        Up to `_TIES_SEARCHED` judgements the branch and bound searches ties for the least
        effort, and it decided plans with an ungraded judgement before the search by counts
        could: where it finishes within its budget with as few changes and no more effort
        than *found*, its plan (the same size, a tie broken its own way) is kept, so those
        plans stay as they were. Its answer changes nothing else: where it stops
        at its budget or finds more, *found* stands, proven by the search by counts.
        """
        exact, disagreed = self.exact, self.disagreed
        tied = self._branch_and_bound(target)
        if (
            self.exact
            and tied is not None
            and tied.count == found.count
            and tied.cost <= found.cost
        ):
            return tied
        self.exact, self.disagreed = exact, disagreed
        return found

    # The overall grade by counts (rules) ----------------------------------------------------

    def _counting(self) -> _Counting | None:
        """What the search by counts reads of the framework alone, worked out once per framework.

        The order (`_counting_order`, ``None`` where caps make one impossible); per judgement,
        the caps limiting it and what each asks when released, as (to, kind, what, limit);
        and for the bound on states (``widest``, `_search_by_counts`), per judgement the
        grades caps can ask of it and its criteria that caps watch. None of it reads the
        evidence, so a framework's planners share it (read only).

        `widest` bounds the variety of what the decided judgements ask of the undecided ones
        at any point of the order, two ways (the smaller holds): per judgement asked of, the
        grades it can be asked for (a cap's trigger on it) times the subsets of its criteria
        caps watch; and per decided judgement with caps on undecided ones, the patterns in
        which its caps are released, which are fixed by its need alone (a cap is released
        when its ``to`` is worse than the need: one pattern per distinct ``to``, and one
        with none released).
        """
        compiled = self.compiled
        held_for = _COUNTING.get(compiled)
        if held_for is not None:
            return held_for[0]
        order = self._counting_order()
        found: _Counting | None = None
        if order is not None:
            criteria = compiled.criteria
            releases: list[list[tuple[int, int, int, int]]] = []
            for judgement in compiled.judgements:
                held: list[tuple[int, int, int, int]] = []
                for cap in judgement.caps:
                    limit = cap.trigger - 1
                    if cap.criterion >= 0:
                        held.append((cap.to, 0, cap.criterion, limit))
                    else:
                        held.append((cap.to, 1, cap.judgement, limit))
                releases.append(held)
            judgements = len(compiled.judgements)
            limits: list[set[int]] = [set() for _ in range(judgements)]
            watched: list[set[int]] = [set() for _ in range(judgements)]
            for held in releases:
                for _, kind, what, limit in held:
                    if kind == 0:
                        watched[criteria[what].judgement].add(what)
                    else:
                        limits[what].add(limit)
            found = (order, releases, limits, watched)
        _COUNTING.put(compiled, (found,))
        return found

    def _counting_order(self) -> list[int] | None:
        """The judgements, each after every judgement whose caps watch it or its criteria.

        ``None`` if caps on criteria make that impossible (a cycle through them).
        """
        compiled = self.compiled
        watchers: list[set[int]] = [set() for _ in compiled.judgements]
        for judgement in compiled.judgements:
            for cap in judgement.caps:
                w = (
                    compiled.criteria[cap.criterion].judgement
                    if cap.criterion >= 0
                    else cap.judgement
                )
                if w >= 0 and w != judgement.index:
                    watchers[w].add(judgement.index)
        # Latest in the engine's order first, as `requirements` runs, where caps allow it.
        engine = {j: k for k, j in enumerate(compiled.order)}
        left = set(range(len(watchers)))
        order: list[int] = []
        while left:
            ready = [j for j in left if not watchers[j] & left]
            if not ready:
                return None
            j = max(ready, key=lambda j: (engine[j], j))
            order.append(j)
            left.remove(j)
        return order

    def _search_by_counts(self, target: int) -> _Local | object | None:
        """The overall grade's cheapest plan under ``rules``, exact, by dynamic programming.

        What it computes: the branch and bound's answer without its budget. Both choose a
        *vector* of judgement targets (one rank per judgement, at most its grade now), whose
        cost is `solve`'s: the requirements the caps add (`requirements`), then each judgement
        solved alone for its need with its forced criteria (`local`); the cheapest vector whose
        overall rule reaches *target* is the plan. The sum is exact because a plan reaching
        the target gives, through its judgements' grades, a vector that reaches it and costs
        no more than the plan (each judgement's part of the plan is one way to meet its need).

        Why a dynamic programme finds the cheapest vector:

        - The rules are tried in rank order and the target is reached when one for a grade at
          or above it holds; each such rule is a set of *counts* (``at_least``: that many
          judgements at a grade or better; ``at_most``: as many the other way round) and of
          *bounds* (``none_below`` and ``minimum``: these judgements at that grade or better).
          So for one rule the vector must meet the bounds and every count; the cheapest over
          the rules is the answer.
        - A judgement's target only matters through which counts it adds to, so of the ranks
          between two counted grades the worst is enough: a better target costs at least as
          much (`local` asks more, and the caps release more). Each judgement is tried at its
          grade now (or its bound) and at each counted grade above that.
        - `solve` propagates requirements from a judgement to those its caps watch (a
          judgement that must rise above a cap's trigger, or a criterion that must) and never
          back. Taking the judgements watchers first (`_counting_order`), each judgement's
          need and forced criteria are known when it is decided: its own target, tightened by
          what the judgements decided before ask of it. The state after each judgement is the
          counts met so far (each capped at what the rule needs) and what the decided
          judgements still ask of the undecided ones; the cheapest way to reach each state is
          kept, so every vector is covered without being enumerated.

        The bound, stated before it runs: the states after a judgement are at most the product
        over the rule's counts of (count + 1), times a bound on the variety of what is asked
        of the undecided judgements: the smaller of the product, over the judgements asked
        of, of (two more than the number of grades caps can ask of it) times 2 to the number
        of its criteria caps watch; and the product, over the decided judgements with caps on
        undecided ones, of (one more than the number of distinct ``to`` grades of those caps),
        since which of a judgement's caps are released depends on its need alone. The work
        is at most that bound times the judgements times the grades, each step a `local` that
        is remembered. Above `SearchBudgets.top` states the search does not run and the
        branch and bound decides (`_TOO_BIG`), with its own budget. It runs when every
        judgement is on the framework's scale, and when every judgement is graded now or is
        modelled as below (`_countable`); otherwise the branch and bound, checked by the
        engine at every leaf, decides. With every judgement graded, the overall point is the
        rule on the judgements' points as the engine computes it: each judgement's point is
        kept within its range, so by monotony the overall point is within the overall range
        and the engine's clamp leaves it as it is.

        Judgements with no grade: under ``missing = "exclude"`` a judgement whose members are
        all unknown has no point, and the engine's overall rule assumes it at the worst
        graded judgement's point, kept within its own (best, worst) range after its caps
        (`assume_unknown`); the assumed rank is within that range, so the clamp still leaves
        the overall point as it is. A plan either changes one of its members (then it is
        graded, and is decided like any other judgement, its target tried from the worst
        grade down) or leaves it ungraded. Then three things hold, and the programme models
        each exactly:

        - *The worst graded judgement.* The programme runs once for every bound *w* on it:
          every judgement that ends graded must reach *w*, and one left ungraded counts at
          the rank assumed from *w*. The assumption only improves as the worst graded
          judgement does (it is monotone in *w*), so a vector found under any bound reaches
          the target with the judgements as the plan leaves them; and the cheapest plan's
          own worst graded grade is one of the bounds tried, under which its vector is one
          the programme covers. The cheapest over the bounds is the cheapest plan.
        - *Its range.* Its best is its best before caps, raised to the ``to`` of each cap on
          it that fires on the best side (what the cap watches has its best at or above the
          trigger). So a plan can leave its best at any bound *beta* among its best before
          caps and the caps' ``to`` grades, exactly when every cap whose ``to`` is worse
          than *beta* does not fire there; each *beta* is a move (`_count_stays`), asking
          that of the undecided judgements. Its worst is read as it is now, and where caps
          hold it there (a plan might widen it) the plan is checked against smaller ones by
          the engine (`unsure`), as before.
        - *The caps that watch it.* It fires no cap on the point side; a cap watching it
          holds a grade through its best alone. So a cap that must be released asks that its
          best end within the cap's limit, and the same for what a released cap watches on
          the best side: a graded judgement's best (before caps) is then asked for as well
          as its need, and solved with it (`local` with *best*), and the caps between the
          two grades are released on the best side in turn (`_release_best`); a criterion
          graded now must end within the limit, and an unknown one fires by its best.

        Judgements left ungraded change none of their members, so the plan is the union of
        the moves taken (`_count_plan`), lowered and checked with the engine as before.
        """
        compiled = self.compiled
        judgements = len(compiled.judgements)
        current = list(self.base.judgement_point)
        if compiled.other_scale:
            return _TOO_BIG
        ungraded = [j for j, rank in enumerate(current) if rank is None]
        if ungraded and not self._countable(ungraded):
            return _TOO_BIG
        counting = self._counting()
        if counting is None:
            return _TOO_BIG
        order, releases, limits, watched = counting
        # What the overall caps ask whatever the vector, propagated: the needs and forced
        # criteria every vector starts from (`solve` adds its own to them).
        found = self.requirements([None] * judgements, target)
        if found is None:
            return None
        start_needs, start_forced = found
        criteria = compiled.criteria
        asked: set[int] = {w for w in range(judgements) if start_needs[w] is not None} | {
            criteria[i].judgement for i in start_forced
        }
        widest = 1
        decided: set[int] = set()
        for j in order:
            asked.discard(j)
            decided.add(j)
            for _, kind, what, _ in releases[j]:
                w = criteria[what].judgement if kind == 0 else what
                if w != j:
                    asked.add(w)
            # With judgements left ungraded, a judgement's best may be asked for as well (one
            # more choice among its limits, or none), and a decided judgement's caps are
            # released by two grades (its need, and the grade asked of its best).
            bests = [len(limits[w]) + 1 if ungraded else 1 for w in range(judgements)]
            by_asked = math.prod(
                (len(limits[w]) + 2) * bests[w] * 2 ** len(watched[w]) for w in asked
            )
            # What the overall caps ask (`start_needs`, `start_forced`) is the same in every
            # state, so it adds no variety.
            by_askers = 1
            for k in decided:
                onto = {
                    to
                    for to, kind, what, _ in releases[k]
                    if (criteria[what].judgement if kind == 0 else what) in asked
                }
                by_askers *= (len(onto) + 1) ** (2 if ungraded else 1)
            widest = max(widest, min(by_asked, by_askers))

        search = _CountSearch(target, order, releases, widest, start_needs, start_forced)
        if not ungraded:
            return self._count_plan(self._count_vector(search, {}), target)
        # Judgements with no grade now (see "Judgements with no grade" above): per judgement,
        # per bound on its best that a plan can leave it with (its best before caps, or the
        # ``to`` of a cap on it), the caps that must then not fire; and the worst it keeps.
        base = self.base
        stays: dict[int, tuple[list[tuple[int, list[tuple[int, int, int]]]], Rank]] = {}
        widened = False
        for u in ungraded:
            _, best, worst = self._states.triple(u, {})
            assert best is not None
            betas = sorted({best} | {to for to, _, _, _ in releases[u] if to > best})
            options = [
                (beta, [(kind, what, limit) for to, kind, what, limit in releases[u] if to > beta])
                for beta in betas
            ]
            stays[u] = (options, base.judgement_worst[u])
            widened = widened or worst != base.judgement_worst[u]
        plan = self._count_plan(self._count_vector(search, stays), target)
        if isinstance(plan, _Local) and not widened:
            self.unsure = False
        return plan

    def _countable(self, ungraded: Sequence[int]) -> bool:
        """Whether the search by counts models these judgements with no grade now exactly.

        Each must have a range (some member unknown rather than not applicable: then the
        engine assumes it in the overall rule), some judgement must be graded (the
        assumption reads the worst graded one), and no overall cap may watch one (those
        caps read it as assumed, which `requirements` does not model).
        """
        base = self.base
        if len(ungraded) == len(base.judgement_point):
            return False
        if any(base.judgement_best[u] is None or base.judgement_worst[u] is None for u in ungraded):
            return False
        watched = {cap.judgement for cap in self.compiled.overall.caps if cap.criterion < 0}
        return not watched.intersection(ungraded)

    def _count_plan(
        self,
        best: tuple[int, float, list[Rank]] | object | None,
        target: int,
        *,
        quiet: bool = False,
    ) -> _Local | object | None:
        """The plan of `_count_vector`'s cheapest vector, lowered with the engine.

        `_TOO_BIG` where the engine refuses it (the branch and bound then decides), unless
        *quiet*: then ``None``, and the refusal is not recorded as a disagreement (the
        caller only tries whether a lower bound is met).
        """
        if not isinstance(best, tuple):
            return best
        if len(best) > 3:
            # With judgements left ungraded, the programme's own moves are the plan: `solve`
            # sees a judgement target, not the caps an ungraded judgement's range releases.
            locals_: list[_Local] = best[3]
            assign: dict[int, int] = {}
            for local in locals_:
                assign.update(local.assign)
            plan: _Local | None = _Local(
                len(assign), self.cost(assign), assign, all(local.exact for local in locals_)
            )
        else:
            plan = self.solve(list(best[2]), target)
        if plan is None or plan.count != best[0]:
            # The sums disagree with `solve` (they should not): let the branch and bound decide.
            return None if quiet else _TOO_BIG
        if quiet:
            lowered = self._lowered(plan.assign, -1, target)
            if lowered is None:
                return None
            return _Local(len(lowered), self.cost(lowered), lowered, plan.exact, verified=True)
        checked = self._checked(plan, -1, target)
        if checked is None:
            # The engine disagrees with the rule on the judgements' targets (a range the point
            # is kept in): the branch and bound, checked by the engine at every leaf, decides.
            return _TOO_BIG
        return checked

    def _count_vector(
        self, search: _CountSearch, stays: Mapping[int, Any]
    ) -> tuple[Any, ...] | object | None:
        """The cheapest vector of `_search_by_counts`: (changes, effort, vector[, moves]).

        ``None`` when no vector reaches, `_TOO_BIG` above the bound on states. *stays* gives
        each judgement with no grade now its ways of staying ungraded (`_count_stays`); then
        the result also lists the moves taken.
        """
        compiled = self.compiled
        judgements = len(compiled.judgements)
        current = list(self.base.judgement_point)
        criteria = compiled.criteria
        target, widest = search.target, search.widest
        start_needs, start_forced = search.needs, search.forced
        graded_now = [rank for rank in current if rank is not None]
        # The bounds on the worst graded judgement's grade tried (`None`: no bound needed).
        bounds: list[int | None] = list(range(max(graded_now) + 1)) if stays else [None]
        # Each rule's bounds and counts, in the rules' order; the bound on states is checked
        # for every rule before any runs, as when they ran in order.
        prepared: list[tuple[int, list[int], list[tuple[int, int]]]] = []
        for index, rule in enumerate(compiled.overall.aggregation.rules):
            if rule.rank > target:
                break
            demands: dict[int, int] = {}
            for rank, needed in rule.at_least:
                demands[rank] = max(demands.get(rank, 0), needed)
            possible = True
            for rank, allowed in rule.at_most:
                if rank == 0:
                    possible = possible and judgements <= allowed
                else:
                    demands[rank - 1] = max(demands.get(rank - 1, 0), judgements - allowed)
            upper = [self.grades - 1] * judgements
            if rule.none_below >= 0:
                upper = [min(u, rule.none_below) for u in upper]
            for member, rank in rule.minimum:
                upper[member] = min(upper[member], rank)
            counted: list[tuple[int, int]] = []
            for rank, needed in sorted(demands.items()):
                if needed > judgements:
                    possible = False
                elif needed == judgements:
                    upper = [min(u, rank) for u in upper]
                elif needed > 0:
                    counted.append((rank, needed))
            if not possible:
                continue
            # The bound on the states, before running.
            if math.prod(needed + 1 for _, needed in counted) * widest > self.budgets.top:
                return _TOO_BIG
            prepared.append((index, upper, counted))
        if not prepared:
            return None
        # state: (counts, asked) -> (changes, effort, previous state, need)
        initial_asked = tuple(
            sorted(
                (
                    w,
                    start_needs[w],
                    tuple(
                        sorted(
                            (i, limit)
                            for i, limit in start_forced.items()
                            if criteria[i].judgement == w
                        )
                    ),
                    None,
                )
                for w in range(judgements)
                if start_needs[w] is not None
                or any(criteria[i].judgement == w for i in start_forced)
            )
        )
        # The cheapest over the rules and bounds, a tie going to the first in their order, as
        # when they ran in order. With `_SHORTCUTS`, the rule for the worst grade runs first
        # (it asks least, so its plan is usually the smallest) and a rule whose floor
        # (`_count_floor`) passes the best plan so far is not run: it cannot beat it.
        runs = reversed(prepared) if _SHORTCUTS else iter(prepared)
        best: tuple[Any, ...] | None = None
        best_key: tuple[Any, ...] | None = None
        for index, upper, counted in runs:
            if _SHORTCUTS and best is not None and self._count_floor(upper, counted) > best[0]:
                continue
            for place, worst_graded in enumerate(bounds):
                found = self._count_layers(
                    search,
                    stays,
                    worst_graded,
                    upper,
                    counted,
                    initial_asked,
                    None if best is None else best[0],
                )
                if found is None:
                    continue
                key = (found[0], found[1], index, place)
                if best_key is not None and key >= best_key:
                    continue
                best, best_key = found, key
        return best

    def _count_floor(self, upper: Sequence[int], counted: Sequence[tuple[int, int]]) -> int:
        """A lower bound on the changes of one rule's plan (`_search_by_counts`).

        Why: caps only hold grades down, so a judgement reaches a grade only if its grade
        before its caps does, and that takes at least the changes of its own that `local`
        finds with nothing forced (a change elsewhere can at most release its caps). Those
        are read where `local` has worked them out already, exactly (`_floor_of`); else one
        change where the grade before caps misses, none where it reaches. Each judgement
        must reach the rule's bound on it, and a count of judgements at a grade takes the
        cheapest rises to that grade beyond the bound: the plan has at least the sum of the
        first and, for the count that asks most, the rises.
        """
        judgements = range(len(self.base.judgement_point))
        floors = [self._floor_of(j, upper[j]) for j in judgements]
        floor = sum(floors)
        most = 0
        for rank, needed in counted:
            rises = sorted(
                max(0, self._floor_of(j, min(rank, upper[j])) - floors[j]) for j in judgements
            )
            most = max(most, sum(rises[:needed]))
        return floor + most

    def _floor_of(self, j: int, rank: int) -> int:
        """A lower bound on judgement *j*'s own changes for *rank* (see `_count_floor`).

        A judgement with no grade may be left so and assumed: none. `math.inf` is not
        needed: where no plan reaches, a large floor would do, but one change is enough.
        """
        now = self.base.judgement_point[j]
        if now is None or self._reaches_now(j, rank):
            return 0
        key = (j, rank, ())
        if key in self._memo and key not in self._inexact:
            found = self._memo[key]
            if found is not None:
                return found.count
        return 1

    def _count_layers(  # noqa: PLR0917, PLR0915 - one caller, _count_vector; one programme
        self,
        search: _CountSearch,
        stays: Mapping[int, Any],
        worst_graded: int | None,
        upper: Sequence[int],
        counted: Sequence[tuple[int, int]],
        initial_asked: Any,
        most: int | None,
    ) -> tuple[Any, ...] | None:
        """One rule's programme (see `_search_by_counts`): the cheapest vector, or ``None``.

        The graded judgements end at *worst_graded* or better (``None``: no bound). *most*:
        the changes of the best vector so far (a move past it is not kept).
        """
        judgements = len(self.compiled.judgements)
        current = self.base.judgement_point
        ranks_counted = [rank for rank, _ in counted]
        first: _CountKey = ((0,) * len(counted), initial_asked)
        layer: dict[_CountKey, tuple[int, float]] = {first: (0, 0.0)}
        history: list[dict[_CountKey, tuple[_CountKey, Rank, _Local]]] = []
        unchanged = _Local(0, 0.0, {}, exact=True)
        for j in search.order:
            now = current[j]
            top = upper[j]
            if now is not None:
                top = min(now, top)
            if worst_graded is not None:
                top = min(worst_graded, top)
            values = [top, *(r for r in ranks_counted if r < top)]
            following: dict[_CountKey, tuple[int, float]] = {}
            came: dict[_CountKey, tuple[_CountKey, Rank, _Local]] = {}
            # What a state's move to each value costs and leaves asked depends on what
            # is asked of the undecided judgements alone, not on the counts: worked out
            # once per distinct *pending* (`_count_moves`), in the order states are read.
            moves: dict[Any, list[tuple[int, _Local, Any] | None]] = {}
            # The counts met after a move, by the counts before and the need.
            tallies: dict[tuple[tuple[int, ...], int], tuple[int, ...]] = {}
            self.nodes += len(layer)
            for key, (spent, effort) in layer.items():
                counts, pending = key
                found_moves = moves.get(pending) if _SHORTCUTS else None
                if found_moves is None:
                    found_moves = moves[pending] = self._count_moves(
                        j, values, pending, search.releases
                    )
                    if now is None:
                        assert worst_graded is not None
                        found_moves.extend(
                            (assumed, unchanged, asked)
                            for assumed, asked in self._count_stays(
                                j, pending, stays, worst_graded, upper[j]
                            )
                        )
                for move in found_moves:
                    if move is None:
                        continue
                    need, local, asked_next = move
                    total = (spent + local.count, effort + local.cost)
                    if most is not None and total[0] > most:
                        continue
                    moved = tallies.get((counts, need))
                    if moved is None:
                        moved = tallies[counts, need] = tuple(
                            min(needed, c + (1 if need <= rank else 0))
                            for c, (rank, needed) in zip(counts, counted, strict=True)
                        )
                    state: _CountKey = (moved, asked_next)
                    kept = following.get(state)
                    if kept is None or total < kept:
                        following[state] = total
                        came[state] = (key, None if local is unchanged else need, local)
            layer = following
            history.append(came)
        goal = tuple(needed for _, needed in counted)
        ends = [(value, key) for key, value in layer.items() if key[0] == goal and not key[1]]
        if not ends:
            return None
        (count, effort), key = min(ends, key=lambda end: end[0])
        vector: list[Rank] = [None] * judgements
        taken: list[_Local] = []
        for j, steps in zip(reversed(search.order), reversed(history), strict=True):
            key, chosen, local = steps[key]
            vector[j] = chosen
            taken.append(local)
        if stays:
            return count, effort, vector, taken
        return count, effort, vector

    def _count_stays(
        self,
        j: int,
        pending: tuple[_Asked, ...],
        stays: Mapping[int, Any],
        worst_graded: int,
        upper: int,
    ) -> list[tuple[int, tuple[_Asked, ...]]]:
        """Judgement *j*'s ways of staying ungraded: (rank it is assumed at, what is then asked).

        See "Judgements with no grade" in `_search_by_counts`. None when a criterion of *j*
        must change (then *j* is graded); otherwise one per bound *beta* on its best that is
        within what is asked of it, with its assumed rank within *upper*: each cap on *j*
        with a ``to`` worse than *beta* must not fire on the best side (`_release_best`).
        """
        options, worst = stays[j]
        limit_here: Rank = None
        rest: list[_Asked] = []
        for entry in pending:
            if entry[0] != j:
                rest.append(entry)
                continue
            _, bound, pinned, best = entry
            if pinned:
                return []
            for asked in (bound, best):
                if asked is not None and (limit_here is None or asked < limit_here):
                    limit_here = asked
        found: list[tuple[int, tuple[_Asked, ...]]] = []
        for beta, needs in options:
            if limit_here is not None and beta > limit_here:
                continue
            assumed = min(max(worst_graded, beta), worst)
            if assumed > upper:
                continue
            asks: dict[int, list[Any]] = {
                w: [bound, dict(pins), best] for w, bound, pins, best in rest
            }
            unused: dict[int, int] = {}
            if all(
                self._release_best(j, kind, what, limit, asks, unused)
                for kind, what, limit in needs
            ):
                assert not unused  # (*j*'s criteria are all unknown)
                found.append((assumed, _asked(asks)))
        return found

    def _count_moves(
        self,
        j: int,
        values: Sequence[int],
        pending: tuple[_Asked, ...],
        releases: Sequence[Sequence[tuple[int, int, int, int]]],
    ) -> list[tuple[int, _Local, tuple[_Asked, ...]] | None]:
        """Judgement *j*'s moves in `_search_by_counts` from states asking *pending* of others.

        Per target in *values*, in order: the need it makes (the target tightened by what is
        asked of *j*), *j*'s solution for that need with its forced criteria (`local`), and
        what is then asked of the judgements still undecided; ``None`` where no plan meets
        the need or a cap can never be released. All of it reads *pending* and *j* alone, not
        the counts met so far, so every state with the same *pending* makes the same moves.

        Where *j*'s best is asked for a better grade than its need (a cap on a judgement left
        ungraded watches it: "Judgements with no grade" in `_search_by_counts`), the solution
        also brings its best before caps there, and its caps between the two grades are
        released on the best side (`_release_best`).
        """
        criteria = self.compiled.criteria
        options = self.options
        point = self.base.point
        bound_here: Rank = None
        best_here: Rank = None
        pins_here: tuple[tuple[int, int], ...] = ()
        rest = []
        for entry in pending:
            if entry[0] == j:
                _, bound_here, pins_here, best_here = entry
            else:
                rest.append(entry)
        moves: list[tuple[int, _Local, tuple[_Asked, ...]] | None] = []
        for value in values:
            need: int = value if bound_here is None else min(value, bound_here)
            forced = dict(pins_here)
            asks: dict[int, list[Any]] = {
                w: [bound, dict(pins), best] for w, bound, pins, best in rest
            }
            feasible = True
            for to, kind, what, limit in releases[j]:
                if to <= need:
                    if best_here is not None and to > best_here:
                        feasible = self._release_best(j, kind, what, limit, asks, forced)
                        if not feasible:
                            break
                    continue
                if kind == 0:
                    now_i = point[what]
                    if now_i is None or now_i <= limit:
                        continue
                    if not any(r <= limit for r in options[what]):
                        feasible = False
                        break
                    w = criteria[what].judgement
                    pins = forced if w == j else asks.setdefault(w, [None, {}, None])[1]
                    pins[what] = min(pins.get(what, limit), limit)
                else:
                    if limit < 0:
                        feasible = False
                        break
                    ask = asks.setdefault(what, [None, {}, None])
                    ask[0] = limit if ask[0] is None else min(ask[0], limit)
            if not feasible:
                moves.append(None)
                continue
            best = best_here if best_here is not None and best_here < need else None
            local = self.local(j, need, tuple(sorted(forced.items())), best)
            if local is None:
                moves.append(None)
                continue
            moves.append((need, local, _asked(asks)))
        return moves

    def _release_best(  # noqa: PLR0917 - private; the cap's fields and what it adds to, in order
        self,
        j: int,
        kind: int,
        what: int,
        limit: int,
        asks: dict[int, list[Any]],
        forced: dict[int, int],
    ) -> bool:
        """Ask that a cap on judgement *j* not fire on the best side; whether it can be so.

        It fires there when what it watches has its best at or above the trigger
        (`_apply_caps`): a criterion graded now must end within *limit* (forced, in *j*
        or asked of its judgement); an unknown one stays unknown unless some plan gives it a
        grade, and fires by its best alone; a judgement is asked for its best within *limit*.
        """
        if kind == 0:
            now = self.base.point[what]
            if now is None:
                high = self.base.best[what]
                return high is None or high <= limit
            if now <= limit:
                return True
            if not any(r <= limit for r in self.options[what]):
                return False
            w = self.compiled.criteria[what].judgement
            pins = forced if w == j else asks.setdefault(w, [None, {}, None])[1]
            pins[what] = min(pins.get(what, limit), limit)
            return True
        if limit < 0:
            return False
        ask = asks.setdefault(what, [None, {}, None])
        ask[2] = limit if ask[2] is None else min(ask[2], limit)
        return True

    # The overall grade by parts -----------------------------------------------------------

    def _parts(self) -> list[list[int]]:
        """Judgements linked by caps (one watching the other or one of its criteria), grouped.

        They depend on the framework alone: worked out once per compiled framework (`_PARTS`).
        """
        return _PARTS.get_or_make(self.compiled, _parts_of)

    def _contribution(self, target: int) -> Any:
        """The overall method as a sum over judgements: reaches *target* when the sum is >= 0.

        Returns a function of (judgement position, rank or ``None``) (see `_gain_cover` for
        why these sums are exact).
        """
        overall = self.compiled.overall
        aggregation = overall.aggregation
        weights = overall.weights
        method = aggregation.method
        if method == BEST_FIT:
            share = aggregation.share - _EPSILON

            def contribution(j: int, rank: Rank) -> float:
                if rank is None:
                    return 0.0
                return weights[j] * ((1.0 if rank <= target else 0.0) - share)

            return contribution
        if method == PERCENT_BANDS:
            usable = [band for band, rank in aggregation.bands if rank <= target]
            # The engine gives the scale's lowest grade to any graded judgement that meets no
            # band, so at that target the test is being graded at all, not a sum over bands.
            if aggregation.max_points <= 0 or not usable or target >= len(aggregation.points) - 1:
                return None
            points = aggregation.points
            needed = (min(usable) - _EPSILON) * aggregation.max_points / 100.0

            def banded(j: int, rank: Rank) -> float:
                return 0.0 if rank is None else weights[j] * (points[rank] - needed)

            return banded

        def secure(j: int, rank: Rank) -> float:
            return -1.0 if rank is not None and rank > target else 0.0

        return secure

    def _search_by_parts(  # noqa: PLR0915 - one dynamic programme, in order
        self, target: int
    ) -> _Local | object | None:
        """The overall grade's cheapest plan, exact, by dynamic programming over parts.

        Why this is exact and polynomial: under ``best_fit``, ``percent_bands`` and
        ``secure_fit`` whether the overall grade reaches *target* is a sum over judgements
        (`_contribution`). Caps link judgements (a cap on one watches another, or one of its
        criteria); judgements linked directly or through others form a *part* (`_parts`),
        and no change in one part moves a grade in another. So the fewest changes are a
        choice of one grade vector per part: for each part, every vector of its judgements'
        grades is solved exactly (`solve_part`; the vector of the grades now, where it asks
        nothing, is the empty plan at once, `_stays_free`), and a knapsack over the parts,
        indexed by the number of changes, finds the fewest changes whose contributions sum to
        zero or more. The work is the sum over parts of (grades + 1) ** (judgements in the part),
        times the plan's size: polynomial while caps link few judgements. A part over
        `SearchBudgets.top` vectors makes the search fall back to branch and bound
        (`_TOO_BIG`), whose budget is stated in the module docstring.
        """
        contribution = self._contribution(target)
        if contribution is None:
            return _TOO_BIG
        method = self.compiled.overall.aggregation.method
        judgements = len(self.compiled.judgements)
        # What the overall caps ask, whatever the vector: released caps, once.
        found = self.requirements([None] * judgements, target)
        if found is None:
            return None
        needs, forced = found
        current = list(self.base.judgement_point)
        parts = self._parts()
        sizes = []
        choices_per_judgement: list[tuple[Rank, ...]] = []
        # A judgement's choices read its grade now and its need alone: each pair worked out once.
        worked: dict[tuple[Rank, Rank], tuple[Rank, ...]] = {}
        for j in range(judgements):
            now = current[j]
            need = needs[j]
            chosen = worked.get((now, need))
            if chosen is not None:
                choices_per_judgement.append(chosen)
                continue
            top = self.grades - 1 if now is None else now - 1
            ranks: list[Rank] = []
            if need is None or (now is not None and now <= need):
                ranks.append(now)
            ranks.extend(r for r in range(top, -1, -1) if need is None or r <= need)
            if method != PERCENT_BANDS:
                # Only whether a judgement reaches the target counts in the sum, so of the
                # grades that do, the lowest (cheapest) is enough, and of those that do not,
                # the one it has (free); a cap that needs more of it asks through `solve_part`.
                graded = [r for r in ranks if r is not None]
                keep = {r for r in graded if r <= target}
                kept: set[Rank] = {max(keep)} if keep else set()
                if None in ranks:
                    kept.add(None)
                if method == BEST_FIT and graded:
                    kept.add(max(graded))
                ranks = [r for r in ranks if r in kept]
            worked[now, need] = chosen = tuple(ranks)
            choices_per_judgement.append(chosen)
        for part in parts:
            sizes.append(math.prod(len(choices_per_judgement[j]) for j in part))
        if sum(sizes) > self.budgets.top:
            return _TOO_BIG
        # Each part's options: (changes, effort, contribution, assign, exact).
        options: list[list[_PartOption]] = []
        engine = {j: k for k, j in enumerate(self.compiled.order)}
        for part in parts:
            pinned = {
                i: limit
                for i, limit in forced.items()
                if self.compiled.criteria[i].judgement in part
            }
            choices = tuple(choices_per_judgement[j] for j in part)
            key = (target, tuple(part), choices, tuple(sorted(pinned.items())))
            lent = self._parts_held.get(key)
            like = self._like
            if lent is None and like is not None and all(self._reusable(j) for j in part):
                # Every input of the part's options is the like planner's (`_part_options`).
                lent = like._parts_held.get(key)
                if lent is not None:
                    self._parts_held[key] = lent
            if lent is None:
                exact = self.exact
                self.exact = True
                within = sorted(part, key=engine.__getitem__)
                made = self._part_options(part, choices, pinned, within, contribution)
                lent = self._parts_held[key] = (made, self.exact)
                self.exact = exact and self.exact
            elif not lent[1]:
                self.exact = False
            if lent[0] is None:
                return None
            options.append(lent[0])
        # Knapsack over parts: best[c] = the largest contribution with c changes, for c up to
        # the size of a plan known to work (raise, part by part, the option that adds the
        # most per change, until the sum reaches zero).
        picked = [0] * len(options)
        total = sum(part_options[0][2] for part_options in options)

        def best_step(p: int) -> tuple[float, int, int] | None:
            """Part *p*'s step that adds the most per change from its option now."""
            part_options = options[p]
            now_option = part_options[picked[p]]
            found: tuple[float, int, int] | None = None
            for index in range(picked[p] + 1, len(part_options)):
                option = part_options[index]
                rate = (option[2] - now_option[2]) / max(1, option[0] - now_option[0])
                if option[2] > now_option[2] and (found is None or -rate < found[0]):
                    found = (-rate, p, index)
            return found

        # The steps by rate in a heap: after a step only that part's next step changes.
        steps = [move for p in range(len(options)) if (move := best_step(p)) is not None]
        heapq.heapify(steps)
        while total < 0.0:
            if not steps:
                return None
            _, p, index = heapq.heappop(steps)
            total += options[p][index][2] - options[p][picked[p]][2]
            picked[p] = index
            following = best_step(p)
            if following is not None:
                heapq.heappush(steps, following)
        limit = sum(part_options[picked[p]][0] for p, part_options in enumerate(options))
        # A part with one option takes it whatever the others do: its changes, effort and
        # gain start the sums, and only parts with a choice are stepped through, each over
        # the counts reachable so far (the work is the choices times the plan's size).
        fixed_changes = sum(o[0][0] for o in options if len(o) == 1)
        fixed_assign: dict[int, int] = {}
        fixed_exact = True
        for part_options in options:
            if len(part_options) == 1:
                fixed_assign.update(part_options[0][3])
                fixed_exact = fixed_exact and part_options[0][4]
        start = (
            sum(o[0][2] for o in options if len(o) == 1),
            -sum(o[0][1] for o in options if len(o) == 1),
        )
        options = [part_options for part_options in options if len(part_options) > 1]
        # best[c] is the largest (contribution, -effort) with c changes over the parts so far,
        # kept as two lists (``-inf``: no plan of c changes). Each cell takes the first of its
        # equal best values in the order (count, option) ascending; the options of a part are
        # in ascending order of changes, so for one cell that is the options in descending
        # order, each over the counts ascending, which is how the loops below run. A cell
        # keeps only the option it took (the count it came from is its own less the option's
        # changes): small integers, no object per cell.
        unreached = -math.inf
        gains = [unreached] * (limit + 1)
        costs = [0.0] * (limit + 1)
        gains[fixed_changes], costs[fixed_changes] = start
        highest = fixed_changes
        back: list[list[int]] = []
        for part_options in options:
            step_gains = [unreached] * (limit + 1)
            step_costs = [0.0] * (limit + 1)
            pointer = [-1] * (limit + 1)
            ceiling = highest
            highest = min(limit, highest + part_options[-1][0])
            for index in range(len(part_options) - 1, -1, -1):
                changes, cost, gain, _, _ = part_options[index]
                for count in range(fixed_changes, min(ceiling, limit - changes) + 1):
                    held = gains[count]
                    if held == unreached:
                        continue
                    value = held + gain
                    total = count + changes
                    there = step_gains[total]
                    if value > there or (
                        value == there and costs[count] - cost > step_costs[total]
                    ):
                        step_gains[total] = value
                        step_costs[total] = costs[count] - cost
                        pointer[total] = index
            gains, costs = step_gains, step_costs
            back.append(pointer)
        for count, held in enumerate(gains):
            if held == unreached or held < 0.0:
                continue
            assign: dict[int, int] = dict(fixed_assign)
            exact = fixed_exact
            at = count
            for part_options, pointer in zip(reversed(options), reversed(back), strict=True):
                index = pointer[at]
                assert index >= 0
                option = part_options[index]
                at -= option[0]
                assign.update(option[3])
                exact = exact and option[4]
            plan = _Local(len(assign), self.cost(assign), assign, exact)
            checked = self._checked(plan, -1, target)
            if checked is not None:
                return checked
            # The engine disagrees with the sums (a range or an unknown judgement): the
            # branch and bound, checked by the engine at every leaf, decides instead.
            return _TOO_BIG
        return None

    def _part_options(
        self,
        part: Sequence[int],
        choices: Sequence[Sequence[Rank]],
        pinned: Mapping[int, int],
        within: Sequence[int],
        contribution: Any,
    ) -> list[_PartOption] | None:
        """A part's options in `_search_by_parts`, by changes ascending; ``None`` if it has none.

        For each number of changes, the option with the largest contribution (then the least
        effort) among the part's vectors (one grade per judgement from *choices*), each
        solved by `solve_part` with the criteria *pinned* by overall caps. It reads only the
        part's judgements (their members' ranks and options, findings and given grades,
        through `local` and the caps among them, which `_parts` keeps inside the part), the
        arguments and the framework: so a planner `like` this one whose part is the same
        (`_reusable`) has the same options for the same arguments, and lends them.
        """
        current = self.base.judgement_point
        mine: dict[int, _PartOption] = {}
        alone = len(part) == 1 and not pinned and not self.compiled.judgements[part[0]].caps
        # The vector that keeps every judgement at its grade now, where it is free
        # (`_stays_free`), costs nothing: no requirement, no change.
        kept_now = tuple(current[j] for j in part)
        free = _SHORTCUTS and not pinned and self._stays_free(part)
        for vector in itertools.product(*choices):
            solved: _Local | None
            if free and vector == kept_now:
                solved = _Local(0, 0.0, {}, exact=True)
            elif alone:
                solved = self._alone(part[0], vector[0])
            else:
                required = dict(zip(part, vector, strict=True))
                solved = self.solve_part(required, pinned, within)
            if solved is None:
                continue
            gain = sum(contribution(j, rank) for j, rank in zip(part, vector, strict=True))
            key = solved.count
            if key not in mine or (gain, -solved.cost) > (mine[key][2], -mine[key][1]):
                mine[key] = (solved.count, solved.cost, gain, solved.assign, solved.exact)
        if not mine:
            return None
        return sorted(mine.values(), key=lambda option: option[0])

    def _stays_free(self, part: Sequence[int]) -> bool:
        """Whether keeping each of *part*'s judgements at its grade now costs no change.

        When it does, `solve_part` of that vector (nothing pinned) is the empty plan, exact:
        asked for its grade now, a judgement releases only its caps whose ``to`` is worse
        than that grade (`_propagate`), and each such cap here is quiet: what it watches (a
        criterion's point, or a judgement's grade now, which is the vector's) is ungraded or
        at most the cap's limit, so its release forces no criterion and leaves the watched
        judgement's requirement at its grade now; a judgement with no grade is asked nothing
        and its caps are not read; so the requirements are the vector itself, nothing is
        forced, and the propagation needs no second pass. Then each graded judgement is solved
        for its grade now with nothing forced (`local`), which is the empty plan exactly when
        it reaches that grade before caps (`_reaches_now`), checked here. A cap watching a
        judgement outside the part cannot occur (`_parts` joins them). (The engine leaves no
        such cap firing: one that fires holds the grade at its ``to`` or below; the check keeps
        the argument from resting on that.) Otherwise the vector is solved as any other.
        """
        base = self.base
        point, current = base.point, base.judgement_point
        judgements = self.compiled.judgements
        for j in part:
            now = current[j]
            if now is None:
                continue
            for cap in judgements[j].caps:
                if cap.to <= now:
                    continue
                limit = cap.trigger - 1
                watched = point[cap.criterion] if cap.criterion >= 0 else current[cap.judgement]
                if watched is not None and (limit < 0 or watched > limit):
                    return False
            if not self._reaches_now(j, now):
                return False
        return True

    def _alone(self, j: int, rank: Rank) -> _Local | None:
        """`solve_part` for a part of one judgement *j* without caps, nothing pinned.

        With no cap there is nothing to propagate and nothing forced, so `solve_part` asks
        `local` for *j*'s need alone (nothing when the need is ``None``): this is its answer
        without the propagation's copies.
        """
        if rank is None:
            return _Local(0, 0.0, {}, exact=True)
        local = self.local(j, rank, ())
        if local is None:
            return None
        return _Local(local.count, 0.0 + local.cost, dict(local.assign), local.exact)

    def solve_part(
        self,
        required: _Needs,
        pinned: Mapping[int, int],
        within: Sequence[int] | None = None,
    ) -> _Local | None:
        """`solve` for some judgements' requirements, with criteria *pinned* by overall caps.

        *within*: the part's judgements in the engine's order, when only they have
        requirements (caps link a part to nothing outside it), so the work is the part's.
        """
        found = self.requirements(required, None, within)
        if found is None:
            return None
        needs, forced = found
        for i, limit in pinned.items():
            forced[i] = min(forced.get(i, limit), limit)
        return self._locals(needs, forced, within)

    def _branch_and_bound(  # noqa: PLR0915 - one search with its bounds as closures
        self, target: int
    ) -> _Local | None:
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
        # With many judgements only the number of changes is searched exactly: a branch that
        # cannot beat the best count is cut even where it might tie it with less effort.
        ties = judgements <= _TIES_SEARCHED
        overall = self.compiled.overall.aggregation
        counted = overall.method == RULES and all(r is not None for r in current)

        def still_needed(j: int) -> int:
            """A lower bound on the changes judgements *j* onwards still need (rules only).

            Each rule for a grade at or above the target needs so many judgements at a
            grade or better (``at_least``, ``at_most`` counted the other way) and names some
            that must be (``none_below``, ``minimum``); the judgements not yet decided give
            those at the fewest changes each can alone (caps only add to them).
            """
            if not counted:
                return 0
            fewest: int | None = None
            rest = range(j, judgements)
            for rule in overall.rules:
                if rule.rank > target:
                    break
                need = 0
                possible = True
                demands: list[tuple[int, int]] = list(rule.at_least)
                for rank, allowed in rule.at_most:
                    if rank > 0:
                        demands.append((rank - 1, judgements - allowed))
                    elif judgements > allowed:
                        possible = False
                bounds: dict[int, int] = {}
                if rule.none_below >= 0:
                    bounds = dict.fromkeys(rest, rule.none_below)
                for member, rank in rule.minimum:
                    if member >= j:
                        bounds[member] = min(bounds.get(member, rank), rank)
                    elif vector[member] is not None and vector[member] > rank:  # type: ignore[operator]
                        possible = False
                for member, rank in bounds.items():
                    now = current[member]
                    if now is not None and now > rank:
                        extra = bound(member, rank)
                        if extra is None:
                            possible = False
                            break
                        need += extra
                if not possible:
                    continue
                for rank, count in demands:
                    have = sum(1 for r in vector if r is not None and r <= rank)
                    have += sum(1 for k in rest if (now := current[k]) is not None and now <= rank)
                    short = count - have
                    if short <= 0:
                        continue
                    costs = sorted(
                        c
                        for k in rest
                        if current[k] is not None
                        and current[k] > rank  # type: ignore[operator]
                        and (c := bound(k, rank)) is not None
                    )
                    if len(costs) < short:
                        possible = False
                        break
                    need = max(need, sum(costs[:short]))
                if possible and (fewest is None or need < fewest):
                    fewest = need
            return judgements * len(self.options) if fewest is None else fewest

        def visit(j: int, spent: int) -> None:
            nonlocal best
            if budget[0] <= 0:
                return
            budget[0] -= 1
            self.nodes += 1
            if best is not None and (spent > best.count or (not ties and spent >= best.count)):
                return
            if best is not None and j < judgements:
                more = still_needed(j)
                if spent + more > best.count or (not ties and spent + more >= best.count):
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
            overall.aggregation,
            ranks,
            self.base.judgement_best,
            self.base.judgement_worst,
        )
        return aggregate(overall.aggregation, assumed, overall.weights)

    def _checked(self, found: _Local, scope: int, target: int) -> _Local | None:
        """Return *found* lowered with the real engine, or ``None`` if it does not reach."""
        lowered = self._lowered(found.assign, scope, target)
        if lowered is None:
            self.disagreed = True
            return None
        return _Local(len(lowered), self.cost(lowered), lowered, found.exact, verified=True)

    def _lowered(self, assign: Mapping[int, int], scope: int, target: int) -> dict[int, int] | None:
        """`lower` of *assign* for the grade in scope when it reaches *target*, else ``None``.

        Where `reaches` would re-score against the sums, one `Session` serves both: its
        grades with *assign* made are the check (`reaches`'s very grades), and the lowering
        goes on from there, as it would from a session made afresh.
        """
        check = _ScopeCheck(self, scope, target)
        if len(assign) > _DELTA_SHARE * len(self.options):
            if not self.reaches(assign, scope, target):
                return None
            return self.lower(assign, check)
        session = self.rescorer.session(assign)
        points, overall = session.grades()
        rank = overall[0] if scope < 0 else points[scope]
        if rank is None or rank > target:
            return None
        return self.lower(assign, check, session=session)

    def exhaustive(self, scope: int, target: int, upper: Mapping[int, int] | None) -> _Local | None:
        """The cheapest plan by trying every smaller set of criteria, checked by the engine.

        Used when the structural search and the engine disagree (which only happens with
        absent evidence excluded from a judgement whose best and worst cases differ from its
        point prediction). Exact while it stays within its budget. Without an *upper* plan
        it tries every set, and returns ``None`` when none works (or, having set `exact`
        false, when its budget ran out first).
        """
        candidates = [i for i, options in enumerate(self.options) if options]

        ok = _ScopeCheck(self, scope, target)
        budget = self.budgets.local
        sizes = len(upper) if upper is not None else len(candidates) + 1
        for size in range(sizes):
            solutions = []
            for chosen in itertools.combinations(candidates, size):
                budget -= 1
                self.nodes += 1
                if budget < 0:
                    self.exact = False
                    if upper is None:
                        return None
                    return _Local(len(upper), self.cost(upper), dict(upper), exact=False)
                assign = {i: self.options[i][0] for i in chosen}
                if ok(assign):
                    solutions.append(assign)
            if solutions:
                return self._cheapest(solutions, ok, {}, exact=True)
        if upper is None:
            return None
        return _Local(len(upper), self.cost(upper), dict(upper), exact=True)

    def greedy(self, scope: int, target: int) -> dict[int, int] | None:
        """A plan found by dropping changes from "everything at its best" while it reaches.

        Where everything at its best does not reach (a criterion given a grade where it had
        none can pull a grade down), it starts from everything graded at its best instead,
        leaving the criteria without a grade as they are; ``None`` if neither reaches.
        """
        assign = self.all_best()
        if not self.reaches(assign, scope, target):
            assign = {i: r for i, r in assign.items() if self.base.point[i] is not None}
            if not self.reaches(assign, scope, target):
                return None
        criteria = self.compiled.criteria
        for i in sorted(assign, key=lambda i: (-criteria[i].criterion.effort, -i)):
            trial = dict(assign)
            del trial[i]
            if self.reaches(trial, scope, target):
                assign = trial

        return self.lower(assign, _ScopeCheck(self, scope, target))

    # Turning ranks into evidence --------------------------------------------------------------

    def value_for(self, i: int, rank: int) -> float | bool | str:
        c = self.compiled.criteria[i]
        if c.kind == MEASURED:
            return next(value for value, r in c.thresholds if r == rank)
        if c.kind == CHECK:
            return rank == c.met
        return self.compiled.judgement_scales[c.judgement][rank].id

    def entry_for(self, i: int, rank: int) -> Entry:
        """The evidence that gives criterion *i* the rank *rank*.

        Made once: entries are immutable, and the plan's check and its changes both ask.
        """
        key = (i, rank)
        found = self._entries.get(key)
        if found is None:
            found = self._entries[key] = self._entry_for(i, rank)
        return found

    def _entry_for(self, i: int, rank: int) -> Entry:
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
        grade = self.compiled.judgement_scales[c.judgement][rank]
        return Entry(
            criterion=c.criterion.id,
            value=value,
            counts=counts,
            source="lift plan",
            note=f"the value that earns {grade.label}",
        )


def _parts_of(compiled: CompiledFramework) -> list[list[int]]:
    """`_Planner._parts` of *compiled*: its judgements linked by caps, grouped (union-find)."""
    parent = list(range(len(compiled.judgements)))

    def root(j: int) -> int:
        while parent[j] != j:
            parent[j] = parent[parent[j]]
            j = parent[j]
        return j

    for judgement in compiled.judgements:
        for cap in judgement.caps:
            if cap.criterion >= 0:
                other = compiled.criteria[cap.criterion].judgement
            else:
                other = cap.judgement
            if other >= 0:
                parent[root(judgement.index)] = root(other)
    groups: dict[int, list[int]] = {}
    for j in range(len(parent)):
        groups.setdefault(root(j), []).append(j)
    return list(groups.values())


def _cheapest_table(
    compiled: CompiledFramework, rows: Sequence[Sequence[tuple[int, ...]]], target: int
) -> list[tuple[float | None, ...]]:
    """Per criterion, per rank now (0: none; 1 + rank), the effort `_Planner._cheapest_row` reads.

    *rows* are the framework's options by rank now (`_Planner._option_rows`); ``None`` where
    a row is empty. Made once per compiled framework and target (`_CHEAPEST`).
    """
    tables = _CHEAPEST.get(compiled)
    if tables is None:
        tables = _CHEAPEST.put(compiled, {})
    table = tables.get(target)
    if table is None:
        table = []
        for c, row in zip(compiled.criteria, rows, strict=True):
            bottom = len(compiled.judgement_scales[c.judgement]) - 1
            effort = c.criterion.effort
            cells: list[float | None] = []
            for k, options in enumerate(row):
                if not options:
                    cells.append(None)
                    continue
                usable = [r for r in options if r <= target]
                rank = usable[-1] if usable else options[0]
                cells.append(((bottom if k == 0 else k - 1) - rank) * effort)
            table.append(tuple(cells))
        tables[target] = table
    return table


def _differing(mine: Sequence[Any], theirs: Sequence[Any], block: int = 64) -> set[int]:
    """The positions where two lists of the same length (ranks, options, counts) differ.

    Blocks of *block* are compared whole first (each comparison one pass in C), and only a
    block that differs is read position by position: cheap where few positions differ.
    """
    found: set[int] = set()
    for start in range(0, len(mine), block):
        end = start + block
        if mine[start:end] != theirs[start:end]:
            found.update(i for i in range(start, min(end, len(mine))) if mine[i] != theirs[i])
    return found


def _asked(asks: Mapping[int, list[Any]]) -> tuple[_Asked, ...]:
    """What is asked of the undecided judgements, as a state of the search by counts holds it.

    *asks* maps a judgement to [grade it must reach, {criterion: limit}, grade its best must
    reach]; the result is sorted by judgement.
    """
    return tuple(
        sorted(
            (w, bound, tuple(sorted(pins.items())), best) for w, (bound, pins, best) in asks.items()
        )
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


_STOPPED = (
    "the search stopped at its work limit: this plan reaches the target, "
    "but a plan with fewer changes may exist"
)
_STOPPED_UNREACHABLE = (
    "the search stopped at its work limit before trying every set of changes, "
    "so a plan may exist that it did not find"
)


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
    scope = _check_scope(assessment.framework, judgement)
    return _remembered(assessment, goal, scope, tuple(fixed), budgets)


# Per assessment, {(goal, scope, fixed, budgets): decision}. An assessment
# is immutable, so its plans never go stale; a report asks for the same plan several times (the
# plan itself, the gap list built on it, the plan to the next grade), and each is searched once.
_PLANS: IdentityMemo[Assessment, dict[Any, _Decision]] = IdentityMemo()


def _remembered(  # noqa: PLR0917 - private; the key of the memo, in order
    assessment: Assessment,
    goal: Grade,
    scope: str,
    fixed: tuple[str, ...],
    budgets: SearchBudgets | None,
    planner: _Planner | None = None,
) -> LiftPlan:
    """`lift_plan`, searched once per assessment, goal, scope, fixed criteria and budgets."""
    if planner is None:
        # Made here only when the decision is not remembered: searching needs one, and so
        # does building the plan from it.
        used = DEFAULT_BUDGETS if budgets is None else budgets
        key = (goal.rank, scope, tuple(sorted(set(fixed))), used)
        decisions = _PLANS.get(assessment)
        held = decisions.get(key) if decisions is not None else None
        if held is None or held.plan is None:
            planner = _Planner(assessment, fixed, used)
    decision = _decided(assessment, goal, scope, fixed, budgets, planner)
    plan = decision.plan
    if plan is None:
        assert planner is not None
        plan = decision.plan = _built(planner, decision, scope, goal)
    return plan


def _decided(  # noqa: PLR0917 - private; the key of the memo, in order
    assessment: Assessment,
    goal: Grade,
    scope: str,
    fixed: tuple[str, ...],
    budgets: SearchBudgets | None,
    planner: _Planner | None = None,
) -> _Decision:
    """What the search decides for `lift_plan`, once per assessment, goal, scope, fixed, budgets.

    A gap list and a what-if need only the decision (which criteria change, and to what); the
    `inspectkit.LiftPlan` itself, with its changes, words and re-scored assessment, is built
    from it when a plan is asked for (`_remembered`), once.
    """
    used = DEFAULT_BUDGETS if budgets is None else budgets
    key = (goal.rank, scope, tuple(sorted(set(fixed))), used)
    decisions = _PLANS.get(assessment)
    if decisions is None:
        decisions = _PLANS.put(assessment, {})
    decision = decisions.get(key)
    if decision is None:
        if planner is None:
            planner = _Planner(assessment, fixed, used)
        decision = decisions[key] = _decide(planner, scope, goal)
    return decision


class _Decision:
    """What the search decided for one plan (`_decide`), and the plan once built (`_built`).

    Attributes:
        kind: `_MET` (the grade already reaches the goal), `_UNREACHABLE` (no allowed changes
            reach it) or `_FOUND` (*assign* reaches it).
        assign: Criterion position -> its new rank (empty unless `_FOUND`).
        minimal: Whether the plan is proven to have the fewest changes; for `_UNREACHABLE`,
            false when the search stopped at its work limit before trying every set.
        plan: The `inspectkit.LiftPlan`, once built.
    """

    __slots__ = ("assign", "kind", "minimal", "plan")

    def __init__(self, kind: str, assign: Mapping[int, int], *, minimal: bool) -> None:
        self.kind = kind
        self.assign = dict(assign)
        self.minimal = minimal
        self.plan: LiftPlan | None = None

    @property
    def reachable(self) -> bool:
        return self.kind != _UNREACHED

    def planned(self, compiled: CompiledFramework) -> dict[str, int]:
        """The plan's changes: criterion id -> its new rank."""
        criteria = compiled.criteria
        return {criteria[i].criterion.id: rank for i, rank in self.assign.items()}


_MET = "met"
_UNREACHED = "unreachable"
_FOUND = "found"


def _plan(planner: _Planner, scope: str, goal: Grade) -> LiftPlan:
    """`lift_plan` with the planner built, searched afresh (no memo)."""
    return _built(planner, _decide(planner, scope, goal), scope, goal)


def _decide(planner: _Planner, scope: str, goal: Grade) -> _Decision:
    """The search behind `lift_plan`: which criteria change, and whether that is proven least."""
    scope_index = _scope_index(planner.compiled, scope)
    now = planner.scope_rank(planner.base, scope_index)
    if now is not None and now <= goal.rank:
        return _Decision(_MET, {}, minimal=True)

    def out_of_reach() -> bool:
        # Every change at its best is the most that can be done, unless a criterion without
        # a grade may change: giving it one can pull a grade down (see the module docstring).
        best = planner.all_best()
        monotone = all(planner.base.point[i] is not None for i in best)
        return monotone and not planner.reaches(best, scope_index, goal.rank)

    # The search runs first and "out of reach" is asked only when it finds no plan that
    # reaches: a plan that reaches means the target is within reach (with no criterion
    # without a grade among those that may change, everything at its best does at least as
    # well as any plan, every grade being monotone), so the answer is the same either way,
    # and the re-scoring of everything at its best is saved where a plan is found.
    found = planner.search(scope_index, goal.rank)
    assign = found.assign if found is not None else None
    minimal = found is not None and found.exact and planner.exact
    verified = found is not None and _verify(planner, found, scope_index, goal)
    if not verified and out_of_reach():
        return _Decision(_UNREACHED, {}, minimal=True)
    unsure = planner.unsure and scope_index < 0
    if assign is not None and verified and (planner.disagreed or unsure):
        # The re-scoring refused a plan the structural model accepted on the way (see "When
        # it falls back" above), or a capped judgement without a grade makes the model
        # unsure: the plan found reaches the target, but the model may have missed a smaller
        # one. Look for one with the re-scoring alone, below the plan's size. (Only the
        # overall rule sees an ungraded judgement through its range; a judgement's own grade
        # reads it only through caps, which the requirements model, optimistically where
        # it is ungraded, so that a plan the re-scoring accepts is the smallest.)
        found = planner.exhaustive(scope_index, goal.rank, assign)
        assert found is not None  # it returns the upper bound at worst
        if found.assign != assign:
            assign = found.assign
            verified = _verify(planner, found, scope_index, goal)
            assert verified
        minimal = found.exact
    if assign is None or not verified:
        # The structural search disagreed with the re-scoring (see "When it falls back"
        # above): search again, checking every candidate with the re-scoring alone.
        upper = planner.greedy(scope_index, goal.rank)
        found = planner.exhaustive(scope_index, goal.rank, upper)
        if found is None:
            return _Decision(_UNREACHED, {}, minimal=planner.exact)
        assign = found.assign
        minimal = found.exact
        verified = _verify(planner, found, scope_index, goal)
        assert verified
    return _Decision(_FOUND, assign, minimal=minimal)


def _built(planner: _Planner, decision: _Decision, scope: str, goal: Grade) -> LiftPlan:
    """The `inspectkit.LiftPlan` of *decision*: its changes, its words, the assessment after."""
    assessment = planner.assessment
    framework = assessment.framework
    before = assessment.result(scope).grade
    fixed_ids = tuple(sorted(planner.fixed))
    if decision.kind == _MET:
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
    if decision.kind == _UNREACHED:
        reason = _unreachable_reason(planner, scope, _scope_index(planner.compiled, scope), goal)
        if not decision.minimal:
            reason += "; " + _STOPPED_UNREACHABLE
        return LiftPlan(
            target=goal,
            scope=scope,
            before=before,
            after=None,
            reachable=False,
            changes=(),
            fixed=fixed_ids,
            minimal=decision.minimal,
            reason=reason,
        )
    assign = decision.assign
    minimal = decision.minimal
    changes = _changes(planner, assign)
    result = _applied(planner, assign)
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
            f"to {grade_label(after)}: {words}" + ("" if minimal else f" ({_STOPPED})")
        ),
        result=result,
    )


def _changes(planner: _Planner, assign: Mapping[int, int]) -> tuple[Change, ...]:
    compiled = planner.compiled
    changes = []
    for i in sorted(assign):
        c = compiled.criteria[i]
        scale = compiled.judgement_scales[c.judgement]
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


def _verify(planner: _Planner, found: _Local, scope: int, goal: Grade) -> bool:
    """Whether *found* reaches *goal* in scope *scope* (-1: overall), re-scored by ranks.

    Why a re-scoring of ranks is enough, without `inspectkit.scoring.assess` of the plan's
    evidence: the plan's entries (`_Planner.entry_for`) earn exactly the ranks of *found*
    (the threshold's own value, a met or unmet check, the rating's grade id), or with counts
    one at least as good (the numerator is rounded towards the better side), and every grade
    is monotone in a graded criterion's rank; every criterion the plan changes is one the
    engine grades from its entry alone (`_Planner.options`: no wrong form, nothing not
    applicable, no judgement given directly), and nothing else in the evidence changes. So
    the engine's grades of the plan's evidence are at least the re-scored ones.
    `_Planner.reaches` re-scores against the per-judgement sums (`Rescorer`), or with the
    engine's own pass over the ranks where the plan changes a good share of the framework;
    both give the engine's grades. A plan already re-scored by the search (`_Local.verified`,
    set by `_Planner._checked`, whose last check was of this very plan) is not re-scored
    again. `tests/test_lift_verify.py` re-scores returned plans with `assess` and holds the
    grades equal.
    """
    if found.verified:
        return True
    return planner.reaches(found.assign, scope, goal.rank)


def _applied(planner: _Planner, assign: Mapping[int, int]) -> Assessment:
    """The assessment with the plan's changes applied, by the real engine (`LiftPlan.result`)."""
    assessment = planner.assessment
    entries = {
        planner.compiled.criteria[i].criterion.id: planner.entry_for(i, r)
        for i, r in assign.items()
    }
    evidence = assessment.evidence.replace(dict(entries))
    return assess(assessment.framework, evidence, missing=assessment.missing)


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
