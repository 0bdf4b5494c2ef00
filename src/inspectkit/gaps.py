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

import threading
from collections import deque
from collections.abc import Iterable
from itertools import repeat
from typing import TYPE_CHECKING, Any

import attrs

from inspectkit._identity import IdentityMemo
from inspectkit._words import (
    grade_label,
    measured,
    number,
    percent,
    target_or_top,
    weaker,
)
from inspectkit.evidence import Counts, Entry, Interval
from inspectkit.grades import Grade
from inspectkit.results import Assessment, Gap, GapList, LiftPlan, _Later
from inspectkit.rubric import OVERALL, Criterion, Direction, Framework, Measure
from inspectkit.scoring import GapSearch, gap_search, lift_plan

if TYPE_CHECKING:  # defined on first use: a plain assessment never needs them
    from inspectkit.results import FindingGap, StatusPlan

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
    from inspectkit.scoring import leave_status_plan  # its module is loaded on first use

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
    if not len(search):
        return GapList((), target=goal)
    # The order needs only what the search works out at once (and a number's distance); each
    # gap's words are made when a gap of its block is first read (`_GapFill`).
    table = _table(assessment.framework)
    ids, positions, values = search.ids, search.positions, search.values
    caps, in_plan, steps = search.caps, search.in_plan, search.steps
    found = list(map(assessment.evidence.entries.get, ids))
    count = len(ids)
    # A number's value now and how far it must move (the words use both again), and how far
    # that is on the criterion's own spread, by which numbers are ranked too.
    currents: list[float] = [0.0] * count
    distances: list[float | None] = [None] * count
    fars = [0.0] * count
    number, higher, span = table.number, table.higher, table.span
    for k, i, entry in zip(range(count), positions, found, strict=True):
        if entry is not None and number[i]:
            to: Any = values[k]
            value: Any = entry.value
            now = currents[k] = float(value.middle if isinstance(value, Interval) else value)
            distance = distances[k] = to - now if higher[i] else now - to
            fars[k] = abs(distance) / span[i]
    # Ranked by (blocking, in the plan, steps, how far, framework order) as stable sorts from
    # the last key to the first: one comparison of plain numbers per step, not of tuples.
    order = sorted(range(count), key=fars.__getitem__)
    order.sort(key=steps.__getitem__)
    flags = [2 * (not cap) + (not plan) for cap, plan in zip(caps, in_plan, strict=True)]
    order.sort(key=flags.__getitem__)
    filler = _GapFill(search, table, found, (currents, distances), order)
    gaps = filler.gaps = Gap._later(filler.fields, order, ids)
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
            from inspectkit.results import FindingGap  # defined only for a unit with weaknesses

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

_ABSENT, _CHECK, _RATING, _PROPORTION, _QUANTITY = range(5)
"""How a gap's need is worded (`_Table.kind`): its evidence absent, or by its measure."""


