"""Tests for the reporting commands: ``inspectkit assess`` and ``inspectkit batch``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from inspectkit.cli import EXIT_BAD_INPUT, EXIT_BELOW_TARGET, EXIT_OK, EXIT_USAGE, main
from test_render import check_html

ROOT = Path(__file__).parent.parent
RIVERSIDE = str(ROOT / "examples" / "riverside-nearly-good.toml")
CENTRES = str(ROOT / "examples" / "borough-centres.csv")
OFSTED = "ofsted_childrens_centres_2014"


class TestAssess:
    def test_text_is_the_default(self, capsys: pytest.CaptureFixture[str]) -> None:
        """With no --format the command prints the terminal summary."""
        assert main(["assess", RIVERSIDE]) == EXIT_OK
        out = capsys.readouterr().out
        assert "is predicted to require improvement" in out

    def test_no_colour_when_not_a_terminal(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Output captured by a pipe carries no ANSI escape codes."""
        main(["assess", RIVERSIDE])
        assert "\x1b[" not in capsys.readouterr().out

    def test_colour_can_be_forced(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--color always colours the grades even in a pipe."""
        main(["assess", RIVERSIDE, "--color", "always"])
        assert "\x1b[" in capsys.readouterr().out

    @pytest.mark.parametrize("fmt", ["markdown", "html", "json", "csv", "text"])
    def test_every_format_writes_a_file(self, tmp_path: Path, fmt: str) -> None:
        """Each format writes its report to the -o file."""
        target = tmp_path / f"report.{fmt}"
        assert main(["assess", RIVERSIDE, "--format", fmt, "-o", str(target)]) == EXIT_OK
        assert target.read_text(encoding="utf-8").strip()

    def test_html_report_is_a_page(self, tmp_path: Path) -> None:
        """--format html -o writes a balanced standalone page."""
        target = tmp_path / "report.html"
        main(["assess", RIVERSIDE, "--format", "html", "-o", str(target)])
        page = target.read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>")
        check_html(page)

    def test_json_carries_schema_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--format json prints the result with its schema version."""
        main(["assess", RIVERSIDE, "--format", "json"])
        assert json.loads(capsys.readouterr().out)["schema_version"] == 1

    def test_fail_under_exits_3_below_the_grade(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A prediction below --fail-under exits 3 and says why on stderr."""
        assert main(["assess", RIVERSIDE, "--fail-under", "good"]) == EXIT_BELOW_TARGET
        assert "below Good" in capsys.readouterr().err

    def test_fail_under_passes_at_the_grade(self) -> None:
        """A prediction at the --fail-under grade exits 0; aliases are accepted."""
        assert main(["assess", RIVERSIDE, "--fail-under", "RI"]) == EXIT_OK

    def test_unknown_fail_under_grade_is_a_usage_error(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A --fail-under grade not on the scale exits 2 and lists the grades."""
        assert main(["assess", RIVERSIDE, "--fail-under", "great"]) == EXIT_USAGE
        assert "outstanding" in capsys.readouterr().err

    def test_missing_file_is_bad_input(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing evidence file exits 1 with the problem on stderr only."""
        assert main(["assess", "no-such-file.toml"]) == EXIT_BAD_INPUT
        captured = capsys.readouterr()
        assert captured.out == ""
        assert "not-found" in captured.err

    def test_unknown_format_is_a_usage_error(self) -> None:
        """An unknown --format exits 2."""
        assert main(["assess", RIVERSIDE, "--format", "pdf"]) == EXIT_USAGE


class TestBatch:
    def test_csv_has_a_row_per_unit(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The batch CSV has one row per input unit with each judgement's grade."""
        assert main(["batch", CENTRES, "--framework", OFSTED]) == EXIT_OK
        rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
        assert len(rows) == 4
        assert {"unit", "overall_grade", "coverage", "access", "leadership"} <= set(rows[0])

    def test_no_progress_when_not_a_terminal(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Progress is not written to stderr when it is not a terminal."""
        main(["batch", CENTRES, "--framework", OFSTED])
        assert capsys.readouterr().err == ""

    def test_markdown_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--format markdown prints a table and a count per grade."""
        main(["batch", CENTRES, "--framework", OFSTED, "--format", "markdown"])
        out = capsys.readouterr().out
        assert out.startswith("# Predicted grades:")
        assert "4 units." in out

    def test_json_rows(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--format json prints the rows under units."""
        main(["batch", CENTRES, "--framework", OFSTED, "--format", "json"])
        assert len(json.loads(capsys.readouterr().out)["units"]) == 4

    def test_bad_cells_exit_1_naming_row_and_column(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A bad cell exits 1 and names its row and column on stderr."""
        table = tmp_path / "bad.csv"
        table.write_text("unit,registration_under5\nA,0.5\nB,lots\n", encoding="utf-8")
        assert main(["batch", str(table), "--framework", OFSTED]) == EXIT_BAD_INPUT
        assert "row 3, column registration_under5" in capsys.readouterr().err

    def test_framework_is_required(self) -> None:
        """Without --framework the command is a usage error."""
        assert main(["batch", CENTRES]) == EXIT_USAGE


class TestHelp:
    @pytest.mark.parametrize("command", ["assess", "batch"])
    def test_help_shows_examples_and_exit_codes(
        self, command: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Each command's --help shows examples and the exit codes."""
        assert main([command, "--help"]) == EXIT_OK
        out = capsys.readouterr().out
        assert "examples:" in out
        assert "exit codes" in out


class TestResultSchemaCommand:
    def test_schema_result_prints_the_result_schema(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``inspectkit schema result`` prints the schema the JSON output validates against."""
        from inspectkit.schema import result_schema

        assert main(["schema", "result"]) == EXIT_OK
        assert json.loads(capsys.readouterr().out) == result_schema()
