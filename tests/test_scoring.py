"""Tests for the scoring engine: criterion grading, aggregation, caps, policies and output."""

from __future__ import annotations

import ast
import gc
import json
from collections.abc import Sequence
from pathlib import Path

import attrs
import pytest

import inspectkit.scoring
from frameworks_for_tests import MODELLED, four_grade_scale
from inspectkit import NOT_APPLICABLE, Entry, Evidence, EvidenceError, Interval, assess
from inspectkit.grades import Grade, GradeScale
from inspectkit.results import Assessment, Status
from inspectkit.rubric import (
    OVERALL,
    Aggregation,
    Cap,
    Criterion,
    Direction,
    Framework,
    Judgement,
    Measure,
    Method,
    MissingPolicy,
    Rule,
    Threshold,
)
from inspectkit.scoring import _compile

SCALE = GradeScale.from_grades(
    Grade("outstanding", "Outstanding"),
    Grade("good", "Good"),
    Grade("requires_improvement", "Requires improvement", aliases=("RI",)),
    Grade("inadequate", "Inadequate"),
)


def _proportion(criterion_id: str, *, weight: float = 1.0, lower: bool = False) -> Criterion:
    values = (0.1, 0.2, 0.3) if lower else (0.8, 0.65, 0.5)
    return Criterion(
        criterion_id,
        f"Share {criterion_id}",
        Measure.PROPORTION,
        weight=weight,
        direction=Direction.LOWER if lower else Direction.HIGHER,
        thresholds=[
            Threshold(grade, value, MODELLED)
            for grade, value in zip(SCALE.ids, values, strict=False)
        ],
        provenance=MODELLED,
    )


def _rating(criterion_id: str, *, weight: float = 1.0) -> Criterion:
    return Criterion(criterion_id, f"Rating {criterion_id}", Measure.RATING, weight=weight)


def _framework(
    criteria: Sequence[Criterion],
    aggregation: Aggregation,
    *,
    overall: Aggregation | None = None,
    caps: Sequence[Cap] = (),
    extra: Sequence[Judgement] = (),
) -> Framework:
    return Framework(
        id="test",
        title="Test framework",
        version="1",
        scale=SCALE,
        judgements=[Judgement("main", "Main", criteria, aggregation), *extra],
        overall=overall or Aggregation(Method.SECURE_FIT, provenance=MODELLED),
        caps=caps,
    )


def _evidence(framework: Framework, **values: object) -> Evidence:
    return Evidence(
        framework.id,
        "Test centre",
        {key: Entry(key, value) for key, value in values.items()},  # type: ignore[arg-type]
    )


def _ratings(count: int, method: Aggregation) -> Framework:
    return _framework([_rating(f"r{k}") for k in range(count)], method)


def _id(grade: Grade | None) -> str | None:
    return None if grade is None else grade.id


def _grade_of(framework: Framework, **values: object) -> str | None:
    result = assess(framework, _evidence(framework, **values)).judgements["main"]
    return result.grade.id if result.grade else None


