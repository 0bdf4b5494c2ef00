"""Tests for the JSON Schema of evidence files."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import attrs
import pytest
import tomli
from hypothesis import given
from hypothesis import strategies as st

from evidence_strategies import documents
from frameworks_for_tests import example_framework
from inspectkit import (
    evidence_schema,
    evidence_template,
    load_framework,
    loads_evidence,
)
from inspectkit.cli import main
from inspectkit.errors import EvidenceError
from inspectkit.loading._values import ABOUT_WORDS, AT_LEAST_WORDS, AT_MOST_WORDS
from inspectkit.rubric import Framework, Vocabulary
from schema_check import validate
from test_evidence_template import uncomment_examples

EXAMPLE = example_framework()


def as_editor_sees(value: Any) -> Any:
    """TOML dates appear to schema-aware editors as ISO strings."""
    if isinstance(value, dict):
        return {key: as_editor_sees(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def filled_template(framework: Framework | str) -> dict[str, Any]:
    return as_editor_sees(tomli.loads(uncomment_examples(evidence_template(framework))))


class TestGenericSchema:
    def test_is_json(self) -> None:
        """The schema is plain JSON in the 2020-12 dialect."""
        schema = evidence_schema()
        assert json.loads(json.dumps(schema)) == schema
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    @pytest.mark.parametrize("framework", ["ofsted_childrens_centres_2014"])
    def test_accepts_a_filled_template(self, framework: str) -> None:
        """A filled-in template validates against the generic schema."""
        assert validate(filled_template(framework), evidence_schema()) == []

    def test_refuses_unknown_top_level_keys(self) -> None:
        """An unknown top-level key does not validate."""
        document = {"framework": "x", "unit": "y", "untis": "z"}
        assert validate(document, evidence_schema()) != []

    def test_requires_framework_and_unit(self) -> None:
        """framework and unit are required."""
        assert validate({"evidence": {}}, evidence_schema()) != []


class TestFrameworkSchema:
    def test_lists_the_criteria(self, example_framework: Framework) -> None:
        """The evidence table names every criterion and nothing else."""
        evidence = evidence_schema(example_framework)["properties"]["evidence"]
        assert list(evidence["properties"]) == [c.id for c in example_framework.criteria()]
        assert evidence["additionalProperties"] is False

    def test_accepts_a_filled_template(self, example_framework: Framework) -> None:
        """The filled-in template validates against the framework's schema."""
        schema = evidence_schema(example_framework)
        assert validate(filled_template(example_framework), schema) == []

    def test_bundled_framework(self) -> None:
        """A bundled framework's schema is found by id and accepts its filled template."""
        schema = evidence_schema("ofsted_childrens_centres_2014")
        assert validate(filled_template("ofsted_childrens_centres_2014"), schema) == []

    @pytest.mark.parametrize(
        ("criterion", "value"),
        [
            ("registration_rate", True),
            ("registration_rate", 72),
            ("registration_rate", "a larg majority"),
            ("gld_gap", -1),
            ("gld_gap", "14.5"),
            ("supervision_checks_case_files", "yes"),
            ("board_challenge", "godo"),
            ("board_challenge", 5),
            ("registration_rate", {"value": 0.5, "numerator": 1, "denominator": 2}),
            ("registration_rate", {"numerator": -1, "denominator": 2}),
            ("gld_gap", {"value": 3, "sorce": "x"}),
            ("unknown_criterion", 1),
        ],
    )
    def test_refuses_bad_values(
        self, example_framework: Framework, criterion: str, value: object
    ) -> None:
        """Values the loader refuses for their form do not validate either."""
        document = {"framework": "example_centres", "unit": "X", "evidence": {criterion: value}}
        assert validate(document, evidence_schema(example_framework)) != []

    @given(data=st.data())
    def test_accepts_what_the_loader_accepts(self, data: st.DataObject) -> None:
        """Every generated valid document validates against the framework's schema."""
        document, _ = data.draw(documents(EXAMPLE))
        assert validate(as_editor_sees(document), evidence_schema(EXAMPLE)) == []

    def test_words_match_loosely(self, example_framework: Framework) -> None:
        """Quantifier words match as the loader matches them: case and separators aside."""
        proportion = evidence_schema(example_framework)["properties"]["evidence"]["properties"][
            "registration_rate"
        ]
        pattern = next(
            option["pattern"]
            for option in proportion["anyOf"]
            if "quantifier" in option.get("description", "")
        )
        assert re.search(pattern, "A  Large-Majority")
        assert not re.search(pattern, "a larger majority")


