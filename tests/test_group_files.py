"""Group evidence files, the framework's [group] table, and the group/compare/timeline commands.

Golden files: each case in ``invalid-groups/`` (a group file) and ``invalid-group-tables/`` (a
``[group]`` table appended to the documented example framework) gives exactly the issues in its
``.errors.txt``. Set ``INSPECTKIT_UPDATE_GOLDEN=1`` to rewrite them after a deliberate change.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import inspectkit
from golden_files import assert_golden
from inspectkit import EvidenceError, FrameworkError, loads_framework
from inspectkit.cli import main
from inspectkit.loading._group import loads_group
from inspectkit.rubric import Basis, Framework, GroupMethod

HERE = Path(__file__).parent
ROOT = HERE.parent


def _docs_example() -> str:
    text = (ROOT / "docs" / "framework-format.md").read_text(encoding="utf-8")
    match = re.search(r"```toml\n(.*?)```", text, re.DOTALL)
    assert match is not None
    return match.group(1)


def _check_golden(case: Path, got: str) -> None:
    assert_golden(case.with_suffix(".errors.txt"), got)


@pytest.mark.parametrize(
    "case", sorted((HERE / "invalid-groups").glob("*.toml")), ids=lambda path: path.stem
)
def test_invalid_group_file(case: Path, example_framework: Framework) -> None:
    """An invalid group file raises EvidenceError listing exactly the expected issues."""
    with pytest.raises(EvidenceError) as error:
        loads_group(case.read_bytes(), framework=example_framework, name=case.name)
    _check_golden(case, "\n".join(issue.format() for issue in error.value.issues) + "\n")


@pytest.mark.parametrize(
    "case", sorted((HERE / "invalid-group-tables").glob("*.toml")), ids=lambda path: path.stem
)
def test_invalid_group_table(case: Path) -> None:
    """An invalid [group] table raises FrameworkError listing exactly the expected issues."""
    text = _docs_example() + "\n" + case.read_text(encoding="utf-8")
    with pytest.raises(FrameworkError) as error:
        loads_framework(text, name=case.name)
    _check_golden(case, "\n".join(issue.format() for issue in error.value.issues) + "\n")


class TestGroupTable:
    def test_group_table_loads(self) -> None:
        """A [group] table becomes the framework's GroupRule with its spread and provenance."""
        text = _docs_example() + (
            '\n[group]\nrule = "best_fit"\nshare = 0.75\n'
            'provenance = { basis = "modelled" }\n'
            "[group.spread]\ngrades = 1\ncriteria = { registration_rate = 0.2, gld_gap = 5 }\n"
        )
        framework = loads_framework(text)
        assert framework.group is not None
        assert framework.group.rule is GroupMethod.BEST_FIT
        assert framework.group.share == 0.75
        assert framework.group.spread.grades == 1
        assert dict(framework.group.spread.criteria) == {"registration_rate": 0.2, "gld_gap": 5}

    def test_no_group_table_leaves_group_none(self) -> None:
        """A framework without [group] has no declared group rule."""
        assert loads_framework(_docs_example()).group is None

    def test_ofsted_declares_weakest_from_a_third_party(self) -> None:
        """The bundled Ofsted framework declares the weakest-member rule, third-party."""
        framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
        assert framework.group is not None
        assert framework.group.rule is GroupMethod.WEAKEST
        assert framework.group.provenance.basis is Basis.THIRD_PARTY
        assert framework.group.spread.criteria["registration_under5"] == 0.2
        assert framework.group.spread.provenance is not None


class TestGroupFiles:
    def test_inline_members_load(self) -> None:
        """A group file with [[members]] tables loads every member and the group's metadata."""
        group = inspectkit.load_group(ROOT / "examples" / "groups" / "northfield.toml")
        assert group.unit == "Northfield schools cluster (illustrative)"
        assert len(group.members) == 3
        assert group.framework.id == "extended_services_core_offer"
        assert group.rule is None

    def test_member_paths_are_relative_to_the_group_file(self, tmp_path: Path) -> None:
        """Member files are found relative to the group file, and the file's rule is kept."""
        source = (ROOT / "examples" / "riverside-nearly-good.toml").read_text(encoding="utf-8")
        for name in ("north", "south"):
            (tmp_path / "members").mkdir(exist_ok=True)
            (tmp_path / "members" / f"{name}.toml").write_text(
                source.replace("Riverside Children's Centre (illustrative)", name.title()),
                encoding="utf-8",
            )
        (tmp_path / "group.toml").write_text(
            'framework = "ofsted_childrens_centres_2014"\nunit = "Two"\nrule = "pooled"\n'
            'members = ["members/north.toml", "members/south.toml"]\n',
            encoding="utf-8",
        )
        group = inspectkit.load_group(tmp_path / "group.toml")
        assert [m.unit for m in group.members] == ["North", "South"]
        assert group.rule is GroupMethod.POOLED
        assert group.assess().rule.rule is GroupMethod.POOLED

    def test_problems_in_member_files_keep_their_own_file(self, tmp_path: Path) -> None:
        """A problem inside a member file is reported against that file."""
        (tmp_path / "bad.toml").write_text(
            'framework = "ofsted_childrens_centres_2014"\nunit = "Bad"\n'
            "[evidence]\nregistration_under5 = 2.5\n",
            encoding="utf-8",
        )
        (tmp_path / "group.toml").write_text(
            'framework = "ofsted_childrens_centres_2014"\nunit = "G"\nmembers = ["bad.toml"]\n',
            encoding="utf-8",
        )
        with pytest.raises(EvidenceError) as error:
            inspectkit.load_group(tmp_path / "group.toml")
        (issue,) = error.value.issues
        assert issue.file is not None
        assert issue.file.endswith("bad.toml")
        assert issue.path == "evidence.registration_under5"


