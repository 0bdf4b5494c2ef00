"""Findings in the group, progress and timeline reports, in every format that shows a judgement.

Golden files pin a group of two centres and a unit's three quarters, each with findings whose
words hold markup (``<b>``, ``|``, ``*``), in Markdown, HTML, JSON and CSV. When a change is
deliberate, regenerate and review::

    INSPECTKIT_UPDATE_GOLDEN=1 python -m pytest tests/test_findings_shown.py
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import inspectkit
from golden_files import assert_golden
from inspectkit.schema import comparison_schema, group_schema, timeline_schema
from schema_check import validate
from test_render import check_html

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden" / "findings"
BASE = (ROOT / "examples" / "riverside-2026-06.toml").read_text(encoding="utf-8")

WEAK = """
[[findings]]
judgement = "access"
weakness = "Too few families from the <b>estates</b> come | *regularly*."
weight = "notable"
criterion = "sustained_contact_target"
"""
STRONG = """
[[findings]]
judgement = ["quality", "leadership"]
strength = "Case work is checked & discussed in supervision."
weight = "minor"
"""
SERIOUS = """
[[findings]]
judgement = "leadership"
weakness = "Leaders cannot show what difference adult courses make."
weight = "major"
"""


def evidence(unit: str, date: str, *findings: str) -> inspectkit.Evidence:
    """Riverside's June evidence under another name and date, with *findings* added."""
    text = BASE.replace('unit = "Riverside Children\'s Centre (illustrative)"', f'unit = "{unit}"')
    text = text.replace("date = 2026-06-30", f"date = {date}")
    return inspectkit.loads_evidence(text + "".join(findings), name=f"{unit}.toml")


def assess(item: inspectkit.Evidence) -> inspectkit.Assessment:
    framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
    return inspectkit.assess(framework, item)


def group() -> inspectkit.GroupAssessment:
    """Two centres: the north with a notable weakness and a minor strength, the south too."""
    framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
    members = [
        evidence("North", "2026-06-30", WEAK, STRONG),
        evidence("South", "2026-06-30", WEAK, SERIOUS),
    ]
    return inspectkit.assess_group(framework, members, rule="weakest", unit="Two centres")


def runs() -> list[inspectkit.Assessment]:
    """One centre's three quarters: a weakness found, a second added, the first resolved."""
    return [
        assess(evidence("Riverside", "2026-03-31", WEAK)),
        assess(evidence("Riverside", "2026-06-30", WEAK, SERIOUS)),
        assess(evidence("Riverside", "2026-09-30", SERIOUS, STRONG)),
    ]


def comparison() -> inspectkit.Comparison:
    _, second, third = runs()
    return inspectkit.compare(second, third)


def timeline() -> inspectkit.Timeline:
    return inspectkit.timeline(runs())


RESULTS: dict[str, Callable[[], Any]] = {
    "group": group,
    "progress": comparison,
    "timeline": timeline,
}
RENDERERS: dict[str, Callable[[Any], str]] = {
    "md": lambda result: result.to_markdown(),
    "html": lambda result: result.to_html(),
    "json": lambda result: result.to_json() + "\n",
    "csv": lambda result: result.to_csv(),
}


@pytest.mark.parametrize("extension", sorted(RENDERERS))
@pytest.mark.parametrize("name", sorted(RESULTS))
def test_report_matches_golden_file(name: str, extension: str) -> None:
    """The report is byte for byte the reviewed golden file."""
    assert_golden(GOLDEN / f"{name}.{extension}", RENDERERS[extension](RESULTS[name]()))


