"""Tests for grades and grade scales."""

from __future__ import annotations

import pytest

from inspectkit.errors import UnknownIdError
from inspectkit.grades import Grade, GradeScale, normalise_name


@pytest.fixture
def ofsted() -> GradeScale:
    return GradeScale.from_grades(
        Grade("outstanding", "Outstanding", aliases=("1",)),
        Grade("good", "Good", aliases=("2",)),
        Grade("requires_improvement", "Requires improvement", aliases=("RI", "3")),
        Grade("inadequate", "Inadequate", aliases=("4",)),
    )


class TestGradeScale:
    def test_ranks_follow_order(self, ofsted: GradeScale) -> None:
        """Grades are ranked from 0 for the best, in the order given."""
        assert [grade.rank for grade in ofsted] == [0, 1, 2, 3]
        assert ofsted.best.id == "outstanding"
        assert ofsted.worst.id == "inadequate"

    @pytest.mark.parametrize(
        "name",
        [
            "requires_improvement",
            "Requires improvement",
            "REQUIRES-IMPROVEMENT",
            "RI",
            "ri",
            3,
            "3",
        ],
    )
    def test_finds_by_any_name(self, ofsted: GradeScale, name: str | int) -> None:
        """A grade is found by id, label, alias or 1-based position, whatever the case."""
        assert ofsted.find(name).id == "requires_improvement"

    @pytest.mark.parametrize("name", ["excellent", 0, 5, True, ""])
    def test_unknown_names(self, ofsted: GradeScale, name: str | int) -> None:
        """Names that are not on the scale give None, and find() raises a LookupError."""
        assert ofsted.get(name) is None
        assert name not in ofsted
        with pytest.raises(UnknownIdError, match="grades: outstanding, good"):
            ofsted.find(name)

    def test_unknown_name_is_a_lookup_error(self, ofsted: GradeScale) -> None:
        """Callers' existing `except LookupError` catches an unknown grade."""
        with pytest.raises(LookupError):
            ofsted.find("excellent")

    def test_comparisons(self, ofsted: GradeScale) -> None:
        """A lower rank is a better grade."""
        good, ri = ofsted.find("good"), ofsted.find("RI")
        assert good.better_than(ri)
        assert not ri.better_than(good)
        assert good.at_least(good)
        assert not ri.at_least(good)

    def test_scales_compare_by_content(self, ofsted: GradeScale) -> None:
        """Two scales built from the same grades are equal."""
        again = GradeScale.from_grades(*ofsted.grades)
        assert again == ofsted
        assert hash(again) == hash(ofsted)


def test_normalise_name() -> None:
    """Case, spaces, underscores and hyphens do not matter in names."""
    assert normalise_name("  Requires_Improvement ") == normalise_name("requires - improvement")
