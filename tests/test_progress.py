"""Progress over time: comparing two assessments, and timelines of many."""

from __future__ import annotations

import datetime
import json
import sys
from typing import Any

import attrs
import pytest

import inspectkit
from inspectkit import Assessment, ComparisonError, Framework
from inspectkit.progress import compare, timeline
from inspectkit.results import framework_changes

BEFORE = {
    "registration_rate": {"numerator": 58, "denominator": 100},
    "gld_gap": 14,
    "supervision_checks_case_files": False,
    "board_challenge": "RI",
}


def run(
    framework: Framework, when: datetime.date | None, unit: str = "Riverside", **changes: Any
) -> Assessment:
    """Assess Riverside's evidence at *when*, with *changes*."""
    values = {**BEFORE, **changes}
    evidence = inspectkit.evidence_from_values(framework, values, unit=unit, date=when)
    return inspectkit.assess(framework, evidence)


JUNE = datetime.date(2026, 6, 30)
SEPTEMBER = datetime.date(2026, 9, 30)
DECEMBER = datetime.date(2026, 12, 31)


class TestCompare:
    def test_an_assessment_compared_with_itself_has_no_movement(
        self, example_framework: Framework
    ) -> None:
        """compare(a, a) shows nothing moved and no gap closed or opened."""
        a = run(example_framework, JUNE)
        comparison = compare(a, a)
        assert comparison.moved() == ()
        assert comparison.gaps_closed == comparison.gaps_opened == ()

    def test_improvement_moves_grades_up(self, example_framework: Framework) -> None:
        """Meeting the supervision check lifts leadership and closes that gap."""
        before = run(example_framework, JUNE)
        after = run(example_framework, SEPTEMBER, supervision_checks_case_files=True)
        comparison = compare(before, after, target="good")
        movement = comparison.criteria["supervision_checks_case_files"]
        assert movement.direction == "improved"
        assert movement.steps is not None
        assert movement.steps > 0
        assert "supervision_checks_case_files" in comparison.gaps_closed

    def test_value_change_is_after_minus_before(self, example_framework: Framework) -> None:
        """A proportion's movement carries the change in value."""
        before = run(example_framework, JUNE)
        after = run(
            example_framework, SEPTEMBER, registration_rate={"numerator": 70, "denominator": 100}
        )
        change = compare(before, after).criteria["registration_rate"].value_change
        assert change == pytest.approx(0.12)

    def test_decline_opens_a_gap(self, example_framework: Framework) -> None:
        """A criterion that falls below the target opens a gap."""
        before = run(example_framework, JUNE, gld_gap=10)
        after = run(example_framework, SEPTEMBER, gld_gap=25)
        comparison = compare(before, after, target="good")
        assert comparison.gaps_opened == ("gld_gap",)
        assert comparison.criteria["gld_gap"].direction == "declined"

    def test_mirror_is_compare_the_other_way(self, example_framework: Framework) -> None:
        """compare(b, a) is the mirror image of compare(a, b)."""
        a = run(example_framework, JUNE)
        b = run(example_framework, SEPTEMBER, supervision_checks_case_files=True, gld_gap=30)
        assert compare(b, a) == compare(a, b).mirror()

    def test_different_frameworks_are_refused(self, example_framework: Framework) -> None:
        """Assessments under different frameworks cannot be compared."""
        other = attrs.evolve(example_framework, id="other")
        a = run(example_framework, JUNE)
        b = inspectkit.assess(other, attrs.evolve(a.evidence, framework="other"))
        with pytest.raises(ComparisonError) as caught:
            compare(a, b)
        assert caught.value.issues[0].code == "different-framework"

    def test_different_units_are_refused_unless_allowed(self, example_framework: Framework) -> None:
        """Two different units are refused, unless the caller says the unit was renamed."""
        a = run(example_framework, JUNE)
        b = run(example_framework, SEPTEMBER, unit="Riverside and Weir")
        with pytest.raises(ComparisonError):
            compare(a, b)
        assert compare(a, b, check_unit=False).unit == "Riverside and Weir"

    def test_default_target_is_symmetric(self, example_framework: Framework) -> None:
        """The default target is one grade above the weaker overall grade, either way round."""
        a = run(example_framework, JUNE)
        b = run(example_framework, SEPTEMBER, supervision_checks_case_files=True)
        assert compare(a, b).target == compare(b, a).target


