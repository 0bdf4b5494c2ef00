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

The search behind the lift plan (and behind each gap's required grade) works on the compiled
ranks inside `inspectkit.scoring`; its module, `inspectkit.scoring._lift`, says how it works and
why it is exact. This module resolves the target and scope, and puts the answers in words.
"""

from __future__ import annotations

import types
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from inspectkit._words import grade_id, grade_label, number, percent, points, target_or_top
from inspectkit.evidence import Entry, Evidence, Interval, Value
from inspectkit.grades import Grade
from inspectkit.results import Assessment, Change, LiftPlan
from inspectkit.rubric import OVERALL, Direction, Framework, Measure, MissingPolicy
from inspectkit.scoring import GapProbe, assess, gap_probes, lift_plan

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
    scope = _check_scope(assessment.framework, judgement)
    goal = _resolve_target(assessment, target, scope)
    return lift_plan(assessment, goal, judgement=scope, fixed=fixed)


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
    scope = _check_scope(assessment.framework, judgement)
    goal = _resolve_target(assessment, target, scope)
    probes = gap_probes(assessment, goal, judgement=scope, fixed=fixed)
    gaps: list[tuple[tuple[Any, ...], Gap]] = []
    for position, probe in enumerate(probes):
        gap = _make_gap(assessment, probe)
        distance = abs(gap.distance) / _span(probe) if gap.distance is not None else 0.0
        key = (not gap.blocking, not gap.in_plan, gap.steps, distance, position)
        gaps.append((key, gap))
    return tuple(gap for _, gap in sorted(gaps, key=lambda pair: pair[0]))


def _span(probe: GapProbe) -> float:
    """The spread of a criterion's thresholds: the scale on which its distances compare."""
    criterion = probe.criterion
    if criterion.measure is Measure.PROPORTION:
        return 1.0
    values = [float(threshold.value) for threshold in criterion.thresholds]
    spread = max(values) - min(values) if len(values) > 1 else abs(values[0]) if values else 1.0
    return spread or 1.0


def _make_gap(assessment: Assessment, probe: GapProbe) -> Gap:
    criterion = probe.criterion
    entry = assessment.evidence.entries.get(criterion.id)
    need, distance, more, of = _describe_need(probe, entry)
    return Gap(
        criterion=criterion.id,
        title=criterion.title,
        judgement=probe.judgement,
        grade=probe.now,
        value=None if entry is None else entry.value,
        required=probe.required,
        need=need,
        target_value=probe.target_value,
        distance=distance,
        more=more,
        of=of,
        absent=entry is None,
        blocking=bool(probe.caps),
        caps=probe.caps,
        in_plan=probe.in_plan,
        lifts_judgement=probe.lifts_judgement,
        lifts_overall=probe.lifts_overall,
        steps=probe.steps,
        actions=criterion.actions,
        evidence=criterion.evidence,
    )


def _show(probe: GapProbe, value: float) -> str:
    criterion = probe.criterion
    if criterion.measure is Measure.PROPORTION:
        return percent(value)
    unit = f" {criterion.unit}" if criterion.unit else ""
    return f"{number(value)}{unit}"


def _describe_need(
    probe: GapProbe, entry: Entry | None
) -> tuple[str, float | None, int | None, int | None]:
    """The need in words, the distance, and (for counts) how many more of how many."""
    criterion = probe.criterion
    target = probe.target_value
    grade = probe.required
    measured = criterion.measure in (Measure.PROPORTION, Measure.QUANTITY)
    higher = criterion.direction is Direction.HIGHER
    bound = "at least" if higher else "at most"
    if entry is None:
        if measured:
            assert isinstance(target, float)
            what = f"showing {bound} {_show(probe, target)}"
        elif criterion.measure is Measure.CHECK:
            what = "showing the check is met"
        else:
            what = f"for an assessor's rating of {grade.label}"
        guidance = f" ({criterion.evidence})" if criterion.evidence else ""
        return f"no evidence -> collect evidence {what}{guidance}", None, None, None
    value = entry.value
    if measured:
        assert isinstance(target, float)
        current = value.middle if isinstance(value, Interval) else value
        assert isinstance(current, (int, float))
        current = float(current)
        distance = target - current if higher else current - target
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
        return f"not met -> meet the check (counts as {grade.label})", None, None, None
    rated = probe.now
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
    if not isinstance(framework, Framework):
        from inspectkit import loading

        framework = loading.load_framework(framework)
    before = assess(framework, evidence, missing=missing)
    return assessment_what_if(before, changes, target=target)
