"""Tables as councils save them: cp1252 and semicolon CSVs, Excel workbooks, and their problems."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from inspectkit import MissingExtraError, assess_table, load_evidence_table
from inspectkit.errors import EvidenceError, Issue
from inspectkit.loading._files import sniff_delimiter
from render_sample import make_framework

COLUMNS = ["unit", "date", "registration_rate", "sustained_contact", "supervision_checks"]


def problems(error: pytest.ExceptionInfo[EvidenceError]) -> list[tuple[str, str]]:
    return [(issue.path, issue.code) for issue in error.value.issues]


def workbook(path: Path, rows: list[list[Any]], *, title: str = "Sheet1", **sheets: Any) -> Path:
    """Write an .xlsx at *path*: *rows* on its first sheet *title*, then any other *sheets*."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    for name, others in sheets.items():
        sheet = book.create_sheet(name)
        for row in others:
            sheet.append(row)
    book.save(path)
    return path


class TestDelimiters:
    @pytest.mark.parametrize("delimiter", [",", ";", "\t"])
    def test_the_header_gives_the_delimiter(self, delimiter: str) -> None:
        """The delimiter a header row is written with is the one found."""
        assert sniff_delimiter(delimiter.join(COLUMNS) + "\nRiverside\n") == delimiter

    def test_a_delimiter_inside_quotes_does_not_count(self) -> None:
        """Delimiters inside a quoted header cell are not counted."""
        assert sniff_delimiter('"a;b;c",unit\n') == ","

    def test_a_one_column_header_reads_as_commas(self) -> None:
        """A header with no delimiter at all is one column, read with commas."""
        assert sniff_delimiter("unit\nRiverside\n") == ","

    def test_a_semicolon_file_is_read_in_columns(self, tmp_path: Path) -> None:
        """A semicolon CSV (Excel in a European locale) is read cell by cell, not as one column."""
        path = tmp_path / "centres.csv"
        path.write_text("unit;registration_rate;supervision_checks\nRiverside;72%;yes\n")
        (evidence,) = load_evidence_table(path, make_framework())
        assert sorted(evidence.entries) == ["registration_rate", "supervision_checks"]

    def test_a_tab_separated_file_is_read_in_columns(self, tmp_path: Path) -> None:
        """A tab-separated file is read cell by cell."""
        path = tmp_path / "centres.tsv"
        path.write_text("unit\tregistration_rate\nRiverside\t0.72\n")
        (evidence,) = load_evidence_table(path, make_framework())
        assert evidence.entries["registration_rate"].value == pytest.approx(0.72)


class TestEncodings:
    def test_cp1252_is_read_when_given(self, tmp_path: Path) -> None:
        """A cp1252 file (Excel on Windows) is read with encoding='cp1252'."""
        path = tmp_path / "centres.csv"
        path.write_bytes("unit,registration_rate\nSt Mary\u2019s Caf\u00e9,72%\n".encode("cp1252"))
        (evidence,) = load_evidence_table(path, make_framework(), encoding="cp1252")
        assert evidence.unit == "St Mary\u2019s Caf\u00e9"

    def test_cp1252_without_the_option_names_its_place_and_the_fix(self, tmp_path: Path) -> None:
        """Reading cp1252 as UTF-8 fails at the line and column of the byte, hinting cp1252."""
        path = tmp_path / "centres.csv"
        path.write_bytes("unit,registration_rate\nRiverside,72%\nCafé,1%\n".encode("cp1252"))
        with pytest.raises(EvidenceError) as caught:
            load_evidence_table(path, make_framework())
        (issue,) = caught.value.issues
        assert (issue.code, issue.line, issue.column) == ("not-utf8", 3, 4)
        assert "--encoding cp1252" in str(issue.hint)

    def test_a_byte_order_mark_is_dropped(self, tmp_path: Path) -> None:
        """A UTF-8 byte-order mark does not become part of the first column's name."""
        path = tmp_path / "centres.csv"
        path.write_bytes(b"\xef\xbb\xbfunit,registration_rate\nRiverside,72%\n")
        (evidence,) = load_evidence_table(path, make_framework(), encoding="utf-8")
        assert evidence.unit == "Riverside"

    def test_an_unknown_encoding_is_an_evidence_error(self, tmp_path: Path) -> None:
        """An encoding name Python does not know is reported, not raised as LookupError."""
        path = tmp_path / "centres.csv"
        path.write_text("unit\nRiverside\n")
        with pytest.raises(EvidenceError, match="not a text encoding"):
            load_evidence_table(path, make_framework(), encoding="klingon")


class TestCsvLines:
    def test_lines_stay_right_after_a_multi_line_cell(self, tmp_path: Path) -> None:
        """A problem after a quoted cell spanning lines names the line its row starts on."""
        path = tmp_path / "centres.csv"
        path.write_text(
            'unit,registration_rate\n"Riverside\nNorth",72%\nLakeside,175%\n', encoding="utf-8"
        )
        with pytest.raises(EvidenceError) as caught:
            load_evidence_table(path, make_framework())
        (issue,) = caught.value.issues
        assert (issue.path, issue.line) == ("row 3, column registration_rate", 4)

    def test_blank_lines_are_skipped(self, tmp_path: Path) -> None:
        """Blank lines in a CSV are not rows."""
        path = tmp_path / "centres.csv"
        path.write_text("unit,registration_rate\n\nRiverside,72%\n\n", encoding="utf-8")
        assert [item.unit for item in load_evidence_table(path, make_framework())] == ["Riverside"]


