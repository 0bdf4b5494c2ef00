"""Comparison, timeline and group tables (and comparison JSON) show a judgement that does not
apply as the unit's report does."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from tests.schema_check import validate

import inspectkit
from inspectkit import Assessment
from inspectkit.render._common import group_absent_text
from inspectkit.schema import comparison_schema, timeline_schema

HILLCREST = "examples/hillcrest-academy-2026-03.toml"
ABSENT = "not graded: no early years provision"  # the framework's text, as the unit report has it
FORMATS = ["to_text", "to_markdown", "to_html"]


def runs() -> tuple[Assessment, Assessment]:
    """The example secondary (no early years provision), and three months on, improved."""
    evidence = inspectkit.load_evidence(HILLCREST)
    framework = inspectkit.load_framework(evidence.framework)
    entries = dict(evidence.entries)
    entries["ct_expectations_not_low"] = attrs.evolve(
        entries["ct_expectations_not_low"], value=True
    )
    later = attrs.evolve(evidence, entries=entries, date=datetime.date(2026, 6, 15))
    return inspectkit.assess(framework, evidence), inspectkit.assess(framework, later)


def early_years_row(report: str) -> str:
    """The line (text, Markdown) or table row (HTML) of the early years judgement."""
    rows = re.findall(r"<tr><td>Early years</td>.*?</tr>", report)
    if rows:
        return rows[0]
    return next(line for line in report.splitlines() if line.lstrip("| ").startswith("Early"))


class TestNotApplicableInTables:
    def test_the_unit_report_has_the_text(self) -> None:
        """The unit report writes the framework's not-applicable text (what the tables follow)."""
        before, _ = runs()
        assert before.judgements["early_years"].absent_text == ABSENT
        assert ABSENT in before.to_markdown()

    @pytest.mark.parametrize("render", FORMATS)
    def test_a_comparison_shows_it_both_times(self, render: str) -> None:
        """A comparison's grade table shows the not-applicable text in both columns."""
        report = getattr(inspectkit.compare(*runs()), render)()
        assert early_years_row(report).count(ABSENT) == 2

    @pytest.mark.parametrize("render", FORMATS)
    def test_a_timeline_shows_it_at_every_run(self, render: str) -> None:
        """A timeline's grade table shows the not-applicable text at each run."""
        report = getattr(inspectkit.timeline(list(runs())), render)()
        assert early_years_row(report).count(ABSENT) == 2

    @pytest.mark.parametrize("render", FORMATS)
    def test_a_group_shows_it_for_the_group_and_each_member(self, render: str) -> None:
        """A group's grade table shows the text for the group and for both members."""
        before, after = runs()
        renamed = attrs.evolve(after, evidence=attrs.evolve(after.evidence, unit="Copy"))
        group = inspectkit.assess_group(before.framework, [before, renamed])
        report = getattr(group, render)()
        assert early_years_row(report).count(ABSENT) == 3

    def test_a_judgement_that_applies_to_a_member_is_not_marked(self) -> None:
        """Where one member has the provision, the group's cell is its grade, not the text."""
        before, _ = runs()
        text = Path(HILLCREST).read_text(encoding="utf-8")
        text = text.replace("early_years = false", "early_years = true")
        text = text.replace('unit = "Hillcrest Academy (illustrative)"', 'unit = "With nursery"')
        evidence = inspectkit.loads_evidence(text, framework=before.framework)
        other = inspectkit.assess(before.framework, evidence)
        assert other.judgements["early_years"].applies
        group = inspectkit.assess_group(before.framework, [before, other])
        assert group_absent_text(group, "early_years") == ""
        assert (
            group_absent_text(inspectkit.assess_group(before.framework, [before]), "early_years")
            == ABSENT
        )


def _judgement(data: dict[str, Any], judgement_id: str) -> dict[str, Any]:
    """The entry of *judgement_id* in a JSON list of judgements."""
    found: dict[str, Any] = next(item for item in data["judgements"] if item["id"] == judgement_id)
    return found


class TestNotApplicableInComparisonJson:
    def test_both_sides_carry_the_text(self) -> None:
        """A comparison's JSON gives the not-applicable text on each side, as its table does."""
        data = json.loads(inspectkit.compare(*runs()).to_json())
        early_years = _judgement(data, "early_years")
        assert (early_years["before_not_applicable"], early_years["after_not_applicable"]) == (
            ABSENT,
            ABSENT,
        )

    def test_it_is_the_assessments_text(self) -> None:
        """The text is the one the unit's own JSON writes for the judgement."""
        before, after = runs()
        unit = _judgement(json.loads(before.to_json()), "early_years")
        moved = _judgement(json.loads(inspectkit.compare(before, after).to_json()), "early_years")
        assert moved["before_not_applicable"] == unit["not_applicable"]

    def test_a_judgement_that_applies_has_no_key(self) -> None:
        """A judgement that applies on both sides has no not-applicable key."""
        data = json.loads(inspectkit.compare(*runs()).to_json())
        assert not any(key.endswith("not_applicable") for key in _judgement(data, "inclusion"))

    def test_only_the_side_without_the_provision_has_it(self) -> None:
        """When the provision comes in between the runs, only the earlier side has the text."""
        before, _ = runs()
        text = Path(HILLCREST).read_text(encoding="utf-8")
        text = text.replace("early_years = false", "early_years = true")
        later = inspectkit.assess(
            before.framework, inspectkit.loads_evidence(text, framework=before.framework)
        )
        early_years = _judgement(
            json.loads(inspectkit.compare(before, later).to_json()), "early_years"
        )
        assert early_years["before_not_applicable"] == ABSENT
        assert "after_not_applicable" not in early_years

    def test_a_timeline_steps_carry_it_and_fit_the_schema(self) -> None:
        """A timeline's steps carry the text, and the JSON still fits the timeline schema."""
        data = json.loads(inspectkit.timeline(list(runs())).to_json())
        assert _judgement(data["steps"][0], "early_years")["after_not_applicable"] == ABSENT
        assert validate(data, timeline_schema()) == []
        comparison = json.loads(inspectkit.compare(*runs()).to_json())
        assert validate(comparison, comparison_schema()) == []


class TestNotApplicableGroupReason:
    @pytest.mark.parametrize("rule", ["weakest", "best_fit", "pooled"])
    def test_the_reason_is_the_units(self, rule: str) -> None:
        """A judgement that applies to no member gives the members' reason, not "no member could
        be graded"."""
        before, after = runs()
        renamed = attrs.evolve(after, evidence=attrs.evolve(after.evidence, unit="Copy"))
        group = inspectkit.assess_group(before.framework, [before, renamed], rule=rule)
        assert group.judgements["early_years"].reason == before.judgements["early_years"].reason

    def test_a_judgement_that_applies_to_one_member_keeps_its_reason(self) -> None:
        """Where one member has the provision, the group's reason is the rule's."""
        before, _ = runs()
        text = Path(HILLCREST).read_text(encoding="utf-8")
        text = text.replace("early_years = false", "early_years = true")
        text = text.replace('unit = "Hillcrest Academy (illustrative)"', 'unit = "With nursery"')
        other = inspectkit.assess(
            before.framework, inspectkit.loads_evidence(text, framework=before.framework)
        )
        group = inspectkit.assess_group(before.framework, [before, other])
        assert group.judgements["early_years"].reason != before.judgements["early_years"].reason
