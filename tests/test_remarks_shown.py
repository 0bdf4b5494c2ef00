"""A criterion recorded as not known, or with only a note, shows its remark in every report."""

from __future__ import annotations

import datetime

import pytest

import inspectkit
from inspectkit import Assessment

FRAMEWORK = "ofsted_childrens_centres_2014"
HEAD = f'framework = "{FRAMEWORK}"\nunit = "Centre"\n'
FORMATS = ["to_text", "to_markdown", "to_html"]


def assessed(text: str) -> Assessment:
    """The assessment of evidence *text* (after the header) under the centre framework."""
    framework = inspectkit.load_framework(FRAMEWORK)
    return inspectkit.assess(framework, inspectkit.loads_evidence(HEAD + text, framework=framework))


def line_of(report: str, title: str) -> str:
    """The line of the evidence section (a list item) that names *title*."""
    return next(
        line
        for line in report.splitlines()
        if title in line and line.lstrip().startswith(("-", "<li>"))
    )


class TestRemarksShown:
    @pytest.mark.parametrize("render", FORMATS)
    def test_a_note_only_entry_shows_its_note(self, render: str) -> None:
        """A note-only entry's note is beside its criterion under evidence still to collect."""
        report = getattr(
            assessed('[evidence]\nreach_area_data = { note = "partly done" }\n'), render
        )()
        line = line_of(report, "Timely, accurate reach-area data")
        assert "recorded without a value: partly done" in line

    @pytest.mark.parametrize("render", FORMATS)
    def test_unknown_shows_that_the_source_says_so(self, render: str) -> None:
        """An "unknown" entry reads as recorded as not known, with its note."""
        text = (
            '[evidence]\nlive_birth_data = { value = "unknown", note = "leaders could not say" }\n'
        )
        line = line_of(getattr(assessed(text), render)(), "Live-birth data received")
        assert "recorded as not known: leaders could not say" in line

    def test_the_source_and_date_follow(self) -> None:
        """A remark's source and date are given after it."""
        text = (
            '[evidence]\nreach_area_data = { note = "partly done", source = "LA", '
            "date = 2026-01-05 }\n"
        )
        line = line_of(assessed(text).to_markdown(), "Timely, accurate reach-area data")
        assert "recorded without a value: partly done (LA, 2026-01-05)" in line

    @pytest.mark.parametrize("render", FORMATS)
    def test_a_remark_on_a_given_judgement_is_still_shown(self, render: str) -> None:
        """A remark on a criterion of a judgement given directly is listed after the others."""
        text = (
            '[judgements]\naccess = "good"\n\n'
            '[evidence]\nreach_area_data = { note = "partly done" }\n'
        )
        report = getattr(assessed(text), render)()
        assert "Also recorded without evidence" in report
        line = line_of(report, "Timely, accurate reach-area data")
        assert "recorded without a value: partly done" in line

    def test_evidence_without_remarks_reads_as_before(self) -> None:
        """Evidence with no remark has no remark words in its report."""
        report = assessed("[evidence]\nreach_area_data = true\n").to_markdown()
        assert "recorded without" not in report
        assert "Also recorded without evidence" not in report


class TestRemarksFromValues:
    def test_a_note_only_value_is_a_remark(self) -> None:
        """In `evidence_from_values` a mapping with only a note is a remark, as in a file."""
        evidence = inspectkit.evidence_from_values(
            FRAMEWORK, {"reach_area_data": {"note": "partly done"}}
        )
        assert "reach_area_data" not in evidence.entries
        assert evidence.remarks["reach_area_data"].note == "partly done"

    def test_unknown_is_a_remark(self) -> None:
        """``"unknown"`` is a remark that the value is not known, as in a file."""
        evidence = inspectkit.evidence_from_values(FRAMEWORK, {"live_birth_data": "unknown"})
        assert evidence.remarks["live_birth_data"].unknown

    def test_the_remarks_are_the_file_loaders(self) -> None:
        """The same values give the same remarks from a mapping as from a file."""
        text = (
            '[evidence]\nreach_area_data = { note = "partly done", source = "LA", '
            'date = 2026-01-05 }\nlive_birth_data = { value = "unknown", note = "not said" }\n'
        )
        from_file = inspectkit.loads_evidence(HEAD + text)
        values = {
            "reach_area_data": {
                "note": "partly done",
                "source": "LA",
                "date": datetime.date(2026, 1, 5),
            },
            "live_birth_data": {"value": "unknown", "note": "not said"},
        }
        from_values = inspectkit.evidence_from_values(FRAMEWORK, values, unit="Centre")
        assert from_values.remarks == from_file.remarks

    @pytest.mark.parametrize("render", FORMATS)
    def test_reports_show_the_remark(self, render: str) -> None:
        """The report of evidence built from values shows the remark beside its criterion."""
        framework = inspectkit.load_framework(FRAMEWORK)
        evidence = inspectkit.evidence_from_values(
            framework, {"reach_area_data": {"note": "partly done"}}
        )
        report = getattr(inspectkit.assess(framework, evidence), render)()
        line = line_of(report, "Timely, accurate reach-area data")
        assert "recorded without a value: partly done" in line
