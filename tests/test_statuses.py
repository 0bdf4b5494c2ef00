"""Derived statuses: ``[[statuses]]``, their evaluation, reports, CLI and the leave-status plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import inspectkit
from inspectkit import assess, loads_framework
from inspectkit.cli import EXIT_IN_STATUS, EXIT_OK, EXIT_USAGE, main
from inspectkit.errors import FrameworkError, UnknownIdError
from inspectkit.loading import framework_to_dict
from inspectkit.schema import result_schema
from schema_check import validate

ROOT = Path(__file__).resolve().parent.parent

BASE = """
id = "statused"
title = "A framework with derived statuses"
version = "1"

[[grades]]
id = "good"
label = "Good"

[[grades]]
id = "fair"
label = "Fair"

[[grades]]
id = "poor"
label = "Poor"

[[scales]]
id = "met_not_met"
title = "Met / not met"
provenance = { basis = "modelled" }

[[scales.grades]]
id = "met"
label = "Met"

[[scales.grades]]
id = "not_met"
label = "Not met"

[[judgements]]
id = "quality"
title = "Quality"
aggregation = { method = "secure_fit", provenance = { basis = "modelled" } }

[[judgements.criteria]]
id = "quality_rating"
title = "Quality as rated"
measure = "rating"

[[judgements]]
id = "leaders"
title = "Leaders"
aggregation = { method = "secure_fit", provenance = { basis = "modelled" } }

[[judgements.criteria]]
id = "leaders_rating"
title = "Leaders as rated"
measure = "rating"

[[judgements.criteria]]
id = "leaders_check"
title = "Leaders check"
measure = "check"
provenance = { basis = "modelled" }

[[judgements]]
id = "safety"
title = "Safety"
scale = "met_not_met"
aggregation = { method = "secure_fit", provenance = { basis = "modelled" } }

[[judgements.criteria]]
id = "safety_check"
title = "Safety is checked"
measure = "check"
provenance = { basis = "modelled" }

[overall]
method = "secure_fit"
provenance = { basis = "modelled" }
"""

STATUSES = """
[[statuses]]
id = "concern"
title = "Concern"
none_label = "No concern"
provenance = { basis = "secondary" }

[[statuses.levels]]
id = "serious"
label = "Serious weaknesses"
any = [
  { judgement = "*", at_or_below = "poor" },
  { judgement = "safety", at_or_below = "not_met" },
]

[[statuses.levels]]
id = "special"
label = "Special measures"
provenance = { basis = "modelled" }
all = [
  { judgement = "leaders", at_or_below = "poor" },
  { any = [
    { judgement = "*", except = ["leaders"], at_or_below = "poor" },
    { judgement = "safety", at_or_below = "not_met" },
  ] },
]

[[statuses]]
id = "watch"
title = "Watch list"
provenance = { basis = "modelled" }

