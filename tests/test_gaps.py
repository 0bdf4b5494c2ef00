"""Gap lists, lift plans and what-ifs: readable examples and the properties they must hold."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import inspectkit
from frameworks_for_tests import example_framework
from inspectkit import Assessment, Counts, Entry, Evidence, EvidenceError, UnknownIdError
from inspectkit.gaps import find_lift_plan
from inspectkit.grades import Grade, GradeScale
from inspectkit.rubric import (
    OVERALL,
    Aggregation,
    Basis,
    Cap,
    Criterion,
    Framework,
    Judgement,
    Measure,
    Method,
    MissingPolicy,
    Provenance,
    Threshold,
)
from inspectkit.scoring import SearchBudgets, _lift
from inspectkit.scoring._lift import _Planner
from strategies import evidence_for, frameworks
from test_lift_plan_oracle import fewest_changes


def _riverside_like() -> Assessment:
    """A unit of the documentation's example framework that is Requires improvement."""
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


def _cap_on_an_ungraded_judgement() -> Assessment:
    """Overall Grade B only because check ``c1`` is not met; a cap watches ungraded ``j0``.

    Absent evidence is excluded, so ``j0`` (whose only criterion ``c0`` is absent) has no
    grade and its cap on ``j1`` cannot fire. Found by hypothesis: the planner once lifted
    ``j0`` as well to release that cap.
    """
    modelled = Provenance(Basis.MODELLED)
    scale = GradeScale.from_grades(
        *(Grade(f"grade_{letter}", f"Grade {letter.upper()}") for letter in "abcde")
    )
    c0 = Criterion(
        id="c0",
        title="Criterion c0",
        measure=Measure.QUANTITY,
        provenance=modelled,
        thresholds=tuple(
            Threshold(f"grade_{letter}", value, modelled)
            for letter, value in zip("abcd", (3.0, 2.0, 1.0, 0.0), strict=True)
        ),
    )
    c1 = Criterion(
        id="c1", title="Criterion c1", measure=Measure.CHECK, not_met="grade_b", provenance=modelled
    )
    framework = Framework(
        id="generated",
        title="A cap on an ungraded judgement",
        version="1",
        scale=scale,
        judgements=(
            Judgement("j0", "Judgement j0", (c0,), Aggregation(Method.BEST_FIT, share=0.25)),
            Judgement("j1", "Judgement j1", (c1,), Aggregation(Method.SECURE_FIT)),
        ),
        overall=Aggregation(Method.SECURE_FIT),
        caps=(Cap("cap_0", "j0", "j1", "grade_b", modelled, at_or_below="grade_b"),),
        missing=MissingPolicy.EXCLUDE,
    )
    evidence = Evidence(framework.id, "Generated centre", {"c1": Entry("c1", False)})
    return inspectkit.assess(framework, evidence)


