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

from inspectkit._words import (
    grade_label,
    measured,
    number,
    percent,
    points,
    target_or_top,
    weaker,
)
from inspectkit.evidence import Entry, Interval
from inspectkit.grades import Grade
from inspectkit.results import Assessment, FindingGap, Gap, GapList, LiftPlan, StatusPlan
from inspectkit.rubric import OVERALL, Criterion, Direction, Framework, Measure
from inspectkit.scoring import GapProbe, GapSearch, gap_search, leave_status_plan, lift_plan

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
    # The order needs only what the search works out at once; each gap's probe and words
    # are made when the gap is first read (`_GapWords`).
    entries = assessment.evidence.entries
    caps, in_plan, steps = search.caps, search.in_plan, search.steps
    keys: list[tuple[Any, ...]] = []
    for k, criterion in enumerate(search.criteria):
        spread = 0.0
        entry = entries.get(criterion.id)
        if entry is not None and criterion.measure in _NUMBERS:
            distance = _distance(criterion, search.target_value(k), entry)
            assert distance is not None
            spread = abs(distance) / _span(criterion)
        keys.append((not caps[k], not in_plan[k], steps[k], spread, k))
    keys.sort()
    words = _GapWords(assessment, search)
    return GapList(Gap._later(words.fields, [key[-1] for key in keys], search.ids), target=goal)


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


def _span(criterion: Criterion) -> float:
    """The spread of a criterion's thresholds: the scale on which its distances compare."""
    if criterion.measure is Measure.PROPORTION:
        return 1.0
    values = [float(threshold.value) for threshold in criterion.thresholds]
    spread = max(values) - min(values) if len(values) > 1 else abs(values[0]) if values else 1.0
    return spread or 1.0


_NUMBERS = (Measure.PROPORTION, Measure.QUANTITY)
"""The measures whose gaps have a distance."""


def _distance(
    criterion: Criterion, target: float | bool | str, entry: Entry | None
) -> float | None:
    """How far a number must move to reach *target*, positive for "this much better"."""
    if entry is None or criterion.measure not in _NUMBERS:
        return None
    assert isinstance(target, float)
    value = entry.value
    current = value.middle if isinstance(value, Interval) else value
    assert isinstance(current, (int, float))
    current = float(current)
    return target - current if criterion.direction is Direction.HIGHER else current - target


class _GapWords:
    """The fields of a search's gaps, in words, for `Gap` to fill itself with when first read."""

    __slots__ = ("assessment", "search")

    def __init__(self, assessment: Assessment, search: GapSearch) -> None:
        self.assessment = assessment
        self.search = search

    def fields(self, k: int) -> dict[str, Any]:
        """Return the fields of the search's *k*-th gap."""
        return gap_fields(self.assessment, self.search.probe(k))


def gap_fields(assessment: Assessment, probe: GapProbe) -> dict[str, Any]:
    """Return the fields of the `Gap` that *probe* becomes: ``Gap(**gap_fields(...))``."""
    criterion = probe.criterion
    entry = assessment.evidence.entries.get(criterion.id)
    need, distance, more, of = _describe_need(probe, entry)
    if criterion.level is not None and need.startswith("not met -> meet the check"):
        needed = assessment.framework.scale_of(criterion.id).find(criterion.level).label
        need = f"not met -> meet the check (needed for {needed})"
    return {
        "criterion": criterion.id,
        "title": criterion.title,
        "judgement": probe.judgement,
        "grade": probe.now,
        "value": None if entry is None else entry.value,
        "required": probe.required,
        "need": need,
        "target_value": probe.target_value,
        "distance": distance,
        "more": more,
        "of": of,
        "absent": entry is None,
        "blocking": bool(probe.caps),
        "caps": probe.caps,
        "in_plan": probe.in_plan,
        "lifts_judgement": probe.lifts_judgement,
        "lifts_overall": probe.lifts_overall,
        "steps": probe.steps,
        "actions": criterion.actions,
        "evidence": criterion.evidence,
    }


def _describe_need(
    probe: GapProbe, entry: Entry | None
) -> tuple[str, float | None, int | None, int | None]:
    """The need in words, the distance, and (for counts) how many more of how many."""
    criterion = probe.criterion
    target = probe.target_value
    grade = probe.required
    is_number = criterion.measure in (Measure.PROPORTION, Measure.QUANTITY)
    higher = criterion.direction is Direction.HIGHER
    bound = "at least" if higher else "at most"
    if entry is None:
        if is_number:
            assert isinstance(target, float)
            what = f"showing {bound} {measured(probe.criterion, target)}"
        elif criterion.measure is Measure.CHECK:
            what = "showing the check is met"
        else:
            what = f"for an assessor's rating of {grade.label}"
        guidance = f" ({criterion.evidence})" if criterion.evidence else ""
        return f"no evidence -> collect evidence {what}{guidance}", None, None, None
    value = entry.value
    if is_number:
        assert isinstance(target, float)
        current = value.middle if isinstance(value, Interval) else value
        assert isinstance(current, (int, float))
        current = float(current)
        distance = _distance(criterion, target, entry)
        assert distance is not None
        sign = "+" if higher else "-"
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
        if entry.counts is not None and probe.numerator is not None:
            of = entry.counts.denominator
            needed = probe.numerator
            more = needed - entry.counts.numerator if higher else entry.counts.numerator - needed
            noun = f" {criterion.unit}" if criterion.unit else ""
            word = "more" if higher else "fewer"
            text += f", about {more} {word}{noun} of {of}"
        return text, distance, more, of
    if criterion.measure is Measure.CHECK:
        # A check is met or not: the grade a met check counts as is the engine's business, and
        # "counts as Outstanding" read as if meeting one check made the unit outstanding.
        return "not met -> meet the check", None, None, None
    rated = probe.now
    return f"rated {grade_label(rated)} -> an assessor's rating of {grade.label}", None, None, None
