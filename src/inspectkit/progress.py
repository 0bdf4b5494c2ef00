"""Progress over time: two assessments of one unit compared, and a timeline of many.

`compare` sets an earlier assessment beside a later one of the same unit and reports the
movement of every criterion's value and grade, of every judgement and of the overall grade,
with their ranges and coverage, and which gaps were closed, opened or are still open. It is
what a quarterly progress report to a cabinet member is made of.

`timeline` orders many dated assessments of one unit and compares each with the one before.

Assessments made under different frameworks are not compared (`ComparisonError`). Two
versions of the same framework are: the comparison then lists what changed between the
versions in `Comparison.framework_changes`, a field rather than a Python warning, so that a
report can print it and a caller can check it. Movement under changed thresholds may come from
the new rules rather than from the unit.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Mapping, Sequence

from inspectkit._words import target_or_top, weaker
from inspectkit.errors import ComparisonError, Issue
from inspectkit.evidence import Evidence
from inspectkit.gaps import headline_grade, resolve_target
from inspectkit.grades import Grade
from inspectkit.results import (
    Assessment,
    Comparison,
    CriterionResult,
    JudgementResult,
    Movement,
    Timeline,
    declared_changes,
    framework_changes,
)
from inspectkit.rubric import OVERALL, Framework
from inspectkit.scoring import gap_criteria, gap_sets

__all__ = [
    "compare",
    "gap_ids",
    "grade_movements",
    "timeline",
]


# -- arguments ----------------------------------------------------------------------------


def _check_assessment(value: object, function: str, argument: str) -> None:
    """Raise a `TypeError` naming what *function* takes when *value* is not an `Assessment`."""
    if isinstance(value, Assessment):
        return
    hint = ""
    if isinstance(value, Evidence):
        hint = "; assess the evidence first with inspectkit.assess(framework, evidence)"
    raise TypeError(
        f"{function}() takes Assessments (from inspectkit.assess); {argument} is "
        f"{type(value).__name__}{hint}"
    )


def _target_grade(framework: Framework, target: object, function: str) -> Grade:
    """Return *target* (a `Grade` or a grade id, label or alias) as a grade of *framework*."""
    if isinstance(target, Grade):
        return framework.grade(target.id)
    if isinstance(target, str):
        return framework.grade(target)
    raise TypeError(
        f"{function}() takes target as a Grade or a grade id, label or alias, "
        f"not {type(target).__name__}"
    )


# -- frameworks ---------------------------------------------------------------------------


def _check_comparable(assessments: Sequence[Assessment]) -> None:
    first = assessments[0]
    issues = []
    for position, other in enumerate(assessments[1:], start=1):
        unrelated = next(
            (
                earlier
                for earlier in assessments[:position]
                if not _related(earlier.framework, other.framework)
            ),
            None,
        )
        if unrelated is not None:
            issues.append(
                Issue(
                    f"[{position}]",
                    "different-framework",
                    f"{other.evidence.unit!r} is assessed under {other.framework.id!r}, "
                    f"{unrelated.evidence.unit!r} under {unrelated.framework.id!r}",
                    hint="progress is measured under one framework (or a local variant of it "
                    "and its parent); assess both under the same one",
                )
            )
        if other.framework.scale.ids != first.framework.scale.ids:
            issues.append(
                Issue(
                    f"[{position}]",
                    "different-scale",
                    "the two framework versions grade on different scales",
                    hint="grades on different scales cannot be compared",
                )
            )
    if issues:
        raise ComparisonError("the assessments cannot be compared", issues)


def _related(one: Framework, other: Framework) -> bool:
    """Return whether *one* and *other* are one framework, or one ``extends`` the other."""
    return one.accepts_framework_id(other.id) or other.accepts_framework_id(one.id)


# -- gaps ---------------------------------------------------------------------------------


def gap_ids(assessment: Assessment, target: Grade) -> frozenset[str]:
    """Return the ids of *assessment*'s gaps to *target*: the criteria `find_gaps` lists.

    A comparison and a what-if use this one definition, so they agree on which gaps closed.
    The target is matched by id in the assessment's own scale (a comparison may span two
    versions of a framework, whose scales are checked to have the same grades). Only which
    criteria they are is worked out: not their order, nor their probes or words.
    """
    return gap_criteria(assessment, resolve_target(assessment, target.id, OVERALL))


def _gap_pair(
    before: Assessment, after: Assessment, target: Grade
) -> tuple[frozenset[str], frozenset[str]]:
    """`gap_ids` of *before* and of *after*; planned as a what-if plans where it may.

    Two assessments of one framework under one policy are planned as a what-if's are
    (`inspectkit.scoring.gap_sets`: the plan after reuses the plan before wherever their
    judgements' evidence is the same); others are planned apart.
    """
    if before.framework is after.framework and before.missing is after.missing:
        goal = resolve_target(before, target.id, OVERALL)
        return gap_sets(before, after, goal)
    return gap_ids(before, target), gap_ids(after, target)


def _default_target(framework: Framework, before: Grade | None, after: Grade | None) -> Grade:
    # The next grade up from the weaker of the two overall grades: the same for compare(a, b)
    # and compare(b, a), and the same grade a single assessment's gaps aim at.
    return target_or_top(framework.scale, weaker(before, after))


# -- compare ------------------------------------------------------------------------------


def _range(result: CriterionResult | JudgementResult | None) -> tuple[Grade | None, Grade | None]:
    if result is None:
        return (None, None)
    return (result.best, result.worst)


def _criterion_movement(
    criterion_id: str, title: str, before: Assessment, after: Assessment
) -> Movement:
    old = before.criteria.get(criterion_id)
    new = after.criteria.get(criterion_id)
    return Movement(
        id=criterion_id,
        kind="criterion",
        title=title,
        before=None if old is None else old.grade,
        after=None if new is None else new.grade,
        before_range=_range(old),
        after_range=_range(new),
        before_value=before.evidence.value(criterion_id),
        after_value=after.evidence.value(criterion_id),
        before_status="" if old is None else old.status.value,
        after_status="" if new is None else new.status.value,
    )


def _judgement_movement(
    kind: str, old: JudgementResult | None, new: JudgementResult | None, title: str
) -> Movement:
    ident = (new or old).id if (new or old) is not None else ""  # type: ignore[union-attr]
    return Movement(
        id=ident,
        kind=kind,
        title=title,
        before=None if old is None else old.grade,
        after=None if new is None else new.grade,
        before_range=_range(old),
        after_range=_range(new),
        before_coverage=None if old is None else old.coverage,
        after_coverage=None if new is None else new.coverage,
    )


def grade_movements(
    before: Assessment,
    after: Assessment,
    *,
    criteria: Iterable[str] | None = None,
    judgements: Iterable[str] | None = None,
    overall: bool = True,
) -> tuple[Movement, ...]:
    """Return how every grade moved from *before* to *after*, assessed under one framework.

    The overall grade first, then the judgements, then the criteria, each in framework order;
    the same movements `compare` reports, for a what-if (`inspectkit.what_if`). With
    *criteria* or *judgements*, only those criteria's or judgements' movements, and with
    *overall* false none for the overall grade (a what-if knows which can have moved).
    """
    framework = after.framework
    wanted = None if criteria is None else set(criteria)
    judged = None if judgements is None else set(judgements)
    head = (
        (_judgement_movement("overall", before.overall, after.overall, framework.overall_title),)
        if overall
        else ()
    )
    return (
        *head,
        *(
            _judgement_movement(
                "judgement", before.judgements.get(j.id), after.judgements.get(j.id), j.title
            )
            for j in framework.judgements
            if judged is None or j.id in judged
        ),
        *(
            _criterion_movement(c.id, c.title, before, after)
            for c in framework.criteria()
            if wanted is None or c.id in wanted
        ),
    )


def compare(
    before: Assessment,
    after: Assessment,
    *,
    target: str | Grade | None = None,
    check_unit: bool = True,
) -> Comparison:
    """Compare two assessments of one unit: what moved, and which gaps closed or opened.

    Args:
        before: The earlier assessment.
        after: The later assessment.
        target: The grade gaps are measured against; by default one grade above the weaker
            of the two overall grades (so ``compare(b, a)`` uses the same target).
        check_unit: Refuse assessments of differently named units (the default); pass
            ``False`` when a unit was renamed.

    Returns:
        The comparison. When the framework versions differ, its `framework_changes` list
        what changed; grades that moved may then have moved because the rules changed.

    Raises:
        ComparisonError: The assessments were made under different frameworks (or scales),
            or (with *check_unit*) of different units. A local variant and a framework it
            ``extends`` (see `Framework.lineage`) count as one framework whose version
            changed: what the variant changes is listed in `framework_changes`.
        TypeError: *before* or *after* is not an `Assessment`, or *target* is not a grade.
    """
    _check_assessment(before, "compare", "before")
    _check_assessment(after, "compare", "after")
    _check_comparable([before, after])
    if check_unit and before.evidence.unit != after.evidence.unit:
        raise ComparisonError(
            "the assessments are of different units",
            [
                Issue(
                    "unit",
                    "different-unit",
                    f"{before.evidence.unit!r} and {after.evidence.unit!r} are different units",
                    hint="compare two assessments of one unit, or pass check_unit=False",
                )
            ],
        )
    framework = after.framework
    goal = (
        _default_target(framework, headline_grade(before), headline_grade(after))
        if target is None
        else _target_grade(framework, target, "compare")
    )
    judgement_titles = {j.id: j.title for j in before.framework.judgements}
    judgement_titles.update({j.id: j.title for j in framework.judgements})
    criterion_titles = {c.id: c.title for c in before.framework.criteria()}
    criterion_titles.update({c.id: c.title for c in framework.criteria()})
    judgements = {
        jid: _judgement_movement(
            "judgement", before.judgements.get(jid), after.judgements.get(jid), title
        )
        for jid, title in judgement_titles.items()
    }
    criteria = {
        cid: _criterion_movement(cid, title, before, after)
        for cid, title in criterion_titles.items()
    }
    # Only criteria of both versions can close or open a gap; one a new version adds or drops
    # is listed in framework_changes instead.
    old_gaps, new_gaps = _gap_pair(before, after, goal)
    order = [cid for cid in criteria if cid in before.criteria and cid in after.criteria]
    return Comparison(
        before=before,
        after=after,
        target=goal,
        overall=_judgement_movement(
            "overall", before.overall, after.overall, framework.overall_title
        ),
        judgements=judgements,
        criteria=criteria,
        gaps_closed=tuple(c for c in order if c in old_gaps and c not in new_gaps),
        gaps_opened=tuple(c for c in order if c in new_gaps and c not in old_gaps),
        gaps_open=tuple(c for c in order if c in old_gaps and c in new_gaps),
        framework_changes=framework_changes(before.framework, framework),
        declared_changes=declared_changes(before.framework, framework),
    )


def timeline(
    assessments: Iterable[Assessment],
    *,
    target: str | Grade | None = None,
    check_unit: bool = True,
) -> Timeline:
    """Order dated assessments of one unit and compare each with the one before.

    Assessments are ordered by their evidence's date. Assessments with the same date keep the
    order they were given in; undated ones come last, in the order given.

    Args:
        assessments: The assessments, in any order.
        target: The grade gaps are measured against, the same for every step; by default one
            grade above the weakest overall grade in the timeline (with no overall grade, the
            weakest judgement, as for `compare`).
        check_unit: Refuse assessments of differently named units (the default).

    Raises:
        ComparisonError: There are no assessments, or they cannot be compared.
        TypeError: *assessments* is not an iterable of `Assessment`, or *target* is not a
            grade.
    """
    if isinstance(assessments, (Assessment, str, bytes, Mapping)) or not isinstance(
        assessments, Iterable
    ):
        raise TypeError(
            "timeline() takes an iterable of Assessments (a list or tuple), "
            f"not {type(assessments).__name__}"
        )
    given = list(assessments)
    for position, assessment in enumerate(given):
        _check_assessment(assessment, "timeline", f"assessments[{position}]")
    if not given:
        raise ComparisonError(
            "a timeline needs at least one assessment",
            [Issue("", "no-assessments", "no assessments were given")],
        )
    _check_comparable(given)
    ordered = sorted(
        given,
        key=lambda a: (a.evidence.date is None, a.evidence.date or datetime.date.min),
    )
    framework = ordered[-1].framework
    if target is None:
        goal = target_or_top(framework.scale, weaker(*(headline_grade(a) for a in ordered)))
    else:
        goal = _target_grade(framework, target, "timeline")
    steps = tuple(
        compare(first, second, target=goal, check_unit=check_unit)
        for first, second in itertools.pairwise(ordered)
    )
    first_to_last = (
        compare(ordered[0], ordered[-1], target=goal, check_unit=check_unit)
        if len(ordered) > 1
        else None
    )
    return Timeline(
        assessments=tuple(ordered), steps=steps, target=goal, first_to_last=first_to_last
    )
