"""Comparison, timeline and group tables show a judgement that does not apply as the unit does."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import attrs
import pytest

import inspectkit
from inspectkit import Assessment
from inspectkit.render._common import group_absent_text

HILLCREST = "examples/hillcrest-academy-2026-03.toml"
ABSENT = "not graded: no early years provision"  # the framework's text, as the unit report has it
FORMATS = ["to_text", "to_markdown", "to_html"]


def runs() -> tuple[Assessment, Assessment]:
    """The example secondary (no early years provision), and three months on, improved."""
    evidence = inspectkit.load_evidence(HILLCREST)
    framework = inspectkit.load_framework(evidence.framework)
    entries = dict(evidence.entries)
    entries["ct_expectations_not_low"] = attrs.evolve(
        entries["ct_expectations_not_low"], value=True
    )
    later = attrs.evolve(evidence, entries=entries, date=datetime.date(2026, 6, 15))
    return inspectkit.assess(framework, evidence), inspectkit.assess(framework, later)


def early_years_row(report: str) -> str:
    """The line (text, Markdown) or table row (HTML) of the early years judgement."""
    rows = re.findall(r"<tr><td>Early years</td>.*?</tr>", report)
    if rows:
        return rows[0]
    return next(line for line in report.splitlines() if line.lstrip("| ").startswith("Early"))


class TestNotApplicableInTables:
    def test_the_unit_report_has_the_text(self) -> None:
        """The unit report writes the framework's not-applicable text (what the tables follow)."""
        before, _ = runs()
        assert before.judgements["early_years"].absent_text == ABSENT
        assert ABSENT in before.to_markdown()

    @pytest.mark.parametrize("render", FORMATS)
    def test_a_comparison_shows_it_both_times(self, render: str) -> None:
        """A comparison's grade table shows the not-applicable text in both columns."""
        report = getattr(inspectkit.compare(*runs()), render)()
        assert early_years_row(report).count(ABSENT) == 2

    @pytest.mark.parametrize("render", FORMATS)
    def test_a_timeline_shows_it_at_every_run(self, render: str) -> None:
        """A timeline's grade table shows the not-applicable text at each run."""
        report = getattr(inspectkit.timeline(list(runs())), render)()
        assert early_years_row(report).count(ABSENT) == 2

    @pytest.mark.parametrize("render", FORMATS)
    def test_a_group_shows_it_for_the_group_and_each_member(self, render: str) -> None:
        """A group's grade table shows the text for the group and for both members."""
        before, after = runs()
        renamed = attrs.evolve(after, evidence=attrs.evolve(after.evidence, unit="Copy"))
        group = inspectkit.assess_group(before.framework, [before, renamed])
        report = getattr(group, render)()
        assert early_years_row(report).count(ABSENT) == 3

    def test_a_judgement_that_applies_to_a_member_is_not_marked(self) -> None:
        """Where one member has the provision, the group's cell is its grade, not the text."""
        before, _ = runs()
        text = Path(HILLCREST).read_text(encoding="utf-8")
        text = text.replace("early_years = false", "early_years = true")
        text = text.replace('unit = "Hillcrest Academy (illustrative)"', 'unit = "With nursery"')
        evidence = inspectkit.loads_evidence(text, framework=before.framework)
        other = inspectkit.assess(before.framework, evidence)
        assert other.judgements["early_years"].applies
        group = inspectkit.assess_group(before.framework, [before, other])
        assert group_absent_text(group, "early_years") == ""
        assert (
            group_absent_text(inspectkit.assess_group(before.framework, [before]), "early_years")
            == ABSENT
        )
