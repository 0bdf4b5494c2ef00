"""Every command that writes CSV takes ``--excel-csv``: a byte-order mark for Excel."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from inspectkit.cli import EXIT_USAGE, main

RIVERSIDE = "examples/riverside-2026-06.toml"
NEARLY = "examples/riverside-nearly-good.toml"
BOM = b"\xef\xbb\xbf"


def calibration_cases(folder: Path) -> list[str]:
    """The arguments of ``calibrate`` for one case with a published grade, written to *folder*."""
    (folder / "cases").mkdir()
    shutil.copy(RIVERSIDE, folder / "cases" / "riverside.toml")
    (folder / "outcomes.csv").write_text("id,overall\nriverside,good\n", encoding="utf-8")
    return [
        "calibrate",
        str(folder / "cases"),
        "--framework",
        "ofsted_childrens_centres_2014",
        "--outcomes",
        str(folder / "outcomes.csv"),
    ]


COMMANDS = {
    "assess": ["assess", RIVERSIDE],
    "group": ["group", "examples/groups/northfield.toml"],
    "compare": ["compare", RIVERSIDE, NEARLY],
    "timeline": ["timeline", RIVERSIDE, NEARLY],
}


def argv_for(command: str, folder: Path) -> list[str]:
    """The arguments that run *command* on example files."""
    return calibration_cases(folder) if command == "calibrate" else list(COMMANDS[command])


ALL = pytest.mark.parametrize("command", [*COMMANDS, "calibrate"])


class TestExcelCsv:
    @ALL
    def test_it_starts_the_csv_with_a_byte_order_mark(
        self, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The CSV written with --excel-csv is the plain CSV after a UTF-8 byte-order mark."""
        plain, marked = tmp_path / "plain.csv", tmp_path / "marked.csv"
        argv = argv_for(command, tmp_path)
        assert main([*argv, "-o", str(plain)]) in (0, 3)
        assert main([*argv, "--excel-csv", "-o", str(marked)]) in (0, 3)
        assert marked.read_bytes() == BOM + plain.read_bytes()
        assert not plain.read_bytes().startswith(BOM)

    @ALL
    def test_another_format_is_a_usage_error(
        self, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--excel-csv with JSON exits 2 saying it applies to CSV output."""
        assert main([*argv_for(command, tmp_path), "--excel-csv", "-f", "json"]) == EXIT_USAGE
        assert "--excel-csv applies to CSV output, not json" in capsys.readouterr().err