class TestFrameworkVersions:
    def test_a_new_version_lists_what_changed(self, example_framework: Framework) -> None:
        """A threshold changed between versions is listed, and the comparison still runs."""
        criterion = example_framework.criterion("registration_rate")
        stricter = attrs.evolve(
            criterion,
            thresholds=[
                attrs.evolve(t, value=t.value + 0.05) if t.grade == "good" else t
                for t in criterion.thresholds
            ],
        )
        judgement = example_framework.judgement("access")
        newer = attrs.evolve(
            example_framework,
            version="2.0",
            judgements=[
                attrs.evolve(
                    judgement,
                    criteria=[stricter if c.id == stricter.id else c for c in judgement.criteria],
                ),
                *example_framework.judgements[1:],
            ],
        )
        a = run(example_framework, JUNE)
        b = inspectkit.assess(newer, attrs.evolve(a.evidence, date=SEPTEMBER))
        comparison = compare(a, b)
        assert comparison.version_changed
        kinds = [(c.kind, c.id) for c in comparison.framework_changes]
        assert kinds == [("threshold_changed", "registration_rate")]
        assert "Framework changes" in comparison.to_markdown()

    def test_same_framework_has_no_changes(self, example_framework: Framework) -> None:
        """A framework compared with itself has no changes."""
        assert framework_changes(example_framework, example_framework) == ()

    def test_added_criterion_is_listed(self, example_framework: Framework) -> None:
        """A criterion only in the newer version is listed as added, and removed in mirror."""
        judgement = example_framework.judgement("leadership")
        extra = attrs.evolve(judgement.criteria[-1], id="new_check")
        newer = attrs.evolve(
            example_framework,
            version="2",
            judgements=[
                example_framework.judgements[0],
                attrs.evolve(judgement, criteria=[*judgement.criteria, extra]),
            ],
        )
        changes = framework_changes(example_framework, newer)
        assert ("criterion_added", "new_check") in [(c.kind, c.id) for c in changes]
        a = run(example_framework, JUNE)
        b = inspectkit.assess(newer, attrs.evolve(a.evidence, date=SEPTEMBER))
        comparison = compare(a, b)
        assert "new_check" in comparison.criteria
        assert "new_check" not in comparison.gaps_opened + comparison.gaps_open
        assert compare(b, a) == comparison.mirror()
        back = framework_changes(newer, example_framework)
        assert ("criterion_removed", "new_check") in [(c.kind, c.id) for c in back]


class TestTimeline:
    def test_assessments_are_ordered_by_date(self, example_framework: Framework) -> None:
        """A timeline orders runs by date whatever order they were given in."""
        runs = [
            run(example_framework, DECEMBER),
            run(example_framework, JUNE),
            run(example_framework, SEPTEMBER),
        ]
        line = timeline(runs)
        assert line.dates == (JUNE, SEPTEMBER, DECEMBER)
        assert len(line.steps) == 2

    def test_undated_runs_come_last_in_the_order_given(self, example_framework: Framework) -> None:
        """Undated assessments follow the dated ones, keeping their order."""
        first = run(example_framework, None, gld_gap=1)
        second = run(example_framework, None, gld_gap=2)
        line = timeline([first, run(example_framework, JUNE), second])
        assert line.dates == (JUNE, None, None)
        assert line.assessments[1] is first
        assert line.assessments[2] is second

    def test_ties_keep_the_order_given(self, example_framework: Framework) -> None:
        """Two runs on one date keep the order they were given in."""
        a = run(example_framework, JUNE, gld_gap=1)
        b = run(example_framework, JUNE, gld_gap=2)
        assert timeline([b, a]).assessments == (b, a)

    def test_every_step_uses_one_target(self, example_framework: Framework) -> None:
        """Each step of a timeline measures gaps against the same grade."""
        runs = [run(example_framework, d) for d in (JUNE, SEPTEMBER, DECEMBER)]
        line = timeline(runs)
        assert {step.target for step in line.steps} == {line.target}

    def test_empty_timeline_is_refused(self) -> None:
        """A timeline needs at least one assessment."""
        with pytest.raises(ComparisonError):
            timeline([])

    def test_grades_and_values_over_time(self, example_framework: Framework) -> None:
        """A timeline gives a result's grades and a criterion's values in date order."""
        runs = [run(example_framework, JUNE, gld_gap=20), run(example_framework, SEPTEMBER)]
        line = timeline(runs)
        assert line.values("gld_gap") == (20.0, 14.0)
        assert len(line.grades("leadership")) == 2


