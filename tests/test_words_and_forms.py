"""The words and forms reports use: quantifiers, negations, bounds, grade views, remarks."""

from __future__ import annotations

import datetime

import pytest

import inspectkit
from inspectkit import EvidenceError
from inspectkit.evidence import GradeRange, Interval, Remark
from inspectkit.rubric import Framework


@pytest.fixture(scope="module")
def framework() -> Framework:
    """The bundled Ofsted children's centre framework."""
    return inspectkit.load_framework("ofsted_childrens_centres_2014")


def _value(framework: Framework, criterion: str, raw: object) -> object:
    return inspectkit.parse_entry(framework, criterion, raw).value


def _hint(framework: Framework, criterion: str, raw: object) -> str | None:
    with pytest.raises(EvidenceError) as error:
        inspectkit.parse_entry(framework, criterion, raw)
    return error.value.issues[0].hint


def _document(**evidence: object) -> dict[str, object]:
    return {"framework": "ofsted_childrens_centres_2014", "unit": "A centre", "evidence": evidence}


class TestQuantifierWords:
    @pytest.mark.parametrize(
        ("word", "low", "high"),
        [
            ("the vast majority", 0.8, 0.94),
            ("all", 0.95, 1.0),
            ("many", 0.4, 0.79),
            ("some", 0.1, 0.49),
            ("fewer than half", 0.0, 0.49),
            ("very few", 0.0, 0.1),
            ("about a quarter", 0.2, 0.3),
        ],
    )
    def test_report_words_have_bands(
        self, framework: Framework, word: str, low: float, high: float
    ) -> None:
        """The words reports use resolve to the band the framework gives them."""
        value = _value(framework, "sustained_contact_target", word)
        assert isinstance(value, Interval)
        assert (value.low, value.high) == (low, high)

    def test_too_few_is_written_below_a_large_majority(self, framework: Framework) -> None:
        """'Too few' runs from 0 to just under the large-majority band."""
        value = _value(framework, "sustained_contact_target", "not enough")
        assert isinstance(value, Interval)
        assert value.word == "too few"
        assert (value.low, value.high) == (0.0, 0.649)

    def test_too_few_grades_below_good(self, framework: Framework) -> None:
        """Even at its best, 'too few' does not reach the good threshold."""
        assessment = inspectkit.assess(framework, {"sustained_contact_target": "too few"})
        result = assessment.criteria["sustained_contact_target"]
        assert result.best is not None
        assert result.best.id == "requires_improvement"

    @pytest.mark.parametrize(
        "word",
        [
            "not a large majority",
            "not yet the large majority",
            "Not yet a large majority",
            "short of the large majority",
        ],
    )
    def test_a_negated_word_is_the_band_below_it(self, framework: Framework, word: str) -> None:
        """A negated word says only that the share falls short of the word's band."""
        value = _value(framework, "sustained_contact", word)
        assert isinstance(value, Interval)
        assert (value.low, value.high) == (0.0, 0.649)

    @pytest.mark.parametrize(
        ("text", "low", "high"),
        [
            ("about 25%", 0.2, 0.3),
            ("more than 80%", 0.8, 1.0),
            ("at least 80%", 0.8, 1.0),
            ("fewer than 50%", 0.0, 0.5),
            ("under 30%", 0.0, 0.3),
        ],
    )
    def test_bounds_in_words(
        self, framework: Framework, text: str, low: float, high: float
    ) -> None:
        """'About', 'more than' and 'fewer than' a percentage give an interval."""
        value = _value(framework, "registration_under5", text)
        assert isinstance(value, Interval)
        assert (value.low, value.high) == (low, high)

    @pytest.mark.parametrize(
        ("raw", "low", "high"), [({"high": "50%"}, 0.0, 0.5), ({"low": 0.8}, 0.8, 1.0)]
    )
    def test_one_sided_long_form(
        self, framework: Framework, raw: object, low: float, high: float
    ) -> None:
        """A long form with one bound is a one-sided interval."""
        value = _value(framework, "registration_under5", raw)
        assert isinstance(value, Interval)
        assert (value.low, value.high) == (low, high)


