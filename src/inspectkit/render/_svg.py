"""Charts as inline SVG: small, self-contained, deterministic, and readable without colour.

Every chart is a single ``<svg>`` element written straight into an HTML page: no script, no
style sheet of its own, nothing loaded from elsewhere. Each one

- carries ``role="img"``, an ``aria-label`` with its one-line summary, a ``<title>`` with
  the same summary (a tooltip) and a ``<desc>`` with the long text equivalent, so a screen
  reader gets the figures the picture shows (no ``id`` attributes, so two reports in one
  notebook never clash);
- draws its words in ``currentColor`` on the page's own background, so it reads on a light
  page and a dark one; coloured fills carry dark marks only (value bars, threshold lines) in
  a fixed near-black that reads on every tint;
- writes every grade's short name next to its colour, so colour is never the only signal;
- formats every coordinate with `_n` (one decimal, no ``-0``), so the same input always
  gives the same text: the golden files pin the SVG byte for byte;
- needs no ``xmlns`` (an HTML parser puts ``<svg>`` in the SVG namespace), so a page names
  no URL at all;
- escapes every string from a framework or evidence file with `html.escape`.

The module knows the result models only in the adapters at the end (`criterion_bullet`,
`gap_bar`); the drawing functions take plain numbers and words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape
from typing import NamedTuple

from inspectkit._words import grade_label, percent
from inspectkit.evidence import Interval
from inspectkit.grades import Grade, GradeScale
from inspectkit.render._common import grade_short
from inspectkit.rubric import Criterion, Direction, Measure

__all__ = [
    "INK",
    "TINTS",
    "Band",
    "bullet_chart",
    "criterion_bullet",
    "tone_index",
]

INK = "#1b1b1b"
"""The colour of marks drawn over a tint: near-black reads on every one of `TINTS`."""

TINTS = ("#bfe3cc", "#c5dbf2", "#f6dcae", "#f2c4c4", "#dddddd")
"""The band fills by tone, best (0) to worst (3), then the neutral tone (4)."""

_FONT = 'font-family="system-ui, sans-serif"'


def _n(value: float) -> str:
    """Return a coordinate with one decimal and no needless ``.0`` or ``-0``."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def tone_index(grade: Grade | None, scale: GradeScale) -> int:
    """Return a grade's tone, 0 (best) to 3 (worst), as the HTML badges colour it; 4 for none."""
    if grade is None:
        return 4
    size = grade.size or len(scale)
    if size == 1:
        return 0
    return round(3 * grade.rank / (size - 1))


class Band(NamedTuple):
    """A stretch of a chart's axis that gives one grade.

    Attributes:
        start: Where it starts on the axis (the smaller number).
        end: Where it ends (the larger number).
        short: The grade's short name, written in the band when it fits.
        tone: The tone of the fill, 0 (best) to 3 (worst), 4 neutral.
    """

    start: float
    end: float
    short: str
    tone: int


def _svg(width: float, height: float, label: str, desc: str, body: Sequence[str]) -> str:
    """Return an ``<svg>`` of the given size, its summary in *label*, its long text in *desc*."""
    summary = escape(label)
    return (
        f'<svg class="ik-chart" role="img" aria-label="{summary}" width="{_n(width)}" '
        f'height="{_n(height)}" viewBox="0 0 {_n(width)} {_n(height)}">'
        f"<title>{summary}</title><desc>{escape(desc)}</desc>{''.join(body)}</svg>"
    )


def bullet_chart(
    *,
    low: float,
    high: float,
    bands: Sequence[Band],
    thresholds: Sequence[tuple[float, str]],
    value: float | None,
    value_range: tuple[float, float] | None = None,
    label: str,
    desc: str,
    width: float = 260,
) -> str:
    """Return a bullet chart: grade bands along an axis, threshold ticks and the value.

    Args:
        low: The axis's left end.
        high: The axis's right end (greater than *low*).
        bands: The grade bands, each within *low*..*high*.
        thresholds: Each threshold's position and its label (``65%``), written under its tick.
        value: The value, drawn as a dark bar from the left end; ``None`` draws none.
        value_range: Bounds the value is only known to lie between, drawn as a hatched box.
        label: The one-line summary (``aria-label`` and ``<title>``).
        desc: The long text equivalent (``<desc>``).
        width: The chart's width in pixels.
    """
    left, right, top, bar = 4.0, width - 4.0, 12.0, 16.0
    span = high - low

    def x(position: float) -> float:
        share = (min(max(position, low), high) - low) / span
        return left + share * (right - left)

    body = []
    for band in bands:
        x0, x1 = x(band.start), x(band.end)
        body.append(
            f'<rect x="{_n(x0)}" y="{_n(top)}" width="{_n(x1 - x0)}" height="{_n(bar)}" '
            f'fill="{TINTS[band.tone]}"/>'
        )
        if x1 - x0 >= 5.5 * len(band.short) + 4:  # about 5.5 px a letter at 9 px
            body.append(
                f'<text x="{_n((x0 + x1) / 2)}" y="{_n(top - 3)}" text-anchor="middle" '
                f'font-size="9" fill="currentColor" {_FONT}>{escape(band.short)}</text>'
            )
    if value_range is not None:
        x0, x1 = x(value_range[0]), x(value_range[1])
        body.append(
            f'<rect x="{_n(x0)}" y="{_n(top + 3)}" width="{_n(max(x1 - x0, 1))}" '
            f'height="{_n(bar - 6)}" fill="none" stroke="{INK}" stroke-width="1.5" '
            'stroke-dasharray="3 2"/>'
        )
    if value is not None:
        body.append(
            f'<rect x="{_n(left)}" y="{_n(top + 5)}" width="{_n(max(x(value) - left, 1))}" '
            f'height="{_n(bar - 10)}" fill="{INK}"/>'
        )
    placed: list[float] = []
    for position, text in thresholds:
        at = x(position)
        body.append(
            f'<line x1="{_n(at)}" y1="{_n(top - 1)}" x2="{_n(at)}" y2="{_n(top + bar + 1)}" '
            f'stroke="{INK}" stroke-width="2"/>'
        )
        if all(abs(at - other) >= 5.5 * len(text) + 4 for other in placed):
            placed.append(at)
            anchor = "start" if at < left + 12 else "end" if at > right - 12 else "middle"
            body.append(
                f'<text x="{_n(at)}" y="{_n(top + bar + 11)}" text-anchor="{anchor}" '
                f'font-size="9" fill="currentColor" {_FONT}>{escape(text)}</text>'
            )
    return _svg(width, top + bar + 14, label, desc, body)