class TestGroupFindings:
    def test_html_lists_each_finding_with_its_members(self) -> None:
        """The group page lists each finding once, under its judgement, with the members."""
        page = group().to_html()
        check_html(page)
        assert page.count("Too few families from the &lt;b&gt;estates&lt;/b&gt;") == 1
        assert "(North, South)" in page
        assert "<b>estates" not in page

    def test_markdown_names_the_judgement_by_title(self) -> None:
        """The Markdown line gives the judgement's title, the weight and the members."""
        text = group().to_markdown()
        assert (
            "- Access to services by young children and families — **Weakness (notable)**: " in text
        )
        assert "(North, South)" in text

    def test_json_gives_each_judgements_pooled_findings(self) -> None:
        """The group JSON lists each judgement's pooled findings and validates."""
        data = json.loads(group().to_json())
        assert [finding["weight"] for finding in data["findings"]["leadership"]] == [
            "minor",
            "major",
        ]
        assert validate(data, group_schema()) == []

    def test_group_without_findings_has_no_findings_key(self) -> None:
        """A group whose members record no findings writes no findings key."""
        plain = inspectkit.load_group(ROOT / "examples" / "groups" / "northfield.toml").assess()
        assert "findings" not in plain.to_dict()
        assert "Strengths and weaknesses" not in plain.to_html()

    def test_records_give_one_row_per_member_finding(self) -> None:
        """The group records end with one row per member, judgement and finding."""
        rows = [row for row in group().to_records() if row["kind"] == "finding"]
        assert [(row["unit"], row["id"], row["value"]) for row in rows] == [
            ("North", "access", "Weakness (notable)"),
            ("North", "quality", "Strength (minor)"),
            ("North", "leadership", "Strength (minor)"),
            ("South", "access", "Weakness (notable)"),
            ("South", "leadership", "Weakness (major)"),
        ]


class TestComparisonFindings:
    def test_html_lists_findings_added_and_removed(self) -> None:
        """The progress page has a section for the findings added and for those removed."""
        page = comparison().to_html()
        check_html(page)
        assert "<h2>Findings added</h2>" in page
        assert "<h2>Findings removed</h2>" in page
        assert "The quality of practice and services; The effectiveness of leadership" in page

    def test_json_lists_findings_added_and_removed(self) -> None:
        """The comparison JSON gives the findings added and removed, and validates."""
        data = json.loads(comparison().to_json())
        assert [f["sign"] for f in data["findings_added"]] == ["strength"]
        assert [f["weight"] for f in data["findings_removed"]] == ["notable"]
        assert validate(data, comparison_schema()) == []

    def test_records_give_each_finding_added_and_removed(self) -> None:
        """The comparison records end with a row per finding added and per finding removed."""
        rows = [row for row in comparison().to_records() if row["kind"] == "finding"]
        assert [(row["direction"], row["before"], row["after"]) for row in rows] == [
            ("added", None, "Strength (minor)"),
            ("removed", "Weakness (notable)", None),
        ]
        assert rows[0]["id"] == "quality;leadership"

    def test_unchanged_findings_add_no_section(self) -> None:
        """Two runs with the same findings list none as added or removed."""
        same = assess(evidence("Riverside", "2026-06-30", WEAK))
        later = assess(evidence("Riverside", "2026-09-30", WEAK))
        moved = inspectkit.compare(same, later)
        assert "Findings added" not in moved.to_html()
        assert "findings_added" not in moved.to_dict()
        assert all(row["kind"] != "finding" for row in moved.to_records())


class TestTimelineFindings:
    def test_markdown_counts_each_steps_findings(self) -> None:
        """Each quarter's line says how many findings were added and removed."""
        text = timeline().to_markdown()
        assert "Findings: 1 added." in text
        assert "Findings: 1 added, 1 removed." in text

    def test_html_lists_each_steps_findings(self) -> None:
        """The timeline page lists each step's findings under the step's dates."""
        page = timeline().to_html()
        check_html(page)
        assert "<h2>Findings added, 2026-06-30 to 2026-09-30</h2>" in page

    def test_records_give_each_runs_findings(self) -> None:
        """The timeline records have a row per run, judgement and finding."""
        rows = [row for row in timeline().to_records() if row["kind"] == "finding"]
        assert [(row["position"], row["id"]) for row in rows] == [
            (0, "access"),
            (1, "access"),
            (1, "leadership"),
            (2, "quality"),
            (2, "leadership"),
            (2, "leadership"),
        ]

    def test_json_validates(self) -> None:
        """The timeline JSON, whose steps carry findings, validates."""
        assert validate(json.loads(timeline().to_json()), timeline_schema()) == []
