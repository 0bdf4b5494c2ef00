"""Derived statuses: evaluate ``[[statuses]]`` on an assessment's point, best and worst grades.

A status is a ladder of levels (least severe first); it is the most severe level whose
condition holds. Conditions only ask "at this grade or worse" (see
`inspectkit.loading._statuses`), so each is evaluated on ranks (0 is the best grade, on the
scale of whatever it names) with one rule: **no grade never meets a condition**. A judgement
that does not apply has no grade in any case, so it never puts a unit into a status; an unknown
one (absent evidence under ``exclude``) has no point grade but does have a worst grade, so the
status it could cause shows in the worst case only.

Evaluating on the best grades gives the least severe level the evidence allows, on the worst
grades the most severe: since every condition is downward-closed and the three predictions are
ordered (best <= point <= worst), the three levels are ordered too. In the best case a member
with no point grade has no grade either (an unknown is never assumed into a status).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

from inspectkit.grades import Grade
from inspectkit.results import StatusResult
from inspectkit.rubric import ANY_JUDGEMENT, OVERALL, Condition, DerivedStatus, Framework

__all__ = ["STATUS_CASES", "Graded", "evaluate_statuses", "status_levels"]


class Graded(Protocol):
    """A result with point, best and worst grades: a unit's judgement or criterion, a group's."""

    @property
    def grade(self) -> Grade | None: ...

    @property
    def best(self) -> Grade | None: ...

    @property
    def worst(self) -> Grade | None: ...


Case = Callable[[Graded], Grade | None]
"""Picks one prediction (point, best or worst) of a result."""

STATUS_CASES: tuple[Case, ...] = (
    lambda result: result.grade,
    # The best case: a member with no point grade (absent and excluded) has none here either.
    # Any grade at all can meet "at or below the best grade", so counting its best grade would
    # make the best case more severe than the point.
    lambda result: None if result.grade is None else result.best,
    lambda result: result.worst,
)


def status_levels(
    framework: Framework,
    overall: Graded,
    judgements: Mapping[str, Graded],
    criteria: Mapping[str, Graded],
    case: Case,
) -> dict[str, int]:
    """Return status id -> the index of its level in one *case* (``-1``: no level).

    Statuses are evaluated in an order where each comes after the statuses it names (the
    loader refuses cycles), so a status condition reads a level already known.
    """
    levels: dict[str, int] = {}

    def rank(result: Graded) -> int | None:
        grade = case(result)
        return None if grade is None else grade.rank

    def holds(condition: Condition) -> bool:
        if condition.any_of:
            return any(holds(c) for c in condition.any_of)
        if condition.all_of:
            return all(holds(c) for c in condition.all_of)
        if condition.status is not None:
            level = levels.get(condition.status, -1)
            status = framework.derived_status(condition.status)
            need = (
                0
                if condition.at_least is None
                else status.levels.index(status.level(condition.at_least))
            )
            return level >= need
        if condition.criterion is not None:
            got = rank(criteria[condition.criterion])
            if got is None:
                return False
            return got >= _criterion_threshold(framework, condition)
        judgement = condition.judgement
        assert judgement is not None
        assert condition.at_or_below is not None
        scale = framework.scale if judgement == ANY_JUDGEMENT else framework.scale_of(judgement)
        threshold = scale.find(condition.at_or_below).rank
        if judgement == ANY_JUDGEMENT:
            count = 0
            for j in framework.judgements:
                if j.scale is not None or j.id in condition.excluding:
                    continue
                got = rank(judgements[j.id])
                if got is not None and got >= threshold:
                    count += 1
            return count >= condition.count
        got = rank(overall if judgement == OVERALL else judgements[judgement])
        return got is not None and got >= threshold

    for status in _ordered(framework):
        found = -1
        for index, level in enumerate(status.levels):
            if holds(level.condition):
                found = index
        levels[status.id] = found
    return levels


def _criterion_threshold(framework: Framework, condition: Condition) -> int:
    """The rank at or beyond which a criterion condition holds."""
    assert condition.criterion is not None
    scale = framework.scale_of(condition.criterion)
    if condition.at_or_below is not None:
        return scale.find(condition.at_or_below).rank
    criterion = framework.criterion(condition.criterion)
    ceiling = framework.judgement_of(condition.criterion).level_ceiling(scale)
    return scale.find(criterion.check_grades(scale, ceiling)[1]).rank


def _named(condition: Condition) -> set[str]:
    found = {condition.status} if condition.status is not None else set()
    for nested in (*condition.any_of, *condition.all_of):
        found |= _named(nested)
    return found


def _ordered(framework: Framework) -> list[DerivedStatus]:
    """The statuses, each after every status its conditions name (framework order otherwise)."""
    done: list[DerivedStatus] = []
    pending = list(framework.statuses)
    while pending:
        for status in pending:
            needs = set().union(*(_named(level.condition) for level in status.levels))
            if needs <= {s.id for s in done}:
                done.append(status)
                pending.remove(status)
                break
        else:  # a cycle the loader should have refused: evaluate the rest as written
            done.extend(pending)
            break
    return done


def evaluate_statuses(
    framework: Framework,
    overall: Graded,
    judgements: Mapping[str, Graded],
    criteria: Mapping[str, Graded],
) -> dict[str, StatusResult]:
    """Return status id -> its `StatusResult` on the point, best and worst predictions.

    The results are a unit's (`JudgementResult`, `CriterionResult`) or a group's
    (`GroupGrade`): a group inspected as one is in a status as a unit would be, on its grades.
    """
    if not framework.statuses:
        return {}
    point, best, worst = (
        status_levels(framework, overall, judgements, criteria, case) for case in STATUS_CASES
    )
    results = {}
    for status in framework.statuses:
        found = [
            None if case[status.id] < 0 else status.levels[case[status.id]]
            for case in (point, best, worst)
        ]
        results[status.id] = StatusResult(
            status=status, level=found[0], best=found[1], worst=found[2]
        )
    return results
