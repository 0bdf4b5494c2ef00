"""The result models' own behaviour: look-ups, totals, reprs and the framework-change list.

The engine and the use cases build these objects; the tests here check what the objects
themselves compute from their fields, through the public functions that build them.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import attrs
import pytest

import inspectkit
from frameworks_for_tests import example_framework, requires_improvement_evidence
from inspectkit import Assessment, UnknownIdError
from inspectkit.evidence import (
    NOT_APPLICABLE,
    Entry,
    Evidence,
    Finding,
    FindingSign,
    FindingWeight,
    GivenGrade,
)
from inspectkit.rubric import (
    OVERALL,
    Aggregation,
    Cap,
    Criterion,
    Framework,
    Judgement,
    Measure,
    Method,
    Provenance,
)

ROOT = Path(__file__).resolve().parents[1]
FRAMEWORK = example_framework()
MODELLED = Provenance("modelled")


def assessment(framework: Framework = FRAMEWORK) -> Assessment:
    """The example centre that requires improvement, under *framework*."""
    evidence = requires_improvement_evidence()
    return inspectkit.assess(framework, attrs.evolve(evidence, framework=framework.id))


def later_version(**changes: object) -> Framework:
    """The example framework as a later version with *changes*."""
    return attrs.evolve(FRAMEWORK, version="2.0", **changes)


def northfield(rule: str) -> inspectkit.GroupAssessment:
    return inspectkit.load_group(ROOT / "examples" / "groups" / "northfield.toml").assess(rule=rule)


class TestAssessmentLookups:
    @pytest.mark.parametrize("result_id", [OVERALL, "access", "gld_gap"])
    def test_result_by_id(self, result_id: str) -> None:
        """result() finds the overall result, a judgement's or a criterion's by id."""
        found = assessment().result(result_id)
        assert found.id == result_id

    def test_unknown_result_id(self) -> None:
        """result() raises UnknownIdError for an id that is neither judgement nor criterion."""
        with pytest.raises(UnknownIdError, match="'nope'"):
            assessment().result("nope")


class TestGroupLookups:
    @pytest.mark.parametrize("result_id", [OVERALL, "varied_menu", "menu_breadth"])
    def test_result_by_id(self, result_id: str) -> None:
        """A group's result() finds its overall, judgement or criterion grade by id."""
        assert northfield("weakest").result(result_id).id == result_id

    def test_unknown_result_id(self) -> None:
        """A group's result() raises UnknownIdError for an unknown id."""
        with pytest.raises(UnknownIdError, match="'nope'"):
            northfield("weakest").result("nope")


class TestGroupLiftPlans:
    def test_pooled_group_has_one_plan(self) -> None:
        """A pooled group's plan is the pooled assessment's, under the group's name."""
        group = northfield("pooled")
        plans = group.lift_plan("established")
        assert list(plans) == [group.unit]
        assert len(plans[group.unit]) > 0

    def test_weakest_plans_for_every_member_below_target(self) -> None:
        """Under weakest, every member below the target gets a plan, and no other member."""
        group = northfield("weakest")
        plans = group.lift_plan("established")
        below = {name for name, m in group.members.items() if m.grade.id == "emerged"}
        assert set(plans) == below

    def test_best_fit_plans_for_members_holding_it_down(self) -> None:
        """Under best fit, the members below the target that hold the group down get plans."""
        group = northfield("best_fit")
        plans = group.lift_plan("advanced")
        assert set(plans) == set(group.holding_down())
        assert all(len(plan) > 0 for plan in plans.values())


class TestPlanTotals:
    def test_steps_and_cost_add_up_the_changes(self) -> None:
        """A plan's steps and cost are the sums of its changes' (cost = steps x effort)."""
        plan = assessment().lift_plan("good")
        assert plan.steps == sum(change.steps for change in plan.changes) == 3
        assert plan.cost == sum(change.steps * change.effort for change in plan.changes)
        assert [change.cost for change in plan.changes] == [1.0, 2.0]

    def test_gap_reads_as_its_need(self) -> None:
        """str() of a gap is the criterion's title and what it needs."""
        gap = assessment().gaps("good")[0]
        assert str(gap) == f"{gap.title}: {gap.need}"