class TestCommands:
    def test_group_command_reads_a_group_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`inspectkit group FILE` prints the group report, as text by default."""
        assert main(["group", str(ROOT / "examples" / "groups" / "northfield.toml")]) == 0
        out = capsys.readouterr().out
        assert out.startswith("Northfield schools cluster (illustrative) — group of 3")
        assert "| " not in out
        assert "**" not in out

    def test_group_command_takes_member_files(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`inspectkit group A B --unit U --rule R --format json` assesses member files."""
        files = [
            str(ROOT / "examples" / "riverside-nearly-good.toml"),
            str(ROOT / "examples" / "lakeside-cluster.toml"),
        ]
        code = main(["group", *files, "--unit", "Both", "--rule", "best_fit", "-f", "json"])
        assert code == 0
        data = json.loads(capsys.readouterr().out)
        assert data["unit"] == "Both"
        assert data["rule"]["rule"] == "best_fit"

    def test_compare_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`inspectkit compare OLD NEW` prints the progress report."""
        old = str(ROOT / "examples" / "riverside-2026-06.toml")
        new = str(ROOT / "examples" / "riverside-nearly-good.toml")
        assert main(["compare", old, new]) == 0
        assert "\nGaps closed: Families with under-fives registered" in capsys.readouterr().out
        assert main(["compare", old, new, "--format", "markdown"]) == 0
        assert "## Gaps closed" in capsys.readouterr().out

    def test_compare_refuses_different_units(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Comparing two different units exits 1 with the reason on stderr."""
        old = str(ROOT / "examples" / "lakeside-cluster.toml")
        new = str(ROOT / "examples" / "riverside-nearly-good.toml")
        assert main(["compare", old, new]) == 1
        assert "different-unit" in capsys.readouterr().err

    def test_timeline_command_orders_by_date(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`inspectkit timeline` orders files by date whatever order they are given in."""
        late = str(ROOT / "examples" / "riverside-nearly-good.toml")
        early = str(ROOT / "examples" / "riverside-2026-06.toml")
        assert main(["timeline", late, early, "-f", "csv"]) == 0
        rows = capsys.readouterr().out.splitlines()[1:]
        assert rows[0].split(",")[2] == "2026-06-30"

    def test_fail_under_exits_3_below_the_grade(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`--fail-under` exits 3 when the group is predicted below the grade."""
        group = str(ROOT / "examples" / "groups" / "northfield.toml")
        assert main(["group", group, "--fail-under", "established"]) == 3
        assert "below Established" in capsys.readouterr().err
        assert main(["group", group, "--fail-under", "emerged"]) == 0

    def test_fail_under_unknown_grade_is_usage(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A --fail-under grade not on the scale is a usage error, exit 2."""
        group = str(ROOT / "examples" / "groups" / "northfield.toml")
        assert main(["group", group, "--fail-under", "good"]) == 2
        assert "not a grade" in capsys.readouterr().err

    def test_output_writes_a_file(self, tmp_path: Path) -> None:
        """`-o FILE` writes the report to FILE."""
        old = str(ROOT / "examples" / "riverside-2026-06.toml")
        new = str(ROOT / "examples" / "riverside-nearly-good.toml")
        target = tmp_path / "progress.html"
        assert main(["compare", old, new, "-f", "html", "-o", str(target)]) == 0
        assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")

    def test_missing_file_exits_1(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A member file that does not exist is bad input, exit code 1."""
        assert main(["group", "no-such-file.toml"]) == 1
        assert "no-such-file.toml" in capsys.readouterr().err


class TestSchema:
    def test_framework_schema_accepts_the_group_table(self) -> None:
        """The bundled Ofsted file, [group] table and all, validates against the schema."""
        import tomli

        from inspectkit.schema import framework_schema
        from schema_check import errors, validate

        data = tomli.loads(
            (ROOT / "frameworks" / "ofsted_childrens_centres_2014.toml").read_text(encoding="utf-8")
        )
        schema = framework_schema()
        assert validate(data, schema) == []
        assert errors(data, schema["$defs"]["framework"], schema) == []

    def test_framework_schema_refuses_an_unknown_group_rule(self) -> None:
        """A [group] table with a rule the format does not have fails the schema."""
        import tomli

        from inspectkit.schema import framework_schema
        from schema_check import errors

        data = tomli.loads(
            (ROOT / "frameworks" / "ofsted_childrens_centres_2014.toml").read_text(encoding="utf-8")
        )
        data["group"]["rule"] = "average"
        schema = framework_schema()
        assert errors(data, schema["$defs"]["framework"], schema)
