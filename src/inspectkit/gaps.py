"""Gap lists and lift plans: what to change, and what first, to reach a grade.

The questions a centre lead asks of an `inspectkit.Assessment`:

- *Which criteria stand between us and Good?* `gaps` lists them, each with the number to
  reach (or the check to meet, the rating to earn, the evidence to collect), whether a cap holds
  a grade down because of it, and the framework's actions.
- *What is the least we must change to get there?* `lift_plan` finds the smallest set of
  criterion changes, each to the lowest grade that suffices, after which the predicted grade
  reaches the target, and re-scores to prove it.
- *What happens if sustained contact rises to 70%?* is `inspectkit.what_if`, which measures its
  gaps closed and opened with `find_gaps` (the one definition of a gap).

The search behind the lift plan (and behind each gap's required grade) works on the compiled
ranks inside `inspectkit.scoring`; its module, `inspectkit.scoring._lift`, says how it works and
why it is exact, and `inspectkit.scoring._probes` finds the gaps from it. This module resolves
the target and scope, and puts the answers in words.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from inspectkit._identity import IdentityMemo
from inspectkit._words import (
    grade_label,
    measured,
    number,
    percent,
    points,
    target_or_top,
    weaker,
)
from inspectkit.evidence import Interval
from inspectkit.grades import Grade
from inspectkit.results import Assessment, FindingGap, Gap, GapList, LiftPlan, StatusPlan
from inspectkit.rubric import OVERALL, Criterion, Direction, Framework, Measure
from inspectkit.scoring import GapSearch, gap_search, leave_status_plan, lift_plan

__all__ = [
    "find_finding_gaps",
    "find_gaps",
    "find_leave_status_plan",
    "find_lift_plan",
    "headline_grade",
    "resolve_target",
]

# --------------------------------------------------------------------------------------------
# Small helpers


def _rank_of(grade: Grade | None) -> int:
    return 1_000_000 if grade is None else grade.rank


def headline_grade(assessment: Assessment) -> Grade | None:
    """Return the grade a default target (of gaps, plans, what-ifs, comparisons) is one above.

    That is the overall grade, or with none (method "none") the weakest judgement on the
    framework's own scale, so gaps aim somewhere real rather than at the worst grade.
    """
    framework = assessment.framework
    if framework.has_overall:
        return assessment.grade
    return weaker(
        *(
            result.grade
            for judgement_id, result in assessment.judgements.items()
            if framework.on_main_scale(judgement_id)
        )
    )


def resolve_target(assessment: Assessment, target: Grade | str | int | None, scope: str) -> Grade:
    """Return the grade gaps and plans for *scope* aim at: *target*, or the next grade up.

    Args:
        assessment: The assessment measured.
        target: A `Grade`, a grade id, label, alias or position, or ``None`` for the next grade
            up from *scope*'s grade (`inspectkit._words.target_or_top`); for ``overall`` that
            is the `headline_grade`, the weakest judgement where the framework has no overall.
        scope: ``overall`` or a judgement id.

    Raises:
        UnknownIdError: *target* names no grade of the framework's scale.
        TypeError: *target* is not a `Grade`, a string, an int or ``None``.
    """
    scale = assessment.framework.scale_of(scope)  # safeguarding: its own met / not met scale
    if target is not None and (
        isinstance(target, bool) or not isinstance(target, (Grade, str, int))
    ):
        raise TypeError(
            "target must be a Grade, a grade id, label or alias, or a position on the scale, "
            f"not {type(target).__name__}"
        )
    if isinstance(target, Grade):
        return scale.find(target.id)
    if target is not None:
        return scale.find(target)
    current = headline_grade(assessment) if scope == OVERALL else assessment.result(scope).grade
    return target_or_top(scale, current)


def _check_arguments(function: str, assessment: object, fixed: object) -> None:
    """Raise a `TypeError` naming what *function* takes, before anything reaches the engine."""
    if not isinstance(assessment, Assessment):
        raise TypeError(
            f"{function}() takes an Assessment (from inspectkit.assess), "
            f"not {type(assessment).__name__}"
        )
    if isinstance(fixed, (str, bytes)) or not isinstance(fixed, Iterable):
        raise TypeError(
            f"{function}() takes fixed as a list or tuple of criterion ids, "
            f"not {type(fixed).__name__}"
        )


def _check_scope(framework: Framework, judgement: str | None) -> str:
    if judgement is None or judgement == OVERALL:
        return OVERALL
    framework.judgement(judgement)  # raises UnknownIdError for an unknown id
    return judgement


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
        TypeError: *assessment* is not an `Assessment`, *target* is not a grade or grade
            name, or *fixed* is a single string.
    """
    _check_arguments("find_lift_plan", assessment, fixed)
    scope = _check_scope(assessment.framework, judgement)
    goal = resolve_target(assessment, target, scope)
    plan = lift_plan(assessment, goal, judgement=scope, fixed=fixed)
    # The plan keeps the assessment it starts from, so it can say each step's value now.
    return attrs.evolve(plan, base=assessment)