class TestHints:
    @pytest.mark.parametrize("word", ["mostly vast", "not a large minority", "hardly any"])
    def test_no_suggestion_of_another_meaning(self, framework: Framework, word: str) -> None:
        """A word that is not a misspelling gets the list of words, never a did-you-mean."""
        hint = _hint(framework, "sustained_contact", word)
        assert hint is not None
        assert "did you mean" not in hint

    def test_a_misspelling_gets_its_word(self, framework: Framework) -> None:
        """A typo of a vocabulary word gets that word."""
        assert _hint(framework, "sustained_contact", "a larg majority") == (
            "did you mean 'a large majority'?"
        )

    def test_a_negation_is_not_dropped(self, framework: Framework) -> None:
        """'not a larg majority' is not offered 'a large majority', the opposite."""
        hint = _hint(framework, "sustained_contact", "nott a larg majority")
        assert hint is not None
        assert "did you mean 'a large majority'" not in hint


class TestGradeViews:
    def test_below_good(self, framework: Framework) -> None:
        """'Below good' on a rating allows RI to inadequate, taking RI for the point."""
        assert _value(framework, "advisory_board_challenge", "below good") == GradeRange(
            "requires_improvement", "inadequate", "requires_improvement"
        )

    def test_at_least_good(self, framework: Framework) -> None:
        """'Good or better' allows outstanding to good, taking good for the point."""
        assert _value(framework, "advisory_board_challenge", "good or better") == GradeRange(
            "outstanding", "good", "good"
        )

    def test_rating_range_long_form(self, framework: Framework) -> None:
        """Low and high grades give a range whose point is the middle, ties to the worse."""
        raw = {"low": "inadequate", "high": "good"}
        assert _value(framework, "advisory_board_challenge", raw) == GradeRange(
            "good", "inadequate", "requires_improvement"
        )

    def test_assessor_view_on_a_proportion(self, framework: Framework) -> None:
        """``grade`` on a measured criterion grades it directly, as an assessor's view."""
        assessment = inspectkit.assess(framework, {"take_up_2yo": {"grade": "good"}})
        result = assessment.criteria["take_up_2yo"]
        assert result.grade is not None
        assert result.grade.id == "good"

    def test_check_descriptor(self, framework: Framework) -> None:
        """A check's declared descriptor word gives its grade."""
        assessment = inspectkit.assess(framework, {"priority_families_known": "partly"})
        result = assessment.criteria["priority_families_known"]
        assert result.grade is not None
        assert result.grade.id == "requires_improvement"

    def test_unknown_check_word_lists_the_descriptors(self, framework: Framework) -> None:
        """A check given an undeclared word is told the descriptor words it takes."""
        hint = _hint(framework, "priority_families_known", "mostly")
        assert hint == "write true or false, unquoted, or one of 'partly'"


class TestRemarksDatesKinds:
    def test_unknown_and_note_only_are_remarks(self, framework: Framework) -> None:
        """'unknown' and a note-only entry are absent evidence kept as remarks."""
        evidence = inspectkit.parse_evidence(
            _document(
                live_birth_data="unknown",
                social_care_data={"note": "the report says nothing more"},
            ),
            framework=framework,
        )
        assert evidence.entries == {}
        assert evidence.remarks == {
            "live_birth_data": Remark("live_birth_data", unknown=True),
            "social_care_data": Remark("social_care_data", note="the report says nothing more"),
        }

    @pytest.mark.parametrize(
        ("raw", "date", "precision"),
        [
            ("2014-10", datetime.date(2014, 10, 1), "month"),
            ("2014", datetime.date(2014, 1, 1), "year"),
        ],
    )
    def test_month_and_year_dates(
        self, framework: Framework, raw: str, date: datetime.date, precision: str
    ) -> None:
        """A month or a year alone is kept as its first day with its precision."""
        evidence = inspectkit.parse_evidence({**_document(), "date": raw}, framework=framework)
        assert (evidence.date, evidence.date_precision) == (date, precision)

    def test_kind_is_checked_against_the_framework(self, framework: Framework) -> None:
        """A kind the framework does not declare is refused with a did-you-mean."""
        with pytest.raises(EvidenceError) as error:
            inspectkit.parse_evidence({**_document(), "kind": "gruop"}, framework=framework)
        issue = error.value.issues[0]
        assert (issue.path, issue.code, issue.hint) == (
            "kind",
            "unknown-kind",
            "did you mean 'group'?",
        )
