"""The inline SVG charts: golden text, text equivalents, escaping and determinism."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import inspectkit
from frameworks_for_tests import example_framework, four_grade_scale
from golden_files import assert_golden
from inspectkit.evidence import Interval
from inspectkit.render._svg import (
    GROUND,
    Band,
    Cell,
    bullet_chart,
    criterion_bullet,
    distribution_chart,
    figure_trend,
    gap_bar,
    grade_trend,
    group_heat_map,
    heat_map,
    line_chart,
    table_distribution,
)
from inspectkit.render.html import CSS
from inspectkit.results import AssessmentTable
from inspectkit.rubric import Basis, Criterion, Direction, Framework, Measure, Provenance, Threshold
from test_markdown_escaping import PAYLOADS, plant
from test_markdown_escaping import evidence as hostile_evidence
from test_render import check_html

GOLDEN = Path(__file__).parent / "golden" / "charts"
SCALE = four_grade_scale()
SOURCE = Provenance(Basis.MODELLED, note="test")
PLANTED = '<script>alert(1)</script> </style> "><img src=x onerror=alert(1)> javascript:alert(1)'


def _criterion(
    measure: Measure = Measure.PROPORTION,
    direction: Direction = Direction.HIGHER,
    values: tuple[float, float, float] = (0.9, 0.65, 0.5),
    title: str = "Families registered",
    **extra: object,
) -> Criterion:
    grades = ("outstanding", "good", "requires_improvement")
    return Criterion(
        id="c",
        title=title,
        measure=measure,
        direction=direction,
        thresholds=tuple(Threshold(g, v, SOURCE) for g, v in zip(grades, values, strict=True)),
        **extra,  # type: ignore[arg-type]
    )


CASES = {
    "bullet-share": (_criterion(), 0.628, "good"),
    "bullet-share-interval": (_criterion(), Interval(0.4, 0.6, "most"), "requires_improvement"),
    "bullet-share-no-evidence": (_criterion(), None, "inadequate"),
    "bullet-quantity-lower": (
        _criterion(
            Measure.QUANTITY, Direction.LOWER, (5, 10, 15), "Gap in development", unit="points"
        ),
        16.5,
        "inadequate",
    ),
    "bullet-quantity-bounded": (
        _criterion(Measure.QUANTITY, values=(40, 30, 20), title="Sessions", minimum=0),
        3,
        "inadequate",
    ),
}


def _chart(name: str) -> str:
    criterion, value, grade = CASES[name]
    chart = criterion_bullet(criterion, SCALE, value, SCALE.get(grade), "why, in words")
    assert chart is not None
    return chart


class TestGoldenCharts:
    @pytest.mark.parametrize("name", sorted(CASES))
    def test_bullet_matches_golden(self, name: str) -> None:
        """Each bullet chart's SVG text is the reviewed golden file's."""
        assert_golden(GOLDEN / f"{name}.svg", _chart(name) + "\n")

    @pytest.mark.parametrize("name", sorted(CASES))
    def test_bullet_is_balanced(self, name: str) -> None:
        """Each bullet chart passes the strict tag-balance check."""
        check_html(_chart(name))


class TestTextEquivalent:
    def test_label_gives_value_grade_and_thresholds(self) -> None:
        """The aria label states the value, the grade and every threshold in words."""
        chart = _chart("bullet-share")
        assert 'aria-label="Families registered: 62.8%, Good (Outstanding from 90%, ' in chart
        assert "Good from 65%, Requires improvement from 50%)" in chart

    def test_lower_is_better_says_up_to(self) -> None:
        """A lower-is-better criterion's thresholds read "up to", with the unit."""
        assert "Outstanding up to 5 points" in _chart("bullet-quantity-lower")

    def test_desc_carries_the_reason(self) -> None:
        """The long text equivalent is the reason given."""
        assert "<desc>why, in words</desc>" in _chart("bullet-share")

    def test_role_is_img(self) -> None:
        """The chart is announced as one image."""
        assert _chart("bullet-share").startswith('<svg class="ik-chart" role="img" ')


