"""Text output wraps to the terminal's width, and only where a reader asked for it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspectkit.cli import EXIT_OK, main
from inspectkit.cli._output import text_width
from inspectkit.render.text import wrap_lines

ROOT = Path(__file__).parent.parent
RIVERSIDE = str(ROOT / "examples" / "riverside-nearly-good.toml")


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


class TestTextWidth:
    def test_a_pipe_is_not_wrapped(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Output that is not a terminal, with no COLUMNS, is left unwrapped."""
        monkeypatch.delenv("COLUMNS", raising=False)
        assert text_width(None, io.StringIO()) is None

    def test_a_terminal_wraps_at_its_width(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A terminal wraps at the width COLUMNS gives it."""
        monkeypatch.setenv("COLUMNS", "72")
        assert text_width(None, _Tty()) == 72

    def test_columns_asks_for_wrapping_anywhere(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """COLUMNS set explicitly wraps even output that is not a terminal."""
        monkeypatch.setenv("COLUMNS", "60")
        assert text_width(None, None) == 60

    def test_width_option_decides(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """--width N wins over the terminal, and 0 never wraps."""
        monkeypatch.setenv("COLUMNS", "60")
        assert text_width(90, _Tty()) == 90
        assert text_width(0, _Tty()) is None

    def test_a_tiny_terminal_still_gets_twenty_columns(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A terminal narrower than twenty columns wraps at twenty, so words still fit."""
        monkeypatch.setenv("COLUMNS", "5")
        assert text_width(None, _Tty()) == 20


class TestWrapLines:
    def test_list_items_continue_under_their_text(self) -> None:
        """A wrapped list item continues under its text, not its marker."""
        lines = wrap_lines(["  - " + "word " * 12], 30)
        assert all(line.startswith("    ") for line in lines[1:])
        assert lines[0].startswith("  - word")

    def test_no_width_keeps_lines(self) -> None:
        """Without a width, lines are as they were."""
        assert wrap_lines(["x" * 300], None) == ["x" * 300]

    @given(st.lists(st.text(alphabet="ab -.", max_size=120), max_size=5), st.integers(20, 80))
    def test_wrapping_keeps_every_word(self, lines: list[str], width: int) -> None:
        """Wrapping changes only where lines break: every word survives, in order."""
        wrapped = wrap_lines(lines, width)
        assert " ".join(wrapped).split() == " ".join(lines).split()

    @given(st.lists(st.text(alphabet="ab ", max_size=200), max_size=5), st.integers(20, 80))
    def test_no_line_is_longer_than_the_width_unless_one_word_is(
        self, lines: list[str], width: int
    ) -> None:
        """Each wrapped line fits the width, except a single word longer than it."""
        for line in wrap_lines(lines, width):
            assert len(line) <= width or len(line.split()) == 1


class TestCommandLine:
    def test_width_wraps_the_report(self, capsys: pytest.CaptureFixture[str]) -> None:
        """assess --width 60 writes no line longer than 60 but for one long word."""
        assert main(["assess", RIVERSIDE, "--width", "60"]) == EXIT_OK
        for line in capsys.readouterr().out.splitlines():
            assert len(line) <= 60 or len(line.split()) == 1

    def test_a_pipe_gets_whole_lines(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without --width or COLUMNS, captured (not a terminal) output keeps whole lines."""
        monkeypatch.delenv("COLUMNS", raising=False)
        assert main(["assess", RIVERSIDE]) == EXIT_OK
        assert max(len(line) for line in capsys.readouterr().out.splitlines()) > 120