CENTRES = "ofsted_childrens_centres_2014"
PREFIXES = ("", "not ", "not yet ", "Short of ", "does not reach ")
NUMBER_WORDS = (*ABOUT_WORDS, *AT_LEAST_WORDS, *AT_MOST_WORDS)


def reads(framework: str, criterion: str, value: str) -> bool:
    """The loader's verdict on one value: the oracle for the schema's patterns."""
    text = f'framework = "{framework}"\nunit = "X"\n[evidence]\n{criterion} = {value!r}\n'
    try:
        loads_evidence(text.replace("'", '"'))
    except EvidenceError:
        return False
    return True


class TestShareWords:
    @pytest.mark.parametrize(
        "value",
        [
            "not a large majority",
            "Short of the large majority",
            "not yet a large majority",
            "about 25%",
            "More than  80 %",
            "fewer than 50%",
            "at least 7.5%",
        ],
    )
    def test_phrases_the_loader_reads_validate(self, value: str) -> None:
        """A share in words that the loader reads also validates against the schema."""
        assert reads(CENTRES, "registration_under5", value)
        document = {"framework": CENTRES, "unit": "X", "evidence": {"registration_under5": value}}
        assert validate(document, evidence_schema(CENTRES)) == []

    @pytest.mark.parametrize("value", ["about 25", "more than eighty%", "not", "nearly all%"])
    def test_phrases_neither_reads_are_refused(self, value: str) -> None:
        """A phrase the loader refuses for its form does not validate either."""
        assert not reads(CENTRES, "registration_under5", value)
        document = {"framework": CENTRES, "unit": "X", "evidence": {"registration_under5": value}}
        assert validate(document, evidence_schema(CENTRES)) != []

    @given(
        prefix=st.sampled_from(PREFIXES),
        word=st.sampled_from([q.word for q in load_framework(CENTRES).vocabulary.quantifiers]),
        upper=st.booleans(),
    )
    def test_every_word_the_loader_reads_validates(
        self, prefix: str, word: str, upper: bool
    ) -> None:
        """Whatever vocabulary phrase the loader reads, the schema accepts."""
        value = (prefix + word).upper() if upper else prefix + word
        document = {"framework": CENTRES, "unit": "X", "evidence": {"registration_under5": value}}
        if reads(CENTRES, "registration_under5", value):
            assert validate(document, evidence_schema(CENTRES)) == []

    @given(words=st.sampled_from(NUMBER_WORDS), share=st.integers(min_value=0, max_value=100))
    def test_a_share_in_numbers_validates_without_a_vocabulary(
        self, words: str, share: int
    ) -> None:
        """'about 25%' and the like validate for a framework with no quantifier words."""
        framework = attrs.evolve(EXAMPLE, vocabulary=Vocabulary())
        evidence = evidence_schema(framework)["properties"]["evidence"]["properties"]
        proportion = evidence["registration_rate"]
        patterns = [option["pattern"] for option in proportion["anyOf"] if "pattern" in option]
        assert any(re.search(pattern, f"{words} {share}%") for pattern in patterns)


class TestSchemaCommand:
    def test_generic(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`inspectkit schema evidence` prints the generic evidence schema."""
        assert main(["schema", "evidence"]) == 0
        assert json.loads(capsys.readouterr().out) == evidence_schema()

    def test_for_a_framework(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`--framework ID` prints the schema for that framework's evidence."""
        assert main(["schema", "evidence", "--framework", "ofsted_childrens_centres_2014"]) == 0
        printed = json.loads(capsys.readouterr().out)
        assert printed == evidence_schema("ofsted_childrens_centres_2014")

    def test_framework_option_only_for_evidence(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`--framework` with another schema is a usage error."""
        assert main(["schema", "framework", "--framework", "ofsted_childrens_centres_2014"]) == 2
        assert "only to the evidence schema" in capsys.readouterr().err

    def test_unknown_framework(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown framework exits 1."""
        assert main(["schema", "evidence", "--framework", "no_such_framework"]) == 1