[[statuses.levels]]
id = "watched"
label = "Watched"
any = [
  { status = "concern" },
  { judgement = "*", at_or_below = "fair", count = 2 },
  { criterion = "leaders_check", not_met = true },
]
"""

GOOD = {"quality_rating": "good", "leaders_rating": "good", "leaders_check": True}
SAFE = {"safety_check": True}


@pytest.fixture(scope="module")
def framework() -> inspectkit.Framework:
    return loads_framework(BASE + STATUSES)


def _level(assessment: inspectkit.Assessment, status: str) -> str | None:
    level = assessment.statuses[status].level
    return None if level is None else level.id


class TestTheModel:
    def test_statuses_are_kept_in_order(self, framework: inspectkit.Framework) -> None:
        """The framework keeps its statuses in the order written."""
        assert [s.id for s in framework.statuses] == ["concern", "watch"]

    def test_levels_are_least_severe_first(self, framework: inspectkit.Framework) -> None:
        """A status keeps its levels in the order written, least severe first."""
        assert [lv.id for lv in framework.derived_status("concern").levels] == [
            "serious",
            "special",
        ]

    def test_unknown_status_raises(self, framework: inspectkit.Framework) -> None:
        """Asking for a status the framework lacks raises UnknownIdError."""
        with pytest.raises(UnknownIdError):
            framework.derived_status("nothing")

    def test_unknown_level_raises(self, framework: inspectkit.Framework) -> None:
        """Asking a status for a level it lacks raises UnknownIdError."""
        with pytest.raises(UnknownIdError):
            framework.derived_status("concern").level("nothing")

    def test_except_is_kept(self, framework: inspectkit.Framework) -> None:
        """An except list is kept on the condition as excluding."""
        special = framework.derived_status("concern").level("special")
        nested = special.condition.all_of[1].any_of[0]
        assert nested.excluding == ("leaders",)

    def test_round_trips_through_a_dict(self, framework: inspectkit.Framework) -> None:
        """framework_to_dict writes the statuses so that the file loads to an equal framework."""
        assert inspectkit.parse_framework(framework_to_dict(framework)) == framework


class TestEvaluation:
    def test_good_evidence_is_in_no_status(self, framework: inspectkit.Framework) -> None:
        """Good grades and safety met give no level of any status."""
        assessment = assess(framework, {**GOOD, **SAFE})
        assert _level(assessment, "concern") is None
        assert _level(assessment, "watch") is None

    def test_a_poor_area_is_serious(self, framework: inspectkit.Framework) -> None:
        """One area at the worst grade gives the least severe level."""
        assessment = assess(framework, {**GOOD, **SAFE, "quality_rating": "poor"})
        assert _level(assessment, "concern") == "serious"

    def test_the_gate_counts_by_name(self, framework: inspectkit.Framework) -> None:
        """Safety not met enters the status through its own condition."""
        assessment = assess(framework, {**GOOD, "safety_check": False})
        assert _level(assessment, "concern") == "serious"

    def test_poor_leaders_alone_are_serious(self, framework: inspectkit.Framework) -> None:
        """Leaders poor with nothing else wrong is the lesser level, not special measures."""
        assessment = assess(framework, {**GOOD, **SAFE, "leaders_rating": "poor"})
        assert _level(assessment, "concern") == "serious"

    def test_poor_leaders_and_unsafe_is_special(self, framework: inspectkit.Framework) -> None:
        """Leaders poor and safety not met is the most severe level."""
        evidence = {**GOOD, "leaders_rating": "poor", "safety_check": False}
        assert _level(assess(framework, evidence), "concern") == "special"

    def test_except_leaves_its_judgement_out(self, framework: inspectkit.Framework) -> None:
        """Leaders poor do not count as 'another area' poor for special measures."""
        evidence = {**GOOD, **SAFE, "leaders_rating": "poor"}
        assert _level(assess(framework, evidence), "concern") != "special"

    def test_count_needs_that_many(self, framework: inspectkit.Framework) -> None:
        """A count of two needs two areas at the grade or worse."""
        one = assess(framework, {**GOOD, **SAFE, "quality_rating": "fair"})
        two = assess(
            framework, {**GOOD, **SAFE, "quality_rating": "fair", "leaders_rating": "fair"}
        )
        assert _level(one, "watch") is None
        assert _level(two, "watch") == "watched"

    def test_a_status_condition_reads_another_status(self, framework: inspectkit.Framework) -> None:
        """A unit in the concern status is on the watch list through the status condition."""
        assessment = assess(framework, {**GOOD, "safety_check": False})
        assert _level(assessment, "watch") == "watched"

    def test_a_criterion_condition(self, framework: inspectkit.Framework) -> None:
        """An unmet check named by a condition puts the unit on the watch list."""
        assessment = assess(framework, {**GOOD, **SAFE, "leaders_check": False})
        assert _level(assessment, "watch") == "watched"

    def test_a_criterion_grade_condition(self) -> None:
        """A criterion condition with at_or_below reads the criterion's grade."""
        text = BASE + (
            '[[statuses]]\nid = "low"\ntitle = "Low"\nprovenance = { basis = "modelled" }\n'
            '[[statuses.levels]]\nid = "low"\nlabel = "Low"\n'
            'any = [{ criterion = "quality_rating", at_or_below = "fair" }]\n'
        )
        framework = loads_framework(text)
        fair = assess(framework, {**GOOD, **SAFE, "quality_rating": "fair"})
        assert _level(fair, "low") == "low"
        assert _level(assess(framework, {**GOOD, **SAFE}), "low") is None

    def test_an_overall_condition(self) -> None:
        """A condition on the overall grade reads the overall grade."""
        text = BASE + (
            '[[statuses]]\nid = "weak"\ntitle = "Weak"\nprovenance = { basis = "modelled" }\n'
            '[[statuses.levels]]\nid = "weak"\nlabel = "Weak"\n'
            'any = [{ judgement = "overall", at_or_below = "fair" }]\n'
        )
        framework = loads_framework(text)
        assert _level(assess(framework, {**GOOD, **SAFE, "quality_rating": "fair"}), "weak")
        assert _level(assess(framework, {**GOOD, **SAFE}), "weak") is None

    def test_absent_evidence_excluded_shows_as_possible(
        self, framework: inspectkit.Framework
    ) -> None:
        """With absent evidence excluded, the status it could cause shows in the worst case."""
        assessment = assess(framework, {**GOOD}, missing="exclude")
        result = assessment.statuses["concern"]
        assert result.level is None
        assert result.worst is not None
        assert result.worst.id == "serious"
        assert result.text == "No concern (could be Serious weaknesses)"

    def test_not_applicable_never_enters(self, framework: inspectkit.Framework) -> None:
        """A judgement that does not apply never puts the unit in a status."""
        evidence = {**GOOD, "safety_check": "not_applicable"}
        assert assess(framework, evidence).statuses["concern"].worst is None

    def test_result_names_its_status(self, framework: inspectkit.Framework) -> None:
        """A status result's id is its status's id."""
        assert assess(framework, {**GOOD, **SAFE}).statuses["watch"].id == "watch"

    def test_reaches(self, framework: inspectkit.Framework) -> None:
        """reaches() is true at the point level and the levels below it, false above."""
        result = assess(framework, {**GOOD, "safety_check": False}).statuses["concern"]
        assert result.reaches()
        assert result.reaches("serious")
        assert not result.reaches("special")

    def test_no_level_reaches_nothing(self, framework: inspectkit.Framework) -> None:
        """A unit in no level of a status reaches none of them."""
        assert not assess(framework, {**GOOD, **SAFE}).statuses["concern"].reaches()

    def test_severity_of_none_is_zero(self, framework: inspectkit.Framework) -> None:
        """No level has severity 0 and the first level 1."""
        result = assess(framework, {**GOOD, **SAFE}).statuses["concern"]
        assert result.severity(None) == 0
        assert result.severity(framework.derived_status("concern").levels[0]) == 1

    def test_framework_without_statuses(self) -> None:
        """A framework that declares no statuses gives an assessment with none."""
        assessment = assess(loads_framework(BASE), {**GOOD, **SAFE})
        assert dict(assessment.statuses) == {}