class TestMeasuredCriteria:
    def test_value_at_threshold_reaches_grade(self) -> None:
        """A value exactly at a threshold reaches that grade."""
        framework = _framework([_proportion("a")], Aggregation(Method.SECURE_FIT))
        result = assess(framework, _evidence(framework, a=0.65)).criteria["a"]
        assert result.grade is not None
        assert result.grade.id == "good"
        assert result.threshold is not None
        assert result.threshold.value == 0.65

    def test_value_below_every_threshold_is_worst(self) -> None:
        """A value below every threshold gets the worst grade and no threshold."""
        framework = _framework([_proportion("a")], Aggregation(Method.SECURE_FIT))
        result = assess(framework, _evidence(framework, a=0.2)).criteria["a"]
        assert result.grade is not None
        assert result.grade.id == "inadequate"
        assert result.threshold is None

    def test_lower_is_better_direction(self) -> None:
        """For a lower-is-better criterion a value at or under a threshold reaches it."""
        framework = _framework([_proportion("a", lower=True)], Aggregation(Method.SECURE_FIT))
        grades = [
            assess(framework, _evidence(framework, a=value)).criteria["a"].grade
            for value in (0.05, 0.2, 0.25, 0.9)
        ]
        assert [grade.id for grade in grades if grade] == [
            "outstanding",
            "good",
            "requires_improvement",
            "inadequate",
        ]

    def test_reason_names_value_and_missed_threshold(self) -> None:
        """The reason gives the value and the threshold for the next grade as percentages."""
        framework = _framework([_proportion("a")], Aggregation(Method.SECURE_FIT))
        reason = assess(framework, _evidence(framework, a=0.58)).criteria["a"].reason
        assert "58%" in reason
        assert "below the 65% needed for Good" in reason

    def test_interval_spans_grades(self) -> None:
        """An interval's range runs from its favourable to its unfavourable end."""
        framework = _framework([_proportion("a")], Aggregation(Method.SECURE_FIT))
        interval = Interval(0.6, 0.85, "a large majority")
        result = assess(framework, _evidence(framework, a=interval)).criteria["a"]
        assert result.status is Status.INTERVAL
        assert (result.best, result.grade, result.worst) == (
            SCALE.find("outstanding"),
            SCALE.find("good"),
            SCALE.find("requires_improvement"),
        )
        assert "a large majority" in result.reason

    def test_interval_on_lower_criterion_uses_low_end_for_best(self) -> None:
        """For lower-is-better, the interval's low end gives the best grade."""
        framework = _framework([_proportion("a", lower=True)], Aggregation(Method.SECURE_FIT))
        result = assess(framework, _evidence(framework, a=Interval(0.05, 0.25))).criteria["a"]
        assert _id(result.best) == "outstanding"
        assert _id(result.worst) == "requires_improvement"


class TestChecksAndRatings:
    def test_met_check_gets_met_grade(self, example_framework: Framework) -> None:
        """A met check gets its declared met grade."""
        evidence = _evidence(example_framework, supervision_checks_case_files=True)
        result = assess(example_framework, evidence).criteria["supervision_checks_case_files"]
        assert _id(result.grade) == "outstanding"
        assert result.reason == "met"

    def test_unmet_check_gets_not_met_grade(self, example_framework: Framework) -> None:
        """A check not met gets its declared not-met grade and says what it needs."""
        evidence = _evidence(example_framework, supervision_checks_case_files=False)
        result = assess(example_framework, evidence).criteria["supervision_checks_case_files"]
        assert _id(result.grade) == "requires_improvement"
        assert result.reason.startswith("not met: Outstanding needs it met")

    def test_rating_takes_the_grade(self, example_framework: Framework) -> None:
        """A rating gives its grade, including by alias."""
        evidence = _evidence(example_framework, board_challenge="RI")
        result = assess(example_framework, evidence).criteria["board_challenge"]
        assert _id(result.grade) == "requires_improvement"
        assert result.reason == "rated Requires improvement"

    def test_wrong_form_is_an_evidence_error(self, example_framework: Framework) -> None:
        """A value of the wrong form for its measure raises EvidenceError naming it."""
        evidence = _evidence(example_framework, board_challenge=True, gld_gap="lots")
        with pytest.raises(EvidenceError) as caught:
            assess(example_framework, evidence)
        assert {issue.path for issue in caught.value.issues} == {
            "evidence.board_challenge",
            "evidence.gld_gap",
        }
        assert {issue.code for issue in caught.value.issues} == {"wrong-form"}

    def test_unknown_criterion_is_an_evidence_error(self, example_framework: Framework) -> None:
        """Evidence for a criterion the framework lacks is refused, with a suggestion."""
        evidence = _evidence(example_framework, registration_rat=0.5)
        with pytest.raises(EvidenceError) as caught:
            assess(example_framework, evidence)
        (issue,) = caught.value.issues
        assert issue.code == "unknown-criterion"
        assert issue.hint is not None
        assert "registration_rate" in issue.hint

    def test_unknown_criterion_hint_says_did_you_mean_once(
        self, example_framework: Framework
    ) -> None:
        """The suggestion for a misspelt criterion reads as one "did you mean" question."""
        evidence = _evidence(example_framework, registration_rat=0.5)
        with pytest.raises(EvidenceError) as caught:
            assess(example_framework, evidence)
        (issue,) = caught.value.issues
        assert issue.hint == "did you mean 'registration_rate'?"
        assert issue.message == (
            f"framework {example_framework.id!r} has no criterion 'registration_rat'"
        )

    def test_unknown_criterion_without_a_near_name_points_to_template(
        self, example_framework: Framework
    ) -> None:
        """An unknown criterion with no close name is told how to list the criteria."""
        evidence = _evidence(example_framework, safeguarding=True)
        with pytest.raises(EvidenceError) as caught:
            assess(example_framework, evidence)
        (issue,) = caught.value.issues
        assert issue.hint == (
            f"run `inspectkit template {example_framework.id}` to list the criteria"
        )


