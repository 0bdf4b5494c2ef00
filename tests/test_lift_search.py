"""The lift-plan search (`inspectkit.scoring._lift`): its safety nets and its view of unknowns.

The search reasons on compiled ranks and is only trusted because every plan is re-scored by the
engine, with a fallback when the two disagree and budgets that bound its work. These tests force
each of those paths on purpose (a lying structural aggregate, tiny budgets) and check the
documented outcome: the plan still reaches the target, and ``minimal`` says whether it is proven
to have the fewest changes.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import inspectkit
from frameworks_for_tests import MODELLED, example_framework, four_grade_scale
from inspectkit import Assessment, Counts, Entry, Evidence, Framework, LiftPlan
from inspectkit.evidence import NOT_APPLICABLE, Interval
from inspectkit.grades import Grade, GradeScale
from inspectkit.rubric import (
    OVERALL,
    Aggregation,
    Cap,
    Criterion,
    Direction,
    Judgement,
    Measure,
    Method,
    MissingPolicy,
    Rule,
    Threshold,
)
from inspectkit.scoring import DEFAULT_BUDGETS, SearchBudgets, _lift, lift_plan
from strategies import evidence_for, frameworks


def _riverside_like() -> Assessment:
    """The documentation's example unit: Requires improvement, two changes short of Good."""
    framework = example_framework()
    evidence = Evidence(
        framework.id,
        "Example centre",
        {
            "registration_rate": Entry("registration_rate", 406 / 700, counts=Counts(406, 700)),
            "gld_gap": Entry("gld_gap", 15.0),
            "supervision_checks_case_files": Entry("supervision_checks_case_files", False),
            "board_challenge": Entry("board_challenge", "good"),
        },
    )
    return inspectkit.assess(framework, evidence)


def _reaches(plan: LiftPlan, assessment: Assessment) -> bool:
    """Whether the plan's own entries, applied and re-scored by `assess`, reach its target."""
    rescored = inspectkit.assess(
        assessment.framework,
        assessment.evidence.replace(plan.entries()),
        missing=assessment.missing,
    )
    grade = rescored.result(plan.scope).grade
    return grade is not None and grade.rank <= plan.target.rank


def _lying_aggregate(aggregation: Any, ranks: Any, weights: Any) -> int:
    """A structural aggregate that says every judgement already has the best grade."""
    return 0


@pytest.fixture
def lying_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the structural search disagree with the engine: it believes any plan works."""
    monkeypatch.setattr(_lift, "aggregate", _lying_aggregate)
    monkeypatch.setattr(_lift._Planner, "judgement_rank", lambda self, j, assign: 0)


class TestEngineDisagreement:
    def test_overall_plan_falls_back_to_the_engine(self, lying_search: None) -> None:
        """When the search's plans fail in the engine, the engine-checked fallback finds one."""
        assessment = _riverside_like()
        plan = lift_plan(assessment, assessment.framework.grade("good"))
        assert plan.reachable
        assert plan.criteria == ("registration_rate", "supervision_checks_case_files")
        assert plan.minimal
        assert _reaches(plan, assessment)

    def test_judgement_plan_falls_back_to_the_engine(self, lying_search: None) -> None:
        """A judgement's plan the engine rejects is replaced by the fallback's verified plan."""
        assessment = _riverside_like()
        plan = lift_plan(assessment, assessment.framework.grade("good"), judgement="access")
        assert plan.reachable
        assert plan.criteria == ("registration_rate",)
        assert plan.minimal
        assert plan.after == assessment.framework.grade("good")

    def test_fallback_over_budget_keeps_the_greedy_plan(self, lying_search: None) -> None:
        """Past its budget the fallback returns the greedy plan: it reaches, but is not minimal."""
        assessment = _riverside_like()
        plan = lift_plan(
            assessment, assessment.framework.grade("good"), budgets=SearchBudgets(local=1)
        )
        assert plan.reachable
        assert not plan.minimal
        assert _reaches(plan, assessment)


