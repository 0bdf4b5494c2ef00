"""Tests for evidence tables: many units from one CSV, rows or DataFrame."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from inspectkit import load_evidence_table
from inspectkit.errors import EvidenceError
from inspectkit.evidence import NOT_APPLICABLE, Interval
from render_sample import make_framework

HEADER = "unit,date,registration_rate,sustained_contact,supervision_checks,board_challenge\n"


def write_csv(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "centres.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


class TestReadingCells:
    def test_cells_are_read_by_measure(self, tmp_path: Path) -> None:
        """Text cells become proportions, counts, checks and ratings by the criterion's measure."""
        path = write_csv(tmp_path, "Riverside,2026-09-30,72%,412/702,yes,RI\n")
        (evidence,) = load_evidence_table(path, make_framework())
        assert evidence.unit == "Riverside"
        assert evidence.date == datetime.date(2026, 9, 30)
        assert evidence.value("registration_rate") == pytest.approx(0.72)
        assert evidence.entries["sustained_contact"].counts is not None
        assert evidence.value("supervision_checks") is True
        assert evidence.value("board_challenge") == "requires_improvement"

    def test_empty_cells_are_absent(self, tmp_path: Path) -> None:
        """An empty cell leaves the criterion absent, not zero."""
        path = write_csv(tmp_path, "Riverside,,0.8,,,\n")
        (evidence,) = load_evidence_table(path, make_framework())
        assert set(evidence.entries) == {"registration_rate"}
        assert evidence.date is None

    def test_not_applicable_is_kept(self) -> None:
        """A cell reading n/a marks the criterion not applicable."""
        (evidence,) = load_evidence_table(
            [{"unit": "A", "board_challenge": "n/a"}], make_framework()
        )
        assert evidence.value("board_challenge") is NOT_APPLICABLE

    def test_rows_keep_python_values(self) -> None:
        """Rows given as mappings may hold Python numbers and booleans."""
        (evidence,) = load_evidence_table(
            [{"unit": "A", "registration_rate": 0.9, "supervision_checks": False}],
            make_framework(),
        )
        assert evidence.value("registration_rate") == 0.9
        assert evidence.value("supervision_checks") is False

    def test_quantifier_words_become_intervals(self) -> None:
        """A quantifier word is read through the framework's vocabulary."""
        framework = make_framework()
        rows = [{"unit": "A", "registration_rate": "a majority"}]
        (evidence,) = load_evidence_table(rows, framework)
        assert isinstance(evidence.value("registration_rate"), Interval)

    def test_dataframe_is_read(self) -> None:
        """A pandas DataFrame is read like a CSV, NaN meaning absent."""
        pd = pytest.importorskip("pandas")
        frame = pd.DataFrame(
            {"unit": ["A", "B"], "registration_rate": [0.7, float("nan")], "gld_gap": [3.0, 4.5]}
        )
        first, second = load_evidence_table(frame, make_framework())
        assert first.value("registration_rate") == 0.7
        assert "registration_rate" not in second.entries
        assert second.value("gld_gap") == 4.5


