"""The lift plan's cheap verification (`inspectkit.scoring._lift._verify`), held to the engine.

A plan is verified by re-scoring ranks against the per-judgement sums the search itself uses,
not by `inspectkit.assess` of the plan's evidence. These tests are the independent check: they
re-score plans (and arbitrary sets of changes) with the full `assess` and hold its grades to the
sums' grades, so the cheap verification stays proved against the real engine.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import inspectkit
from inspectkit import Assessment, EvidenceError, LiftPlan
from inspectkit.grades import Grade
from inspectkit.rubric import OVERALL, MissingPolicy
from inspectkit.scoring import _lift
from inspectkit.scoring._delta import ranks_of
from inspectkit.scoring._ranks import with_ranks
from strategies import evidence_for, frameworks
from test_lift_plan_oracle import cases, crafted_cases, many_cases
from test_lift_search import _riverside_like


def _engine(planner: _lift._Planner, assign: Mapping[int, int]) -> Assessment:
    """The plan's evidence (`_Planner.entry_for`) assessed by the real engine."""
    assessment = planner.assessment
    compiled = planner.compiled
    entries = {
        compiled.criteria[i].criterion.id: planner.entry_for(i, r) for i, r in assign.items()
    }
    return inspectkit.assess(
        assessment.framework, assessment.evidence.replace(entries), missing=assessment.missing
    )


def _sums_equal_engine(planner: _lift._Planner, assign: Mapping[int, int]) -> dict[int, int]:
    """Assert that the sums give the engine's grades for *assign*'s evidence; return its ranks.

    The ranks returned are those the engine gives the changed criteria from their entries: each
    at least as good as asked (a numerator rounds towards the better side), and re-scoring those
    ranks against the sums gives exactly the engine's judgement and overall grades.
    """
    engine = ranks_of(_engine(planner, assign))
    earned: dict[int, int] = {}
    for i, rank in assign.items():
        got = engine.point[i]
        assert got is not None
        assert got <= rank
        assert (engine.best[i], engine.worst[i]) == (got, got)
        earned[i] = got
    points, overall = planner.rescore(earned)
    assert list(points) == engine.judgement_point
    assert overall == engine.overall[0]
    again = with_ranks(planner.compiled, planner.base, earned)
    assert again.judgement_point == engine.judgement_point
    assert again.overall == engine.overall
    return earned


def _check_plan(assessment: Assessment, scope: str, goal: Grade, fixed: tuple[str, ...]) -> None:
    """A plan searched afresh reaches *goal* in the engine, whose grades are the sums' grades."""
    planner = _lift._Planner(assessment, fixed)
    plan: LiftPlan = _lift._plan(planner, scope, goal)
    if not plan.reachable or not plan.changes:
        return
    index = planner.compiled.index
    assign = {index[change.criterion]: change.after.rank for change in plan.changes}
    _sums_equal_engine(planner, assign)
    assert plan.result is not None
    rescored = _engine(planner, assign)
    grade = rescored.result(scope).grade
    assert grade is not None
    assert grade.rank <= goal.rank
    assert plan.after == grade
    scope_index = _lift._scope_index(planner.compiled, scope)
    for share in (0.0, 1.0):  # the engine's pass over the ranks, then the sums
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_lift, "_DELTA_SHARE", share)
            assert planner.reaches(assign, scope_index, goal.rank)


