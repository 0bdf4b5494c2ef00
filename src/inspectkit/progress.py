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
import types
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from inspectkit._output import RecordOutput
from inspectkit._words import target_or_top, weaker
from inspectkit.errors import ComparisonError, Issue
from inspectkit.evidence import Interval, Value
from inspectkit.grades import Grade
from inspectkit.results import Assessment, CriterionResult, JudgementResult, Status
from inspectkit.rubric import OVERALL, Framework

__all__ = [
    "Comparison",
    "FrameworkChange",
    "Movement",
    "Timeline",
    "compare",
    "framework_changes",
    "gap_ids",
    "timeline",
]


def _frozen_map(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return types.MappingProxyType(dict(value))


IMPROVED = "improved"
DECLINED = "declined"
UNCHANGED = "unchanged"
CHANGED = "changed"


@attrs.frozen
class Movement:
    """How one criterion, judgement or the overall grade moved between two assessments.

    Attributes:
        id: The criterion id, judgement id or ``overall``.
        kind: ``criterion``, ``judgement`` or ``overall``.
        title: Its title.
        before: The grade before (``None`` where there was none).
        after: The grade after.
        before_range: The best and worst grades the earlier evidence allowed.
        after_range: The best and worst grades the later evidence allows.
        before_value: For criteria, the value before (``None`` where absent).
        after_value: For criteria, the value after.
        before_status: For criteria, the kind of evidence before (`Status` value); for
            judgements and the overall grade, ``""``.
        after_status: As *before_status*, after.
        before_coverage: For judgements and overall, the coverage before; else ``None``.
        after_coverage: For judgements and overall, the coverage after; else ``None``.
    """

    id: str
    kind: str
    title: str
    before: Grade | None
    after: Grade | None
    before_range: tuple[Grade | None, Grade | None]
    after_range: tuple[Grade | None, Grade | None]
    before_value: Value | None = None
    after_value: Value | None = None
    before_status: str = ""
    after_status: str = ""
    before_coverage: float | None = None
    after_coverage: float | None = None

    def __repr__(self) -> str:
        return f"<Movement {self.id!r} {self.direction} steps={self.steps!r}>"

    @property
    def steps(self) -> int | None:
        """Grades moved, positive for better; ``None`` unless graded both times."""
        if self.before is None or self.after is None:
            return None
        return self.before.rank - self.after.rank

    @property
    def direction(self) -> str:
        """``improved``, ``declined``, ``unchanged``, or ``changed`` (graded only once)."""
        steps = self.steps
        if steps is None:
            return UNCHANGED if self.before is None and self.after is None else CHANGED
        if steps > 0:
            return IMPROVED
        if steps < 0:
            return DECLINED
        return UNCHANGED

    @property
    def value_change(self) -> float | None:
        """The change in a numeric value (after minus before), where both are numbers."""
        before, after = _number(self.before_value), _number(self.after_value)
        if before is None or after is None:
            return None
        return after - before

    @property
    def moved(self) -> bool:
        """Whether anything moved: grade, range, value, kind of evidence or coverage."""
        return (
            self.before != self.after
            or self.before_range != self.after_range
            or self.before_value != self.after_value
            or self.before_status != self.after_status
            or self.before_coverage != self.after_coverage
        )

    def mirror(self) -> Movement:
        """Return the same movement seen the other way round (after first)."""
        return Movement(
            id=self.id,
            kind=self.kind,
            title=self.title,
            before=self.after,
            after=self.before,
            before_range=self.after_range,
            after_range=self.before_range,
            before_value=self.after_value,
            after_value=self.before_value,
            before_status=self.after_status,
            after_status=self.before_status,
            before_coverage=self.after_coverage,
            after_coverage=self.before_coverage,
        )


@attrs.frozen
class FrameworkChange:
    """One difference between two versions of a framework.

    Attributes:
        kind: ``criterion_added``, ``criterion_removed``, ``threshold_changed``,
            ``judgement_added``, ``judgement_removed``, ``aggregation_changed``,
            ``cap_added``, ``cap_removed``, ``cap_changed`` or ``scale_changed``.
        id: The id of what changed (a criterion, judgement, cap, or ``overall``).
        detail: What changed, in plain words.
    """

    kind: str
    id: str
    detail: str


@attrs.frozen
class Comparison(RecordOutput):
    """Two assessments of one unit set side by side: what moved, and the gaps.

    Attributes:
        before: The earlier assessment.
        after: The later assessment.
        target: The grade gaps are measured against.
        overall: The movement of the overall grade.
        judgements: Judgement id -> movement, in framework order.
        criteria: Criterion id -> movement, in framework order (criteria of either version).
        gaps_closed: Criteria that fell short of *target* before and no longer do.
        gaps_opened: Criteria that fall short of *target* now and did not before.
        gaps_open: Criteria that fell short of *target* both times. Only criteria of both
            framework versions are counted in these three.
        framework_changes: What changed between the framework versions, if they differ.
    """

    before: Assessment
    after: Assessment
    target: Grade
    overall: Movement
    judgements: Mapping[str, Movement] = attrs.field(converter=_frozen_map, hash=False)
    criteria: Mapping[str, Movement] = attrs.field(converter=_frozen_map, hash=False)
    gaps_closed: tuple[str, ...] = ()
    gaps_opened: tuple[str, ...] = ()
    gaps_open: tuple[str, ...] = ()
    framework_changes: tuple[FrameworkChange, ...] = ()

    def __repr__(self) -> str:
        return (
            f"<Comparison unit={self.unit!r} overall={self.overall.direction!r} "
            f"closed={len(self.gaps_closed)} opened={len(self.gaps_opened)}>"
        )

    @property
    def unit(self) -> str:
        """The unit compared (the later assessment's name)."""
        return self.after.evidence.unit

    @property
    def coverage(self) -> tuple[float, float]:
        """The coverage before and after."""
        return (self.before.coverage, self.after.coverage)

    @property
    def version_changed(self) -> bool:
        """Whether the two assessments were made under different framework versions."""
        return self.before.framework.version != self.after.framework.version

    def movements(self) -> tuple[Movement, ...]:
        """Every movement: the overall grade, then judgements, then criteria."""
        return (self.overall, *self.judgements.values(), *self.criteria.values())

    def moved(self) -> tuple[Movement, ...]:
        """The movements in which something moved."""
        return tuple(movement for movement in self.movements() if movement.moved)

    def mirror(self) -> Comparison:
        """Return the comparison the other way round: `compare(after, before)`."""
        return Comparison(
            before=self.after,
            after=self.before,
            target=self.target,
            overall=self.overall.mirror(),
            judgements={key: value.mirror() for key, value in self.judgements.items()},
            criteria={key: value.mirror() for key, value in self.criteria.items()},
            gaps_closed=self.gaps_opened,
            gaps_opened=self.gaps_closed,
            gaps_open=self.gaps_open,
            framework_changes=framework_changes(self.after.framework, self.before.framework),
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the comparison as plain JSON-ready data, with a ``schema_version``."""
        from inspectkit.render._data import comparison_to_dict

        return comparison_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the comparison as JSON text (see `to_dict`)."""
        return self._json_text(indent)

    def to_markdown(self) -> str:
        """Return the progress report as Markdown."""
        from inspectkit.render.markdown import comparison_to_markdown

        return comparison_to_markdown(self)

    def to_html(self, *, fragment: bool = False) -> str:
        """Return the progress report as a standalone HTML page, or a ``<div>`` with *fragment*.

        Every string from the framework or the evidence is escaped.
        """
        from inspectkit.render.html import comparison_to_html

        return comparison_to_html(self, fragment=fragment)

    def to_records(self) -> list[dict[str, Any]]:
        """Return one flat record per movement."""
        from inspectkit.render._data import comparison_to_records

        return comparison_to_records(self)


@attrs.frozen
class Timeline(RecordOutput):
    """Many assessments of one unit, in date order, each compared with the one before.

    Attributes:
        assessments: The assessments, oldest first; undated ones last, in the order given.
        steps: The comparison of each assessment with the one before it.
        target: The grade gaps are measured against, the same for every step.
    """

    assessments: tuple[Assessment, ...]
    steps: tuple[Comparison, ...]
    target: Grade

    def __repr__(self) -> str:
        return f"<Timeline unit={self.unit!r} assessments={len(self.assessments)}>"

    @property
    def unit(self) -> str:
        """The unit (the latest assessment's name)."""
        return self.assessments[-1].evidence.unit

    @property
    def dates(self) -> tuple[datetime.date | None, ...]:
        """The assessments' dates, in timeline order."""
        return tuple(assessment.evidence.date for assessment in self.assessments)

    def grades(self, result_id: str = OVERALL) -> tuple[Grade | None, ...]:
        """Return the grade of *result_id* (a judgement, criterion or ``overall``) over time."""
        return tuple(_result_or_none(a, result_id) for a in self.assessments)

    def values(self, criterion_id: str) -> tuple[Value | None, ...]:
        """Return the evidence value of *criterion_id* over time (``None`` where absent)."""
        return tuple(assessment.evidence.value(criterion_id) for assessment in self.assessments)

    def overall(self) -> Comparison | None:
        """Return the comparison of the first assessment with the last, if there are two."""
        if len(self.assessments) < 2:
            return None
        return compare(self.assessments[0], self.assessments[-1], target=self.target)

    def to_dict(self) -> dict[str, Any]:
        """Return the timeline as plain JSON-ready data, with a ``schema_version``."""
        from inspectkit.render._data import timeline_to_dict

        return timeline_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the timeline as JSON text (see `to_dict`)."""
        return self._json_text(indent)

    def to_markdown(self) -> str:
        """Return the timeline as a Markdown progress report."""
        from inspectkit.render.markdown import timeline_to_markdown

        return timeline_to_markdown(self)

    def to_html(self, *, fragment: bool = False) -> str:
        """Return the timeline as a standalone HTML page, or a ``<div>`` with *fragment*.

        Every string from the framework or the evidence is escaped.
        """
        from inspectkit.render.html import timeline_to_html

        return timeline_to_html(self, fragment=fragment)

    def to_records(self) -> list[dict[str, Any]]:
        """Return one flat record per assessment and result."""
        from inspectkit.render._data import timeline_to_records

        return timeline_to_records(self)


def _result_or_none(assessment: Assessment, result_id: str) -> Grade | None:
    if result_id == OVERALL:
        return assessment.grade
    if result_id in assessment.judgements:
        return assessment.judgements[result_id].grade
    if result_id in assessment.criteria:
        return assessment.criteria[result_id].grade
    return None


def _number(value: Value | None) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, Interval):
        return value.middle
    return None


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


def framework_changes(before: Framework, after: Framework) -> tuple[FrameworkChange, ...]:
    """Return what changed from framework *before* to *after* (empty for the same version)."""
    if before == after:
        return ()
    changes: list[FrameworkChange] = []
    old = {criterion.id: criterion for criterion in before.criteria()}
    new = {criterion.id: criterion for criterion in after.criteria()}
    for cid in new.keys() - old.keys():
        changes.append(FrameworkChange("criterion_added", cid, f"criterion {cid!r} was added"))
    for cid in old.keys() - new.keys():
        changes.append(FrameworkChange("criterion_removed", cid, f"criterion {cid!r} was removed"))
    for cid in old.keys() & new.keys():
        before_values = {t.grade: t.value for t in old[cid].thresholds}
        after_values = {t.grade: t.value for t in new[cid].thresholds}
        if before_values != after_values or old[cid].direction != new[cid].direction:
            changes.append(
                FrameworkChange(
                    "threshold_changed",
                    cid,
                    f"thresholds of {cid!r} changed from {_thresholds(before_values)} "
                    f"to {_thresholds(after_values)}",
                )
            )
    old_j = {j.id: j for j in before.judgements}
    new_j = {j.id: j for j in after.judgements}
    for jid in new_j.keys() - old_j.keys():
        changes.append(FrameworkChange("judgement_added", jid, f"judgement {jid!r} was added"))
    for jid in old_j.keys() - new_j.keys():
        changes.append(FrameworkChange("judgement_removed", jid, f"judgement {jid!r} was removed"))
    for jid in old_j.keys() & new_j.keys():
        if old_j[jid].aggregation != new_j[jid].aggregation:
            changes.append(
                FrameworkChange(
                    "aggregation_changed", jid, f"how {jid!r} combines its criteria changed"
                )
            )
    if before.overall != after.overall:
        changes.append(FrameworkChange("aggregation_changed", OVERALL, "the overall rule changed"))
    old_c = {cap.id: cap for cap in before.caps}
    new_c = {cap.id: cap for cap in after.caps}
    for cap_id in new_c.keys() - old_c.keys():
        changes.append(FrameworkChange("cap_added", cap_id, f"cap {cap_id!r} was added"))
    for cap_id in old_c.keys() - new_c.keys():
        changes.append(FrameworkChange("cap_removed", cap_id, f"cap {cap_id!r} was removed"))
    for cap_id in old_c.keys() & new_c.keys():
        if old_c[cap_id] != new_c[cap_id]:
            changes.append(FrameworkChange("cap_changed", cap_id, f"cap {cap_id!r} changed"))
    return tuple(sorted(changes, key=lambda change: (change.kind, change.id)))


def _thresholds(values: Mapping[str, float]) -> str:
    if not values:
        return "none"
    return ", ".join(f"{grade} {value:g}" for grade, value in values.items())


# -- gaps ---------------------------------------------------------------------------------


def gap_ids(assessment: Assessment, target: Grade) -> frozenset[str]:
    """Return the criteria of *assessment* that fall short of *target*.

    A criterion falls short when it is graded below *target*, or has no evidence (absent
    evidence is never taken as good). Criteria that do not apply fall short of nothing.
    """
    short = set()
    for result in assessment.criteria.values():
        if result.status is Status.NOT_APPLICABLE:
            continue
        if (
            result.status is Status.ABSENT
            or result.grade is None
            or not result.grade.at_least(target)
        ):
            short.add(result.id)
    return frozenset(short)


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
    """
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
        _default_target(framework, before.grade, after.grade)
        if target is None
        else framework.grade(target)
        if isinstance(target, str)
        else target
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
    old_gaps = gap_ids(before, goal)
    new_gaps = gap_ids(after, goal)
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
            grade above the weakest overall grade in the timeline.
        check_unit: Refuse assessments of differently named units (the default).

    Raises:
        ComparisonError: There are no assessments, or they cannot be compared.
    """
    given = list(assessments)
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
        goal = target_or_top(framework.scale, weaker(*(a.grade for a in ordered)))
    else:
        goal = framework.grade(target) if isinstance(target, str) else target
    steps = tuple(
        compare(first, second, target=goal, check_unit=check_unit)
        for first, second in itertools.pairwise(ordered)
    )
    return Timeline(assessments=tuple(ordered), steps=steps, target=goal)
