"""Groups of units assessed together: rules, holding down, inconsistency, pooling, output."""

from __future__ import annotations

import datetime
import json
from typing import Any

import attrs
import pytest

import inspectkit
from frameworks_for_tests import MODELLED, four_grade_scale
from inspectkit import ComparisonError, Evidence, Framework
from inspectkit.evidence import Counts, Entry
from inspectkit.groups import DEFAULT_GROUP_RULE, assess_group, group_rule, pool_evidence
from inspectkit.rubric import (
    OVERALL,
    Aggregation,
    Basis,
    Cap,
    Criterion,
    GroupMethod,
    GroupRule,
    Judgement,
    Measure,
    Method,
    Provenance,
    Spread,
)

GOOD = {
    "registration_rate": {"numerator": 80, "denominator": 100},
    "gld_gap": 10,
    "supervision_checks_case_files": True,
    "board_challenge": "good",
}


def member(framework: Framework, unit: str, **changes: Any) -> Evidence:
    """Evidence for a member: good everywhere, with *changes*."""
    values = {**GOOD, **changes}
    return inspectkit.evidence_from_values(framework, values, unit=unit)


@pytest.fixture
def framework(example_framework: Framework) -> Framework:
    """The example framework with a declared group rule and spread."""
    return attrs.evolve(
        example_framework,
        group=GroupRule(
            rule=GroupMethod.WEAKEST,
            provenance=Provenance(Basis.MODELLED, note="for a test"),
            spread=Spread(grades=1, criteria={"registration_rate": 0.2}),
        ),
    )


class TestRuleChoice:
    def test_framework_rule_is_the_default(self, framework: Framework) -> None:
        """Without a rule argument the framework's declared rule applies."""
        assert group_rule(framework) is framework.group

    def test_weakest_when_the_framework_declares_none(self, example_framework: Framework) -> None:
        """A framework with no group table is assessed with the modelled weakest-member rule."""
        rule = group_rule(example_framework)
        assert rule is DEFAULT_GROUP_RULE
        assert rule.rule is GroupMethod.WEAKEST
        assert rule.provenance.basis is Basis.MODELLED

    def test_rule_by_name_keeps_the_spread(self, framework: Framework) -> None:
        """A rule chosen by name keeps the framework's spread and says the caller chose it."""
        rule = group_rule(framework, "best_fit")
        assert rule.rule is GroupMethod.BEST_FIT
        assert rule.spread == framework.group.spread  # type: ignore[union-attr]
        assert "caller" in rule.provenance.note

    def test_unknown_rule_is_refused(self, framework: Framework) -> None:
        """An unknown rule name raises ComparisonError with the allowed names."""
        with pytest.raises(ComparisonError) as caught:
            group_rule(framework, "average")
        assert caught.value.issues[0].code == "unknown-group-rule"
        assert "weakest" in (caught.value.issues[0].hint or "")


class TestWeakest:
    def test_one_weak_member_pulls_the_group_down(self, framework: Framework) -> None:
        """The group's judgement is the weakest member's, and that member is named."""
        members = [
            member(framework, "North"),
            member(framework, "South", supervision_checks_case_files=False),
        ]
        group = assess_group(framework, members, unit="Cluster")
        south = inspectkit.assess(framework, members[1])
        assert group.judgements["leadership"].grade == south.judgements["leadership"].grade
        assert group.judgements["leadership"].holding_down == ("South",)
        assert group.grade is not None
        assert group.grade.id == "requires_improvement"
        assert group.overall.holding_down == ("South",)

    def test_equal_members_hold_nothing_down(self, framework: Framework) -> None:
        """When every member has the same grade, no member is said to hold the group down."""
        group = assess_group(framework, [member(framework, "A"), member(framework, "B")])
        assert group.holding_down() == ()

    def test_overall_follows_the_overall_rule_of_group_judgements(
        self, framework: Framework
    ) -> None:
        """The group overall is never better than the framework's rule on its judgements."""
        members = [
            member(framework, "A", board_challenge="outstanding"),
            member(framework, "B", gld_gap=30),
        ]
        group = assess_group(framework, members)
        ranks = [m.grade.rank for m in group.members.values() if m.grade is not None]
        assert group.grade is not None
        assert group.grade.rank >= max(ranks)

    def test_members_are_listed_by_unit(self, framework: Framework) -> None:
        """Members are keyed and ordered by unit name, whatever order they came in."""
        group = assess_group(framework, [member(framework, "Zed"), member(framework, "Abe")])
        assert list(group.members) == ["Abe", "Zed"]

    def test_coverage_is_the_least_evidenced_members(self, framework: Framework) -> None:
        """Under weakest, the group's coverage is its least-evidenced member's."""
        sparse = inspectkit.evidence_from_values(framework, {"gld_gap": 10}, unit="Sparse")
        group = assess_group(framework, [member(framework, "Full"), sparse])
        assert group.coverage == min(m.coverage for m in group.members.values())


