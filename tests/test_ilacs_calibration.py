"""The derived ILACS overall rule against councils' published grades (tests/calibration/ilacs)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import inspectkit
from scripts_for_tests import load_script

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "tests" / "calibration" / "ilacs" / "outcomes.csv"
HEADER = (
    "la_code,local_authority,inspection_framework,inspection_start_date,inspection_end_date,"
    "publication_date,impact_of_leaders_grade,help_and_protection_grade,in_care_grade,"
    "care_leavers_grade,overall_effectiveness_grade\n"
)


def _module() -> ModuleType:
    return load_script(ROOT / "benchmarks" / "ilacs_calibration.py", "ilacs_calibration")


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return _module()


@pytest.fixture(scope="module")
def calibrated(bench: ModuleType) -> tuple[Any, Any]:
    return bench.calibrate_ilacs(TABLE)


def _table(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "outcomes.csv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


class TestReproduction:
    def test_reproduces_published_overall_grades(self, calibrated: tuple[Any, Any]) -> None:
        """The derived rule reproduces at least 92% of overall grades exactly, all within one."""
        report, _ = calibrated
        overall = report.overall
        assert overall.n == 101
        assert overall.exact / overall.n >= 0.92
        assert overall.within_one == overall.n

    def test_framework_accuracy_matches_the_measurement(self, calibrated: tuple[Any, Any]) -> None:
        """The accuracy the framework states is the one the calibration measures."""
        report, _ = calibrated
        accuracy = report.framework.overall.accuracy
        assert accuracy.n == report.overall.n
        assert accuracy.exact == pytest.approx(report.overall.exact / report.overall.n, abs=5e-4)


class TestMessyValues:
    def test_two_digit_years_are_read_as_this_century(self, bench: ModuleType) -> None:
        """A publication date with a two-digit year is read as 20yy."""
        messages: list[str] = []
        assert str(bench.read_date("05/09/22", "x", messages)) == "2022-09-05"

    def test_unreadable_date_is_a_located_message(self, bench: ModuleType, tmp_path: Path) -> None:
        """An unreadable date gives a message naming its line and column, not a crash."""
        path = _table(tmp_path, "1,a,short,soon,15/09/2023,27/10/23,good,good,good,good,good")
        read = bench.read_ilacs_outcomes(path)
        assert "line 2: inspection_start_date: unreadable date 'soon'" in read.messages[0]

    def test_pre_dating_care_leavers_is_not_applicable(
        self, bench: ModuleType, tmp_path: Path
    ) -> None:
        """``inspection_pre_dates_judgement`` leaves care leavers out: the rule sees three."""
        path = _table(
            tmp_path,
            "1,a,short,05/12/2022,16/12/2022,01/02/23,good,good,good,"
            "inspection_pre_dates_judgement,good",
        )
        (evidence,) = bench.read_ilacs_outcomes(path).cases.values()
        assert not evidence.judgements["care_leavers"].applies

    def test_grade_before_the_judgement_existed_is_flagged(
        self, bench: ModuleType, tmp_path: Path
    ) -> None:
        """A care leavers grade before January 2023 is ignored by the framework, with a message."""
        path = _table(tmp_path, "1,a,None,,,05/09/22,good,good,good,inadequate,good")
        read = bench.read_ilacs_outcomes(path)
        (evidence,) = read.cases.values()
        assert "care_leavers" not in evidence.judgements
        framework = inspectkit.load_framework("ofsted_ilacs_2023")
        assert not inspectkit.assess(framework, evidence).judgements["care_leavers"].applies
        assert any("before 'care_leavers' was introduced" in m for m in read.messages)

    def test_nan_overall_is_not_a_case(self, bench: ModuleType, tmp_path: Path) -> None:
        """A row with ``nan`` overall is listed as not compared."""
        path = _table(tmp_path, "1,a,short,11/09/2023,15/09/2023,27/10/23,good,good,good,good,nan")
        read = bench.read_ilacs_outcomes(path)
        assert read.cases == {}
        assert read.skipped[0].reason == "no published overall grade"

    def test_unknown_grade_word_is_a_located_message(
        self, bench: ModuleType, tmp_path: Path
    ) -> None:
        """A grade word not on the scale gives the loader's message at the row's line."""
        path = _table(
            tmp_path, "1,a,short,11/09/2023,15/09/2023,27/10/23,superb,good,good,good,good"
        )
        read = bench.read_ilacs_outcomes(path)
        assert read.cases == {}
        assert read.messages[0].startswith("line 2: impact_of_leaders_grade:")