class TestBestFit:
    def test_share_reached(self) -> None:
        """The best grade reached or beaten by the required share is given."""
        framework = _ratings(4, Aggregation(Method.BEST_FIT, share=0.5))
        grade = _grade_of(framework, r0="outstanding", r1="good", r2="inadequate", r3="inadequate")
        assert grade == "good"

    def test_weights_count(self) -> None:
        """Members count by weight, not by number."""
        criteria = [_rating("r0", weight=3.0), _rating("r1"), _rating("r2")]
        framework = _framework(criteria, Aggregation(Method.BEST_FIT, share=0.6))
        assert _grade_of(framework, r0="outstanding", r1="inadequate", r2="inadequate") == (
            "outstanding"
        )

    def test_reason_counts_members(self) -> None:
        """The reason says how many members reach the grade and what share is needed."""
        framework = _ratings(4, Aggregation(Method.BEST_FIT, share=0.5))
        evidence = _evidence(framework, r0="good", r1="good", r2="good", r3="inadequate")
        reason = assess(framework, evidence).judgements["main"].reason
        assert reason == (
            "best fit: 3 of 4 criteria (75%, needs 50%) are Good or better; "
            "only 0% are Outstanding or better"
        )


class TestSecureFit:
    def test_weakest_member_decides(self) -> None:
        """The judgement is the grade of its weakest member."""
        framework = _ratings(3, Aggregation(Method.SECURE_FIT))
        assert _grade_of(framework, r0="outstanding", r1="good", r2="requires_improvement") == (
            "requires_improvement"
        )


class TestPercentBands:
    AGGREGATION = Aggregation(
        Method.PERCENT_BANDS,
        points={"outstanding": 4, "good": 3, "requires_improvement": 2, "inadequate": 1},
        bands={"outstanding": 87.5, "good": 62.5, "requires_improvement": 40},
    )

    def test_percentage_picks_band(self) -> None:
        """The weighted percentage of the maximum points picks the best band reached."""
        framework = _ratings(2, self.AGGREGATION)
        # (4 + 2) / 8 = 75%: reaches the Good band (62.5%), not Outstanding (87.5%).
        assert _grade_of(framework, r0="outstanding", r1="requires_improvement") == "good"

    def test_below_every_band_is_worst(self) -> None:
        """A percentage below every band gives the worst grade."""
        framework = _ratings(2, self.AGGREGATION)
        assert _grade_of(framework, r0="inadequate", r1="inadequate") == "inadequate"


class TestRules:
    AGGREGATION = Aggregation(
        Method.RULES,
        rules=[
            Rule("outstanding", at_least={"outstanding": 2}, none_below="good"),
            Rule("good", none_below="good"),
            Rule("requires_improvement", at_most={"inadequate": 0}),
        ],
    )

    @pytest.mark.parametrize(
        ("grades", "expected"),
        [
            (("outstanding", "outstanding", "good"), "outstanding"),
            (("outstanding", "good", "good"), "good"),
            (("outstanding", "requires_improvement", "good"), "requires_improvement"),
            (("outstanding", "inadequate", "good"), "inadequate"),
        ],
    )
    def test_best_rule_that_holds(self, grades: tuple[str, ...], expected: str) -> None:
        """The best grade whose rule holds is given; the worst when none holds."""
        framework = _ratings(3, self.AGGREGATION)
        values = {f"r{k}": grade for k, grade in enumerate(grades)}
        assert _grade_of(framework, **values) == expected

    def test_minimum_on_excluded_member_is_satisfied(self) -> None:
        """A minimum condition on a member left out (not applicable) counts as satisfied."""
        aggregation = Aggregation(
            Method.RULES, rules=[Rule("outstanding", minimum={"r1": "outstanding"})]
        )
        framework = _ratings(2, aggregation)
        assert _grade_of(framework, r0="good", r1=NOT_APPLICABLE) == "outstanding"


