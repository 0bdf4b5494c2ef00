"""Words that fit the measure: checks read met / not met, plan steps give the value to reach."""

from __future__ import annotations

import attrs

import inspectkit
from frameworks_for_tests import example_framework, requires_improvement_evidence
from inspectkit.evidence import Entry
from inspectkit.render._common import change_words, check_words, plan_steps
from inspectkit.render.text import plan_to_text
from inspectkit.results import Assessment, Change


def _assessment() -> Assessment:
    return inspectkit.assess(example_framework(), requires_improvement_evidence())


class TestCheckWords:
    def test_a_check_not_met_reads_not_met(self) -> None:
        """A check answered no reads "not met" in the grade column, not a grade."""
        assessment = _assessment()
        criterion = assessment.framework.criterion("supervision_checks_case_files")
        result = assessment.criteria["supervision_checks_case_files"]
        assert check_words(result, criterion) == "not met"

    def test_a_met_check_reads_met(self) -> None:
        """A check answered yes reads "met" however high the grade it counts as."""
        assessment = _assessment().what_if({"supervision_checks_case_files": True}).after
        criterion = assessment.framework.criterion("supervision_checks_case_files")
        assert check_words(assessment.criteria[criterion.id], criterion) == "met"

    def test_other_measures_keep_their_grade(self) -> None:
        """A rating or a number has no check words: its grade is shown."""
        assessment = _assessment()
        for cid in ("board_challenge", "registration_rate"):
            criterion = assessment.framework.criterion(cid)
            assert check_words(assessment.criteria[cid], criterion) is None

    def test_an_absent_check_keeps_its_grade(self) -> None:
        """A check with no evidence has no answer to give, so its grade and range are shown."""
        assessment = _assessment().what_if({"supervision_checks_case_files": None}).after
        criterion = assessment.framework.criterion("supervision_checks_case_files")
        assert check_words(assessment.criteria[criterion.id], criterion) is None

    def test_the_markdown_grade_column_says_not_met(self) -> None:
        """The criteria table's grade cell of a check not met is "not met"."""
        row = next(
            line
            for line in _assessment().to_markdown().splitlines()
            if line.startswith("| Supervision")
        )
        assert row.split(" | ")[2] == "not met"


class TestPlanSteps:
    def test_plan_keeps_the_assessment_it_starts_from(self) -> None:
        """A lift plan's base is the assessment it was made from."""
        assessment = _assessment()
        assert assessment.lift_plan().base is assessment

    def test_a_check_step_says_meet_the_check(self) -> None:
        """A plan step for a check names it by title and says to meet it, with its state now."""
        assessment = _assessment()
        steps = dict(plan_steps(assessment.lift_plan("good"), assessment.framework))
        title = assessment.framework.criterion("supervision_checks_case_files").title
        assert steps[title] == "meet the check (not met now)"

    def test_a_number_step_gives_the_value_to_reach(self) -> None:
        """A step for a proportion gives the threshold to reach, its grade and the value now."""
        assessment = _assessment()
        plan = assessment.lift_plan("good")
        change = next(c for c in plan.changes if c.criterion == "registration_rate")
        now = assessment.evidence.entries["registration_rate"]
        words = change_words(change, assessment.framework, now)
        assert words == "reach at least 65%, Good (406 / 700 (58%) now)"

    def test_a_lower_is_better_step_says_at_most(self) -> None:
        """A step for a quantity where lower is better says "at most", with its unit."""
        framework = example_framework()
        good = framework.grade("good")
        change = Change("gld_gap", "access", None, good, 2, 1.0, 12.0, Entry("gld_gap", 12.0))
        words = change_words(change, framework, None)
        assert words.startswith("reach at most 12")
        assert words.endswith(", Good (no evidence now)")

    def test_a_rating_step_names_the_rating(self) -> None:
        """A step for a rating asks for the assessor's rating, with the rating now."""
        assessment = _assessment()
        plan = assessment.lift_plan("outstanding")
        change = next(c for c in plan.changes if c.criterion == "board_challenge")
        now = assessment.evidence.entries[change.criterion]
        words = change_words(change, assessment.framework, now)
        assert words == "an assessor's rating of Outstanding (rated Good now)"

    def test_a_plan_built_by_hand_has_no_values_now(self) -> None:
        """Without a base assessment, steps still name the value to reach."""
        assessment = _assessment()
        plan = attrs.evolve(assessment.lift_plan("good"), base=None)
        assert plan_to_text(plan, assessment.framework)[1:3] == [
            "  1. Families with under-fives registered: reach at least 65%, Good",
            "  2. Supervision checks case files: meet the check",
        ]
