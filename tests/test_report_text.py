"""Groups, comparisons and timelines have a text format, pinned as golden files."""

from __future__ import annotations

from pathlib import Path

import pytest

import inspectkit
from golden_files import assert_golden
from inspectkit.cli import EXIT_OK, main
from inspectkit.results import Assessment
from test_group_golden import hillcrest_group, hillcrest_timeline

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden" / "text"


def _assess(name: str) -> Assessment:
    evidence = inspectkit.load_evidence(ROOT / "examples" / name)
    return inspectkit.assess(inspectkit.load_framework(evidence.framework), evidence)


def _reports() -> dict[str, object]:
    june, september = _assess("riverside-2026-06.toml"), _assess("riverside-nearly-good.toml")
    group = inspectkit.load_group(ROOT / "examples" / "groups" / "northfield.toml")
    return {
        "northfield-group": group.assess(),
        "northfield-pooled": group.assess(rule="pooled"),
        "riverside-progress": inspectkit.compare(june, september),
        "riverside-timeline": inspectkit.timeline([june, september]),
        "hillcrest-group": hillcrest_group(),  # frameworks with no overall grade
        "hillcrest-timeline": hillcrest_timeline(),
    }


REPORTS = _reports()


class TestGolden:
    @pytest.mark.parametrize("name", sorted(REPORTS))
    def test_text_matches_golden(self, name: str) -> None:
        """Each report's text is its golden file."""
        assert_golden(GOLDEN / f"{name}.txt", REPORTS[name].to_text())  # type: ignore[attr-defined]

    @pytest.mark.parametrize("name", sorted(REPORTS))
    def test_text_has_no_markup(self, name: str) -> None:
        """The text carries no Markdown: no table pipes, no bold, no headings."""
        text = REPORTS[name].to_text()  # type: ignore[attr-defined]
        assert "| " not in text
        assert "**" not in text
        assert not any(line.startswith("#") for line in text.splitlines())


class TestTimelineHeading:
    def test_one_run_is_singular(self) -> None:
        """A timeline of one run says "1 run", not "1 runs"."""
        text = inspectkit.timeline([_assess("riverside-2026-06.toml")]).to_text()
        assert ", 1 run, measured against" in text.splitlines()[0]


class TestWidth:
    @pytest.mark.parametrize("name", sorted(REPORTS))
    def test_narrow_width_fits(self, name: str) -> None:
        """At 60 columns no line is longer, but for one long word; tables become lists."""
        text = REPORTS[name].to_text(width=60)  # type: ignore[attr-defined]
        for line in text.splitlines():
            assert len(line) <= 60 or len(line.split()) == 1


class TestCommands:
    @pytest.mark.parametrize(
        "argv",
        [
            ["group", "examples/groups/northfield.toml"],
            ["compare", "examples/riverside-2026-06.toml", "examples/riverside-nearly-good.toml"],
            ["timeline", "examples/riverside-nearly-good.toml", "examples/riverside-2026-06.toml"],
        ],
    )
    def test_text_is_the_default(
        self, argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """group, compare and timeline print text by default, not raw Markdown."""
        monkeypatch.chdir(ROOT)
        assert main(argv) == EXIT_OK
        out = capsys.readouterr().out
        assert not out.startswith("#")
        assert "| " not in out

    def test_width_option(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """--width wraps the text of a comparison."""
        monkeypatch.chdir(ROOT)
        argv = ["compare", "examples/riverside-2026-06.toml", "examples/riverside-nearly-good.toml"]
        assert main([*argv, "--width", "50"]) == EXIT_OK
        assert max(len(line) for line in capsys.readouterr().out.splitlines()) <= 50