class TestCaps:
    def test_check_not_met_caps_judgement(self, example_framework: Framework) -> None:
        """A check not met caps the judgement it limits, and the cap is in the trace."""
        evidence = _evidence(
            example_framework, supervision_checks_case_files=False, board_challenge="outstanding"
        )
        result = assess(example_framework, evidence).judgements["leadership"]
        assert _id(result.grade) == "requires_improvement"
        (fired,) = result.caps
        assert fired.cap.id == "supervision_limits_leadership"
        assert "held at Requires improvement by cap supervision_limits_leadership" in (
            result.reason
        )

    def test_cap_on_judgement_sees_capped_grade(self) -> None:
        """A cap watching a judgement sees that judgement's grade after its own caps."""
        caps = [
            Cap("first", when="r0", at_or_below="good", limits="main", to="inadequate",
                provenance=MODELLED),
            Cap("second", when="main", at_or_below="inadequate", limits="other",
                to="requires_improvement", provenance=MODELLED),
        ]  # fmt: skip
        other = Judgement("other", "Other", [_rating("o0")], Aggregation(Method.SECURE_FIT))
        framework = _framework(
            [_rating("r0")], Aggregation(Method.SECURE_FIT), caps=caps, extra=[other]
        )
        assessment = assess(framework, _evidence(framework, r0="good", o0="outstanding"))
        assert _id(assessment.judgements["main"].grade) == "inadequate"
        assert _id(assessment.judgements["other"].grade) == "requires_improvement"
        assert "capped at Requires improvement by cap second" in (
            assessment.judgements["other"].reason
        )
        assert _id(assessment.judgements["other"].uncapped) == "outstanding"

    def test_cap_on_overall(self, example_framework: Framework) -> None:
        """A cap can limit the overall grade."""
        evidence = _evidence(
            example_framework,
            registration_rate=0.95,
            gld_gap=1.0,
            supervision_checks_case_files=True,
            board_challenge="inadequate",
        )
        assessment = assess(example_framework, evidence)
        assert _id(assessment.overall.grade) == "inadequate"
        assert [fired.cap.id for fired in assessment.fired_caps()] == ["leadership_limits_overall"]

    def test_cap_is_not_recorded_below_its_limit(self, example_framework: Framework) -> None:
        """A cap is not recorded when the grade is already worse than its limit."""
        evidence = _evidence(
            example_framework, supervision_checks_case_files=False, board_challenge="inadequate"
        )
        result = assess(example_framework, evidence).judgements["leadership"]
        assert _id(result.grade) == "inadequate"
        assert result.caps == ()

    def test_cap_applies_to_range(self, example_framework: Framework) -> None:
        """Caps limit the best bound too, so the range stays consistent."""
        evidence = _evidence(example_framework, supervision_checks_case_files=False)
        result = assess(example_framework, evidence).judgements["leadership"]
        assert _id(result.best) == "requires_improvement"


