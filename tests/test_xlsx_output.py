"""Workbooks out: `AssessmentTable.to_xlsx()` and ``inspectkit batch -o out.xlsx``.

A workbook's bytes depend on openpyxl's version, so the golden files hold what a reader sees:
each sheet's name, frozen panes, filter, column widths and every cell's value, fill and font
colour, read back with openpyxl.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import inspectkit
from golden_files import assert_golden
from inspectkit.cli import main
from inspectkit.render._xlsx import GAPS_SHEET, GRADES_SHEET, NEUTRAL_RAMP, grade_fill

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
BOROUGH = ROOT / "examples" / "borough-centres.csv"
CENTRES = "ofsted_childrens_centres_2014"


def dump(data: bytes) -> str:
    """Return what a reader of the workbook *data* sees, as text for a golden file."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(data))
    lines = []
    for sheet in book.worksheets:
        lines.append(
            f"== {sheet.title}: freeze {sheet.freeze_panes}, filter {sheet.auto_filter.ref}"
        )
        widths = {
            key: dimension.width for key, dimension in sorted(sheet.column_dimensions.items())
        }
        lines.append(f"widths {widths}")
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                style = ""
                if cell.fill.fill_type:
                    ink = "bold" if cell.font.bold else f"ink {cell.font.color.rgb[2:]}"
                    style = f" [fill {cell.fill.fgColor.rgb[2:]}, {ink}]"
                kind = cell.data_type + (f" {cell.number_format}" if cell.data_type == "n" else "")
                lines.append(f"{cell.coordinate} {kind} {cell.value!r}{style}")
    return "\n".join(lines) + "\n"


def borough_table() -> inspectkit.AssessmentTable:
    return inspectkit.assess_table(CENTRES, BOROUGH)


def schools_table() -> inspectkit.AssessmentTable:
    """A table of the school example, on a scale with grade colours."""
    evidence = inspectkit.load_evidence(ROOT / "examples" / "hillcrest-academy-2026-03.toml")
    framework = inspectkit.load_framework(evidence.framework)
    return inspectkit.AssessmentTable(framework, [inspectkit.assess(framework, evidence)])


class TestGoldenWorkbooks:
    def test_the_borough_table(self) -> None:
        """The borough example's workbook shows the reviewed sheets, cells and neutral fills."""
        assert_golden(GOLDEN / "borough-centres.batch.xlsx.txt", dump(borough_table().to_xlsx()))

    def test_a_framework_with_grade_colours(self) -> None:
        """A framework's own grade colours fill its grade cells."""
        assert_golden(GOLDEN / "schools.batch.xlsx.txt", dump(schools_table().to_xlsx()))


class TestWorkbookShape:
    def test_two_sheets_with_frozen_headers(self) -> None:
        """The workbook has the grades sheet and the gaps sheet, each header row frozen."""
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.load_workbook(io.BytesIO(borough_table().to_xlsx()))
        assert book.sheetnames == [GRADES_SHEET, GAPS_SHEET]
        assert [sheet.freeze_panes for sheet in book.worksheets] == ["B2", "B2"]

    def test_the_bytes_are_the_same_every_time(self) -> None:
        """Two workbooks of one table are byte-identical (no save time inside)."""
        assert borough_table().to_xlsx() == borough_table().to_xlsx()

    def test_every_zip_entry_has_the_fixed_time(self) -> None:
        """Every entry of the archive carries the one fixed date."""
        pytest.importorskip("openpyxl")
        archive = zipfile.ZipFile(io.BytesIO(borough_table().to_xlsx()))
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


class TestFormulasStayText:
    def test_a_formula_like_unit_is_a_string_cell(self) -> None:
        """A unit named like a formula is stored as text, never as a formula."""
        openpyxl = pytest.importorskip("openpyxl")
        hostile = '=HYPERLINK("http://example.invalid","x")'
        table = inspectkit.assess_table(CENTRES, [{"unit": hostile}, {"unit": "+1"}])
        data = table.to_xlsx()
        sheet = openpyxl.load_workbook(io.BytesIO(data))[GRADES_SHEET]
        assert [(sheet["A2"].value, sheet["A2"].data_type)] == [(hostile, "s")]
        assert (sheet["A3"].value, sheet["A3"].data_type) == ("+1", "s")
        xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
        assert b"<f>" not in xml


class TestFills:
    def test_a_scale_without_colours_gets_the_neutral_ramp(self) -> None:
        """Without colours, the best grade is darkest and the worst lightest."""
        scale = borough_table().framework.scale
        assert [grade_fill(grade, scale) for grade in scale] == list(NEUTRAL_RAMP)

    def test_no_grade_is_white(self) -> None:
        """An ungraded cell has a white fill."""
        assert grade_fill(None, borough_table().framework.scale) == "#ffffff"


