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
import re
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, NamedTuple

from inspectkit._words import decimal, grade_label, percent
from inspectkit.evidence import Interval
from inspectkit.grades import Grade, GradeScale
from inspectkit.render._common import absent_text, grade_distribution, grade_short, threshold_words
from inspectkit.rubric import Criterion, Direction, Measure

if TYPE_CHECKING:
    from inspectkit.results import AssessmentTable, GroupAssessment

__all__ = [
    "GROUND",
    "INK",
    "TINTS",
    "Band",
    "bullet_chart",
    "criterion_bullet",
    "tone_index",
]

INK = "#1b1b1b"
"""The colour of marks drawn over a tint: near-black reads on every one of `TINTS`."""

GROUND = "#ffffff"
"""The ground under a bullet chart's bands, so its dark marks read on a dark page too."""

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

    # The bands sit on a white ground a little larger than them. On a dark page the near-black
    # value bar, starting at the axis's left end, would otherwise run into the page there and
    # read as a gap in the bands rather than a mark on them; the ground keeps it enclosed in
    # light on every page (on a light one it cannot be seen).
    body = [
        f'<rect x="{_n(left - 2)}" y="{_n(top - 1)}" width="{_n(right - left + 4)}" '
        f'height="{_n(bar + 3)}" fill="{GROUND}"/>'
    ]
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


def _amount(value: float, criterion: Criterion, *, unit: bool = True) -> str:
    if criterion.measure is Measure.PROPORTION:
        return percent(value)
    text = decimal(value)
    return f"{text} {criterion.unit}" if criterion.unit and unit else text


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
    bands = _bands(criterion, scale, low, high)
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
    needs = threshold_words(criterion, scale)
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


def _bands(criterion: Criterion, scale: GradeScale, low: float, high: float) -> list[Band]:
    """The grade bands of a measured criterion's thresholds on an axis from *low* to *high*.

    Thresholds go best grade first; on a higher-is-better axis the best band is at the top
    end, and below the last threshold lies the grade after it.
    """
    graded = sorted(
        ((scale.find(t.grade), t.value) for t in criterion.thresholds if t.grade in scale),
        key=lambda pair: pair[0].rank,
    )
    if not graded:
        return []
    higher = criterion.direction is Direction.HIGHER
    edges = [value for _, value in graded]
    below = scale[min(graded[-1][0].rank + 1, len(scale) - 1)]
    bands = []
    for index, (grade, edge) in enumerate(graded):
        start = (high if higher else low) if index == 0 else edges[index - 1]
        bands.append(_band(start, edge, grade, scale))
    bands.append(_band(edges[-1], low if higher else high, below, scale))
    return bands


def _band(one: float, other: float, grade: Grade, scale: GradeScale) -> Band:
    short = grade_short(grade)
    return Band(min(one, other), max(one, other), short, tone_index(grade, scale))


