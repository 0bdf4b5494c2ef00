"""Every report format shows each judgement's strengths and weaknesses with their weights."""

from __future__ import annotations

import json

import pytest

import inspectkit
from inspectkit.schema import result_schema
from schema_check import validate

FRAMEWORK = "ofsted_childrens_centres_2014"


@pytest.fixture(scope="module")
def assessment() -> inspectkit.Assessment:
    framework = inspectkit.load_framework(FRAMEWORK)
    evidence = inspectkit.loads_evidence(
        f'framework = "{FRAMEWORK}"\nunit = "Millbrook (invented)"\n'
        'source = "Mock <inspection> & notes"\n'
        '[evidence]\nregistration_under5 = "95%"\n'
        '[[findings]]\njudgement = "access"\nweakness = "Too few <priority> families come."\n'
        'weight = "notable"\ncriterion = "sustained_contact_target"\n'
        '[[findings]]\njudgement = "quality"\nstrength = "Parents value the support."\n'
        'weight = "notable"\n',
        framework=framework,
    )
    return inspectkit.assess(framework, evidence, missing="exclude")


class TestEveryFormat:
    def test_markdown_lists_findings_with_weight(self, assessment: inspectkit.Assessment) -> None:
        """The Markdown report lists each finding with its sign and weight, HTML escaped."""
        text = assessment.to_markdown()
        assert "- **Weakness (notable)**: Too few &lt;priority> families come." in text
        assert "*(holds the grade down)*" in text
        assert "- **Strength (notable)**: Parents value the support." in text
        assert "**Source:** Mock &lt;inspection> & notes" in text

    def test_html_escapes_findings(self, assessment: inspectkit.Assessment) -> None:
        """The HTML report shows the finding with its words escaped."""
        html = assessment.to_html()
        assert "Too few &lt;priority&gt; families come." in html
        assert "<strong>Weakness (notable)</strong>" in html
        assert "<priority>" not in html

    def test_text_lists_findings(self, assessment: inspectkit.Assessment) -> None:
        """The terminal report lists each judgement's findings."""
        text = assessment.to_text()
        assert (
            "  - Weakness (notable): Too few <priority> families come. (holds the grade down)"
            in text
        )

    def test_json_carries_findings_and_validates(self, assessment: inspectkit.Assessment) -> None:
        """JSON gives each judgement's findings and what they did, and fits the result schema."""
        data = json.loads(assessment.to_json())
        access = next(j for j in data["judgements"] if j["id"] == "access")
        assert access["findings"][0]["weight"] == "notable"
        assert access["findings_result"]["ceiling"] == "requires_improvement"
        assert access["findings_result"]["holds"] is True
        assert data["source"] == "Mock <inspection> & notes"
        assert validate(data, result_schema()) == []

    def test_records_have_one_row_per_finding(self, assessment: inspectkit.Assessment) -> None:
        """Records and CSV add a row per finding: measure 'finding', sign, weight and words."""
        rows = [row for row in assessment.to_records() if row["measure"] == "finding"]
        assert [(r["judgement"], r["status"], r["value"]) for r in rows] == [
            ("access", "weakness", "notable"),
            ("quality", "strength", "notable"),
        ]
        assert "Too few <priority> families come." in assessment.to_csv()

    def test_judgement_without_findings_has_no_findings_keys(
        self, assessment: inspectkit.Assessment
    ) -> None:
        """A judgement with no findings is written as before findings existed."""
        data = json.loads(assessment.to_json())
        leadership = next(j for j in data["judgements"] if j["id"] == "leadership")
        assert "findings" not in leadership
