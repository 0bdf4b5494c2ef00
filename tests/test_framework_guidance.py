"""Every bundled criterion tells the recorder what to collect and what would lift it."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

import inspectkit
from inspectkit.rubric import Framework

BUNDLED_DIR = Path(__file__).resolve().parents[1] / "frameworks"
BUNDLED = sorted(path.stem for path in BUNDLED_DIR.glob("*.toml"))
REPORT_CARDS = ("ofsted_early_years_2025", "ofsted_schools_2025", "ofsted_schools_2026")
IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
"""A word that looks like a criterion id: lower case, with at least one underscore."""
VALUE_WORDS = frozenset({"not_applicable"})
"""Identifiers an evidence line may name that are evidence values, not criteria."""


@functools.cache
def load(framework_id: str) -> Framework:
    """Load a bundled framework by id (frameworks are immutable, so one load is shared)."""
    return inspectkit.load_framework(framework_id)


def cases(frameworks: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    """Every (framework id, criterion id) pair of *frameworks*."""
    return [(fid, criterion.id) for fid in frameworks for criterion in load(fid).criteria()]


class TestEveryCriterionIsGuided:
    @pytest.mark.parametrize(("framework_id", "criterion_id"), cases(BUNDLED))
    def test_evidence(self, framework_id: str, criterion_id: str) -> None:
        """The criterion says what evidence to collect."""
        assert load(framework_id).criterion(criterion_id).evidence.strip()

    @pytest.mark.parametrize(("framework_id", "criterion_id"), cases(BUNDLED))
    def test_actions(self, framework_id: str, criterion_id: str) -> None:
        """The criterion lists at least one action that lifts it, none of them blank."""
        actions = load(framework_id).criterion(criterion_id).actions
        assert actions
        assert all(action.strip() for action in actions)

    @pytest.mark.parametrize(("framework_id", "criterion_id"), cases(BUNDLED))
    def test_named_criteria_exist(self, framework_id: str, criterion_id: str) -> None:
        """Every criterion id an evidence line names is a criterion of the same framework."""
        framework = load(framework_id)
        named = set(IDENTIFIER.findall(framework.criterion(criterion_id).evidence)) - VALUE_WORDS
        assert named <= {criterion.id for criterion in framework.criteria()}


class TestReportCardRecording:
    @pytest.mark.parametrize(("framework_id", "criterion_id"), cases(REPORT_CARDS))
    def test_one_to_three_actions(self, framework_id: str, criterion_id: str) -> None:
        """The criterion lists one to three practical steps, no more."""
        assert 1 <= len(load(framework_id).criterion(criterion_id).actions) <= 3

    @pytest.mark.parametrize(("framework_id", "criterion_id"), cases(REPORT_CARDS))
    def test_says_where_a_report_speaks(self, framework_id: str, criterion_id: str) -> None:
        """The evidence line tells a report-recorder where in a report to look."""
        assert "In a report" in load(framework_id).criterion(criterion_id).evidence

    @pytest.mark.parametrize(("framework_id", "criterion_id"), cases(REPORT_CARDS))
    def test_silence_is_not_evidence(self, framework_id: str, criterion_id: str) -> None:
        """The evidence line warns that silence and the area's grade are not evidence."""
        evidence = load(framework_id).criterion(criterion_id).evidence
        assert "Silence, and the area's grade, are not evidence." in evidence
