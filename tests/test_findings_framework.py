"""The framework side of findings: the ``[findings]`` table, overrides, extends and dumping."""

from __future__ import annotations

from pathlib import Path

import tomli_w

import inspectkit
from inspectkit.evidence import FindingWeight
from inspectkit.loading import framework_to_dict
from inspectkit.rubric import Basis
from test_framework_loading import docs_example

FINDINGS = """
[findings]
provenance = { basis = "modelled", note = "Our reading." }
limits = [
  { weakness = "notable", to = "requires_improvement" },
  { weakness = "serious or widespread", count = 2, to = "inadequate",
    provenance = { basis = "verified", source = "reports" } },
]
supports = [{ strength = "notable", count = 1, grade = "good" }]
"""

OVERRIDE = """
[judgements.findings]
provenance = { basis = "modelled", note = "Leadership: any weakness." }
limits = [{ weakness = "minor", to = "good" }]
"""


def with_findings(override: bool = False) -> str:
    text = docs_example()
    if override:
        text = text.replace("\n[overall]", OVERRIDE + "\n[overall]", 1)
    return text + FINDINGS


class TestTheTable:
    def test_entries_inherit_the_table_provenance(self) -> None:
        """A limit without provenance takes the table's; one with its own keeps it."""
        rule = inspectkit.loads_framework(with_findings()).findings
        assert rule is not None
        assert rule.limits[0].provenance == rule.provenance
        assert rule.limits[1].provenance.basis is Basis.VERIFIED

    def test_aliases_and_default_count(self) -> None:
        """ "serious or widespread" is major, and count defaults to 1."""
        rule = inspectkit.loads_framework(with_findings()).findings
        assert rule is not None
        assert rule.limits[1].weakness is FindingWeight.MAJOR
        assert rule.limits[0].count == 1

    def test_a_judgement_overrides_the_table(self) -> None:
        """A judgement's own table applies to it; the others keep the framework's."""
        framework = inspectkit.loads_framework(with_findings(override=True))
        leadership = framework.findings_rule("leadership")
        assert leadership is not None
        assert leadership.limits[0].weakness is FindingWeight.MINOR
        assert framework.findings_rule("access") == framework.findings

    def test_without_a_table_there_is_no_rule(self) -> None:
        """A framework with no findings table has no findings rule for any judgement."""
        framework = inspectkit.loads_framework(docs_example())
        assert framework.findings_rule("access") is None


class TestWrittenBack:
    def test_round_trips(self) -> None:
        """framework_to_dict writes findings so that loading them gives an equal framework."""
        framework = inspectkit.loads_framework(with_findings(override=True))
        data = framework_to_dict(framework)
        assert inspectkit.loads_framework(tomli_w.dumps(data)) == framework

    def test_inherited_provenance_is_not_repeated(self) -> None:
        """An entry whose provenance is the table's is written without it."""
        data = framework_to_dict(inspectkit.loads_framework(with_findings()))
        assert "provenance" not in data["findings"]["limits"][0]
        assert data["findings"]["limits"][1]["provenance"]["basis"] == "verified"


class TestExtends:
    def parent(self, tmp_path: Path) -> Path:
        path = tmp_path / "parent.toml"
        path.write_text(with_findings(override=True), encoding="utf-8")
        return path

    def test_child_table_replaces_the_parents_whole(self, tmp_path: Path) -> None:
        """A variant's [findings] replaces the parent's table, not entry by entry."""
        self.parent(tmp_path)
        child = tmp_path / "child.toml"
        child.write_text(
            'extends = "parent.toml"\nid = "child"\ntitle = "Child"\nversion = "1"\n'
            '[findings]\nprovenance = { basis = "modelled" }\n'
            'limits = [{ weakness = "major", to = "inadequate" }]\n',
            encoding="utf-8",
        )
        rule = inspectkit.load_framework(child).findings
        assert rule is not None
        assert [limit.weakness for limit in rule.limits] == [FindingWeight.MAJOR]
        assert rule.supports == ()

    def test_child_keeps_what_it_does_not_name(self, tmp_path: Path) -> None:
        """A variant that names no findings keeps the parent's table and overrides."""
        parent = inspectkit.load_framework(self.parent(tmp_path))
        child = tmp_path / "child.toml"
        child.write_text(
            'extends = "parent.toml"\nid = "child"\ntitle = "Child"\nversion = "1"\n',
            encoding="utf-8",
        )
        framework = inspectkit.load_framework(child)
        assert framework.findings == parent.findings
        assert framework.findings_rule("leadership") == parent.findings_rule("leadership")