class TestWithoutOpenpyxl:
    def test_writing_names_the_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without openpyxl, to_xlsx raises MissingExtraError naming the extra."""
        table = borough_table()
        monkeypatch.setitem(sys.modules, "openpyxl", None)
        with pytest.raises(inspectkit.MissingExtraError, match="'excel'"):
            table.to_xlsx()

    def test_the_command_says_so_in_one_line(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``batch -o out.xlsx`` without openpyxl exits 1 naming the extra, writing nothing."""
        monkeypatch.setitem(sys.modules, "openpyxl", None)
        target = tmp_path / "out.xlsx"
        assert main(["batch", str(BOROUGH), "--framework", CENTRES, "-o", str(target)]) == 1
        assert "pip install openpyxl" in capsys.readouterr().err
        assert not target.exists()


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, Any]:
    code = main(argv)
    return code, capsys.readouterr()


class TestBatchCommand:
    def test_o_xlsx_writes_a_workbook(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The .xlsx extension picks the workbook format."""
        target = tmp_path / "out.xlsx"
        code, out = run(["batch", str(BOROUGH), "--framework", CENTRES, "-o", str(target)], capsys)
        assert (code, out.err) == (0, f"wrote {target}\n")
        assert target.read_bytes() == borough_table().to_xlsx()

    def test_a_workbook_reads_back_as_input(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A workbook of the input table gives the same grades as the CSV."""
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        for line in BOROUGH.read_text(encoding="utf-8").splitlines():
            book.active.append(next(iter(__import__("csv").reader([line]))))
        source = tmp_path / "centres.xlsx"
        book.save(source)
        code, out = run(["batch", str(source), "--framework", CENTRES], capsys)
        assert code == 0
        expected = borough_table().to_csv().replace(str(BOROUGH), str(source))
        assert out.out == expected

    def test_excel_csv_starts_with_a_byte_order_mark(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--excel-csv`` writes the CSV as UTF-8 with a byte-order mark."""
        target = tmp_path / "out.csv"
        argv = ["batch", str(BOROUGH), "--framework", CENTRES, "--excel-csv", "-o", str(target)]
        assert run(argv, capsys)[0] == 0
        data = target.read_bytes()
        assert data.startswith(b"\xef\xbb\xbfunit,")
        assert data[3:].decode("utf-8") == borough_table().to_csv()

    @pytest.mark.parametrize(
        ("extra", "message"),
        [
            (["--sheet", "Centres"], "--sheet applies to an .xlsx workbook"),
            (["--encoding", "klingon"], "not an encoding Python knows"),
            (["--excel-csv", "-f", "json"], "--excel-csv applies to CSV output"),
        ],
    )
    def test_options_that_do_not_apply_are_usage_errors(
        self, extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An option that does not fit the input or output exits 2 saying why."""
        code, out = run(["batch", str(BOROUGH), "--framework", CENTRES, *extra], capsys)
        assert code == 2
        assert message in out.err

    def test_encoding_cp1252_reads_a_windows_csv(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--encoding cp1252`` reads a file Excel on Windows saved; without it, a hint."""
        source = tmp_path / "windows.csv"
        source.write_bytes(b"unit;registration_under5\nCaf\xe9 Centre;72%\n")
        code, out = run(["batch", str(source), "--framework", CENTRES], capsys)
        assert code == 1
        assert f"{source}:2:4: the file is not UTF-8 text" in out.err
        assert "pass --encoding cp1252" in out.err
        argv = ["batch", str(source), "--framework", CENTRES, "--encoding", "cp1252"]
        code, out = run(argv, capsys)
        assert code == 0
        assert out.out.splitlines()[1].startswith("Caf\u00e9 Centre,")

    def test_a_workbook_on_standard_input_is_read(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A workbook piped to ``batch -`` is read by its first bytes, at the sheet asked for."""
        path = tmp_path / "in.xlsx"
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        book.active.title = "Centres"
        book.active.append(["unit", "registration_under5"])
        book.active.append(["Riverside", "175%"])
        book.save(path)
        stdin = io.TextIOWrapper(io.BytesIO(path.read_bytes()))
        monkeypatch.setattr(sys, "stdin", stdin)
        code, out = run(["batch", "-", "--framework", CENTRES, "--sheet", "Centres"], capsys)
        assert code == 1
        assert "<stdin>: Centres!B2, column registration_under5: '175%'" in out.err


class TestAnyText:
    @settings(max_examples=40, deadline=None)
    @given(unit=st.text(min_size=1, max_size=40).filter(lambda text: text.strip()))
    def test_any_unit_name_is_written_and_read_back_as_text(self, unit: str) -> None:
        """Any unit name is written as a text cell, its XML-illegal characters replaced."""
        openpyxl = pytest.importorskip("openpyxl")
        table = inspectkit.assess_table(CENTRES, [{"unit": unit}])
        sheet = openpyxl.load_workbook(io.BytesIO(table.to_xlsx()))[GRADES_SHEET]
        cell = sheet["A2"]
        cleaned = unit.strip().replace("\r\n", "\n").replace("\r", "\n")
        expected = "".join("\ufffd" if _illegal(char) else char for char in cleaned)
        assert (cell.value, cell.data_type) == (expected, "s")


def _illegal(char: str) -> bool:
    code = ord(char)
    return (code < 0x20 and char not in "\t\n") or char in "\ufffe\uffff"
