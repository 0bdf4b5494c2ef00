"""Groups and what-ifs carry derived statuses, and show them in every format, as a unit does."""

from __future__ import annotations

import csv
import io
import json

import attrs
import pytest

import inspectkit
from inspectkit import Assessment, Evidence, GroupAssessment
from inspectkit.schema import group_schema, result_schema
from schema_check import validate

HILLCREST = "examples/hillcrest-academy-2026-03.toml"
CONCERN = "category_of_concern"
SERIOUS = "requires_significant_improvement"
OUT_OF_IT = {"ct_expectations_not_low": True}  # the smallest change out of the category


def hillcrest() -> tuple[inspectkit.Framework, Evidence]:
    """The example secondary in a category of concern, and its framework."""
    evidence = inspectkit.load_evidence(HILLCREST)
    return inspectkit.load_framework(evidence.framework), evidence


def out_of_the_category(evidence: Evidence, unit: str) -> Evidence:
    """The same school renamed, with the change that takes it out of the category."""
    entries = dict(evidence.entries)
    entries["ct_expectations_not_low"] = attrs.evolve(
        entries["ct_expectations_not_low"], value=True
    )
    return attrs.evolve(evidence, unit=unit, entries=entries)


def group(rule: str = "weakest") -> GroupAssessment:
    """Hillcrest, in the category, grouped with a copy of it that is out of it."""
    framework, evidence = hillcrest()
    return inspectkit.assess_group(
        framework, [evidence, out_of_the_category(evidence, "Copy")], rule=rule, unit="Trust"
    )


def level(result: inspectkit.StatusResult) -> str | None:
    """The id of a status result's point level, or None."""
    return None if result.level is None else result.level.id


class TestGroupStatuses:
    def test_the_weakest_group_is_in_its_weakest_members_category(self) -> None:
        """A weakest group of one school in the category and one out of it is in it."""
        result = group()
        assert level(result.statuses[CONCERN]) == SERIOUS
        assert level(result.members["Copy"].statuses[CONCERN]) is None

    def test_the_statuses_follow_the_group_grades(self) -> None:
        """A best-fit group at half its members' share is graded as the stronger and out."""
        framework, evidence = hillcrest()
        rule = attrs.evolve(inspectkit.groups.group_rule(framework, "best_fit"), share=0.5)
        result = inspectkit.assess_group(
            framework, [evidence, out_of_the_category(evidence, "Copy")], rule=rule
        )
        assert result.judgements["curriculum_teaching"].grade.id != "urgent_improvement"
        assert level(result.statuses[CONCERN]) is None

    def test_a_pooled_group_has_its_pooled_assessments_statuses(self) -> None:
        """A pooled group's statuses are those of its pooled assessment."""
        result = group("pooled")
        assert result.assessment is not None
        assert result.statuses == result.assessment.statuses

    def test_safeguarding_is_graded_on_its_own_scale(self) -> None:
        """A group of schools is safeguarding Met, not a grade of the five-point scale."""
        assert group().judgements["safeguarding"].grade.id == "met"

    @pytest.mark.parametrize("render", ["to_text", "to_markdown", "to_html"])
    def test_every_report_shows_them(self, render: str) -> None:
        """The text, Markdown and HTML group reports show the group's statuses."""
        report = getattr(group(), render)()
        assert "Statuses" in report
        assert "Requires significant improvement" in report

    def test_the_json_has_them_and_fits_its_schema(self) -> None:
        """The group JSON has the group's statuses and each member's levels, and validates."""
        data = json.loads(group().to_json())
        assert data["statuses"][CONCERN]["level"] == SERIOUS
        assert {m["unit"]: m["statuses"][CONCERN] for m in data["members"]} == {
            "Copy": None,
            "Hillcrest Academy (illustrative)": SERIOUS,
        }
        assert validate(data, group_schema()) == []

    def test_the_csv_has_a_column_per_status(self) -> None:
        """The group CSV has a status column: the group's level on group rows, a member's on its."""
        rows = list(csv.DictReader(io.StringIO(group().to_csv())))
        levels = {(row["role"], row["unit"]): row[CONCERN] for row in rows}
        assert levels == {
            ("group", "Trust"): SERIOUS,
            ("member", "Copy"): "",
            ("member", "Hillcrest Academy (illustrative)"): SERIOUS,
        }

    def test_a_framework_without_statuses_writes_none(self) -> None:
        """A children's centre group's JSON has no statuses key, as before."""
        evidence = inspectkit.load_evidence("examples/riverside-2026-06.toml")
        framework = inspectkit.load_framework(evidence.framework)
        data = inspectkit.assess_group(framework, [evidence]).to_dict()
        assert "statuses" not in data
        assert "statuses" not in data["members"][0]


def what_if(changes: dict[str, object]) -> inspectkit.WhatIf:
    """A what-if of the example secondary."""
    framework, evidence = hillcrest()
    assessment: Assessment = inspectkit.assess(framework, evidence)
    return assessment.what_if(changes)


class TestWhatIfStatuses:
    def test_they_are_the_statuses_after_the_changes(self) -> None:
        """A what-if's statuses are its re-scored assessment's."""
        result = what_if(OUT_OF_IT)
        assert result.statuses == result.after.statuses
        assert level(result.statuses[CONCERN]) is None

    def test_the_moved_statuses_are_listed(self) -> None:
        """The change out of the category moves that status only."""
        assert what_if(OUT_OF_IT).statuses_moved == (CONCERN,)

    def test_a_change_that_moves_no_status_lists_none(self) -> None:
        """A change that moves no grade moves no status."""
        assert what_if({"inclusion_senco": True}).statuses_moved == ()

    @pytest.mark.parametrize("render", ["to_text", "to_markdown", "to_html"])
    def test_every_report_says_the_status_moved(self, render: str) -> None:
        """What the changes moved includes the category of concern, before and after."""
        report = getattr(what_if(OUT_OF_IT), render)()
        assert "Requires significant improvement \u2192 Not in a category of concern" in report

    def test_the_csv_has_a_column_per_status(self) -> None:
        """The what-if CSV has the status columns a unit's CSV has, after the changes."""
        rows = list(csv.DictReader(io.StringIO(what_if(OUT_OF_IT).to_csv())))
        assert {row[CONCERN] for row in rows} == {""}
        assert {row["monitoring"] for row in rows} != {""}

    def test_the_json_has_the_recorded_statuses_and_fits_its_schema(self) -> None:
        """The what-if JSON's base has the recorded statuses; the data validates."""
        data = json.loads(what_if(OUT_OF_IT).to_json())
        assert data["what_if"]["base"]["statuses"][CONCERN]["level"] == SERIOUS
        assert data["statuses"][CONCERN]["level"] is None
        assert validate(data, result_schema()) == []
