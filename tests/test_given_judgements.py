"""Judgement-level evidence: grades given directly under ``[judgements]``."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import inspectkit
from inspectkit import EvidenceError
from inspectkit.evidence import NOT_APPLICABLE

FRAMEWORK = "ofsted_childrens_centres_2014"
_FW = inspectkit.load_framework(FRAMEWORK)
GRADES = ("outstanding", "good", "requires_improvement", "inadequate")


def _load(body: str) -> inspectkit.Evidence:
    return inspectkit.loads_evidence(f'framework = "{FRAMEWORK}"\nunit = "Test"\n{body}')


def _codes(body: str) -> list[tuple[str, str, int | None]]:
    with pytest.raises(EvidenceError) as caught:
        _load(body)
    return [(issue.path, issue.code, issue.line) for issue in caught.value.issues]


class TestLoading:
    def test_bare_grade_is_read_by_label(self) -> None:
        """A bare value is read as a grade by id, label or alias."""
        evidence = _load('[judgements]\naccess = "requires improvement"\n')
        assert evidence.judgements["access"].grade == "requires_improvement"

    def test_table_keeps_source_and_note(self) -> None:
        """A table form keeps the grade, its source and its note."""
        evidence = _load(
            "[judgements]\n"
            'quality = { grade = "good", source = "Report 2014", note = "Published." }\n'
        )
        given_grade = evidence.judgements["quality"]
        assert (given_grade.grade, given_grade.source, given_grade.note) == (
            "good",
            "Report 2014",
            "Published.",
        )

    def test_not_applicable_is_read(self) -> None:
        """``not_applicable`` marks the judgement as not applying to the unit."""
        evidence = _load('[judgements]\naccess = "not_applicable"\n')
        assert evidence.judgements["access"].grade is NOT_APPLICABLE

    def test_overall_is_refused_with_a_hint_to_outcome(self) -> None:
        """Giving ``overall`` is refused at its line, with a hint naming ``[outcome]``."""
        with pytest.raises(EvidenceError) as caught:
            _load('[judgements]\noverall = "good"\n')
        (issue,) = caught.value.issues
        assert (issue.path, issue.code, issue.line) == ("judgements.overall", "overall-given", 4)
        assert "[outcome]" in (issue.hint or "")

    def test_unknown_judgement_is_located(self) -> None:
        """A key that is not a judgement is refused at its path with a suggestion."""
        with pytest.raises(EvidenceError) as caught:
            _load('[judgements]\nacess = "good"\n')
        (issue,) = caught.value.issues
        assert (issue.path, issue.code) == ("judgements.acess", "unknown-judgement")
        assert "access" in (issue.hint or "")

    def test_unknown_grade_is_located(self) -> None:
        """A value that is not a grade is refused at the grade's path."""
        assert _codes('[judgements]\nquality = { grade = "superb" }\n') == [
            ("judgements.quality.grade", "unknown-grade", 4)
        ]

    def test_table_without_grade_is_refused(self) -> None:
        """A table with no grade is refused as a missing key."""
        assert _codes('[judgements]\nquality = { note = "x" }\n') == [
            ("judgements.quality", "missing-key", 4)
        ]

    def test_table_with_unknown_key_is_refused(self) -> None:
        """A table key other than grade, source and note is refused."""
        assert _codes('[judgements]\nquality = { grade = "good", sorce = "x" }\n') == [
            ("judgements.quality.sorce", "unknown-key", 4)
        ]

    def test_judgements_must_be_a_table(self) -> None:
        """A ``judgements`` key that is not a table is refused."""
        assert _codes('judgements = "good"\n') == [("judgements", "wrong-type", 3)]


