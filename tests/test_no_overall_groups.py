"""Group and timeline reports of a framework with no overall grade show none, as a unit's does."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import attrs
import pytest
from tests.schema_check import validate

import inspectkit
from inspectkit import Assessment, GroupAssessment, Timeline
from inspectkit.schema import group_schema, timeline_schema

ROOT = Path(__file__).resolve().parents[1]

# One example of each bundled framework with no overall grade (``[overall] method = "none"``).
EXAMPLES = [
    "westvale-ilacs-2026.toml",  # ofsted_ilacs_2026
    "hillcrest-academy-2026-03.toml",  # ofsted_schools_2025
    "elm-street-primary-2026.toml",  # ofsted_schools_2026
    "childminder-okafor-2026-11.toml",  # ofsted_early_years_2025
]
FORMATS = ["to_text", "to_markdown", "to_html"]
NO_OVERALL = "gives no overall grade"


def _assess(name: str) -> Assessment:
    evidence = inspectkit.load_evidence(ROOT / "examples" / name)
    return inspectkit.assess(inspectkit.load_framework(evidence.framework), evidence)


def _group(name: str) -> GroupAssessment:
    """The example and a renamed copy of it, as a group."""
    first = _assess(name)
    copy = attrs.evolve(first.evidence, unit="Copy of the example")
    return inspectkit.assess_group(first.framework, [first, copy])


def _timeline(name: str) -> Timeline:
    """The example and the same evidence a year later, as a timeline."""
    first = _assess(name)
    date = first.evidence.date
    assert date is not None
    later = attrs.evolve(first.evidence, date=date + datetime.timedelta(days=365))
    return inspectkit.timeline([first, inspectkit.assess(first.framework, later)])


@pytest.fixture(scope="module", params=EXAMPLES)
def example(request: pytest.FixtureRequest) -> str:
    """The name of one example under a framework with no overall grade."""
    name: str = request.param
    assert not _assess(name).framework.has_overall
    return name


class TestGroupReports:
    @pytest.mark.parametrize("render", FORMATS)
    def test_no_overall_row(self, example: str, render: str) -> None:
        """The group report names no overall grade: no row, no reason for one."""
        group = _group(example)
        assert group.framework.overall_title not in getattr(group, render)()

    @pytest.mark.parametrize("render", FORMATS)
    def test_no_gap_section(self, example: str, render: str) -> None:
        """There is no "What stands between" section, since there is no overall grade to lift."""
        assert "What stands between" not in getattr(_group(example), render)()

    @pytest.mark.parametrize("render", FORMATS)
    def test_says_there_is_no_overall_grade(self, example: str, render: str) -> None:
        """The report says the framework gives no overall grade, as a unit's report does."""
        report = getattr(_group(example), render)()
        assert NO_OVERALL in report
        assert "The group is predicted" not in report

    def test_json_writes_null(self, example: str) -> None:
        """The group JSON writes ``"overall": null``, as a unit's JSON does, and fits its schema."""
        data = json.loads(_group(example).to_json())
        assert data["overall"] is None
        assert validate(data, group_schema()) == []

    def test_csv_has_no_overall_rows(self, example: str) -> None:
        """The group CSV has no row of kind ``overall``, for the group or any member."""
        assert all(record["kind"] != "overall" for record in _group(example).to_records())


class TestTimelineReports:
    @pytest.mark.parametrize("render", FORMATS)
    def test_no_overall_row(self, example: str, render: str) -> None:
        """The timeline's grade table has no overall row."""
        timeline = _timeline(example)
        title = timeline.assessments[0].framework.overall_title
        assert title not in getattr(timeline, render)()

    def test_csv_has_no_overall_rows(self, example: str) -> None:
        """The timeline CSV has no row of kind ``overall``."""
        assert all(record["kind"] != "overall" for record in _timeline(example).to_records())

    def test_default_target_is_the_comparisons(self, example: str) -> None:
        """The default target is one above the weakest judgement, as a comparison's is."""
        timeline = _timeline(example)
        first, last = timeline.assessments
        assert timeline.target == inspectkit.compare(first, last).target

    def test_json_fits_the_schema(self, example: str) -> None:
        """The timeline JSON still fits its schema."""
        assert validate(json.loads(_timeline(example).to_json()), timeline_schema()) == []


class TestGradedFrameworks:
    def test_a_graded_group_keeps_its_overall_row(self) -> None:
        """A framework with an overall grade still shows it in group and timeline reports."""
        group = inspectkit.load_group(ROOT / "examples" / "groups" / "northfield.toml").assess()
        riverside = _timeline("riverside-2026-06.toml")
        assert group.framework.overall_title in group.to_text()
        assert json.loads(group.to_json())["overall"] is not None
        assert any(record["kind"] == "overall" for record in riverside.to_records())
        assert riverside.assessments[0].framework.overall_title in riverside.to_markdown()