class TestNoChart:
    def test_a_check_has_none(self) -> None:
        """A check criterion gets no bullet chart."""
        check = Criterion(id="c", title="Check", measure=Measure.CHECK)
        assert criterion_bullet(check, SCALE, True, SCALE.best, "") is None

    def test_a_measure_without_thresholds_has_none(self) -> None:
        """A proportion without thresholds gets no chart."""
        bare = Criterion(id="c", title="Share", measure=Measure.PROPORTION)
        assert criterion_bullet(bare, SCALE, 0.5, SCALE.best, "") is None

    def test_an_assessors_view_has_none(self) -> None:
        """A measured criterion given as a grade word gets no chart."""
        assert criterion_bullet(_criterion(), SCALE, "good", SCALE.best, "") is None

    def test_a_non_finite_value_has_none(self) -> None:
        """An infinite value draws no chart rather than a bar off the axis."""
        assert criterion_bullet(_criterion(), SCALE, float("inf"), SCALE.best, "") is None


class TestEscaping:
    def test_planted_markup_in_title_and_desc_is_text(self) -> None:
        """Planted markup in the criterion's title and the reason stays text."""
        chart = criterion_bullet(_criterion(title=PLANTED), SCALE, 0.5, SCALE.best, PLANTED)
        assert chart is not None
        check_html(chart)
        assert "<script" not in chart
        assert "<img" not in chart
        assert "</style>" not in chart
        assert chart.count("&lt;script&gt;") == 3  # the label, the title and the desc

    def test_planted_markup_in_a_band_name_is_text(self) -> None:
        """A band's short name and a threshold's label are escaped too."""
        chart = bullet_chart(
            low=0,
            high=1,
            bands=[Band(0, 1, "<b>" * 40, 0)],
            thresholds=[(0.5, "<script>")],
            value=0.5,
            label="x",
            desc="y",
        )
        check_html(chart)
        assert "<b>" not in chart
        assert "<script>" not in chart


NUMBER = re.compile(r"-?\d+(?:\.\d)?")
COORDINATE = re.compile(r' (?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"')


class TestDeterminism:
    @given(
        value=st.floats(min_value=-1e6, max_value=1e6),
        edges=st.lists(
            st.floats(min_value=-1e6, max_value=1e6), min_size=3, max_size=3, unique=True
        ),
        lower=st.booleans(),
    )
    def test_same_input_same_text_with_fixed_numbers(
        self, value: float, edges: list[float], lower: bool
    ) -> None:
        """Any quantity draws the same text twice, balanced, with one-decimal coordinates."""
        ordered = sorted(edges, reverse=not lower)
        criterion = _criterion(
            Measure.QUANTITY,
            Direction.LOWER if lower else Direction.HIGHER,
            (ordered[0], ordered[1], ordered[2]),
        )
        first = criterion_bullet(criterion, SCALE, value, SCALE.best, "d")
        assert first is not None
        assert first == criterion_bullet(criterion, SCALE, value, SCALE.best, "d")
        check_html(first)
        numbers = COORDINATE.findall(first)
        assert numbers
        assert all(NUMBER.fullmatch(n) for n in numbers)
        assert '-0"' not in first

    def test_numbers_at_the_float_limit_draw_no_chart(self) -> None:
        """Thresholds whose spread overflows a float give no chart rather than NaN coordinates."""
        criterion = _criterion(Measure.QUANTITY, values=(1e308, 0, -1e308))
        assert criterion_bullet(criterion, SCALE, 0.0, SCALE.best, "") is None


ROOT = Path(__file__).parent.parent


def _riverside_runs() -> list[Any]:
    framework = inspectkit.load_framework("ofsted_childrens_centres_2014")
    return [
        inspectkit.assess(framework, inspectkit.load_evidence(ROOT / "examples" / name))
        for name in ("riverside-2026-06.toml", "riverside-nearly-good.toml")
    ]


