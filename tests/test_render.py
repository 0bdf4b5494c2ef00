"""Tests for the renderers: Markdown, HTML, text, records and CSV of one assessment."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspectkit import _words
from inspectkit.render import _common
from inspectkit.render._data import RECORD_FIELDS
from inspectkit.render.html import render_html, tone
from inspectkit.render.markdown import escape_markdown
from render_sample import make_assessment

VOID = {"br", "meta", "hr", "img", "input", "link", "col", "wbr", "source", "area", "base"}


class StrictChecker(HTMLParser):
    """A small strict checker: every tag closes in order, void tags never close."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"closing void tag {tag}")
        elif not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}>, open: {self.stack[-3:]}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_html(text: str) -> StrictChecker:
    """Parse *text* strictly and fail on unbalanced tags."""
    checker = StrictChecker()
    checker.feed(text)
    checker.close()
    assert checker.errors == []
    assert checker.stack == []
    return checker


class TestMarkdown:
    def test_grade_table_shows_overall_with_range(self) -> None:
        """The grade table gives the overall grade with its range, worst first."""
        text = make_assessment().to_markdown()
        assert "**●●○○ Requires improvement (RI\u2013Good)**" in text

    def test_summary_speaks_plain_words(self) -> None:
        """The summary says the prediction and why the unit is not at the next grade."""
        text = make_assessment().to_markdown()
        assert "This centre is predicted to require improvement." in text
        assert "It is not good because:" in text

    def test_evidence_to_collect_lists_absent_criteria(self) -> None:
        """Absent criteria are listed with what evidence to collect."""
        text = make_assessment().to_markdown()
        assert "- **Gap in good level of development**: EYFS profile results" in text

    def test_provenance_names_unverified_rules(self) -> None:
        """The provenance note names third-party thresholds, modelled methods and fired caps."""
        text = make_assessment().to_markdown()
        section = text.split("## What the prediction rests on")[1]
        assert "Sustained contact of target families: Good at 65%" in section
        assert "*third-party claim*" in section
        assert "Supervision that does not check case files" in section

    def test_verified_rules_are_not_listed(self) -> None:
        """A verified aggregation method is not named as a modelled rule."""
        section = make_assessment().to_markdown().split("## What the prediction rests on")[1]
        assert "Leadership and management: secure fit" not in section

    def test_user_strings_are_escaped(self) -> None:
        """A unit name with markup and a pipe cannot inject HTML or break a table."""
        text = make_assessment(unit="<script>alert(1)</script> | x").to_markdown()
        assert "<script>" not in text
        assert "&lt;script>" in text
        assert "\\|" in text

    def test_framework_version_is_escaped(self) -> None:
        """A framework version with markup is escaped in the report's heading, as its title is."""
        import attrs

        assessment = make_assessment()
        framework = attrs.evolve(assessment.framework, version="<b>2</b>")
        text = attrs.evolve(assessment, framework=framework).to_markdown()
        assert "<b>" not in text
        assert "(version &lt;b>2&lt;/b>)" in text

    def test_repr_markdown_is_the_report(self) -> None:
        """The notebook Markdown display is the Markdown report."""
        assessment = make_assessment()
        assert assessment._repr_markdown_() == assessment.to_markdown()


