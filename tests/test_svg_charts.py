"""The inline SVG charts: golden text, text equivalents, escaping and determinism."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frameworks_for_tests import four_grade_scale
from golden_files import assert_golden
from inspectkit.evidence import Interval
from inspectkit.render._svg import Band, bullet_chart, criterion_bullet
from inspectkit.rubric import Basis, Criterion, Direction, Measure, Provenance, Threshold
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
