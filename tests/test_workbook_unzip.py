"""A workbook that would unzip too far is refused before openpyxl unzips it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

import inspectkit
from inspectkit.cli import EXIT_BAD_INPUT, main
from inspectkit.errors import EvidenceError
from inspectkit.loading import _unzip

OFSTED = "ofsted_childrens_centres_2014"
PADDING = 40 * 1024 * 1024
"""Spaces after a worksheet's root element: valid XML, deflated about 1,000 to 1."""


def small_workbook() -> bytes:
    """The bytes of a one-row workbook of the children's centre framework."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["unit", "registration_under5"])
    book.active.append(["Riverside", 0.8])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def padded(path: Path, padding: int = PADDING) -> Path:
    """Write to *path* the small workbook with *padding* spaces after its worksheet's XML."""
    source = zipfile.ZipFile(io.BytesIO(small_workbook()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                data += b" " * padding
            target.writestr(member, data, zipfile.ZIP_DEFLATED)
    return path


class TestUnzipLimits:
    def test_a_workbook_expanding_far_is_refused(self, tmp_path: Path) -> None:
        """A workbook that unzips 40 MiB from a few KiB is too-large, naming the file."""
        path = padded(tmp_path / "bomb.xlsx")
        with pytest.raises(EvidenceError) as caught:
            inspectkit.load_evidence_table(path, OFSTED)
        (issue,) = caught.value.issues
        assert (issue.code, issue.file) == ("too-large", str(path))
        assert "times its size" in issue.message
        assert issue.hint is not None
        assert "zip bomb" in issue.hint
        assert str(path) in caught.value.summary

    def test_a_workbook_over_the_unzipped_limit_is_refused(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A workbook whose members unzip past the limit is too-large, with the limit."""
        monkeypatch.setattr(_unzip, "WORKBOOK_MAX_UNZIPPED", 1024)
        path = tmp_path / "big.xlsx"
        path.write_bytes(small_workbook())
        with pytest.raises(EvidenceError) as caught:
            inspectkit.load_evidence_table(path, OFSTED)
        (issue,) = caught.value.issues
        assert issue.code == "too-large"
        assert "over the limit of 1.0 KiB" in issue.message

    def test_a_workbook_of_too_many_files_is_refused(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A workbook whose zip holds more files than the limit is too-large."""
        monkeypatch.setattr(_unzip, "WORKBOOK_MAX_MEMBERS", 3)
        path = tmp_path / "many.xlsx"
        path.write_bytes(small_workbook())
        with pytest.raises(EvidenceError) as caught:
            inspectkit.load_evidence_table(path, OFSTED)
        assert "more than the 3 a workbook is read with" in caught.value.issues[0].message

    def test_a_small_workbook_expanding_far_is_read(self, tmp_path: Path) -> None:
        """Under the size the ratio applies from, a workbook expanding far is read."""
        path = padded(tmp_path / "small.xlsx", padding=1024 * 1024)
        (evidence,) = inspectkit.load_evidence_table(path, OFSTED)
        assert evidence.unit == "Riverside"

    def test_bytes_that_are_not_a_zip_are_left_to_openpyxl(self) -> None:
        """Bytes that are not a zip give no unzip problem; openpyxl refuses them."""
        assert _unzip.unzip_problem(b"unit\nRiverside\n") is None

    def test_the_command_line_refuses_it_on_stdin(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``batch -`` given the workbook on standard input exits 1 naming the limit."""
        data = padded(tmp_path / "bomb.xlsx").read_bytes()

        class Stdin:
            buffer = io.BytesIO(data)

        monkeypatch.setattr("sys.stdin", Stdin())
        assert main(["batch", "-", "--framework", OFSTED]) == EXIT_BAD_INPUT
        assert "times its size" in capsys.readouterr().err
