"""What the framework guides in docs/frameworks say: one per bundled framework, and complete.

The guides' code blocks are run and loaded by test_docs.py; this module checks their content.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomli

import inspectkit

ROOT = Path(__file__).resolve().parents[1]
GUIDES = sorted((ROOT / "docs" / "frameworks").glob("*.md"))
BUNDLED = sorted(path.stem for path in (ROOT / "frameworks").glob("*.toml"))


def guide_for(framework_id: str) -> Path:
    """The guide of a bundled framework: its id with hyphens for underscores."""
    return ROOT / "docs" / "frameworks" / f"{framework_id.replace('_', '-')}.md"


def variants(guide: Path) -> list[dict[str, object]]:
    """The guide's TOML blocks that extend a framework, parsed (not loaded)."""
    text = guide.read_text(encoding="utf-8")
    found = [tomli.loads(block) for block in re.findall(r"^```toml\n(.*?)^```", text, re.S | re.M)]
    return [data for data in found if "extends" in data]


class TestFrameworkGuides:
    def test_one_guide_per_bundled_framework(self) -> None:
        """The guides are exactly one per bundled framework, named after its id."""
        assert sorted(guide_for(framework_id) for framework_id in BUNDLED) == GUIDES

    @pytest.mark.parametrize("framework_id", BUNDLED)
    def test_variant_extends_its_own_framework(self, framework_id: str) -> None:
        """Each guide shows a local variant of its own framework, under a new id."""
        found = variants(guide_for(framework_id))
        assert [data["extends"] for data in found] == [framework_id]
        assert found[0]["id"] != framework_id

    @pytest.mark.parametrize("framework_id", BUNDLED)
    def test_names_every_part_of_its_framework(self, framework_id: str) -> None:
        """Each guide names every judgement, criterion and cap of its framework by id."""
        text = guide_for(framework_id).read_text(encoding="utf-8")
        framework = inspectkit.load_framework(framework_id)
        ids = [judgement.id for judgement in framework.judgements]
        ids += [criterion.id for criterion in framework.criteria()]
        ids += [cap.id for cap in framework.caps]
        assert [part for part in ids if not re.search(rf"\b{part}\b", text)] == []