class TestBestFit:
    def test_majority_carries_the_group(self, framework: Framework) -> None:
        """Under best fit, two good members outweigh one weak one at a share of one half."""
        members = [
            member(framework, "A"),
            member(framework, "B"),
            member(framework, "C", board_challenge="inadequate"),
        ]
        group = assess_group(framework, members, rule="best_fit")
        assert group.judgements["leadership"].grade is not None
        assert group.judgements["leadership"].grade.id == "good"
        assert group.judgements["leadership"].holding_down == ("C",)

    def test_share_falls_back_to_the_framework(self, framework: Framework) -> None:
        """Without a declared share the framework's best-fit share (else a majority) is used."""
        from inspectkit.groups import _best_fit_share

        assert _best_fit_share(framework, group_rule(framework, "best_fit")) == 0.5


class TestPooled:
    def test_counts_are_summed(self, framework: Framework) -> None:
        """Proportions given as counts are pooled by summing numerators and denominators."""
        members = [
            member(framework, "A", registration_rate={"numerator": 30, "denominator": 100}),
            member(framework, "B", registration_rate={"numerator": 270, "denominator": 300}),
        ]
        group = assess_group(framework, members, rule="pooled", unit="Cluster")
        assert group.assessment is not None
        entry = group.assessment.evidence.entries["registration_rate"]
        assert entry.counts == Counts(300, 400)
        assert entry.value == 0.75
        assert group.pooled == ("registration_rate",)
        assert group.assessment.evidence.kind == "group"

    def test_other_measures_take_the_weakest_member(self, framework: Framework) -> None:
        """A quantity cannot be summed, so the weakest member's value stands for the group."""
        members = [member(framework, "A", gld_gap=5), member(framework, "B", gld_gap=22)]
        group = assess_group(framework, members, rule="pooled")
        assert group.assessment is not None
        assert group.assessment.evidence.value("gld_gap") == 22
        assert group.weakest_evidence == {"gld_gap": "B"}

    def test_proportion_without_counts_is_not_pooled(self, framework: Framework) -> None:
        """A proportion given as a bare share takes the weakest member's share."""
        members = [
            member(framework, "A", registration_rate=0.9),
            member(framework, "B", registration_rate=0.4),
        ]
        evidence, pooled, weakest = pool_evidence(
            framework,
            {m.unit: inspectkit.assess(framework, m) for m in members},
        )
        assert pooled == ()
        assert evidence.value("registration_rate") == 0.4
        assert weakest == {"registration_rate": "B"}

    def test_one_absent_member_leaves_the_group_absent(self, framework: Framework) -> None:
        """When a member has no evidence for a criterion, the group has none either."""
        values = {key: value for key, value in GOOD.items() if key != "gld_gap"}
        sparse = inspectkit.evidence_from_values(framework, values, unit="Sparse")
        group = assess_group(framework, [member(framework, "Full"), sparse], rule="pooled")
        assert group.assessment is not None
        assert "gld_gap" not in group.assessment.evidence.entries

    def test_not_applicable_members_are_left_out(self, framework: Framework) -> None:
        """A member for which a criterion does not apply is left out of its pooling."""
        members = [
            member(framework, "A", registration_rate="not_applicable"),
            member(framework, "B", registration_rate={"numerator": 9, "denominator": 10}),
        ]
        group = assess_group(framework, members, rule="pooled")
        assert group.assessment is not None
        assert group.assessment.evidence.entries["registration_rate"].counts == Counts(9, 10)


class TestInconsistency:
    def test_values_further_apart_than_the_spread_are_flagged(self, framework: Framework) -> None:
        """Registration rates 30 points apart break a 20-point spread, naming both ends."""
        members = [
            member(framework, "A", registration_rate={"numerator": 9, "denominator": 10}),
            member(framework, "B", registration_rate={"numerator": 6, "denominator": 10}),
        ]
        group = assess_group(framework, members)
        (item,) = [i for i in group.inconsistencies if i.kind == "value"]
        assert item.id == "registration_rate"
        assert item.low == ("B",)
        assert item.high == ("A",)
        assert item.spread == pytest.approx(0.3)

    def test_grades_further_apart_than_the_spread_are_flagged(self, framework: Framework) -> None:
        """Members two grades apart on a judgement break a one-grade spread."""
        members = [
            member(
                framework, "A", board_challenge="outstanding", supervision_checks_case_files=True
            ),
            member(framework, "B", board_challenge="inadequate"),
        ]
        group = assess_group(framework, members)
        ids = {i.id for i in group.inconsistencies if i.kind == "grade"}
        assert "leadership" in ids

    def test_members_within_the_spread_are_not_flagged(self, framework: Framework) -> None:
        """Members that agree closely raise no inconsistency."""
        group = assess_group(framework, [member(framework, "A"), member(framework, "B")])
        assert group.inconsistencies == ()


