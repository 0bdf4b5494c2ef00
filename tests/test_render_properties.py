"""Properties of the renderers over generated frameworks and evidence."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import inspectkit
from inspectkit.rubric import Framework
from strategies import evidence_for, frameworks
from test_render import check_html

pytestmark = pytest.mark.property

HOSTILE = st.sampled_from(
    ["<script>alert(1)</script>", "a | b", "</td></tr></table>", "&amp; <b>bold</b>", "*_`#"]
)


@st.composite
def assessments(draw: st.DrawFn) -> tuple[Framework, inspectkit.Assessment, str]:
    framework = draw(frameworks())
    evidence = draw(evidence_for(framework))
    hostile = draw(HOSTILE)
    entries = {key: attrs.evolve(entry, note=hostile) for key, entry in evidence.entries.items()}
    evidence = attrs.evolve(evidence, unit=f"Centre {hostile}", note=hostile, entries=entries)
    return framework, inspectkit.assess(framework, evidence, missing="worst"), hostile


class TestRenderersOnAnyAssessment:
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(assessments())
    def test_html_is_balanced_and_escaped(
        self, case: tuple[Framework, inspectkit.Assessment, str]
    ) -> None:
        """Every page parses balanced and shows hostile unit names and notes as text."""
        _, assessment, hostile = case
        page = assessment.to_html()
        checker = check_html(page)
        assert "script" not in checker.tags
        assert "b" not in checker.tags
        assert hostile not in page or "<" not in hostile

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(assessments())
    def test_every_renderer_returns_text(
        self, case: tuple[Framework, inspectkit.Assessment, str]
    ) -> None:
        """Markdown, text, CSV and records render any assessment without raising."""
        framework, assessment, _ = case
        assert assessment.to_markdown().startswith("# Predicted inspection")
        assert "<script" not in assessment.to_markdown()
        assert assessment.to_text()
        criteria = sum(1 for _ in framework.criteria())
        assert len(assessment.to_records()) == criteria
        assert assessment.to_csv().count("\n") >= criteria + 1
