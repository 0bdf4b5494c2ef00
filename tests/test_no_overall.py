"""Frameworks with no overall grade: ``[overall] method = "none"``."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.schema_check import validate
from tests.strategies import evidence_for, frameworks

import inspectkit
from inspectkit import FrameworkError
from inspectkit.cli import main
from inspectkit.rubric import Aggregation, Basis, Framework, Method, Provenance
from inspectkit.schema import result_schema

ROOT = Path(__file__).resolve().parents[1]
WESTVALE = ROOT / "examples" / "westvale-ilacs-2026.toml"
TITLE = "Zq overall verdict"
ILACS_2026 = inspectkit.load_framework("ofsted_ilacs_2026")
NONE = Aggregation(Method.NONE, provenance=Provenance(Basis.VERIFIED, note="none given"))


def _docs_framework() -> str:
    text = (ROOT / "tests" / "invalid-examples" / "derived-without-accuracy.toml").read_text(
        encoding="utf-8"
    )
    return text


def _with_overall(overall: str, extra: str = "") -> str:
    text = _docs_framework()
    start = text.index("[overall]")
    return text[:start] + overall + extra


def _issues(text: str) -> list[tuple[str, str]]:
    with pytest.raises(FrameworkError) as caught:
        inspectkit.loads_framework(text)
    return [(issue.path, issue.code) for issue in caught.value.issues]


class TestLoading:
    def test_none_loads(self) -> None:
        """``method = "none"`` with provenance loads, and the framework has no overall grade."""
        framework = inspectkit.loads_framework(
            _with_overall('[overall]\nmethod = "none"\nprovenance = { basis = "verified" }\n')
        )
        assert not framework.has_overall

    def test_none_takes_no_rules(self) -> None:
        """Rules under ``method = "none"`` are refused as not used."""
        text = _with_overall(
            '[overall]\nmethod = "none"\nprovenance = { basis = "verified" }\n'
            '[[overall.rules]]\ngrade = "good"\n'
        )
        assert ("overall.rules", "not-used") in _issues(text)

    def test_cap_on_overall_is_refused(self) -> None:
        """A cap that limits the overall grade of a framework with none is refused."""
        cap = (
            '[[caps]]\nid = "c"\nwhen = "access"\nat_or_below = "inadequate"\n'
            'limits = "overall"\nto = "requires_improvement"\nprovenance = { basis = "modelled" }\n'
        )
        text = _with_overall(
            '[overall]\nmethod = "none"\nprovenance = { basis = "verified" }\n', "\n" + cap
        )
        assert ("caps[0].limits", "unknown-target") in _issues(text)


class TestReports:
    def test_assessment_has_no_overall_grade(self) -> None:
        """An assessment under a framework with no overall grade has none."""
        assessment = inspectkit.assess(ILACS_2026, inspectkit.load_evidence(WESTVALE))
        assert assessment.grade is None

    def test_json_writes_null_and_fits_the_schema(self) -> None:
        """The JSON writes ``"overall": null`` and still fits the result schema."""
        assessment = inspectkit.assess(ILACS_2026, inspectkit.load_evidence(WESTVALE))
        data = json.loads(assessment.to_json())
        assert data["overall"] is None
        assert validate(data, result_schema()) == []

    def test_bare_fail_under_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--fail-under GRADE`` is refused (exit 2) when there is no overall grade."""
        assert main(["assess", str(WESTVALE), "--fail-under", "good"]) == 2
        assert "--fail-under leaders=good" in capsys.readouterr().err

    def test_judgement_fail_under_checks_that_judgement(self) -> None:
        """``--fail-under JUDGEMENT=GRADE`` exits 3 when that judgement is below the grade."""
        below = main(["assess", str(WESTVALE), "--fail-under", "help_protection=RI"])
        above = main(["assess", str(WESTVALE), "--fail-under", "care_leavers=good"])
        assert (below, above) == (3, 0)


@st.composite
def _no_overall_cases(draw: st.DrawFn) -> tuple[Framework, inspectkit.Evidence]:
    framework = attrs.evolve(
        draw(frameworks()), overall=NONE, overall_title=TITLE, caps=(), group=None
    )
    return framework, draw(evidence_for(framework))


class TestProperties:
    @settings(max_examples=40, deadline=None)
    @given(_no_overall_cases())
    def test_never_prints_an_overall_grade(
        self, case: tuple[Framework, inspectkit.Evidence]
    ) -> None:
        """A framework without an overall grade never prints one, in any report format."""
        framework, evidence = case
        assessment = inspectkit.assess(framework, evidence, missing="worst")
        assert assessment.grade is None
        for report in (assessment.to_text(), assessment.to_markdown(), assessment.to_html()):
            assert TITLE not in report
            assert "gives no overall grade" in report
        assert json.loads(assessment.to_json())["overall"] is None