# --- Adapters from the result models ----------------------------------------------------------


def _axis(criterion: Criterion, numbers: Sequence[float]) -> tuple[float, float]:
    """The axis of a measured criterion: 0..1 for a share; around the numbers for a quantity.

    A quantity's axis runs from its thresholds and value, widened by a fifth of their spread
    on each side (by 1 where they are all equal), and cut at the criterion's own minimum and
    maximum where it has them.
    """
    if criterion.measure is Measure.PROPORTION:
        return 0.0, 1.0
    lowest, highest = min(numbers), max(numbers)
    pad = (highest - lowest) / 5 or 1.0
    low, high = lowest - pad, highest + pad
    if criterion.minimum is not None:
        low = max(low, criterion.minimum)
    if criterion.maximum is not None:
        high = min(high, criterion.maximum)
    if high <= low:  # a minimum and maximum that leave no room: widen to the numbers
        low, high = lowest - 1.0, highest + 1.0
    return low, high


def _amount(value: float, criterion: Criterion) -> str:
    if criterion.measure is Measure.PROPORTION:
        return percent(value)
    text = f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return f"{text} {criterion.unit}" if criterion.unit else text


def criterion_bullet(
    criterion: Criterion,
    scale: GradeScale,
    value: object,
    grade: Grade | None,
    desc: str,
) -> str | None:
    """Return a measured criterion's bullet chart, or ``None`` where it has none to draw.

    A proportion or quantity with thresholds gets one: its grade bands (best grade where the
    framework's direction says), a tick at each threshold, and the value as a bar (a share
    known only between bounds as a dashed box). Checks, ratings, assessors' views and
    criteria without thresholds get none; their words stand alone.

    Args:
        criterion: The criterion.
        scale: The framework's scale.
        value: The evidence's value (`Entry.value`), or ``None`` for no evidence.
        grade: The criterion's predicted grade.
        desc: The long text equivalent: the criterion's reason in words.
    """
    if criterion.measure not in (Measure.PROPORTION, Measure.QUANTITY):
        return None
    thresholds = [t for t in criterion.thresholds if scale.get(t.grade) is not None]
    if not thresholds:
        return None
    point: float | None = None
    bounds: tuple[float, float] | None = None
    if isinstance(value, Interval):
        bounds = (value.low, value.high)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value):
            return None
        point = float(value)
    elif value is not None:
        return None
    numbers = [t.value for t in thresholds]
    numbers += [point] if point is not None else list(bounds or ())
    low, high = _axis(criterion, numbers)
    if not math.isfinite(high - low):  # numbers near the float limit: no axis to draw them on
        return None
    # Thresholds best grade first; a higher-is-better axis gives the best grade at the right.
    graded = sorted(((scale.find(t.grade), t) for t in thresholds), key=lambda pair: pair[0].rank)
    ordered = [t for _, t in graded]
    grades = [g for g, _ in graded]
    higher = criterion.direction is Direction.HIGHER
    below = scale[min(grades[-1].rank + 1, len(scale) - 1)]
    edges = [t.value for t in ordered]
    bands = []
    outer = high if higher else low
    for index, (edge, band_grade) in enumerate(zip(edges, grades, strict=True)):
        start = outer if index == 0 else edges[index - 1]
        bands.append(_band(start, edge, band_grade, scale))
    bands.append(_band(edges[-1], low if higher else high, below, scale))
    ticks = [(t.value, _amount(t.value, criterion)) for t in ordered]
    shown = (
        _amount(point, criterion)
        if point is not None
        else (
            f"{_amount(bounds[0], criterion)} to {_amount(bounds[1], criterion)}"
            if bounds is not None
            else "no evidence"
        )
    )
    word = "from" if higher else "up to"
    needs = ", ".join(
        f"{g.label} {word} {text}" for g, (_, text) in zip(grades, ticks, strict=True)
    )
    label = f"{criterion.title}: {shown}, {grade_label(grade)} ({needs})"
    return bullet_chart(
        low=low,
        high=high,
        bands=bands,
        thresholds=ticks,
        value=point,
        value_range=bounds,
        label=label,
        desc=desc,
    )


def _band(one: float, other: float, grade: Grade, scale: GradeScale) -> Band:
    short = grade_short(grade)
    return Band(min(one, other), max(one, other), short, tone_index(grade, scale))
