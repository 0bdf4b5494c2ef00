"""Tests for loading whole evidence documents: files, TOML text and mappings."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from inspectkit import (
    NOT_APPLICABLE,
    Counts,
    EvidenceError,
    InspectkitError,
    Interval,
    load_evidence,
    loads_evidence,
    parse_evidence,
)
from inspectkit.rubric import Framework

DOCUMENT = """\
framework = "example_centres"
framework_version = "1.0"
unit = "Riverside Children's Centre"
kind = "centre"
date = 2026-09-30
note = "Illustrative data."

[evidence]
gld_gap = 14.5
supervision_checks_case_files = false
board_challenge = "RI"

[evidence.registration_rate]
numerator = 412
denominator = 702
source = "Centre database, Q2 2026/27"
date = 2026-09-30
"""


class TestLoadsEvidence:
    def test_reads_every_field(self, example_framework: Framework) -> None:
        """A complete document gives evidence with its metadata and entries."""
        evidence = loads_evidence(DOCUMENT, framework=example_framework)
        assert evidence.framework == "example_centres"
        assert evidence.framework_version == "1.0"
        assert evidence.unit == "Riverside Children's Centre"
        assert evidence.date == datetime.date(2026, 9, 30)
        assert evidence.note == "Illustrative data."
        assert evidence.entries["registration_rate"].counts == Counts(412, 702)
        assert evidence.entries["registration_rate"].source == "Centre database, Q2 2026/27"
        assert evidence.value("board_challenge") == "requires_improvement"

    def test_no_evidence_table(self, example_framework: Framework) -> None:
        """A document without [evidence] has every criterion absent."""
        evidence = loads_evidence(
            'framework = "example_centres"\nunit = "X"\n', framework=example_framework
        )
        assert dict(evidence.entries) == {}

    def test_bytes_with_bom(self, example_framework: Framework) -> None:
        """UTF-8 bytes with a byte-order mark are read."""
        evidence = loads_evidence(b"\xef\xbb\xbf" + DOCUMENT.encode(), framework=example_framework)
        assert evidence.unit == "Riverside Children's Centre"

    def test_not_utf8(self, example_framework: Framework) -> None:
        """Bytes that are not UTF-8 raise EvidenceError, not UnicodeDecodeError."""
        with pytest.raises(EvidenceError) as error:
            loads_evidence(b'unit = "\xff"', framework=example_framework)
        assert [issue.code for issue in error.value.issues] == ["not-utf8"]

    def test_version_difference_is_accepted(self, example_framework: Framework) -> None:
        """Evidence written for another version of the framework loads, keeping that version."""
        text = DOCUMENT.replace('framework_version = "1.0"', 'framework_version = "0.9"')
        assert loads_evidence(text, framework=example_framework).framework_version == "0.9"

    def test_line_numbers(self, example_framework: Framework) -> None:
        """Issues carry the line of the key they concern."""
        with pytest.raises(EvidenceError) as error:
            loads_evidence(DOCUMENT.replace("412", "999"), framework=example_framework)
        assert error.value.issues[0].line == 14


class TestLoadEvidence:
    def test_reads_a_file(self, tmp_path: Path, example_framework: Framework) -> None:
        """A file is read and remembered on the evidence."""
        path = tmp_path / "riverside.toml"
        path.write_text(DOCUMENT, encoding="utf-8")
        evidence = load_evidence(path, framework=example_framework)
        assert evidence.file == str(path)
        assert evidence.value("gld_gap") == 14.5

    def test_missing_file(self, tmp_path: Path, example_framework: Framework) -> None:
        """A missing file raises EvidenceError, not OSError."""
        with pytest.raises(EvidenceError) as error:
            load_evidence(tmp_path / "nope.toml", framework=example_framework)
        assert [issue.code for issue in error.value.issues] == ["not-found"]

    def test_directory(self, tmp_path: Path, example_framework: Framework) -> None:
        """A directory raises EvidenceError, not OSError."""
        with pytest.raises(EvidenceError) as error:
            load_evidence(tmp_path, framework=example_framework)
        assert [issue.code for issue in error.value.issues] == ["unreadable"]

    def test_path_with_a_nul_byte(self, example_framework: Framework) -> None:
        """A path no system can open raises EvidenceError, not ValueError from the OS layer."""
        with pytest.raises(EvidenceError) as error:
            load_evidence("bad\x00name.toml", framework=example_framework)
        assert [issue.code for issue in error.value.issues] == ["unreadable"]

    def test_errors_name_the_file(self, tmp_path: Path, example_framework: Framework) -> None:
        """Issues from a file name the file."""
        path = tmp_path / "bad.toml"
        path.write_text('framework = "example_centres"\n', encoding="utf-8")
        with pytest.raises(EvidenceError) as error:
            load_evidence(path, framework=example_framework)
        assert error.value.issues[0].file == str(path)


class TestParseEvidence:
    def test_mapping(self, example_framework: Framework) -> None:
        """A mapping with the structure of a file gives the same evidence as the file."""
        mapping = {
            "framework": "example_centres",
            "framework_version": "1.0",
            "unit": "Riverside Children's Centre",
            "kind": "centre",
            "date": "2026-09-30",
            "note": "Illustrative data.",
            "evidence": {
                "gld_gap": 14.5,
                "supervision_checks_case_files": False,
                "board_challenge": "RI",
                "registration_rate": {
                    "numerator": 412,
                    "denominator": 702,
                    "source": "Centre database, Q2 2026/27",
                    "date": "2026-09-30",
                },
            },
        }
        assert parse_evidence(mapping, framework=example_framework) == loads_evidence(
            DOCUMENT, framework=example_framework
        )

    def test_not_a_mapping(self, example_framework: Framework) -> None:
        """A document that is not a mapping raises EvidenceError."""
        with pytest.raises(EvidenceError):
            parse_evidence([1, 2], framework=example_framework)  # type: ignore[arg-type]

    def test_values_of_every_form(self, example_framework: Framework) -> None:
        """Each measure's forms resolve as the format describes."""
        evidence = parse_evidence(
            {
                "framework": "example_centres",
                "unit": "X",
                "evidence": {
                    "registration_rate": "only a minority",
                    "gld_gap": "not_applicable",
                    "supervision_checks_case_files": True,
                    "board_challenge": 1,
                },
            },
            framework=example_framework,
        )
        assert evidence.value("registration_rate") == Interval(0.0, 0.49, "only a minority")
        assert evidence.value("gld_gap") is NOT_APPLICABLE
        assert evidence.value("supervision_checks_case_files") is True
        assert evidence.value("board_challenge") == "outstanding"