class TestProgress:
    def test_comparison_coverage_is_before_and_after(self) -> None:
        """A comparison's coverage is the pair of the two assessments' coverage."""
        after = assessment()
        before = inspectkit.assess(FRAMEWORK, after.evidence.replace({"gld_gap": None}))
        comparison = inspectkit.compare(before, after)
        assert comparison.coverage == (before.coverage, after.coverage)
        assert before.coverage < after.coverage == 1.0

    def test_timeline_grades_of_any_result(self) -> None:
        """A timeline lists the grades of the overall result, a judgement, a criterion or none."""
        line = inspectkit.timeline([assessment(), assessment()])
        assert line.grades(OVERALL) == (assessment().grade,) * 2
        assert line.grades("access") == (assessment().judgements["access"].grade,) * 2
        assert line.grades("gld_gap") == (assessment().criteria["gld_gap"].grade,) * 2
        assert line.grades("not_a_result") == (None, None)


def _changes(after: Framework) -> list[tuple[str, str]]:
    comparison = inspectkit.compare(assessment(), assessment(after))
    return [(change.kind, change.id) for change in comparison.framework_changes]


def _extra_judgement() -> Judgement:
    access = FRAMEWORK.judgement("access")
    criterion = attrs.evolve(access.criteria[0], id="extra_rate")
    return attrs.evolve(access, id="extra", title="Extra", criteria=[criterion])


class TestFrameworkChanges:
    def test_same_framework_has_no_changes(self) -> None:
        """Comparing under the same framework lists no framework changes."""
        assert _changes(FRAMEWORK) == []

    def test_judgement_added_and_removed(self) -> None:
        """A judgement a later version adds, or drops, is listed with its criteria."""
        judgements = [*FRAMEWORK.judgements, _extra_judgement()]
        added = later_version(judgements=judgements)
        assert _changes(added) == [("criterion_added", "extra_rate"), ("judgement_added", "extra")]
        comparison = inspectkit.compare(assessment(added), assessment())
        assert [(c.kind, c.id) for c in comparison.framework_changes] == [
            ("criterion_removed", "extra_rate"),
            ("judgement_removed", "extra"),
        ]

    def test_aggregation_changed(self) -> None:
        """A judgement's or the overall aggregation that changes is listed."""
        access = FRAMEWORK.judgement("access")
        secure = Aggregation(Method.SECURE_FIT, provenance=MODELLED)
        judgements = [attrs.evolve(access, aggregation=secure), *FRAMEWORK.judgements[1:]]
        assert _changes(later_version(judgements=judgements, overall=secure)) == [
            ("aggregation_changed", "access"),
            ("aggregation_changed", OVERALL),
        ]

    def test_caps_added_removed_and_changed(self) -> None:
        """Caps a later version adds, drops or alters are each listed."""
        kept, dropped = FRAMEWORK.caps
        new = Cap("new_cap", when="gld_gap", limits="access", to="good", provenance=MODELLED)
        caps = [attrs.evolve(kept, to="inadequate"), new]
        assert _changes(later_version(caps=caps)) == [
            ("cap_added", "new_cap"),
            ("cap_changed", kept.id),
            ("cap_removed", dropped.id),
        ]


