"""Properties of derived statuses and gates on their own scale, on generated frameworks.

- Statuses are monotone: better evidence never enters a status or a more severe level, on the
  point, best or worst prediction.
- A judgement on another scale never enters the overall grade or a ``"*"`` condition: changing
  its evidence moves neither.
- The leave-status plan is sound (its changes, re-scored, leave the status in the worst case)
  and minimal, checked against brute force over every set of changes with the public
  `inspectkit.assess` only (the oracle of ``test_lift_plan_oracle``).
"""

from __future__ import annotations

import itertools

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import inspectkit
from inspectkit import Assessment, Entry, EvidenceError
from inspectkit.grades import Grade, GradeScale
from inspectkit.rubric import (
    ANY_JUDGEMENT,
    OVERALL,
    Aggregation,
    Basis,
    Condition,
    Criterion,
    DerivedStatus,
    Framework,
    Judgement,
    Measure,
    Method,
    Provenance,
    Scale,
    StatusLevel,
)
from strategies import evidence_for, frameworks, improve
from test_lift_plan_oracle import _movable, _one_entry_per_grade, _rescore

pytestmark = pytest.mark.property

MODELLED = Provenance(Basis.MODELLED)
GATE = Scale(
    "gate_scale",
    "Met / not met",
    GradeScale.from_grades(Grade("gate_met", "Met"), Grade("gate_not_met", "Not met")),
    MODELLED,
)
MAX_ASSIGNMENTS = 3_000


def _with_gate(framework: Framework) -> Framework:
    """*framework* with a gated judgement of two checks on a met / not met scale added."""
    checks = tuple(
        Criterion(f"gate_check_{n}", f"Gate check {n}", Measure.CHECK, provenance=MODELLED)
        for n in range(2)
    )
    gate = Judgement(
        "gate",
        "Gate",
        checks,
        Aggregation(Method.SECURE_FIT, provenance=MODELLED),
        scale=GATE.id,
    )
    return attrs.evolve(framework, judgements=(*framework.judgements, gate), scales=(GATE,))


@st.composite
def conditions(draw: st.DrawFn, framework: Framework, depth: int = 0) -> Condition:
    """A downward-closed condition on *framework*'s judgements, criteria and gate."""
    main = [j.id for j in framework.judgements if j.scale is None]
    scale = framework.scale.ids
    kinds = ["judgement", "any_judgement", "criterion", "gate"]
    if framework.has_overall:
        kinds.append("overall")
    if depth < 2:
        kinds += ["any", "all"]
    kind = draw(st.sampled_from(kinds))
    if kind in ("any", "all"):
        nested = draw(st.lists(conditions(framework, depth + 1), min_size=1, max_size=3))
        return Condition(any_of=nested) if kind == "any" else Condition(all_of=nested)
    if kind == "gate":
        return Condition(judgement="gate", at_or_below="gate_not_met")
    if kind == "overall":
        return Condition(judgement=OVERALL, at_or_below=draw(st.sampled_from(scale)))
    if kind == "judgement":
        return Condition(
            judgement=draw(st.sampled_from(main)), at_or_below=draw(st.sampled_from(scale))
        )
    if kind == "criterion":
        criterion = draw(st.sampled_from(list(framework.criteria())))
        grades = framework.scale_of(criterion.id).ids
        if criterion.measure is Measure.CHECK and draw(st.booleans()):
            return Condition(criterion=criterion.id, not_met=True)
        return Condition(criterion=criterion.id, at_or_below=draw(st.sampled_from(grades)))
    excluding = draw(st.lists(st.sampled_from(main), unique=True, max_size=len(main) - 1))
    return Condition(
        judgement=ANY_JUDGEMENT,
        at_or_below=draw(st.sampled_from(scale)),
        excluding=excluding,
        count=draw(st.integers(1, 2)),
    )


@st.composite
def with_statuses(draw: st.DrawFn) -> Framework:
    """A small generated framework with a gate and one or two statuses of one to three levels."""
    framework = _with_gate(draw(frameworks(max_judgements=2)))
    statuses: list[DerivedStatus] = []
    for s in range(draw(st.integers(1, 2))):
        levels = []
        for n in range(draw(st.integers(1, 3))):
            condition = draw(conditions(framework))
            if statuses and draw(st.booleans()):
                condition = Condition(any_of=(condition, Condition(status=statuses[0].id)))
            wrapped = condition if condition.any_of or condition.all_of else None
            levels.append(
                StatusLevel(f"l{n}", f"Level {n}", wrapped or Condition(any_of=(condition,)))
            )
        statuses.append(DerivedStatus(f"s{s}", f"Status {s}", levels, MODELLED))
    return attrs.evolve(framework, statuses=statuses)


