"""What-ifs say so in every format, and --target's gaps and plan reach every format.

The what-if of the nearly-good example (sustained contact to 70%, the supervision check met)
and its report with the gaps and plan to Outstanding are pinned as golden files in
``tests/golden/what-if/`` in text, Markdown, HTML, JSON and CSV.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import inspectkit
from golden_files import assert_golden
from inspectkit.results import Assessment, WhatIf
from inspectkit.schema import result_schema
from schema_check import validate
from test_render import check_html

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden" / "what-if"
CHANGES = {"sustained_contact_target": "70%", "supervision_checks_case_files": True}
HOSTILE = '<script>alert(1)</script> </style> "><img src=x onerror=alert(1)> javascript:x'


def riverside() -> Assessment:
    evidence = inspectkit.load_evidence(ROOT / "examples" / "riverside-nearly-good.toml")
    return inspectkit.assess(inspectkit.load_framework(evidence.framework), evidence)


def what_if() -> WhatIf:
    return riverside().what_if(CHANGES)


class TestModuleName:
    def test_module_imports_as_a_module(self) -> None:
        """``import inspectkit.scenarios as m`` gives the what-if module, with its helpers."""
        import inspectkit.scenarios as module

        assert isinstance(module, types.ModuleType)
        assert module.assessment_what_if.__name__ == "assessment_what_if"

    def test_package_attribute_is_the_function(self) -> None:
        """``inspectkit.what_if`` is the what_if function the module defines."""
        assert inspectkit.what_if is importlib.import_module("inspectkit.scenarios").what_if

    def test_old_module_name_still_imports_the_module(self) -> None:
        """The module's old name, ``inspectkit.what_if``, still imports its names."""
        old = importlib.import_module("inspectkit.what_if")
        assert old is importlib.import_module("inspectkit.scenarios")


FORMATS: dict[str, Callable[[Any, str | None], str]] = {
    "txt": lambda result, target: result.to_text(target=target),
    "md": lambda result, target: result.to_markdown(target=target),
    "html": lambda result, target: result.to_html(target=target),
    "json": lambda result, target: result.to_json(target=target) + "\n",
    "csv": lambda result, target: result.to_csv(target=target),
}


class TestGolden:
    @pytest.mark.parametrize("ext", sorted(FORMATS))
    def test_what_if_matches_golden(self, ext: str) -> None:
        """The what-if report in each format is its golden file."""
        assert_golden(GOLDEN / f"what-if.{ext}", FORMATS[ext](what_if(), None))

    @pytest.mark.parametrize("ext", sorted(FORMATS))
    def test_target_matches_golden(self, ext: str) -> None:
        """The report with the gaps and plan to Outstanding in each format is its golden file."""
        assert_golden(GOLDEN / f"target.{ext}", FORMATS[ext](riverside(), "outstanding"))


class TestHypotheticalAtTheTop:
    def test_text_says_so_first(self) -> None:
        """The text's first line says the report is hypothetical."""
        assert what_if().to_text().startswith("Hypothetical: this is a what-if")

    def test_markdown_heading_and_note_say_so(self) -> None:
        """The Markdown heading and the note under it say the report is hypothetical."""
        lines = what_if().to_markdown().splitlines()
        assert lines[0].startswith("# What-if (hypothetical): ")
        assert lines[2].startswith("> **Hypothetical: ")

    def test_html_title_heading_and_banner_say_so(self) -> None:
        """The HTML page's title, heading and the note after it say so."""
        page = what_if().to_html()
        check_html(page)
        assert "<title>What-if (hypothetical): " in page
        assert '<p class="ik-hypothetical" role="note"' in page
        assert page.index("ik-hypothetical") < page.index("<h2>")

    def test_fragment_says_so(self) -> None:
        """The notebook fragment and Markdown say so too."""
        result = what_if()
        assert "What-if (hypothetical)" in result._repr_html_()
        assert result._repr_markdown_().startswith("# What-if (hypothetical)")

    def test_json_holds_changes_and_base_as_data(self) -> None:
        """The JSON marks itself hypothetical and holds the changes and the recorded grades."""
        data = json.loads(what_if().to_json())
        marked = data["what_if"]
        assert marked["hypothetical"] is True
        assert [change["criterion"] for change in marked["changes"]] == list(CHANGES)
        supervision = marked["changes"][1]
        assert (supervision["before"]["value"], supervision["after"]) == (False, {"value": True})
        assert marked["base"]["overall"] == "requires_improvement"
        assert data["overall"]["grade"] == "good"
        assert validate(data, result_schema()) == []

    def test_csv_marks_every_row(self) -> None:
        """Every CSV row's first cell says it is hypothetical, beside the recorded value."""
        rows = list(csv.DictReader(io.StringIO(what_if().to_csv())))
        assert {row["scenario"] for row in rows} == {"what-if (hypothetical)"}
        changed = {row["criterion"]: row for row in rows if row["changed"] == "true"}
        assert set(changed) == set(CHANGES)
        assert changed["supervision_checks_case_files"]["recorded_value_text"] == "not met"

    def test_records_and_dataframe_match(self) -> None:
        """The records are the CSV's rows; the DataFrame holds them where pandas is present."""
        result = what_if()
        records = result.to_records()
        assert records[0]["scenario"] == "what-if (hypothetical)"
        try:
            frame = result.to_dataframe()
        except ImportError:
            return
        assert frame.columns[0] == "scenario"
        assert len(frame) == len(records)

    def test_to_dict_is_the_json(self) -> None:
        """to_dict is the JSON's data."""
        result = what_if()
        assert json.loads(result.to_json()) == result.to_dict()


class TestTarget:
    def test_json_target_validates(self) -> None:
        """The target's gaps and plan are in the JSON, which the result schema accepts."""
        data = json.loads(riverside().to_json(target="good"))
        assert data["target"]["grade"] == "good"
        assert data["target"]["lift_plan"]["reachable"] is True
        assert validate(data, result_schema()) == []

    def test_without_target_the_json_is_unchanged(self) -> None:
        """Without a target there is no target key, so existing JSON stays byte for byte."""
        assert "target" not in riverside().to_dict()

    def test_csv_target_columns(self) -> None:
        """The CSV with a target ranks each gap and marks the plan's criteria and values."""
        rows = list(csv.DictReader(io.StringIO(riverside().to_csv(target="good"))))
        planned = {row["criterion"]: row["plan_value"] for row in rows if row["in_plan"] == "true"}
        assert planned == {"supervision_checks_case_files": "true"}

    def test_dataframe_with_target(self) -> None:
        """The DataFrame with a target has the target columns (where pandas is present)."""
        try:
            frame = riverside().to_dataframe(target="good")
        except ImportError:
            return
        assert "gap_rank" in frame.columns

    def test_what_if_with_target(self) -> None:
        """A what-if with a target measures its gaps and plan after the changes."""
        data = what_if().to_dict(target="outstanding")
        assert data["what_if"]["hypothetical"] is True
        assert data["target"]["grade"] == "outstanding"


class TestEscaping:
    def test_a_planted_finding_shows_as_text(self) -> None:
        """A what-if's added finding with markup shows as text in HTML and Markdown."""
        finding = {"judgement": "access", "weakness": HOSTILE, "weight": "notable"}
        result = riverside().what_if({}, add_findings=[finding])
        page = result.to_html()
        check_html(page)
        assert "<script>" not in page
        assert "<img" not in page
        assert page.count("</style>") == 1
        text = result.to_markdown()
        assert "<script" not in text
        assert "<img" not in text
