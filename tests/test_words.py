"""The one vocabulary: shares, numbers, grade words, and the one "next grade up"."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import inspectkit
from frameworks_for_tests import example_framework, four_grade_scale
from inspectkit import Evidence
from inspectkit._words import (
    decimal,
    grade_id,
    grade_label,
    next_grade,
    number,
    percent,
    points,
    target_or_top,
    weaker,
)
from inspectkit.rubric import MissingPolicy


def _ungraded() -> inspectkit.Assessment:
    """An assessment with no evidence at all under ``missing="exclude"``: it has no grade."""
    framework = example_framework()
    return inspectkit.assess(
        framework, Evidence(framework.id, "Empty centre", {}), missing=MissingPolicy.EXCLUDE
    )


def _report_aim(assessment: inspectkit.Assessment) -> object:
    """The grade the Markdown report's "What to do first" aims at (read from the report)."""
    report = assessment.to_markdown()
    aims = [g for g in assessment.framework.scale if f"overall grade to {g.label}:" in report]
    return aims[0] if len(aims) == 1 else aims


class TestNextGrade:
    """The next grade up has one definition, and every use case aims at it."""

    def test_next_grade_of_no_grade_is_the_worst(self) -> None:
        """The next grade up from no grade is the scale's worst grade."""
        scale = four_grade_scale()
        assert next_grade(scale, None) == scale.worst

    def test_next_grade_moves_one_up(self) -> None:
        """The next grade up from Requires improvement is Good."""
        scale = four_grade_scale()
        assert next_grade(scale, scale.find("requires_improvement")) == scale.find("good")

    def test_top_has_no_next_grade(self) -> None:
        """The best grade has no next grade, and gaps there measure against the best grade."""
        scale = four_grade_scale()
        assert next_grade(scale, scale.best) is None
        assert target_or_top(scale, scale.best) == scale.best

    def test_ungraded_assessment_agrees_everywhere(self) -> None:
        """For an ungraded assessment, gaps, lift plan, report and comparison aim at one grade."""
        assessment = _ungraded()
        assert assessment.grade is None
        inadequate = assessment.framework.scale.worst
        aims = {
            "report": _report_aim(assessment),
            "lift plan": assessment.lift_plan().target,
            "what-if": assessment.what_if({}).target,
            "comparison": inspectkit.compare(assessment, assessment).target,
            "timeline": inspectkit.timeline([assessment]).target,
        }
        assert aims == dict.fromkeys(aims, inadequate)

    def test_weaker_ignores_missing_grades(self) -> None:
        """The weaker of Good and no grade is Good; of nothing, None."""
        scale = four_grade_scale()
        good = scale.find("good")
        assert weaker(good, None, scale.best) == good
        assert weaker(None, None) is None


class TestWords:
    """Shares, numbers and grades read the same wherever they are printed."""

    def test_percent_drops_a_trailing_zero(self) -> None:
        """A share prints with at most one decimal and no trailing ``.0``."""
        assert (percent(0.587), percent(0.65), percent(1.0)) == ("58.7%", "65%", "100%")

    def test_percent_has_no_negative_zero(self) -> None:
        """A tiny negative share prints as ``0%``, not ``-0%``."""
        assert percent(-0.0001) == "0%"

    def test_points_are_singular_for_one(self) -> None:
        """One percentage point is singular; others are plural."""
        assert (points(0.01), points(0.07)) == ("1 point", "7 points")

    def test_number_and_decimal(self) -> None:
        """Reasons keep six significant digits; tables keep at most three decimals."""
        assert (number(2.5), number(1 / 3)) == ("2.5", "0.333333")
        assert (decimal(3.0), decimal(1 / 3)) == ("3", "0.333")

    def test_missing_grade_words(self) -> None:
        """A missing grade has no id and reads ``not graded``."""
        assert (grade_id(None), grade_label(None)) == (None, "not graded")
        good = four_grade_scale().find("good")
        assert (grade_id(good), grade_label(good)) == ("good", "Good")

    @given(st.floats(min_value=0, max_value=1))
    def test_percent_matches_rounding(self, share: float) -> None:
        """The percentage is the share times 100 rounded to one decimal."""
        assert float(percent(share)[:-1]) == round(share * 100, 1)