def _timeline_grades() -> str:
    line = inspectkit.timeline(_riverside_runs())
    scale = line.assessments[-1].framework.scale
    chart = grade_trend("Leadership", line.grades("leadership"), scale, ["Jun", "Sep"])
    assert chart is not None
    return chart


def _timeline_figure() -> str:
    line = inspectkit.timeline(_riverside_runs())
    framework = line.assessments[-1].framework
    criterion = next(iter(framework.criteria()))
    chart = figure_trend(criterion, framework.scale, line.values(criterion.id), ["Jun", "Sep"])
    assert chart is not None
    return chart


def _heat_map() -> str:
    group = inspectkit.load_group(ROOT / "examples" / "groups" / "northfield.toml").assess()
    return group_heat_map(group)


def _distribution() -> str:
    table = inspectkit.assess_table(
        "ofsted_childrens_centres_2014", ROOT / "examples" / "borough-centres.csv"
    )
    return table_distribution(table)


def _gap_bar() -> str:
    gap = next(g for g in _riverside_runs()[0].gaps("good") if g.distance is not None)
    chart = gap_bar(gap.title, gap.value, gap.target_value, gap.need)
    assert chart is not None
    return chart


MADE: dict[str, Callable[[], str]] = {
    "timeline-grades": _timeline_grades,
    "timeline-figure": _timeline_figure,
    "group-heat-map": _heat_map,
    "batch-distribution": _distribution,
    "gap-bar": _gap_bar,
}


class TestGoldenResultCharts:
    @pytest.mark.parametrize("name", sorted(MADE))
    def test_chart_matches_golden(self, name: str) -> None:
        """Each chart drawn from an example result is the reviewed golden file's SVG text."""
        assert_golden(GOLDEN / f"{name}.svg", MADE[name]() + "\n")

    @pytest.mark.parametrize("name", sorted(MADE))
    def test_chart_is_balanced_and_labelled(self, name: str) -> None:
        """Each chart is balanced and carries an aria label, a title and a description."""
        chart = MADE[name]()
        check_html(chart)
        assert ' role="img" aria-label="' in chart
        assert "<title>" in chart
        assert "<desc>" in chart


class TestResultChartWords:
    def test_heat_map_marks_members_holding_the_group_down(self) -> None:
        """The heat-map's text says which member holds each judgement down."""
        assert "Hill Street Infants (illustrative): Core offer maturity Emerged (holds" in (
            _heat_map()
        )

    def test_distribution_counts_every_grade(self) -> None:
        """The distribution's text gives each judgement's count per grade."""
        assert (
            "Overall effectiveness: Outstanding 0, Good 1, Requires improvement 2, Inadequate 1"
            in _distribution()
        )

    def test_timeline_grades_say_each_run(self) -> None:
        """The grade trend's text gives each run's grade."""
        assert "Jun: Requires improvement; Sep: Requires improvement" in _timeline_grades()

    def test_timeline_figure_gives_thresholds(self) -> None:
        """The figure trend's text gives the values and the thresholds."""
        text = _timeline_figure()
        assert "Jun: 62.8%; Sep: 75%" in text
        assert "Thresholds: Outstanding from 97%, Good from 65%" in text

    def test_gap_bar_has_no_chart_for_a_check(self) -> None:
        """A check's gap (meet the check) draws no bar."""
        assert gap_bar("Check", False, True, "meet the check") is None

    def test_an_ungraded_run_leaves_a_gap_in_the_line(self) -> None:
        """A run without a grade breaks the trend line into two pieces."""
        grades = [SCALE.best, None, SCALE.worst]
        chart = grade_trend("J", grades, SCALE, ["a", "b", "c"])
        assert chart is not None
        assert chart.count("<circle") == 2
        assert "L" not in chart.split(' d="')[1].split('"')[0]

    def test_a_grade_of_another_scale_has_no_trend(self) -> None:
        """A judgement graded met / not met gets no grade trend."""
        gate = four_grade_scale().best
        other = type(gate)("met", "Met", rank=0, size=2)
        assert grade_trend("Gate", [other], SCALE, ["a"]) is None