class TestReports:
    @pytest.fixture
    def assessment(self, framework: inspectkit.Framework) -> inspectkit.Assessment:
        return assess(framework, {**GOOD, "safety_check": False})

    def test_text_lists_statuses(self, assessment: inspectkit.Assessment) -> None:
        """The text report names each status, its level and the basis of the rule."""
        text = assessment.to_text()
        assert "Concern: Serious weaknesses; rule: secondary" in text

    def test_level_provenance_wins(self, framework: inspectkit.Framework) -> None:
        """A level with its own provenance reports that basis."""
        evidence = {**GOOD, "leaders_rating": "poor", "safety_check": False}
        assert "Concern: Special measures; rule: modelled" in assess(framework, evidence).to_text()

    def test_markdown_lists_statuses(self, assessment: inspectkit.Assessment) -> None:
        """The Markdown report has a Statuses section."""
        assert "## Statuses" in assessment.to_markdown()

    def test_html_lists_statuses(self, assessment: inspectkit.Assessment) -> None:
        """The HTML report has a Statuses section."""
        assert "<h2>Statuses</h2>" in assessment.to_html()

    def test_json_has_statuses(self, assessment: inspectkit.Assessment) -> None:
        """The JSON gives each status's point, best and worst level and is schema-valid."""
        data = json.loads(assessment.to_json())
        assert data["statuses"]["concern"]["level"] == "serious"
        assert data["statuses"]["watch"]["worst"] == "watched"
        assert validate(data, result_schema()) == []

    def test_csv_has_a_column_per_status(self, assessment: inspectkit.Assessment) -> None:
        """The CSV gives every row a column per status with the level id."""
        header, first = assessment.to_csv().splitlines()[:2]
        assert header.endswith(",concern,watch")
        assert first.endswith(",serious,watched")

    def test_table_has_a_column_per_status(self, framework: inspectkit.Framework) -> None:
        """A batch table has a column per status after the judgements."""
        row = {"unit": "A", **{k: str(v).lower() for k, v in GOOD.items()}, "safety_check": "no"}
        table = inspectkit.assess_table(framework, [row])
        assert table.fields[-2:] == ("concern", "watch")
        assert table.to_records()[0]["concern"] == "serious"

    def test_no_statuses_section_without_statuses(self) -> None:
        """A framework with no statuses prints no Statuses section."""
        assessment = assess(loads_framework(BASE), {**GOOD, **SAFE})
        assert "Statuses" not in assessment.to_text()
        assert "statuses" not in assessment.to_dict()


