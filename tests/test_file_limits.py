"""Reading input files through the API: regular files only, a size limit, ids never shadowed."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import inspectkit
from inspectkit import EvidenceError, FrameworkError, FrameworkNotFoundError
from inspectkit.errors import InspectkitError
from inspectkit.loading import DEFAULT_MAX_BYTES, TABLE_MAX_BYTES, read_limits
from inspectkit.loading._files import current_limits, read_table, size_limit

ROOT = Path(__file__).resolve().parents[1]
OFSTED = "ofsted_childrens_centres_2014"
FRAMEWORK_FILE = ROOT / "frameworks" / f"{OFSTED}.toml"
EXAMPLE = ROOT / "examples" / "riverside-nearly-good.toml"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


def codes(error: InspectkitError) -> list[tuple[str, str]]:
    """The (path, code) pairs of an error's issues."""
    return [(issue.path, issue.code) for issue in error.issues]


def refused(load: Callable[[], Any], error: type[InspectkitError]) -> list[tuple[str, str]]:
    """Run *load*, which must raise *error* at once (never block), and return its issues."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            load()
        except BaseException as caught:  # handed to the test thread
            outcome.append(caught)
        else:
            outcome.append(None)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(10)
    assert outcome, "the load blocked"
    assert isinstance(outcome[0], error), outcome[0]
    return codes(outcome[0])


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    """A FIFO no one writes to, named pipe.toml."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs FIFOs")
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    return path


class TestRegularFilesOnly:
    def test_framework_file_that_is_a_fifo(self, fifo: Path) -> None:
        """load_framework refuses a FIFO without reading it."""
        assert refused(lambda: inspectkit.load_framework(fifo), FrameworkError) == [
            ("", "not-a-file")
        ]

    def test_evidence_file_that_is_a_fifo(self, fifo: Path) -> None:
        """load_evidence refuses a FIFO without reading it."""
        assert refused(lambda: inspectkit.load_evidence(fifo), EvidenceError) == [
            ("", "not-a-file")
        ]

    def test_group_file_that_is_a_fifo(self, fifo: Path) -> None:
        """load_group refuses a FIFO without reading it."""
        assert refused(lambda: inspectkit.load_group(fifo), EvidenceError) == [("", "not-a-file")]

    def test_table_that_is_a_fifo(self, fifo: Path) -> None:
        """load_evidence_table refuses a FIFO without reading it."""
        assert refused(lambda: inspectkit.load_evidence_table(fifo, OFSTED), EvidenceError) == [
            ("", "not-a-file")
        ]

    def test_extends_a_fifo(self, fifo: Path) -> None:
        """A framework whose extends names a FIFO is refused at its extends key."""
        child = fifo.parent / "child.toml"
        child.write_text('extends = "pipe.toml"\nid = "child"\n', encoding="utf-8")
        assert refused(lambda: inspectkit.load_framework(child), FrameworkError) == [
            ("extends", "not-a-file")
        ]

    def test_evidence_names_a_fifo_as_its_framework(self, fifo: Path) -> None:
        """Evidence whose framework key names a FIFO is refused without reading it."""
        evidence = fifo.parent / "ev.toml"
        evidence.write_text('framework = "pipe.toml"\nunit = "X"\n', encoding="utf-8")
        assert refused(lambda: inspectkit.load_evidence(evidence), FrameworkError) == [
            ("", "not-a-file")
        ]

    def test_group_member_that_is_a_fifo(self, fifo: Path) -> None:
        """A group member that is a FIFO is refused at its place in the members array."""
        group = fifo.parent / "group.toml"
        group.write_text(
            f'framework = "{OFSTED}"\nunit = "G"\nmembers = ["pipe.toml"]\n', encoding="utf-8"
        )
        assert refused(lambda: inspectkit.load_group(group), EvidenceError) == [
            ("members[0]", "not-a-file")
        ]

    @pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
    def test_a_device_is_not_read(self) -> None:
        """/dev/zero as evidence is refused, not read until memory runs out."""
        assert refused(lambda: inspectkit.load_evidence("/dev/zero"), EvidenceError) == [
            ("", "not-a-file")
        ]

    def test_a_directory_is_unreadable(self, tmp_path: Path) -> None:
        """A directory given as a framework file is an unreadable file."""
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_framework(tmp_path)
        assert codes(caught.value) == [("", "unreadable")]