class TestGaps:
    def test_default_target_is_one_grade_better(self) -> None:
        """Without a target, gaps are measured against the grade above the predicted one."""
        assessment = _riverside_like()
        assert assessment.grade is not None
        assert assessment.grade.id == "requires_improvement"
        assert {gap.required.rank for gap in assessment.gaps()} <= {0, 1}
        assert assessment.lift_plan().target.id == "good"

    def test_blocking_gap_comes_first(self) -> None:
        """A check whose cap holds leadership below the target is ranked first and blocking."""
        first = _riverside_like().gaps()[0]
        assert first.criterion == "supervision_checks_case_files"
        assert first.blocking
        assert first.caps == ("supervision_limits_leadership",)
        assert first.need == "not met -> meet the check"

    def test_proportion_gap_gives_points_and_counts(self) -> None:
        """A proportion given as counts says how many more of the denominator are needed."""
        gaps = {gap.criterion: gap for gap in _riverside_like().gaps()}
        gap = gaps["registration_rate"]
        assert gap.need == "58% -> at least 65%: +7 points, about 49 more of 700"
        assert gap.more == 49
        assert gap.of == 700
        assert gap.distance == pytest.approx(0.07)
        assert gap.required.id == "good"
        assert gap.actions == ("Agree a live-birth data feed with health visitors.",)

    def test_quantity_gap_gives_distance_in_units(self) -> None:
        """A lower-is-better quantity says how far it must fall, in its unit."""
        gaps = {gap.criterion: gap for gap in _riverside_like().gaps()}
        gap = gaps["gld_gap"]
        assert gap.need == (
            "15 percentage points -> at most 12 percentage points: -3 percentage points"
        )
        assert not gap.in_plan

    def test_gaps_in_the_plan_rank_before_others(self) -> None:
        """Gaps the lift plan needs come before gaps it does not."""
        order = [gap.criterion for gap in _riverside_like().gaps()]
        assert order == ["supervision_checks_case_files", "registration_rate", "gld_gap"]

    def test_closes_alone_flags(self) -> None:
        """Meeting the supervision check alone lifts leadership; it does not lift overall."""
        gaps = {gap.criterion: gap for gap in _riverside_like().gaps()}
        assert gaps["supervision_checks_case_files"].lifts_judgement
        assert not gaps["supervision_checks_case_files"].lifts_overall
        assert gaps["registration_rate"].closes_alone

    def test_absent_evidence_is_a_gap_to_collect(self) -> None:
        """A criterion with no evidence asks for evidence to be collected."""
        assessment = _riverside_like()
        evidence = assessment.evidence.replace({"registration_rate": None})
        rescored = inspectkit.assess(assessment.framework, evidence)
        gaps = {gap.criterion: gap for gap in rescored.gaps("good")}
        gap = gaps["registration_rate"]
        assert gap.absent
        assert gap.need.startswith("no evidence -> collect evidence showing at least 65%")
        assert "LA dataset" in gap.need

    def test_no_gaps_at_the_target(self) -> None:
        """An assessment already at the target has no gaps."""
        assert _riverside_like().gaps("requires_improvement") == ()

    def test_unknown_target_is_refused(self) -> None:
        """A target that is not on the scale raises UnknownIdError."""
        with pytest.raises(UnknownIdError):
            _riverside_like().gaps("excellent")


class TestLiftPlan:
    def test_lowest_grade_under_percent_bands_needs_only_a_grade(self) -> None:
        """An ungraded percent-bands judgement reaches its lowest grade by any recorded member.

        The engine gives the lowest grade to a graded judgement that meets no band, so the
        plan records the check as not met rather than met (found by hypothesis: the planner
        once asked for the band's share).
        """
        modelled = Provenance(Basis.MODELLED)
        scale = GradeScale.from_grades(Grade("grade_a", "Grade A"), Grade("grade_b", "Grade B"))
        c0 = Criterion(id="c0", title="Criterion c0", measure=Measure.CHECK, provenance=modelled)
        bands = Aggregation(
            Method.PERCENT_BANDS, points={"grade_a": 1.0, "grade_b": 0.0}, bands={"grade_a": 1.0}
        )
        framework = Framework(
            id="generated",
            title="Percent bands, one check",
            version="1",
            scale=scale,
            judgements=(Judgement("j0", "Judgement j0", (c0,), bands),),
            overall=Aggregation(Method.BEST_FIT, share=0.25),
        )
        assessment = inspectkit.assess(
            framework, Evidence(framework="generated", unit="u"), missing="exclude"
        )
        plan = find_lift_plan(assessment, "grade_b", judgement="j0")
        assert [(c.criterion, c.after.id) for c in plan.changes] == [("c0", "grade_b")]
        assert plan.after is not None
        assert plan.after.id == "grade_b"

    def test_smallest_plan_for_good(self) -> None:
        """Two changes lift the example to Good, each to the lowest grade that suffices."""
        plan = _riverside_like().lift_plan("good")
        assert plan.reachable
        assert plan.minimal
        assert [(c.criterion, c.after.id) for c in plan.changes] == [
            ("registration_rate", "good"),
            ("supervision_checks_case_files", "outstanding"),
        ]
        assert plan.after is not None
        assert plan.after.id == "good"
        assert plan.changes[0].value == 0.65
        assert plan.changes[0].entry.counts == Counts(455, 700)

    def test_plan_result_is_rescored(self) -> None:
        """The plan carries the assessment with its changes applied, at the target."""
        assessment = _riverside_like()
        plan = assessment.lift_plan("good")
        rescored = inspectkit.assess(
            assessment.framework, assessment.evidence.replace(plan.entries())
        )
        assert plan.result == rescored
        assert rescored.grade == plan.after

    def test_fixed_criterion_makes_target_unreachable(self) -> None:
        """Holding the supervision check fixed leaves its cap in place, and the plan says so."""
        plan = _riverside_like().lift_plan("good", fixed=["supervision_checks_case_files"])
        assert not plan.reachable
        assert plan.changes == ()
        assert "supervision_limits_leadership" in plan.reason
        assert "fixed criteria: supervision_checks_case_files" in plan.reason

    def test_plan_for_one_judgement(self) -> None:
        """A plan can lift one judgement instead of the overall grade."""
        plan = _riverside_like().lift_plan("good", judgement="access")
        assert plan.scope == "access"
        assert plan.criteria == ("registration_rate",)

    def test_empty_plan_at_target(self) -> None:
        """A plan for a grade already reached is empty and reachable."""
        plan = _riverside_like().lift_plan("requires_improvement")
        assert plan.reachable
        assert len(plan) == 0

    def test_unknown_judgement_is_refused(self) -> None:
        """A plan for a judgement the framework lacks raises UnknownIdError."""
        with pytest.raises(UnknownIdError):
            _riverside_like().lift_plan("good", judgement="nope")

    def test_unknown_fixed_criterion_is_refused(self) -> None:
        """Fixing a criterion the framework lacks raises UnknownIdError."""
        with pytest.raises(UnknownIdError):
            _riverside_like().lift_plan("good", fixed=["nope"])

    def test_cap_on_an_ungraded_judgement_asks_nothing(self) -> None:
        """A cap watching a judgement with no grade needs no change to release it."""
        assessment = _cap_on_an_ungraded_judgement()
        assert assessment.grade is not None
        assert assessment.grade.id == "grade_b"
        for small in (_lift.DEFAULT_BUDGETS.small, 0):
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(_lift, "DEFAULT_BUDGETS", SearchBudgets(small=small))
                plan = find_lift_plan(assessment, "grade_a")
            assert plan.reachable
            assert plan.minimal
            assert [(c.criterion, c.after.id) for c in plan.changes] == [("c1", "grade_a")]
            assert plan.after is not None
            assert plan.after.id == "grade_a"
        assert fewest_changes(assessment, OVERALL, 0) == 1