class TestProblems:
    def problems(self, tmp_path: Path, body: str, header: str = HEADER) -> list[tuple[str, str]]:
        path = write_csv(tmp_path, body, header)
        with pytest.raises(EvidenceError) as caught:
            load_evidence_table(path, make_framework())
        return [(issue.path, issue.code) for issue in caught.value.issues]

    def test_bad_cell_names_row_and_column(self, tmp_path: Path) -> None:
        """A bad value is reported at its spreadsheet row and column."""
        found = self.problems(tmp_path, "A,,0.5,,,\nB,,150%,,,\n")
        assert [path for path, _ in found] == ["row 3, column registration_rate"]

    def test_every_problem_is_reported_at_once(self, tmp_path: Path) -> None:
        """Problems in several rows and columns are all listed."""
        found = self.problems(tmp_path, "A,,lots,,maybe,\n,,0.5,,,great\n")
        paths = [path for path, _ in found]
        assert "row 2, column registration_rate" in paths
        assert "row 2, column supervision_checks" in paths
        assert "row 3, column unit" in paths
        assert "row 3, column board_challenge" in paths

    def test_unknown_column_suggests_a_criterion(self, tmp_path: Path) -> None:
        """A misspelt criterion column is reported with a did-you-mean hint."""
        path = write_csv(tmp_path, "A,0.5\n", header="unit,registraton_rate\n")
        with pytest.raises(EvidenceError) as caught:
            load_evidence_table(path, make_framework())
        (issue,) = caught.value.issues
        assert (issue.path, issue.code) == ("row 1, column registraton_rate", "unknown-column")
        assert issue.hint is not None
        assert "registration_rate" in issue.hint

    def test_missing_unit_column_is_reported(self, tmp_path: Path) -> None:
        """A table without a unit column is refused."""
        found = self.problems(tmp_path, "0.5\n", header="registration_rate\n")
        assert found == [("row 1, column unit", "missing-column")]

    def test_bad_date_is_reported(self, tmp_path: Path) -> None:
        """A date that is not ISO is reported at its cell."""
        found = self.problems(tmp_path, "A,30/09/2026,,,,\n")
        assert found == [("row 2, column date", "bad-date")]

    def test_duplicate_unit_is_reported(self, tmp_path: Path) -> None:
        """The same unit twice at the same date is refused."""
        found = self.problems(tmp_path, "A,2026-09-30,,,,\nA,2026-09-30,,,,\n")
        assert found == [("row 3, column unit", "duplicate-unit")]

    def test_issues_carry_file_and_line(self, tmp_path: Path) -> None:
        """Issues from a CSV file name the file and the row as the line."""
        path = write_csv(tmp_path, "A,,2,,,\n")
        with pytest.raises(EvidenceError) as caught:
            load_evidence_table(path, make_framework())
        (issue,) = caught.value.issues
        assert issue.file == str(path)
        assert issue.line == 2

    def test_unreadable_file_is_an_evidence_error(self, tmp_path: Path) -> None:
        """A missing file raises EvidenceError, not OSError."""
        with pytest.raises(EvidenceError):
            load_evidence_table(tmp_path / "nope.csv", make_framework())


class TestAssessTable:
    def test_a_row_per_unit_with_judgement_grades(self) -> None:
        """The table has one row per unit with the overall and each judgement's grade."""
        from inspectkit import assess_table

        rows = [{"unit": "A", "registration_rate": "90%"}, {"unit": "B"}]
        table = assess_table(make_framework(), rows)
        records = table.to_records()
        assert [record["unit"] for record in records] == ["A", "B"]
        assert set(table.fields) <= set(records[0])
        assert "access" in records[0]
        assert "leadership" in records[0]

    def test_progress_is_reported_per_unit(self) -> None:
        """The progress callback hears of every unit, ending at the total."""
        from inspectkit import assess_table

        seen: list[tuple[int, int]] = []
        assess_table(
            make_framework(), [{"unit": "A"}, {"unit": "B"}], progress=lambda *a: seen.append(a)
        )
        assert seen == [(1, 2), (2, 2)]

    def test_missing_error_policy_names_the_row(self) -> None:
        """With missing='error', each unit's absent criteria are reported at its row."""
        from inspectkit import assess_table

        with pytest.raises(EvidenceError) as caught:
            assess_table(make_framework(), [{"unit": "A"}], missing="error")
        paths = {issue.path for issue in caught.value.issues}
        assert "row 2, column registration_rate" in paths


class TestProgressDisplay:
    def test_progress_only_on_a_terminal(self) -> None:
        """The batch command writes progress only to a stream that is a terminal."""
        import io

        from inspectkit.cli._batch import _progress

        class Terminal(io.StringIO):
            def isatty(self) -> bool:
                return True

        assert _progress(io.StringIO()) is None
        stream = Terminal()
        report = _progress(stream)
        assert report is not None
        report(2, 2)
        assert stream.getvalue() == "\rassessed 2/2 units\n"
