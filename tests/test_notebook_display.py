"""Notebook displays: every result a user holds shows itself as HTML and Markdown, escaped.

Each display is pinned by a golden file under ``tests/golden/display/`` (regenerate with
``INSPECTKIT_UPDATE_GOLDEN=1``), every HTML fragment passes the strict tag-balance check, and
strings planted in every user-written field come out as text in both forms.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest

import inspectkit
from frameworks_for_tests import example_framework
from golden_files import assert_golden
from inspectkit.evidence import Entry, Evidence, Finding, FindingSign
from inspectkit.results import Assessment, GapList, LiftPlan
from inspectkit.rubric import FindingWeight, Framework
from test_calibrate import hostile_report
from test_render import check_html

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden" / "display"
RIVERSIDE = ROOT / "examples" / "riverside-nearly-good.toml"
PLANTED = (
    "<script>alert(1)</script>",
    "</style>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
)
HOSTILE = " ".join(PLANTED)


def riverside() -> Assessment:
    evidence = inspectkit.load_evidence(RIVERSIDE)
    return inspectkit.assess(inspectkit.load_framework(evidence.framework), evidence)


def displays() -> dict[str, Any]:
    """Every display pinned, by golden-file stem."""
    assessment = riverside()
    gaps = assessment.gaps("good")
    return {
        "gap-list": gaps,
        "gap-list-empty": assessment.gaps("requires_improvement"),
        "gap": gaps[0],
        "lift-plan": assessment.lift_plan("good"),
        "lift-plan-unreachable": assessment.lift_plan(
            "good", fixed=["supervision_checks_case_files"]
        ),
        "judgement": assessment.judgements["leadership"],
        "criterion": assessment.criteria["sustained_contact_target"],
        "criterion-check": assessment.criteria["supervision_checks_case_files"],
        "criterion-not-applicable": assessment.criteria["reach_consistency"],
        "framework": example_framework(),
        "evidence": assessment.evidence,
        "what-if": assessment.what_if({"supervision_checks_case_files": True}),
        "calibration": hostile_report(),
    }


DISPLAYS = displays()


class TestGoldenDisplays:
    @pytest.mark.parametrize("name", sorted(DISPLAYS))
    def test_html_matches_golden(self, name: str) -> None:
        """Each object's notebook HTML is byte for byte its golden file."""
        assert_golden(GOLDEN / f"{name}.html", DISPLAYS[name]._repr_html_())

    @pytest.mark.parametrize("name", sorted(DISPLAYS))
    def test_markdown_matches_golden(self, name: str) -> None:
        """Each object's notebook Markdown is byte for byte its golden file."""
        assert_golden(GOLDEN / f"{name}.md", DISPLAYS[name]._repr_markdown_())

    @pytest.mark.parametrize("name", sorted(DISPLAYS))
    def test_repr_matches_golden(self, name: str) -> None:
        """Each object's repr is one line, pinned with the others."""
        text = repr(DISPLAYS[name])
        assert "\n" not in text
        assert_golden(GOLDEN / f"{name}.repr.txt", text + "\n")

    @pytest.mark.parametrize("name", sorted(DISPLAYS))
    def test_html_is_balanced(self, name: str) -> None:
        """Each notebook fragment closes every tag in order."""
        check_html(DISPLAYS[name]._repr_html_())


class TestTextDisplays:
    def test_gap_list_text(self) -> None:
        """A gap list prints as numbered lines headed by its target."""
        text = DISPLAYS["gap-list"].to_text()
        assert text.splitlines()[0] == "Gaps to Good, most urgent first:"
        assert text.splitlines()[1].startswith("  1. Supervision checks case files")

    def test_lift_plan_text(self) -> None:
        """A lift plan prints its steps by title and how it was checked."""
        text = DISPLAYS["lift-plan"].to_text()
        assert "  1. Supervision checks case files: meet the check (not met now)" in text
        assert "verified by re-scoring: predicted Good" in text

    def test_gap_list_without_target(self) -> None:
        """A gap list built by hand has no target and says none when empty."""
        assert GapList().to_text() == "Gaps, most urgent first:\n  none\n"
        assert "Gaps, most urgent first" in GapList()._repr_markdown_()
        assert "<h3>Gaps, most urgent first</h3>" in GapList().to_html()


class TestReportsInMarkdown:
    def test_group_comparison_and_timeline_show_their_markdown(self) -> None:
        """A group, a comparison and a timeline show their Markdown report in notebooks."""
        group = inspectkit.load_group(ROOT / "examples" / "groups" / "northfield.toml").assess()
        before = inspectkit.assess(
            inspectkit.load_framework("ofsted_childrens_centres_2014"),
            inspectkit.load_evidence(ROOT / "examples" / "riverside-2026-06.toml"),
        )
        after = riverside()
        comparison = inspectkit.compare(before, after)
        line = inspectkit.timeline([before, after])
        for result in (group, comparison, line):
            assert result._repr_markdown_() == result.to_markdown()


