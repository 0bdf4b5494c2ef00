"""Gates on their own scale: ``[[scales]]`` and a judgement's ``scale`` (met / not met)."""

from __future__ import annotations

import pytest

import inspectkit
from inspectkit import assess, loads_framework
from inspectkit.errors import FrameworkError, UnknownIdError
from inspectkit.loading import framework_to_dict
from inspectkit.rubric import FindingsRule, Provenance

GATED = """
id = "gated"
title = "A framework with a safeguarding gate"
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

[findings]
provenance = { basis = "modelled" }
limits = [{ weakness = "major", to = "poor" }]

[[judgements]]
id = "quality"
title = "Quality"
aggregation = { method = "best_fit", share = 0.5, provenance = { basis = "modelled" } }

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

[[judgements]]
id = "safeguarding"
title = "Safeguarding"
scale = "met_not_met"
aggregation = { method = "secure_fit", provenance = { basis = "modelled" } }

[[judgements.criteria]]
id = "sg_checks"
title = "Checks are done"
measure = "check"
provenance = { basis = "modelled" }

[[judgements.criteria]]
id = "sg_view"
title = "An assessor's view of safeguarding"
measure = "rating"

[overall]
method = "secure_fit"
provenance = { basis = "modelled" }

[[caps]]
id = "unsafe_limits_leaders"
when = "safeguarding"
at_or_below = "not_met"
limits = "leaders"
to = "fair"
provenance = { basis = "modelled" }
"""


def _id(grade: inspectkit.Grade | None) -> str | None:
    return None if grade is None else grade.id


@pytest.fixture(scope="module")
def gated() -> inspectkit.Framework:
    return loads_framework(GATED)


class TestTheModel:
    def test_scale_is_kept(self, gated: inspectkit.Framework) -> None:
        """The framework keeps the second scale with its grades, best first."""
        assert [scale.id for scale in gated.scales] == ["met_not_met"]
        assert gated.scales[0].grades.ids == ("met", "not_met")

    def test_judgement_names_its_scale(self, gated: inspectkit.Framework) -> None:
        """The gated judgement records the id of the scale it is graded on."""
        assert gated.judgement("safeguarding").scale == "met_not_met"

    def test_scale_of_a_gated_criterion(self, gated: inspectkit.Framework) -> None:
        """A criterion of the gated judgement is graded on the second scale."""
        assert gated.scale_of("sg_checks").ids == ("met", "not_met")

    def test_scale_of_overall_is_the_main_scale(self, gated: inspectkit.Framework) -> None:
        """The overall grade is on the framework's own scale."""
        assert gated.scale_of("overall") is gated.scale

    def test_scale_of_an_ordinary_judgement(self, gated: inspectkit.Framework) -> None:
        """A judgement with no scale of its own is on the framework's scale."""
        assert gated.scale_of("quality") is gated.scale

    def test_scale_of_an_unknown_id_raises(self, gated: inspectkit.Framework) -> None:
        """Asking for the scale of an id the framework lacks raises UnknownIdError."""
        with pytest.raises(UnknownIdError):
            gated.scale_of("nothing")

    def test_on_main_scale(self, gated: inspectkit.Framework) -> None:
        """Only judgements without a scale of their own are on the main scale."""
        assert gated.on_main_scale("quality")
        assert not gated.on_main_scale("safeguarding")

    def test_grades_know_their_scale_size(self, gated: inspectkit.Framework) -> None:
        """Each grade records how many grades its own scale has."""
        assert gated.scale.best.size == 3
        assert gated.scales[0].grades.best.size == 2

    def test_framework_findings_do_not_reach_a_gated_judgement(
        self, gated: inspectkit.Framework
    ) -> None:
        """The top-level findings table does not apply to a judgement on another scale."""
        assert gated.findings_rule("safeguarding") is None
        assert gated.findings_rule("quality") is gated.findings

    def test_own_findings_reach_a_gated_judgement(self, gated: inspectkit.Framework) -> None:
        """A gated judgement's own findings table applies to it."""
        own = FindingsRule(Provenance(inspectkit.rubric.Basis.MODELLED))
        judgements = tuple(
            j if j.id != "safeguarding" else inspectkit.rubric.attrs.evolve(j, findings=own)
            for j in gated.judgements
        )
        framework = inspectkit.rubric.attrs.evolve(gated, judgements=judgements)
        assert framework.findings_rule("safeguarding") is own

    def test_round_trips_through_a_dict(self, gated: inspectkit.Framework) -> None:
        """framework_to_dict writes the scales so that the file loads to an equal framework."""
        assert inspectkit.parse_framework(framework_to_dict(gated)) == gated