def distance_bar(
    *, now: float, needed: float, label: str, desc: str, mark: str = "", width: float = 150
) -> str:
    """Return a gap-distance bar: the value now, filled, and the way still to go, outlined.

    The axis runs from zero (or the smaller number, where one is negative) to the larger of
    the two, so a bar shows how much of the way to the target is still to go. A value above
    the target (a lower-is-better measure) draws the excess as the outlined part.

    Args:
        now: The value now.
        needed: The value to reach.
        label: The one-line summary (``aria-label`` and ``<title>``).
        desc: The long text equivalent (``<desc>``).
        mark: The threshold to reach in words (``at least 65%``), written after the bar;
            ``""`` writes none.
        width: The bar's width in pixels (the chart is wider by the *mark*).
    """
    low, high = min(0.0, now, needed), max(0.0, now, needed)
    span = high - low or 1.0
    left, right, top, bar = 2.0, width - 2.0, 3.0, 12.0

    def x(position: float) -> float:
        return left + (position - low) / span * (right - left)

    start, end = sorted((x(now), x(needed)))
    body = [
        f'<rect x="{_n(left)}" y="{_n(top)}" width="{_n(right - left)}" height="{_n(bar)}" '
        f'fill="none" stroke="currentColor" stroke-opacity="0.35"/>',
        f'<rect x="{_n(x(0.0) if low < 0 else left)}" y="{_n(top)}" '
        f'width="{_n(max(x(now) - (x(0.0) if low < 0 else left), 0))}" height="{_n(bar)}" '
        'fill="currentColor" fill-opacity="0.55"/>',
        f'<rect x="{_n(start)}" y="{_n(top)}" width="{_n(max(end - start, 1))}" '
        f'height="{_n(bar)}" fill="none" stroke="currentColor" stroke-width="1.5" '
        'stroke-dasharray="3 2"/>',
        f'<line x1="{_n(x(needed))}" y1="{_n(top - 2)}" x2="{_n(x(needed))}" '
        f'y2="{_n(top + bar + 2)}" stroke="currentColor" stroke-width="2"/>',
    ]
    total = width
    if mark:
        body.append(
            f'<text x="{_n(width + 4)}" y="{_n(top + bar - 2)}" font-size="9" '
            f'fill="currentColor" {_FONT}>{escape(mark)}</text>'
        )
        total = width + 8 + 5.5 * len(mark)  # about 5.5 px a letter at 9 px
    return _svg(total, top + bar + 3, label, desc, body)


def gap_bar(title: str, now: object, needed: object, need: str) -> str | None:
    """Return a gap's distance bar, or ``None`` for a check, a rating or absent evidence.

    Args:
        title: The criterion's title.
        now: The value now (`Gap.value`).
        needed: The number to reach (`Gap.target_value`).
        need: What is needed, in words (`Gap.need`): the chart's text equivalent.
    """
    numbers = []
    for number in (now, needed):
        if isinstance(number, bool) or not isinstance(number, int | float):
            return None
        if not math.isfinite(number) or abs(number) > 1e300:
            return None
        numbers.append(float(number))
    found = _THRESHOLD.search(need)
    mark = found.group(1) if found else ""
    return distance_bar(
        now=numbers[0],
        needed=numbers[1],
        label=f"{title}: {need}",
        desc=need,
        mark=mark,
        width=110 if mark else 150,  # with its words, about as wide as the need's table cell
    )


_THRESHOLD = re.compile(r" -> ((?:at least|at most) [^:]+):")
"""The threshold in a numeric gap's need (``58% -> at least 65%: +7 points``).

A `Gap` carries its target as a bare number; only its need says whether that number is a share
(``65%``) or a quantity with a unit (``12 sessions``), in the words the gap list prints, so the
bar takes the same words from there rather than formatting the number a second way."""