class TestLeaveStatus:
    def test_already_out(self, framework: inspectkit.Framework) -> None:
        """A unit out of the status even in the worst case needs no change."""
        plan = assess(framework, {**GOOD, **SAFE}).leave_status_plan("concern")
        assert plan.reachable
        assert plan.changes == ()

    def test_plan_takes_the_unit_out(self, framework: inspectkit.Framework) -> None:
        """The plan's changes, re-scored, leave the status in the worst case."""
        evidence = {**GOOD, "leaders_rating": "poor", "safety_check": False}
        plan = assess(framework, evidence).leave_status_plan("concern")
        assert plan.criteria == ("leaders_rating", "safety_check")
        assert plan.result is not None
        assert plan.result.statuses["concern"].worst is None

    def test_fixed_criteria_can_make_it_unreachable(self, framework: inspectkit.Framework) -> None:
        """Holding the failing check fixed leaves no way out."""
        assessment = assess(framework, {**GOOD, "safety_check": False})
        plan = assessment.leave_status_plan("concern", fixed=["safety_check"])
        assert not plan.reachable
        assert plan.result is None

    def test_unknown_status_raises(self, framework: inspectkit.Framework) -> None:
        """Asking to leave a status the framework lacks raises UnknownIdError."""
        with pytest.raises(UnknownIdError):
            assess(framework, {**GOOD, **SAFE}).leave_status_plan("nothing")

    def test_absent_evidence_excluded_is_asked_for(self, framework: inspectkit.Framework) -> None:
        """With safety absent and excluded, the plan asks for it to be met."""
        plan = assess(framework, {**GOOD}, missing="exclude").leave_status_plan("concern")
        assert plan.criteria == ("safety_check",)

    def test_a_status_condition_is_left_too(self, framework: inspectkit.Framework) -> None:
        """Leaving the watch list also takes the unit out of the status it names."""
        plan = assess(framework, {**GOOD, "safety_check": False}).leave_status_plan("watch")
        assert plan.criteria == ("safety_check",)

    def test_overall_condition_is_planned(self) -> None:
        """A status on the overall grade is left through the engine-checked search."""
        text = BASE + (
            '[[statuses]]\nid = "weak"\ntitle = "Weak"\nprovenance = { basis = "modelled" }\n'
            '[[statuses.levels]]\nid = "weak"\nlabel = "Weak"\n'
            'any = [{ judgement = "overall", at_or_below = "fair" }]\n'
        )
        framework = loads_framework(text)
        plan = assess(framework, {**GOOD, **SAFE, "quality_rating": "fair"}).leave_status_plan(
            "weak"
        )
        assert plan.criteria == ("quality_rating",)
        assert plan.minimal