class TestBudgets:
    def test_default_budgets_prove_the_plan_minimal(self) -> None:
        """Within the default budgets the plan is proven to have the fewest changes."""
        assessment = _riverside_like()
        plan = lift_plan(assessment, assessment.framework.grade("good"))
        assert plan.minimal
        assert len(plan) == 2

    def test_local_budget_keeps_a_greedy_judgement_plan(self) -> None:
        """Past the per-judgement budget the plan still reaches the target but is not minimal."""
        assessment = _riverside_like()
        plan = lift_plan(
            assessment, assessment.framework.grade("good"), budgets=SearchBudgets(local=1)
        )
        assert plan.reachable
        assert not plan.minimal
        assert _reaches(plan, assessment)

    def test_top_budget_keeps_the_best_plan_found(self) -> None:
        """Past the budget of states and vectors the best plan so far stands, not proven minimal."""
        assessment = _riverside_like()
        plan = lift_plan(
            assessment, assessment.framework.grade("good"), budgets=SearchBudgets(top=0)
        )
        assert plan.reachable
        assert not plan.minimal
        assert _reaches(plan, assessment)

    def test_counting_search_needs_one_state_for_the_example(self) -> None:
        """The example's rules overall is searched by counts in one state: proven minimal."""
        assessment = _riverside_like()
        plan = lift_plan(
            assessment, assessment.framework.grade("good"), budgets=SearchBudgets(top=1)
        )
        assert plan.minimal
        assert len(plan) == 2
        assert _reaches(plan, assessment)

    def test_default_budgets_are_the_documented_ones(self) -> None:
        """The defaults are those the module documents: 20,000 sets, 5,000 vectors, 12."""
        assert SearchBudgets(local=20_000, top=5_000, small=12) == DEFAULT_BUDGETS

    @pytest.mark.property
    @given(
        data=st.data(),
        budgets=st.builds(
            SearchBudgets,
            local=st.integers(1, 4),
            top=st.integers(1, 4),
            small=st.integers(0, 2),
        ),
    )
    def test_budgets_bound_work_not_soundness(
        self, data: st.DataObject, budgets: SearchBudgets
    ) -> None:
        """Under any budgets a plan is reachable as often as without, and a plan reaches."""
        framework = data.draw(frameworks(max_judgements=2))
        try:
            assessment = inspectkit.assess(framework, data.draw(evidence_for(framework)))
        except inspectkit.EvidenceError:
            return
        scope = data.draw(st.sampled_from([OVERALL, *(j.id for j in framework.judgements)]))
        goal = framework.scale[data.draw(st.integers(0, len(framework.scale) - 1))]
        judgement = None if scope == OVERALL else scope
        tight = lift_plan(assessment, goal, judgement=judgement, budgets=budgets)
        free = lift_plan(assessment, goal, judgement=judgement)
        assert tight.reachable == free.reachable
        if tight.reachable:
            assert _reaches(tight, assessment)
            assert len(tight) >= len(free)


def _two_grades() -> GradeScale:
    return GradeScale.from_grades(Grade("a", "Grade A"), Grade("b", "Grade B"))


def _all_a(members: int) -> Aggregation:
    """A rules method: Grade A needs every one of *members* members at Grade A."""
    return Aggregation(
        Method.RULES,
        rules=(Rule("a", at_least={"a": members}, at_most={"b": 0}),),
        provenance=MODELLED,
    )


def _rating(criterion_id: str) -> Criterion:
    return Criterion(id=criterion_id, title=criterion_id, measure=Measure.RATING)


