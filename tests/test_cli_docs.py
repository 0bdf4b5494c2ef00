"""Tests for the bundled user guides and ``inspectkit docs``: every page a hint names is there."""

from __future__ import annotations

import argparse
import re
from importlib.resources import files
from pathlib import Path

import pytest
import tomli
from hypothesis import given
from hypothesis import strategies as st

from inspectkit.cli import EXIT_OK, EXIT_USAGE, build_parser, main
from inspectkit.cli._docs import NOT_BUNDLED, _spellings, docs_dir, find_page, pages, summary
from inspectkit.cli._output import CommandError

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "inspectkit"
CONFIG = tomli.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
FORCED = CONFIG["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
LISTED = {
    source.removeprefix("docs/").removesuffix(".md")
    for source in FORCED
    if source.startswith("docs/")
}
NAMED = re.compile(r"inspectkit docs ([a-z0-9/_-]+)")
FILE_NAME = re.compile(r"docs/[\w/-]+\.md")


def named_pages(text: str) -> set[str]:
    """Return every page that ``inspectkit docs PAGE`` in *text* names."""
    return {name.rstrip("-") for name in NAMED.findall(text)}


class TestBundle:
    def test_the_wheel_lists_every_user_guide(self) -> None:
        """pyproject.toml force-includes each page of docs/ but the ones left out on purpose."""
        guides = {
            str(path.relative_to(ROOT / "docs").with_suffix(""))
            for path in [*(ROOT / "docs").glob("*.md"), *(ROOT / "docs").glob("frameworks/*.md")]
        }
        assert guides - NOT_BUNDLED == LISTED

    def test_each_page_is_placed_under_inspectkit_docs(self) -> None:
        """Every bundled page lands at inspectkit/docs/ under its own path."""
        for source, target in FORCED.items():
            if source.startswith("docs/"):
                assert target == f"inspectkit/{source}"

    def test_the_command_finds_the_pages_the_wheel_lists(self) -> None:
        """The pages found (in the installed package, or the checkout's docs/) are those listed."""
        assert set(pages()) == LISTED

    def test_an_installed_package_carries_its_pages(self) -> None:
        """Where the package carries its frameworks (a wheel), it carries every page as well."""
        package = files("inspectkit")
        if not package.joinpath("frameworks").is_dir():
            pytest.skip("a source checkout: the package has no bundled files of its own")
        for name in LISTED:
            page = package.joinpath("docs", f"{name}.md")
            assert page.is_file(), name
            assert page.read_text(encoding="utf-8").startswith("# ")

    def test_pages_link_only_to_pages_that_are_bundled(self) -> None:
        """Every relative link to a .md file in a bundled page names another bundled page."""
        found = pages()
        for name, path in found.items():
            for target in re.findall(r"\]\(([^)#:]+\.md)(?:#[^)]*)?\)", path.read_text("utf-8")):
                linked = (path.parent / target).resolve()
                assert linked in {page.resolve() for page in found.values()}, (name, target)

    def test_every_page_has_a_title(self) -> None:
        """Each page starts with the heading the list shows as its summary."""
        for path in pages().values():
            assert summary(path)
            assert path.read_text(encoding="utf-8").startswith(f"# {summary(path)}\n")


class TestHintsNamePages:
    def test_the_source_names_no_docs_folder_file(self) -> None:
        """No hint, template line or docstring sends a user to a docs/X.md file they lack."""
        for path in SOURCE.rglob("*.py"):
            if path.name == "_docs.py":  # it reads that spelling as a page name
                continue
            assert FILE_NAME.findall(path.read_text(encoding="utf-8")) == [], path

    def test_every_page_the_source_names_exists(self) -> None:
        """Each ``inspectkit docs PAGE`` in the package's source finds a bundled page."""
        named = set()
        for path in SOURCE.rglob("*.py"):
            named |= named_pages(path.read_text(encoding="utf-8"))
        assert {"recording-findings", "evidence-format", "framework-format"} <= named
        for name in named:
            assert find_page(name).is_file(), name

    def test_every_page_the_goldens_name_exists(self) -> None:
        """Each ``inspectkit docs PAGE`` in an expected error or report finds a bundled page."""
        named = set()
        for path in (ROOT / "tests").rglob("*.txt"):
            named |= named_pages(path.read_text(encoding="utf-8"))
        assert "recording-findings" in named
        for name in named:
            assert find_page(name).is_file(), name

    def test_every_command_the_source_names_exists(self) -> None:
        """Each `inspectkit COMMAND` a hint or docstring quotes is a command of the CLI."""
        parser = build_parser()
        known = {
            name
            for action in parser._actions
            if isinstance(action, argparse._SubParsersAction)
            for name in action.choices
        }
        named = set()
        for path in SOURCE.rglob("*.py"):
            named |= set(re.findall(r"`inspectkit ([a-z]+)\b", path.read_text(encoding="utf-8")))
        assert {"docs", "template", "list"} <= named
        assert named <= known, named - known


class TestDocsCommand:
    def test_without_a_page_it_lists_every_page_with_its_title(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The list has one line per page: its name, then its first heading."""
        assert main(["docs"]) == EXIT_OK
        out = capsys.readouterr().out
        for name, path in pages().items():
            assert re.search(rf"^  {re.escape(name)} +{re.escape(summary(path))}$", out, re.M)

    def test_a_page_prints_its_markdown(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Naming a page prints the page exactly."""
        assert main(["docs", "evidence-format"]) == EXIT_OK
        expected = (docs_dir() / "evidence-format.md").read_text(encoding="utf-8")
        assert capsys.readouterr().out == expected

    def test_path_prints_where_the_page_is(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--path prints the installed file of the page, which exists."""
        assert main(["docs", "recording-findings", "--path"]) == EXIT_OK
        printed = Path(capsys.readouterr().out.rstrip("\n"))
        assert printed == pages()["recording-findings"]
        assert printed.is_file()

    def test_path_without_a_page_prints_the_folder(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--path alone prints the folder that holds the pages."""
        assert main(["docs", "--path"]) == EXIT_OK
        assert Path(capsys.readouterr().out.rstrip("\n")) == docs_dir()

    @pytest.mark.parametrize(
        ("written", "page"),
        [
            ("docs/evidence-format.md", "evidence-format"),
            ("evidence-format.md", "evidence-format"),
            ("frameworks/ofsted-ilacs-2023", "frameworks/ofsted-ilacs-2023"),
            ("ofsted_ilacs_2023", "frameworks/ofsted-ilacs-2023"),
            ("docs/frameworks/ofsted-schools-2026.md", "frameworks/ofsted-schools-2026"),
        ],
    )
    def test_a_file_name_or_framework_id_finds_the_page(self, written: str, page: str) -> None:
        """A page is found by its file's name under docs/ and a framework's page by its id."""
        assert find_page(written) == pages()[page]

    def test_a_misspelt_page_exits_2_with_the_closest_page(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A near miss is a usage error that names the page meant."""
        assert main(["docs", "evidnce-format"]) == EXIT_USAGE
        err = capsys.readouterr().err
        assert "no page 'evidnce-format'; did you mean 'evidence-format'?" in err

    def test_a_framework_page_is_suggested_by_its_full_name(self) -> None:
        """A near miss of a framework's page names it with its frameworks/ prefix."""
        with pytest.raises(CommandError, match=r"did you mean 'frameworks/ofsted-ilacs-20"):
            find_page("ofsted-ilac-2023")

    def test_an_unrelated_word_gets_no_hint(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A word like no page is refused without a guess, pointing to the list."""
        assert main(["docs", "xyzzy"]) == EXIT_USAGE
        err = capsys.readouterr().err
        assert "did you mean" not in err
        assert "'inspectkit docs' lists the pages" in err

    @given(st.text(min_size=1, max_size=40))
    def test_a_hint_only_ever_names_a_page(self, name: str) -> None:
        """Whatever is typed, a suggestion in the refusal is a real page name."""
        if any(spelling in pages() for spelling in _spellings(name)):
            return
        with pytest.raises(CommandError) as refused:
            find_page(name)
        assert refused.value.code == EXIT_USAGE
        suggested = re.findall(r"did you mean '([^']*)'\?", refused.value.message)
        assert set(suggested) <= set(pages())

    def test_completion_offers_the_page_names(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The bash completion script completes PAGE with every page name."""
        assert main(["completion", "bash"]) == EXIT_OK
        script = capsys.readouterr().out
        line = next(line for line in script.splitlines() if "_docs_pos_0_choices=" in line)
        assert set(line.split("=(", 1)[1].rstrip(")").split()) == set(pages())