class TestMissingEvidence:
    def test_worst_policy_counts_absent_as_worst(self, example_framework: Framework) -> None:
        """Under policy worst, absent evidence counts as the worst grade, range best..worst."""
        result = assess(example_framework, _evidence(example_framework)).criteria["gld_gap"]
        assert result.status is Status.ABSENT
        assert _id(result.grade) == "inadequate"
        assert _id(result.best) == "outstanding"
        assert result.reason == "no evidence: counted as Inadequate (policy 'worst')"

    def test_exclude_policy_leaves_absent_out(self, example_framework: Framework) -> None:
        """Under policy exclude, absent evidence has no grade and is left out of aggregation."""
        evidence = _evidence(example_framework, registration_rate=0.95)
        assessment = assess(example_framework, evidence, missing="exclude")
        assert assessment.criteria["gld_gap"].grade is None
        assert _id(assessment.criteria["gld_gap"].worst) == "inadequate"
        assert _id(assessment.judgements["access"].grade) == "outstanding"

    def test_error_policy_lists_every_absent_criterion(self, example_framework: Framework) -> None:
        """Under policy error, every absent criterion is reported at once."""
        evidence = _evidence(example_framework, registration_rate=0.95)
        with pytest.raises(EvidenceError) as caught:
            assess(example_framework, evidence, missing=MissingPolicy.ERROR)
        assert [issue.path for issue in caught.value.issues] == [
            "evidence.gld_gap",
            "evidence.supervision_checks_case_files",
            "evidence.board_challenge",
        ]
        assert {issue.code for issue in caught.value.issues} == {"missing-evidence"}

    def test_unknown_policy_is_refused(self, example_framework: Framework) -> None:
        """An unknown policy name raises EvidenceError."""
        with pytest.raises(EvidenceError, match="policy"):
            assess(example_framework, _evidence(example_framework), missing="ignore")

    def test_not_applicable_is_left_out_of_coverage(self, example_framework: Framework) -> None:
        """Not-applicable criteria have no grade and do not count against coverage."""
        evidence = _evidence(example_framework, registration_rate=0.95, gld_gap=NOT_APPLICABLE)
        assessment = assess(example_framework, evidence)
        assert assessment.criteria["gld_gap"].grade is None
        assert assessment.criteria["gld_gap"].best is None
        assert assessment.judgements["access"].coverage == 1.0
        assert _id(assessment.judgements["access"].grade) == "outstanding"

    def test_coverage_is_weighted(self, example_framework: Framework) -> None:
        """Coverage is the weighted share of criteria with evidence."""
        evidence = _evidence(example_framework, registration_rate=0.95)
        assessment = assess(example_framework, evidence)
        # registration_rate weighs 2 of the 5 units of weight.
        assert assessment.coverage == pytest.approx(2 / 5)
        assert assessment.judgements["access"].coverage == pytest.approx(2 / 3)

    def test_all_excluded_judgement_has_no_grade(self, example_framework: Framework) -> None:
        """A judgement with no graded member has no grade, and the overall leaves it out."""
        evidence = _evidence(
            example_framework, supervision_checks_case_files=True, board_challenge="good"
        )
        assessment = assess(example_framework, evidence, missing="exclude")
        assert assessment.judgements["access"].grade is None
        assert assessment.judgements["access"].reason == "no criteria could be graded"
        assert _id(assessment.overall.grade) == "good"


class TestFlatMappings:
    def test_flat_mapping_is_converted(self, example_framework: Framework) -> None:
        """A plain mapping of raw values is accepted, as in a notebook."""
        assessment = assess(
            example_framework,
            {"registration_rate": "72%", "board_challenge": "RI", "gld_gap": 3},
        )
        assert _id(assessment.criteria["registration_rate"].grade) == "good"
        assert _id(assessment.criteria["board_challenge"].grade) == "requires_improvement"

    def test_other_types_are_refused(self, example_framework: Framework) -> None:
        """Evidence that is neither Evidence nor a mapping raises TypeError."""
        with pytest.raises(TypeError):
            assess(example_framework, [("registration_rate", 0.5)])  # type: ignore[arg-type]