class TestUnknownsAsTheEngineSeesThem:
    def test_rules_judgement_with_an_unknown_member_needs_one_change(self) -> None:
        """An unknown member of a rules judgement is assumed in line, so one change lifts it."""
        framework = Framework(
            id="rules_unknown",
            title="Rules with an unknown member",
            version="1",
            scale=_two_grades(),
            judgements=(
                Judgement(
                    id="j",
                    title="J",
                    criteria=tuple(_rating(f"c{k}") for k in range(4)),
                    aggregation=_all_a(4),
                ),
            ),
            overall=Aggregation(Method.SECURE_FIT, provenance=MODELLED),
            missing=MissingPolicy.EXCLUDE,
        )
        assessment = inspectkit.assess(framework, {"c0": "b", "c1": "a", "c3": "a"})
        assert assessment.judgements["j"].grade == framework.grade("b")
        plan = lift_plan(assessment, framework.grade("a"), judgement="j")
        assert plan.criteria == ("c0",)
        assert plan.minimal
        assert _reaches(plan, assessment)

    def test_rules_overall_with_an_ungraded_judgement_needs_one_change(self) -> None:
        """An ungraded judgement under a rules overall is assumed in line, so one change lifts."""
        framework = Framework(
            id="rules_overall_unknown",
            title="Rules overall with an ungraded judgement",
            version="1",
            scale=_two_grades(),
            judgements=(
                Judgement(
                    id="j0",
                    title="J0",
                    criteria=(_rating("c0"),),
                    aggregation=Aggregation(Method.SECURE_FIT, provenance=MODELLED),
                ),
                Judgement(
                    id="j1",
                    title="J1",
                    criteria=(_rating("c1"),),
                    aggregation=Aggregation(Method.SECURE_FIT, provenance=MODELLED),
                ),
            ),
            overall=_all_a(2),
            missing=MissingPolicy.EXCLUDE,
        )
        assessment = inspectkit.assess(framework, {"c0": "b"})
        assert assessment.judgements["j1"].grade is None
        assert assessment.grade == framework.grade("b")
        plan = lift_plan(assessment, framework.grade("a"))
        assert plan.criteria == ("c0",)
        assert plan.minimal
        assert _reaches(plan, assessment)


def _share(criterion_id: str) -> Criterion:
    """A proportion at Grade A from 1.0 and Grade B from 0.0 (Grade C only when absent)."""
    return Criterion(
        id=criterion_id,
        title=criterion_id,
        measure=Measure.PROPORTION,
        thresholds=(Threshold("a", 1.0, MODELLED), Threshold("b", 0.0, MODELLED)),
    )


def _secure(*criteria: Criterion, judgement_id: str) -> Judgement:
    return Judgement(
        id=judgement_id,
        title=judgement_id,
        criteria=criteria,
        aggregation=Aggregation(Method.SECURE_FIT, provenance=MODELLED),
    )


class TestCapsOnAnUngradedJudgement:
    def test_one_change_releases_the_cap_on_an_ungraded_judgements_best_grade(self) -> None:
        """A cap on an excluded judgement's best grade is released by one change, not two.

        The oracle's counterexample: j0 has no evidence (excluded, so ungraded), but a cap
        watching j1's c4 holds j0's *best* grade at C, and the overall grade is kept within
        its range, so the overall is C. Raising c4 alone releases that cap and lifts the
        overall to B; grading j0 as well is not needed.
        """
        three = GradeScale.from_grades(
            Grade("a", "Grade A"), Grade("b", "Grade B"), Grade("c", "Grade C")
        )
        framework = Framework(
            id="ungraded_capped",
            title="A cap on an ungraded judgement",
            version="1",
            scale=three,
            judgements=(
                _secure(_share("c0"), _share("c1"), judgement_id="j0"),
                _secure(
                    _share("c2"), _rating("c3"), _share("c4"), _rating("c5"), judgement_id="j1"
                ),
            ),
            overall=Aggregation(Method.SECURE_FIT, provenance=MODELLED),
            caps=(
                Cap("cap_0", when="c4", limits="j0", to="c", at_or_below="b", provenance=MODELLED),
                Cap("cap_1", when="c0", limits="j0", to="b", at_or_below="a", provenance=MODELLED),
            ),
            missing=MissingPolicy.EXCLUDE,
        )
        evidence = Evidence(
            framework.id,
            "Generated centre",
            {
                "c3": Entry("c3", NOT_APPLICABLE),
                "c4": Entry("c4", Interval(0.0, 0.0)),
                "c5": Entry("c5", "b"),
            },
        )
        assessment = inspectkit.assess(framework, evidence)
        assert assessment.judgements["j0"].grade is None
        assert assessment.grade == framework.grade("c")
        plan = lift_plan(assessment, framework.grade("b"))
        assert plan.criteria == ("c4",)
        assert plan.minimal
        assert _reaches(plan, assessment)