def line_chart(
    *,
    points: Sequence[float | None],
    low: float,
    high: float,
    guides: Sequence[tuple[float, str]],
    runs: Sequence[str],
    label: str,
    desc: str,
    bands: Sequence[Band] = (),
    upward: bool = True,
    height: float = 96,
) -> str:
    """Return a line chart of one series over runs, with labelled guide lines across it.

    Args:
        points: The series, one number per run; ``None`` leaves a gap in the line.
        low: The bottom of the value axis (the top where *upward* is false).
        high: The top of the value axis (the bottom where *upward* is false).
        guides: Horizontal dashed lines (thresholds, grades) and their labels, written at the
            right.
        runs: The run labels (dates), written under the axis; one for each point.
        label: The one-line summary (``aria-label`` and ``<title>``).
        desc: The long text equivalent (``<desc>``).
        bands: Tinted stretches of the value axis behind the line (grade bands).
        upward: Whether *high* is drawn at the top.
        height: The chart's height in pixels.
    """
    step = 110.0 if len(points) < 4 else 66.0  # a date in 9 px type is about 56 px wide
    left, top, bottom = 8.0, 8.0, height - 18.0
    right = left + step * max(len(points) - 1, 1)
    width = right + 86.0
    span = high - low or 1.0

    def y(value: float) -> float:
        share = (min(max(value, low), high) - low) / span
        return bottom - share * (bottom - top) if upward else top + share * (bottom - top)

    def x(index: int) -> float:
        return left + step * index if len(points) > 1 else (left + right) / 2

    body = []
    for band in bands:
        y0, y1 = sorted((y(band.start), y(band.end)))
        body.append(
            f'<rect x="{_n(left)}" y="{_n(y0)}" width="{_n(right - left)}" '
            f'height="{_n(y1 - y0)}" fill="{TINTS[band.tone]}"/>'
        )
    used: list[float] = []
    for value, text in guides:
        at = y(value)
        body.append(
            f'<line x1="{_n(left)}" y1="{_n(at)}" x2="{_n(right)}" y2="{_n(at)}" '
            f'stroke="{INK if bands else "currentColor"}" stroke-opacity="0.6" '
            'stroke-dasharray="4 3"/>'
        )
        if all(abs(at - other) >= 10 for other in used):
            used.append(at)
            body.append(
                f'<text x="{_n(right + 6)}" y="{_n(at + 3)}" font-size="9" '
                f'fill="currentColor" {_FONT}>{escape(text)}</text>'
            )
    path: list[str] = []
    for index, point in enumerate(points):
        if point is None:
            continue
        command = "L" if path and points[index - 1] is not None else "M"
        path.append(f"{command}{_n(x(index))} {_n(y(point))}")
    if path:
        mark = INK if bands else "currentColor"
        body.append(f'<path d="{" ".join(path)}" fill="none" stroke="{mark}" stroke-width="2"/>')
        for index, point in enumerate(points):
            if point is not None:
                body.append(
                    f'<circle cx="{_n(x(index))}" cy="{_n(y(point))}" r="3.5" fill="{mark}"/>'
                )
    for index, run in enumerate(runs):
        anchor = "middle"
        if len(runs) > 1 and index in (0, len(runs) - 1):
            anchor = "start" if index == 0 else "end"
        body.append(
            f'<text x="{_n(x(index))}" y="{_n(height - 4)}" text-anchor="{anchor}" '
            f'font-size="9" fill="currentColor" {_FONT}>{escape(run)}</text>'
        )
    return _svg(width, height, label, desc, body)


def grade_trend(
    title: str, grades: Sequence[Grade | None], scale: GradeScale, runs: Sequence[str]
) -> str | None:
    """Return a judgement's grades over runs as a line, best grade at the top.

    Each grade of the scale is a guide line with its short name; an ungraded run leaves a gap.
    A judgement graded on a scale of its own (met / not met) gets no chart: its words say it.
    """
    if any(g is not None and g.size not in (0, len(scale)) for g in grades):
        return None
    ranks = [float(g.rank) if g is not None else None for g in grades]
    guides = [(float(g.rank), grade_short(g)) for g in scale]
    words = "; ".join(
        f"{run}: {grade_label(grade)}" for run, grade in zip(runs, grades, strict=True)
    )
    return line_chart(
        points=ranks,
        low=0.0,
        high=float(max(len(scale) - 1, 1)),
        guides=guides,
        runs=runs,
        label=f"{title} over time: {words}",
        desc=f"{title}, grade by run: {words}.",
        upward=False,
        height=14.0 * len(scale) + 28,
    )


def figure_trend(
    criterion: Criterion, scale: GradeScale, values: Sequence[object], runs: Sequence[str]
) -> str | None:
    """Return a measured criterion's values over runs, with its grade bands and thresholds.

    Values that are not numbers (absent evidence, an assessor's view, a share known only
    between bounds) leave a gap in the line; with no number at all there is no chart.
    """
    points: list[float | None] = [
        float(v)
        if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
        else None
        for v in values
    ]
    numbers = [p for p in points if p is not None]
    if not numbers:
        return None
    thresholds = [t for t in criterion.thresholds if scale.get(t.grade) is not None]
    low, high = _axis(criterion, [*numbers, *(t.value for t in thresholds)])
    if not math.isfinite(high - low):
        return None
    graded = sorted(((scale.find(t.grade), t) for t in thresholds), key=lambda pair: pair[0].rank)
    # The guide labels leave out a quantity's unit (the caption and the text give it): the
    # right margin holds a short name and a number.
    guides = [
        (t.value, f"{grade_short(g)} {_amount(t.value, criterion, unit=False)}") for g, t in graded
    ]
    shown = "; ".join(
        f"{run}: {_amount(p, criterion) if p is not None else 'no figure'}"
        for run, p in zip(runs, points, strict=True)
    )
    needs = threshold_words(criterion, scale)
    desc = f"{criterion.title} by run: {shown}." + (f" Thresholds: {needs}." if needs else "")
    return line_chart(
        points=points,
        low=low,
        high=high,
        guides=guides,
        runs=runs,
        label=f"{criterion.title} over time: {shown}",
        desc=desc,
        bands=_bands(criterion, scale, low, high),
    )