class TestRefusals:
    def test_duplicate_units_are_refused(self, framework: Framework) -> None:
        """Two members with one name cannot be told apart in a report, so are refused."""
        with pytest.raises(ComparisonError) as caught:
            assess_group(framework, [member(framework, "A"), member(framework, "A")])
        assert [i.code for i in caught.value.issues] == ["duplicate-member"]

    def test_no_members_is_refused(self, framework: Framework) -> None:
        """A group needs at least one member."""
        with pytest.raises(ComparisonError) as caught:
            assess_group(framework, [])
        assert caught.value.issues[0].code == "no-members"

    def test_members_under_another_framework_are_refused(self, framework: Framework) -> None:
        """A member assessed under a different framework cannot join the group."""
        other = attrs.evolve(framework, id="other")
        stranger = inspectkit.assess(other, attrs.evolve(member(framework, "B"), framework="other"))
        with pytest.raises(ComparisonError) as caught:
            assess_group(framework, [member(framework, "A"), stranger])
        assert caught.value.issues[0].code == "different-framework"


class TestOutput:
    @pytest.fixture
    def group(self, framework: Framework) -> inspectkit.GroupAssessment:
        """A pooled group with a hostile unit name."""
        members = [
            member(framework, "<script>alert(1)</script>", supervision_checks_case_files=False),
            member(framework, "B | *bold*"),
        ]
        return assess_group(
            framework,
            members,
            rule="pooled",
            unit="Cluster <b>",
            date=datetime.date(2026, 9, 30),
        )

    def test_json_has_a_schema_version(self, group: inspectkit.GroupAssessment) -> None:
        """The JSON output is versioned and names the rule and members."""
        data = json.loads(group.to_json())
        assert data["schema_version"] == 1
        assert data["rule"]["rule"] == "pooled"
        assert [m["unit"] for m in data["members"]] == list(group.members)

    def test_json_follows_the_assessment_s_policy(self, group: inspectkit.GroupAssessment) -> None:
        """Group JSON is written as an assessment's is: keys sorted, two-space indent, UTF-8."""
        text = group.to_json()
        policy = json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False)
        assert text == policy

    def test_reports_without_a_spread_do_not_claim_consistency(
        self, example_framework: Framework
    ) -> None:
        """With no spread declared, Markdown and HTML both say consistency was not checked."""
        unchecked = attrs.evolve(
            example_framework,
            group=GroupRule(
                rule=GroupMethod.WEAKEST,
                provenance=Provenance(Basis.MODELLED, note="for a test"),
                spread=Spread(),
            ),
        )
        members = [member(unchecked, "A"), member(unchecked, "B")]
        group = assess_group(unchecked, members)
        assert group.rule.spread.grades is None
        for report in (group.to_markdown(), group.to_html()):
            assert "consistency was not checked" in report
            assert "within the spread" not in report

    def test_html_escapes_every_string(self, group: inspectkit.GroupAssessment) -> None:
        """Unit names reach HTML escaped, in the page and in the notebook fragment."""
        for html in (group.to_html(), group._repr_html_()):
            assert "<script>" not in html
            assert "&lt;script&gt;" in html
            assert "Cluster &lt;b&gt;" in html

    def test_markdown_escapes_table_characters(self, group: inspectkit.GroupAssessment) -> None:
        """A pipe in a unit name cannot break the Markdown grade table."""
        text = group.to_markdown()
        assert "B \\| \\*bold\\*" in text
        assert "<script>" not in text

    def test_records_cover_group_and_members(self, group: inspectkit.GroupAssessment) -> None:
        """Records hold one row per result for the group and for each member."""
        records = group.to_records()
        roles = {(r["role"], r["unit"]) for r in records}
        assert ("group", "Cluster <b>") in roles
        assert len(roles) == 3
        assert group.to_csv().splitlines()[0].startswith("group,date,framework,rule")

    def test_repr_is_short(self, group: inspectkit.GroupAssessment) -> None:
        """The repr names the unit, rule, overall grade and member count."""
        assert repr(group).startswith("<GroupAssessment unit='Cluster <b>' rule='pooled'")


class TestAdded:
    def test_evidence_entry_is_kept_for_a_single_contributor(self, framework: Framework) -> None:
        """Pooling one member's counts keeps its entry exactly as written."""
        one = member(framework, "Solo")
        assessed = {"Solo": inspectkit.assess(framework, one)}
        evidence, _, _ = pool_evidence(framework, assessed)
        assert evidence.entries["registration_rate"] == one.entries["registration_rate"]
        assert isinstance(evidence.entries["registration_rate"], Entry)