class TestReprs:
    @pytest.mark.parametrize(
        ("build", "expected"),
        [
            (
                lambda: assessment().criteria["gld_gap"],
                "<CriterionResult 'gld_gap' grade='requires_improvement' status='exact'>",
            ),
            (
                lambda: assessment().judgements["access"],
                "<JudgementResult 'access' grade='requires_improvement' caps=0>",
            ),
            (
                lambda: assessment().gaps("good")[0],
                "<Gap 'supervision_checks_case_files' 'requires_improvement'->'outstanding'"
                " blocking in_plan>",
            ),
            (
                lambda: assessment().gaps("good")[2],
                "<Gap 'gld_gap' 'requires_improvement'->'good'>",
            ),
            (
                lambda: assessment().lift_plan("good").changes[0],
                "<Change 'registration_rate' 'requires_improvement'->'good'>",
            ),
            (
                lambda: assessment().lift_plan("good"),
                "<LiftPlan 'overall' target='good' reachable"
                " changes=['registration_rate', 'supervision_checks_case_files']>",
            ),
            (
                lambda: assessment().lift_plan("good", fixed=["supervision_checks_case_files"]),
                "<LiftPlan 'overall' target='good' unreachable changes=[]>",
            ),
            (
                lambda: assessment().what_if({"supervision_checks_case_files": True}),
                "<WhatIf overall='requires_improvement'->'requires_improvement' moved=2>",
            ),
            (
                lambda: assessment().what_if({"supervision_checks_case_files": True}).moved[0],
                "<Movement 'leadership' improved steps=1>",
            ),
            (
                lambda: inspectkit.compare(assessment(), assessment()),
                "<Comparison unit='Example centre' overall='unchanged' closed=0 opened=0>",
            ),
            (
                lambda: inspectkit.timeline([assessment()]),
                "<Timeline unit='Example centre' assessments=1>",
            ),
        ],
        ids=lambda value: value.split()[0][1:] if isinstance(value, str) else "",
    )
    def test_repr_says_what_the_result_is(self, build: object, expected: str) -> None:
        """Each result's repr names its class, what it is about and its headline figures."""
        assert repr(build()) == expected  # type: ignore[operator]

    def test_group_grade_repr(self) -> None:
        """A group grade's repr names the result, its grade and the members holding it down."""
        grade = northfield("weakest").result("varied_menu")
        assert repr(grade).startswith("<GroupGrade 'varied_menu' grade=")
        assert "holding_down=[" in repr(grade)


class TestThresholdChanges:
    def test_thresholds_dropped_read_as_none(self) -> None:
        """A measured criterion that becomes a rating lists its old thresholds, then none."""
        access = FRAMEWORK.judgement("access")
        rated = [
            attrs.evolve(c, measure=Measure.RATING, thresholds=()) if c.id == "gld_gap" else c
            for c in access.criteria
        ]
        judgements = [attrs.evolve(access, criteria=rated), *FRAMEWORK.judgements[1:]]
        after = later_version(judgements=judgements)
        rated_evidence = requires_improvement_evidence().replace({"gld_gap": None})
        later = inspectkit.assess(after, rated_evidence)
        comparison = inspectkit.compare(assessment(), later)
        (change,) = comparison.framework_changes
        assert (change.kind, change.id) == ("threshold_changed", "gld_gap")
        assert change.detail.endswith(" to none")


def _direct_framework() -> Framework:
    """Two judgements, each one rating; overall is the weaker of the two (secure fit)."""
    secure = Aggregation(Method.SECURE_FIT, provenance=MODELLED)
    judgements = [
        Judgement(
            id=name,
            title=f"Judgement {name}",
            criteria=(Criterion(id=f"{name}_grade", title=name, measure=Measure.RATING),),
            aggregation=secure,
        )
        for name in ("a", "b")
    ]
    return Framework(
        id="direct",
        title="Direct grades",
        version="1",
        scale=FRAMEWORK.scale,
        judgements=judgements,
        overall=secure,
    )


def _calibration() -> inspectkit.CalibrationReport:
    """c1 is predicted a grade below its published overall; c2 cannot be graded on a."""

    def evidence(**grades: str) -> Evidence:
        entries = {f"{k}_grade": Entry(f"{k}_grade", grade) for k, grade in grades.items()}
        return Evidence(framework="direct", unit="Unit", entries=entries)

    return inspectkit.calibrate(
        _direct_framework(),
        {"c1": evidence(a="good", b="requires_improvement"), "c2": evidence(b="good")},
        outcomes=[{"id": "c1", "overall": "good"}, {"id": "c2", "a": "good"}],
        missing="exclude",
    )