def _clip(text: str, size: int) -> str:
    """Return *text* cut to *size* characters with an ellipsis (the full text is in ``desc``)."""
    return text if len(text) <= size else text[: size - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"


class Cell(NamedTuple):
    """One cell of a heat-map: a grade's short name on its tone, outlined where it matters.

    Attributes:
        short: The grade's short name, or ``-`` for no grade.
        tone: The fill's tone, 0 (best) to 3 (worst), 4 neutral.
        marked: Whether to outline the cell (a member holding the group down).
    """

    short: str
    tone: int
    marked: bool = False


def heat_map(
    *,
    rows: Sequence[str],
    columns: Sequence[str],
    cells: Sequence[Sequence[Cell]],
    label: str,
    desc: str,
) -> str:
    """Return a heat-map: a row per *rows*, a column per *columns*, each cell a tinted grade.

    Column headings are written slanted above the grid and row headings at its left, both cut
    to a length that fits (the whole words are in *desc*); each cell writes its grade's short
    name in near-black on its tint.
    """
    longest = max((len(_clip(c.short, 12)) for row in cells for c in row), default=4)
    cell_w, cell_h, head = max(48.0, 6.0 * longest + 22), 20.0, 96.0
    left = 5.6 * min(max((len(r) for r in rows), default=4), 40) + 10
    width = left + cell_w * len(columns) + 70
    height = head + cell_h * len(rows) + 4
    body = []
    for index, column in enumerate(columns):
        cx = left + cell_w * index + cell_w / 2
        body.append(
            f'<text x="{_n(cx)}" y="{_n(head - 6)}" font-size="10" fill="currentColor" '
            f'transform="rotate(-35 {_n(cx)} {_n(head - 6)})" {_FONT}>'
            f"{escape(_clip(column, 26))}</text>"
        )
    for row_index, (row, row_cells) in enumerate(zip(rows, cells, strict=True)):
        y = head + cell_h * row_index
        body.append(
            f'<text x="{_n(left - 6)}" y="{_n(y + 14)}" text-anchor="end" font-size="10" '
            f'fill="currentColor" {_FONT}>{escape(_clip(row, 40))}</text>'
        )
        for index, cell in enumerate(row_cells):
            x = left + cell_w * index
            outline = f' stroke="{INK}" stroke-width="2"' if cell.marked else ' stroke="#ffffff"'
            body.append(
                f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(cell_w)}" height="{_n(cell_h)}" '
                f'fill="{TINTS[cell.tone]}"{outline}/>'
                f'<text x="{_n(x + cell_w / 2)}" y="{_n(y + 14)}" text-anchor="middle" '
                f'font-size="10" fill="{INK}" {_FONT}>'
                f"{escape(_clip(cell.short, 12))}{' ▼' if cell.marked else ''}</text>"
            )
    return _svg(width, height, label, desc, body)


