"""Limits every loader applies alike: numbers, nesting, extends chains, issue counts, BOMs."""

from __future__ import annotations

import math
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import inspectkit
from inspectkit import EvidenceError, FrameworkError
from inspectkit.errors import InspectkitError
from inspectkit.grades import Grade, GradeScale
from inspectkit.loading import _documents as documents_module
from inspectkit.loading import _values as values_module
from inspectkit.loading._framework import MAX_EXTENDS
from inspectkit.loading._issues import MAX_ISSUES
from inspectkit.loading._toml import MAX_DEPTH, MAX_NUMBER, number_text

ROOT = Path(__file__).resolve().parents[1]
OFSTED = "ofsted_childrens_centres_2014"
FRAMEWORK = inspectkit.load_framework(OFSTED)
HEAD = f'framework = "{OFSTED}"\nunit = "Centre"\n'


def codes(error: InspectkitError) -> list[tuple[str, str]]:
    """The (path, code) pairs of an error's issues."""
    return [(issue.path, issue.code) for issue in error.issues]


def evidence_issues(text: str) -> list[tuple[str, str]]:
    """The (path, code) pairs that loading the evidence *text* reports."""
    with pytest.raises(EvidenceError) as caught:
        inspectkit.loads_evidence(HEAD + text)
    return codes(caught.value)


def variant(body: str) -> str:
    """A local variant of the bundled framework with *body* after its header."""
    return f'extends = "{OFSTED}"\nid = "variant"\n\n{body}'


