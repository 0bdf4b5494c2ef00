"""Golden files: each invalid CSV table in tests/invalid-tables/ and the exact problems found.

A table loses nothing on the way in: a row with more or fewer cells than headings and a heading
given twice are problems at their row and column, and every problem is reported at the
physical line its row starts on, also after a quoted cell that spans lines. Cases named
``outcomes-*`` are outcomes tables (calibration); the others are evidence tables (``batch``).
Set ``INSPECTKIT_UPDATE_GOLDEN=1`` to rewrite the .errors.txt files, then read the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import inspectkit
from golden_files import assert_golden
from inspectkit import EvidenceError
from inspectkit.loading._outcomes import read_outcome_table

CASES = Path(__file__).parent / "invalid-tables"
FRAMEWORK = inspectkit.load_framework("ofsted_childrens_centres_2014")


def problems(name: str) -> str:
    """The issues of the table *name* (in the current directory), one formatted issue a line."""
    load = read_outcome_table if name.startswith("outcomes-") else inspectkit.load_evidence_table
    with pytest.raises(EvidenceError) as error:
        load(name, FRAMEWORK)
    return "\n".join(issue.format() for issue in error.value.issues) + "\n"


class TestInvalidTables:
    @pytest.mark.parametrize("case", sorted(CASES.glob("*.csv")), ids=lambda path: path.stem)
    def test_invalid_table(self, case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """An invalid table raises EvidenceError listing exactly the expected issues."""
        monkeypatch.chdir(CASES)
        assert_golden(case.with_suffix(".errors.txt"), problems(case.name))

    def test_every_golden_file_has_a_table(self) -> None:
        """No golden file is left over from a case that was removed or renamed."""
        tables = {path.stem for path in CASES.glob("*.csv")}
        assert {path.name.removesuffix(".errors.txt") for path in CASES.glob("*.errors.txt")} == (
            tables
        )


class TestTableShape:
    def test_a_row_after_a_multi_line_cell_is_at_its_physical_line(self, tmp_path: Path) -> None:
        """A problem in the row after a three-line cell names the line that row starts on."""
        path = tmp_path / "t.csv"
        path.write_text('unit,sustained_contact\n"a\nb\nc",68%\nd,175%\n', encoding="utf-8")
        with pytest.raises(EvidenceError) as error:
            inspectkit.load_evidence_table(path, FRAMEWORK)
        (issue,) = error.value.issues
        assert (issue.line, issue.path) == (5, "row 3, column sustained_contact")

    def test_the_header_is_the_first_line_with_cells(self, tmp_path: Path) -> None:
        """Blank lines above the header are skipped: it is row 1, at the line it is on."""
        path = tmp_path / "t.csv"
        path.write_text("\n\nunit,unit,x\nA,A,1\n", encoding="utf-8")
        with pytest.raises(EvidenceError) as error:
            inspectkit.load_evidence_table(path, FRAMEWORK)
        assert [(i.line, i.path, i.code) for i in error.value.issues] == [
            (3, "row 1, column unit", "duplicate-column"),
            (3, "row 1, column x", "unknown-column"),
        ]

    def test_a_cell_too_large_for_the_csv_module_is_an_issue(self, tmp_path: Path) -> None:
        """A cell over the csv module's field limit is an unreadable table, not a traceback."""
        path = tmp_path / "t.csv"
        path.write_text("unit\n" + "x" * 200_000 + "\n", encoding="utf-8")
        with pytest.raises(EvidenceError) as error:
            inspectkit.load_evidence_table(path, FRAMEWORK)
        assert [(i.code, i.line) for i in error.value.issues] == [("unreadable", 2)]

    def test_rows_from_python_repeat_no_heading(self) -> None:
        """Rows given as mappings cannot repeat a heading, so only their cells are checked."""
        (evidence,) = inspectkit.load_evidence_table([{"unit": "A"}], FRAMEWORK)
        assert evidence.unit == "A"

    def test_assessment_problems_are_at_the_row_line(self, tmp_path: Path) -> None:
        """A problem found when a row is assessed is reported at that row's line and number."""
        path = tmp_path / "t.csv"
        path.write_text('unit,sustained_contact\n"a\nb",68%\nc,\n', encoding="utf-8")
        with pytest.raises(EvidenceError) as error:
            inspectkit.assess_table(FRAMEWORK, path, missing="error")
        assert {(i.line, i.path.split(",")[0]) for i in error.value.issues} == {
            (2, "row 2"),
            (4, "row 3"),
        }


class TestWorkbookShape:
    def test_cells_past_the_header_are_extra_but_short_rows_are_not(self, tmp_path: Path) -> None:
        """A workbook row with a cell past the last heading is extra-cells; a short row is fine."""
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Units"
        for row in (
            ["unit", "sustained_contact", "take_up_2yo"],
            ["A", "68%", "58%", "lost"],
            ["B"],
        ):
            sheet.append(row)
        path = tmp_path / "t.xlsx"
        book.save(path)
        with pytest.raises(EvidenceError) as error:
            inspectkit.load_evidence_table(path, FRAMEWORK)
        assert [(i.path, i.code) for i in error.value.issues] == [
            ("Units!2:2, column 4", "extra-cells")
        ]
