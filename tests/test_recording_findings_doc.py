"""docs/recording-findings.md: what its examples say (test_docs.py loads every block)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomli

import inspectkit
from inspectkit.evidence import Interval
from test_docs import blocks

PAGE = Path(__file__).resolve().parents[1] / "docs" / "recording-findings.md"
TOML = blocks(PAGE, "toml")


def _words_table() -> list[tuple[str, str]]:
    """The words-to-values table of section 4 as (report's words, value to write) rows."""
    text = PAGE.read_text(encoding="utf-8")
    section = text[text.index("## 4. Words to values") : text.index("**Relative words")]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith('| "')]
    rows += [line.split(" | ") for line in section.splitlines() if line.startswith("| a")]
    return [(cells[0].strip("| "), cells[1]) for cells in rows]


WORDS = _words_table()


class TestRecordingFindingsPage:
    @pytest.mark.parametrize("source", TOML, ids=[f"block-{n}" for n in range(1, len(TOML) + 1)])
    def test_every_block_records_findings(self, source: str) -> None:
        """Each TOML block of the page holds findings (the page is about them)."""
        assert tomli.loads(source)["findings"]

    def test_the_example_is_invented(self) -> None:
        """The page's complete example names an invented unit, not one of the calibration set."""
        first = tomli.loads(TOML[0])
        assert "invented" in first["note"]


class TestWordsToValues:
    def test_the_table_is_found(self) -> None:
        """The section 4 table is read, one row per report wording."""
        assert len(WORDS) > 20

    @pytest.mark.parametrize(("says", "write"), WORDS, ids=[says for says, _ in WORDS])
    def test_every_value_to_write_loads(self, says: str, write: str) -> None:
        """Each value the table says to write loads as a share for a reach criterion."""
        framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
        written = re.findall(r"`([^`]+)`", write)
        assert len(written) == 1, f"one value to write for {says}"
        raw = tomli.loads(f"value = {written[0]}")["value"]
        value = inspectkit.parse_entry(framework, "sustained_contact", raw).value
        assert isinstance(value, (Interval, float))
