"""compare lists a successor's [[changes]]; frameworks with no overall grade compare and tabulate
by judgement only."""

from __future__ import annotations

import json

import attrs
import pytest

import inspectkit
from inspectkit.evidence import Evidence
from inspectkit.results import Assessment, declared_changes
from inspectkit.rubric import Framework
from inspectkit.schema import comparison_schema
from schema_check import validate


@pytest.fixture(scope="module")
def v1() -> Framework:
    """Toolkit version 1."""
    return inspectkit.load_framework("ofsted_schools_2025")


@pytest.fixture(scope="module")
def v2() -> Framework:
    """Toolkit version 2, a successor that records its changes."""
    return inspectkit.load_framework("ofsted_schools_2026")


def _evidence(framework: Framework, checks: bool) -> Evidence:
    values = {c.id: checks for c in framework.criteria() if c.measure.value == "check"}
    return attrs.evolve(
        inspectkit.evidence_from_values(framework, values, unit="Hillside"),
        provisions={"early_years": True, "sixth_form": True},
    )


@pytest.fixture(scope="module")
def across(v1: Framework, v2: Framework) -> inspectkit.Comparison:
    """A school assessed under version 1, then under version 2."""
    before = inspectkit.assess(v1, _evidence(v1, False))
    after = inspectkit.assess(v2, _evidence(v2, True))
    return inspectkit.compare(before, after)


class TestDeclaredChanges:
    def test_successor_changes_are_listed(
        self, across: inspectkit.Comparison, v2: Framework
    ) -> None:
        """A comparison across versions carries the successor's [[changes]]."""
        assert across.declared_changes == v2.changes
        assert across.declared_changes

    def test_either_way_round(self, v1: Framework, v2: Framework) -> None:
        """The successor's changes are listed whichever framework comes first."""
        assert declared_changes(v2, v1) == v2.changes

    def test_same_framework_has_none(self, v1: Framework) -> None:
        """Two assessments under one framework list no declared changes."""
        assert declared_changes(v1, v1) == ()

    def test_unrelated_frameworks_have_none(self, v2: Framework) -> None:
        """Frameworks neither of which extends the other list none."""
        other = inspectkit.load_framework("ofsted_ilacs_2023")
        assert declared_changes(other, v2) == ()

    def test_same_id_new_version(self, v2: Framework) -> None:
        """A later version under the same id lists its own changes."""
        older = attrs.evolve(v2, version="2026.0")
        assert declared_changes(older, v2) == v2.changes

    def test_mirror_keeps_them(self, across: inspectkit.Comparison) -> None:
        """The mirrored comparison lists the same declared changes."""
        assert across.mirror().declared_changes == across.declared_changes

    def test_markdown_lists_them(self, across: inspectkit.Comparison) -> None:
        """The Markdown report lists each declared change with its summary and basis."""
        text = across.to_markdown()
        assert "What the newer framework says it changed:" in text
        assert "**achievement\\_similar\\_schools**" in text
        assert "(modelled)" in text

    def test_text_lists_them(self, across: inspectkit.Comparison) -> None:
        """The text report lists each declared change."""
        assert "  - achievement_similar_schools: " in across.to_text()

    def test_html_lists_them(self, across: inspectkit.Comparison) -> None:
        """The HTML report lists each declared change."""
        assert "<strong>achievement_similar_schools</strong>" in across.to_html()

    def test_json_lists_them(self, across: inspectkit.Comparison) -> None:
        """JSON writes declared_changes with id, summary, affects and basis, valid by the schema."""
        data = json.loads(across.to_json())
        ids = [change["id"] for change in data["declared_changes"]]
        assert ids == [change.id for change in across.declared_changes]
        assert data["declared_changes"][1]["affects"] == ["achievement"]
        assert validate(data, comparison_schema()) == []