class TestSizeLimit:
    def test_the_default_limit_is_8_mib(self) -> None:
        """Outside any read_limits block, files up to 8 MiB are read."""
        assert DEFAULT_MAX_BYTES == 8 * 1024 * 1024
        assert current_limits().max_bytes == DEFAULT_MAX_BYTES

    def test_a_file_over_the_default_limit_is_refused(self, tmp_path: Path) -> None:
        """A file one byte over 8 MiB is too large and is not read."""
        path = tmp_path / "huge.toml"
        with path.open("wb") as stream:
            stream.truncate(DEFAULT_MAX_BYTES + 1)
        with pytest.raises(EvidenceError) as caught:
            inspectkit.load_evidence(path)
        assert codes(caught.value) == [("", "too-large")]
        assert "8 MiB" in caught.value.issues[0].message

    def test_max_bytes_lowers_the_limit(self) -> None:
        """load_framework(max_bytes=N) refuses a file longer than N bytes."""
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_framework(FRAMEWORK_FILE, max_bytes=1000)
        assert codes(caught.value) == [("", "too-large")]

    def test_max_bytes_raises_the_limit(self, tmp_path: Path) -> None:
        """A file over the default limit is read when max_bytes allows it."""
        path = tmp_path / "long.toml"
        padding = "#" * (DEFAULT_MAX_BYTES + 10) + "\n"
        path.write_text(padding + FRAMEWORK_FILE.read_text(encoding="utf-8"), encoding="utf-8")
        framework = inspectkit.load_framework(path, max_bytes=2 * DEFAULT_MAX_BYTES)
        assert framework.id == OFSTED

    def test_the_limit_reaches_the_framework_an_evidence_file_names(self, tmp_path: Path) -> None:
        """load_evidence's max_bytes also limits the framework file it names."""
        shutil.copy(FRAMEWORK_FILE, tmp_path / "fw.toml")
        evidence = tmp_path / "ev.toml"
        evidence.write_text('framework = "fw.toml"\nunit = "X"\n', encoding="utf-8")
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_evidence(evidence, max_bytes=1000)
        assert codes(caught.value) == [("", "too-large")]

    def test_the_limit_reaches_group_members(self, tmp_path: Path) -> None:
        """load_group's max_bytes also limits its member files."""
        shutil.copy(EXAMPLE, tmp_path / "member.toml")
        group = tmp_path / "group.toml"
        group.write_text(
            f'framework = "{OFSTED}"\nunit = "G"\nmembers = ["member.toml"]\n', encoding="utf-8"
        )
        with pytest.raises(EvidenceError) as caught:
            inspectkit.load_group(group, framework=inspectkit.load_framework(OFSTED), max_bytes=200)
        assert codes(caught.value) == [("members[0]", "too-large")]

    def test_the_limit_reaches_a_table(self, tmp_path: Path) -> None:
        """load_evidence_table's max_bytes limits the CSV."""
        path = tmp_path / "t.csv"
        path.write_text("unit\n" + "Centre\n" * 100, encoding="utf-8")
        with pytest.raises(EvidenceError) as caught:
            inspectkit.load_evidence_table(path, inspectkit.load_framework(OFSTED), max_bytes=50)
        assert codes(caught.value) == [("", "too-large")]

    def test_read_limits_applies_inside_the_block_only(self) -> None:
        """read_limits sets the limit for the block and restores it afterwards."""
        with read_limits(max_bytes=1000) as limits:
            assert limits.max_bytes == 1000
            with pytest.raises(FrameworkError):
                inspectkit.load_framework(FRAMEWORK_FILE)
        assert inspectkit.load_framework(FRAMEWORK_FILE).id == OFSTED

    def test_an_inner_block_keeps_what_it_does_not_set(self) -> None:
        """A nested read_limits without max_bytes keeps the outer block's limit."""
        with read_limits(max_bytes=1234), read_limits() as inner:
            assert inner.max_bytes == 1234

    @pytest.mark.parametrize("value", [0, -1, True, 1.5, "8MiB"])
    def test_max_bytes_must_be_a_positive_integer(self, value: object) -> None:
        """A max_bytes that is not a positive integer is a TypeError."""
        with pytest.raises(TypeError, match="max_bytes"):
            inspectkit.load_framework(OFSTED, max_bytes=value)  # type: ignore[arg-type]

    def test_bundled_frameworks_fit_well_inside_the_limit(self) -> None:
        """Every bundled framework is under a tenth of the default limit."""
        sizes = [path.stat().st_size for path in (ROOT / "frameworks").glob("*.toml")]
        assert sizes
        assert max(sizes) < DEFAULT_MAX_BYTES / 10