def distribution_chart(
    *,
    rows: Sequence[tuple[str, Sequence[int]]],
    grades: Sequence[tuple[str, int]],
    label: str,
    desc: str,
    width: float = 520,
) -> str:
    """Return stacked bars: a row per judgement, each split into how many units got each grade.

    Args:
        rows: Each row's title and its count per grade, best grade first.
        grades: Each grade's short name and tone, best first: the key under the bars.
        label: The one-line summary (``aria-label`` and ``<title>``).
        desc: The long text equivalent (``<desc>``).
        width: The chart's width in pixels.
    """
    left = 6.0 * min(max((len(t) for t, _ in rows), default=4), 30) + 10
    right, bar, gap = width - 8.0, 16.0, 6.0
    body = []
    for index, (title, counts) in enumerate(rows):
        y = 4 + (bar + gap) * index
        body.append(
            f'<text x="{_n(left - 6)}" y="{_n(y + 12)}" text-anchor="end" font-size="10" '
            f'fill="currentColor" {_FONT}>{escape(_clip(title, 30))}</text>'
        )
        total = sum(counts)
        x = left
        for count, (_, tone) in zip(counts, grades, strict=True):
            if not count:
                continue
            share = (right - left) * count / total
            body.append(
                f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(share)}" height="{_n(bar)}" '
                f'fill="{TINTS[tone]}" stroke="#ffffff"/>'
            )
            if share >= 6 * len(str(count)) + 4:
                body.append(
                    f'<text x="{_n(x + share / 2)}" y="{_n(y + 12)}" text-anchor="middle" '
                    f'font-size="10" fill="{INK}" {_FONT}>{count}</text>'
                )
            x += share
    y = 4 + (bar + gap) * len(rows) + 4
    x = left
    for short, tone in grades:
        body.append(
            f'<rect x="{_n(x)}" y="{_n(y)}" width="10" height="10" fill="{TINTS[tone]}" '
            f'stroke="{INK}" stroke-width="0.5"/>'
            f'<text x="{_n(x + 14)}" y="{_n(y + 9)}" font-size="10" fill="currentColor" '
            f"{_FONT}>{escape(_clip(short, 16))}</text>"
        )
        x += 14 + 6 * len(_clip(short, 16)) + 14
    return _svg(width, y + 16, label, desc, body)


def group_heat_map(group: GroupAssessment) -> str:
    """Return a group's members-by-judgements heat-map, members holding the group down marked.

    The columns are the overall grade (where the framework has one) and each judgement; a
    marked cell (outlined, ``▼``) is a member holding the group's grade down.
    """
    framework = group.framework
    scale = framework.scale
    results = [
        *([group.overall] if framework.has_overall else []),
        *group.judgements.values(),
    ]
    rows, cells, words = [], [], []
    for name, member in group.members.items():
        row = []
        said = []
        for result in results:
            grade = member.result(result.id).grade
            held = name in result.holding_down
            row.append(Cell(grade_short(grade) if grade else "-", tone_index(grade, scale), held))
            graded = absent_text(member, result.id) or grade_label(grade)
            said.append(f"{result.title} {graded}" + (" (holds the group down)" if held else ""))
        rows.append(name)
        cells.append(row)
        words.append(f"{name}: {', '.join(said)}")
    return heat_map(
        rows=rows,
        columns=[r.title for r in results],
        cells=cells,
        label=f"Grades of the {len(rows)} members of {group.unit} by judgement",
        desc="; ".join(words) + ".",
    )


def table_distribution(table: AssessmentTable) -> str:
    """Return a table of units' grade distribution: a stacked bar per judgement.

    The rows are the overall grade (where the framework has one) and each judgement graded on
    the framework's scale; each bar splits the units by the grade they are predicted, best
    first, ungraded units left out (the text equivalent counts them).
    """
    scale = table.framework.scale
    rows, words = [], []
    for title, counts, ungraded in grade_distribution(table):
        rows.append((title, list(counts.values())))
        said = ", ".join(f"{g.label} {counts[g.id]}" for g in scale)
        words.append(f"{title}: {said}" + (f", not graded {ungraded}" if ungraded else ""))
    return distribution_chart(
        rows=rows,
        grades=[(grade_short(g), tone_index(g, scale)) for g in scale],
        label=f"Predicted grades of {len(table.assessments)} units by judgement",
        desc="; ".join(words) + ".",
    )
