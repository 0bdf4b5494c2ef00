"""The documentation cannot rot: its Python examples run and its framework examples load.

Every fenced ```python block in README.md and docs/**/*.md runs, in order, one namespace per
file, with the repository root as the working directory. Every ```toml block of
docs/framework-format.md with a top-level ``id`` loads as a framework; a block that ``extends``
a parent is loaded only when the parent is a bundled framework.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import tomli

import inspectkit

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
WITH_PYTHON = [path for path in DOCS if "```python" in path.read_text(encoding="utf-8")]


def blocks(path: Path, language: str) -> list[str]:
    """Return the fenced code blocks of *language* in the Markdown file *path*, in order."""
    return re.findall(rf"^```{language}\n(.*?)^```", path.read_text("utf-8"), re.DOTALL | re.M)


class TestPythonExamples:
    @pytest.mark.parametrize("path", WITH_PYTHON, ids=lambda p: str(p.relative_to(ROOT)))
    def test_python_blocks_run(self, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Every Python block of the file runs without error, in order, in one namespace."""
        monkeypatch.chdir(ROOT)
        namespace: dict[str, Any] = {"__name__": f"docs:{path.name}"}
        for number, source in enumerate(blocks(path, "python"), start=1):
            code = compile(source, f"{path.name} (python block {number})", "exec")
            exec(code, namespace)


def _framework_blocks() -> list[tuple[int, str]]:
    found = []
    bundled = {info.id for info in inspectkit.list_frameworks() if info.origin == "bundled"}
    for number, source in enumerate(blocks(ROOT / "docs" / "framework-format.md", "toml"), 1):
        data = tomli.loads(source)
        if "id" not in data:
            continue
        parent = data.get("extends")
        if parent is not None and parent not in bundled:
            continue
        found.append((number, source))
    return found


class TestFrameworkFormatExamples:
    def test_there_are_examples(self) -> None:
        """The format documentation has at least the complete example and a variant."""
        assert len(_framework_blocks()) >= 2

    @pytest.mark.parametrize(("number", "source"), _framework_blocks(), ids=lambda v: str(v)[:12])
    def test_toml_block_loads(self, number: int, source: str) -> None:
        """Each framework example in docs/framework-format.md loads."""
        framework = inspectkit.loads_framework(source, name=f"framework-format.md block {number}")
        assert framework.id == tomli.loads(source)["id"]


def test_docs_exist() -> None:
    """The docs list is not empty (guards against a wrong ROOT)."""
    assert os.path.isfile(ROOT / "README.md")
    assert DOCS
