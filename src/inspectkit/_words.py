"""One vocabulary: how inspectkit writes shares, numbers and grades, and which grade is next.

Reasons, gaps, lift plans, comparisons and every renderer print the same kinds of things (a
share as a percentage, a quantity, a grade that may be missing) and all of them aim, by default,
at "the next grade up". Before this module each of those had two or three definitions, and the
copies disagreed: for one assessment with no evidence under ``missing="exclude"`` the gaps said
the next grade was Outstanding, the report Inadequate and a comparison Requires improvement.
Everything here is the one definition; callers import it rather than restating it.

This module sits with the result models, below loading and scoring: it imports only the models
(`grades`, `rubric`, `evidence`).
"""

from __future__ import annotations

import math

from inspectkit.evidence import Interval, Value
from inspectkit.grades import Grade, GradeScale
from inspectkit.rubric import Criterion, Measure

__all__ = [
    "NO_GRADE",
    "decimal",
    "grade_id",
    "grade_label",
    "measured",
    "next_grade",
    "number",
    "numeric",
    "percent",
    "points",
    "target_or_top",
    "weaker",
]

NO_GRADE = "not graded"
"""How a missing grade reads wherever a grade's label would be printed."""


def percent(share: float) -> str:
    """Return a share 0..1 as a percentage with at most one decimal: ``58.7%``, ``65%``.

    Args:
        share: The share, where ``1.0`` is 100%.

    Returns:
        The percentage with a trailing ``.0`` dropped.
    """
    text = f"{share * 100:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0%" if text == "-0" else f"{text}%"


def points(share: float) -> str:
    """Return a difference of shares as percentage points: ``7 points``, ``1 point``.

    Args:
        share: The difference, where ``0.07`` is 7 points.

    Returns:
        The number of points with at most one decimal and the right plural.
    """
    text = percent(share)[:-1]
    return f"{text} point" + ("" if text == "1" else "s")


def number(value: float) -> str:
    """Return a quantity as reasons, gaps and plans print it: six significant digits.

    Reasons quote thresholds and values exactly enough to check them against the framework
    (``2.5``, ``1234.5``), so this keeps six significant digits and drops trailing zeros.
    The reports' value columns use `decimal` instead.

    Args:
        value: The quantity.

    Returns:
        The quantity in ``%g`` style with six significant digits.
    """
    return f"{value:.6g}"


def decimal(value: float) -> str:
    """Return a number for a report's table: no needless ``.0``, at most three decimals.

    Args:
        value: The number.

    Returns:
        ``3`` for ``3.0``, ``2.25`` for ``2.25``, ``0.333`` for ``1/3``.
    """
    if math.isfinite(value) and value == int(value):
        return str(int(value))
    return f"{value:.3f}".rstrip("0").rstrip(".")


def measured(criterion: Criterion, value: float) -> str:
    """Return a value or threshold in a criterion's terms, as reasons and gaps print it.

    Proportions read as a `percent`, other numbers as a `number` with the criterion's unit:
    ``65%``, ``12 percentage points``.

    Args:
        criterion: The criterion the value belongs to.
        value: The value or threshold (a share for proportions).

    Returns:
        The value in words.
    """
    if criterion.measure is Measure.PROPORTION:
        return percent(value)
    unit = f" {criterion.unit}" if criterion.unit else ""
    return f"{number(value)}{unit}"


def numeric(value: Value | None) -> float | None:
    """Return an evidence value as a number where it has one: an interval gives its middle.

    Checks (``True``/``False``), ratings and absent values have no number (``None``), so a
    value change or a spread between members is only worked out between numbers.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, Interval):
        return value.middle
    return None


def grade_id(grade: Grade | None) -> str | None:
    """Return the grade's id, or ``None`` for no grade (as JSON and reprs show it)."""
    return None if grade is None else grade.id


def grade_label(grade: Grade | None) -> str:
    """Return the grade's label, or `NO_GRADE` (``not graded``)."""
    return NO_GRADE if grade is None else grade.label


def next_grade(scale: GradeScale, grade: Grade | None) -> Grade | None:
    """Return the next grade up from *grade*: the one default target of every use case.

    No grade sits below the worst grade (an ungraded unit is never taken to be doing well), so
    the next grade up from no grade is the scale's worst grade: the first thing such a unit
    needs is enough evidence to be graded at all. The best grade has no next grade.

    Args:
        scale: The framework's grade scale.
        grade: The current grade, or ``None`` when the unit could not be graded.

    Returns:
        The grade one better, or ``None`` at the top of the scale.
    """
    if grade is None:
        return scale.worst
    return scale[grade.rank - 1] if grade.rank > 0 else None


def target_or_top(scale: GradeScale, grade: Grade | None) -> Grade:
    """Return `next_grade`, or the best grade for a unit already at the top.

    Gaps and lift plans always measure against some grade; at the top of the scale that is
    the top grade itself (so the gaps are the criteria keeping it from staying there).

    Args:
        scale: The framework's grade scale.
        grade: The current grade, or ``None``.

    Returns:
        The grade to measure against.
    """
    found = next_grade(scale, grade)
    return scale.best if found is None else found


def weaker(*grades: Grade | None) -> Grade | None:
    """Return the weaker of some grades, ignoring missing ones (``None`` if all are missing).

    A comparison aims at the next grade up from the weaker of its two overall grades, so
    ``compare(a, b)`` and ``compare(b, a)`` aim at the same grade.
    """
    present = [grade for grade in grades if grade is not None]
    return max(present, key=lambda grade: grade.rank) if present else None