class _Table:
    """What the words of a framework's gaps need that depends on the framework alone.

    Per criterion position (framework order) a list each, read by position in the gap list's
    one pass; the words that depend on the grade to reach as well are made on first use, once
    per criterion and grade (`template`).

    Attributes:
        titles: Each criterion's title.
        actions: Each criterion's actions.
        evidence: Each criterion's evidence guidance.
        kind: How a gap with evidence is worded (``_CHECK``, ``_RATING``, ``_PROPORTION``,
            ``_QUANTITY``).
        number: Whether its gaps have a distance (a proportion or a quantity).
        higher: Whether a higher value is better.
        span: The spread of its thresholds, on which its distances compare (`_span`).
        units: The unit after a number, with its space (``" points"``), or nothing.
        checks: For a check, the need of one not met (naming the grade it is needed for where
            the criterion names one).
        templates: Per position, required rank -> (the need while absent, the need's text
            between the value now and the distance for a number).
        rated: (rank now or ``None``, required rank) -> the need of a rating.
    """

    __slots__ = (
        "actions",
        "bounds",
        "checks",
        "criteria",
        "evidence",
        "guidance",
        "higher",
        "kind",
        "number",
        "rated",
        "scale",
        "span",
        "templates",
        "titles",
        "units",
    )

    def __init__(self, framework: Framework) -> None:
        criteria = self.criteria = tuple(framework.criteria())
        self.scale = framework.scale
        self.titles = [criterion.title for criterion in criteria]
        self.actions = [criterion.actions for criterion in criteria]
        self.evidence = [criterion.evidence for criterion in criteria]
        kinds = {
            Measure.CHECK: _CHECK,
            Measure.PROPORTION: _PROPORTION,
            Measure.QUANTITY: _QUANTITY,
        }
        self.kind = [kinds.get(criterion.measure, _RATING) for criterion in criteria]
        self.number = [criterion.measure in _NUMBERS for criterion in criteria]
        self.higher = [criterion.direction is Direction.HIGHER for criterion in criteria]
        self.bounds = ["at least" if higher else "at most" for higher in self.higher]
        self.span = [_span(criterion) for criterion in criteria]
        self.units = [f" {criterion.unit}" if criterion.unit else "" for criterion in criteria]
        self.guidance = [f" ({c.evidence})" if c.evidence else "" for c in criteria]
        # A check is met or not: the grade a met check counts as is the engine's business, and
        # "counts as Outstanding" read as if meeting one check made the unit outstanding.
        self.checks = []
        for criterion in criteria:
            check = "not met -> meet the check"
            if criterion.level is not None:
                needed = framework.scale_of(criterion.id).find(criterion.level).label
                check = f"not met -> meet the check (needed for {needed})"
            self.checks.append(check)
        self.templates: list[dict[int, tuple[str, str]]] = [{} for _ in criteria]
        self.rated: dict[tuple[int | None, int], str] = {}

    def template(self, i: int, required: Grade, value: float | bool | str) -> tuple[str, str]:
        """Criterion *i*'s words for a gap to *required*, whose threshold is *value*.

        The need while it has no evidence, and for a number the text between its value now and
        the distance (``" -> at least 65%: +"``). Both depend on the framework alone (the value
        is the threshold that earns *required*), so they are worded once per criterion and
        grade.
        """
        criterion = self.criteria[i]
        middle = ""
        if self.number[i]:
            assert isinstance(value, float)
            bound = self.bounds[i]
            sign = "+" if self.higher[i] else "-"
            if criterion.measure is Measure.PROPORTION:
                middle = f" -> {bound} {percent(value)}: {sign}"
            else:
                unit = self.units[i]
                middle = f"{unit} -> {bound} {number(value)}{unit}: {sign}"
            what = f"showing {bound} {measured(criterion, value)}"
        elif criterion.measure is Measure.CHECK:
            what = "showing the check is met"
        else:
            what = f"for an assessor's rating of {required.label}"
        found = self.templates[i][required.rank] = (
            f"no evidence -> collect evidence {what}{self.guidance[i]}",
            middle,
        )
        return found

    def rating(self, now: Grade | None, required: Grade) -> str:
        """The need of a rating graded *now* that must reach *required*, worded once."""
        found = self.rated[(None if now is None else now.rank, required.rank)] = (
            f"rated {grade_label(now)} -> an assessor's rating of {required.label}"
        )
        return found


# Each framework's `_Table`: a framework is immutable, and every gap list of it words its
# criteria the same way.
_TABLES: IdentityMemo[Framework, _Table] = IdentityMemo()


def _table(framework: Framework) -> _Table:
    """The `_Table` of *framework*, made on first use."""
    return _TABLES.get_or_make(framework, _Table)


def _span(criterion: Criterion) -> float:
    """The spread of a criterion's thresholds: the scale on which its distances compare."""
    if criterion.measure is Measure.PROPORTION:
        return 1.0
    values = [float(threshold.value) for threshold in criterion.thresholds]
    spread = max(values) - min(values) if len(values) > 1 else abs(values[0]) if values else 1.0
    return spread or 1.0


_FIELD_NAMES = tuple(field.name for field in attrs.fields(Gap))
"""A gap's fields in the order `Gap` takes them."""

_SET = {name: getattr(Gap, name).__set__ for name in _FIELD_NAMES}
"""Per field, its slot's setter (a member descriptor's): fills a column of gaps in a C loop."""

_DONE = _Later.__dict__["_pending"].__set__
"""Sets a gap's ``_pending`` slot (to ``None`` once it is filled)."""

_BLOCK = 64
"""How many gaps of a list, in its order, the first read of one of them fills."""


def _put(name: str, gaps: list[Gap], column: Iterable[Any]) -> None:
    """Give each of *gaps* its value of field *name* from *column*, in one C loop."""
    deque(map(_SET[name], gaps, column), 0)