class TestScoring:
    def test_met_checks_give_met(self, gated: inspectkit.Framework) -> None:
        """Met checks grade the gated judgement Met, on its own scale."""
        result = assess(gated, {"sg_checks": True, "sg_view": "met"}).result("safeguarding")
        assert _id(result.grade) == "met"

    def test_an_unmet_check_gives_not_met(self, gated: inspectkit.Framework) -> None:
        """An unmet check grades the gated judgement Not met."""
        result = assess(gated, {"sg_checks": False, "sg_view": "met"}).result("safeguarding")
        assert _id(result.grade) == "not_met"

    def test_a_rating_reads_the_own_scale(self, gated: inspectkit.Framework) -> None:
        """A rating of a gated criterion is read on the gated judgement's scale."""
        result = assess(gated, {"sg_checks": True, "sg_view": "Not met"}).criteria["sg_view"]
        assert _id(result.grade) == "not_met"

    def test_a_main_grade_is_not_a_gated_rating(self, gated: inspectkit.Framework) -> None:
        """A grade of the main scale is refused for a gated rating."""
        with pytest.raises(inspectkit.EvidenceError):
            assess(gated, {"sg_view": "good"})

    def test_gate_stays_out_of_overall(self, gated: inspectkit.Framework) -> None:
        """Safeguarding not met does not lower the overall grade by itself."""
        evidence = {"quality_rating": "good", "leaders_rating": "good", "sg_checks": False}
        assessment = assess(gated, {**evidence, "sg_view": "not_met"})
        assert _id(assessment.judgements["quality"].grade) == "good"
        assert _id(assessment.overall.grade) == "fair"  # leaders, held by the cap

    def test_a_cap_reads_the_gate(self, gated: inspectkit.Framework) -> None:
        """A cap watching the gate fires on its own grade and limits on the main scale."""
        evidence = {"quality_rating": "good", "leaders_rating": "good", "sg_checks": False}
        leaders = assess(gated, {**evidence, "sg_view": "met"}).judgements["leaders"]
        assert _id(leaders.grade) == "fair"
        assert leaders.caps[0].trigger.id == "not_met"
        assert "safeguarding is Not met" in leaders.caps[0].reason

    def test_met_gate_leaves_overall_to_the_others(self, gated: inspectkit.Framework) -> None:
        """With safeguarding met, the overall grade is the other judgements' secure fit."""
        evidence = {"quality_rating": "good", "leaders_rating": "good", "sg_checks": True}
        assessment = assess(gated, {**evidence, "sg_view": "met"})
        assert _id(assessment.overall.grade) == "good"

    def test_given_grade_on_the_gate(self, gated: inspectkit.Framework) -> None:
        """Evidence may give the gated judgement's grade directly in its own words."""
        evidence = inspectkit.loads_evidence(
            'framework = "gated"\nunit = "A"\n[judgements]\nsafeguarding = "not met"\n',
            framework=gated,
        )
        result = assess(gated, evidence).result("safeguarding")
        assert _id(result.grade) == "not_met"

    def test_given_main_grade_on_the_gate_is_refused(self, gated: inspectkit.Framework) -> None:
        """A main-scale grade given for the gated judgement is an unknown grade."""
        with pytest.raises(inspectkit.EvidenceError) as caught:
            inspectkit.loads_evidence(
                'framework = "gated"\nunit = "A"\n[judgements]\nsafeguarding = "good"\n',
                framework=gated,
            )
        assert [issue.code for issue in caught.value.issues] == ["unknown-grade"]

    def test_reason_uses_the_own_labels(self, gated: inspectkit.Framework) -> None:
        """The gated judgement's reason names its grades in its own words."""
        result = assess(gated, {"sg_checks": True, "sg_view": "met"}).result("safeguarding")
        assert result.reason.endswith("are Met")