class TestLoaderChecks:
    def _codes(self, text: str) -> set[str]:
        with pytest.raises(FrameworkError) as caught:
            loads_framework(text)
        return {issue.code for issue in caught.value.issues}

    def test_missing_provenance(self) -> None:
        """A status without provenance is refused."""
        text = BASE + STATUSES.replace('provenance = { basis = "secondary" }\n', "", 1)
        assert "missing-provenance" in self._codes(text)

    def test_two_kinds_in_a_condition(self) -> None:
        """A condition naming a judgement and a criterion at once is a bad condition."""
        text = BASE + STATUSES.replace(
            '{ judgement = "*", at_or_below = "poor" }',
            '{ judgement = "*", criterion = "leaders_check", at_or_below = "poor" }',
        )
        assert "bad-condition" in self._codes(text)

    def test_level_with_any_and_all(self) -> None:
        """A level with both any and all is a bad condition."""
        text = BASE + STATUSES.replace(
            'label = "Watched"\n', 'label = "Watched"\nall = [{ status = "concern" }]\n'
        )
        assert "bad-condition" in self._codes(text)

    def test_unknown_level(self) -> None:
        """A status condition naming a level its status lacks is an unknown level."""
        text = BASE + STATUSES.replace(
            '{ status = "concern" }', '{ status = "concern", at_least = "specal" }'
        )
        assert "unknown-level" in self._codes(text)

    def test_cycle(self) -> None:
        """Two statuses that name each other are a status cycle."""
        text = BASE + STATUSES.replace(
            '{ judgement = "safety", at_or_below = "not_met" },\n]',
            '{ judgement = "safety", at_or_below = "not_met" },\n  { status = "watch" },\n]',
            1,
        )
        assert "status-cycle" in self._codes(text)

    def test_main_grade_on_the_gate(self) -> None:
        """A condition on the gate with a main-scale grade is an unknown grade."""
        text = BASE + STATUSES.replace(
            '{ judgement = "safety", at_or_below = "not_met" },\n]',
            '{ judgement = "safety", at_or_below = "poor" },\n]',
            1,
        )
        assert "unknown-grade" in self._codes(text)

    def test_status_with_a_judgement_id(self) -> None:
        """A status may not take a judgement's id."""
        text = BASE + STATUSES.replace('id = "watch"', 'id = "quality"')
        assert "duplicate-id" in self._codes(text)

    def test_not_met_on_a_rating(self) -> None:
        """not_met on a criterion that is not a check is refused."""
        text = BASE + STATUSES.replace(
            '{ criterion = "leaders_check", not_met = true }',
            '{ criterion = "leaders_rating", not_met = true }',
        )
        assert "not-met-not-check" in self._codes(text)