class TestJson:
    def _assessment(self, framework: Framework) -> Assessment:
        evidence = _evidence(
            framework,
            registration_rate=Interval(0.65, 0.8, "a large majority"),
            gld_gap=NOT_APPLICABLE,
            supervision_checks_case_files=False,
            board_challenge="good",
        )
        return assess(framework, evidence)

    def test_json_has_schema_and_grades(self, example_framework: Framework) -> None:
        """The JSON names its schema version, the framework and every grade by id."""
        data = json.loads(self._assessment(example_framework).to_json())
        assert data["schema_version"] == 1
        assert data["framework"]["id"] == "example_centres"
        assert data["missing"] == "worst"
        assert data["overall"]["grade"] == "requires_improvement"
        leadership = data["judgements"][1]
        assert leadership["caps"][0]["id"] == "supervision_limits_leadership"
        criteria = {item["id"]: item for item in data["criteria"]}
        assert criteria["registration_rate"]["value"] == {
            "low": 0.65,
            "high": 0.8,
            "word": "a large majority",
        }
        assert criteria["gld_gap"]["value"] == "not_applicable"
        assert criteria["board_challenge"]["value"] == "good"

    def test_json_is_deterministic(self, example_framework: Framework) -> None:
        """The same inputs give byte-identical JSON, and to_dict round-trips through it."""
        first = self._assessment(example_framework)
        second = self._assessment(example_framework)
        assert first.to_json() == second.to_json()
        assert json.loads(first.to_json()) == first.to_dict()


class TestPlanCache:
    def test_plan_is_reused(self, example_framework: Framework) -> None:
        """A framework is compiled once and its plan reused."""
        assert _compile.compiled_for(example_framework) is _compile.compiled_for(example_framework)

    def test_plan_goes_with_framework(self, example_framework: Framework) -> None:
        """The cached plan is dropped when its framework is no longer used."""
        framework = attrs.evolve(example_framework, version="2")
        _compile.compiled_for(framework)
        key = id(framework)
        assert key in _compile._COMPILED.owner_ids()
        del framework
        gc.collect()
        assert key not in _compile._COMPILED.owner_ids()

    def test_reused_results_keep_each_value_as_given(self, example_framework: Framework) -> None:
        """Equal values of different types or signs are each reported as given."""
        first = assess(example_framework, _evidence(example_framework, gld_gap=5))
        second = assess(example_framework, _evidence(example_framework, gld_gap=5.0))
        third = assess(example_framework, _evidence(example_framework, gld_gap=-0.0))
        values = [json.loads(a.to_json())["criteria"][1]["value"] for a in (first, second, third)]
        assert [repr(value) for value in values] == ["5", "5.0", "-0.0"]

    def test_absent_results_follow_the_policy(self, example_framework: Framework) -> None:
        """Reused results for absent evidence still follow the policy of each call."""
        evidence = _evidence(example_framework)
        worst = assess(example_framework, evidence, missing="worst").criteria["gld_gap"]
        excluded = assess(example_framework, evidence, missing="exclude").criteria["gld_gap"]
        assert _id(worst.grade) == "inadequate"
        assert excluded.grade is None

    def test_overall_members_are_judgements(self, example_framework: Framework) -> None:
        """The overall result lists the judgements it combines."""
        assessment = assess(example_framework, _evidence(example_framework))
        assert assessment.overall.members == ("access", "leadership")
        assert assessment.result(OVERALL) is assessment.overall


class TestScoringSurface:
    def test_use_cases_import_only_public_scoring_names(self) -> None:
        """The use-case modules import scoring's exported names, never its private modules."""
        package = Path(inspectkit.scoring.__file__).parent.parent
        offending = []
        for name in ("gaps.py", "groups.py", "scenarios.py", "progress.py", "batch.py"):
            source = (package / name).read_text(encoding="utf-8")
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "inspectkit.scoring"
                ):
                    if node.module != "inspectkit.scoring":
                        offending.append(f"{name}: {node.module}")
                    offending.extend(
                        f"{name}: {alias.name}"
                        for alias in node.names
                        if alias.name not in inspectkit.scoring.__all__
                    )
        assert offending == []

    def test_combine_refuses_a_method_that_needs_more_than_a_share(self) -> None:
        """Combining by a rules method (which needs rules) is a TypeError naming what it takes."""
        with pytest.raises(TypeError, match="best_fit or secure_fit"):
            inspectkit.scoring.combine(four_grade_scale(), Method.RULES, [0, 1])
