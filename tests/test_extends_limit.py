"""A chain of extends is limited to MAX_EXTENDS ancestors however the framework is given."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import tomli

import inspectkit
from inspectkit import Framework, FrameworkError
from inspectkit.loading._framework import MAX_EXTENDS

OFSTED = "ofsted_childrens_centres_2014"


def chain(folder: Path, ancestors: int) -> str:
    """Write c1.toml ... each extending the next; return the text of c0, with *ancestors*."""
    for number in range(1, ancestors):
        parent = f"c{number + 1}.toml" if number + 1 < ancestors else OFSTED
        (folder / f"c{number}.toml").write_text(
            f'extends = "{parent}"\nid = "c{number}"\n', encoding="utf-8"
        )
    parent = "c1.toml" if ancestors > 1 else OFSTED
    text = f'extends = "{parent}"\nid = "c0"\n'
    (folder / "c0.toml").write_text(text, encoding="utf-8")
    return text


def from_file(folder: Path, text: str) -> Framework:
    """Load c0 from its file."""
    return inspectkit.load_framework(folder / "c0.toml")


def from_text(folder: Path, text: str) -> Framework:
    """Load c0 from its text."""
    return inspectkit.loads_framework(text)


def from_mapping(folder: Path, text: str) -> Framework:
    """Load c0 from the mapping its text parses to."""
    return inspectkit.parse_framework(tomli.loads(text))


LOADERS = pytest.mark.parametrize(
    "load", [from_file, from_text, from_mapping], ids=["file", "text", "mapping"]
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The chain's folder, made the working directory (text and mappings resolve from it)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


class TestExtendsLimit:
    @LOADERS
    def test_the_limit_loads(self, folder: Path, load: Callable[[Path, str], Framework]) -> None:
        """A framework with MAX_EXTENDS ancestors loads, listing them all."""
        framework = load(folder, chain(folder, MAX_EXTENDS))
        assert len(framework.lineage) == MAX_EXTENDS

    @LOADERS
    def test_one_more_is_refused(
        self, folder: Path, load: Callable[[Path, str], Framework]
    ) -> None:
        """A framework with MAX_EXTENDS + 1 ancestors is extends-too-deep."""
        with pytest.raises(FrameworkError) as caught:
            load(folder, chain(folder, MAX_EXTENDS + 1))
        assert [issue.code for issue in caught.value.issues] == ["extends-too-deep"]
        assert (
            f"({MAX_EXTENDS} read, as far as c{MAX_EXTENDS}.toml" in caught.value.issues[0].message
        )
