"""Tests for reading evidence values by their criterion's measure."""

from __future__ import annotations

import datetime
import math
from fractions import Fraction

import pytest

from inspectkit import (
    NOT_APPLICABLE,
    Counts,
    Entry,
    EvidenceError,
    Interval,
    evidence_from_values,
    parse_cli_value,
    parse_entry,
)
from inspectkit.rubric import Framework


def codes(error: pytest.ExceptionInfo[EvidenceError]) -> list[str]:
    return [issue.code for issue in error.value.issues]


def entry(framework: Framework, criterion: str, raw: object) -> Entry:
    return parse_entry(framework, criterion, raw)


def refused(framework: Framework, criterion: str, raw: object) -> list[str]:
    with pytest.raises(EvidenceError) as error:
        parse_entry(framework, criterion, raw)
    return codes(error)


class TestProportion:
    def test_number(self, example_framework: Framework) -> None:
        """A number between 0 and 1 is the proportion itself."""
        result = entry(example_framework, "registration_rate", 0.72)
        assert result.value == 0.72
        assert result.text is None

    def test_integer_bounds(self, example_framework: Framework) -> None:
        """The integers 0 and 1 are proportions, stored as floats."""
        assert entry(example_framework, "registration_rate", 1).value == 1.0
        assert isinstance(entry(example_framework, "registration_rate", 0).value, float)

    def test_percentage(self, example_framework: Framework) -> None:
        """A percentage string is divided by 100 and its text is kept."""
        result = entry(example_framework, "registration_rate", "72%")
        assert result.value == 0.72
        assert result.text == "72%"

    def test_percentage_with_space(self, example_framework: Framework) -> None:
        """A space between the number and the % sign is allowed."""
        assert entry(example_framework, "registration_rate", "72.5 %").value == 0.725

    def test_counts(self, example_framework: Framework) -> None:
        """Counts give their proportion and are kept on the entry."""
        result = entry(
            example_framework, "registration_rate", {"numerator": 412, "denominator": 702}
        )
        assert result.value == 412 / 702
        assert result.counts == Counts(412, 702)

    def test_quantifier_word(self, example_framework: Framework) -> None:
        """A quantifier word becomes its interval and keeps the written text."""
        result = entry(example_framework, "registration_rate", "A Large Majority")
        assert result.value == Interval(0.65, 0.8, word="a large majority")
        assert result.text == "A Large Majority"

    def test_quantifier_alias(self, example_framework: Framework) -> None:
        """An alias of a quantifier word gives the word's interval."""
        result = entry(example_framework, "registration_rate", "the large majority")
        assert result.value == Interval(0.65, 0.8, word="a large majority")

    def test_interval(self, example_framework: Framework) -> None:
        """An explicit low/high table is an interval without a word."""
        result = entry(example_framework, "registration_rate", {"low": 0.6, "high": "70%"})
        assert result.value == Interval(0.6, 0.7)

    def test_above_one(self, example_framework: Framework) -> None:
        """A number above 1 is refused with a hint to write a percentage."""
        with pytest.raises(EvidenceError) as error:
            parse_entry(example_framework, "registration_rate", 72)
        assert codes(error) == ["out-of-range"]
        assert error.value.issues[0].hint == 'a proportion is between 0 and 1: write 0.72 or "72%"'

    def test_negative(self, example_framework: Framework) -> None:
        """A negative proportion is refused."""
        assert refused(example_framework, "registration_rate", -0.1) == ["out-of-range"]

    def test_percentage_above_100(self, example_framework: Framework) -> None:
        """A percentage above 100% is refused."""
        assert refused(example_framework, "registration_rate", "101%") == ["out-of-range"]

    @pytest.mark.parametrize("text", ["72%%", "%72", "72 percent%", "7 2%"])
    def test_malformed_percentage(self, example_framework: Framework, text: str) -> None:
        """A string with a % sign that is not a percentage is refused as such."""
        assert refused(example_framework, "registration_rate", text) == ["bad-percentage"]

    def test_number_as_string(self, example_framework: Framework) -> None:
        """A number in quotes is refused with a hint giving both right forms."""
        with pytest.raises(EvidenceError) as error:
            parse_entry(example_framework, "registration_rate", "0.6")
        assert codes(error) == ["number-as-string"]
        assert error.value.issues[0].hint == 'write 0.6 or "60%"'

    @pytest.mark.parametrize("raw", [math.nan, math.inf, -math.inf])
    def test_non_finite(self, example_framework: Framework, raw: float) -> None:
        """NaN and infinity are refused."""
        assert refused(example_framework, "registration_rate", raw) == ["not-finite"]

    def test_unknown_word(self, example_framework: Framework) -> None:
        """A word not in the vocabulary is refused with a did-you-mean."""
        with pytest.raises(EvidenceError) as error:
            parse_entry(example_framework, "registration_rate", "a larg majority")
        assert codes(error) == ["unknown-quantifier"]
        assert error.value.issues[0].hint == "did you mean 'a large majority'?"

    def test_boolean(self, example_framework: Framework) -> None:
        """A boolean is not a proportion."""
        assert refused(example_framework, "registration_rate", True) == ["wrong-form"]