class TestFrameworkResolution:
    def test_bundled_id_in_the_document(self) -> None:
        """Without a framework argument, the document's framework id is loaded."""
        evidence = loads_evidence('framework = "ofsted_childrens_centres_2014"\nunit = "X"\n')
        assert evidence.framework == "ofsted_childrens_centres_2014"

    def test_relative_path_in_a_file(self, tmp_path: Path) -> None:
        """A relative framework path in an evidence file is relative to that file."""
        docs = Path(__file__).parent.parent / "docs" / "framework-format.md"
        text = docs.read_text(encoding="utf-8")
        block = text.split("```toml\n", 1)[1].split("```", 1)[0]
        (tmp_path / "frameworks").mkdir()
        (tmp_path / "frameworks" / "local.toml").write_text(block, encoding="utf-8")
        (tmp_path / "data").mkdir()
        path = tmp_path / "data" / "riverside.toml"
        path.write_text(
            'framework = "../frameworks/local.toml"\nunit = "X"\n[evidence]\ngld_gap = 3\n',
            encoding="utf-8",
        )
        assert load_evidence(path).framework == "example_centres"

    def test_unknown_framework(self) -> None:
        """An unknown framework id in the document is an issue at its line."""
        with pytest.raises(EvidenceError) as error:
            loads_evidence('unit = "X"\nframework = "ofsted_2014"\n')
        issue = error.value.issues[0]
        assert (issue.code, issue.path, issue.line) == ("unknown-framework", "framework", 2)

    def test_framework_argument_as_id(self) -> None:
        """The framework argument may be a bundled id."""
        evidence = loads_evidence(
            'framework = "ofsted_childrens_centres_2014"\nunit = "X"\n',
            framework="ofsted_childrens_centres_2014",
        )
        assert evidence.unit == "X"

    @pytest.mark.parametrize("name", ["a\x00b.toml", "x" * 5000, "x" * 5000 + ".toml"])
    def test_impossible_framework_names(self, name: str) -> None:
        """A framework name no file system accepts raises inspectkit's errors, not OSError."""
        with pytest.raises(InspectkitError):
            parse_evidence({"framework": name, "unit": "X"})