class TestBareIds:
    def test_a_local_file_never_shadows_a_bundled_id(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file in the working directory named like a bundled id is not loaded for the id."""
        (tmp_path / OFSTED).write_text('id = "impostor"\n', encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        assert inspectkit.load_framework(OFSTED).id == OFSTED

    def test_a_bare_name_is_an_id_even_when_a_file_has_it(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A bare name that is no id is not found, with a hint to write ./NAME for the file."""
        shutil.copy(FRAMEWORK_FILE, tmp_path / "mine")
        monkeypatch.chdir(tmp_path)
        with pytest.raises(FrameworkNotFoundError, match=r"write \./mine"):
            inspectkit.load_framework("mine")
        assert inspectkit.load_framework("./mine").id == OFSTED

    def test_an_id_with_a_trailing_newline_is_not_an_id(self) -> None:
        """An id followed by a newline is a bad-id: ids match whole strings."""
        source = FRAMEWORK_FILE.read_text(encoding="utf-8").replace(
            f'id = "{OFSTED}"', f'id = "{OFSTED}\\n"', 1
        )
        with pytest.raises(FrameworkError) as caught:
            inspectkit.loads_framework(source)
        assert ("id", "bad-id") in codes(caught.value)

    def test_an_id_with_a_trailing_newline_is_not_found(self) -> None:
        """load_framework does not find a bundled framework by its id and a newline."""
        with pytest.raises(FrameworkNotFoundError):
            inspectkit.load_framework(OFSTED + "\n")


class TestPathsStayInTheTree:
    def layout(self, tmp_path: Path) -> Path:
        """shared/national.toml (a framework) beside local/, and return local/."""
        (tmp_path / "shared").mkdir()
        shutil.copy(FRAMEWORK_FILE, tmp_path / "shared" / "national.toml")
        shutil.copy(EXAMPLE, tmp_path / "shared" / "member.toml")
        (tmp_path / "local").mkdir()
        return tmp_path / "local"

    def test_extends_out_of_the_folder_is_not_read(self, tmp_path: Path) -> None:
        """An extends path leading out of the variant's folder is path-outside."""
        local = self.layout(tmp_path)
        (local / "v.toml").write_text(
            'extends = "../shared/national.toml"\nid = "v"\n', encoding="utf-8"
        )
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_framework(local / "v.toml")
        assert codes(caught.value) == [("extends", "path-outside")]

    def test_allow_outside_lets_extends_leave_the_folder(self, tmp_path: Path) -> None:
        """load_framework(allow_outside=DIR) reads a parent in DIR."""
        local = self.layout(tmp_path)
        (local / "v.toml").write_text(
            'extends = "../shared/national.toml"\nid = "v"\n', encoding="utf-8"
        )
        framework = inspectkit.load_framework(local / "v.toml", allow_outside=tmp_path / "shared")
        assert framework.lineage == (OFSTED,)

    def test_extends_below_the_folder_is_read(self, tmp_path: Path) -> None:
        """A parent in a folder below the variant's is inside the tree."""
        (tmp_path / "parents").mkdir()
        shutil.copy(FRAMEWORK_FILE, tmp_path / "parents" / "national.toml")
        (tmp_path / "v.toml").write_text(
            'extends = "parents/national.toml"\nid = "v"\n', encoding="utf-8"
        )
        assert inspectkit.load_framework(tmp_path / "v.toml").id == "v"

    def test_a_link_out_of_the_folder_is_not_followed(self, tmp_path: Path) -> None:
        """A symbolic link inside the folder that points out of it is path-outside."""
        local = self.layout(tmp_path)
        (local / "parent.toml").symlink_to(tmp_path / "shared" / "national.toml")
        (local / "v.toml").write_text('extends = "parent.toml"\nid = "v"\n', encoding="utf-8")
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_framework(local / "v.toml")
        assert codes(caught.value) == [("extends", "path-outside")]

    def test_a_secret_outside_is_never_echoed(self, tmp_path: Path) -> None:
        """The error names the reference only: nothing of the outside file is read or shown."""
        secret = tmp_path / "secret.toml"
        secret.write_text('token = "hunter2"\n', encoding="utf-8")
        local = self.layout(tmp_path)
        (local / "v.toml").write_text(f'extends = "{secret}"\nid = "v"\n', encoding="utf-8")
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_framework(local / "v.toml")
        assert "hunter2" not in str(caught.value)
        assert "token" not in str(caught.value)

    def test_group_members_out_of_the_folder_are_not_read(self, tmp_path: Path) -> None:
        """A member path leading out of the group file's folder is path-outside."""
        local = self.layout(tmp_path)
        group = local / "g.toml"
        group.write_text(
            f'framework = "{OFSTED}"\nunit = "G"\nmembers = ["../shared/member.toml"]\n',
            encoding="utf-8",
        )
        with pytest.raises(EvidenceError) as caught:
            inspectkit.load_group(group)
        assert codes(caught.value) == [("members[0]", "path-outside")]
        allowed = inspectkit.load_group(group, allow_outside=[tmp_path / "shared"])
        assert len(allowed.members) == 1

    def test_read_limits_allows_for_a_whole_block(self, tmp_path: Path) -> None:
        """Inside read_limits(allow_outside=...), every load may read that folder."""
        local = self.layout(tmp_path)
        (local / "v.toml").write_text(
            'extends = "../shared/national.toml"\nid = "v"\n', encoding="utf-8"
        )
        with read_limits(allow_outside=str(tmp_path / "shared")) as limits:
            assert inspectkit.load_framework(local / "v.toml").id == "v"
        assert limits.allow_outside == (os.path.realpath(tmp_path / "shared"),)
        with pytest.raises(FrameworkError):
            inspectkit.load_framework(local / "v.toml")

    def test_an_outside_framework_that_is_not_one_is_not_echoed(self, tmp_path: Path) -> None:
        """Evidence naming an invalid framework outside its folder gets one issue, no content."""
        (tmp_path / "secret.toml").write_text('token = "hunter2"\n', encoding="utf-8")
        local = self.layout(tmp_path)
        (local / "ev.toml").write_text(
            'framework = "../secret.toml"\nunit = "X"\n', encoding="utf-8"
        )
        with pytest.raises(EvidenceError) as caught:
            inspectkit.load_evidence(local / "ev.toml")
        assert codes(caught.value) == [("framework", "invalid-framework")]
        assert "hunter2" not in str(caught.value)
        assert "token" not in str(caught.value)

    def test_an_invalid_framework_in_the_folder_lists_its_problems(self, tmp_path: Path) -> None:
        """A framework file in the evidence file's own folder keeps its full report."""
        (tmp_path / "mine.toml").write_text('id = "mine"\n', encoding="utf-8")
        (tmp_path / "ev.toml").write_text('framework = "mine.toml"\nunit = "X"\n', encoding="utf-8")
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_evidence(tmp_path / "ev.toml")
        assert ("", "missing-key") in codes(caught.value)

    @pytest.mark.parametrize("value", [42, b"/tmp", [1]])
    def test_allow_outside_takes_paths(self, value: object) -> None:
        """allow_outside that is not a path or paths is a TypeError."""
        with pytest.raises(TypeError, match="allow_outside"):
            inspectkit.load_framework(OFSTED, allow_outside=value)  # type: ignore[arg-type]


class TestTableLimit:
    def test_a_table_over_the_file_limit_is_read(self, tmp_path: Path) -> None:
        """A CSV larger than the 8 MiB file limit (a national table) is read by default."""
        path = tmp_path / "national.csv"
        row = "Centre " + "x" * 1000 + "\n"
        path.write_text("unit\n" + row * (DEFAULT_MAX_BYTES // len(row) + 10), encoding="utf-8")
        assert path.stat().st_size > DEFAULT_MAX_BYTES
        table = read_table(os.fspath(path), "the table", "the table")
        assert len(table.rows) == DEFAULT_MAX_BYTES // len(row) + 10

    def test_the_table_limit_is_larger_than_the_file_limit(self) -> None:
        """Tables are allowed TABLE_MAX_BYTES, other files DEFAULT_MAX_BYTES."""
        assert size_limit(table=True) == TABLE_MAX_BYTES > DEFAULT_MAX_BYTES == size_limit()

    def test_a_table_over_the_table_limit_is_refused(self, tmp_path: Path) -> None:
        """A table larger than the table limit is refused, not read."""
        path = tmp_path / "t.csv"
        path.write_text("unit\n" + "Centre\n" * 100, encoding="utf-8")
        with read_limits(max_bytes=50), pytest.raises(EvidenceError) as caught:
            read_table(os.fspath(path), "the table", "the table")
        assert codes(caught.value) == [("", "too-large")]

    def test_setting_max_bytes_sets_the_table_limit_too(self) -> None:
        """A caller's max_bytes, larger or smaller, holds for tables as for every file."""
        with read_limits(max_bytes=1000):
            assert size_limit(table=True) == 1000
        with read_limits(max_bytes=2 * TABLE_MAX_BYTES):
            assert size_limit(table=True) == 2 * TABLE_MAX_BYTES