class TestPythonNumbers:
    def test_a_fraction_is_a_proportion(self, example_framework: Framework) -> None:
        """A `numbers.Real` that is no float (a Fraction) is read as the number it is."""
        assert entry(example_framework, "registration_rate", Fraction(18, 25)).value == 0.72

    def test_a_whole_number_that_is_no_int_is_a_count(self, example_framework: Framework) -> None:
        """A `numbers.Integral` that is no int (numpy's int64) is a count like an int."""
        numpy = pytest.importorskip("numpy")
        raw = {"numerator": numpy.int64(412), "denominator": numpy.int64(702)}
        assert entry(example_framework, "registration_rate", raw).counts == Counts(412, 702)

    def test_a_fraction_is_no_count(self, example_framework: Framework) -> None:
        """A Fraction numerator is a number but not a whole one."""
        raw = {"numerator": Fraction(1, 2), "denominator": 4}
        assert refused(example_framework, "registration_rate", raw) == ["non-integer-count"]


class TestCounts:
    def test_numerator_above_denominator(self, example_framework: Framework) -> None:
        """A numerator larger than its denominator is refused at the numerator."""
        with pytest.raises(EvidenceError) as error:
            parse_entry(example_framework, "registration_rate", {"numerator": 8, "denominator": 7})
        assert codes(error) == ["numerator-exceeds-denominator"]
        assert error.value.issues[0].path == "registration_rate.numerator"

    def test_negative(self, example_framework: Framework) -> None:
        """Negative counts are refused."""
        raw = {"numerator": -1, "denominator": 7}
        assert refused(example_framework, "registration_rate", raw) == ["negative-count"]

    def test_zero_denominator(self, example_framework: Framework) -> None:
        """A zero denominator is refused."""
        raw = {"numerator": 0, "denominator": 0}
        assert refused(example_framework, "registration_rate", raw) == ["zero-denominator"]

    def test_non_integer(self, example_framework: Framework) -> None:
        """Counts must be whole numbers, even 412.0."""
        raw = {"numerator": 412.0, "denominator": 702}
        assert refused(example_framework, "registration_rate", raw) == ["non-integer-count"]

    def test_missing_half(self, example_framework: Framework) -> None:
        """A numerator without a denominator is refused."""
        assert refused(example_framework, "registration_rate", {"numerator": 4}) == ["missing-key"]

    def test_counts_object(self, example_framework: Framework) -> None:
        """A Counts object is accepted from Python."""
        result = entry(example_framework, "registration_rate", Counts(1, 4))
        assert (result.value, result.counts) == (0.25, Counts(1, 4))

    def test_not_for_quantities(self, example_framework: Framework) -> None:
        """Counts are refused for a quantity."""
        raw = {"numerator": 1, "denominator": 4}
        assert refused(example_framework, "gld_gap", raw) == ["wrong-form"]


class TestQuantity:
    def test_number(self, example_framework: Framework) -> None:
        """A number is the quantity."""
        assert entry(example_framework, "gld_gap", 14.5).value == 14.5

    def test_below_minimum(self, example_framework: Framework) -> None:
        """A quantity below the criterion's minimum is refused."""
        assert refused(example_framework, "gld_gap", -1) == ["out-of-range"]

    def test_above_maximum(self, example_framework: Framework) -> None:
        """A quantity above the criterion's maximum is refused."""
        import attrs

        criterion = attrs.evolve(example_framework.criterion("gld_gap"), maximum=100)
        access = example_framework.judgement("access")
        judgement = attrs.evolve(access, criteria=(access.criteria[0], criterion))
        framework = attrs.evolve(
            example_framework, judgements=(judgement, *example_framework.judgements[1:])
        )
        assert refused(framework, "gld_gap", 101) == ["out-of-range"]

    def test_string_number(self, example_framework: Framework) -> None:
        """A quoted number is refused with a hint to drop the quotes."""
        with pytest.raises(EvidenceError) as error:
            parse_entry(example_framework, "gld_gap", "14.5")
        assert error.value.issues[0].hint == "write 14.5 without quotes"

    def test_huge_integer(self, example_framework: Framework) -> None:
        """An integer too large for a float is out of range, not an OverflowError."""
        assert refused(example_framework, "gld_gap", 10**400) == ["out-of-range"]