def _assumed_in_line() -> Framework:
    """A rules judgement whose absent members are assumed in line with the graded ones.

    j0's rules give Grade A when no member is below B and at most one is at B (or when every
    member is at A); c0 and c1 have no evidence, so they are assumed at the worst graded
    member's grade, within their range (c1, a check met at B, can never be better than B).
    A cap on c0 that fires only on its worst case leaves the point alone.
    """
    three = GradeScale.from_grades(
        Grade("a", "Grade A"), Grade("b", "Grade B"), Grade("c", "Grade C")
    )
    rules = Aggregation(
        Method.RULES,
        rules=(
            Rule("a", none_below="a"),
            Rule("a", at_least={"a": 1}, none_below="a"),
            Rule("a", at_most={"b": 1}, none_below="b"),
        ),
        provenance=MODELLED,
    )
    check_at_b = Criterion(id="c1", title="c1", measure=Measure.CHECK, met="b")
    quantity = Criterion(
        id="c3",
        title="c3",
        measure=Measure.QUANTITY,
        thresholds=(Threshold("a", 1.0, MODELLED), Threshold("b", 0.0, MODELLED)),
    )
    return Framework(
        id="assumed_in_line",
        title="Absent members assumed in line",
        version="1",
        scale=three,
        judgements=(
            Judgement(
                id="j0",
                title="j0",
                criteria=(_share("c0"), check_at_b, _share("c2"), quantity),
                aggregation=rules,
            ),
            _secure(
                Criterion(id="c4", title="c4", measure=Measure.CHECK, not_met="b"),
                judgement_id="j1",
            ),
        ),
        overall=Aggregation(Method.SECURE_FIT, provenance=MODELLED),
        caps=(Cap("cap_0", when="c0", limits="j0", to="b", at_or_below="b", provenance=MODELLED),),
        missing=MissingPolicy.EXCLUDE,
    )


class TestAnUngradedJudgementAssumedUnderRules:
    def test_releasing_the_cap_lets_the_assumption_rise_with_the_others(self) -> None:
        """One change releases both caps, and the ungraded judgement is assumed outstanding.

        The oracle's counterexample (rules over cap-linked judgements, absent evidence
        excluded): j1 has no evidence, and a chain cap from j0 holds its best grade at
        Requires improvement, so the rules overall assumes it no better. Meeting the check
        c2 releases the cap on j0, j0 releases the chain cap, and j1 is then assumed in line
        with the other two (Outstanding): one change, where the judgement targets alone see
        two (c1 as well).
        """
        scale = four_grade_scale()
        best_fit = Aggregation(Method.BEST_FIT, provenance=MODELLED)
        thresholds = [
            Threshold("outstanding", 5.0, MODELLED),
            Threshold("good", 12.0, MODELLED),
            Threshold("requires_improvement", 20.0, MODELLED),
        ]
        judged = [
            Judgement(
                "j0",
                "J0",
                [
                    Criterion(
                        "c0",
                        "c0",
                        Measure.QUANTITY,
                        direction=Direction.LOWER,
                        unit="points",
                        thresholds=thresholds,
                        provenance=MODELLED,
                    )
                ],
                aggregation=best_fit,
            ),
            Judgement(
                "j1",
                "J1",
                [Criterion("c1", "c1", Measure.RATING, provenance=MODELLED)],
                aggregation=best_fit,
            ),
            Judgement(
                "j2",
                "J2",
                [
                    Criterion(
                        "c2",
                        "c2",
                        Measure.CHECK,
                        not_met="requires_improvement",
                        provenance=MODELLED,
                    )
                ],
                aggregation=best_fit,
            ),
        ]
        overall = Aggregation(
            Method.RULES,
            rules=[
                Rule("outstanding", at_least={"outstanding": 3}),
                Rule("good", at_least={"good": 3}),
                Rule("requires_improvement", at_most={"inadequate": 0}),
            ],
            provenance=MODELLED,
        )
        caps = [
            Cap(
                "chain_0",
                when="j0",
                limits="j1",
                to="requires_improvement",
                at_or_below="requires_improvement",
                provenance=MODELLED,
            ),
            Cap(
                "check_0",
                when="c2",
                limits="j0",
                to="requires_improvement",
                not_met=True,
                provenance=MODELLED,
            ),
        ]
        framework = Framework(
            "small_crafted",
            "t",
            "1",
            scale,
            judged,
            overall,
            caps=caps,
            missing=MissingPolicy.EXCLUDE,
        )
        evidence = Evidence(framework.id, "u", {"c0": Entry("c0", 5.0), "c2": Entry("c2", False)})
        assessment = inspectkit.assess(framework, evidence)
        plan = assessment.lift_plan("outstanding")
        assert [change.criterion for change in plan.changes] == ["c2"]
        assert plan.minimal
        assert _reaches(plan, assessment)