class TestNumbersOutOfRange:
    def test_two_weights_of_1e308_are_out_of_range(self) -> None:
        """Weights whose total no float holds are refused at each weight."""
        text = variant(
            '[[judgements]]\nid = "access"\n\n[[judgements.criteria]]\n'
            'id = "registration_under5"\nweight = 1e308\n\n[[judgements.criteria]]\n'
            'id = "registration_target_groups"\nweight = 1e308\n'
        )
        with pytest.raises(FrameworkError) as caught:
            inspectkit.loads_framework(text)
        assert codes(caught.value) == [
            ("judgements[0].criteria[0].weight", "out-of-range"),
            ("judgements[0].criteria[1].weight", "out-of-range"),
        ]

    def test_a_401_digit_threshold_is_out_of_range(self) -> None:
        """An integer beyond float range in a framework is out-of-range, not an OverflowError."""
        text = variant(
            '[[judgements]]\nid = "access"\n\n[[judgements.criteria]]\n'
            f'id = "registration_under5"\nweight = {10**400}\n'
        )
        with pytest.raises(FrameworkError) as caught:
            inspectkit.loads_framework(text)
        assert codes(caught.value) == [("judgements[0].criteria[0].weight", "out-of-range")]
        assert "an integer of 401 digits" in caught.value.issues[0].message

    def test_an_integer_too_long_for_python_is_out_of_range_at_its_key(self) -> None:
        """A 5,000-digit integer (Python refuses to read it) is out-of-range at its key."""
        text = variant(
            '[[judgements]]\nid = "access"\n\n[[judgements.criteria]]\n'
            f'id = "registration_under5"\nweight = {"9" * 5000}\n'
        )
        with pytest.raises(FrameworkError) as caught:
            inspectkit.loads_framework(text)
        assert codes(caught.value) == [("judgements[0].criteria[0].weight", "out-of-range")]
        assert caught.value.issues[0].line == 9

    def test_a_denominator_of_10_to_the_400_is_out_of_range(self) -> None:
        """A denominator beyond 1e15 is refused at the denominator."""
        found = evidence_issues(
            f"[evidence]\nregistration_under5 = {{ numerator = 1, denominator = {10**400} }}\n"
        )
        assert found == [("evidence.registration_under5.denominator", "out-of-range")]

    def test_a_python_integer_of_5000_digits_is_out_of_range(self) -> None:
        """evidence_from_values with a 5,000-digit count reports it without printing it."""
        with pytest.raises(EvidenceError) as caught:
            inspectkit.evidence_from_values(
                FRAMEWORK, {"registration_under5": {"numerator": 1, "denominator": 10**5000}}
            )
        assert codes(caught.value) == [("registration_under5.denominator", "out-of-range")]
        assert "an integer of 5001 digits" in caught.value.issues[0].message

    def test_cli_text_of_401_digits_is_out_of_range(self) -> None:
        """--set text with a 401-digit denominator is out-of-range, so no gap list overflows."""
        with pytest.raises(EvidenceError) as caught:
            inspectkit.parse_cli_value(FRAMEWORK, "registration_under5", f"1/{10**400}")
        assert codes(caught.value) == [("registration_under5.denominator", "out-of-range")]

    def test_cli_text_of_5000_digits_is_out_of_range(self) -> None:
        """Text with a count too long for int() is out-of-range, not a ValueError."""
        with pytest.raises(EvidenceError) as caught:
            inspectkit.parse_cli_value(FRAMEWORK, "registration_under5", "9" * 5000 + "/10")
        assert codes(caught.value) == [("registration_under5.numerator", "out-of-range")]

    def test_a_float_literal_beyond_float_range_is_out_of_range(self) -> None:
        """1e400 in TOML is out-of-range at its key, not "inf is not a finite number"."""
        found = evidence_issues("[evidence]\nregistration_under5 = 1e400\n")
        assert found == [("evidence.registration_under5", "out-of-range")]

    def test_a_framework_float_beyond_float_range_is_out_of_range(self) -> None:
        """A weight of 1e400 in a framework is out-of-range at the weight."""
        text = variant(
            '[[judgements]]\nid = "access"\n\n[[judgements.criteria]]\n'
            'id = "registration_under5"\nweight = 1e400\n'
        )
        with pytest.raises(FrameworkError) as caught:
            inspectkit.loads_framework(text)
        assert codes(caught.value) == [("judgements[0].criteria[0].weight", "out-of-range")]

    def test_a_huge_exponent_in_a_string_is_text(self) -> None:
        """1e999 inside a string is not a number, so nothing is out of range."""
        evidence = inspectkit.loads_evidence(HEAD + 'note = "speed 1e999"\n')
        assert evidence.note == "speed 1e999"

    @pytest.mark.parametrize("text", ["1e400", "1e400%", "1/1e400"])
    def test_cli_text_beyond_float_range_is_out_of_range(self, text: str) -> None:
        """--set text holding a number no float can hold is out-of-range."""
        with pytest.raises(EvidenceError) as caught:
            inspectkit.parse_cli_value(FRAMEWORK, "registration_under5", text)
        assert codes(caught.value) == [("registration_under5", "out-of-range")]

    def test_infinity_is_still_not_finite(self) -> None:
        """A float infinity is not-finite, not out-of-range."""
        with pytest.raises(EvidenceError) as caught:
            inspectkit.evidence_from_values(FRAMEWORK, {"registration_under5": math.inf})
        assert codes(caught.value) == [("registration_under5", "not-finite")]

    @given(st.integers(min_value=int(MAX_NUMBER) + 1, max_value=10**6000))
    def test_any_count_beyond_the_limit_is_out_of_range(self, count: int) -> None:
        """Every denominator above 1e15 is out-of-range, however long."""
        with pytest.raises(EvidenceError) as caught:
            inspectkit.evidence_from_values(
                FRAMEWORK, {"registration_under5": {"numerator": 1, "denominator": count}}
            )
        assert codes(caught.value) == [("registration_under5.denominator", "out-of-range")]

    def test_number_text_names_long_integers_by_their_digits(self) -> None:
        """number_text prints a short number and counts the digits of a long one."""
        assert number_text(12) == "12"
        assert number_text(10**5000) == "an integer of 5001 digits"


class TestGradeScaleDigits:
    def test_a_huge_digit_string_is_no_grade(self) -> None:
        """GradeScale.get on 5,000 digits returns None instead of raising ValueError."""
        scale = GradeScale.from_grades(Grade("good", "Good"), Grade("poor", "Poor"))
        assert scale.get("9" * 5000) is None
        assert "9" * 5000 not in scale

    def test_a_position_is_still_a_grade(self) -> None:
        """A short digit string is still a 1-based position."""
        scale = GradeScale.from_grades(Grade("good", "Good"), Grade("poor", "Poor"))
        assert scale.get(" 2 ") == scale.grades[1]


