"""Comparisons and timelines as JSON-ready data, Markdown, HTML, records and CSV.

The Markdown comparison reads as a quarterly progress report to a cabinet member: where the
unit stands now against where it stood, in one sentence; the grade table before and after; the
key figures (registration, sustained contact, take-up...) with how far each moved; the gaps
closed, opened and still open; and any change in the framework between the two runs, since a
grade that moved because the rules changed is not progress.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from inspectkit.evidence import Interval, Value
from inspectkit.render._common import (
    MOVEMENT_ARROWS,
    change_text,
    comparison_headline,
    comparison_key_figures,
    format_date,
    format_value,
    movement_value_text,
    movement_words,
    run_label,
)
from inspectkit.render.group import SCHEMA_VERSION, grade_id
from inspectkit.render.html import CSS, grade_badge

if TYPE_CHECKING:
    from inspectkit.progress import Comparison, Movement, Timeline
    from inspectkit.results import Assessment

__all__ = [
    "COMPARISON_FIELDS",
    "comparison_to_dict",
    "comparison_to_html",
    "comparison_to_records",
    "timeline_to_dict",
    "timeline_to_html",
    "timeline_to_records",
]

COMPARISON_FIELDS = (
    "unit",
    "framework",
    "before_date",
    "after_date",
    "kind",
    "id",
    "title",
    "before",
    "after",
    "steps",
    "direction",
    "before_value",
    "after_value",
    "value_change",
    "gap",
)
"""The columns of `comparison_to_records`, in order."""


def _json_value(value: Value | None) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Interval):
        return {"low": value.low, "high": value.high, "word": value.word}
    return "not_applicable"


def _movement_dict(movement: Movement) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": movement.id,
        "kind": movement.kind,
        "title": movement.title,
        "before": grade_id(movement.before),
        "after": grade_id(movement.after),
        "before_range": [grade_id(g) for g in movement.before_range],
        "after_range": [grade_id(g) for g in movement.after_range],
        "steps": movement.steps,
        "direction": movement.direction,
    }
    if movement.kind == "criterion":
        data.update(
            before_value=_json_value(movement.before_value),
            after_value=_json_value(movement.after_value),
            value_change=movement.value_change,
            before_status=movement.before_status,
            after_status=movement.after_status,
        )
    else:
        data.update(
            before_coverage=movement.before_coverage, after_coverage=movement.after_coverage
        )
    return data


def _side(assessment: Assessment) -> dict[str, Any]:
    return {
        "date": format_date(assessment.evidence.date) or None,
        "framework_version": assessment.framework.version,
        "overall": grade_id(assessment.grade),
        "coverage": assessment.coverage,
    }


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """Return *comparison* as plain data for JSON, with a ``schema_version``."""
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "comparison",
        "framework": comparison.after.framework.id,
        "unit": comparison.unit,
        "target": comparison.target.id,
        "before": _side(comparison.before),
        "after": _side(comparison.after),
        "overall": _movement_dict(comparison.overall),
        "judgements": [_movement_dict(m) for m in comparison.judgements.values()],
        "criteria": [_movement_dict(m) for m in comparison.criteria.values()],
        "gaps_closed": list(comparison.gaps_closed),
        "gaps_opened": list(comparison.gaps_opened),
        "gaps_open": list(comparison.gaps_open),
        "framework_changes": [
            {"kind": c.kind, "id": c.id, "detail": c.detail} for c in comparison.framework_changes
        ],
    }


def _gap_state(comparison: Comparison, criterion_id: str) -> str:
    if criterion_id in comparison.gaps_closed:
        return "closed"
    if criterion_id in comparison.gaps_opened:
        return "opened"
    if criterion_id in comparison.gaps_open:
        return "open"
    return ""


def comparison_to_records(comparison: Comparison) -> list[dict[str, Any]]:
    """Return one flat record per movement: overall, judgements, then criteria."""
    base = {
        "unit": comparison.unit,
        "framework": comparison.after.framework.id,
        "before_date": format_date(comparison.before.evidence.date),
        "after_date": format_date(comparison.after.evidence.date),
    }
    records = []
    for movement in comparison.movements():
        is_criterion = movement.kind == "criterion"
        records.append(
            {
                **base,
                "kind": movement.kind,
                "id": movement.id,
                "title": movement.title,
                "before": grade_id(movement.before),
                "after": grade_id(movement.after),
                "steps": movement.steps,
                "direction": movement.direction,
                "before_value": movement_value_text(comparison, movement, movement.before_value)
                if is_criterion
                else "",
                "after_value": movement_value_text(comparison, movement, movement.after_value)
                if is_criterion
                else "",
                "value_change": movement.value_change,
                "gap": _gap_state(comparison, movement.id) if is_criterion else "",
            }
        )
    return records


def comparison_to_html(comparison: Comparison, *, fragment: bool = False) -> str:
    """Return the comparison as HTML (a whole page, or a fragment); every string is escaped."""
    before, after = comparison.before, comparison.after
    framework = after.framework
    scale = framework.scale
    when_before = format_date(before.evidence.date) or "earlier"
    when_after = format_date(after.evidence.date) or "later"
    parts = [
        '<div class="ik-report">',
        f"<h1>Progress report: {escape(comparison.unit)}</h1>",
        f'<p class="ik-meta"><span>{escape(framework.title)} (version '
        f"{escape(framework.version)})</span><span>Period: {escape(when_before)} to "
        f"{escape(when_after)}</span><span>Measured against: "
        f"{escape(comparison.target.label)}</span></p>",
        f'<p class="ik-summary">{escape(comparison_headline(comparison))} '
        f"{len(comparison.gaps_closed)} gaps closed, {len(comparison.gaps_opened)} opened, "
        f"{len(comparison.gaps_open)} still open.</p>",
    ]
    if comparison.framework_changes:
        parts.append(
            '<p class="ik-note">The framework changed between the two runs; some movement may '
            "come from the new rules.</p>"
        )
    parts += [
        "<table><thead><tr><th></th>"
        f"<th>{escape(when_before)}</th><th>{escape(when_after)}</th><th>Movement</th>"
        "</tr></thead><tbody>"
    ]
    for movement in (comparison.overall, *comparison.judgements.values()):
        row = ' class="ik-overall"' if movement.kind == "overall" else ""
        old_best, old_worst = movement.before_range
        new_best, new_worst = movement.after_range
        words = f"{MOVEMENT_ARROWS[movement.direction]} {movement_words(movement)}"
        parts.append(
            f"<tr{row}><td>{escape(movement.title)}</td>"
            f"<td>{grade_badge(movement.before, scale, best=old_best, worst=old_worst)}</td>"
            f"<td>{grade_badge(movement.after, scale, best=new_best, worst=new_worst)}</td>"
            f"<td>{escape(words)}</td></tr>"
        )
    parts.append("</tbody></table>")
    figures = comparison_key_figures(comparison)
    if figures:
        parts += [
            "<h2>Key figures</h2>",
            "<table><thead><tr><th>Measure</th>"
            f"<th>{escape(when_before)}</th><th>{escape(when_after)}</th><th>Change</th>"
            "</tr></thead><tbody>",
        ]
        for movement, criterion in figures:
            change = movement.value_change
            cells = [
                movement.title,
                movement_value_text(comparison, movement, movement.before_value) or "no evidence",
                movement_value_text(comparison, movement, movement.after_value) or "no evidence",
                "" if change is None else change_text(criterion, change),
            ]
            parts.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        parts.append("</tbody></table>")
    for heading, ids in (
        ("Gaps closed", comparison.gaps_closed),
        ("Gaps opened", comparison.gaps_opened),
        ("Still open", comparison.gaps_open),
    ):
        parts.append(f"<h2>{heading}</h2>")
        if ids:
            parts.append("<ul>")
            parts += [f"<li>{escape(comparison.criteria[c].title)}</li>" for c in ids]
            parts.append("</ul>")
        else:
            parts.append("<p>None.</p>")
    if comparison.framework_changes:
        parts += ["<h2>Framework changes</h2>", "<ul>"]
        parts += [f"<li>{escape(c.detail)}</li>" for c in comparison.framework_changes]
        parts.append("</ul>")
    parts.append("</div>")
    return _wrap("\n".join(parts), f"Progress report: {comparison.unit}", fragment)


def _wrap(body: str, title: str, fragment: bool) -> str:
    if fragment:
        return f"<div>\n<style>\n{CSS}\n</style>\n{body}\n</div>\n"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n{body}\n"
        "</body>\n</html>\n"
    )


# -- timelines ----------------------------------------------------------------------------


def timeline_to_dict(timeline: Timeline) -> dict[str, Any]:
    """Return *timeline* as plain data for JSON, with a ``schema_version``."""
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "timeline",
        "framework": timeline.assessments[-1].framework.id,
        "unit": timeline.unit,
        "target": timeline.target.id,
        "assessments": [_side(a) for a in timeline.assessments],
        "steps": [comparison_to_dict(step) for step in timeline.steps],
    }


def timeline_to_records(timeline: Timeline) -> list[dict[str, Any]]:
    """Return one flat record per assessment and result (overall, judgements, criteria)."""
    records = []
    for position, assessment in enumerate(timeline.assessments):
        framework = assessment.framework
        results: list[tuple[str, str, str, Any]] = [
            ("overall", "overall", framework.overall_title, assessment.overall)
        ]
        results += [
            ("judgement", jid, result.title, result)
            for jid, result in assessment.judgements.items()
        ]
        results += [
            ("criterion", cid, framework.criterion(cid).title, result)
            for cid, result in assessment.criteria.items()
        ]
        for kind, ident, title, result in results:
            value = ""
            if kind == "criterion":
                value = format_value(result.entry, framework.criterion(ident), framework.scale)
            records.append(
                {
                    "unit": assessment.evidence.unit,
                    "position": position,
                    "date": format_date(assessment.evidence.date),
                    "framework_version": framework.version,
                    "kind": kind,
                    "id": ident,
                    "title": title,
                    "grade": grade_id(result.grade),
                    "best": grade_id(result.best),
                    "worst": grade_id(result.worst),
                    "value": value,
                }
            )
    return records


def timeline_to_html(timeline: Timeline, *, fragment: bool = False) -> str:
    """Return the timeline as HTML (a whole page, or a fragment); every string is escaped."""
    latest = timeline.assessments[-1]
    framework = latest.framework
    columns = [run_label(a, i) for i, a in enumerate(timeline.assessments)]
    parts = [
        '<div class="ik-report">',
        f"<h1>Progress over time: {escape(timeline.unit)}</h1>",
        "<table><thead><tr><th></th>"
        + "".join(f"<th>{escape(column)}</th>" for column in columns)
        + "</tr></thead><tbody>",
    ]
    rows = [("overall", framework.overall_title)] + [(j.id, j.title) for j in framework.judgements]
    for ident, title in rows:
        cells = "".join(
            f"<td>{grade_badge(grade, framework.scale)}</td>" for grade in timeline.grades(ident)
        )
        parts.append(f"<tr><td>{escape(title)}</td>{cells}</tr>")
    parts += ["</tbody></table>", "</div>"]
    return _wrap("\n".join(parts), f"Progress over time: {timeline.unit}", fragment)
