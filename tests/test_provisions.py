"""Provisions and introduced dates: judgements and criteria that apply only to some units."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import attrs
import pytest

import inspectkit
from golden_files import assert_golden
from inspectkit import EvidenceError, FrameworkError, UnknownIdError
from inspectkit.evidence import NOT_APPLICABLE, Entry, Evidence, GivenGrade
from inspectkit.results import Status
from inspectkit.rubric import Framework, Provision
from inspectkit.schema import result_schema
from provision_frameworks import PROVISIONS_FRAMEWORK, evidence_text
from schema_check import validate


@pytest.fixture(scope="module")
def framework() -> Framework:
    """The small framework with provisions of `provision_frameworks`."""
    return inspectkit.loads_framework(PROVISIONS_FRAMEWORK, name="provisions.toml")


def _codes(text: str) -> list[tuple[str, str]]:
    with pytest.raises(FrameworkError) as caught:
        inspectkit.loads_framework(text, name="f.toml")
    return [(issue.path, issue.code) for issue in caught.value.issues]


def _evidence_codes(framework: Framework, text: str) -> list[tuple[str, str]]:
    with pytest.raises(EvidenceError) as caught:
        inspectkit.loads_evidence(text, framework=framework)
    return [(issue.path, issue.code) for issue in caught.value.issues]


class TestFrameworkModel:
    def test_provisions_are_read(self, framework: Framework) -> None:
        """The framework keeps its provisions in order, with their texts."""
        assert [p.id for p in framework.provisions] == ["sixth_form", "staff"]
        assert framework.provision("sixth_form").absent == "not graded: no sixth form"

    def test_absent_text_defaults_to_the_label(self, framework: Framework) -> None:
        """A provision without absent_text gets one made of its label."""
        assert framework.provision("staff").absent == (
            "not applicable: the unit does not have staff other than the leader"
        )

    def test_unknown_provision_raises(self, framework: Framework) -> None:
        """Asking for a provision the framework lacks raises UnknownIdError."""
        with pytest.raises(UnknownIdError):
            framework.provision("nursery")

    def test_judgement_and_criterion_keys(self, framework: Framework) -> None:
        """A judgement keeps its provision and introduced date; a criterion its provision."""
        assert framework.judgement("post16").provision == "sixth_form"
        assert framework.judgement("care_leavers").introduced == datetime.date(2023, 1, 1)
        assert framework.criterion("staff_supervised").provision == "staff"
        assert framework.judgement("core").provision is None

    def test_round_trips_through_a_dict(self, framework: Framework) -> None:
        """framework_to_dict writes provisions so that loading the result gives an equal one."""
        data = inspectkit.loading.framework_to_dict(framework)
        assert inspectkit.parse_framework(data) == framework


class TestApplicability:
    def test_nothing_stated(self, framework: Framework) -> None:
        """With no provisions stated, nothing is not applicable and both provisions are unstated."""
        absent = framework.applicability({})
        assert dict(absent.judgements) == {}
        assert set(absent.unstated) == {"post16"}
        assert set(absent.unstated_criteria) == {"staff_supervised"}

    def test_absent_provision(self, framework: Framework) -> None:
        """A provision stated false makes its judgement and criteria not applicable."""
        absent = framework.applicability({"sixth_form": False, "staff": False})
        assert dict(absent.judgements) == {"post16": "not graded: no sixth form"}
        assert set(absent.criteria) == {"p16_programmes", "staff_supervised"}
        assert absent.before_introduced == frozenset()

    def test_present_provision(self, framework: Framework) -> None:
        """A provision stated true leaves everything applicable and nothing unstated."""
        absent = framework.applicability({"sixth_form": True, "staff": True})
        assert (dict(absent.criteria), dict(absent.unstated)) == ({}, {})

    def test_before_introduced(self, framework: Framework) -> None:
        """Evidence dated before a judgement was introduced gets it as not applicable."""
        absent = framework.applicability({}, datetime.date(2022, 9, 5))
        assert absent.before_introduced == frozenset({"care_leavers"})
        assert "pre-dates" in absent.judgements["care_leavers"]
        assert absent.criteria["cl_rating"] == absent.judgements["care_leavers"]

    def test_on_the_introduced_date(self, framework: Framework) -> None:
        """Evidence dated on the introduced date gets the judgement graded."""
        absent = framework.applicability({}, datetime.date(2023, 1, 1))
        assert "care_leavers" not in absent.judgements

    def test_introduced_without_own_text(self, framework: Framework) -> None:
        """An introduced judgement without absent_text says when it was introduced."""
        plain = attrs.evolve(
            framework,
            judgements=[
                attrs.evolve(j, absent_text="") if j.id == "care_leavers" else j
                for j in framework.judgements
            ],
        )
        text = plain.applicability({}, datetime.date(2020, 1, 1)).judgements["care_leavers"]
        assert text.endswith("introduced on 2023-01-01")

    def test_provision_wins_over_date(self, framework: Framework) -> None:
        """A judgement both without its provision and pre-dated is reported for the provision."""
        moved = attrs.evolve(
            framework,
            judgements=[
                attrs.evolve(j, introduced=datetime.date(2023, 1, 1)) if j.id == "post16" else j
                for j in framework.judgements
            ],
        )
        absent = moved.applicability({"sixth_form": False}, datetime.date(2020, 1, 1))
        assert absent.judgements["post16"] == "not graded: no sixth form"
        assert "post16" not in absent.before_introduced


class TestFrameworkChecks:
    def test_unknown_provision(self) -> None:
        """A judgement naming a provision not declared is unknown-provision."""
        text = PROVISIONS_FRAMEWORK.replace('provision = "sixth_form"', 'provision = "sixthform"')
        assert _codes(text) == [("judgements[1].provision", "unknown-provision")]

    def test_where_provision_needs_a_provision(self) -> None:
        """applies = where_provision without a provision is a missing key."""
        text = PROVISIONS_FRAMEWORK.replace('provision = "sixth_form"\n', "")
        assert _codes(text) == [("judgements[1]", "missing-key")]

    def test_provision_needs_where_provision(self) -> None:
        """A judgement provision without applies = where_provision is not used."""
        text = PROVISIONS_FRAMEWORK.replace('applies = "where_provision"\n', "")
        assert _codes(text) == [("judgements[1].provision", "not-used")]

    def test_bad_applies(self) -> None:
        """applies takes only 'always' and 'where_provision'."""
        text = PROVISIONS_FRAMEWORK.replace('"where_provision"', '"where_provided"')
        assert ("judgements[1].applies", "bad-value") in _codes(text)

    def test_absent_text_needs_a_reason(self) -> None:
        """absent_text on a judgement that always applies has no meaning."""
        text = PROVISIONS_FRAMEWORK.replace(
            'id = "core"\ntitle = "Core"', 'id = "core"\ntitle = "Core"\nabsent_text = "never"'
        )
        assert _codes(text) == [("judgements[0].absent_text", "not-used")]

    def test_introduced_is_a_date(self) -> None:
        """introduced must be a TOML date."""
        text = PROVISIONS_FRAMEWORK.replace("introduced = 2023-01-01", 'introduced = "2023"')
        assert _codes(text) == [("judgements[2].introduced", "wrong-type")]

    def test_provision_needs_provenance(self) -> None:
        """A provision without provenance is missing-provenance."""
        text = PROVISIONS_FRAMEWORK.replace('provenance = { basis = "verified" }\n', "", 1)
        assert _codes(text) == [("provisions[0]", "missing-provenance")]

    def test_duplicate_provision(self) -> None:
        """Two provisions with one id are a duplicate."""
        text = PROVISIONS_FRAMEWORK.replace('id = "staff"\n', 'id = "sixth_form"\n', 1)
        assert ("provisions[1].id", "duplicate-id") in _codes(text)

    def test_criterion_unknown_provision(self) -> None:
        """A criterion naming a provision not declared is unknown-provision."""
        text = PROVISIONS_FRAMEWORK.replace('provision = "staff"', 'provision = "staf"')
        assert _codes(text) == [("judgements[0].criteria[1].provision", "unknown-provision")]


class TestEvidenceLoading:
    def test_provision_table_is_read(self, framework: Framework) -> None:
        """[provision] is kept as provision id -> bool."""
        evidence = inspectkit.loads_evidence(
            evidence_text("[provision]\nsixth_form = false\n"), framework=framework
        )
        assert dict(evidence.provisions) == {"sixth_form": False}

    def test_unknown_provision_suggests_a_misspelling(self, framework: Framework) -> None:
        """A misspelt provision id is unknown-provision with a did-you-mean."""
        with pytest.raises(EvidenceError) as caught:
            inspectkit.loads_evidence(
                evidence_text("[provision]\nsixth_from = false\n"), framework=framework
            )
        (issue,) = caught.value.issues
        assert (issue.code, issue.hint) == ("unknown-provision", "did you mean 'sixth_form'?")

    def test_unknown_provision_does_not_guess_another_word(self, framework: Framework) -> None:
        """An id of other meaning gets the list of provisions, not a guess."""
        with pytest.raises(EvidenceError) as caught:
            inspectkit.loads_evidence(
                evidence_text("[provision]\nnursery = true\n"), framework=framework
            )
        assert caught.value.issues[0].hint == "the provisions are: sixth_form, staff"

    def test_provision_value_is_a_boolean(self, framework: Framework) -> None:
        """A provision written as a string is wrong-type."""
        text = evidence_text('[provision]\nsixth_form = "no"\n')
        assert _evidence_codes(framework, text) == [("provision.sixth_form", "wrong-type")]

    def test_provision_is_a_table(self, framework: Framework) -> None:
        """A provision key that is not a table is wrong-type."""
        text = evidence_text('provision = "none"\n')
        assert _evidence_codes(framework, text) == [("provision", "wrong-type")]

    def test_evidence_for_an_absent_provision_is_refused(self, framework: Framework) -> None:
        """A value for a criterion of a provision the unit lacks is provision-absent."""
        text = evidence_text(
            "[provision]\nsixth_form = false\nstaff = false\n"
            "[evidence]\np16_programmes = true\nstaff_supervised = true\n"
        )
        assert _evidence_codes(framework, text) == [
            ("evidence.p16_programmes", "provision-absent"),
            ("evidence.staff_supervised", "provision-absent"),
        ]

    def test_grade_for_an_absent_provision_is_refused(self, framework: Framework) -> None:
        """A grade given for a judgement of a provision the unit lacks is provision-absent."""
        text = evidence_text('[provision]\nsixth_form = false\n[judgements]\npost16 = "good"\n')
        assert _evidence_codes(framework, text) == [("judgements.post16", "provision-absent")]

    def test_not_applicable_agrees(self, framework: Framework) -> None:
        """not_applicable for a criterion of an absent provision is accepted."""
        text = evidence_text(
            '[provision]\nsixth_form = false\n[evidence]\np16_programmes = "not_applicable"\n'
        )
        evidence = inspectkit.loads_evidence(text, framework=framework)
        assert evidence.entries["p16_programmes"].is_not_applicable

    def test_grade_before_introduced_is_a_located_warning(self, framework: Framework) -> None:
        """A grade for a judgement the evidence's date pre-dates is ignored with a warning."""
        text = evidence_text('[judgements]\ncare_leavers = "inadequate"\n', date="2022-09-05")
        evidence = inspectkit.loads_evidence(text, framework=framework, name="e.toml")
        (warning,) = evidence.warnings
        assert (warning.path, warning.code, warning.line) == (
            "judgements.care_leavers",
            "before-introduced",
            5,
        )
        assert "care_leavers" not in evidence.judgements

    def test_criteria_before_introduced_are_ignored(self, framework: Framework) -> None:
        """Criteria evidence for a judgement not yet introduced is ignored with a warning."""
        text = evidence_text('[evidence]\ncl_rating = "good"\n', date="2022-09-05")
        evidence = inspectkit.loads_evidence(text, framework=framework)
        assert [w.code for w in evidence.warnings] == ["before-introduced"]
        assert "cl_rating" not in evidence.entries