class TestGradingAnUnknownCanPullDown:
    def test_a_target_unreachable_with_everything_at_its_best_can_still_be_reached(self) -> None:
        """Meeting c1 (best B) would lower the others' assumed grade: the plan leaves it out.

        With c0 and c2 fixed, "everything at its best" grades c1 at B, so the assumed c0
        drops to B and j0 falls to C; yet raising c3 alone (and c4) reaches A. The search no
        longer declares the target out of reach from that one trial.
        """
        framework = _assumed_in_line()
        evidence = {"c2": Interval(1.0, 1.0), "c3": 0.0, "c4": False}
        assessment = inspectkit.assess(framework, evidence)
        assert assessment.grade == framework.grade("c")
        plan = lift_plan(assessment, framework.grade("a"), fixed=("c0", "c2"))
        assert plan.reachable
        assert plan.criteria == ("c3", "c4")
        assert plan.minimal
        assert _reaches(plan, assessment)

    def test_an_absent_member_left_to_its_assumption_saves_a_change(self) -> None:
        """One change (c3) lifts j0 to A and the overall with it; c0 need not be evidenced."""
        framework = _assumed_in_line()
        assessment = inspectkit.assess(framework, {"c2": Interval(1.0, 1.0), "c3": 0.0})
        assert assessment.judgements["j1"].grade is None
        plan = lift_plan(assessment, framework.grade("a"))
        assert plan.criteria == ("c3",)
        assert plan.minimal
        assert _reaches(plan, assessment)


class TestStoppedEarly:
    def test_a_plan_past_its_budget_says_so(self) -> None:
        """A plan that is not proven minimal says in its reason that the search stopped."""
        assessment = _riverside_like()
        plan = lift_plan(
            assessment, assessment.framework.grade("good"), budgets=SearchBudgets(local=1)
        )
        assert not plan.minimal
        assert "stopped at its work limit" in plan.reason

    def test_a_minimal_plan_does_not(self) -> None:
        """A plan proven minimal says nothing about a work limit."""
        assessment = _riverside_like()
        plan = lift_plan(assessment, assessment.framework.grade("good"))
        assert plan.minimal
        assert "work limit" not in plan.reason


