"""The crafted framework of issue 13 (80 criteria, 20 caps) is assessed with a target quickly.

`tests/crafted/` holds the framework and a unit's evidence, written by
`tests/crafted/make_crafted.py`: twenty judgements of four criteria under four methods, an
overall grade by rules on counts, caps chaining judgements and caps on checks, absent evidence
excluded. Before the search by parts, the search by counts and the polynomial solvers,
``assess --target`` took seconds on it (issue 13 reports 37 s for its own such framework); how
long it takes now is measured by ``benchmarks/bench_crafted.py``, not here. These tests check
what the report says.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import inspectkit
from inspectkit.cli import EXIT_OK, main
from inspectkit.loading import load_evidence, load_framework
from inspectkit.render._common import PLAN_NOT_PROVEN
from scripts_for_tests import load_script

CRAFTED = Path(__file__).parent / "crafted"
FRAMEWORK = CRAFTED / "crafted-80-criteria-20-caps.toml"
UNIT = CRAFTED / "crafted-unit.toml"


def _assessment() -> inspectkit.Assessment:
    framework = load_framework(FRAMEWORK)
    return inspectkit.assess(framework, load_evidence(UNIT, framework=framework))


class TestCraftedFramework:
    def test_the_fixture_has_the_issues_shape(self) -> None:
        """The framework has 80 criteria, 20 caps and 20 judgements, absent evidence excluded."""
        framework = load_framework(FRAMEWORK)
        assert len(list(framework.criteria())) == 80
        assert len(framework.caps) == 20
        assert len(framework.judgements) == 20
        assert framework.missing is inspectkit.MissingPolicy.EXCLUDE

    def test_the_generator_writes_the_fixture(self, tmp_path: Path) -> None:
        """Running the generator again writes the same two files byte for byte."""
        module = load_script(CRAFTED / "make_crafted.py", "make_crafted")
        module.main(tmp_path)
        for name in (FRAMEWORK.name, UNIT.name):
            assert (tmp_path / name).read_bytes() == (CRAFTED / name).read_bytes()

    def test_the_plan_reaches_good(self) -> None:
        """The lift plan to Good reaches it when re-scored, in nine changes proven minimal.

        The search by counts (`inspectkit.scoring._lift`) proves it; before it, a budgeted
        branch and bound stopped at eleven changes, not proven.
        """
        assessment = _assessment()
        assert assessment.grade is not None
        assert assessment.grade.id == "requires_improvement"
        plan = assessment.lift_plan("good")
        assert plan.reachable
        assert plan.after == assessment.framework.grade("good")
        assert plan.minimal
        assert len(plan) == 9
        assert "stopped at its work limit" not in plan.reason

    def test_target_prints_gaps_and_the_plan(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``assess --target good`` lists the gaps and a verified plan, not saying it stopped."""
        assert main(["assess", str(UNIT), "--target", "good"]) == EXIT_OK
        out = capsys.readouterr().out
        assert "Gaps to Good, most urgent first:" in out
        assert "verified by re-scoring: predicted Good" in out
        assert PLAN_NOT_PROVEN not in out
