"""Scoring findings: limits set a ceiling, supports grade a judgement no criterion grades."""

from __future__ import annotations

import attrs
import pytest

import inspectkit
from inspectkit.evidence import Evidence, Finding, FindingSign, FindingWeight
from inspectkit.rubric import (
    Basis,
    FindingLimit,
    FindingsRule,
    FindingSupport,
    Framework,
    Provenance,
)

P = Provenance(Basis.MODELLED, note="Our reading.")
W = FindingWeight
RULE = FindingsRule(
    P,
    limits=[
        FindingLimit(W.MINOR, 1, "good", P),
        FindingLimit(W.NOTABLE, 1, "requires_improvement", P),
        FindingLimit(W.MAJOR, 1, "inadequate", P),
    ],
    supports=[
        FindingSupport(W.NOTABLE, 1, "good", P),
        FindingSupport(W.MAJOR, 2, "outstanding", P),
    ],
)


@pytest.fixture
def framework(example_framework: Framework) -> Framework:
    return attrs.evolve(example_framework, findings=RULE)


def weakness(weight: FindingWeight, judgement: str = "access") -> Finding:
    return Finding(judgement, FindingSign.WEAKNESS, weight, f"A {weight.value} weakness.")


def strength(weight: FindingWeight, judgement: str = "access") -> Finding:
    return Finding(judgement, FindingSign.STRENGTH, weight, f"A {weight.value} strength.")


def assess(
    framework: Framework, values: dict[str, object], *findings: Finding
) -> inspectkit.Assessment:
    evidence = inspectkit.evidence_from_values(framework, values, findings=list(findings))
    return inspectkit.assess(framework, evidence, missing="exclude")


GOOD_ACCESS = {"registration_rate": 0.95, "gld_gap": 3}  # outstanding on both


class TestWithGradedCriteria:
    def test_a_notable_weakness_keeps_the_judgement_at_or_below_ri(
        self, framework: Framework
    ) -> None:
        """Outstanding criteria and one notable weakness give requires improvement."""
        access = assess(framework, GOOD_ACCESS, weakness(W.NOTABLE)).judgements["access"]
        assert access.grade is not None
        assert access.grade.id == "requires_improvement"
        assert access.findings_result is not None
        assert access.findings_result.holds
        assert access.findings_result.criteria is not None
        assert access.findings_result.criteria.id == "outstanding"

    def test_the_reason_says_which_weaknesses_hold_it(self, framework: Framework) -> None:
        """The trace counts the weaknesses and names the grade they keep it at."""
        access = assess(framework, GOOD_ACCESS, weakness(W.NOTABLE), weakness(W.NOTABLE))
        reason = access.judgements["access"].reason
        assert "2 notable weaknesses keep access at or below Requires improvement" in reason

    def test_the_worst_limit_that_fires_decides(self, framework: Framework) -> None:
        """A major weakness beside a minor one gives the major limit's grade."""
        access = assess(framework, GOOD_ACCESS, weakness(W.MINOR), weakness(W.MAJOR))
        result = access.judgements["access"].findings_result
        assert result is not None
        assert result.limit == RULE.limits[2]
        assert access.judgements["access"].grade.id == "inadequate"  # type: ignore[union-attr]

    def test_strengths_do_not_raise_measured_criteria(self, framework: Framework) -> None:
        """Major strengths leave a judgement its criteria grade RI at RI."""
        values = {"registration_rate": 0.55, "gld_gap": 18}
        access = assess(framework, values, strength(W.MAJOR), strength(W.MAJOR))
        assert access.judgements["access"].grade.id == "requires_improvement"  # type: ignore[union-attr]

    def test_a_ceiling_above_the_criteria_changes_nothing(self, framework: Framework) -> None:
        """A minor weakness (ceiling good) leaves criteria at RI there, and does not hold it."""
        values = {"registration_rate": 0.55, "gld_gap": 18}
        access = assess(framework, values, weakness(W.MINOR)).judgements["access"]
        assert access.grade.id == "requires_improvement"  # type: ignore[union-attr]
        assert access.findings_result is not None
        assert not access.findings_result.holds

    def test_the_range_is_limited_too(self, framework: Framework) -> None:
        """The best grade the evidence allows is no better than the ceiling."""
        values = {"registration_rate": "a large majority"}
        access = assess(framework, values, weakness(W.NOTABLE)).judgements["access"]
        assert access.best.id == "requires_improvement"  # type: ignore[union-attr]