class TestNesting:
    @pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 500, 5000])
    def test_deep_evidence_is_too_deep(self, depth: int) -> None:
        """Evidence nested beyond the limit is one too-deep issue, however deep."""
        found = evidence_issues(f"[evidence]\nregistration_under5 = {'[' * depth}{']' * depth}\n")
        assert [code for _, code in found] == ["too-deep"]

    def test_nesting_at_the_limit_is_read(self) -> None:
        """A value nested just within the limit reaches the value reader."""
        depth = MAX_DEPTH - 2  # evidence and the criterion key take two levels
        found = evidence_issues(f"[evidence]\nregistration_under5 = {'[' * depth}{']' * depth}\n")
        assert found == [("evidence.registration_under5", "wrong-form")]

    def test_a_deep_framework_is_too_deep(self) -> None:
        """A framework nested beyond the limit is refused at the key holding it."""
        with pytest.raises(FrameworkError) as caught:
            inspectkit.loads_framework(variant(f"note = {'[' * 40}{']' * 40}\n"))
        assert codes(caught.value) == [("note", "too-deep")]

    def test_a_deep_group_is_too_deep(self) -> None:
        """A group file nested beyond the limit is refused."""
        text = HEAD + f"note = {'{a=' * 40}1{'}' * 40}\nmembers = []\n"
        with pytest.raises(EvidenceError) as caught:
            inspectkit.loads_group(text)
        assert [code for _, code in codes(caught.value)] == ["too-deep"]

    def test_a_mapping_that_contains_itself_is_too_deep(self) -> None:
        """parse_evidence on a self-containing mapping is refused, not an endless recursion."""
        document: dict[str, Any] = {"framework": OFSTED, "unit": "Loop"}
        document["evidence"] = document
        with pytest.raises(EvidenceError) as caught:
            inspectkit.parse_evidence(document)
        assert [code for _, code in codes(caught.value)] == ["too-deep"]

    @pytest.mark.parametrize("parse", [inspectkit.parse_framework, inspectkit.parse_group])
    def test_every_mapping_door_checks_depth(self, parse: Any) -> None:
        """parse_framework and parse_group refuse deep mappings with too-deep."""
        deep: dict[str, Any] = {}
        for _ in range(MAX_DEPTH + 5):
            deep = {"a": deep}
        with pytest.raises(InspectkitError) as caught:
            parse({"note": deep})
        assert [code for _, code in codes(caught.value)] == ["too-deep"]


class TestExtendsChains:
    def chain(self, folder: Path, length: int) -> Path:
        """Write c0.toml ... each extending the next, the last the bundled framework."""
        for number in range(length):
            parent = f"c{number + 1}.toml" if number + 1 < length else OFSTED
            (folder / f"c{number}.toml").write_text(
                f'extends = "{parent}"\nid = "c{number}"\n', encoding="utf-8"
            )
        return folder / "c0.toml"

    def test_a_chain_of_the_limit_loads(self, tmp_path: Path) -> None:
        """A framework with MAX_EXTENDS ancestors loads, and lists them all."""
        framework = inspectkit.load_framework(self.chain(tmp_path, MAX_EXTENDS))
        assert len(framework.lineage) == MAX_EXTENDS

    @pytest.mark.parametrize("length", [MAX_EXTENDS + 1, 500])
    def test_a_longer_chain_is_refused(self, tmp_path: Path, length: int) -> None:
        """A chain beyond MAX_EXTENDS is one extends-too-deep issue, not a RecursionError."""
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_framework(self.chain(tmp_path, length))
        assert codes(caught.value) == [("extends", "extends-too-deep")]

    def test_a_longer_chain_names_the_file_loaded(self, tmp_path: Path) -> None:
        """The extends-too-deep issue is in the file the caller named, with the chain's length."""
        named = self.chain(tmp_path, 500)
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_framework(named)
        issue = caught.value.issues[0]
        assert (issue.file, issue.line) == (str(named), 1)
        assert f"{MAX_EXTENDS} read, as far as c{MAX_EXTENDS}.toml" in issue.message