class TestOutput:
    @pytest.fixture
    def comparison(self, example_framework: Framework) -> inspectkit.Comparison:
        """A comparison of a unit with a hostile name."""
        unit = "<script>x</script> | Centre"
        before = run(example_framework, JUNE, unit=unit)
        after = run(
            example_framework,
            SEPTEMBER,
            unit=unit,
            supervision_checks_case_files=True,
            registration_rate={"numerator": 70, "denominator": 100},
        )
        return compare(before, after)

    def test_markdown_reads_as_a_progress_report(self, comparison: inspectkit.Comparison) -> None:
        """The Markdown report leads with the headline and lists key figures and gaps."""
        text = comparison.to_markdown()
        assert text.startswith("# Progress report:")
        assert "## Summary" in text
        assert "## Key figures" in text
        assert "+12 points (better)" in text
        assert "## Gaps closed" in text
        assert "<script>" not in text

    def test_html_escapes(self, comparison: inspectkit.Comparison) -> None:
        """Every string reaches HTML escaped."""
        for html in (comparison.to_html(), comparison._repr_html_()):
            assert "<script>" not in html
            assert "&lt;script&gt;" in html

    def test_json_is_versioned(self, comparison: inspectkit.Comparison) -> None:
        """The JSON output carries a schema version and every movement."""
        data = json.loads(comparison.to_json())
        assert data["schema_version"] == 1
        assert data["kind"] == "comparison"
        assert len(data["criteria"]) == 4

    def test_json_follows_the_assessment_s_policy(self, comparison: inspectkit.Comparison) -> None:
        """Comparison JSON is written as an assessment's is: keys sorted, two-space indent."""
        text = comparison.to_json()
        policy = json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False)
        assert text == policy

    def test_undated_records_hold_none_as_assessment_records_do(
        self, example_framework: Framework
    ) -> None:
        """Absent dates are None in comparison and timeline records, as in assessment records."""
        first, second = run(example_framework, None), run(example_framework, None)
        assert first.to_records()[0]["date"] is None
        row = compare(first, second).to_records()[0]
        assert (row["before_date"], row["after_date"]) == (None, None)
        assert timeline([first]).to_records()[0]["date"] is None

    def test_records_have_one_row_per_movement(self, comparison: inspectkit.Comparison) -> None:
        """Records hold overall, every judgement and every criterion."""
        assert len(comparison.to_records()) == 1 + 2 + 4
        assert comparison.to_csv().splitlines()[0].startswith("unit,framework,before_date")

    def test_timeline_outputs(self, example_framework: Framework) -> None:
        """A timeline renders in every format."""
        line = timeline([run(example_framework, d) for d in (JUNE, SEPTEMBER)])
        assert "| Overall effectiveness |" in line.to_markdown()
        assert json.loads(line.to_json())["kind"] == "timeline"
        assert line.to_csv().startswith("unit,position,date")
        assert "<table>" in line.to_html()


class TestDataFrame:
    def test_dataframe_has_one_row_per_record(self, example_framework: Framework) -> None:
        """With pandas installed, to_dataframe holds the records."""
        pytest.importorskip("pandas")
        comparison = compare(run(example_framework, JUNE), run(example_framework, SEPTEMBER))
        assert len(comparison.to_dataframe()) == len(comparison.to_records())

    def test_dataframe_without_pandas_says_how_to_get_it(
        self, example_framework: Framework, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without pandas, to_dataframe raises ImportError naming the extra."""
        monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails, as uninstalled
        line = timeline([run(example_framework, JUNE)])
        with pytest.raises(ImportError, match=r"inspectkit\[pandas\]"):
            line.to_dataframe()
