"""The JSON of groups, comparisons and timelines validates against the schemas schema.py serves."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import inspectkit
from inspectkit.cli import main
from inspectkit.groups import assess_group
from inspectkit.progress import compare
from inspectkit.render._data import SCHEMA_VERSION
from inspectkit.schema import SCHEMAS, comparison_schema, group_schema, timeline_schema
from schema_check import validate
from test_group_properties import RULES, groups

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "groups"


def _golden(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    return data


def _riverside_timeline() -> inspectkit.Timeline:
    framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
    runs = [
        inspectkit.assess(framework, inspectkit.load_evidence(ROOT / "examples" / name))
        for name in ("riverside-2026-06.toml", "riverside-nearly-good.toml")
    ]
    return inspectkit.timeline(runs)


class TestGoldenJson:
    """The pinned group and progress JSON validates against its schema."""

    @pytest.mark.parametrize("name", ["northfield-pooled", "northfield-weakest"])
    def test_group_json_validates(self, name: str) -> None:
        """Each golden group JSON file is a valid group document."""
        assert validate(_golden(name), group_schema()) == []

    def test_comparison_json_validates(self) -> None:
        """The golden comparison JSON file is a valid comparison document."""
        assert validate(_golden("riverside-progress"), comparison_schema()) == []

    def test_timeline_json_validates(self) -> None:
        """The timeline of the Riverside examples is a valid timeline document."""
        data = json.loads(_riverside_timeline().to_json())
        assert validate(data, timeline_schema()) == []


class TestSchemasReject:
    """Each schema notices a document that is not what inspectkit writes."""

    def test_group_schema_rejects_an_unknown_rule(self) -> None:
        """A group rule the engine does not have fails the group schema."""
        data = _golden("northfield-pooled")
        data["rule"]["rule"] = "average"
        assert validate(data, group_schema()) != []

    def test_comparison_schema_rejects_an_unknown_direction(self) -> None:
        """A movement direction outside improved/declined/unchanged/changed fails."""
        data = _golden("riverside-progress")
        data["overall"]["direction"] = "sideways"
        assert validate(data, comparison_schema()) != []

    def test_timeline_schema_rejects_a_comparison_as_a_step_with_an_extra_key(self) -> None:
        """A timeline step is held to the comparison layout, with no extra keys."""
        data = json.loads(_riverside_timeline().to_json())
        data["steps"][0]["surprise"] = True
        assert validate(data, timeline_schema()) != []

    @pytest.mark.parametrize("kind", ["result", "group", "comparison", "timeline"])
    def test_every_result_schema_pins_the_schema_version(self, kind: str) -> None:
        """Each result schema accepts only the layout version render._data writes."""
        schema = SCHEMAS[kind]()
        version = schema["properties"]["schema_version"] if "properties" in schema else None
        if version is None:  # the comparison schema's body is a reference
            version = schema["$defs"]["comparison"]["properties"]["schema_version"]
        assert version == {"const": SCHEMA_VERSION}
        assert schema["$id"].endswith(f"/{kind}-{SCHEMA_VERSION}.json")


class TestAnyResult:
    """Whatever the framework and evidence, the JSON written validates."""

    @given(data=st.data())
    def test_group_and_comparison_json_validate(self, data: st.DataObject) -> None:
        """The JSON of any group and any comparison validates against its schema."""
        framework, members = data.draw(groups())
        group = assess_group(framework, members, rule=data.draw(RULES))
        comparison = compare(
            inspectkit.assess(framework, members[0]),
            inspectkit.assess(framework, members[-1]),
            check_unit=False,
        )
        assert validate(json.loads(group.to_json()), group_schema()) == []
        assert validate(json.loads(comparison.to_json()), comparison_schema()) == []

    @given(data=st.data())
    def test_every_result_writes_json_under_one_policy(self, data: st.DataObject) -> None:
        """An assessment, a group, a comparison and a timeline write JSON the same way."""
        framework, members = data.draw(groups(max_size=2))
        assessment = inspectkit.assess(framework, members[0])
        results = [
            assessment,
            assess_group(framework, members, rule=data.draw(RULES)),
            compare(assessment, assessment),
            inspectkit.timeline([assessment]),
        ]
        for result in results:
            text = result.to_json()
            policy = json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False)
            assert text == policy
            assert json.loads(result.to_json(indent=None)) == result.to_dict()


class TestCommand:
    @pytest.mark.parametrize("kind", ["group", "comparison", "timeline"])
    def test_schema_command_prints_each(
        self, kind: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``inspectkit schema NAME`` prints the schema schema.py serves under that name."""
        assert main(["schema", kind]) == 0
        assert json.loads(capsys.readouterr().out) == SCHEMAS[kind]()
