"""Tests for the command line's safe outputs: ``-o`` never loses data, ``-`` is stdin/stdout."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import errno
import io
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import tomli
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_strategies import documents
from golden_files import assert_golden
from inspectkit.cli import EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, build_parser, main
from inspectkit.cli import _output as output
from inspectkit.loading import load_framework

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
OFSTED = "ofsted_childrens_centres_2014"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory holding copies of the examples: evidence, a CSV and a group."""
    shutil.copy(EXAMPLES / "riverside-nearly-good.toml", tmp_path / "ev.toml")
    shutil.copy(EXAMPLES / "riverside-2026-06.toml", tmp_path / "june.toml")
    shutil.copy(EXAMPLES / "borough-centres.csv", tmp_path / "centres.csv")
    text = (EXAMPLES / "riverside-nearly-good.toml").read_text(encoding="utf-8")
    for name in ("north", "south"):
        (tmp_path / f"{name}.toml").write_text(
            text.replace("Riverside Children's Centre", f"{name.title()} Centre"),
            encoding="utf-8",
        )
    (tmp_path / "group.toml").write_text(
        f'framework = "{OFSTED}"\nunit = "Both"\nmembers = ["north.toml", "south.toml"]\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every regular file under *folder* with its bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def set_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Make *data* the process's standard input."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


class TestOutputNeverOverwritesAnInput:
    @pytest.mark.parametrize(
        ("argv", "victim"),
        [
            (["assess", "ev.toml"], "ev.toml"),
            (["batch", "centres.csv", "--framework", OFSTED], "centres.csv"),
            (["group", "group.toml"], "group.toml"),
            (["group", "group.toml"], "north.toml"),
            (["group", "north.toml", "south.toml", "--unit", "Both"], "south.toml"),
            (["compare", "june.toml", "ev.toml"], "june.toml"),
            (["timeline", "june.toml", "ev.toml"], "ev.toml"),
        ],
    )
    def test_an_input_as_target_is_refused(
        self, work: Path, capsys: pytest.CaptureFixture[str], argv: list[str], victim: str
    ) -> None:
        """-o naming an input exits 1, names both paths and leaves every file unchanged."""
        before = snapshot(work)
        assert main([*argv, "-o", victim]) == EXIT_BAD_INPUT
        err = capsys.readouterr().err
        assert f"-o {victim} is the input file" in err
        assert snapshot(work) == before

    def test_a_symlink_to_an_input_is_refused(
        self, work: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """-o through a symbolic link to the evidence is refused like the evidence itself."""
        (work / "report.txt").symlink_to("ev.toml")
        before = snapshot(work)
        assert main(["assess", "ev.toml", "-o", "report.txt"]) == EXIT_BAD_INPUT
        assert "is the input file ev.toml" in capsys.readouterr().err
        assert snapshot(work) == before

    def test_a_hard_link_to_an_input_is_refused(self, work: Path) -> None:
        """-o naming a hard link of the CSV is refused (samefile sees through it)."""
        os.link(work / "centres.csv", work / "copy.csv")
        before = snapshot(work)
        argv = ["batch", "centres.csv", "--framework", OFSTED, "-o", "copy.csv"]
        assert main(argv) == EXIT_BAD_INPUT
        assert snapshot(work) == before

    def test_the_framework_file_given_is_refused(self, work: Path) -> None:
        """-o naming the --framework file is refused."""
        shutil.copy(ROOT / "frameworks" / f"{OFSTED}.toml", work / "fw.toml")
        before = snapshot(work)
        argv = ["assess", "ev.toml", "--framework", "fw.toml", "-f", "text", "-o", "fw.toml"]
        assert main(argv) == EXIT_BAD_INPUT
        assert snapshot(work) == before

    def test_the_framework_the_evidence_names_is_refused(self, work: Path) -> None:
        """-o naming the framework file an evidence file points at (relatively) is refused."""
        (work / "sub").mkdir()
        shutil.copy(ROOT / "frameworks" / f"{OFSTED}.toml", work / "sub" / "fw.toml")
        text = (work / "ev.toml").read_text(encoding="utf-8")
        (work / "sub" / "ev.toml").write_text(
            text.replace(f'framework = "{OFSTED}"', 'framework = "fw.toml"'), encoding="utf-8"
        )
        before = snapshot(work)
        argv = ["assess", "sub/ev.toml", "-f", "text", "-o", "sub/fw.toml"]
        assert main(argv) == EXIT_BAD_INPUT
        assert snapshot(work) == before


class TestFailedWritesLeaveTheTargetAlone:
    def test_missing_directory_is_a_clean_error(
        self, work: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A target in a directory that does not exist exits 1 naming the path."""
        assert main(["assess", "ev.toml", "-o", "nowhere/report.html"]) == EXIT_BAD_INPUT
        err = capsys.readouterr().err
        assert "cannot write nowhere/report.html" in err
        assert "does not exist" in err

    def test_a_directory_is_refused(self, work: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A directory as target exits 1 saying it is a directory."""
        (work / "out").mkdir()
        assert main(["assess", "ev.toml", "-o", "out"]) == EXIT_BAD_INPUT
        assert "cannot write out: it is a directory" in capsys.readouterr().err

    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
    def test_a_device_is_refused(self, work: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """/dev/full as target is refused as not a regular file."""
        assert main(["assess", "ev.toml", "-o", "/dev/full"]) == EXIT_BAD_INPUT
        assert "not a regular file" in capsys.readouterr().err

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
    def test_a_fifo_is_refused_without_blocking(
        self, work: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A FIFO as target is refused without being opened (opening it would block)."""
        os.mkfifo(work / "pipe")
        assert main(["assess", "ev.toml", "-o", "pipe"]) == EXIT_BAD_INPUT
        assert "cannot write pipe: not a regular file" in capsys.readouterr().err

    @pytest.mark.skipif(IS_ROOT, reason="root may write any file")
    def test_a_read_only_file_is_refused(
        self, work: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An existing file without write permission is left alone (a rename would replace it)."""
        target = work / "report.txt"
        target.write_text("keep me", encoding="utf-8")
        target.chmod(0o444)
        assert main(["assess", "ev.toml", "-o", "report.txt"]) == EXIT_BAD_INPUT
        assert "permission denied" in capsys.readouterr().err
        assert target.read_text(encoding="utf-8") == "keep me"

    def test_an_os_error_while_writing_keeps_the_old_report(
        self, work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A full disk during the write exits 1 naming the path; the directory is as before."""
        target = work / "report.txt"
        target.write_text("the good report", encoding="utf-8")
        before = snapshot(work)

        def full(fd: int) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(output.os, "fsync", full)
        assert main(["assess", "ev.toml", "-o", "report.txt"]) == EXIT_BAD_INPUT
        assert "cannot write report.txt: no space left on device" in capsys.readouterr().err
        assert snapshot(work) == before

    def test_an_unwritable_directory_is_a_clean_error(
        self, work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A directory where no temporary file can be made exits 1 naming the path."""

        def denied(**_: object) -> tuple[int, str]:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

        monkeypatch.setattr(tempfile, "mkstemp", denied)
        assert main(["assess", "ev.toml", "-o", "report.txt"]) == EXIT_BAD_INPUT
        assert "cannot write report.txt: permission denied" in capsys.readouterr().err
        assert not (work / "report.txt").exists()

    def test_a_file_size_limit_keeps_the_old_report(self, work: Path) -> None:
        """Under ulimit -f the command exits 1 cleanly and the old report stays whole."""
        target = work / "report.html"
        target.write_text("the good report", encoding="utf-8")
        before = snapshot(work)

        resource = pytest.importorskip("resource")  # file-size limits are POSIX only

        def limit() -> None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

        done = subprocess.run(
            [sys.executable, "-m", "inspectkit", "assess", "ev.toml", "-o", "report.html"],
            cwd=work,
            preexec_fn=limit,  # the limit must apply to the child only
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert (done.returncode, done.stderr) == (
            EXIT_BAD_INPUT,
            "inspectkit: cannot write report.html: file too large\n",
        )
        assert snapshot(work) == before

    def test_a_usage_error_leaves_the_target_alone(self, work: Path) -> None:
        """A --fail-under grade not on the scale exits 2 and does not touch the target."""
        target = work / "report.txt"
        target.write_text("keep me", encoding="utf-8")
        argv = ["assess", "ev.toml", "--fail-under", "superb", "-o", "report.txt"]
        assert main(argv) == EXIT_USAGE
        assert target.read_text(encoding="utf-8") == "keep me"

    def test_bad_input_leaves_the_target_alone(self, work: Path) -> None:
        """A group whose members cannot be grouped exits 1 and does not touch the target."""
        target = work / "report.md"
        target.write_text("keep me", encoding="utf-8")
        assert main(["group", "north.toml", "north.toml", "-o", "report.md"]) == EXIT_BAD_INPUT
        assert target.read_text(encoding="utf-8") == "keep me"


class TestAtomicReplace:
    def test_a_symlinked_target_is_written_through(self, work: Path) -> None:
        """A symbolic link as target keeps pointing at the file, which gets the report."""
        (work / "reports").mkdir()
        (work / "latest.html").symlink_to("reports/real.html")
        assert main(["assess", "ev.toml", "-o", "latest.html"]) == EXIT_OK
        assert (work / "latest.html").is_symlink()
        assert (work / "reports" / "real.html").read_text(encoding="utf-8").startswith("<!")

    def test_a_new_file_gets_the_umask_permissions(self, work: Path) -> None:
        """A new report is readable as any new file would be, not private to its writer."""
        mask = os.umask(0o022)
        try:
            assert main(["assess", "ev.toml", "-o", "report.txt"]) == EXIT_OK
        finally:
            os.umask(mask)
        assert stat.S_IMODE((work / "report.txt").stat().st_mode) == 0o644

    def test_an_existing_file_keeps_its_permissions(self, work: Path) -> None:
        """Replacing a report keeps the old file's permissions."""
        target = work / "report.txt"
        target.write_text("old", encoding="utf-8")
        target.chmod(0o600)
        assert main(["assess", "ev.toml", "-o", "report.txt"]) == EXIT_OK
        assert stat.S_IMODE(target.stat().st_mode) == 0o600

    def test_no_temporary_file_is_left(self, work: Path) -> None:
        """After a write the directory holds the report and nothing else new."""
        before = set(os.listdir(work))
        assert main(["assess", "ev.toml", "-o", "report.txt"]) == EXIT_OK
        assert set(os.listdir(work)) - before == {"report.txt"}

    def test_a_written_file_is_announced(
        self, work: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Writing a file says so on stderr and prints nothing on stdout."""
        assert main(["batch", "centres.csv", "--framework", OFSTED, "-o", "g.csv"]) == EXIT_OK
        captured = capsys.readouterr()
        assert (captured.out, captured.err) == ("", "wrote g.csv\n")


class TestFormatFromTheExtension:
    @pytest.mark.parametrize(
        ("name", "start"),
        [
            ("r.html", "<!DOCTYPE html>"),
            ("r.HTM", "<!DOCTYPE html>"),
            ("r.md", "# "),
            ("r.json", "{"),
            ("r.csv", "unit,"),
            ("r.txt", "Riverside"),
            ("r.out", "Riverside"),
        ],
    )
    def test_assess_infers_the_format(self, work: Path, name: str, start: str) -> None:
        """-o FILE writes the format its extension names; an unknown one gets the default."""
        assert main(["assess", "ev.toml", "-o", name]) == EXIT_OK
        assert (work / name).read_text(encoding="utf-8").startswith(start)

    def test_an_explicit_format_that_agrees_is_fine(self, work: Path) -> None:
        """-f json -o r.json writes JSON."""
        assert main(["assess", "ev.toml", "-f", "json", "-o", "r.json"]) == EXIT_OK

    def test_a_conflict_is_a_usage_error(
        self, work: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """-f json -o r.html exits 2 naming both, and writes nothing."""
        assert main(["assess", "ev.toml", "-f", "json", "-o", "r.html"]) == EXIT_USAGE
        assert "looks like html but --format is json" in capsys.readouterr().err
        assert not (work / "r.html").exists()

    def test_a_format_the_command_lacks_is_a_usage_error(
        self, work: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """batch -o grades.txt exits 2: batch has no text format."""
        argv = ["batch", "centres.csv", "--framework", OFSTED, "-o", "grades.txt"]
        assert main(argv) == EXIT_USAGE
        assert "does not write text" in capsys.readouterr().err

    def test_batch_infers_json(self, work: Path) -> None:
        """batch -o grades.json writes the table as JSON although the default is CSV."""
        argv = ["batch", "centres.csv", "--framework", OFSTED, "-o", "grades.json"]
        assert main(argv) == EXIT_OK
        assert (work / "grades.json").read_text(encoding="utf-8").startswith("{")

    def test_group_infers_json(self, work: Path) -> None:
        """group -o g.json writes JSON although the default is Markdown."""
        assert main(["group", "group.toml", "-o", "g.json"]) == EXIT_OK
        assert (work / "g.json").read_text(encoding="utf-8").startswith("{")


class TestDashIsStandardInputAndOutput:
    def test_dash_output_is_stdout(self, work: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """-o - prints the report and creates no file named '-'."""
        assert main(["assess", "ev.toml", "-o", "-", "-f", "json"]) == EXIT_OK
        assert capsys.readouterr().out.startswith("{")
        assert not (work / "-").exists()

    def test_template_to_dash_is_stdout(
        self, work: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """template -o - prints the template instead of writing a file named '-'."""
        assert main(["template", OFSTED, "-o", "-"]) == EXIT_OK
        assert capsys.readouterr().out.startswith("# Evidence for")
        assert not (work / "-").exists()

    def test_assess_reads_stdin(
        self, work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """assess - reads the evidence from standard input, as the file would give it."""
        assert main(["assess", "ev.toml"]) == EXIT_OK
        from_file = capsys.readouterr().out
        set_stdin(monkeypatch, (work / "ev.toml").read_bytes())
        assert main(["assess", "-"]) == EXIT_OK
        assert capsys.readouterr().out == from_file

    def test_batch_reads_stdin(
        self, work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """batch - reads the CSV from standard input."""
        assert main(["batch", "centres.csv", "--framework", OFSTED]) == EXIT_OK
        from_file = capsys.readouterr().out
        set_stdin(monkeypatch, (work / "centres.csv").read_bytes())
        assert main(["batch", "-", "--framework", OFSTED]) == EXIT_OK
        assert capsys.readouterr().out == from_file

    def test_compare_reads_one_side_from_stdin(
        self, work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """compare june.toml - reads the later file from standard input."""
        assert main(["compare", "june.toml", "ev.toml", "-f", "json"]) == EXIT_OK
        from_file = capsys.readouterr().out
        set_stdin(monkeypatch, (work / "ev.toml").read_bytes())
        assert main(["compare", "june.toml", "-", "-f", "json"]) == EXIT_OK
        assert capsys.readouterr().out == from_file.replace('"ev.toml"', '"<stdin>"')

    def test_group_reads_a_group_file_from_stdin(
        self, work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """group - reads a group file from standard input; members are found from the cwd."""
        assert main(["group", "group.toml"]) == EXIT_OK
        from_file = capsys.readouterr().out
        set_stdin(monkeypatch, (work / "group.toml").read_bytes())
        assert main(["group", "-"]) == EXIT_OK
        assert capsys.readouterr().out == from_file

    def test_show_and_check_read_stdin(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """check - checks a framework from standard input."""
        set_stdin(monkeypatch, (ROOT / "frameworks" / f"{OFSTED}.toml").read_bytes())
        assert main(["check", "-"]) == EXIT_OK
        assert capsys.readouterr().out.startswith(f"-: ok ({OFSTED}")

    def test_two_dashes_are_a_usage_error(
        self, work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Standard input can be read once: two '-' inputs exit 2."""
        set_stdin(monkeypatch, b"")
        assert main(["compare", "-", "-"]) == EXIT_USAGE
        assert "only one input can be '-'" in capsys.readouterr().err

    def test_framework_and_evidence_cannot_both_be_stdin(
        self, work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--framework - with evidence from standard input too exits 2."""
        set_stdin(monkeypatch, (work / "ev.toml").read_bytes())
        assert main(["assess", "-", "--framework", "-"]) == EXIT_USAGE
        assert "only one input can be '-'" in capsys.readouterr().err


def with_unit(work: Path, unit_toml: str, name: str = "odd.toml") -> str:
    """Write a copy of ev.toml whose unit is the TOML string *unit_toml*; return its name."""
    text = (work / "ev.toml").read_text(encoding="utf-8")
    old = 'unit = "Riverside Children\'s Centre (illustrative)"'
    assert old in text
    (work / name).write_text(text.replace(old, f"unit = {unit_toml}"), encoding="utf-8")
    return name


def run_cli(
    work: Path, *argv: str, encoding: str = "utf-8", **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    """Run the command line in *work* as a separate process whose stdout uses *encoding*."""
    code = (
        f"import sys; sys.stdout.reconfigure(encoding={encoding!r}); "
        "from inspectkit.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-X", "utf8", "-c", code, *argv],
        cwd=work,
        capture_output="stdout" not in kwargs,
        timeout=60,
        check=False,
        **kwargs,
    )


class TestStreams:
    @pytest.mark.parametrize("fmt", ["text", "html", "json"])
    def test_a_closed_stdout_is_not_an_error(self, work: Path, fmt: str) -> None:
        """Writing into a pipe whose reader has gone (| head -0) exits 0 without a traceback."""
        read, write = os.pipe()
        os.close(read)
        try:
            done = run_cli(
                work, "assess", "ev.toml", "-f", fmt, stdout=write, stderr=subprocess.PIPE
            )
        finally:
            os.close(write)
        assert (done.returncode, done.stderr) == (EXIT_OK, b"")

    def test_cp1252_text_falls_back_to_ascii_symbols(self, work: Path) -> None:
        """On a cp1252 stdout the text summary spells unencodable symbols in ASCII."""
        name = with_unit(work, '"Centre \\u2192 \\u25cf \\u4e2d"')
        done = run_cli(work, "assess", name, encoding="cp1252")
        assert (done.returncode, done.stderr) == (EXIT_OK, b"")
        assert done.stdout.decode("cp1252").startswith("Centre -> # ?")

    @pytest.mark.parametrize("fmt", ["json", "markdown", "html", "csv"])
    def test_cp1252_file_formats_are_utf8_as_with_o(self, work: Path, fmt: str) -> None:
        """On a cp1252 stdout a file format is written as the UTF-8 bytes -o would write."""
        name = with_unit(work, '"Centre \\u2192 \\u25cf \\u4e2d"')
        done = run_cli(work, "assess", name, "-f", fmt, encoding="cp1252")
        assert main(["assess", name, "-f", fmt, "-o", "written"]) == EXIT_OK
        assert (done.returncode, done.stderr) == (EXIT_OK, b"")
        assert done.stdout == (work / "written").read_bytes()

    def test_text_output_drops_terminal_escapes(
        self, work: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A unit name carrying escape sequences reaches the terminal without its controls."""
        name = with_unit(work, '"Evil\\u001b]0;pwned\\u0007\\u001b[2J\\u009b Centre"')
        assert main(["assess", name]) == EXIT_OK
        out = capsys.readouterr().out
        assert out.startswith("Evil]0;pwned[2J Centre")
        assert not {"\x1b", "\x07", "\x9b"} & set(out)

    def test_colour_keeps_only_colour_codes(
        self, work: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """With --color always the renderer's colours stay and the name's escapes go."""
        name = with_unit(work, '"Evil\\u001b]0;pwned\\u0007\\u001b[2J Centre"')
        assert main(["assess", name, "--color", "always"]) == EXIT_OK
        out = capsys.readouterr().out
        assert "\x1b[0m" in out
        assert "\x1b]" not in out
        assert "\x1b[2J" not in out

    def test_messages_drop_terminal_escapes(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An error quoting a file name with escapes writes no control characters."""
        assert main(["assess", "\x1b[2Jmissing.toml"]) == EXIT_BAD_INPUT
        assert "\x1b" not in capsys.readouterr().err

    def test_usage_messages_drop_terminal_escapes(self, capsys: pytest.CaptureFixture[str]) -> None:
        """argparse's messages, which quote what was typed, write no control characters."""
        assert main(["assess", "x.toml", "-f", "\x1b]0;pwned\x07"]) == EXIT_USAGE
        err = capsys.readouterr().err
        assert "invalid choice" in err
        assert not {"\x1b", "\x07"} & set(err)


class TestHugeNumbers:
    BIG = "9" * 5000

    @pytest.mark.parametrize(
        "argv",
        [
            ["assess", "ev.toml", "--fail-under", BIG],
            ["assess", "ev.toml", "--target", BIG],
            ["assess", "ev.toml", "--set", f"registration_under5={BIG}/{BIG}"],
            ["group", "group.toml", "--fail-under", BIG],
            ["compare", "june.toml", "ev.toml", "--target", BIG],
            ["timeline", "june.toml", "ev.toml", "--target", BIG],
        ],
    )
    def test_a_huge_integer_option_is_a_usage_error(
        self, work: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
    ) -> None:
        """An option holding a 5,000-digit integer exits 2 with one line, not a traceback."""
        assert main(argv) == EXIT_USAGE
        err = capsys.readouterr().err
        assert err.endswith("a number of 5000 digits is out of range (at most 4300)\n")
        assert err.count("\n") == 1

    def test_a_long_grade_position_is_just_not_a_grade(
        self, work: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A 40-digit --fail-under is an ordinary unknown grade."""
        assert main(["assess", "ev.toml", "--fail-under", "9" * 40]) == EXIT_USAGE
        assert "is not a grade of" in capsys.readouterr().err


class TestCleanTerminalText:
    @given(st.text())
    def test_no_control_character_survives(self, text: str) -> None:
        """Cleaned text holds no C0 or C1 control character but tab and newline."""
        cleaned = output.clean_terminal_text(text)
        assert all(ch in "\t\n" or unicodedata.category(ch) != "Cc" for ch in cleaned)

    @given(st.text())
    def test_colour_keeps_escapes_only_as_sgr(self, text: str) -> None:
        """With colour kept, every ESC left starts an SGR (colour) sequence."""
        cleaned = output.clean_terminal_text(text, keep_colour=True)
        assert cleaned.count("\x1b") == len(re.findall(r"\x1b\[[0-9;]*m", cleaned))

    @given(st.text(alphabet=st.characters(blacklist_categories=("Cc",))))
    def test_text_without_controls_is_unchanged(self, text: str) -> None:
        """Text with no control characters passes unchanged."""
        assert output.clean_terminal_text(text) == text


def commands() -> dict[str, argparse.ArgumentParser]:
    """Every command's parser, by name."""
    parser = build_parser()
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update(action.choices)
    return found


def options(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    """Every option string of *parser* with its action."""
    return {name: action for action in parser._actions for name in action.option_strings}


class TestConsistentOptions:
    def test_every_command_with_formats_takes_f_and_format(self) -> None:
        """A command with --format also takes -f, with the metavar FORMAT."""
        with_formats = {
            name: options(parser)
            for name, parser in commands().items()
            if "--format" in options(parser)
        }
        assert set(with_formats) >= {"assess", "batch", "group", "compare", "timeline"}
        for found in with_formats.values():
            assert found["-f"] is found["--format"]
            assert found["-f"].metavar == "FORMAT"

    @pytest.mark.parametrize(
        ("option", "metavar"),
        [
            ("-o", "FILE"),
            ("--framework", "ID_OR_PATH"),
            ("--fail-under", "GRADE"),
            ("--target", "GRADE"),
        ],
    )
    def test_an_option_has_one_metavar_everywhere(self, option: str, metavar: str) -> None:
        """Each option is spelled with the same metavar in every command that has it."""
        seen = {
            name: found[option].metavar
            for name, parser in commands().items()
            if option in (found := options(parser))
        }
        assert seen
        assert set(seen.values()) == {metavar}, seen

    @pytest.mark.parametrize(
        "argv",
        [
            ["assess", "ev.toml"],
            ["batch", "centres.csv", "--framework", OFSTED],
            ["template", OFSTED],
            ["schema", "evidence", "--framework", OFSTED],
            ["group", "group.toml"],
            ["compare", "june.toml", "ev.toml"],
            ["timeline", "june.toml", "ev.toml"],
            ["completion", "bash"],
            ["calibrate", "--framework", OFSTED, "ev.toml"],
            ["docs", "cli"],
        ],
    )
    def test_every_command_that_writes_a_file_says_so(
        self, work: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
    ) -> None:
        """Each command with -o writes the file and prints 'wrote FILE' on stderr only."""
        assert main([*argv, "-o", "out.file"]) == EXIT_OK
        captured = capsys.readouterr()
        assert (captured.out, captured.err) == ("", "wrote out.file\n")
        assert (work / "out.file").stat().st_size > 0

    def test_every_command_with_o_is_covered(self) -> None:
        """The list above names every command that has -o."""
        with_output = {name for name, parser in commands().items() if "-o" in options(parser)}
        assert with_output == {
            "assess",
            "batch",
            "template",
            "schema",
            "group",
            "compare",
            "timeline",
            "completion",
            "calibrate",
            "docs",
        }


class TestCompletion:
    def test_bash_script_completes_commands_and_files(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The bash script knows the commands and completes file arguments with file names."""
        assert main(["completion", "bash"]) == EXIT_OK
        script = capsys.readouterr().out
        for command in ("assess", "batch", "group", "compare", "timeline", "completion"):
            assert command in script
        assert "_shtab_compgen_files" in script

    @pytest.mark.parametrize("shell", ["zsh", "tcsh"])
    def test_other_shells_get_a_script(
        self, capsys: pytest.CaptureFixture[str], shell: str
    ) -> None:
        """zsh and tcsh scripts are printed too."""
        assert main(["completion", shell]) == EXIT_OK
        assert "inspectkit" in capsys.readouterr().out

    def test_without_shtab_the_command_says_how_to_get_it(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Without shtab installed the command exits 1 naming the package to install."""
        monkeypatch.setitem(sys.modules, "shtab", None)
        assert main(["completion", "bash"]) == EXIT_BAD_INPUT
        assert "pip install shtab" in capsys.readouterr().err


# ---- the hostile-input corpus (tests/hostile/cases.toml) ----------------------------------------

HOSTILE = Path(__file__).parent / "hostile"
CASES = tomli.loads((HOSTILE / "cases.toml").read_text(encoding="utf-8"))["case"]
BIG_NUMBER = "9" * 5000
CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


REPEAT = re.compile(r"@REPEAT:(\d+):([^@]*)@")


def expand(text: str) -> str:
    """Return *text* with each ``@REPEAT:N:TEXT@`` written out as TEXT repeated N times."""
    return REPEAT.sub(lambda match: match.group(2) * int(match.group(1)), text)


def lay_out(folder: Path, case: dict[str, Any]) -> None:
    """Create the standard inputs in *folder*, then the case's own files, links and FIFOs."""
    text = (EXAMPLES / "riverside-nearly-good.toml").read_text(encoding="utf-8")
    shutil.copy(EXAMPLES / "riverside-nearly-good.toml", folder / "ev.toml")
    shutil.copy(EXAMPLES / "riverside-2026-06.toml", folder / "june.toml")
    shutil.copy(EXAMPLES / "borough-centres.csv", folder / "centres.csv")
    shutil.copy(ROOT / "frameworks" / f"{OFSTED}.toml", folder / "fw.toml")
    for name in ("north", "south"):
        (folder / f"{name}.toml").write_text(
            text.replace("Riverside Children's Centre", f"{name.title()} Centre"),
            encoding="utf-8",
        )
    (folder / "group.toml").write_text(
        f'framework = "{OFSTED}"\nunit = "Both"\nmembers = ["north.toml", "south.toml"]\n',
        encoding="utf-8",
    )
    for name in case.get("dirs", []):
        (folder / name).mkdir(parents=True)
    for name, content in case.get("files", {}).items():
        (folder / name).write_text(expand(content), encoding="utf-8")
    for number in range(case.get("chain", 0)):  # chain/c0.toml extends c1.toml ... the last, OFSTED
        (folder / "chain").mkdir(exist_ok=True)
        parent = f"c{number + 1}.toml" if number + 1 < case["chain"] else OFSTED
        (folder / "chain" / f"c{number}.toml").write_text(
            f'extends = "{parent}"\nid = "c{number}"\n', encoding="utf-8"
        )
    for name, source in case.get("copies", {}).items():
        shutil.copy(folder / source, folder / name)
    for name, target in case.get("symlinks", {}).items():
        (folder / name).symlink_to(target)
    for name in case.get("fifos", []):
        os.mkfifo(folder / name)


def tree(folder: Path) -> dict[str, bytes | str]:
    """Every entry under *folder*: a file's bytes, else what kind of entry it is."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = f"link to {os.readlink(path)}"
        elif path.is_file():
            found[key] = path.read_bytes()
        else:
            found[key] = "directory" if path.is_dir() else "special"
    return found


class TestHostileCorpus:
    @pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
    def test_case(
        self,
        case: dict[str, Any],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """The case exits with its code and golden stderr, and changes only what it may."""
        if "requires" in case and not Path(case["requires"]).exists():
            pytest.skip(f"needs {case['requires']}")
        if case.get("fifos") and not hasattr(os, "mkfifo"):
            pytest.skip("needs FIFOs")
        lay_out(tmp_path, case)
        monkeypatch.chdir(tmp_path)
        stdin = bytes.fromhex(case["stdin_hex"]) if "stdin_hex" in case else None
        set_stdin(monkeypatch, stdin if stdin is not None else case.get("stdin", "").encode())
        for name, value in case.get("env", {}).items():
            monkeypatch.setenv(name, value)
        before = tree(tmp_path)
        argv = [expand(arg.replace("@BIG@", BIG_NUMBER)) for arg in case["argv"]]
        code = main(argv)
        captured = capsys.readouterr()
        after = tree(tmp_path)
        stderr = captured.err.replace(str(tmp_path), "<work>")
        assert "Traceback" not in stderr
        assert not CONTROLS.search(stderr), repr(stderr)
        assert_golden(HOSTILE / f"{case['name']}.stderr", stderr)
        assert code == case["exit"], stderr
        changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
        assert changed <= set(case.get("changes", [])), changed
        if "stdout" in case:
            assert captured.out.startswith(case["stdout"])
        for needle in case.get("stdout_has", []):
            assert needle in captured.out, needle
        for needle in case.get("stdout_lacks", []):
            assert needle not in captured.out, needle

    def test_every_golden_file_has_a_case(self) -> None:
        """No golden stderr is left over from a case that was removed or renamed."""
        names = {case["name"] for case in CASES}
        assert {path.stem for path in HOSTILE.glob("*.stderr")} == names
        assert len(names) == len(CASES)


# ---- the property: -o writes exactly what stdout gets, and no input changes -------------------

OFSTED_FRAMEWORK = load_framework(OFSTED)
UNITS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=24
).filter(str.strip)
# The command (with {old}, {new}, {member} for the files) and its formats. timeline writes through
# the same code as compare and group (cli._groups._emit), so it is left out to keep this fast.
RUNS = [
    (["assess", "{new}"], ["text", "markdown", "html", "json", "csv"]),
    (["compare", "{old}", "{new}"], ["markdown", "html", "json", "csv"]),
    (["group", "{new}", "{member}", "--unit", "Group"], ["markdown", "html", "json", "csv"]),
]


def run_quietly(argv: list[str]) -> tuple[int, str]:
    """Run the command line in-process; return its exit code and standard output."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue()


class TestOutputFileIsStdout:
    @settings(max_examples=4)  # each example runs 26 commands
    @given(
        old=documents(OFSTED_FRAMEWORK),
        new=documents(OFSTED_FRAMEWORK),
        unit=UNITS,
        days=st.integers(1, 400),
    )
    def test_every_format_written_with_o_is_byte_identical_to_stdout(
        self,
        old: tuple[dict[str, Any], dict[str, Any]],
        new: tuple[dict[str, Any], dict[str, Any]],
        unit: str,
        days: int,
    ) -> None:
        """For random valid evidence, -o FILE holds stdout's bytes; the inputs stay unchanged."""
        with tempfile.TemporaryDirectory() as folder:
            base = Path(folder)
            later = datetime.date(2026, 1, 1) + datetime.timedelta(days=days)
            documents_ = {
                "old": {**old[0], "unit": unit, "date": datetime.date(2026, 1, 1)},
                "new": {**new[0], "unit": unit, "date": later},
                "member": {**old[0], "unit": unit + " (member)"},
            }
            names = {key: str(base / f"{key}.toml") for key in documents_}
            for key, document in documents_.items():
                Path(names[key]).write_text(tomli_w.dumps(document), encoding="utf-8")
            (base / "out").mkdir()
            inputs = snapshot(base)
            for command, formats in RUNS:
                argv = [part.format(**names) for part in command]
                for fmt in formats:
                    target = base / "out" / f"report-{command[0]}-{fmt}"
                    code, stdout = run_quietly([*argv, "-f", fmt])
                    assert code == EXIT_OK
                    assert run_quietly([*argv, "-f", fmt, "-o", str(target)]) == (code, "")
                    assert target.read_bytes() == stdout.encode("utf-8"), (command, fmt)
            outputs = {name for name in snapshot(base) if name.startswith("out")}
            assert {name: data for name, data in snapshot(base).items() if name not in outputs} == (
                inputs
            )
