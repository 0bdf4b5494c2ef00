"""What the report docs say: every example file they name is in the repository.

The docs' code blocks are run and loaded by test_docs.py; this module checks their content.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT_DOCS = ("tutorial-centre-lead.md", "analysts.md", "cli.md", "notebooks.md", "api.md")


class TestNamedFiles:
    def test_named_files_exist(self) -> None:
        """Every examples/ file the report docs name is in the repository."""
        names = set()
        for doc in REPORT_DOCS:
            text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
            names.update(re.findall(r"examples/[\w.-]+\.(?:toml|csv)", text))
        assert names
        assert [name for name in sorted(names) if not (ROOT / name).exists()] == []
