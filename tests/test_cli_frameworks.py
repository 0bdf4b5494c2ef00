"""The `list`, `show`, `check` and `schema` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from golden_files import assert_golden
from inspectkit.cli import main
from test_framework_loading import docs_example


@pytest.fixture
def example_file(tmp_path: Path) -> Path:
    path = tmp_path / "example.toml"
    path.write_text(docs_example(), encoding="utf-8")
    return path


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "bad.toml"
    text = docs_example().replace("share = 0.5", 'share = "0.5"')
    path.write_text(text.replace('method = "secure_fit"', 'method = "securefit"'), "utf-8")
    return path


class TestList:
    def test_lists_bundled_frameworks(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`list` prints each bundled framework with its origin and exits 0."""
        assert main(["list"]) == 0
        out = capsys.readouterr().out
        assert "ofsted_childrens_centres_2014" in out
        assert "bundled" in out


class TestShow:
    def test_shows_a_file(self, example_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """`show` prints the scale, criteria with thresholds and provenance, caps and rules."""
        assert main(["show", str(example_file)]) == 0
        out = capsys.readouterr().out
        assert "Example children's centre framework" in out
        assert "good: >= 0.65 [third_party; source consultancy" in out
        assert "supervision_limits_leadership: when supervision_checks_case_files is not met" in out
        assert "rule 1: Outstanding if none below good" in out

    def test_matches_golden_file(
        self, example_file: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`show` on the documented example prints exactly the golden text."""
        assert main(["show", str(example_file)]) == 0
        golden = Path(__file__).parent / "golden" / "show-example-framework.txt"
        assert_golden(golden, capsys.readouterr().out)

    def test_shows_a_bundled_id(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`show` accepts a bundled id."""
        assert main(["show", "ofsted_childrens_centres_2014"]) == 0
        assert "Scale (best first):" in capsys.readouterr().out

    def test_unknown_id_exits_1(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown id is bad input, reported on stderr."""
        assert main(["show", "ofsted_childrens_centres"]) == 1
        assert "did you mean" in capsys.readouterr().err


class TestCheck:
    def test_valid_files_exit_0(
        self, example_file: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Checking valid files exits 0 and says ok for each."""
        assert main(["check", str(example_file)]) == 0
        assert ": ok (example_centres 1.0" in capsys.readouterr().out

    def test_invalid_file_prints_every_problem(
        self, bad_file: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An invalid file exits 1 with each problem as file:line: path: message [code]."""
        assert main(["check", str(bad_file)]) == 1
        err = capsys.readouterr().err
        assert f"{bad_file}:59: judgements[0].aggregation.share: expected a number" in err
        assert "[wrong-type]" in err
        assert "[bad-value]" in err
        assert "  hint: did you mean 'secure_fit'?" in err

    def test_any_invalid_file_exits_1(
        self, example_file: Path, bad_file: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """One invalid file among valid ones makes the exit code 1, and all are checked."""
        assert main(["check", str(example_file), str(bad_file)]) == 1
        assert ": ok" in capsys.readouterr().out

    def test_missing_file_exits_1(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A file that does not exist is reported and exits 1."""
        assert main(["check", str(tmp_path / "absent.toml")]) == 1
        assert "absent.toml" in capsys.readouterr().err

    def test_no_files_is_usage(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`check` with no files is a usage error."""
        assert main(["check"]) == 2

    def test_bundled_frameworks_are_valid(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Every bundled framework file passes `check`."""
        from inspectkit.loading import list_frameworks

        paths = [str(info.path) for info in list_frameworks() if info.origin == "bundled"]
        assert paths
        assert main(["check", *paths]) == 0


class TestSchema:
    def test_prints_framework_schema(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`schema framework` prints the JSON Schema as JSON."""
        assert main(["schema", "framework"]) == 0
        schema = json.loads(capsys.readouterr().out)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    def test_unknown_schema_is_usage(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown schema name is a usage error."""
        assert main(["schema", "nothing"]) == 2