class TestReturnedPlans:
    """Every plan returned reaches its target when its evidence is assessed by the engine."""

    @pytest.mark.property
    @settings(max_examples=150, deadline=None)
    @given(case=cases())
    def test_small_plans_reach_in_the_engine(
        self, case: tuple[Assessment, str, int, tuple[str, ...]]
    ) -> None:
        """Plans over small random frameworks, with fixed criteria, reach in the engine."""
        assessment, scope, target, fixed = case
        goal = assessment.framework.scale[target]
        _check_plan(assessment, scope, goal, fixed)

    @pytest.mark.property
    @settings(max_examples=60, deadline=None)
    @given(case=crafted_cases())
    def test_plans_over_capped_rules_reach_in_the_engine(
        self, case: tuple[Assessment, int]
    ) -> None:
        """Plans for rules over capped judgements (absent evidence excluded) reach in the engine."""
        assessment, target = case
        _check_plan(assessment, OVERALL, assessment.framework.scale[target], ())

    @pytest.mark.property
    @settings(max_examples=60, deadline=None)
    @given(case=many_cases())
    def test_plans_over_many_judgements_reach_in_the_engine(
        self, case: tuple[Assessment, int]
    ) -> None:
        """Plans for best fit over many capped judgements reach in the engine."""
        assessment, target = case
        _check_plan(assessment, OVERALL, assessment.framework.scale[target], ())

    @pytest.mark.property
    @settings(max_examples=100, deadline=None)
    @given(data=st.data(), share=st.sampled_from([0.0, 1.0]))
    def test_plans_for_judgements_reach_in_the_engine(
        self, data: st.DataObject, share: float
    ) -> None:
        """A judgement's plan, verified by its sums alone, reaches in the engine too."""
        framework = data.draw(frameworks(max_judgements=3))
        policy = data.draw(st.sampled_from([MissingPolicy.WORST, MissingPolicy.EXCLUDE]))
        try:
            assessment = inspectkit.assess(
                framework, data.draw(evidence_for(framework)), missing=policy
            )
        except EvidenceError:
            assume(False)
            raise
        scope = data.draw(st.sampled_from([j.id for j in framework.judgements]))
        goal = data.draw(st.sampled_from(framework.scale.grades))
        with pytest.MonkeyPatch.context() as patch:
            # Verified by the engine's pass over the ranks (0.0), or by the sums (1.0).
            patch.setattr(_lift, "_DELTA_SHARE", share)
            _check_plan(assessment, scope, goal, ())


class TestAnyChanges:
    """The sums' grades of any set of changes are the engine's grades of their evidence."""

    @pytest.mark.property
    @settings(max_examples=200, deadline=None)
    @given(data=st.data())
    def test_sums_give_the_engines_grades(self, data: st.DataObject) -> None:
        """Random changes, turned into entries and assessed, grade as the sums say."""
        framework = data.draw(frameworks(max_judgements=3))
        policy = data.draw(st.sampled_from([MissingPolicy.WORST, MissingPolicy.EXCLUDE]))
        try:
            assessment = inspectkit.assess(
                framework, data.draw(evidence_for(framework)), missing=policy
            )
        except EvidenceError:
            assume(False)
            raise
        planner = _lift._Planner(assessment)
        movable = [i for i, options in enumerate(planner.options) if options]
        assume(movable)
        chosen = data.draw(st.lists(st.sampled_from(movable), min_size=1, unique=True))
        assign = {i: data.draw(st.sampled_from(planner.options[i])) for i in chosen}
        earned = _sums_equal_engine(planner, assign)
        if earned == assign:
            engine = ranks_of(_engine(planner, assign))
            for share in (0.0, 1.0):  # the engine's pass over the ranks, then the sums
                with pytest.MonkeyPatch.context() as patch:
                    patch.setattr(_lift, "_DELTA_SHARE", share)
                    for scope in range(-1, len(framework.judgements)):
                        rank = engine.overall[0] if scope < 0 else engine.judgement_point[scope]
                        for target in range(len(framework.scale)):
                            reached = rank is not None and rank <= target
                            assert planner.reaches(assign, scope, target) == reached

    def test_a_plan_checked_by_the_search_is_not_scored_again(self) -> None:
        """A plan the search re-scored for its scope and target is taken as verified."""
        assessment = _riverside_like()
        planner = _lift._Planner(assessment)
        goal = assessment.framework.grade("good")
        found = _lift._Local(1, 1.0, {0: 0}, exact=True, verified=True)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(planner, "reaches", _refuse)
            assert _lift._verify(planner, found, -1, goal)
            with pytest.raises(AssertionError, match="re-scored"):
                _lift._verify(planner, _lift._Local(1, 1.0, {0: 0}, exact=True), -1, goal)


def _refuse(assign: object, scope: int, target: int) -> bool:
    raise AssertionError("re-scored again")