class TestWithoutGradedCriteria:
    def test_weaknesses_alone_grade_at_the_ceiling(self, framework: Framework) -> None:
        """No criterion graded and one notable weakness: RI, with RI as the best too."""
        access = assess(framework, {}, weakness(W.NOTABLE)).judgements["access"]
        assert (access.grade.id, access.best.id, access.worst.id) == (  # type: ignore[union-attr]
            "requires_improvement",
            "requires_improvement",
            "requires_improvement",
        )
        assert access.reason.startswith("no criteria could be graded; graded from its findings")

    def test_strengths_alone_grade_at_the_support(self, framework: Framework) -> None:
        """Two major strengths support outstanding; the best bound is the scale's best."""
        access = assess(framework, {}, strength(W.MAJOR), strength(W.MAJOR)).judgements["access"]
        assert access.grade.id == "outstanding"  # type: ignore[union-attr]

    def test_support_and_ceiling_give_the_worse(self, framework: Framework) -> None:
        """A notable strength (good) and a notable weakness (RI) give RI."""
        access = assess(framework, {}, strength(W.NOTABLE), weakness(W.NOTABLE)).judgements[
            "access"
        ]
        assert access.grade.id == "requires_improvement"  # type: ignore[union-attr]
        assert "1 notable strength supports Good" in access.reason

    def test_findings_that_neither_limit_nor_support_leave_it_ungraded(
        self, framework: Framework
    ) -> None:
        """One minor strength grades nothing, and the reason says so."""
        access = assess(framework, {}, strength(W.MINOR)).judgements["access"]
        assert access.grade is None
        assert "its findings (1 minor strength) neither limit nor support a grade" in access.reason


class TestResultFindings:
    def test_strengths_and_weaknesses_split_the_findings(self, framework: Framework) -> None:
        """A judgement result's strengths and weaknesses are its findings by sign, in order."""
        access = assess(framework, {}, strength(W.MINOR), weakness(W.MAJOR)).judgements["access"]
        assert access.strengths == (strength(W.MINOR),)
        assert access.weaknesses == (weakness(W.MAJOR),)


class TestWhereFindingsCount:
    def test_a_finding_counts_in_each_of_its_judgements(self, framework: Framework) -> None:
        """A weakness filed under access and leadership limits both."""
        both = Finding(("access", "leadership"), FindingSign.WEAKNESS, W.NOTABLE, "Both.")
        values = {
            **GOOD_ACCESS,
            "supervision_checks_case_files": True,
            "board_challenge": "outstanding",
        }
        result = assess(framework, values, both)
        assert [result.judgements[j].grade.id for j in ("access", "leadership")] == [  # type: ignore[union-attr]
            "requires_improvement",
            "requires_improvement",
        ]
        assert result.judgements["leadership"].findings == (both,)

    def test_without_rules_findings_are_shown_but_change_nothing(
        self, example_framework: Framework
    ) -> None:
        """A framework with no findings table keeps the criteria's grade and says why."""
        access = assess(example_framework, GOOD_ACCESS, weakness(W.MAJOR)).judgements["access"]
        assert access.grade.id == "outstanding"  # type: ignore[union-attr]
        assert access.findings_result is None
        assert "its findings change no grade" in access.reason
        assert access.weaknesses == (weakness(W.MAJOR),)

    def test_a_judgement_override_applies_to_it_only(self, framework: Framework) -> None:
        """Leadership's own empty table leaves it unlimited while access stays limited."""
        leadership = attrs.evolve(framework.judgements[1], findings=FindingsRule(P))
        custom = attrs.evolve(framework, judgements=(framework.judgements[0], leadership))
        values = {
            **GOOD_ACCESS,
            "supervision_checks_case_files": True,
            "board_challenge": "outstanding",
        }
        result = assess(custom, values, weakness(W.MAJOR), weakness(W.MAJOR, "leadership"))
        assert result.judgements["access"].grade.id == "inadequate"  # type: ignore[union-attr]
        assert result.judgements["leadership"].grade.id == "outstanding"  # type: ignore[union-attr]

    def test_lift_plan_sees_the_ceiling(self, framework: Framework) -> None:
        """Criteria changes cannot lift a judgement a weakness holds down."""
        result = assess(framework, {"registration_rate": 0.55, "gld_gap": 18}, weakness(W.NOTABLE))
        plan = result.lift_plan("good", judgement="access")
        assert not plan.reachable


class TestWithoutFindings:
    def test_evidence_without_findings_scores_as_before(self, example_framework: Framework) -> None:
        """A findings table changes no grade of evidence that has no findings."""
        plain = inspectkit.assess(
            example_framework, Evidence("example_centres", "U"), missing="exclude"
        )
        ruled = attrs.evolve(example_framework, findings=RULE)
        again = inspectkit.assess(ruled, Evidence("example_centres", "U"), missing="exclude")
        assert [j.grade for j in plain.judgements.values()] == [
            j.grade for j in again.judgements.values()
        ]
