"""Tests for the evidence template and the ``inspectkit template`` command."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

import inspectkit
from inspectkit import evidence_template, loads_evidence
from inspectkit.cli import main
from inspectkit.rubric import Framework

EXAMPLE_LINE = re.compile(r"^# ([a-z][a-z0-9_]*) = ", re.MULTILINE)


def uncomment_examples(template: str) -> str:
    """Take the "# " off every example line, as a user filling the template in would."""
    return EXAMPLE_LINE.sub(r"\1 = ", template)


def bundled() -> list[str]:
    return [info.id for info in inspectkit.list_frameworks()]


class TestTemplate:
    def test_loads_as_written(self, example_framework: Framework) -> None:
        """The template loads as it is, with every criterion absent."""
        evidence = loads_evidence(evidence_template(example_framework), framework=example_framework)
        assert evidence.framework == "example_centres"
        assert dict(evidence.entries) == {}

    def test_loads_when_filled_in(self, example_framework: Framework) -> None:
        """With its example lines uncommented, the template gives a value for every criterion."""
        filled = uncomment_examples(evidence_template(example_framework))
        evidence = loads_evidence(filled, framework=example_framework)
        assert set(evidence.entries) == {c.id for c in example_framework.criteria()}

    @pytest.mark.parametrize("framework_id", bundled())
    def test_bundled_frameworks(self, framework_id: str) -> None:
        """Every bundled framework's template loads once filled in."""
        framework = inspectkit.load_framework(framework_id)
        evidence = loads_evidence(uncomment_examples(evidence_template(framework)))
        assert len(evidence.entries) == sum(1 for _ in framework.criteria())

    def test_lists_criteria_by_judgement(self, example_framework: Framework) -> None:
        """Criteria appear under their judgement's heading, in the framework's order."""
        template = evidence_template(example_framework)
        order = [
            template.index("(access)"),
            template.index("--- registration_rate"),
            template.index("--- gld_gap"),
            template.index("(leadership)"),
            template.index("--- supervision_checks_case_files"),
            template.index("--- board_challenge"),
        ]
        assert order == sorted(order)

    def test_says_what_to_collect_and_thresholds(self, example_framework: Framework) -> None:
        """A criterion's entry gives what to collect and its thresholds."""
        template = evidence_template(example_framework)
        assert "# Collect: Registrations against the reach area's" in template
        assert "# Grades: Outstanding at 90% or more; Good at 65% or more;" in template
        assert "Good at 12 percentage points or less" in template

    def test_rating_descriptors(self) -> None:
        """A rating criterion's entry says what each grade looks like."""
        template = evidence_template("ofsted_childrens_centres_2014")
        start = template.index("--- advisory_board_challenge")
        entry = template[start : template.index("\n\n", start)]
        assert "# What each grade looks like:" in entry
        assert "#   - Inadequate: Nobody holds leaders to account" in entry

    def test_awkward_text_stays_in_comments(self, example_framework: Framework) -> None:
        """Titles and descriptions with newlines and quotes cannot break the TOML."""
        criterion = attrs.evolve(
            example_framework.criterion("gld_gap"),
            title='Gap\n[evidence]\ngld_gap = "x"',
            evidence="Line one\r\nline two\x00\x1b",
        )
        access = example_framework.judgement("access")
        judgement = attrs.evolve(access, criteria=(access.criteria[0], criterion))
        framework = attrs.evolve(
            example_framework,
            title='A "quoted"\ntitle',
            judgements=(judgement, *example_framework.judgements[1:]),
        )
        filled = uncomment_examples(evidence_template(framework))
        assert loads_evidence(filled, framework=framework).value("gld_gap") == 12


class TestTemplateCommand:
    def test_prints(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`inspectkit template ID` prints the template and exits 0."""
        assert main(["template", "ofsted_childrens_centres_2014"]) == 0
        assert capsys.readouterr().out == evidence_template("ofsted_childrens_centres_2014")

    def test_writes_a_file(self, tmp_path: Path) -> None:
        """`-o FILE` writes the template to FILE."""
        out = tmp_path / "evidence.toml"
        assert main(["template", "ofsted_childrens_centres_2014", "-o", str(out)]) == 0
        assert out.read_text(encoding="utf-8") == evidence_template("ofsted_childrens_centres_2014")

    def test_refuses_to_overwrite(self, tmp_path: Path) -> None:
        """An existing file is kept unless --force is given."""
        out = tmp_path / "evidence.toml"
        out.write_text("mine", encoding="utf-8")
        assert main(["template", "ofsted_childrens_centres_2014", "-o", str(out)]) == 1
        assert out.read_text(encoding="utf-8") == "mine"
        assert main(["template", "ofsted_childrens_centres_2014", "-o", str(out), "--force"]) == 0

    def test_unknown_framework(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown framework exits 1 with the error on stderr."""
        assert main(["template", "no_such_framework"]) == 1
        assert "no framework with id 'no_such_framework'" in capsys.readouterr().err

    def test_framework_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A framework given as a path is read from the file."""
        path = tmp_path / "local.toml"
        path.write_text(docs_framework_example(), encoding="utf-8")
        assert main(["template", str(path)]) == 0
        assert 'framework = "example_centres"' in capsys.readouterr().out


def docs_framework_example() -> str:
    text = (Path(__file__).parent.parent / "docs" / "framework-format.md").read_text("utf-8")
    match = re.search(r"```toml\n(.*?)```", text, re.DOTALL)
    assert match is not None
    return match.group(1)


def test_fixture_matches_the_documented_example(example_framework: Framework) -> None:
    """The test framework built in Python is the example of docs/framework-format.md."""
    assert inspectkit.loads_framework(docs_framework_example()) == example_framework