class TestHostileResultCharts:
    def test_planted_markup_in_member_and_judgement_names_is_text(self) -> None:
        """Planted markup in group, member and judgement names stays text in the heat-map."""
        chart = heat_map(
            rows=[PLANTED],
            columns=[PLANTED],
            cells=[[Cell(PLANTED, 0, True)]],
            label=PLANTED,
            desc=PLANTED,
        )
        check_html(chart)
        assert "<script" not in chart
        assert "<img" not in chart

    def test_planted_markup_in_distribution_titles_is_text(self) -> None:
        """Planted markup in a distribution's row titles and grade names stays text."""
        chart = distribution_chart(
            rows=[(PLANTED, [1, 2])],
            grades=[(PLANTED, 0), (PLANTED, 3)],
            label=PLANTED,
            desc=PLANTED,
        )
        check_html(chart)
        assert "<script" not in chart
        assert "<img" not in chart

    def test_planted_markup_in_run_labels_is_text(self) -> None:
        """Planted markup in run labels and guides stays text in a line chart."""
        chart = line_chart(
            points=[1.0, None],
            low=0,
            high=2,
            guides=[(1.0, PLANTED)],
            runs=[PLANTED, PLANTED],
            label=PLANTED,
            desc=PLANTED,
        )
        check_html(chart)
        assert "<script" not in chart
        assert "<img" not in chart

    def test_planted_markup_in_a_gap_is_text(self) -> None:
        """Planted markup in a gap's title and need stays text in its bar."""
        chart = gap_bar(PLANTED, 0.4, 0.65, PLANTED)
        assert chart is not None
        check_html(chart)
        assert "<script" not in chart


HTML_PAYLOADS = ("script", "style", "attribute", "javascript-link")


@functools.cache
def hostile_pages(key: str) -> dict[str, str]:
    """Every HTML output with charts, for a framework and evidence planted with one payload."""
    payload = PAYLOADS[key]
    framework: Framework = plant(example_framework(), payload)
    later = attrs.evolve(framework, version=f"{payload} 2.0")
    first = inspectkit.assess(framework, hostile_evidence(payload))
    second = inspectkit.assess(later, hostile_evidence(payload, day=90))
    other = inspectkit.assess(framework, hostile_evidence(payload, unit=f"{payload} other"))
    return {
        "assessment": first.to_html(target="good"),
        "fragment": first._repr_html_(),
        "table": AssessmentTable(framework, [first, other]).to_html(),
        "group": inspectkit.assess_group(
            framework, [first, other], unit=f"{payload} group"
        ).to_html(),
        "comparison": inspectkit.compare(first, second).to_html(),
        "timeline": inspectkit.timeline([first, second]).to_html(),
        "gap-list": first.gaps("good")._repr_html_(),
    }


class TestHostileReports:
    @pytest.mark.parametrize("name", ["assessment", "fragment", "table", "group", "timeline"])
    @pytest.mark.parametrize("key", HTML_PAYLOADS)
    def test_the_payload_reaches_a_chart_as_text(self, key: str, name: str) -> None:
        """The planted string reaches a chart's label, escaped."""
        page = hostile_pages(key)[name]
        charts = re.findall(r"<svg .*?</svg>", page, flags=re.S)
        assert charts
        assert any(escape(PAYLOADS[key]) in chart for chart in charts)

    @pytest.mark.parametrize("name", sorted(hostile_pages("script")))
    @pytest.mark.parametrize("key", HTML_PAYLOADS)
    def test_no_planted_tag_attribute_or_link_survives(self, key: str, name: str) -> None:
        """No planted tag, attribute or link survives, and the page stays balanced."""
        page = hostile_pages(key)[name]
        checker = check_html(page)
        assert "<script" not in page
        assert "<img" not in page
        assert page.count("</style>") == 1
        assert {"script", "img", "a"}.isdisjoint(checker.tags)
        found = Attributes()
        found.feed(page)
        assert {"src", "href", "onerror", "xlink:href"}.isdisjoint(found.names)
        assert not any(value.lower().startswith("javascript:") for value in found.values)