def find_leave_status_plan(
    assessment: Assessment, status: str, *, fixed: Iterable[str] = ()
) -> StatusPlan:
    """Return the smallest set of criterion changes after which *status* is none.

    "None" is judged on the worst case: after the plan, no evidence still missing could put
    the unit in the status ("the smallest change that takes the school out of a category of
    concern"). The plan has the fewest changes of any that do it; among those, the least
    effort; each change to the lowest grade that suffices; verified by re-scoring.

    Args:
        assessment: The assessment.
        status: The id of one of the framework's derived statuses.
        fixed: Ids of criteria that must not change.

    Returns:
        The plan; ``plan.reachable`` is false (and ``plan.reason`` says why) when no allowed
        changes take the unit out of the status.

    Raises:
        UnknownIdError: *status* or a *fixed* id is unknown.
        TypeError: *assessment* is not an `Assessment`, or *fixed* is a single string.
    """
    _check_arguments("find_leave_status_plan", assessment, fixed)
    return leave_status_plan(assessment, status, fixed=fixed)


def find_gaps(
    assessment: Assessment,
    target: Grade | str | int | None = None,
    *,
    judgement: str | None = None,
    fixed: Iterable[str] = (),
) -> GapList:
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
        The gaps, ranked: a `GapList` (a tuple that knows its target and shows itself as a
        table in a notebook).

    Raises:
        UnknownIdError: *target* is not a grade, or *judgement* or a *fixed* id is unknown.
        TypeError: *assessment* is not an `Assessment`, *target* is not a grade or grade
            name, or *fixed* is a single string.
    """
    _check_arguments("find_gaps", assessment, fixed)
    scope = _check_scope(assessment.framework, judgement)
    goal = resolve_target(assessment, target, scope)
    search = gap_search(assessment, goal, judgement=scope, fixed=fixed)
    # The order needs only what the search works out at once; each gap's row and words are
    # made when the gap is first read (`_GapWords`).
    table = _table(assessment.framework)
    entries = assessment.evidence.entries
    rows = table.rows
    caps, in_plan, steps, positions = search.caps, search.in_plan, search.steps, search.positions
    distances: dict[int, float] = {}
    keys = [(not caps[k], not in_plan[k], steps[k], 0.0, k) for k in range(len(positions))]
    # Numbers with a value are ranked by how far they must move too.
    for k, criterion in enumerate(search.criteria):
        words = rows[positions[k]]
        if words.number:
            entry = entries.get(criterion.id)
            if entry is not None:
                to = search.target_value(k)
                assert isinstance(to, float)
                value = entry.value
                now = value.middle if isinstance(value, Interval) else value
                assert isinstance(now, (int, float))
                now = float(now)
                distance = distances[k] = to - now if words.higher else now - to
                keys[k] = (not caps[k], not in_plan[k], steps[k], abs(distance) / words.span, k)
    keys.sort()
    order = [key[-1] for key in keys]
    worded = _GapWords(assessment, search, table, distances)
    gaps = worded.gaps = Gap._later(worded.fields, order, search.ids)
    worded.order = order
    return GapList(gaps, target=goal)


def find_finding_gaps(
    assessment: Assessment,
    target: Grade | str | int | None = None,
    *,
    judgement: str | None = None,
) -> tuple[FindingGap, ...]:
    """Return the weaknesses that stand between each judgement and *target*, blocking first.

    A weakness is a gap when it is filed under a judgement graded below the target (every
    judgement, or only *judgement*). It is *blocking* when a findings limit that fires, counts
    it (its weight is at least the limit's) and allows no better than a grade below the target
    holds that judgement down: then no change to the criteria can lift it. A weakness filed
    under two judgements below the target is listed once for each.

    Args:
        assessment: The assessment.
        target: The grade to reach; by default one better than the overall (or *judgement*'s)
            grade.
        judgement: Only this judgement's weaknesses.

    Raises:
        UnknownIdError: *target* is not a grade, or *judgement* is unknown.
    """
    _check_arguments("find_finding_gaps", assessment, ())
    scope = _check_scope(assessment.framework, judgement)
    goal = resolve_target(assessment, target, scope)
    found: list[tuple[tuple[bool, int, int, int], FindingGap]] = []
    for index, result in enumerate(assessment.judgements.values()):
        if judgement is not None and result.id != judgement:
            continue
        if result.grade is not None and result.grade.rank <= goal.rank:
            continue
        outcome = result.findings_result
        for position, finding in enumerate(result.weaknesses):
            blocking = bool(
                outcome is not None
                and any(
                    _rank_of(assessment.framework.grade(limit.to)) > goal.rank
                    and finding.weight >= limit.weakness
                    and sum(1 for w in result.weaknesses if w.weight >= limit.weakness)
                    >= limit.count
                    for limit in outcome.rule.limits
                )
            )
            gap = FindingGap(finding, result.id, blocking, f"address: {finding.text}")
            found.append(((not blocking, -finding.weight.rank, index, position), gap))
    return tuple(gap for _, gap in sorted(found, key=lambda pair: pair[0]))


_NUMBERS = (Measure.PROPORTION, Measure.QUANTITY)
"""The measures whose gaps have a distance."""


class _Words:
    """What the words of one criterion's gaps need that depends on the framework alone.

    Attributes:
        criterion: The criterion.
        measure: Its measure.
        number: Whether its gaps have a distance (a proportion or a quantity).
        higher: Whether a higher value is better.
        bound: ``at least`` or ``at most``.
        sign: ``+`` or ``-``: which way the value must move.
        unit: The unit after a number, with its space (``" points"``), or nothing.
        span: The spread of its thresholds, on which its distances compare (`_span`).
        guidance: The framework's evidence guidance in brackets, with its space, or nothing.
        check: For a check, the need of one not met (naming the grade it is needed for where
            the criterion names one).
    """

    __slots__ = (
        "bound",
        "check",
        "criterion",
        "guidance",
        "higher",
        "measure",
        "number",
        "sign",
        "span",
        "unit",
    )

    def __init__(self, framework: Framework, criterion: Criterion) -> None:
        self.criterion = criterion
        self.measure = criterion.measure
        self.number = criterion.measure in _NUMBERS
        self.higher = higher = criterion.direction is Direction.HIGHER
        self.bound = "at least" if higher else "at most"
        self.sign = "+" if higher else "-"
        self.unit = f" {criterion.unit}" if criterion.unit else ""
        self.span = _span(criterion)
        self.guidance = f" ({criterion.evidence})" if criterion.evidence else ""
        # A check is met or not: the grade a met check counts as is the engine's business, and
        # "counts as Outstanding" read as if meeting one check made the unit outstanding.
        check = "not met -> meet the check"
        if criterion.level is not None:
            needed = framework.scale_of(criterion.id).find(criterion.level).label
            check = f"not met -> meet the check (needed for {needed})"
        self.check = check


class _Table:
    """Per criterion position (framework order), its `_Words`; per gap target, its words."""

    __slots__ = ("framework", "rows", "targets")

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.rows = [_Words(framework, criterion) for criterion in framework.criteria()]
        # (position, required rank) -> the target in words and the need while absent.
        self.targets: dict[tuple[int, int], tuple[str, str]] = {}

    def target(self, i: int, required: Grade, value: float | bool | str) -> tuple[str, str]:
        """The target *value* of criterion *i* in words, and the need while it has no evidence.

        Both depend on the framework alone (the value is the threshold that earns *required*),
        so they are worded once per criterion and grade.
        """
        key = (i, required.rank)
        found = self.targets.get(key)
        if found is None:
            words = self.rows[i]
            text = ""
            if words.number:
                assert isinstance(value, float)
                text = percent(value) if words.measure is Measure.PROPORTION else number(value)
                what = f"showing {words.bound} {measured(words.criterion, value)}"
            elif words.measure is Measure.CHECK:
                what = "showing the check is met"
            else:
                what = f"for an assessor's rating of {required.label}"
            found = self.targets[key] = (
                text,
                f"no evidence -> collect evidence {what}{words.guidance}",
            )
        return found


# Each framework's `_Table`: a framework is immutable, and every gap list of it words its
# criteria the same way.
_TABLES: IdentityMemo[Framework, _Table] = IdentityMemo()


def _table(framework: Framework) -> _Table:
    """The `_Table` of *framework*, made on first use."""
    table = _TABLES.get(framework)
    if table is None:
        table = _TABLES.put(framework, _Table(framework))
    return table


def _span(criterion: Criterion) -> float:
    """The spread of a criterion's thresholds: the scale on which its distances compare."""
    if criterion.measure is Measure.PROPORTION:
        return 1.0
    values = [float(threshold.value) for threshold in criterion.thresholds]
    spread = max(values) - min(values) if len(values) > 1 else abs(values[0]) if values else 1.0
    return spread or 1.0


_FIELD_NAMES = tuple(field.name for field in attrs.fields(Gap))
"""A gap's fields in the order `Gap` takes them, the order `_GapWords.values` gives them in."""

_BLOCK = 32
"""How many gaps of a list, in its order, the first read of one of them fills."""

_PENDING = object.__getattribute__
"""Reads a gap's ``_pending`` slot without going through its ``__getattr__``."""


class _GapWords:
    """The fields of a search's gaps, in words, for `Gap` to fill itself with when first read.

    Why it is built this way: at 1k criteria a gap list read in full words a few hundred gaps,
    each with a small fraction of what the assessment cost per criterion to spend. So what
    depends on the framework alone is worded once (`_Table`), a number's distance is the one
    its rank was worked out with, the search gives the rest of a row in one call
    (`GapSearch.row`), and the first read of a gap fills the gaps around it in the list too
    (`_BLOCK` of them, in the list's order, through `Gap`'s own ``__init__``): a report reads
    every gap, top first, and a gap filled that way is read without a first-read detour.
    A gap filled so is the gap made at once with the same fields; only when it is filled
    moves.

    Attributes:
        gaps: The list's gaps, in its order.
        order: The search's index of each of them.
    """

    __slots__ = ("assessment", "distances", "gaps", "order", "places", "search", "table")

    def __init__(
        self,
        assessment: Assessment,
        search: GapSearch,
        table: _Table,
        distances: dict[int, float],
    ) -> None:
        self.assessment = assessment
        self.search = search
        self.table = table
        self.distances = distances
        self.gaps: list[Gap] = []
        self.order: list[int] = []
        self.places: dict[int, int] | None = None

    def fields(self, k: int) -> dict[str, Any]:
        """Return the fields of the search's *k*-th gap, filling its neighbours in the list."""
        places = self.places
        if places is None:
            places = self.places = {index: place for place, index in enumerate(self.order)}
        place = places[k]
        start = place - place % _BLOCK
        gaps, order = self.gaps, self.order
        others = [
            other
            for other in range(start, min(start + _BLOCK, len(gaps)))
            if other != place and _PENDING(gaps[other], "_pending") is not None
        ]
        found = self.values([k, *(order[other] for other in others)])
        fill = Gap.__init__
        put = object.__setattr__
        for other, values in zip(others, found[1:], strict=True):
            gap = gaps[other]
            fill(gap, *values)
            put(gap, "_pending", None)
        return dict(zip(_FIELD_NAMES, found[0], strict=True))

    def values(self, ks: list[int]) -> list[tuple[Any, ...]]:
        """Return the fields of the search's gaps *ks*, each in `_FIELD_NAMES` order."""
        search = self.search
        table = self.table
        rows, targets, distances = table.rows, table.targets, self.distances
        positions, required_of, judgements = search.positions, search.required, search.judgements
        caps_of, in_plan, steps = search.caps, search.in_plan, search.steps
        entries = self.assessment.evidence.entries
        proportion, check = Measure.PROPORTION, Measure.CHECK
        found = []
        for k, (now, target, numerator, lifts_judgement, lifts_overall) in zip(
            ks, search.rows(ks), strict=True
        ):
            i = positions[k]
            words = rows[i]
            criterion = words.criterion
            required = required_of[k]
            entry = entries.get(criterion.id)
            distance: float | None = None
            more = of = None
            worded = targets.get((i, required.rank))
            if worded is None:
                worded = table.target(i, required, target)
            if entry is None:
                need = worded[1]
            elif words.number:
                assert isinstance(target, float)
                value = entry.value
                current = value.middle if isinstance(value, Interval) else value
                assert isinstance(current, (int, float))
                current = float(current)
                distance = distances.get(k)
                if distance is None:
                    distance = target - current if words.higher else current - target
                unit = words.unit
                if words.measure is proportion:
                    need = (
                        f"{percent(current)} -> {words.bound} {worded[0]}: "
                        f"{words.sign}{points(abs(target - current))}"
                    )
                else:
                    need = (
                        f"{number(current)}{unit} -> {words.bound} {worded[0]}{unit}: "
                        f"{words.sign}{number(abs(target - current))}{unit}"
                    )
                counts = entry.counts
                if counts is not None and numerator is not None:
                    of = counts.denominator
                    higher = words.higher
                    more = numerator - counts.numerator if higher else counts.numerator - numerator
                    need += f", about {more} {'more' if higher else 'fewer'}{unit} of {of}"
            elif words.measure is check:
                need = words.check
            else:
                need = f"rated {grade_label(now)} -> an assessor's rating of {required.label}"
            caps = caps_of[k]
            found.append(
                (
                    criterion.id,
                    criterion.title,
                    judgements[k],
                    now,
                    None if entry is None else entry.value,
                    required,
                    need,
                    target,
                    distance,
                    more,
                    of,
                    entry is None,
                    bool(caps),
                    caps,
                    in_plan[k],
                    lifts_judgement,
                    lifts_overall,
                    steps[k],
                    criterion.actions,
                    criterion.evidence,
                )
            )
        return found