class TestAssessment:
    def test_absent_provision_is_not_applicable(self, framework: Framework) -> None:
        """A judgement whose provision is absent has no grade and says why."""
        evidence = inspectkit.loads_evidence(
            evidence_text("[provision]\nsixth_form = false\n"), framework=framework
        )
        result = inspectkit.assess(framework, evidence).judgements["post16"]
        assert (result.grade, result.applies, result.absent_text) == (
            None,
            False,
            "not graded: no sixth form",
        )
        assert result.reason == "Not graded: no sixth form."

    def test_absent_criterion_says_why(self, framework: Framework) -> None:
        """A criterion whose own provision is absent is not applicable with its provision's text."""
        evidence = inspectkit.loads_evidence(
            evidence_text("[provision]\nstaff = false\n[evidence]\ncore_check = true\n"),
            framework=framework,
        )
        assessment = inspectkit.assess(framework, evidence)
        result = assessment.criteria["staff_supervised"]
        assert result.status is Status.NOT_APPLICABLE
        assert result.reason.startswith("not applicable: the unit does not have staff")
        assert assessment.judgements["core"].grade.id == "good"

    def test_unstated_provision_is_graded(self, framework: Framework) -> None:
        """A provision not stated leaves its judgement graded (absent evidence at the worst)."""
        evidence = inspectkit.loads_evidence(evidence_text(""), framework=framework)
        result = inspectkit.assess(framework, evidence).judgements["post16"]
        assert result.grade.id == "inadequate"
        assert result.reason.startswith("Provision not stated")
        assert result.provision_unstated == "sixth_form"

    def test_unstated_criterion_says_so(self, framework: Framework) -> None:
        """A criterion whose provision is not stated says so in its reason."""
        evidence = inspectkit.loads_evidence(evidence_text(""), framework=framework)
        reason = inspectkit.assess(framework, evidence).criteria["staff_supervised"].reason
        assert reason.endswith("; provision not stated (staff other than the leader)")

    def test_before_introduced_is_not_applicable(self, framework: Framework) -> None:
        """Evidence dated before the judgement existed gets it not graded, with its text."""
        evidence = inspectkit.loads_evidence(
            evidence_text("", date="2022-09-05"), framework=framework
        )
        result = inspectkit.assess(framework, evidence).judgements["care_leavers"]
        assert result.grade is None
        assert result.absent_text.startswith("not graded: the inspection pre-dates")

    def test_undated_evidence_is_current(self, framework: Framework) -> None:
        """Evidence without a date gets an introduced judgement graded."""
        evidence = Evidence("provision_example", "Unit", entries={})
        assert inspectkit.assess(framework, evidence).judgements["care_leavers"].applies

    def test_python_evidence_for_an_absent_provision_is_refused(self, framework: Framework) -> None:
        """assess refuses hand-built evidence with a value for a criterion the unit lacks."""
        evidence = Evidence(
            "provision_example",
            "Unit",
            entries={"p16_programmes": Entry("p16_programmes", True)},
            provisions={"sixth_form": False},
        )
        with pytest.raises(EvidenceError) as caught:
            inspectkit.assess(framework, evidence)
        assert [i.code for i in caught.value.issues] == ["provision-absent"]

    def test_python_grade_for_an_absent_provision_is_refused(self, framework: Framework) -> None:
        """assess refuses a hand-built grade for a judgement the unit lacks."""
        evidence = Evidence(
            "provision_example",
            "Unit",
            judgements={"post16": GivenGrade("post16", "good")},
            provisions={"sixth_form": False},
        )
        with pytest.raises(EvidenceError) as caught:
            inspectkit.assess(framework, evidence)
        assert [i.path for i in caught.value.issues] == ["judgements.post16"]

    def test_python_grade_before_introduced_is_ignored(self, framework: Framework) -> None:
        """assess sets aside a hand-built grade for a judgement the date pre-dates."""
        evidence = Evidence(
            "provision_example",
            "Unit",
            date=datetime.date(2022, 1, 1),
            judgements={"care_leavers": GivenGrade("care_leavers", "good")},
            entries={"cl_rating": Entry("cl_rating", "good")},
            provisions={"sixth_form": True},
        )
        assert inspectkit.assess(framework, evidence).judgements["care_leavers"].grade is None

    def test_reports_print_the_absent_text(self, framework: Framework) -> None:
        """Text, Markdown, HTML and JSON all give the absent text of a judgement."""
        evidence = inspectkit.loads_evidence(
            evidence_text("[provision]\nsixth_form = false\n"), framework=framework
        )
        assessment = inspectkit.assess(framework, evidence)
        for text in (assessment.to_text(), assessment.to_markdown(), assessment.to_html()):
            assert "not graded: no sixth form" in text
        data = json.loads(assessment.to_json())
        post16 = next(j for j in data["judgements"] if j["id"] == "post16")
        assert post16["not_applicable"] == "not graded: no sixth form"

    def test_json_names_an_unstated_provision(self, framework: Framework) -> None:
        """JSON gives the provision a judgement depends on that was not stated."""
        evidence = inspectkit.loads_evidence(evidence_text(""), framework=framework)
        data = json.loads(inspectkit.assess(framework, evidence).to_json())
        post16 = next(j for j in data["judgements"] if j["id"] == "post16")
        assert post16["provision_not_stated"] == "sixth_form"


