"""Findings in gap lists and what-ifs: weaknesses are gaps, what-ifs add and remove findings."""

from __future__ import annotations

import attrs
import pytest

import inspectkit
from inspectkit.errors import UnknownIdError
from inspectkit.evidence import Finding, FindingSign, FindingWeight
from inspectkit.rubric import Basis, FindingLimit, FindingsRule, Framework, Provenance

P = Provenance(Basis.MODELLED)
RULE = FindingsRule(
    P,
    limits=[
        FindingLimit(FindingWeight.MINOR, 1, "good", P),
        FindingLimit(FindingWeight.NOTABLE, 1, "requires_improvement", P),
    ],
)
NOTABLE = Finding("access", FindingSign.WEAKNESS, FindingWeight.NOTABLE, "Too few come.")
MINOR = Finding("access", FindingSign.WEAKNESS, FindingWeight.MINOR, "Some sessions are late.")
GOOD_ACCESS = {"registration_rate": 0.95, "gld_gap": 3}


@pytest.fixture
def framework(example_framework: Framework) -> Framework:
    return attrs.evolve(example_framework, findings=RULE)


def assess(framework: Framework, *findings: Finding) -> inspectkit.Assessment:
    evidence = inspectkit.evidence_from_values(framework, GOOD_ACCESS, findings=list(findings))
    return inspectkit.assess(framework, evidence, missing="exclude")


class TestFindingGaps:
    def test_the_weakness_that_holds_the_judgement_is_blocking(self, framework: Framework) -> None:
        """Aiming at good, the notable weakness blocks and the minor one does not."""
        gaps = assess(framework, MINOR, NOTABLE).finding_gaps("good", judgement="access")
        assert [(gap.finding, gap.blocking) for gap in gaps] == [(NOTABLE, True), (MINOR, False)]
        assert gaps[0].need == "address: Too few come."

    def test_a_judgement_at_the_target_has_no_finding_gaps(self, framework: Framework) -> None:
        """A minor weakness of a judgement already good is no gap toward good."""
        assert assess(framework, MINOR).finding_gaps("good", judgement="access") == ()

    def test_reports_list_blocking_weaknesses_first(self, framework: Framework) -> None:
        """The Markdown summary names the weakness to address, marked blocking."""
        text = assess(framework, NOTABLE).to_markdown()
        assert "address: Too few come. *(blocking)*" in text


class TestWhatIfFindings:
    def test_removing_the_weakness_lifts_the_judgement(self, framework: Framework) -> None:
        """A what-if that removes the notable weakness lifts access back to outstanding."""
        result = assess(framework, NOTABLE).what_if({}, remove_findings=[NOTABLE])
        assert result.findings_removed == (NOTABLE,)
        assert result.after.judgements["access"].grade.id == "outstanding"  # type: ignore[union-attr]

    def test_adding_a_weakness_as_a_mapping(self, framework: Framework) -> None:
        """A finding added as a [[findings]] mapping is checked and scored."""
        added = {"judgement": "access", "weakness": "Too few come.", "weight": "notable"}
        result = inspectkit.what_if(
            framework,
            inspectkit.evidence_from_values(framework, GOOD_ACCESS),
            {},
            missing="exclude",
            add_findings=[added],
        )
        assert result.findings_added == (NOTABLE,)
        assert result.after.judgements["access"].grade.id == "requires_improvement"  # type: ignore[union-attr]

    def test_removing_a_finding_the_evidence_lacks_is_refused(self, framework: Framework) -> None:
        """Removing a finding that is not there raises UnknownIdError."""
        with pytest.raises(UnknownIdError):
            assess(framework).what_if({}, remove_findings=[NOTABLE])

    def test_an_invalid_added_finding_is_refused(self, framework: Framework) -> None:
        """An added finding with an unknown weight raises EvidenceError."""
        bad = {"judgement": "access", "weakness": "x", "weight": "vast"}
        with pytest.raises(inspectkit.EvidenceError):
            assess(framework).what_if({}, add_findings=[bad])