class TestIssueCap:
    def test_an_error_lists_at_most_max_issues_then_a_count(self) -> None:
        """3,000 unknown criteria give 100 issues and one saying 2,900 more."""
        keys = "".join(f"unknown_{n} = 1\n" for n in range(3000))
        with pytest.raises(EvidenceError) as caught:
            inspectkit.loads_evidence(HEAD + "[evidence]\n" + keys)
        issues = caught.value.issues
        assert len(issues) == MAX_ISSUES + 1
        assert issues[-1].code == "too-many-issues"
        assert issues[-1].message == "and 2900 more problems, not listed"
        assert "3000 problems" in caught.value.summary

    def test_no_hint_is_worked_out_past_the_cap(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Past 100 problems unknown keys are only counted: no "did you mean" matching each."""
        calls: list[str] = []
        real = values_module.suggest

        def counting(word: str, options: Any) -> str | None:
            calls.append(word)
            return real(word, options)

        monkeypatch.setattr(values_module, "suggest", counting)
        monkeypatch.setattr(documents_module, "suggest", counting)
        keys = "".join(f"unknown_{n} = 1\n" for n in range(3000))
        with pytest.raises(EvidenceError):
            inspectkit.loads_evidence(HEAD + keys + "[evidence]\n" + keys)
        assert len(calls) <= 2 * MAX_ISSUES  # read twice: once fast, once for the lines

    def test_a_framework_error_is_capped_too(self) -> None:
        """A framework with 500 unknown keys lists 100 and counts the rest."""
        keys = "".join(f"unknown_{n} = 1\n" for n in range(500))
        with pytest.raises(FrameworkError) as caught:
            inspectkit.loads_framework(variant(keys))
        assert len(caught.value.issues) == MAX_ISSUES + 1
        assert caught.value.issues[-1].code == "too-many-issues"

    def test_a_table_error_is_capped_too(self) -> None:
        """A table with 300 unknown columns lists 100 and counts the rest."""
        row = {"unit": "A", **{f"c{n}": "1" for n in range(300)}}
        with pytest.raises(EvidenceError) as caught:
            inspectkit.load_evidence_table([row], FRAMEWORK)
        assert len(caught.value.issues) == MAX_ISSUES + 1
        assert caught.value.issues[-1].message == "and 200 more problems, not listed"

    def test_fewer_problems_are_all_listed(self) -> None:
        """An error with MAX_ISSUES problems lists every one and no count."""
        keys = "".join(f"unknown_{n} = 1\n" for n in range(MAX_ISSUES))
        with pytest.raises(EvidenceError) as caught:
            inspectkit.loads_evidence(HEAD + "[evidence]\n" + keys)
        assert len(caught.value.issues) == MAX_ISSUES
        assert all(issue.code == "unknown-criterion" for issue in caught.value.issues)


class TestByteOrderMarks:
    BOM = "\ufeff"

    def test_evidence_text_with_a_bom(self) -> None:
        """loads_evidence reads text that starts with a byte-order mark."""
        assert inspectkit.loads_evidence(self.BOM + HEAD).unit == "Centre"

    def test_evidence_bytes_with_a_bom(self) -> None:
        """loads_evidence reads UTF-8 bytes that start with a byte-order mark."""
        assert inspectkit.loads_evidence((self.BOM + HEAD).encode()).unit == "Centre"

    def test_group_with_a_bom(self, tmp_path: Path) -> None:
        """A group file and its member saved with byte-order marks load."""
        shutil.copy(ROOT / "examples" / "riverside-nearly-good.toml", tmp_path / "m.toml")
        member = tmp_path / "m.toml"
        member.write_bytes(b"\xef\xbb\xbf" + member.read_bytes())
        group = tmp_path / "g.toml"
        group.write_bytes((self.BOM + HEAD + 'members = ["m.toml"]\n').encode())
        assert len(inspectkit.load_group(group).members) == 1

    def test_table_with_a_bom(self, tmp_path: Path) -> None:
        """A CSV saved with a byte-order mark keeps its first column name."""
        path = tmp_path / "t.csv"
        path.write_bytes(b"\xef\xbb\xbfunit,registration_under5\nA,50%\n")
        assert inspectkit.load_evidence_table(path, FRAMEWORK)[0].unit == "A"

    def test_utf16_is_not_utf8(self) -> None:
        """A UTF-16 file (its byte-order mark too) is not-utf8, with the byte offset."""
        with pytest.raises(EvidenceError) as caught:
            inspectkit.loads_evidence(HEAD.encode("utf-16"))
        assert codes(caught.value) == [("", "not-utf8")]