class TestApplied:
    def test_evidence_untouched_without_provisions(self, example_framework: Framework) -> None:
        """A framework without provisions or dates returns the evidence as it is."""
        evidence = Evidence("example_centres", "Unit")
        assert evidence.applied(example_framework) is evidence

    def test_nothing_to_apply(self, framework: Framework) -> None:
        """Evidence with nothing stated absent is returned as it is."""
        evidence = Evidence("provision_example", "Unit", provisions={"sixth_form": True})
        assert evidence.applied(framework) is evidence

    def test_applied_twice_is_the_same(self, framework: Framework) -> None:
        """Applying twice gives the same evidence object the second time."""
        evidence = Evidence("provision_example", "Unit", provisions={"sixth_form": False})
        once = evidence.applied(framework)
        assert once.entries["p16_programmes"].value is NOT_APPLICABLE
        assert not once.judgements["post16"].applies
        assert once.applied(framework) is once

    def test_provision_model(self) -> None:
        """A Provision's absent text is its own where it has one."""
        assert Provision("x", "an x", absent_text="no x").absent == "no x"


BUNDLED_CASES = Path(__file__).parent / "invalid-evidence-bundled"


class TestGoldenEvidence:
    @pytest.mark.parametrize(
        "case", sorted(BUNDLED_CASES.glob("*.toml")), ids=lambda path: path.stem
    )
    def test_issues_match_golden(self, case: Path) -> None:
        """Each case, read with the bundled framework it names, gives exactly its golden issues.

        A file that loads gives its warnings instead of errors.
        """
        try:
            evidence = inspectkit.loads_evidence(case.read_bytes(), name=case.name)
        except EvidenceError as error:
            issues = error.issues
        else:
            issues = evidence.warnings
        got = "\n".join(issue.format() for issue in issues) + "\n"
        assert_golden(case.with_suffix(".errors.txt"), got)


