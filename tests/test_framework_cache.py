"""A framework loaded by id is parsed once, and never returned stale or past a smaller limit."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import inspectkit
from inspectkit import FrameworkError
from inspectkit.loading import ENTRY_POINT_GROUP
from inspectkit.loading import _framework as loader
from test_framework_loading import docs_example

BUNDLED = "ofsted_childrens_centres_2014"
HOUR_AGO = time.time() - 3600
CHILD = 'id = "council_child"\nextends = "council_parent"\n'


def _old(path: Path, when: float = HOUR_AGO) -> Path:
    """Set *path*'s modification time to *when* (by default an hour ago), past the racy window."""
    os.utime(path, (when, when))
    return path


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The framework folder of a fake installed package: a parent, and a child extending it."""
    site = tmp_path / "site"
    folder = site / "council_rubrics" / "frameworks"
    folder.mkdir(parents=True)
    (site / "council_rubrics" / "__init__.py").write_text("")
    parent = docs_example().replace('id = "example_centres"', 'id = "council_parent"', 1)
    (folder / "council_parent.toml").write_text(parent, encoding="utf-8")
    (folder / "council_child.toml").write_text(CHILD, encoding="utf-8")
    for path in folder.iterdir():
        _old(path)
    info = site / "council_rubrics-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: council-rubrics\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        f"[{ENTRY_POINT_GROUP}]\ncouncil = council_rubrics:frameworks\n"
    )
    monkeypatch.syspath_prepend(str(site))
    return folder


def _retitle(path: Path, title: str, when: float) -> None:
    """Give the framework file at *path* a new title, dated *when*."""
    text = path.read_text(encoding="utf-8")
    start = text.index("\ntitle = ")
    end = text.index("\n", start + 1)
    path.write_text(text[:start] + f'\ntitle = "{title}"' + text[end:], encoding="utf-8")
    _old(path, when)


class TestSameFramework:
    def test_a_bundled_id_gives_the_same_framework(self) -> None:
        """Loading a bundled id again returns the very same immutable framework."""
        assert inspectkit.load_framework(BUNDLED) is inspectkit.load_framework(BUNDLED)

    def test_a_second_load_parses_nothing(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Once loaded, a bundled id is not parsed again while its file is unchanged."""
        first = inspectkit.load_framework(BUNDLED)

        def refuse(*args: object, **kwargs: object) -> None:
            raise AssertionError("parsed again")

        monkeypatch.setattr(loader, "parse_toml", refuse)
        assert inspectkit.load_framework(BUNDLED) is first

    def test_evidence_naming_the_framework_does_not_parse_it(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Evidence files that name a loaded bundled framework do not parse its file again."""
        inspectkit.load_framework(BUNDLED)

        def refuse(*args: object, **kwargs: object) -> None:
            raise AssertionError("parsed again")

        monkeypatch.setattr(loader, "parse_toml", refuse)
        examples = Path(__file__).resolve().parents[1] / "examples"
        for name in ("riverside-2026-06.toml", "riverside-nearly-good.toml"):
            assert inspectkit.load_evidence(examples / name).framework == BUNDLED


class TestLimits:
    def test_a_smaller_limit_still_refuses_the_file(self) -> None:
        """After a load, the same id under a smaller max_bytes is refused as too large."""
        inspectkit.load_framework(BUNDLED)
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_framework(BUNDLED, max_bytes=1000)
        assert [issue.code for issue in caught.value.issues] == ["too-large"]

    def test_a_refusal_leaves_the_cached_framework(self) -> None:
        """A refusal under a smaller limit does not replace what the default limit loaded."""
        first = inspectkit.load_framework(BUNDLED)
        with pytest.raises(FrameworkError):
            inspectkit.load_framework(BUNDLED, max_bytes=1000)
        assert inspectkit.load_framework(BUNDLED) is first

    def test_a_smaller_limit_reaches_the_parent(self, plugin: Path) -> None:
        """A child that fits a limit whose parent does not is refused, though both were loaded."""
        inspectkit.load_framework("council_child")
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_framework("council_child", max_bytes=len(CHILD) + 10)
        assert [issue.code for issue in caught.value.issues] == ["too-large"]


class TestNeverStale:
    def test_an_unchanged_installed_file_is_kept(self, plugin: Path) -> None:
        """An installed framework whose files have not changed is the same framework."""
        assert inspectkit.load_framework("council_child") is inspectkit.load_framework(
            "council_child"
        )

    def test_a_changed_file_is_read_again(self, plugin: Path) -> None:
        """A framework file changed since it was loaded is read again."""
        path = plugin / "council_parent.toml"
        before = inspectkit.load_framework("council_parent")
        _retitle(path, "Changed title", HOUR_AGO + 60)
        assert inspectkit.load_framework("council_parent").title == "Changed title"
        assert before.title != "Changed title"

    def test_a_changed_parent_is_read_again(self, plugin: Path) -> None:
        """A child whose parent changed since it was loaded is merged onto the new parent."""
        inspectkit.load_framework("council_child")
        _retitle(plugin / "council_parent.toml", "Changed parent", HOUR_AGO + 60)
        assert inspectkit.load_framework("council_child").title == "Changed parent"

    def test_a_file_broken_since_is_refused(self, plugin: Path) -> None:
        """A framework file that became invalid is refused, though it loaded before."""
        inspectkit.load_framework("council_parent")
        path = plugin / "council_parent.toml"
        path.write_text(path.read_text(encoding="utf-8") + "\nnot toml at all\n")
        _old(path, HOUR_AGO + 60)
        with pytest.raises(FrameworkError):
            inspectkit.load_framework("council_parent")

    def test_a_file_changed_just_now_is_not_kept(self, plugin: Path) -> None:
        """A file modified in the last moments is read on every load, since its time is coarse."""
        path = plugin / "council_parent.toml"
        _old(path, time.time())
        first = inspectkit.load_framework("council_parent")
        assert inspectkit.load_framework("council_parent") is not first

    def test_a_file_changed_during_the_read_is_not_kept(
        self, plugin: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file rewritten while it is read is not kept under the stat it had before."""
        path = plugin / "council_parent.toml"
        _retitle(path, "Title AAAA", HOUR_AGO)
        read = loader.load_file

        def rewritten_while_read(file: Path, **kwargs: tuple[str, ...]) -> object:
            _retitle(path, "Title BBBB", HOUR_AGO + 60)  # same size, another mtime
            return read(file, **kwargs)

        monkeypatch.setattr(loader, "load_file", rewritten_while_read)
        assert inspectkit.load_framework("council_parent").title == "Title BBBB"
        monkeypatch.setattr(loader, "load_file", read)
        _retitle(path, "Title AAAA", HOUR_AGO)  # back as it was: the first stat again
        assert inspectkit.load_framework("council_parent").title == "Title AAAA"
