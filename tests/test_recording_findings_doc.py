"""docs/recording-findings.md: what its examples say (test_docs.py loads every block)."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli

from test_docs import blocks

PAGE = Path(__file__).resolve().parents[1] / "docs" / "recording-findings.md"
TOML = blocks(PAGE, "toml")


class TestRecordingFindingsPage:
    @pytest.mark.parametrize("source", TOML, ids=[f"block-{n}" for n in range(1, len(TOML) + 1)])
    def test_every_block_records_findings(self, source: str) -> None:
        """Each TOML block of the page holds findings (the page is about them)."""
        assert tomli.loads(source)["findings"]

    def test_the_example_is_invented(self) -> None:
        """The page's complete example names an invented unit, not one of the calibration set."""
        first = tomli.loads(TOML[0])
        assert "invented" in first["note"]
