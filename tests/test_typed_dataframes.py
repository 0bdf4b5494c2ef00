"""DataFrames keep grades in scale order and dates as dates."""

from __future__ import annotations

from pathlib import Path

import pytest

import inspectkit
from inspectkit.results import Assessment

pd = pytest.importorskip("pandas")

ROOT = Path(__file__).parent.parent


def riverside() -> Assessment:
    evidence = inspectkit.load_evidence(ROOT / "examples" / "riverside-nearly-good.toml")
    return inspectkit.assess(inspectkit.load_framework(evidence.framework), evidence)


class TestGrades:
    def test_grades_are_ordered_best_first(self) -> None:
        """A grade column is an ordered categorical in the scale's order, best first."""
        frame = riverside().to_dataframe()
        dtype = frame["grade"].dtype
        assert dtype.ordered
        assert list(dtype.categories) == list(riverside().framework.scale.ids)

    def test_sorting_puts_the_best_grade_first(self) -> None:
        """Sorting by grade lists the best grade first, not the alphabet's first."""
        grades = riverside().to_dataframe().sort_values("grade")["grade"].dropna()
        assert grades.iloc[0] == "outstanding"
        assert grades.iloc[-1] == "requires_improvement"

    def test_table_judgement_columns_are_grades(self) -> None:
        """A batch table's judgement columns are ordered grades too."""
        framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
        table = inspectkit.assess_table(framework, ROOT / "examples" / "borough-centres.csv")
        frame = table.to_dataframe()
        for column in ("overall_grade", "access", "leadership"):
            assert frame[column].dtype.ordered

    def test_a_cell_that_is_no_grade_is_missing(self) -> None:
        """A grade cell with no grade (absent, not applicable) is missing, not a new category."""
        frame = riverside().to_dataframe()
        assert frame["grade"].isna().sum() == sum(
            1 for row in riverside().to_records() if row["grade"] is None
        )

    def test_comparison_grades_are_ordered(self) -> None:
        """A comparison's before and after columns are ordered grades."""
        before = inspectkit.assess(
            inspectkit.load_framework("ofsted_childrens_centres_2014"),
            inspectkit.load_evidence(ROOT / "examples" / "riverside-2026-06.toml"),
        )
        frame = inspectkit.compare(before, riverside()).to_dataframe()
        assert frame["after"].dtype.ordered


class TestDates:
    def test_dates_are_datetimes(self) -> None:
        """The date column holds dates, not strings."""
        frame = riverside().to_dataframe()
        assert pd.api.types.is_datetime64_any_dtype(frame["date"])
        assert frame["date"].iloc[0] == pd.Timestamp("2026-09-30")

    def test_comparison_dates_are_datetimes(self) -> None:
        """A comparison's before and after dates are dates."""
        before = inspectkit.assess(
            inspectkit.load_framework("ofsted_childrens_centres_2014"),
            inspectkit.load_evidence(ROOT / "examples" / "riverside-2026-06.toml"),
        )
        frame = inspectkit.compare(before, riverside()).to_dataframe()
        assert pd.api.types.is_datetime64_any_dtype(frame["before_date"])
