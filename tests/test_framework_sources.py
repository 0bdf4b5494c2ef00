"""Where frameworks come from: `extends` variants, bundled files and installed entry points."""

from __future__ import annotations

from pathlib import Path

import pytest

import inspectkit
from inspectkit import FrameworkError, FrameworkNotFoundError
from inspectkit.loading import ENTRY_POINT_GROUP
from test_framework_loading import docs_example

PARENT_ID = "ofsted_childrens_centres_2014"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _codes(error: pytest.ExceptionInfo[FrameworkError]) -> list[str]:
    return [issue.code for issue in error.value.issues]


@pytest.fixture
def parent(tmp_path: Path) -> Path:
    return _write(tmp_path / "parent.toml", docs_example())


CHILD_HEAD = """extends = "parent.toml"
id = "example_local"
title = "Local variant"
version = "1.0-local"
"""


class TestExtends:
    def test_child_replaces_thresholds(self, tmp_path: Path, parent: Path) -> None:
        """Keys given for a criterion matched by id replace the parent's."""
        child = _write(
            tmp_path / "child.toml",
            CHILD_HEAD
            + """
[[judgements]]
id = "access"

[[judgements.criteria]]
id = "registration_rate"
thresholds = { outstanding = 0.95, good = 0.8, requires_improvement = 0.6 }
""",
        )
        framework = inspectkit.load_framework(child)
        assert framework.id == "example_local"
        good = framework.criterion("registration_rate").threshold("good")
        assert good is not None
        assert good.value == 0.8
        assert framework.criterion("registration_rate").title == (
            "Families with under-fives registered"
        )

    def test_child_adds_and_drops(self, tmp_path: Path, parent: Path) -> None:
        """New ids are added at the end and drop_* lists remove entries."""
        child = _write(
            tmp_path / "child.toml",
            CHILD_HEAD
            + """drop_caps = ["leadership_limits_overall"]

[[judgements]]
id = "access"
drop_criteria = ["gld_gap"]

[[judgements.criteria]]
id = "local_outreach_visits"
title = "Outreach visits to priority families"
measure = "check"
provenance = { basis = "modelled" }
""",
        )
        framework = inspectkit.load_framework(child)
        ids = [c.id for c in framework.judgement("access").criteria]
        assert ids == ["registration_rate", "local_outreach_visits"]
        assert [cap.id for cap in framework.caps] == ["supervision_limits_leadership"]

    def test_bundled_parent_by_id(self) -> None:
        """A child may name a bundled framework by id."""
        text = f'extends = "{PARENT_ID}"\nid = "local"\ntitle = "Local"\nversion = "1"\n'
        framework = inspectkit.loads_framework(text)
        parent = inspectkit.load_framework(PARENT_ID)
        assert framework.judgements == parent.judgements
        assert framework.id == "local"

    def test_merged_result_is_checked(self, tmp_path: Path, parent: Path) -> None:
        """An override that breaks the merged framework is reported."""
        child = _write(
            tmp_path / "child.toml",
            CHILD_HEAD
            + """
[[judgements]]
id = "access"

[[judgements.criteria]]
id = "registration_rate"
thresholds = { outstanding = 0.5, good = 0.8, requires_improvement = 0.6 }
""",
        )
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_framework(child)
        assert _codes(caught) == ["thresholds-out-of-order"]
        assert caught.value.issues[0].path == "judgements[0].criteria[0].thresholds.outstanding"
        assert caught.value.issues[0].line == 11

    def test_missing_parent_file(self, tmp_path: Path) -> None:
        """A parent path that does not exist is an extends-not-found error."""
        child = _write(tmp_path / "child.toml", CHILD_HEAD)
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_framework(child)
        assert _codes(caught) == ["extends-not-found"]
        assert caught.value.issues[0].path == "extends"

    def test_cycle_is_an_error(self, tmp_path: Path) -> None:
        """Two files that extend each other are an extends-cycle error."""
        _write(tmp_path / "a.toml", 'extends = "b.toml"\nid = "a"\ntitle = "A"\nversion = "1"\n')
        b = _write(
            tmp_path / "b.toml", 'extends = "a.toml"\nid = "b"\ntitle = "B"\nversion = "1"\n'
        )
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_framework(b)
        assert "extends-cycle" in _codes(caught)

    def test_self_extension_is_a_cycle(self, tmp_path: Path) -> None:
        """A file that extends itself is an extends-cycle error."""
        a = _write(
            tmp_path / "a.toml", 'extends = "a.toml"\nid = "a"\ntitle = "A"\nversion = "1"\n'
        )
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_framework(a)
        assert _codes(caught) == ["extends-cycle"]

    def test_unknown_drop(self, tmp_path: Path, parent: Path) -> None:
        """Dropping an id the parent does not have is reported at its path."""
        child = _write(tmp_path / "child.toml", CHILD_HEAD + 'drop_caps = ["no_such_cap"]\n')
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_framework(child)
        assert _codes(caught) == ["unknown-drop"]
        assert caught.value.issues[0].path == "drop_caps[0]"
        assert caught.value.issues[0].line == 5

    def test_invalid_parent_reports_the_parent(self, tmp_path: Path) -> None:
        """Problems in the parent are reported against the parent's file."""
        _write(tmp_path / "parent.toml", docs_example().replace("share = 0.5", "share = 2"))
        child = _write(tmp_path / "child.toml", CHILD_HEAD)
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_framework(child)
        assert caught.value.issues[0].file is not None
        assert caught.value.issues[0].file.endswith("parent.toml")


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake installed distribution offering one framework through the entry-point group."""
    site = tmp_path / "site"
    package = site / "council_rubrics" / "frameworks"
    package.mkdir(parents=True)
    (site / "council_rubrics" / "__init__.py").write_text("raise RuntimeError('imported!')\n")
    text = docs_example().replace('id = "example_centres"', 'id = "council_variant"', 1)
    _write(package / "council_variant.toml", text)
    info = site / "council_rubrics-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: council-rubrics\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        f"[{ENTRY_POINT_GROUP}]\ncouncil = council_rubrics:frameworks\n"
    )
    monkeypatch.syspath_prepend(str(site))
    return site


class TestRegistry:
    def test_lists_bundled(self) -> None:
        """list_frameworks includes the bundled frameworks with their titles."""
        infos = {info.id: info for info in inspectkit.list_frameworks()}
        assert infos[PARENT_ID].origin == "bundled"
        assert infos[PARENT_ID].title

    def test_every_bundled_framework_loads(self) -> None:
        """Every bundled framework loads by id, and its id matches its file name."""
        for info in inspectkit.list_frameworks():
            assert inspectkit.load_framework(info.id).id == info.id

    def test_installed_framework_is_listed(self, installed: Path) -> None:
        """A framework offered through the entry-point group is listed as installed."""
        infos = {info.id: info for info in inspectkit.list_frameworks()}
        assert infos["council_variant"].origin == "installed"

    def test_installed_framework_loads_without_running_code(self, installed: Path) -> None:
        """Loading an installed framework never imports the plug-in's package."""
        assert inspectkit.load_framework("council_variant").id == "council_variant"

    def test_id_must_match_file_name(self, installed: Path) -> None:
        """A file found by id whose own id differs is refused with id-mismatch."""
        folder = installed / "council_rubrics" / "frameworks"
        text = (folder / "council_variant.toml").read_text(encoding="utf-8")
        _write(folder / "renamed.toml", text)
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_framework("renamed")
        assert _codes(caught) == ["id-mismatch"]
        assert caught.value.issues[0].line == 1

    def test_unknown_id_suggests_a_close_one(self) -> None:
        """An unknown id suggests the closest known id."""
        with pytest.raises(FrameworkNotFoundError, match="did you mean"):
            inspectkit.load_framework("ofsted_childrens_centres_2013")

    def test_bad_argument_type(self) -> None:
        """Something that is neither an id nor a path raises FrameworkNotFoundError."""
        with pytest.raises(FrameworkNotFoundError):
            inspectkit.load_framework(42)  # type: ignore[arg-type]