def _assessed(framework: Framework, evidence: inspectkit.Evidence) -> Assessment:
    try:
        return inspectkit.assess(framework, evidence)
    except EvidenceError:
        assume(False)
        raise


def _severities(assessment: Assessment) -> list[tuple[int, int, int]]:
    return [
        (result.severity(result.level), result.severity(result.best), result.severity(result.worst))
        for result in assessment.statuses.values()
    ]


class TestMonotone:
    @given(data=st.data())
    @settings(max_examples=150)
    def test_better_evidence_never_enters_a_status(self, data: st.DataObject) -> None:
        """Improving one criterion never makes a status more severe on any prediction.

        Filling in absent evidence (an improvement under the ``worst`` policy) may still make
        the *best* case more severe: the optimism about the missing value is gone. So the best
        case is compared only when the criterion already had evidence.
        """
        framework = data.draw(with_statuses())
        evidence = data.draw(evidence_for(framework))
        before = _assessed(framework, evidence)
        fill = framework.missing is inspectkit.rubric.MissingPolicy.WORST
        criterion, better = data.draw(improve(framework, evidence, fill_absent=fill))
        after = _assessed(framework, better)
        had_evidence = criterion in evidence.entries
        for (p0, b0, w0), (p1, b1, w1) in zip(_severities(before), _severities(after), strict=True):
            assert p1 <= p0
            assert w1 <= w0
            assert b1 <= b0 or not had_evidence

    @given(data=st.data())
    @settings(max_examples=100)
    def test_levels_are_ordered(self, data: st.DataObject) -> None:
        """The best case is never more severe than the point, nor the point than the worst."""
        framework = data.draw(with_statuses())
        assessment = _assessed(framework, data.draw(evidence_for(framework)))
        for point, best, worst in _severities(assessment):
            assert best <= point <= worst


class TestOtherScale:
    @given(data=st.data())
    @settings(max_examples=100)
    def test_gate_never_moves_overall_or_any_judgement(self, data: st.DataObject) -> None:
        """Changing only the gate's evidence moves neither the overall grade nor a '*' status."""
        framework = data.draw(with_statuses())
        star = DerivedStatus(
            "star",
            "Star",
            [
                StatusLevel(
                    "hit",
                    "Hit",
                    Condition(
                        any_of=(
                            Condition(
                                judgement=ANY_JUDGEMENT,
                                at_or_below=data.draw(st.sampled_from(framework.scale.ids)),
                            ),
                        )
                    ),
                )
            ],
            MODELLED,
        )
        framework = attrs.evolve(framework, statuses=(star,))
        evidence = data.draw(evidence_for(framework))
        flipped = evidence.replace(
            {
                f"gate_check_{n}": Entry(f"gate_check_{n}", data.draw(st.booleans()))
                for n in range(2)
            }
        )
        first, second = _assessed(framework, evidence), _assessed(framework, flipped)
        grades = (first.overall.grade, first.overall.best, first.overall.worst)
        assert grades == (second.overall.grade, second.overall.best, second.overall.worst)
        assert _severities(first) == _severities(second)


def _leaves(assessment: Assessment, status: str) -> bool:
    return assessment.statuses[status].worst is None


def fewest_changes_to_leave(assessment: Assessment, status: str) -> int | None:
    """The fewest criteria whose evidence must change to leave *status*, by trying them all."""
    movable = _movable(assessment, ())
    options = {c.id: _one_entry_per_grade(assessment, c) for c in movable}
    ids = [c.id for c in movable]
    for size in range(len(ids) + 1):
        for chosen in itertools.combinations(ids, size):
            for entries in itertools.product(*(options[i] for i in chosen)):
                if _leaves(_rescore(assessment, dict(zip(chosen, entries, strict=True))), status):
                    return size
    return None


class TestLeavePlan:
    @given(data=st.data())
    @settings(max_examples=120, deadline=None)
    def test_plan_is_sound_and_minimal(self, data: st.DataObject) -> None:
        """The plan leaves the status when re-scored and has the brute-force minimum size."""
        framework = data.draw(with_statuses())
        assume(sum(1 for _ in framework.criteria()) <= 7)
        assessment = _assessed(framework, data.draw(evidence_for(framework)))
        grades = max(len(framework.scale), 2)
        assume((grades + 1) ** len(_movable(assessment, ())) <= MAX_ASSIGNMENTS)
        status = data.draw(st.sampled_from([s.id for s in framework.statuses]))
        plan = assessment.leave_status_plan(status)
        fewest = fewest_changes_to_leave(assessment, status)
        assert plan.reachable == (fewest is not None)
        if not plan.reachable:
            return
        applied = _rescore(assessment, {change.criterion: change.entry for change in plan.changes})
        assert _leaves(applied, status)
        assert plan.minimal
        assert len(plan.changes) == fewest
