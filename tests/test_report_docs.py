"""The report docs' TOML examples load, and the example files they name exist."""

from __future__ import annotations

import re
from pathlib import Path

import inspectkit

ROOT = Path(__file__).resolve().parents[1]


class TestTutorial:
    def test_evidence_example_loads(self) -> None:
        """The evidence a centre lead fills in, as the tutorial shows it, is valid evidence."""
        text = (ROOT / "docs" / "tutorial-centre-lead.md").read_text(encoding="utf-8")
        block = re.findall(r"^```toml\n(.*?)^```", text, re.S | re.M)[0]
        evidence = inspectkit.loads_evidence(block)
        assert evidence.unit == "Riverside Children's Centre"
        assert len(evidence.entries) == 6

    def test_named_files_exist(self) -> None:
        """Every examples/ or docs/ file the report docs name is in the repository."""
        names = set()
        for doc in ("tutorial-centre-lead.md", "analysts.md", "cli.md", "notebooks.md", "api.md"):
            text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
            names.update(re.findall(r"examples/[\w.-]+\.(?:toml|csv)", text))
        assert names
        assert [name for name in sorted(names) if not (ROOT / name).exists()] == []