class TestCheck:
    @pytest.mark.parametrize("raw", [True, False])
    def test_boolean(self, example_framework: Framework, raw: bool) -> None:
        """A boolean is the check's value."""
        assert entry(example_framework, "supervision_checks_case_files", raw).value is raw

    @pytest.mark.parametrize("raw", ["yes", "true", 1, 0.0])
    def test_other_forms(self, example_framework: Framework, raw: object) -> None:
        """Only booleans are checks in evidence; strings and numbers are refused."""
        assert refused(example_framework, "supervision_checks_case_files", raw) == ["wrong-form"]


class TestRating:
    @pytest.mark.parametrize(
        ("raw", "grade", "text"),
        [
            ("good", "good", None),
            ("Good", "good", "Good"),
            ("RI", "requires_improvement", "RI"),
            (2, "good", "2"),
            ("3", "requires_improvement", "3"),
        ],
    )
    def test_names(
        self, example_framework: Framework, raw: object, grade: str, text: str | None
    ) -> None:
        """A grade id, label, alias or position gives the grade id and keeps other text."""
        result = entry(example_framework, "board_challenge", raw)
        assert (result.value, result.text) == (grade, text)

    def test_unknown(self, example_framework: Framework) -> None:
        """A name not on the scale is refused with a did-you-mean."""
        with pytest.raises(EvidenceError) as error:
            parse_entry(example_framework, "board_challenge", "godo")
        assert codes(error) == ["unknown-grade"]
        assert error.value.issues[0].hint == "did you mean 'good'?"

    @pytest.mark.parametrize("raw", ["²", "٣", "1 2"])
    def test_digits_that_are_not_positions(self, example_framework: Framework, raw: str) -> None:
        """Characters that merely look like digits are unknown grades, not a crash."""
        assert refused(example_framework, "board_challenge", raw) == ["unknown-grade"]

    def test_position_out_of_scale(self, example_framework: Framework) -> None:
        """A position beyond the scale is refused."""
        assert refused(example_framework, "board_challenge", 5) == ["unknown-grade"]


class TestNotApplicable:
    @pytest.mark.parametrize("raw", ["not_applicable", "Not applicable", "N/A", NOT_APPLICABLE])
    def test_every_measure(self, example_framework: Framework, raw: object) -> None:
        """Every measure accepts not applicable."""
        for criterion in example_framework.criteria():
            assert entry(example_framework, criterion.id, raw).is_not_applicable

    def test_long_form(self, example_framework: Framework) -> None:
        """The long form accepts not applicable as its value."""
        result = entry(example_framework, "gld_gap", {"value": "not_applicable", "note": "No FSM"})
        assert result.is_not_applicable
        assert result.note == "No FSM"


class TestLongForm:
    def test_metadata(self, example_framework: Framework) -> None:
        """Source, date and note are kept on the entry."""
        raw = {"value": 0.5, "source": "LA", "date": datetime.date(2026, 9, 30), "note": "n"}
        result = entry(example_framework, "registration_rate", raw)
        assert (result.source, result.date, result.note) == ("LA", datetime.date(2026, 9, 30), "n")

    def test_iso_date_string(self, example_framework: Framework) -> None:
        """A date may be an ISO string, as JSON gives it."""
        result = entry(example_framework, "gld_gap", {"value": 3, "date": "2026-09-30"})
        assert result.date == datetime.date(2026, 9, 30)

    def test_value_and_counts(self, example_framework: Framework) -> None:
        """A value and counts together are refused."""
        raw = {"value": 0.5, "numerator": 1, "denominator": 2}
        assert refused(example_framework, "registration_rate", raw) == ["conflicting-forms"]

    def test_no_value(self, example_framework: Framework) -> None:
        """A long form without any value, note or source is refused."""
        assert refused(example_framework, "registration_rate", {}) == ["missing-value"]

    def test_unknown_key(self, example_framework: Framework) -> None:
        """An unknown key in a long-form entry is refused with a did-you-mean."""
        with pytest.raises(EvidenceError) as error:
            parse_entry(example_framework, "gld_gap", {"value": 3, "sorce": "x"})
        assert codes(error) == ["unknown-key"]
        assert error.value.issues[0].hint == "did you mean 'source'?"

    def test_reversed_interval(self, example_framework: Framework) -> None:
        """An interval whose low is above its high is refused."""
        raw = {"low": 0.7, "high": 0.6}
        assert refused(example_framework, "registration_rate", raw) == ["interval-reversed"]


