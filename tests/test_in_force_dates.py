"""In-force dates: ``valid_from`` and ``valid_until`` on a framework."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import inspectkit
from inspectkit import FrameworkError
from inspectkit.evidence import Evidence, GivenGrade

ROOT = Path(__file__).resolve().parents[1]
BASE = (
    (ROOT / "tests" / "invalid-examples" / "accuracy-not-derived.toml")
    .read_text(encoding="utf-8")
    .replace('accuracy = { data = "reports", n = 40, exact = 0.8, within_one = 0.9 }\n', "")
)


def _with(lines: str) -> str:
    return BASE.replace('status = "current"', f'status = "current"\n{lines}', 1)


class TestLoading:
    def test_dates_load(self) -> None:
        """TOML dates are read as the framework's period in force."""
        framework = inspectkit.loads_framework(
            _with("valid_from = 2023-01-01\nvalid_until = 2026-03-31")
        )
        assert (framework.valid_from, framework.valid_until) == (
            datetime.date(2023, 1, 1),
            datetime.date(2026, 3, 31),
        )

    def test_a_string_is_refused(self) -> None:
        """A quoted date is refused with a hint to write a TOML date."""
        with pytest.raises(FrameworkError) as caught:
            inspectkit.loads_framework(_with('valid_from = "2023-01-01"'))
        assert [(i.path, i.code) for i in caught.value.issues] == [("valid_from", "wrong-type")]

    def test_end_before_start_is_refused(self) -> None:
        """valid_until before valid_from is refused."""
        with pytest.raises(FrameworkError) as caught:
            inspectkit.loads_framework(_with("valid_from = 2024-01-01\nvalid_until = 2023-01-01"))
        assert [(i.path, i.code) for i in caught.value.issues] == [("valid_until", "out-of-range")]

    def test_successor_restating_its_period_drops_the_parents(self) -> None:
        """A variant that gives valid_from does not keep its parent's valid_until."""
        framework = inspectkit.load_framework("ofsted_ilacs_2026")
        assert framework.valid_from == datetime.date(2026, 4, 1)
        assert framework.valid_until is None


class TestReports:
    def test_evidence_outside_the_period_is_noted(self) -> None:
        """A report says so when the evidence is dated outside the framework's period."""
        framework = inspectkit.load_framework("ofsted_ilacs_2023")
        evidence = Evidence(
            framework.id,
            "LA",
            date=datetime.date(2026, 9, 1),
            judgements={"leaders": GivenGrade("leaders", "good")},
        )
        assessment = inspectkit.assess(framework, evidence)
        for report in (assessment.to_text(), assessment.to_markdown(), assessment.to_html()):
            assert "Out of force" in report

    def test_evidence_inside_the_period_is_not_noted(self) -> None:
        """No note is written for evidence dated inside the period."""
        framework = inspectkit.load_framework("ofsted_ilacs_2023")
        evidence = Evidence(framework.id, "LA", date=datetime.date(2024, 9, 1))
        assert "Out of force" not in inspectkit.assess(framework, evidence).to_text()
