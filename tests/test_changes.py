"""What a successor changed: ``[[changes]]`` read, checked, written back and never inherited."""

from __future__ import annotations

from pathlib import Path

import pytest

import inspectkit
from inspectkit.errors import FrameworkError
from inspectkit.loading import framework_to_dict

CHANGE = """
[[changes]]
id = "tightened"
summary = "The SENCO criterion asks for the national qualification."
affects = {affects}
provenance = {{ basis = "modelled", source = "inspectkit_model" }}
"""

VARIANT = """extends = "ofsted_schools_2026"
id = "trust_schools"
title = "A trust's variant"
version = "1"
"""


def variant(tmp_path: Path, body: str, name: str = "trust.toml") -> Path:
    """Write a variant of ofsted_schools_2026 with *body* appended."""
    path = tmp_path / name
    path.write_text(VARIANT.replace("trust_schools", path.stem) + body, encoding="utf-8")
    return path


class TestChanges:
    def test_successor_records_its_changes(self) -> None:
        """ofsted_schools_2026 records what changed from version 1, with provenance."""
        framework = inspectkit.load_framework("ofsted_schools_2026")
        ids = [change.id for change in framework.changes]
        assert "achievement_similar_schools" in ids
        assert all(change.provenance is not None for change in framework.changes)

    def test_changes_are_not_inherited(self, tmp_path: Path) -> None:
        """A variant that records no changes has none, even when its parent has some."""
        framework = inspectkit.load_framework(variant(tmp_path, ""))
        assert framework.changes == ()

    def test_affects_names_parts(self, tmp_path: Path) -> None:
        """A change may name a criterion of the framework it belongs to."""
        body = CHANGE.format(affects='["inclusion_senco"]')
        framework = inspectkit.load_framework(variant(tmp_path, body))
        assert framework.changes[0].affects == ("inclusion_senco",)

    def test_unknown_affected_part_is_refused(self, tmp_path: Path) -> None:
        """A change naming a part the framework does not have is refused, located."""
        body = CHANGE.format(affects='["inclusion_sencoo"]')
        with pytest.raises(FrameworkError, match=r"changes\[0\]\.affects\[0\]"):
            inspectkit.load_framework(variant(tmp_path, body))

    def test_change_needs_provenance(self, tmp_path: Path) -> None:
        """A change without provenance is refused."""
        body = CHANGE.format(affects="[]").replace(
            'provenance = { basis = "modelled", source = "inspectkit_model" }\n', ""
        )
        with pytest.raises(FrameworkError, match="missing-provenance"):
            inspectkit.load_framework(variant(tmp_path, body))

    def test_changes_round_trip(self) -> None:
        """framework_to_dict writes the changes back."""
        framework = inspectkit.load_framework("ofsted_schools_2026")
        data = framework_to_dict(framework)
        assert [change["id"] for change in data["changes"]] == [
            change.id for change in framework.changes
        ]
