"""Golden files pin the Markdown, HTML, JSON and CSV reports of the bundled examples.

A change to a renderer, a framework or an example shows up here as a diff against
``tests/golden/<example>.<ext>``. When the change is deliberate, regenerate the files and
review the diff before committing::

    INSPECTKIT_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_reports.py
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import inspectkit
from golden_files import assert_golden
from inspectkit.results import Assessment
from inspectkit.schema import result_schema
from schema_check import validate
from test_render import check_html

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))

RENDERERS: dict[str, Callable[[Assessment], str]] = {
    "md": lambda assessment: assessment.to_markdown(),
    "html": lambda assessment: assessment.to_html(),
    "json": lambda assessment: assessment.to_json() + "\n",
    "csv": lambda assessment: assessment.to_csv(),
}


def assess_example(path: Path) -> Assessment:
    """Assess an example evidence file against the framework it names."""
    evidence = inspectkit.load_evidence(path)
    return inspectkit.assess(inspectkit.load_framework(evidence.framework), evidence)


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda path: path.stem)
def example(request: pytest.FixtureRequest) -> tuple[str, Assessment]:
    path: Path = request.param
    return path.stem, assess_example(path)


class TestGoldenReports:
    @pytest.mark.parametrize("ext", sorted(RENDERERS))
    def test_report_matches_golden_file(self, example: tuple[str, Assessment], ext: str) -> None:
        """Each example's report is byte for byte the pinned golden file."""
        name, assessment = example
        text = RENDERERS[ext](assessment)
        golden = GOLDEN / f"{name}.{ext}"
        assert_golden(golden, text)

    def test_examples_exist(self) -> None:
        """The bundled examples are found, so the golden tests are not vacuous."""
        assert len(EXAMPLES) >= 2


class TestReportsOfExamples:
    def test_json_validates_against_the_result_schema(
        self, example: tuple[str, Assessment]
    ) -> None:
        """The JSON of each example carries schema_version and validates against the schema."""
        data = json.loads(example[1].to_json())
        assert data["schema_version"] == 1
        assert validate(data, result_schema()) == []

    def test_html_is_balanced(self, example: tuple[str, Assessment]) -> None:
        """The HTML page of each example parses with every tag closed in order."""
        check_html(example[1].to_html())

    def test_markdown_names_the_prediction(self, example: tuple[str, Assessment]) -> None:
        """The Markdown report says the predicted overall grade in words, where there is one."""
        _, assessment = example
        if not assessment.framework.has_overall:
            assert "gives no overall grade" in assessment.to_markdown()
            return
        assert assessment.grade is not None
        assert assessment.grade.label in assessment.to_markdown()


class TestSchema:
    def test_schema_rejects_a_missing_field(self) -> None:
        """The schema notices a result without its overall grade."""
        data = json.loads(assess_example(EXAMPLES[0]).to_json())
        del data["overall"]
        assert validate(data, result_schema()) != []

    def test_schema_rejects_an_unknown_status(self) -> None:
        """The schema notices a criterion status it does not know."""
        data = json.loads(assess_example(EXAMPLES[0]).to_json())
        data["criteria"][0]["status"] = "guessed"
        assert validate(data, result_schema()) != []


class TestGoldenBatch:
    @pytest.mark.parametrize("ext", ["csv", "md"])
    def test_batch_table_matches_golden_file(self, ext: str) -> None:
        """The batch table of the example CSV is byte for byte the pinned golden file."""
        from inspectkit import assess_table

        table = assess_table(
            "ofsted_childrens_centres_2014", ROOT / "examples" / "borough-centres.csv"
        )
        text = table.to_csv() if ext == "csv" else table.to_markdown()
        golden = GOLDEN / f"borough-centres.batch.{ext}"
        assert_golden(golden, text)

    def test_batch_table_html_is_balanced(self) -> None:
        """The notebook display of a batch table parses balanced and escapes unit names."""
        from inspectkit import assess_table

        rows = [{"unit": "<script>x</script>", "registration_under5": "70%"}]
        table = assess_table("ofsted_childrens_centres_2014", rows)
        page = table._repr_html_()
        assert "<script>" not in page
        check_html(page)


class TestReportSections:
    def report(self) -> str:
        return assess_example(ROOT / "examples" / "riverside-nearly-good.toml").to_markdown()

    def test_summary_is_drawn_from_the_gaps(self) -> None:
        """The reasons the centre is not good are its gaps, blocking ones marked."""
        summary = self.report().split("## Summary")[1].split("## Strengths")[0]
        assert "It is not good because:" in summary
        assert "**Supervision checks case files**: not met → meet the check" in summary
        assert "*(blocking)*" in summary

    def test_what_to_do_first_is_the_lift_plan(self) -> None:
        """The first step is the lift plan's change, with the framework's action."""
        plan = self.report().split("## What to do first")[1].split("## Evidence")[0]
        assert "1. **Supervision checks case files**:" in plan
        assert "For example:" in plan

    def test_provenance_names_the_third_party_reach_claim(self) -> None:
        """The provenance note names the consultancy's 65% threshold that decided a grade."""
        section = self.report().split("## What the prediction rests on")[1]
        assert "Good at 65%" in section
        assert "*third-party claim*" in section