VARIANT_HEAD = """
extends = "ofsted_schools_2025"
id = "schools_local"
title = "Our reading of the schools toolkit"
version = "2025.1-local.1"
"""


def _variant(body: str) -> Framework:
    return inspectkit.loads_framework(VARIANT_HEAD + body, name="local.toml")


class TestExtendsMerging:
    def test_provision_keys_replace_the_parents(self) -> None:
        """A variant's provision with a parent's id changes only the keys it gives."""
        local = _variant(
            '[[provisions]]\nid = "sixth_form"\nabsent_text = "not graded: no post-16 students"\n'
        )
        sixth = local.provision("sixth_form")
        assert sixth.absent == "not graded: no post-16 students"
        assert sixth.label == "a sixth form (post-16 provision)"
        assert [p.id for p in local.provisions] == ["early_years", "sixth_form"]

    def test_new_provision_is_added(self) -> None:
        """A variant's provision with a new id is added after the parent's."""
        local = _variant(
            '[[provisions]]\nid = "resourced_provision"\nlabel = "a resourced provision"\n'
            'provenance = { basis = "modelled" }\n'
        )
        assert [p.id for p in local.provisions][-1] == "resourced_provision"

    def test_scale_grades_merge_by_id(self) -> None:
        """A variant changes one grade of a parent's scale by id, keeping the others."""
        local = _variant(
            '[[scales]]\nid = "met_not_met"\n[[scales.grades]]\nid = "not_met"\n'
            'label = "Not yet met"\n'
        )
        (scale,) = local.scales
        assert [g.label for g in scale.grades] == ["Met", "Not yet met"]

    def test_changes_are_not_inherited(self) -> None:
        """A variant of a successor does not inherit the successor's changes."""
        local = inspectkit.loads_framework(
            VARIANT_HEAD.replace("ofsted_schools_2025", "ofsted_schools_2026"), name="l.toml"
        )
        assert inspectkit.load_framework("ofsted_schools_2026").changes
        assert local.changes == ()

    def test_drop_statuses_names_what_the_parent_has(self) -> None:
        """drop_statuses naming a status the parent lacks is unknown-drop."""
        with pytest.raises(FrameworkError) as caught:
            _variant('drop_statuses = ["no_such_status"]\n')
        assert [i.code for i in caught.value.issues] == ["unknown-drop"]

    def test_problem_in_a_merged_provision_has_the_childs_line(self) -> None:
        """A problem in a provision the variant changed is reported at the variant's line."""
        with pytest.raises(FrameworkError) as caught:
            _variant('\n[[provisions]]\nid = "sixth_form"\nlabel = 3\n')
        (issue,) = caught.value.issues
        assert (issue.path, issue.line) == ("provisions[1].label", 9)


