"""Findings in groups (pooled per judgement) and comparisons (added and removed)."""

from __future__ import annotations

import attrs
import pytest

import inspectkit
from inspectkit.evidence import Finding, FindingSign, FindingWeight
from inspectkit.rubric import Basis, FindingLimit, FindingsRule, Framework, Provenance

P = Provenance(Basis.MODELLED)
RULE = FindingsRule(P, limits=[FindingLimit(FindingWeight.NOTABLE, 1, "requires_improvement", P)])
WEAK = Finding("access", FindingSign.WEAKNESS, FindingWeight.NOTABLE, "Too few come.")
OTHER = Finding("access", FindingSign.STRENGTH, FindingWeight.MINOR, "A good stay-and-play.")
VALUES = {"registration_rate": {"numerator": 95, "denominator": 100}, "gld_gap": 3}


@pytest.fixture
def framework(example_framework: Framework) -> Framework:
    return attrs.evolve(example_framework, findings=RULE)


def member(framework: Framework, unit: str, *findings: Finding) -> inspectkit.Evidence:
    return inspectkit.evidence_from_values(framework, VALUES, unit=unit, findings=list(findings))


class TestGroups:
    def test_a_group_pools_its_members_findings(self, framework: Framework) -> None:
        """The group lists each distinct finding of its members once per judgement."""
        members = [member(framework, "A", WEAK), member(framework, "B", WEAK, OTHER)]
        group = inspectkit.assess_group(framework, members, rule="weakest", missing="exclude")
        assert group.findings_for("access") == (WEAK, OTHER)
        assert group.findings_for("leadership") == ()

    def test_group_report_lists_pooled_findings(self, framework: Framework) -> None:
        """The group's Markdown report lists the pooled findings with their weights."""
        members = [member(framework, "A", WEAK), member(framework, "B", OTHER)]
        group = inspectkit.assess_group(framework, members, rule="weakest", missing="exclude")
        text = group.to_markdown()
        assert "## Strengths and weaknesses found (all members)" in text
        assert "— **Weakness (notable)**: Too few come." in text

    def test_pooled_evidence_carries_the_findings(self, framework: Framework) -> None:
        """Under the pooled rule, the members' weaknesses limit the pooled assessment."""
        members = [member(framework, "A", WEAK), member(framework, "B")]
        group = inspectkit.assess_group(framework, members, rule="pooled", missing="exclude")
        assert group.assessment is not None
        assert group.assessment.evidence.findings == (WEAK,)
        assert group.judgements["access"].grade.id == "requires_improvement"  # type: ignore[union-attr]


class TestComparisons:
    def test_compare_lists_findings_added_and_removed(self, framework: Framework) -> None:
        """A comparison names the findings that came and went, and its report lists them."""
        before = inspectkit.assess(framework, member(framework, "A", WEAK), missing="exclude")
        after = inspectkit.assess(framework, member(framework, "A", OTHER), missing="exclude")
        comparison = inspectkit.compare(before, after)
        assert comparison.findings_removed == (WEAK,)
        assert comparison.findings_added == (OTHER,)
        text = comparison.to_markdown()
        assert "## Findings removed" in text
        assert (
            "- Access to services by young children and families — **Weakness (notable)**: "
            "Too few come." in text
        )