class TestCalibrationModels:
    def test_agreement_by_target(self) -> None:
        """agreement() gives the overall, pooled or one judgement's figures."""
        report = _calibration()
        assert report.agreement(OVERALL) is report.overall
        assert report.agreement("judgements") is report.pooled
        assert report.agreement("a") is report.judgements["a"]

    def test_unknown_agreement_and_case(self) -> None:
        """agreement() and case() raise UnknownIdError for ids the report lacks."""
        report = _calibration()
        with pytest.raises(UnknownIdError, match="'nope'"):
            report.agreement("nope")
        with pytest.raises(UnknownIdError, match="'nope'"):
            report.case("nope")

    def test_grades_off(self) -> None:
        """A miss is so many grades off (negative: predicted worse); ungraded is None."""
        report = _calibration()
        assert [miss.grades_off for miss in report.misses] == [-1]
        assert [miss.grades_off for miss in report.ungraded] == [None]

    def test_notebook_markdown_is_the_report(self) -> None:
        """The notebook Markdown of a report is its to_markdown()."""
        report = _calibration()
        assert report._repr_markdown_() == report.to_markdown()
        assert report.to_text().startswith("Calibration")

    @pytest.mark.parametrize(
        ("build", "expected"),
        [
            (lambda r: r, "<CalibrationReport 'direct' cases=2 overall_exact=0/1>"),
            (lambda r: r.overall, "<Agreement 'overall' n=1 exact=0 within_one=1>"),
            (
                lambda r: r.misses[0],
                "<Miss 'c1' 'overall' published='good' predicted='requires_improvement'>",
            ),
            (lambda r: r.ungraded[0], "<Miss 'c2' 'a' published='good' predicted=None>"),
            (lambda r: r.case("c1"), "<CalibrationCase 'c1' published=1>"),
        ],
        ids=["report", "agreement", "miss", "ungraded", "case"],
    )
    def test_repr(self, build: object, expected: str) -> None:
        """Each calibration result's repr names what it is and its headline figures."""
        assert repr(build(_calibration())) == expected  # type: ignore[operator]

    def test_dataframe_without_pandas_names_the_extra(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without pandas, to_dataframe() raises ImportError naming inspectkit[pandas]."""
        monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
        with pytest.raises(ImportError, match=r"inspectkit\[pandas\]"):
            _calibration().to_dataframe()


class TestGivenJudgements:
    @pytest.mark.parametrize(
        ("given", "applies"),
        [(None, True), ("good", True), (NOT_APPLICABLE, False)],
        ids=["computed", "given", "not-applicable"],
    )
    def test_applies(self, given: str | None, applies: bool) -> None:
        """A judgement applies unless its grade was given as not applicable."""
        evidence = requires_improvement_evidence()
        if given is not None:
            evidence = attrs.evolve(evidence, judgements={"access": GivenGrade("access", given)})
        result = inspectkit.assess(FRAMEWORK, evidence).judgements["access"]
        assert result.applies is applies


class TestJudgementFindings:
    def test_strengths_and_weaknesses_split_the_findings(self) -> None:
        """A judgement's findings split into its strengths and its weaknesses, in order."""
        framework = inspectkit.load_framework("ofsted_childrens_centres_2014")

        def finding(sign: FindingSign, text: str) -> Finding:
            return Finding("access", sign, FindingWeight.NOTABLE, text)

        found = (
            finding(FindingSign.STRENGTH, "s1"),
            finding(FindingSign.WEAKNESS, "w1"),
            finding(FindingSign.STRENGTH, "s2"),
        )
        evidence = Evidence(framework.id, "Unit", findings=found)
        access = inspectkit.assess(framework, evidence, missing="exclude").judgements["access"]
        assert [f.text for f in access.strengths] == ["s1", "s2"]
        assert [f.text for f in access.weaknesses] == ["w1"]


class TestFrameworkInForce:
    def test_in_force_between_its_dates(self) -> None:
        """A framework is in force from valid_from to valid_until, both days included."""
        framework = attrs.evolve(
            inspectkit.load_framework("ofsted_childrens_centres_2014"),
            valid_from=datetime.date(2013, 4, 1),
            valid_until=datetime.date(2015, 8, 31),
        )
        assert not framework.in_force(datetime.date(2013, 3, 31))
        assert framework.in_force(datetime.date(2013, 4, 1))
        assert framework.in_force(datetime.date(2015, 8, 31))
        assert not framework.in_force(datetime.date(2015, 9, 1))

    def test_in_force_without_dates(self) -> None:
        """A framework without dates is in force on any day."""
        framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
        assert framework.in_force(datetime.date(1999, 1, 1))
