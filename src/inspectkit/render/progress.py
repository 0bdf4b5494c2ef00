"""Comparisons and timelines as JSON-ready data and records.

Their Markdown and HTML are in `inspectkit.render.markdown` and `inspectkit.render.html`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from inspectkit.evidence import Interval, Value
from inspectkit.render._common import (
    format_date,
    format_value,
    movement_value_text,
)
from inspectkit.render.group import SCHEMA_VERSION, grade_id

if TYPE_CHECKING:
    from inspectkit.progress import Comparison, Movement, Timeline
    from inspectkit.results import Assessment

__all__ = [
    "COMPARISON_FIELDS",
    "comparison_to_dict",
    "comparison_to_records",
    "timeline_to_dict",
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
