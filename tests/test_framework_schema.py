"""The framework JSON Schema stays in step with the model, the loader and the docs."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import pytest
import tomli

import inspectkit
from inspectkit import rubric
from inspectkit.grades import Grade
from inspectkit.loading._checks import TOP_KEYS
from inspectkit.schema import SCHEMAS, framework_schema
from test_framework_loading import docs_example

# Schema definition -> the model class whose fields are its keys.
DEFINITIONS: dict[str, type[Any]] = {
    "source": rubric.Source,
    "grade": Grade,
    "criterion": rubric.Criterion,
    "judgement": rubric.Judgement,
    "cap": rubric.Cap,
    "provenance": rubric.Provenance,
    "quantifier": rubric.Quantifier,
    "vocabulary": rubric.Vocabulary,
    "rule": rubric.Rule,
    "aggregation": rubric.Aggregation,
    "group": rubric.GroupRule,
    "framework": rubric.Framework,
    "provision": rubric.Provision,
    "scale": rubric.Scale,
}
# Model fields written under another name in a file, or not written at all.
RENAMED = {(rubric.Framework, "scale"): "grades"}
NOT_IN_FILES = {"rank", "size", "lineage"}  # lineage: set by the loader from `extends`
# File keys that are not model fields: they steer loading. `applies = "where_provision"` is
# held as the judgement's `provision` (it says in words what the provision key implies).
LOADING_KEYS = {"extends", "applies"}


def _keys(definition: str) -> set[str]:
    return set(framework_schema()["$defs"][definition]["properties"])


def _fields(cls: type[Any]) -> set[str]:
    return {RENAMED.get((cls, f.name), f.name) for f in attrs.fields(cls)} - NOT_IN_FILES


class TestInStepWithTheModel:
    @pytest.mark.parametrize("definition", sorted(DEFINITIONS))
    def test_definition_matches_fields(self, definition: str) -> None:
        """Each schema definition has exactly the keys of its model class's fields."""
        assert _keys(definition) - LOADING_KEYS == _fields(DEFINITIONS[definition])

    def test_spread_matches_fields(self) -> None:
        """The group table's spread has exactly the fields of Spread."""
        spread = framework_schema()["$defs"]["group"]["properties"]["spread"]
        assert set(spread["properties"]) == _fields(rubric.Spread)

    def test_threshold_table_matches_fields(self) -> None:
        """A threshold written as a table has the threshold's value and provenance."""
        threshold = framework_schema()["$defs"]["criterion"]["properties"]["thresholds"]
        table = threshold["additionalProperties"]["oneOf"][1]
        assert set(table["properties"]) == _fields(rubric.Threshold) - {"grade"}

    def test_top_level_matches_loader(self) -> None:
        """The schema's top-level keys are the keys the loader accepts."""
        assert _keys("framework") == set(TOP_KEYS)

    def test_override_definitions_add_only_drop_keys(self) -> None:
        """The definitions for an extending file differ only by their drop_* keys."""
        assert _keys("variant") - _keys("framework") == {"drop_judgements", "drop_caps"}
        assert _keys("judgement_override") - _keys("judgement") == {"drop_criteria"}

    def test_registered_as_framework(self) -> None:
        """The schema table offers the framework schema by name."""
        assert SCHEMAS["framework"]() == framework_schema()


jsonschema = pytest.importorskip("jsonschema")


def as_editor_sees(value: Any) -> Any:
    """TOML dates appear to schema-aware editors as ISO strings."""
    if isinstance(value, dict):
        return {key: as_editor_sees(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _errors(instance: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(framework_schema())
    return [error.message for error in validator.iter_errors(instance)]


class TestValidation:
    def test_schema_is_valid_draft_2020_12(self) -> None:
        """The schema itself is a valid draft 2020-12 schema."""
        jsonschema.Draft202012Validator.check_schema(framework_schema())

    def test_docs_example_validates(self) -> None:
        """The documented example is valid against the schema."""
        assert _errors(tomli.loads(docs_example())) == []

    def test_bundled_frameworks_validate(self) -> None:
        """Every bundled framework file is valid against the schema."""
        for info in inspectkit.list_frameworks():
            with info.path.open("rb") as file:
                # TOML dates (valid_from) appear to schema-aware editors as ISO strings.
                assert _errors(as_editor_sees(tomli.load(file))) == [], info.id

    def test_variant_needs_only_ids(self) -> None:
        """A file that extends another may give only ids and what it changes."""
        child = {
            "extends": "ofsted_childrens_centres_2014",
            "id": "local",
            "title": "Local",
            "version": "1",
            "judgements": [{"id": "access", "criteria": [{"id": "x", "weight": 2}]}],
        }
        assert _errors(child) == []

    def test_unknown_key_is_invalid(self) -> None:
        """A misspelt key fails the schema, as it fails the loader."""
        raw = tomli.loads(docs_example())
        raw["titel"] = "x"
        assert _errors(raw)