class Attributes(HTMLParser):
    """Every attribute name and value on the page's tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.names: set[str] = set()
        self.values: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.names.add(name)
            self.values.append(value or "")

    handle_startendtag = handle_starttag


class TestThemeAndPrint:
    def test_text_and_background_are_set_together(self) -> None:
        """The report sets its background wherever it sets its text colour."""
        css = CSS.split("@media print")[0]
        assert css.count("--ik-fg:") == css.count("--ik-bg:") == 3
        assert "color: var(--ik-fg); background: var(--ik-bg);" in css

    def test_dark_themes_are_followed(self) -> None:
        """The dark colours follow the browser, JupyterLab's and VS Code's dark themes."""
        for marker in (
            "@media (prefers-color-scheme: dark)",
            'body[data-jp-theme-light="false"] .ik-report',
            "body.vscode-dark .ik-report",
        ):
            assert marker in CSS

    def test_print_is_a4_with_rows_kept_whole(self) -> None:
        """Print puts the page on A4 and keeps table rows whole."""
        assert "@page { size: A4;" in CSS
        assert ".ik-report tr, .ik-report li, .ik-report svg, .ik-report .ik-grade " in CSS
        assert "break-inside: avoid;" in CSS.split("@media print")[1]


class TestProvenanceTable:
    def test_each_source_is_written_once(self) -> None:
        """The rules the prediction rests on are table rows citing numbered sources."""
        page = _riverside_runs()[0].to_html()
        section = page.split('<table class="ik-provenance">')[1]
        rows, sources = section.split("</table>")[0], section.split("<ol")[1].split("</ol>")[0]
        assert rows.count("<tr>") > sources.count("<li>") > 1
        items = re.findall(r"<li>(.*?)</li>", sources)
        assert len(items) == len(set(items))
        assert "[1]" in rows

    def test_markdown_is_a_table_citing_numbered_sources(self) -> None:
        """The Markdown section is one table of rules, each source written once below it."""
        text = _riverside_runs()[0].to_markdown()
        section = text.split("## What the prediction rests on\n")[1].split("\n## ")[0]
        assert "| Rule | Kind | Basis | Source | Note |\n|---|---|---|---|---|\n" in section
        assert not re.search(r"^- ", section, flags=re.M)
        sources = re.findall(r"^(\d+)\. (.*)$", section.split("\nSources:\n")[1], flags=re.M)
        assert [int(number) for number, _ in sources] == list(range(1, len(sources) + 1))
        assert len({title for _, title in sources}) == len(sources) > 1
        cited = {int(n) for n in re.findall(r"\| \\\[(\d+)\\\] \|", section)}
        assert cited == set(range(1, len(sources) + 1))

    def test_markdown_and_html_cite_the_same_sources(self) -> None:
        """Both reports number the same sources in the same order."""
        assessment = _riverside_runs()[0]
        html_items = re.findall(
            r"<li>(.*?)</li>", assessment.to_html().split('<ol class="ik-note">')[1]
        )
        markdown = assessment.to_markdown().split("\nSources:\n\n")[1].split("\n\n")[0]
        titles = [line.split(". ", 1)[1] for line in markdown.splitlines()]
        assert len(titles) == len(html_items)
        for title, item in zip(titles, html_items, strict=True):
            plain = html.unescape(item)
            assert title.replace("\\", "") == plain.replace("\\", "")


class TestDarkPages:
    @pytest.mark.parametrize("name", sorted(CASES))
    def test_bullet_bands_sit_on_a_light_ground(self, name: str) -> None:
        """A white ground, drawn first, encloses every band, tick and value bar with a margin."""
        chart = _chart(name)
        rects = [
            {key: float(value) for key, value in re.findall(r'(x|y|width|height)="([-\d.]+)"', r)}
            for r in re.findall(r"<rect [^>]*>", chart)
        ]
        assert f'fill="{GROUND}"' in re.findall(r"<rect [^>]*>", chart)[0]
        ground, marks = rects[0], rects[1:]
        for mark in marks:
            assert ground["x"] < mark["x"]
            assert mark["x"] + mark["width"] < ground["x"] + ground["width"]
            assert ground["y"] < mark["y"]
            assert mark["y"] + mark["height"] < ground["y"] + ground["height"]
        for y1, y2 in re.findall(r'<line [^>]*y1="([-\d.]+)"[^>]*y2="([-\d.]+)"', chart):
            assert ground["y"] <= float(y1) < float(y2) <= ground["y"] + ground["height"]


class TestGapBarThreshold:
    def test_the_bar_says_the_threshold_to_reach(self) -> None:
        """A gap's bar writes its threshold, as its need words it, after the bar."""
        chart = gap_bar("Reach", 0.58, 0.65, "58% -> at least 65%: +7 points")
        assert chart is not None
        assert re.search(r'<text x="114"[^>]*>at least 65%</text></svg>$', chart)
        width = float(re.findall(r'width="([\d.]+)"', chart)[0])
        assert width >= 114 + 5.5 * len("at least 65%")

    def test_a_lower_is_better_bar_says_at_most(self) -> None:
        """A lower-is-better gap's bar writes its ceiling with its unit."""
        chart = gap_bar("Gap", 16.5, 12, "16.5 points -> at most 12 points: -4.5 points")
        assert chart is not None
        assert ">at most 12 points</text>" in chart

    def test_a_need_without_a_threshold_writes_no_words(self) -> None:
        """Where the need names no threshold the bar is drawn alone, at its own width."""
        chart = gap_bar("Reach", 0.58, 0.65, "raise it")
        assert chart is not None
        assert "<text" not in chart
        assert 'width="150"' in chart

    def test_a_planted_threshold_is_text(self) -> None:
        """Markup in the threshold words stays text."""
        chart = gap_bar("Reach", 0.5, 0.6, f"50% -> at least {PLANTED}: +1 point")
        assert chart is not None
        check_html(chart)
        assert "<script" not in chart