class TestFallbacks:
    def test_report_survives_a_failing_gap_list(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """When the gap list raises, the summary falls back to the criteria below the target."""
        from inspectkit.errors import InspectkitError
        from inspectkit.results import Assessment

        def broken(self: Assessment, *args: object, **kwargs: object) -> None:
            raise InspectkitError("no gaps today")

        monkeypatch.setattr(Assessment, "gaps", broken)
        monkeypatch.setattr(Assessment, "lift_plan", broken)
        text = make_assessment().to_markdown()
        assert "- **Sustained contact of target families**: sustained contact 58.7%" in text
        assert "No lift plan is available" in text


class TestEscapeMarkdown:
    @settings(max_examples=50)
    @given(st.text())
    def test_escaped_text_has_no_raw_markup(self, text: str) -> None:
        """Escaped text never contains a tag opener, a leading quote mark or a line break."""
        escaped = escape_markdown(text)
        assert "<" not in escaped
        assert not escaped.startswith(">")
        assert "\n" not in escaped


class TestHtml:
    def test_page_is_balanced(self) -> None:
        """The standalone page parses with every tag closed in order."""
        checker = check_html(make_assessment().to_html())
        assert checker.tags[0] == "html"

    def test_fragment_is_balanced(self) -> None:
        """The notebook fragment parses with every tag closed in order."""
        check_html(make_assessment()._repr_html_())

    def test_script_in_note_and_unit_is_escaped(self) -> None:
        """A <script> in an evidence note or a unit name comes out as text."""
        hostile = "<script>alert('x')</script>"
        page = make_assessment(unit=hostile, note=hostile).to_html()
        assert "<script" not in page
        assert "&lt;script&gt;" in page
        checker = check_html(page)
        assert "script" not in checker.tags

    def test_no_external_resources(self) -> None:
        """The page loads nothing from elsewhere: no links, scripts or remote URLs."""
        page = make_assessment().to_html()
        for needle in ("<link", "<script", "src=", "http://", "https://", "@import"):
            assert needle not in page

    def test_grades_are_written_out_with_symbols(self) -> None:
        """Every grade badge carries the grade in words and a dot symbol, not colour alone."""
        page = make_assessment().to_html()
        assert "●●○○</span>Requires improvement" in page
        assert "●●●○</span>Good" in page

    @pytest.mark.parametrize(
        ("rank", "size", "expected"),
        [(0, 4, "ik-t0"), (3, 4, "ik-t3"), (1, 3, "ik-t2"), (4, 5, "ik-t3")],
    )
    def test_tone_spreads_over_four_classes(self, rank: int, size: int, expected: str) -> None:
        """A grade's tone depends on its place on the scale, whatever the scale's length."""
        from inspectkit.grades import Grade, GradeScale

        scale = GradeScale.from_grades(*(Grade(f"g{i}", f"G{i}") for i in range(size)))
        assert tone(scale[rank], scale) == expected

    def test_fragment_has_no_document_wrapper(self) -> None:
        """The notebook fragment is a <div>, not a whole document."""
        fragment = render_html(make_assessment(), fragment=True)
        assert fragment.startswith("<div>")
        assert "<html" not in fragment


class TestText:
    def test_plain_text_has_no_escape_codes(self) -> None:
        """Without colour the text holds no ANSI escape codes."""
        text = make_assessment().to_text()
        assert "\x1b[" not in text
        assert "[##--] Requires improvement  (range RI\u2013Good, coverage 80%)" in text

    def test_colour_is_added_on_request(self) -> None:
        """With colour the grade words are wrapped in ANSI codes."""
        assert "\x1b[" in make_assessment().to_text(color=True)


class TestCommon:
    @pytest.mark.parametrize(
        ("label", "phrase"),
        [
            ("Good", "to be good"),
            ("Requires improvement", "to require improvement"),
            ("Needs attention", "to need attention"),
            ("Expected standard", "to be graded Expected standard"),
        ],
    )
    def test_grade_phrase_reads_as_a_sentence(self, label: str, phrase: str) -> None:
        """A grade label becomes the end of "This centre is predicted ..."."""
        from inspectkit.grades import Grade

        assert _common.grade_phrase(Grade("x", label)) == phrase

    @pytest.mark.parametrize(
        ("label", "phrase"),
        [
            ("Good", "It is not good"),
            ("Requires improvement", "It is not graded Requires improvement"),
        ],
    )
    def test_not_at_phrase_reads_as_a_sentence(self, label: str, phrase: str) -> None:
        """The reasons a unit is not at a grade open with a grammatical phrase."""
        from inspectkit.grades import Grade

        assert _common.not_at_phrase(Grade("x", label)) == phrase

    def test_one_point_rise_is_singular(self) -> None:
        """A share that rises by one percentage point reads ``+1 point``, not ``+1 points``."""
        from inspectkit.rubric import Criterion, Measure

        criterion = Criterion("rate", "Rate", Measure.PROPORTION)
        assert _common.change_text(criterion, 0.01) == "+1 point"
        assert _common.change_text(criterion, -0.065) == "-6.5 points"

    def test_share_drops_needless_decimals(self) -> None:
        """Shares print as whole percentages where they are whole."""
        assert _words.percent(0.65) == "65%"
        assert _words.percent(412 / 702) == "58.7%"


class TestRecords:
    def test_one_row_per_criterion(self) -> None:
        """Records have a row per criterion with the declared columns."""
        rows = make_assessment().to_records()
        assert [row["criterion"] for row in rows] == [
            "registration_rate",
            "sustained_contact",
            "gld_gap",
            "supervision_checks",
            "board_challenge",
            "data_use",
        ]
        assert all(tuple(row) == RECORD_FIELDS for row in rows)

    def test_values_keep_their_types(self) -> None:
        """Numbers stay numbers, checks stay booleans, ratings are grade ids."""
        rows = {row["criterion"]: row for row in make_assessment().to_records()}
        assert rows["registration_rate"]["value"] == 0.84
        assert rows["supervision_checks"]["value"] is False
        assert rows["board_challenge"]["value"] == "requires_improvement"
        assert rows["gld_gap"]["value"] is None
        assert rows["data_use"]["status"] == "not_applicable"

    def test_csv_round_trips_through_the_csv_module(self) -> None:
        """The CSV reads back with the same columns and a row per criterion."""
        text = make_assessment().to_csv()
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == 6
        assert rows[0]["grade"] == "good"
        assert rows[3]["value"] == "false"

    def test_csv_is_deterministic(self) -> None:
        """Rendering twice gives the same bytes."""
        assert make_assessment().to_csv() == make_assessment().to_csv()

    def test_dataframe_has_a_row_per_criterion(self) -> None:
        """to_dataframe returns a DataFrame with the record columns."""
        pytest.importorskip("pandas")
        frame = make_assessment().to_dataframe()
        assert list(frame.columns) == list(RECORD_FIELDS)
        assert len(frame) == 6


class TestLightImports:
    def test_rendering_does_not_import_pandas(self) -> None:
        """Importing inspectkit and rendering records and CSV never imports pandas."""
        code = (
            "import sys, inspectkit, render_sample; a = render_sample.make_assessment(); "
            "a.to_csv(); a.to_html(); a.to_markdown(); print('pandas' in sys.modules)"
        )
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd="tests",
        ).stdout.strip()
        assert out == "False"