class TestWhatIf:
    def test_reports_what_moved(self) -> None:
        """Meeting the check moves the criterion and leadership, and closes its gap."""
        result = _riverside_like().what_if({"supervision_checks_case_files": True})
        moved = {move.id: move for move in result.moved}
        assert set(moved) == {"leadership", "supervision_checks_case_files"}
        assert moved["leadership"].direction == "improved"
        assert result.overall is None
        assert result.gaps_closed == ("supervision_checks_case_files",)
        assert result.gaps_opened == ()

    def test_keeps_the_missing_policy(self) -> None:
        """A what-if re-scores under the assessment's own missing-evidence policy."""
        framework = example_framework()
        evidence = Evidence(framework.id, "Sparse centre", {"gld_gap": Entry("gld_gap", 15.0)})
        before = inspectkit.assess(framework, evidence, missing=MissingPolicy.EXCLUDE)
        result = before.what_if({"gld_gap": 4.0})
        assert result.after.missing is MissingPolicy.EXCLUDE
        assert result.after == inspectkit.assess(
            framework, evidence.replace({"gld_gap": Entry("gld_gap", 4.0)}), missing="exclude"
        )

    def test_raw_values_are_parsed(self) -> None:
        """Raw values are read as an evidence file would give them."""
        result = _riverside_like().what_if({"registration_rate": "70%"})
        entry = result.changes["registration_rate"]
        assert entry is not None
        assert entry.value == pytest.approx(0.7)
        assert result.after.criteria["registration_rate"].grade == result.after.framework.grade(
            "good"
        )

    def test_none_removes_evidence(self) -> None:
        """A change of None removes the evidence."""
        result = _riverside_like().what_if({"board_challenge": None})
        assert "board_challenge" not in result.after.evidence.entries

    def test_bad_value_is_an_evidence_error(self) -> None:
        """A value that does not fit its criterion raises EvidenceError."""
        with pytest.raises(EvidenceError):
            _riverside_like().what_if({"registration_rate": "lots"})

    def test_function_form(self) -> None:
        """The function form assesses, then applies the changes."""
        assessment = _riverside_like()
        result = inspectkit.what_if(
            assessment.framework,
            assessment.evidence,
            {"supervision_checks_case_files": True},
        )
        assert result.before == assessment
        assert result.after.judgements["leadership"].grade.id == "good"