class TestFromValues:
    def test_flat_mapping(self, example_framework: Framework) -> None:
        """A flat mapping of criterion ids to values becomes evidence."""
        evidence = evidence_from_values(
            example_framework,
            {"registration_rate": "72%", "gld_gap": 3, "board_challenge": "RI"},
            unit="Riverside",
        )
        assert evidence.unit == "Riverside"
        assert evidence.value("board_challenge") == "requires_improvement"
        assert evidence.value("supervision_checks_case_files") is None

    def test_none_is_absent(self, example_framework: Framework) -> None:
        """A value of None leaves the criterion absent."""
        evidence = evidence_from_values(example_framework, {"gld_gap": None})
        assert "gld_gap" not in evidence.entries

    def test_entry_passes_through(self, example_framework: Framework) -> None:
        """An Entry object is kept as it is."""
        given = Entry("gld_gap", 3.0, source="LA")
        evidence = evidence_from_values(example_framework, {"gld_gap": given})
        assert evidence.entries["gld_gap"] is given

    def test_all_problems_at_once(self, example_framework: Framework) -> None:
        """Every bad value is reported, each at its criterion id."""
        with pytest.raises(EvidenceError) as error:
            evidence_from_values(example_framework, {"registration_rate": 2, "gld_gp": 1})
        assert [(issue.path, issue.code) for issue in error.value.issues] == [
            ("registration_rate", "out-of-range"),
            ("gld_gp", "unknown-criterion"),
        ]


class TestCliValue:
    @pytest.mark.parametrize(
        ("criterion", "text", "value"),
        [
            ("registration_rate", "0.72", 0.72),
            ("registration_rate", "72%", 0.72),
            ("registration_rate", "1/4", 0.25),
            ("registration_rate", "a large majority", Interval(0.65, 0.8, "a large majority")),
            ("registration_rate", "0.6..70%", Interval(0.6, 0.7)),
            ("gld_gap", "14.5", 14.5),
            ("supervision_checks_case_files", "true", True),
            ("supervision_checks_case_files", "not met", False),
            ("board_challenge", "RI", "requires_improvement"),
            ("board_challenge", "2", "good"),
            ("gld_gap", "n/a", NOT_APPLICABLE),
        ],
    )
    def test_reads_by_measure(
        self, example_framework: Framework, criterion: str, text: str, value: object
    ) -> None:
        """Command-line text is read by the criterion's measure."""
        assert parse_cli_value(example_framework, criterion, text).value == value

    def test_counts_kept(self, example_framework: Framework) -> None:
        """Counts typed as a fraction are kept, with the typed text."""
        result = parse_cli_value(example_framework, "registration_rate", "412/702")
        assert result.counts == Counts(412, 702)
        assert result.text == "412/702"

    @pytest.mark.parametrize(
        ("criterion", "text", "code"),
        [
            ("registration_rate", "72", "out-of-range"),
            ("registration_rate", "8/7", "numerator-exceeds-denominator"),
            ("registration_rate", "most", "unknown-quantifier"),
            ("gld_gap", "lots", "wrong-form"),
            ("supervision_checks_case_files", "maybe", "wrong-form"),
            ("board_challenge", "great", "unknown-grade"),
            ("board_chalenge", "good", "unknown-criterion"),
        ],
    )
    def test_bad_text(
        self, example_framework: Framework, criterion: str, text: str, code: str
    ) -> None:
        """Text that is not a value for the criterion raises EvidenceError with one issue."""
        with pytest.raises(EvidenceError) as error:
            parse_cli_value(example_framework, criterion, text)
        assert codes(error) == [code]


class TestPythonObjects:
    def test_entry_for_another_criterion(self, example_framework: Framework) -> None:
        """An Entry given under another criterion's id is refused."""
        given = Entry("registration_rate", 0.5)
        assert refused(example_framework, "gld_gap", given) == ["criterion-mismatch"]

    def test_interval_object_is_checked(self, example_framework: Framework) -> None:
        """An Interval object is checked like an interval table."""
        assert refused(example_framework, "registration_rate", Interval(0.8, 0.2)) == [
            "interval-reversed"
        ]

    def test_interval_object_keeps_its_word(self, example_framework: Framework) -> None:
        """An Interval object keeps its word."""
        result = entry(example_framework, "registration_rate", Interval(0.1, 0.2, "few"))
        assert result.value == Interval(0.1, 0.2, "few")

    def test_unexpected_type(self, example_framework: Framework) -> None:
        """A value of an unexpected Python type is refused, not crashed on."""
        assert refused(example_framework, "gld_gap", object()) == ["wrong-form"]
        assert refused(example_framework, "registration_rate", [0.5]) == ["wrong-form"]

    def test_values_not_a_mapping(self, example_framework: Framework) -> None:
        """Values that are not a mapping raise EvidenceError, not AttributeError."""
        with pytest.raises(EvidenceError) as error:
            evidence_from_values(example_framework, [("gld_gap", 3)])  # type: ignore[arg-type]
        assert codes(error) == ["wrong-type"]
