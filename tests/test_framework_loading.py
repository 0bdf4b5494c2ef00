"""Loading frameworks: the documented example, files, strings, mappings and bundled ids."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomli

import inspectkit
from inspectkit import FrameworkError, FrameworkNotFoundError
from inspectkit.rubric import Basis, Measure, Method

ROOT = Path(__file__).resolve().parents[1]
FORMAT_DOC = ROOT / "docs" / "framework-format.md"


def docs_example() -> str:
    """Return the first ```toml block of docs/framework-format.md."""
    text = FORMAT_DOC.read_text(encoding="utf-8")
    match = re.search(r"```toml\n(.*?)```", text, re.DOTALL)
    assert match is not None
    return match.group(1)


class TestDocsExample:
    def test_loads(self) -> None:
        """The complete example in the format documentation loads."""
        framework = inspectkit.loads_framework(docs_example())
        assert framework.id == "example_centres"
        assert [j.id for j in framework.judgements] == ["access", "leadership"]

    def test_thresholds_inherit_criterion_provenance(self) -> None:
        """A bare threshold number takes the criterion's provenance."""
        framework = inspectkit.loads_framework(docs_example())
        criterion = framework.criterion("registration_rate")
        good = criterion.threshold("good")
        assert good is not None
        assert good.provenance.basis is Basis.THIRD_PARTY
        ri = criterion.threshold("requires_improvement")
        assert ri is not None
        assert ri.provenance.basis is Basis.MODELLED

    def test_thresholds_are_best_first(self) -> None:
        """Thresholds are stored best grade first whatever order they were written in."""
        framework = inspectkit.loads_framework(docs_example())
        grades = [t.grade for t in framework.criterion("gld_gap").thresholds]
        assert grades == ["outstanding", "good", "requires_improvement"]

    def test_integers_become_floats(self) -> None:
        """An integer threshold or weight is accepted where a float is expected."""
        framework = inspectkit.loads_framework(docs_example())
        criterion = framework.criterion("gld_gap")
        assert criterion.thresholds[0].value == 5.0
        assert isinstance(criterion.thresholds[0].value, float)
        assert isinstance(framework.criterion("registration_rate").weight, float)

    def test_parse_framework_matches_loads(self) -> None:
        """Parsing the mapping TOML gives and loading the text give equal frameworks."""
        text = docs_example()
        assert inspectkit.parse_framework(tomli.loads(text)) == inspectkit.loads_framework(text)

    def test_measures_and_methods(self) -> None:
        """Measures and methods are read as their enums."""
        framework = inspectkit.loads_framework(docs_example())
        assert framework.criterion("supervision_checks_case_files").measure is Measure.CHECK
        assert framework.overall.method is Method.RULES


class TestLoadFramework:
    def test_loads_a_path(self, tmp_path: Path) -> None:
        """A Path loads the file at that path."""
        path = tmp_path / "mine.toml"
        path.write_text(docs_example(), encoding="utf-8")
        assert inspectkit.load_framework(path).id == "example_centres"

    def test_loads_a_path_string(self, tmp_path: Path) -> None:
        """A string ending in .toml is a path."""
        path = tmp_path / "mine.toml"
        path.write_text(docs_example(), encoding="utf-8")
        assert inspectkit.load_framework(str(path)).id == "example_centres"

    def test_missing_file_is_not_found(self, tmp_path: Path) -> None:
        """A path that does not exist raises FrameworkNotFoundError."""
        with pytest.raises(FrameworkNotFoundError):
            inspectkit.load_framework(tmp_path / "absent.toml")

    def test_directory_is_a_framework_error(self, tmp_path: Path) -> None:
        """A path that cannot be read as a file raises FrameworkError, not OSError."""
        folder = tmp_path / "dir.toml"
        folder.mkdir()
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_framework(folder)
        assert caught.value.issues[0].code == "unreadable"

    def test_errors_name_the_file(self, tmp_path: Path) -> None:
        """Issues from a file carry the file name and a line."""
        path = tmp_path / "bad.toml"
        path.write_text(docs_example().replace("share = 0.5", 'share = "0.5"'), "utf-8")
        with pytest.raises(FrameworkError) as caught:
            inspectkit.load_framework(path)
        (issue,) = caught.value.issues
        assert issue.file == str(path)
        assert issue.path == "judgements[0].aggregation.share"
        assert issue.code == "wrong-type"
        assert issue.line is not None

    def test_not_utf8_is_a_framework_error(self) -> None:
        """Bytes that are not UTF-8 raise FrameworkError with code not-utf8."""
        with pytest.raises(FrameworkError) as caught:
            inspectkit.loads_framework(b"id = '\xff'")
        assert caught.value.issues[0].code == "not-utf8"

    def test_unknown_id_suggests(self) -> None:
        """An unknown id raises FrameworkNotFoundError listing the known ids."""
        with pytest.raises(FrameworkNotFoundError, match="known ids"):
            inspectkit.load_framework("no_such_framework")