class TestGapsAndPlans:
    def test_pooled_gaps_are_the_pooled_assessments(self, framework: Framework) -> None:
        """Under pooled, the group's gaps are the pooled assessment's, under the group's name."""
        members = [
            member(framework, "A", supervision_checks_case_files=False),
            member(framework, "B"),
        ]
        group = assess_group(framework, members, rule="pooled", unit="Cluster")
        assert group.assessment is not None
        assert group.gaps("good") == {"Cluster": group.assessment.gaps("good")}

    def test_weakest_gaps_are_the_holding_members(self, framework: Framework) -> None:
        """Under weakest, the group's gaps are those of the members that hold it down."""
        members = [
            member(framework, "A", supervision_checks_case_files=False),
            member(framework, "B"),
        ]
        group = assess_group(framework, members)
        gaps = group.gaps("good")
        assert list(gaps) == ["A"]
        assert gaps["A"] == group.members["A"].gaps("good")

    def test_weakest_lift_plan_covers_every_member_below_target(self, framework: Framework) -> None:
        """Under weakest, every member below the target needs its own lift plan."""
        members = [
            member(framework, "A", supervision_checks_case_files=False),
            member(framework, "B"),
        ]
        group = assess_group(framework, members)
        plans = group.lift_plan("good")
        below = [
            n for n, m in group.members.items() if not m.grade.at_least(framework.grade("good"))
        ]  # type: ignore[union-attr]
        assert sorted(plans) == below

    def test_best_fit_lift_plan_at_the_target_has_no_changes(self, framework: Framework) -> None:
        """A best-fit group already at the target gets one plan, already met, with no changes."""
        members = [
            member(framework, "A"),
            member(framework, "B"),
            member(framework, "C", board_challenge="inadequate"),
        ]
        group = assess_group(framework, members, rule="best_fit", unit="Cluster")
        good = framework.grade("good")
        assert group.grade == good
        plan = group.lift_plan("good")["Cluster"]
        assert (plan.reachable, plan.changes, plan.after, plan.target) == (True, (), good, good)

    def test_best_fit_lift_plan_below_the_target_lifts_members(self, framework: Framework) -> None:
        """A best-fit group below the target gets plans for the members that hold it down."""
        members = [
            member(framework, "A", board_challenge="inadequate"),
            member(framework, "B", board_challenge="inadequate"),
            member(framework, "C"),
        ]
        group = assess_group(framework, members, rule="best_fit")
        plans = group.lift_plan("good")
        assert plans
        assert set(plans) <= {"A", "B"}
        assert all(plan.changes for plan in plans.values())


def _capped_by_a_check() -> Framework:
    """One judgement (a rating and a check); an unmet check caps the overall grade at RI.

    The check's not-met grade is Good, so an unmet check leaves the judgement Good and only
    the cap holds the overall grade down.
    """
    scale = four_grade_scale()
    best_fit = Aggregation(Method.BEST_FIT, share=0.5, provenance=MODELLED)
    return Framework(
        id="capped_by_a_check",
        title="A cap on a check",
        version="1",
        scale=scale,
        judgements=(
            Judgement(
                id="work",
                title="Work",
                criteria=(
                    Criterion(id="practice", title="Practice", measure=Measure.RATING),
                    Criterion(
                        id="safe",
                        title="Safe recruitment checked",
                        measure=Measure.CHECK,
                        met="outstanding",
                        not_met="good",
                    ),
                ),
                aggregation=best_fit,
            ),
        ),
        overall=best_fit,
        caps=(
            Cap(
                id="unsafe",
                when="safe",
                not_met=True,
                limits=OVERALL,
                to="requires_improvement",
                provenance=MODELLED,
            ),
        ),
    )


class TestEngineCaps:
    def test_cap_on_a_check_holds_a_group_as_it_holds_a_unit(self) -> None:
        """A not-met cap on a check criterion caps the group's overall grade as it caps a unit's."""
        framework = _capped_by_a_check()

        def unit(name: str, safe: object) -> Evidence:
            return inspectkit.evidence_from_values(
                framework, {"practice": "good", "safe": safe}, unit=name
            )

        members = [unit("A", False), unit("B", "not_applicable"), unit("C", "not_applicable")]
        group = assess_group(framework, members, rule="best_fit")
        # The group's check is not met (its only graded member fails it) and its judgement is
        # Good: graded as one unit with those grades, the cap holds it at RI.
        assert group.criteria["safe"].grade == framework.grade("good")
        assert group.judgements["work"].grade == framework.grade("good")
        single = inspectkit.assess(framework, unit("Single", False))
        assert single.grade == framework.grade("requires_improvement")
        assert group.grade == single.grade