class TestGapList:
    def test_is_a_tuple(self) -> None:
        """A gap list is a tuple of gaps: equal to one, indexable, and knows its target."""
        gaps = DISPLAYS["gap-list"]
        assert isinstance(gaps, tuple)
        assert gaps == tuple(gaps)
        assert gaps.target is not None
        assert gaps.target.id == "good"

    def test_group_gaps_are_gap_lists(self) -> None:
        """A pooled group's gaps are gap lists too."""
        group = inspectkit.load_group(ROOT / "examples" / "groups" / "northfield.toml").assess(
            rule="pooled"
        )
        assert all(isinstance(found, GapList) for found in group.gaps().values())


class TestPlanByHand:
    def test_a_plan_without_base_or_result_names_ids(self) -> None:
        """A plan built by hand, knowing no framework, names criteria by id and grades."""
        plan = attrs.evolve(DISPLAYS["lift-plan"], base=None, result=None)
        text = plan._repr_markdown_()
        assert "Lift plan: the overall grade to Good" in text
        assert "supervision\\_checks\\_case\\_files**: to Outstanding" in text

    def test_a_judgement_plan_names_the_judgement(self) -> None:
        """A plan for a judgement is titled by the judgement, or its id when unknown."""
        plan = riverside().lift_plan("good", judgement="leadership")
        assert "Lift plan: The effectiveness of leadership" in plan._repr_markdown_()
        bare = attrs.evolve(plan, base=None, result=None)
        assert "Lift plan: leadership to Good" in bare._repr_markdown_()

    def test_a_plan_that_is_not_minimal_says_so(self) -> None:
        """A plan whose search stopped at its budget says a smaller one may exist."""
        plan: LiftPlan = attrs.evolve(DISPLAYS["lift-plan"], minimal=False)
        assert "a smaller plan may exist" in plan._repr_markdown_()
        assert "a smaller plan may exist" in plan._repr_html_()


def _hostile_framework() -> Framework:
    framework = example_framework()
    judgements = [
        attrs.evolve(
            judgement,
            title=HOSTILE,
            criteria=[attrs.evolve(c, title=HOSTILE) for c in judgement.criteria],
        )
        for judgement in framework.judgements
    ]
    caps = [attrs.evolve(cap, description=HOSTILE) for cap in framework.caps]
    return attrs.evolve(
        framework,
        title=HOSTILE,
        version=HOSTILE,
        overall_title=HOSTILE,
        judgements=judgements,
        caps=caps,
    )


def _hostile_evidence() -> Evidence:
    entry = Entry("registration_rate", 0.6, source=HOSTILE, note=HOSTILE, text=HOSTILE)
    finding = Finding(
        judgements=("access",),
        sign=FindingSign.WEAKNESS,
        weight=FindingWeight.NOTABLE,
        text=HOSTILE,
    )
    return attrs.evolve(
        Evidence(HOSTILE, HOSTILE, {"registration_rate": entry, HOSTILE: Entry(HOSTILE, HOSTILE)}),
        note=HOSTILE,
        source=HOSTILE,
        kind=HOSTILE,
        findings=(finding,),
    )


def hostile_displays() -> dict[str, Any]:
    """Every display, with the planted strings in each user-written field."""
    assessment = riverside()
    gap = attrs.evolve(
        assessment.gaps("good")[0],
        title=HOSTILE,
        criterion=HOSTILE,
        need=HOSTILE,
        actions=(HOSTILE,),
    )
    plan = attrs.evolve(assessment.lift_plan("good"), reason=HOSTILE, reachable=False)
    judgement = attrs.evolve(assessment.judgements["leadership"], title=HOSTILE, reason=HOSTILE)
    criterion = attrs.evolve(assessment.criteria["gld_rate"], id=HOSTILE, reason=HOSTILE)
    return {
        "gap": gap,
        "gap-list": GapList([gap]),
        "lift-plan": plan,
        "judgement": judgement,
        "criterion": criterion,
        "framework": _hostile_framework(),
        "evidence": _hostile_evidence(),
    }


class TestEscaping:
    @pytest.mark.parametrize("name", sorted(hostile_displays()))
    def test_html_shows_planted_markup_as_text(self, name: str) -> None:
        """No planted tag or attribute survives in the HTML, and the fragment stays balanced."""
        html = hostile_displays()[name]._repr_html_()
        check_html(html)
        assert "<script>" not in html
        assert "<img" not in html
        assert html.count("</style>") == 1
        assert "href" not in html
        assert "&lt;script&gt;" in html

    @pytest.mark.parametrize("name", sorted(hostile_displays()))
    def test_markdown_shows_planted_markup_as_text(self, name: str) -> None:
        """No planted tag survives in the Markdown, where it may be shown as HTML."""
        text = hostile_displays()[name]._repr_markdown_()
        assert "<script" not in text
        assert "<img" not in text
        assert "</style>" not in text
        assert "&lt;script" in text