class TestCommandLine:
    @pytest.fixture
    def files(self, tmp_path: Path) -> Path:
        (tmp_path / "fw.toml").write_text(BASE + STATUSES, encoding="utf-8")
        (tmp_path / "unit.toml").write_text(
            'framework = "fw.toml"\nunit = "A"\n[evidence]\nquality_rating = "good"\n'
            'leaders_rating = "good"\nleaders_check = true\nsafety_check = false\n',
            encoding="utf-8",
        )
        (tmp_path / "units.csv").write_text(
            "unit,quality_rating,leaders_rating,leaders_check,safety_check\n"
            "A,good,good,yes,yes\nB,good,good,yes,no\n",
            encoding="utf-8",
        )
        return tmp_path

    def test_fail_on_status_exits_4(self, files: Path) -> None:
        """A unit in the status makes assess exit with code 4."""
        assert main(["assess", str(files / "unit.toml"), "--fail-on-status", "concern"]) == (
            EXIT_IN_STATUS
        )

    def test_fail_on_a_more_severe_level_passes(self, files: Path) -> None:
        """A unit below the level asked for exits 0."""
        args = ["assess", str(files / "unit.toml"), "--fail-on-status", "concern=special"]
        assert main(args) == EXIT_OK

    def test_unknown_status_is_a_usage_error(self, files: Path) -> None:
        """An unknown status is a usage error."""
        args = ["assess", str(files / "unit.toml"), "--fail-on-status", "concerns"]
        assert main(args) == EXIT_USAGE

    def test_unknown_level_is_a_usage_error(self, files: Path) -> None:
        """An unknown level is a usage error."""
        args = ["assess", str(files / "unit.toml"), "--fail-on-status", "concern=bad"]
        assert main(args) == EXIT_USAGE

    def test_batch_fails_on_status(self, files: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """batch exits 4 and names the unit in the status."""
        args = ["batch", str(files / "units.csv"), "--framework", str(files / "fw.toml")]
        assert main([*args, "--fail-on-status", "concern"]) == EXIT_IN_STATUS
        assert "B: Concern: predicted Serious weaknesses" in capsys.readouterr().err

    def test_batch_with_a_bad_status_is_a_usage_error(self, files: Path) -> None:
        """batch refuses an unknown status before assessing."""
        args = ["batch", str(files / "units.csv"), "--framework", str(files / "fw.toml")]
        assert main([*args, "--fail-on-status", "nope"]) == EXIT_USAGE

    def test_leave_status_prints_the_plan(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--leave-status adds the plan out of the status to the text report."""
        assert main(["assess", str(files / "unit.toml"), "--leave-status", "concern"]) == 0
        out = capsys.readouterr().out
        assert "To leave concern (worst case none):" in out
        assert "1. safety_check: Not met -> Met" in out

    def test_leave_status_when_already_out(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--leave-status says there is nothing to change when the unit is out."""
        args = ["assess", str(files / "unit.toml"), "--set", "safety_check=true"]
        assert main([*args, "--leave-status", "concern"]) == 0
        assert "nothing to change" in capsys.readouterr().out

    def test_leave_status_unreachable(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--leave-status says when no allowed change takes the unit out."""
        text = (
            BASE.replace('title = "Safety is checked"', 'title = "Safety is checked"\neffort = 1')
            + STATUSES
        )
        (files / "fw.toml").write_text(text, encoding="utf-8")
        (files / "unit.toml").write_text(
            'framework = "fw.toml"\nunit = "A"\n[judgements]\nsafety = "not_met"\n',
            encoding="utf-8",
        )
        assert main(["assess", str(files / "unit.toml"), "--leave-status", "concern"]) == 0
        assert "not reachable" in capsys.readouterr().out

    def test_leave_status_needs_text(self, files: Path) -> None:
        """--leave-status with another format is a usage error."""
        args = ["assess", str(files / "unit.toml"), "-f", "json", "--leave-status", "concern"]
        assert main(args) == EXIT_USAGE

    def test_leave_unknown_status(self, files: Path) -> None:
        """--leave-status with an unknown status is a usage error."""
        args = ["assess", str(files / "unit.toml"), "--leave-status", "nope"]
        assert main(args) == EXIT_USAGE


class TestBundled:
    def test_hillcrest_is_in_a_category(self) -> None:
        """The struggling example school is predicted to require significant improvement."""
        evidence = inspectkit.load_evidence(ROOT / "examples" / "hillcrest-academy-2026-03.toml")
        assessment = assess(inspectkit.load_framework(evidence.framework), evidence)
        assert _level(assessment, "category_of_concern") == "requires_significant_improvement"
        assert _level(assessment, "monitoring") == "monitoring_needs_attention"

    @pytest.mark.parametrize("framework_id", ["ofsted_schools_2025", "ofsted_schools_2026"])
    def test_school_statuses(self, framework_id: str) -> None:
        """The school frameworks derive the category of concern and monitoring."""
        framework = inspectkit.load_framework(framework_id)
        assert [s.id for s in framework.statuses] == ["category_of_concern", "monitoring"]

    def test_early_years_statuses_are_modelled(self) -> None:
        """Early years consequences were not verified, so every status is modelled."""
        framework = inspectkit.load_framework("ofsted_early_years_2025")
        assert framework.statuses
        assert {s.provenance.basis.value for s in framework.statuses} == {"modelled"}