class TestChartProperties:
    @given(
        rows=st.lists(
            st.tuples(st.text(max_size=40), st.lists(st.integers(0, 3000), min_size=4, max_size=4)),
            min_size=1,
            max_size=6,
        ).filter(lambda rows: all(sum(counts) for _, counts in rows)),
        names=st.lists(st.text(max_size=20), min_size=4, max_size=4),
    )
    def test_any_distribution_is_balanced_and_escaped(
        self, rows: list[tuple[str, list[int]]], names: list[str]
    ) -> None:
        """Any titles, grade names and counts give a balanced chart with no markup of theirs."""
        chart = distribution_chart(
            rows=rows, grades=[(name, i) for i, name in enumerate(names)], label="x", desc="y"
        )
        checker = check_html(chart)
        assert set(checker.tags) <= {"svg", "title", "desc", "rect", "text"}
        assert "nan" not in chart

    @given(
        names=st.lists(st.text(max_size=30), min_size=1, max_size=5),
        columns=st.lists(st.text(max_size=30), min_size=1, max_size=5),
        data=st.data(),
    )
    def test_any_heat_map_is_balanced_and_escaped(
        self, names: list[str], columns: list[str], data: st.DataObject
    ) -> None:
        """Any member and judgement names give a balanced heat-map with no markup of theirs."""
        cell = st.builds(Cell, st.text(max_size=12), st.integers(0, 4), st.booleans())
        cells = [
            data.draw(st.lists(cell, min_size=len(columns), max_size=len(columns))) for _ in names
        ]
        chart = heat_map(rows=names, columns=columns, cells=cells, label="x", desc="y")
        checker = check_html(chart)
        assert set(checker.tags) <= {"svg", "title", "desc", "rect", "text"}