def _many_ratings(count: int, method: Method) -> Framework:
    criteria = tuple(_rating(f"c{k}") for k in range(count))
    if method is Method.RULES:
        aggregation = Aggregation(
            Method.RULES,
            rules=(
                Rule("a", at_least={"a": count // 2}, minimum={"c0": "a"}),
                Rule("b", at_most={"c": count // 4}),
            ),
            provenance=MODELLED,
        )
    else:
        aggregation = Aggregation(
            method, share=0.7 if method is Method.BEST_FIT else None, provenance=MODELLED
        )
    three = GradeScale.from_grades(
        Grade("a", "Grade A"), Grade("b", "Grade B"), Grade("c", "Grade C")
    )
    return Framework(
        id="many_ratings",
        title="Many ratings",
        version="1",
        scale=three,
        judgements=(Judgement(id="j", title="J", criteria=criteria, aggregation=aggregation),),
        overall=Aggregation(Method.SECURE_FIT, provenance=MODELLED),
        missing=MissingPolicy.EXCLUDE,
    )


class TestLargeJudgements:
    @pytest.mark.property
    @pytest.mark.parametrize("method", [Method.RULES, Method.BEST_FIT, Method.SECURE_FIT])
    @given(data=st.data())
    def test_polynomial_solvers_agree_with_the_subset_search(
        self, method: Method, data: st.DataObject
    ) -> None:
        """On 14 ratings, the large-judgement solver finds as few changes as trying subsets."""
        framework = _many_ratings(14, method)
        grades = st.sampled_from(["a", "b", "c", None])
        values = {f"c{k}": data.draw(grades) for k in range(14)}
        evidence = {key: value for key, value in values.items() if value is not None}
        assessment = inspectkit.assess(framework, evidence)
        goal = framework.grade("a")
        fast = lift_plan(assessment, goal, judgement="j", budgets=SearchBudgets(small=0))
        full = lift_plan(assessment, goal, judgement="j", budgets=SearchBudgets(small=14))
        assert fast.reachable == full.reachable
        if full.reachable and full.minimal:
            assert len(fast) == len(full)
            assert fast.minimal
            assert _reaches(fast, assessment)


def _plan_words(assessment: Assessment, scope: str, goal: Grade) -> tuple[Any, ...]:
    """A plan searched afresh (no memo), as what a reader sees of it."""
    plan = _lift._plan(_lift._Planner(assessment), scope, goal)
    changes = tuple((c.criterion, c.after.id, c.value) for c in plan.changes)
    return plan.reachable, plan.minimal, plan.reason, changes


class TestShortcuts:
    @pytest.mark.property
    @settings(max_examples=150, deadline=None)
    @given(data=st.data())
    def test_shortcuts_change_no_plan(self, data: st.DataObject) -> None:
        """Plans found with the proven shortcuts equal those found without them."""
        framework = data.draw(frameworks(max_judgements=3))
        try:
            assessment = inspectkit.assess(framework, data.draw(evidence_for(framework)))
        except inspectkit.EvidenceError:
            assume(False)
            raise
        scope = data.draw(st.sampled_from([OVERALL, *(j.id for j in framework.judgements)]))
        goal = data.draw(st.sampled_from(framework.scale.grades))
        cut = _plan_words(assessment, scope, goal)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_lift, "_SHORTCUTS", False)
            uncut = _plan_words(assessment, scope, goal)
        assert cut == uncut

    def test_a_best_fit_judgement_is_searched_from_its_bound(self) -> None:
        """Two members short of a best fit judgement's target: sets of one are never tried."""
        framework = _many_ratings(5, Method.BEST_FIT)
        assessment = inspectkit.assess(
            framework, {"c0": "c", "c1": "b", "c2": "a", "c3": "a", "c4": "b"}
        )
        planner = _lift._Planner(assessment)
        tried: list[int] = []
        check = _lift._JudgementCheck.__call__

        def counting(self: Any, assign: Any) -> bool:
            tried.append(len(assign))
            return check(self, assign)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_lift._JudgementCheck, "__call__", counting)
            found = planner.local(0, 0, ())
        assert found is not None
        assert found.count == 2
        assert 1 not in tried

    def test_a_secure_fit_judgement_is_solved_without_a_check(self) -> None:
        """Each member below a secure fit judgement's target changes, no set being tried."""
        framework = _many_ratings(5, Method.SECURE_FIT)
        assessment = inspectkit.assess(
            framework, {"c0": "c", "c1": "b", "c2": "a", "c3": "a", "c4": "b"}
        )
        planner = _lift._Planner(assessment)
        tried: list[int] = []
        check = _lift._JudgementCheck.__call__

        def counting(self: Any, assign: Any) -> bool:
            tried.append(len(assign))
            return check(self, assign)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_lift._JudgementCheck, "__call__", counting)
            found = planner.local(0, 1, ())
        assert found is not None
        assert found.assign == {0: 1}
        assert tried == []

    @pytest.mark.property
    @settings(max_examples=100, deadline=None)
    @given(data=st.data())
    def test_lowering_by_sums_changes_no_plan(self, data: st.DataObject) -> None:
        """A best fit judgement's plans, lowered by its members' sums, equal those without."""
        size = data.draw(st.integers(3, 16))
        framework = _many_ratings(size, Method.BEST_FIT)
        grades = st.sampled_from(["a", "b", "c"])
        assessment = inspectkit.assess(framework, {f"c{k}": data.draw(grades) for k in range(size)})
        goal = data.draw(st.sampled_from(framework.scale.grades))
        cut = _plan_words(assessment, "j", goal)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_lift, "_SHORTCUTS", False)
            uncut = _plan_words(assessment, "j", goal)
        assert cut == uncut
