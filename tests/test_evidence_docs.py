"""The examples in docs/evidence-format.md load and run as the page says."""

from __future__ import annotations

import re
from pathlib import Path

import inspectkit

PAGE = Path(__file__).parent.parent / "docs" / "evidence-format.md"


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.DOTALL)


class TestEvidenceFormatPage:
    def test_toml_example_loads(self) -> None:
        """The page's evidence file loads against the framework it names."""
        evidence = inspectkit.loads_evidence(blocks("toml")[0], name="evidence-format.md")
        assert evidence.unit == "Riverside Children's Centre"
        assert len(evidence.entries) == 8

    def test_python_examples_run(self) -> None:
        """The page's Python blocks run in order in one namespace."""
        namespace: dict[str, object] = {}
        for number, block in enumerate(blocks("python")):
            exec(compile(block, f"{PAGE.name} block {number}", "exec"), namespace)
