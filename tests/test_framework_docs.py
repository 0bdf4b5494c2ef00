"""The framework guides in docs/frameworks: their examples run and their variants load."""

from __future__ import annotations

import os
import re
import runpy
from pathlib import Path

import pytest

import inspectkit

ROOT = Path(__file__).resolve().parents[1]
GUIDES = sorted((ROOT / "docs" / "frameworks").glob("*.md"))


def blocks(path: Path, language: str) -> list[str]:
    """Return the fenced code blocks of *language* in the Markdown file *path*."""
    text = path.read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)


class TestFrameworkGuides:
    def test_one_guide_per_bundled_framework(self) -> None:
        """Each bundled framework has a guide."""
        assert len(GUIDES) == len(list((ROOT / "frameworks").glob("*.toml")))

    @pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
    def test_local_variant_loads(self, guide: Path) -> None:
        """Each guide's `extends` example is a valid local variant of a bundled framework."""
        variants = [block for block in blocks(guide, "toml") if "extends" in block]
        assert variants
        for block in variants:
            variant = inspectkit.loads_framework(block, name=guide.name)
            assert variant.id != variant.version

    @pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
    def test_python_examples_run(
        self, guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Each guide's Python blocks run in order in one namespace from the repository root."""
        script = tmp_path / f"{guide.stem}.py"
        script.write_text("\n".join(blocks(guide, "python")), encoding="utf-8")
        monkeypatch.chdir(ROOT)
        runpy.run_path(str(script), run_name="__docs__")
        assert os.getcwd() == str(ROOT)
