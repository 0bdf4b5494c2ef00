"""Odd framework names and paths raise only inspectkit errors."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import inspectkit
from inspectkit import FrameworkError, FrameworkNotFoundError
from inspectkit.cli import main
from inspectkit.errors import EvidenceError, InspectkitError

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "riverside-nearly-good.toml"


class TestLoadFrameworkOddNames:
    """load_framework turns OS and value errors into inspectkit errors."""

    def test_nul_byte_in_an_id(self) -> None:
        """An id with a NUL byte is not found."""
        with pytest.raises(FrameworkNotFoundError):
            inspectkit.load_framework("ofsted\0")

    def test_nul_byte_in_a_path(self) -> None:
        """A path with a NUL byte is not found, with a hint."""
        with pytest.raises(FrameworkNotFoundError, match=r"readable \.toml file"):
            inspectkit.load_framework("frameworks/a\0b.toml")

    def test_name_too_long_for_the_file_system(self) -> None:
        """A name far too long for the file system is not found."""
        with pytest.raises(FrameworkNotFoundError, match="can be loaded"):
            inspectkit.load_framework("x" * 5000)

    def test_long_name_message_is_shortened(self) -> None:
        """The message shows a long name cut short."""
        with pytest.raises(FrameworkNotFoundError) as caught:
            inspectkit.load_framework("y" * 5000)
        assert len(str(caught.value)) < 300

    def test_path_too_long_is_unreadable(self) -> None:
        """A .toml path too long for the file system is an unreadable framework file."""
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_framework("y" * 5000 + ".toml")
        assert [issue.code for issue in caught.value.issues] == ["unreadable"]

    def test_a_directory(self, tmp_path: Path) -> None:
        """A directory path is an unreadable framework file."""
        (tmp_path / "dir.toml").mkdir()
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_framework(tmp_path / "dir.toml")
        assert [issue.code for issue in caught.value.issues] == ["unreadable"]

    def test_a_path_object_with_a_nul_byte(self) -> None:
        """A Path with a NUL byte is not found."""
        with pytest.raises(FrameworkNotFoundError):
            inspectkit.load_framework(Path("a\0b.toml"))

    def test_surrogate_in_a_path(self) -> None:
        """A path with a lone surrogate (not encodable) is not found."""
        with pytest.raises(FrameworkNotFoundError):
            inspectkit.load_framework("a/\ud800.toml")

    @given(st.text(max_size=300))
    def test_arbitrary_text_raises_only_inspectkit_errors(self, name: str) -> None:
        """load_framework of any text returns a Framework or raises an InspectkitError."""
        try:
            framework = inspectkit.load_framework(name)
        except InspectkitError:
            return
        assert isinstance(framework, inspectkit.Framework)


class TestEvidenceOddNames:
    """load_evidence and load_group turn odd names into inspectkit errors."""

    def test_evidence_with_an_odd_framework(self) -> None:
        """A framework argument with a NUL byte is a FrameworkNotFoundError."""
        with pytest.raises(FrameworkNotFoundError):
            inspectkit.load_evidence(EXAMPLE, framework="a\0b")

    def test_group_path_with_a_nul_byte(self) -> None:
        """A group path with a NUL byte is an EvidenceError."""
        with pytest.raises(EvidenceError):
            inspectkit.load_group("a\0b.toml")

    def test_evidence_path_that_is_a_directory(self, tmp_path: Path) -> None:
        """An evidence path that is a directory is an EvidenceError."""
        with pytest.raises(EvidenceError):
            inspectkit.load_evidence(tmp_path)

    @given(st.text(max_size=300))
    def test_arbitrary_framework_argument(self, name: str) -> None:
        """load_evidence with any framework text returns evidence or raises an InspectkitError."""
        with contextlib.suppress(InspectkitError):
            inspectkit.load_evidence(EXAMPLE, framework=name)

    @given(st.text(max_size=300))
    def test_arbitrary_group_path(self, name: str) -> None:
        """load_group of any path text raises only InspectkitErrors."""
        with contextlib.suppress(InspectkitError):
            inspectkit.load_group(name)


# A lone surrogate is left out here: the real stderr writes it with backslashreplace, but
# pytest's captured stderr is strict UTF-8; load_framework's own tests cover it.
ODD_NAMES = ["a\0b", "x" * 5000, "x" * 5000 + ".toml"]


class TestCommandLineOddNames:
    """Commands given odd file names report an error instead of raising."""

    @pytest.mark.parametrize("name", ODD_NAMES, ids=["nul", "long-id", "long-path"])
    @pytest.mark.parametrize(
        "command",
        [
            ["check", "{}"],
            ["assess", "{}"],
            ["assess", str(EXAMPLE), "--framework", "{}"],
            ["group", "{}"],
            ["compare", "{}", str(EXAMPLE)],
        ],
        ids=["check", "assess", "assess-framework", "group", "compare"],
    )
    def test_exit_code_is_bad_input(
        self, command: list[str], name: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The command exits 1 (bad input) with a message on stderr."""
        code = main([part.replace("{}", name) for part in command])
        assert code == 1
        assert capsys.readouterr().err