# ---- properties -----------------------------------------------------------------------------


def _assess_or_skip(framework: Framework, evidence: Evidence) -> Assessment:
    try:
        return inspectkit.assess(framework, evidence)
    except EvidenceError:
        assume(False)
        raise


def _grade_rank(assessment: Assessment, scope: str) -> int | None:
    grade = assessment.result(scope).grade
    return None if grade is None else grade.rank


def _reaches(assessment: Assessment, scope: str, target: int) -> bool:
    rank = _grade_rank(assessment, scope)
    return rank is not None and rank <= target


@st.composite
def _cases(draw: st.DrawFn, max_judgements: int = 2) -> tuple[Assessment, str, int]:
    framework = draw(frameworks(max_judgements=max_judgements))
    evidence = draw(evidence_for(framework))
    assessment = _assess_or_skip(framework, evidence)
    scope = draw(st.sampled_from([OVERALL, *(j.id for j in framework.judgements)]))
    target = draw(st.integers(0, len(framework.scale) - 1))
    return assessment, scope, target


@pytest.mark.property
class TestLiftPlanProperties:
    @given(case=_cases())
    def test_plan_is_sound(self, case: tuple[Assessment, str, int]) -> None:
        """Applying a reachable plan's changes and re-scoring reaches the target."""
        assessment, scope, target = case
        plan = find_lift_plan(assessment, target + 1, judgement=scope)
        assume(plan.reachable)
        rescored = inspectkit.assess(
            assessment.framework,
            assessment.evidence.replace(plan.entries()),
            missing=assessment.missing,
        )
        assert _reaches(rescored, scope, target)

    @given(case=_cases())
    def test_each_change_is_to_the_lowest_grade_that_suffices(
        self, case: tuple[Assessment, str, int]
    ) -> None:
        """Lowering any one change by a grade loses the target."""
        assessment, scope, target = case
        plan = find_lift_plan(assessment, target + 1, judgement=scope)
        planner = _Planner(assessment)
        scope_index = (
            -1 if scope == OVERALL else [j.id for j in assessment.framework.judgements].index(scope)
        )
        assign = {planner.compiled.index[c.criterion]: c.after.rank for c in plan.changes}
        for i, rank in assign.items():
            lower = [option for option in planner.options[i] if option > rank]
            if lower:
                assert not planner.reaches({**assign, i: lower[0]}, scope_index, target)

    @given(case=_cases())
    def test_closing_every_gap_reaches_the_target(self, case: tuple[Assessment, str, int]) -> None:
        """Raising every gap to its required grade reaches a reachable target."""
        assessment, scope, target = case
        judgement = None if scope == OVERALL else scope
        plan = find_lift_plan(assessment, target + 1, judgement=judgement)
        assume(plan.reachable)
        planner = _Planner(assessment)
        entries = {
            gap.criterion: planner.entry_for(
                planner.compiled.index[gap.criterion], gap.required.rank
            )
            for gap in assessment.gaps(target + 1, judgement=judgement)
        }
        rescored = inspectkit.assess(
            assessment.framework,
            assessment.evidence.replace(entries),
            missing=assessment.missing,
        )
        assert _reaches(rescored, scope, target)

    @given(case=_cases())
    def test_at_target_no_gaps_and_empty_plan(self, case: tuple[Assessment, str, int]) -> None:
        """An assessment already at its target has no gaps and an empty plan."""
        assessment, scope, target = case
        assume(_reaches(assessment, scope, target))
        judgement = None if scope == OVERALL else scope
        assert assessment.gaps(target + 1, judgement=judgement) == ()
        assert assessment.lift_plan(target + 1, judgement=judgement).changes == ()

    @given(case=_cases())
    def test_what_if_restating_the_evidence_moves_nothing(
        self, case: tuple[Assessment, str, int]
    ) -> None:
        """Re-scoring with every entry restated as it is gives an equal assessment, no moves."""
        assessment, _scope, _target = case
        assume(assessment.evidence.entries)
        result = assessment.what_if(dict(assessment.evidence.entries))
        assert result.after is not assessment
        assert result.after == assessment
        assert result.moved == ()
        assert (result.gaps_closed, result.gaps_opened) == ((), ())
