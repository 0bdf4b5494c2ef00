"""docs/recording-findings.md: every TOML block is evidence the bundled framework loads."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli

import inspectkit
from test_docs import blocks

PAGE = Path(__file__).resolve().parents[1] / "docs" / "recording-findings.md"
FRAMEWORK = "ofsted_childrens_centres_2014"
HEADER = f'framework = "{FRAMEWORK}"\nunit = "Example"\n'
TOML = blocks(PAGE, "toml")


class TestRecordingFindingsPage:
    @pytest.mark.parametrize("source", TOML, ids=[f"block-{n}" for n in range(1, len(TOML) + 1)])
    def test_toml_block_loads_as_evidence(self, source: str) -> None:
        """Each block loads as evidence (a fragment under a framework and unit header)."""
        text = source if "framework" in tomli.loads(source) else HEADER + source
        evidence = inspectkit.loads_evidence(text, framework=FRAMEWORK, name=PAGE.name)
        assert evidence.findings

    def test_the_example_is_invented(self) -> None:
        """The page's complete example names an invented unit, not one of the calibration set."""
        first = tomli.loads(TOML[0])
        assert "invented" in first["note"]