class TestLoaderChecks:
    def test_unknown_scale_is_refused(self) -> None:
        """A judgement naming a scale the framework lacks is an unknown-scale issue."""
        text = GATED.replace('scale = "met_not_met"', 'scale = "met_or_not"')
        with pytest.raises(FrameworkError) as caught:
            loads_framework(text)
        assert "unknown-scale" in {issue.code for issue in caught.value.issues}

    def test_unknown_scale_without_scales(self) -> None:
        """With no scales at all, the hint says to add one."""
        start = GATED.index("[[scales]]")
        end = GATED.index("[findings]")
        with pytest.raises(FrameworkError) as caught:
            loads_framework(GATED[:start] + GATED[end:])
        issue = next(i for i in caught.value.issues if i.code == "unknown-scale")
        assert issue.hint == "add a [[scales]] table"

    def test_main_grade_in_gated_check_is_refused(self) -> None:
        """A gated check whose not_met names a main-scale grade is an unknown grade."""
        text = GATED.replace(
            'title = "Checks are done"\nmeasure = "check"',
            'title = "Checks are done"\nmeasure = "check"\nnot_met = "poor"',
        )
        with pytest.raises(FrameworkError) as caught:
            loads_framework(text)
        assert [issue.code for issue in caught.value.issues] == ["unknown-grade"]

    def test_cap_to_reads_the_limited_scale(self) -> None:
        """A cap limiting the gate gives `to` on the gate's own scale."""
        text = GATED + (
            '\n[[caps]]\nid = "poor_quality_limits_gate"\nwhen = "quality"\n'
            'at_or_below = "poor"\nlimits = "safeguarding"\nto = "not_met"\n'
            'provenance = { basis = "modelled" }\n'
        )
        framework = loads_framework(text)
        evidence = {"quality_rating": "poor", "sg_checks": True, "sg_view": "met"}
        result = assess(framework, evidence).result("safeguarding")
        assert _id(result.grade) == "not_met"

    def test_grade_id_shared_between_scales_is_refused(self) -> None:
        """A second scale may not reuse a grade id of the main scale."""
        text = GATED.replace('id = "not_met"\nlabel = "Not met"', 'id = "poor"\nlabel = "No"')
        with pytest.raises(FrameworkError) as caught:
            loads_framework(text)
        assert "duplicate-id" in {issue.code for issue in caught.value.issues}


class TestBundled:
    @pytest.mark.parametrize(
        "framework_id", ["ofsted_schools_2025", "ofsted_schools_2026", "ofsted_early_years_2025"]
    )
    def test_safeguarding_is_met_or_not_met(self, framework_id: str) -> None:
        """The report-card frameworks grade safeguarding met / not met, not on five grades."""
        framework = inspectkit.load_framework(framework_id)
        assert framework.scale_of("safeguarding").ids == ("met", "not_met")
        assert framework.scales[0].provenance is not None


class TestDescriptions:
    def test_template_gives_the_gate_grades(self) -> None:
        """The evidence template says what a safeguarding check gives on its own scale."""
        text = inspectkit.evidence_template(inspectkit.load_framework("ofsted_schools_2026"))
        assert "met gives Met; not met gives Not met." in text

    def test_show_lists_the_second_scale(self) -> None:
        """`inspectkit show` lists the second scale with its grades and provenance."""
        from inspectkit.cli._frameworks import describe_framework

        text = describe_framework(inspectkit.load_framework("ofsted_schools_2026"))
        assert "Scale met_not_met: Met / not met: Met [met], Not met [not_met]" in text
        assert "met: met; not met: not_met" in text

    def test_show_lists_the_statuses(self) -> None:
        """`inspectkit show` lists each status with its levels."""
        from inspectkit.cli._frameworks import describe_framework

        text = describe_framework(inspectkit.load_framework("ofsted_schools_2026"))
        assert "Status category_of_concern: Category of concern" in text
        assert "  special_measures: Special measures" in text