class TestWorkbooks:
    def test_the_first_sheet_is_read(self, tmp_path: Path) -> None:
        """A workbook's first worksheet is the table, its cells kept as Python values."""
        path = workbook(
            tmp_path / "centres.xlsx",
            [COLUMNS, ["Riverside", None, 0.72, "60%", True]],
            Other=[["unit"], ["Elsewhere"]],
        )
        (evidence,) = load_evidence_table(path, make_framework())
        assert evidence.unit == "Riverside"
        assert evidence.entries["supervision_checks"].value is True

    def test_a_named_sheet_is_read(self, tmp_path: Path) -> None:
        """``sheet=`` picks the worksheet."""
        path = workbook(tmp_path / "c.xlsx", [["notes"]], Centres=[["unit"], ["Lakeside"]])
        assert [e.unit for e in load_evidence_table(path, make_framework(), sheet="Centres")] == [
            "Lakeside"
        ]

    def test_an_unknown_sheet_suggests_one(self, tmp_path: Path) -> None:
        """A sheet the workbook lacks is an ``unknown-sheet`` issue with a suggestion."""
        path = workbook(tmp_path / "c.xlsx", [["unit"]], Centres=[["unit"]])
        with pytest.raises(EvidenceError) as caught:
            load_evidence_table(path, make_framework(), sheet="Centers")
        (issue,) = caught.value.issues
        assert issue.code == "unknown-sheet"
        assert issue.hint == "did you mean 'Centres'?"

    def test_problems_are_placed_at_cells(self, tmp_path: Path) -> None:
        """A bad cell is named as Excel names it, after skipped empty rows."""
        path = workbook(
            tmp_path / "c.xlsx",
            [[], COLUMNS, ["Riverside", None, "175%"], [], ["", None, "10%"]],
            title="Centres 2026",
        )
        with pytest.raises(EvidenceError) as caught:
            load_evidence_table(path, make_framework())
        assert problems(caught) == [
            ("'Centres 2026'!C3, column registration_rate", "out-of-range"),
            ("'Centres 2026'!A5, column unit", "missing-unit"),
        ]
        assert all(issue.line is None for issue in caught.value.issues)

    def test_a_missing_column_names_the_header_row(self, tmp_path: Path) -> None:
        """A header without ``unit`` is reported at the header row as a row reference."""
        path = workbook(tmp_path / "c.xlsx", [[], ["registration_rate"], ["72%"]])
        with pytest.raises(EvidenceError) as caught:
            load_evidence_table(path, make_framework())
        assert problems(caught)[0] == ("Sheet1!2:2, column unit", "missing-column")

    def test_a_formula_without_a_value_is_reported(self, tmp_path: Path) -> None:
        """A formula no spreadsheet has computed is a problem, not silently absent evidence."""
        path = workbook(tmp_path / "c.xlsx", [["unit", "registration_rate"], ["R", "=0.5+0.2"]])
        with pytest.raises(EvidenceError) as caught:
            load_evidence_table(path, make_framework())
        assert problems(caught) == [
            ("Sheet1!B2, column registration_rate", "formula-without-value")
        ]

    def test_a_file_that_is_not_a_workbook_is_reported(self, tmp_path: Path) -> None:
        """Bytes that are not a workbook are a ``not-a-workbook`` issue naming the file."""
        path = tmp_path / "c.xlsx"
        path.write_text("unit\nRiverside\n")
        pytest.importorskip("openpyxl")
        with pytest.raises(EvidenceError) as caught:
            load_evidence_table(path, make_framework())
        assert [(i.code, i.file) for i in caught.value.issues] == [("not-a-workbook", str(path))]

    def test_assessment_problems_are_placed_at_cells(self, tmp_path: Path) -> None:
        """A row that fails to assess (``missing="error"``) is placed at its worksheet row."""
        path = workbook(tmp_path / "c.xlsx", [["unit", "registration_rate"], ["R", 0.5]])
        with pytest.raises(EvidenceError) as caught:
            assess_table(make_framework(), path, missing="error")
        paths = [issue.path for issue in caught.value.issues]
        assert "Sheet1!2:2, column supervision_checks" in paths
        assert all(path.startswith("Sheet1!2:2, column ") for path in paths)


class TestWithoutOpenpyxl:
    def test_reading_a_workbook_names_the_extra(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without openpyxl, a workbook gives a MissingExtraError naming the extra."""
        monkeypatch.setitem(sys.modules, "openpyxl", None)
        path = tmp_path / "c.xlsx"
        path.write_bytes(b"PK")
        with pytest.raises(MissingExtraError, match=r"openpyxl.*'excel'") as caught:
            load_evidence_table(path, make_framework())
        assert isinstance(caught.value, ImportError)
        assert caught.value.extra == "excel"


class TestIssueText:
    def test_a_cell_issue_formats_without_a_line(self) -> None:
        """A workbook issue formats as file, cell, message and code."""
        issue = Issue("Sheet1!B7, column x", "out-of-range", "too big", file="c.xlsx")
        assert issue.format() == "c.xlsx: Sheet1!B7, column x: too big [out-of-range]"
