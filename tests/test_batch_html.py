"""A batch table's HTML fits a 1200-pixel page: compact grades, wrapping headings, a scroll box."""

from __future__ import annotations

import re
from pathlib import Path

import inspectkit
from golden_files import assert_golden
from inspectkit.results import AssessmentTable
from test_render import check_html

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"


def table(framework: str = "ofsted_childrens_centres_2014") -> AssessmentTable:
    return inspectkit.assess_table(framework, ROOT / "examples" / "borough-centres.csv")


class TestBatchHtml:
    def test_matches_golden(self) -> None:
        """The batch table's HTML is its golden file."""
        assert_golden(GOLDEN / "borough-centres.batch.html", table().to_html())

    def test_is_balanced(self) -> None:
        """The fragment closes every tag in order."""
        check_html(table().to_html())

    def test_grades_are_short(self) -> None:
        """Every grade cell shows dots and a short name, so no column is wider than it needs."""
        page = table().to_html()
        texts = [
            re.sub(r"<[^>]+>", "", cell)
            for cell in re.findall(
                r'<span class="ik-grade[^"]*"[^>]*>(.*?)</span>(?:<br>|</td>)', page
            )
        ]
        assert texts
        assert max(len(text) for text in texts) <= len("●●●●") + len("Outstanding")

    def test_short_names_keep_the_full_label(self) -> None:
        """A short name is an abbreviation whose title is the full label."""
        assert '<abbr title="Requires improvement">RI</abbr>' in table().to_html()

    def test_wide_tables_scroll_in_their_own_box(self) -> None:
        """The table sits in a box that scrolls sideways, so the page never widens."""
        page = table().to_html()
        assert '<div style="overflow-x:auto"><table>' in page
        assert 'class="ik-report ik-batch" style="max-width:none"' in page

    def test_the_key_names_the_short_grades(self) -> None:
        """The note under the table says what each short name stands for."""
        assert "Key: RI = Requires improvement." in table().to_html()