class _GapFill:
    """The fields of a search's gaps, for `Gap` to fill itself with when first read.

    Why it is built this way: at 1k criteria a gap list read in full fills a few hundred
    gaps of twenty fields each, against an assessment of a few tenths of a millisecond, so a
    gap's own share must be a few Python operations. So what depends on the framework alone
    is worded once (`_Table`, its need's fixed text once per criterion and grade), a number's
    distance is the one its rank was worked out with, and the first read of a gap fills every
    gap of its block (`_BLOCK` of them, in the list's order) a field at a time: each field's
    values are set on the block's gaps by their slots' setters in one C loop (`_put`), and
    only the need is worded gap by gap. A gap filled so is the gap made at once with the same
    fields; only when it is filled moves.

    Attributes:
        gaps: The list's gaps, in its order.
    """

    __slots__ = (
        "currents",
        "distances",
        "done",
        "entries",
        "gaps",
        "lock",
        "order",
        "places",
        "search",
        "table",
    )

    def __init__(
        self,
        search: GapSearch,
        table: _Table,
        entries: list[Entry | None],
        numbers: tuple[list[float], list[float | None]],
        order: list[int],
    ) -> None:
        self.search = search
        self.table = table
        self.entries = entries
        self.currents, self.distances = numbers
        self.order = order
        self.gaps: list[Gap] = []
        self.places: dict[int, int] | None = None
        self.done: set[int] = set()
        self.lock = threading.Lock()

    def fields(self, k: int) -> dict[str, Any]:
        """Return the fields of the search's *k*-th gap, filling its block of the list first."""
        places = self.places
        if places is None:
            places = self.places = dict(zip(self.order, range(len(self.order)), strict=True))
        place = places[k]
        start = place - place % _BLOCK
        with self.lock:
            if start not in self.done:
                self.fill(start, min(start + _BLOCK, len(self.order)))
                self.done.add(start)
        gap = self.gaps[place]
        return {name: object.__getattribute__(gap, name) for name in _FIELD_NAMES}

    def fill(self, start: int, stop: int) -> None:
        """Fill the gaps at places *start* to *stop* of the list, a field at a time."""
        search, table = self.search, self.table
        gaps = self.gaps[start:stop]
        ks = self.order[start:stop]
        positions = list(map(search.positions.__getitem__, ks))
        entries = list(map(self.entries.__getitem__, ks))
        nows = list(map(search.now.__getitem__, ks))
        required = list(map(search.required.__getitem__, ks))
        values = list(map(search.values.__getitem__, ks))
        caps = list(map(search.caps.__getitem__, ks))
        # Only proportions given as counts have these; `needs` sets theirs.
        _put("more", gaps, repeat(None))
        _put("of", gaps, repeat(None))
        needs = self.needs(ks, positions, entries, nows, required)
        lifted = search.lifts_of(ks)
        _put("title", gaps, map(table.titles.__getitem__, positions))
        _put("judgement", gaps, map(search.judgements.__getitem__, ks))
        _put("grade", gaps, nows)
        _put("value", gaps, [None if entry is None else entry.value for entry in entries])
        _put("required", gaps, required)
        _put("need", gaps, needs)
        _put("target_value", gaps, values)
        _put("distance", gaps, map(self.distances.__getitem__, ks))
        _put("absent", gaps, [entry is None for entry in entries])
        _put("blocking", gaps, map(bool, caps))
        _put("caps", gaps, caps)
        _put("in_plan", gaps, map(search.in_plan.__getitem__, ks))
        _put("lifts_judgement", gaps, [pair[0] for pair in lifted])
        _put("lifts_overall", gaps, [pair[1] for pair in lifted])
        _put("steps", gaps, map(search.steps.__getitem__, ks))
        _put("actions", gaps, map(table.actions.__getitem__, positions))
        _put("evidence", gaps, map(table.evidence.__getitem__, positions))
        deque(map(_DONE, gaps, repeat(None)), 0)

    def needs(
        self,
        ks: list[int],
        positions: list[int],
        entries: list[Entry | None],
        nows: list[Grade | None],
        required: list[Grade],
    ) -> list[str]:
        """The needs of the search's gaps *ks* in words; sets ``more`` and ``of`` of each."""
        search, table = self.search, self.table
        kinds, templates, rated = table.kind, table.templates, table.rated
        checks, units = table.checks, table.units
        ranks, values, currents = search.ranks, search.values, self.currents
        found = []
        for k, i, entry, now, grade in zip(ks, positions, entries, nows, required, strict=True):
            kind = kinds[i]
            if entry is not None:
                if kind is _CHECK:
                    found.append(checks[i])
                    continue
                if kind is _RATING:
                    need = rated.get((None if now is None else now.rank, ranks[k]))
                    found.append(table.rating(now, grade) if need is None else need)
                    continue
            target: Any = values[k]
            words = templates[i].get(ranks[k])
            if words is None:
                words = table.template(i, grade, target)
            if entry is None:
                found.append(words[0])
                continue
            current = currents[k]
            if kind is _PROPORTION:
                # `percent` and `points`, inline: the same operations, the same text.
                text = f"{current * 100:.1f}"
                if text.endswith(".0"):
                    text = text[:-2]
                moved = f"{abs(target - current) * 100:.1f}"
                if moved.endswith(".0"):
                    moved = moved[:-2]
                if moved == "-0":
                    moved = "0"
                need = (
                    f"{'0' if text == '-0' else text}%{words[1]}{moved} point"
                    f"{'' if moved == '1' else 's'}"
                )
            else:
                need = f"{current:.6g}{words[1]}{abs(target - current):.6g}{units[i]}"
            if entry.counts is not None:
                need += self.counted(k, i, entry.counts)
            found.append(need)
        return found

    def counted(self, k: int, i: int, counts: Counts) -> str:
        """For a gap in counts, the need's ending; sets the gap's ``more`` and ``of``."""
        numerator = self.search.numerator(k)
        if numerator is None:
            return ""
        up = self.table.higher[i]
        more = numerator - counts.numerator if up else counts.numerator - numerator
        assert self.places is not None
        gap = self.gaps[self.places[k]]
        _SET["more"](gap, more)
        of = counts.denominator
        _SET["of"](gap, of)
        return f", about {more} {'more' if up else 'fewer'}{self.table.units[i]} of {of}"