class TestReportsOfWhatTheEvidenceSays:
    def test_json_writes_provisions_and_warnings(self) -> None:
        """An assessment's JSON gives the stated provisions and any warning, valid by schema."""
        case = BUNDLED_CASES / "before-introduced.toml"
        evidence = inspectkit.load_evidence(case)
        framework = inspectkit.load_framework("ofsted_ilacs_2023")
        data = json.loads(inspectkit.assess(framework, evidence).to_json())
        assert [w["code"] for w in data["warnings"]] == ["before-introduced"]
        assert validate(data, result_schema()) == []

    def test_json_writes_the_provision_table(self) -> None:
        """The school example's JSON says which provisions it has."""
        evidence = inspectkit.load_evidence(
            Path(__file__).parents[1] / "examples" / "elm-street-primary-2026.toml"
        )
        data = json.loads(inspectkit.assess(evidence_framework(evidence), evidence).to_json())
        assert data["provision"] == {"early_years": True, "sixth_form": False}

    def test_cli_prints_the_warning(self, capsys: pytest.CaptureFixture[str]) -> None:
        """inspectkit assess prints a before-introduced warning on stderr with its line."""
        from inspectkit.cli import main

        assert main(["assess", str(BUNDLED_CASES / "before-introduced.toml")]) == 0
        err = capsys.readouterr().err
        assert "warning: " in err
        assert "before-introduced.toml:12: judgements.care_leavers" in err


def evidence_framework(evidence: Evidence) -> Framework:
    """The bundled framework *evidence* names."""
    return inspectkit.load_framework(evidence.framework)