class TestScoring:
    def test_given_grade_is_certain(self) -> None:
        """A given grade is the point, best and worst grade of its judgement."""
        result = inspectkit.assess(_FW, _load('[judgements]\naccess = "good"\n'))
        access = result.judgements["access"]
        assert (access.grade.id, access.best.id, access.worst.id) == ("good", "good", "good")

    def test_overall_works_from_given_grades(self) -> None:
        """The overall rule works from given grades alone."""
        body = '[judgements]\naccess = "good"\nquality = "good"\nleadership = "good"\n'
        assert inspectkit.assess(_FW, _load(body)).grade.id == "good"

    def test_cap_watching_a_given_judgement_fires(self) -> None:
        """A cap that watches a judgement sees its given grade."""
        body = '[judgements]\naccess = "good"\nquality = "good"\nleadership = "inadequate"\n'
        result = inspectkit.assess(_FW, _load(body))
        assert result.grade.id == "inadequate"
        assert "leadership_inadequate_limits_overall" in {f.cap.id for f in result.overall.caps}

    def test_criteria_evidence_does_not_move_a_given_grade(self) -> None:
        """Criteria evidence is shown beside a given grade but does not change it."""
        body = (
            '[evidence]\nsafeguarding_effective = false\n[judgements]\nleadership = "outstanding"\n'
        )
        leadership = inspectkit.assess(_FW, _load(body)).judgements["leadership"]
        assert leadership.grade.id == "outstanding"
        assert leadership.computed is not None
        assert leadership.computed.id == "inadequate"
        assert "differs from the given grade" in leadership.reason

    def test_not_applicable_judgement_has_no_grade(self) -> None:
        """A judgement given as not applicable has no grade and is reported as such."""
        result = inspectkit.assess(_FW, _load('[judgements]\naccess = "not_applicable"\n'))
        access = result.judgements["access"]
        assert access.grade is None
        assert not access.applies
        assert access.reason.startswith("Not graded")

    def test_criteria_of_given_judgements_are_not_asked_for(self) -> None:
        """Criteria of given judgements are not listed as evidence still to collect."""
        body = '[judgements]\naccess = "good"\nquality = "good"\nleadership = "good"\n'
        assert inspectkit.assess(_FW, _load(body)).to_collect() == ()

    def test_given_judgement_offers_no_gaps(self) -> None:
        """No gap is a criterion of a judgement whose grade is given."""
        body = '[judgements]\naccess = "good"\nquality = "good"\n'
        result = inspectkit.assess(_FW, _load(body))
        assert {gap.judgement for gap in result.gaps("outstanding")} <= {"leadership"}

    def test_json_records_the_given_grade(self) -> None:
        """The JSON of a given judgement carries the given grade and its source."""
        body = '[judgements]\naccess = { grade = "good", source = "Report" }\n'
        data = inspectkit.assess(_FW, _load(body)).to_dict()
        assert data["judgements"][0]["given"]["source"] == "Report"

    def test_error_policy_does_not_ask_for_criteria_of_given_judgements(self) -> None:
        """Under ``missing = error`` only criteria of judgements not given are required."""
        body = '[judgements]\naccess = "good"\nquality = "good"\nleadership = "good"\n'
        assert inspectkit.assess(_FW, _load(body), missing="error").grade is not None


def _overall(access: str, quality: str, leadership: str) -> int:
    body = (
        f'[judgements]\naccess = "{access}"\nquality = "{quality}"\nleadership = "{leadership}"\n'
    )
    grade = inspectkit.assess(_FW, _load(body)).grade
    assert grade is not None
    return grade.rank


class TestGivenCriteriaReasons:
    def test_absent_criterion_of_a_given_judgement_is_not_counted(self) -> None:
        """An absent criterion of a given judgement says it is not counted, under any policy."""
        evidence = _load('[judgements]\naccess = "good"\n')
        for policy in ("worst", "exclude"):
            result = inspectkit.assess(_FW, evidence, missing=policy).criteria["live_birth_data"]
            assert result.reason == (
                "no evidence: not counted, as the judgement's grade is given directly"
            )

    def test_absent_criterion_of_a_not_applicable_judgement_says_so(self) -> None:
        """An absent criterion of a judgement given as not applicable says why it is left out."""
        evidence = _load('[judgements]\naccess = "not_applicable"\n')
        result = inspectkit.assess(_FW, evidence).criteria["live_birth_data"]
        assert result.reason.endswith("as the judgement is given as not applicable")

    def test_criteria_of_other_judgements_keep_the_policys_reason(self) -> None:
        """An absent criterion of a judgement that is not given still reads as the policy has it."""
        evidence = _load('[judgements]\naccess = "good"\n')
        result = inspectkit.assess(_FW, evidence).criteria["self_evaluation"]
        assert result.reason.startswith("no evidence: counted as Inadequate")

    def test_criterion_with_evidence_keeps_its_reason(self) -> None:
        """A given judgement's criterion that has evidence keeps the reason its value gives."""
        evidence = _load('[judgements]\naccess = "good"\n[evidence]\nlive_birth_data = true\n')
        result = inspectkit.assess(_FW, evidence).criteria["live_birth_data"]
        assert "not counted" not in result.reason


class TestProperties:
    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(st.sampled_from(GRADES), min_size=3, max_size=3),
        st.integers(0, 2),
    )
    def test_better_given_grade_never_lowers_overall(self, grades: list[str], which: int) -> None:
        """Improving one given judgement grade never worsens the overall grade."""
        if grades[which] == GRADES[0]:
            return
        better = list(grades)
        better[which] = GRADES[GRADES.index(grades[which]) - 1]
        assert _overall(*better) <= _overall(*grades)