class TestNoOverallComparison:
    def test_no_overall_row(self, across: inspectkit.Comparison) -> None:
        """A comparison under a framework with no overall grade has no overall row anywhere."""
        assert "Overall effectiveness" not in across.to_markdown()
        assert "Overall effectiveness" not in across.to_html()
        assert "Overall effectiveness" not in across.to_text()
        assert json.loads(across.to_json())["overall"] is None
        assert all(m.kind != "overall" for m in across.movements())

    def test_headline_counts_judgements(self, across: inspectkit.Comparison) -> None:
        """The headline says there is no overall grade and counts the judgements that moved."""
        assert "This framework gives no overall grade. Of the judgements," in across.to_markdown()

    def test_target_is_above_the_weakest_judgement(self, across: inspectkit.Comparison) -> None:
        """With no overall grade, gaps aim one grade above the weakest judgement."""
        assert across.target.id == "needs_attention"

    def test_overall_framework_keeps_its_row(self) -> None:
        """A framework with an overall grade still lists it first."""
        framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
        evidence = inspectkit.evidence_from_values(framework, {}, unit="Riverside")
        one = inspectkit.assess(framework, evidence)
        comparison = inspectkit.compare(one, one)
        assert comparison.movements()[0].kind == "overall"


@pytest.fixture(scope="module")
def weak(v2: Framework) -> Assessment:
    """A school under version 2 meeting none of its checks."""
    return inspectkit.assess(v2, _evidence(v2, False))


class TestNoOverallGaps:
    def test_gaps_aim_where_compare_aims(self, weak: Assessment) -> None:
        """With no target and no overall grade, gaps aim at the grade compare aims at."""
        assert weak.gaps().target == inspectkit.compare(weak, weak).target

    def test_gaps_aim_above_the_weakest_judgement(self, weak: Assessment) -> None:
        """The default gaps are those one grade above the weakest judgement, so there are some."""
        gaps = weak.gaps()
        assert gaps.target is not None
        assert gaps.target.id == "needs_attention"
        assert gaps

    def test_overall_framework_aims_above_its_overall_grade(self) -> None:
        """A framework with an overall grade still aims one above it."""
        framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
        evidence = inspectkit.evidence_from_values(framework, {}, unit="Riverside")
        assessment = inspectkit.assess(framework, evidence)
        assert assessment.gaps().target == inspectkit.compare(assessment, assessment).target


def _table(framework: Framework) -> inspectkit.AssessmentTable:
    rows = [{"unit": "Hillside"}, {"unit": "Lowfield"}]
    return inspectkit.assess_table(framework, rows)


class TestNoOverallTable:
    def test_fields_have_no_overall_columns(self, v1: Framework) -> None:
        """A table under a framework with no overall grade has no overall columns."""
        table = _table(v1)
        assert not any(field.startswith("overall") for field in table.fields)
        assert all(not any(k.startswith("overall") for k in row) for row in table.to_records())
        assert table.to_csv().splitlines()[0].split(",")[:4] == [
            "unit",
            "date",
            "framework",
            "coverage",
        ]

    def test_markdown_and_html_have_no_overall_column(self, v1: Framework) -> None:
        """The Markdown and HTML tables have no overall heading and say there is none."""
        table = _table(v1)
        for text in (table.to_markdown(), table.to_html()):
            assert "Overall effectiveness" not in text
            assert "This framework gives no overall grade." in text

    def test_overall_framework_keeps_its_columns(self) -> None:
        """A framework with an overall grade keeps its overall columns and heading."""
        table = _table(inspectkit.load_framework("ofsted_childrens_centres_2014"))
        assert table.fields[3:6] == ("overall_grade", "overall_best", "overall_worst")
        assert "Overall effectiveness" in table.to_markdown()

    def test_dataframe_keeps_other_scale_grades(self, v1: Framework) -> None:
        """In a DataFrame, safeguarding (met / not met) keeps its grade, not a missing value."""
        pytest.importorskip("pandas")
        frame = _table(v1).to_dataframe()
        assert "overall_grade" not in frame.columns
        assert set(frame["safeguarding"]) == {"not_met"}


def test_assessment_is_of_no_overall(v1: Framework) -> None:
    """The fixture frameworks give no overall grade (the premise of these tests)."""
    assert not v1.has_overall
    assert isinstance(inspectkit.assess(v1, _evidence(v1, True)), Assessment)
