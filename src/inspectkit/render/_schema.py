"""The JSON Schema of an assessment's JSON (``Assessment.to_json()``, ``--format json``).

Tools that consume inspectkit's JSON can validate it against this schema; ``inspectkit schema
result`` prints it. The schema follows JSON Schema draft 2020-12 and pins ``schema_version``, so
a consumer knows when the layout changes.
"""

from __future__ import annotations

from typing import Any

__all__ = ["RESULT_SCHEMA_ID", "result_schema"]

RESULT_SCHEMA_ID = "https://inspectkit.invalid/schema/result-1.json"
"""The ``$id`` of the result schema (a name, not a URL anything is fetched from)."""

_GRADE_OR_NULL: dict[str, Any] = {"type": ["string", "null"], "description": "A grade id."}
_SHARE: dict[str, Any] = {"type": "number", "minimum": 0, "maximum": 1}


def _object(properties: dict[str, Any], *, optional: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": sorted(name for name in properties if name not in optional),
        "additionalProperties": False,
    }


def result_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) that every assessment's JSON validates against."""
    interval = _object(
        {"low": _SHARE, "high": _SHARE, "word": {"type": ["string", "null"]}},
    )
    value = {
        "description": "A number, a check (boolean), a rating grade id, 'not_applicable', "
        "an interval, or null when absent.",
        "anyOf": [
            {"type": ["number", "boolean", "string", "null"]},
            {"$ref": "#/$defs/interval"},
        ],
    }
    entry = _object(
        {
            "value": {"$ref": "#/$defs/value"},
            "counts": _object(
                {
                    "numerator": {"type": "integer", "minimum": 0},
                    "denominator": {"type": "integer", "minimum": 1},
                }
            ),
            "text": {"type": "string"},
            "source": {"type": "string"},
            "date": {"type": "string", "format": "date"},
            "note": {"type": "string"},
        },
        optional=("counts", "text", "source", "date", "note"),
    )
    basis = {"enum": ["verified", "secondary", "third_party", "modelled"]}
    threshold = _object({"grade": {"type": "string"}, "value": {"type": "number"}, "basis": basis})
    cap = _object(
        {
            "id": {"type": "string"},
            "when": {"type": "string"},
            "limits": {"type": "string"},
            "to": {"type": "string"},
            "trigger": {"type": "string"},
            "before": {"type": "string"},
            "basis": basis,
            "reason": {"type": "string"},
        }
    )
    judgement = _object(
        {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "grade": _GRADE_OR_NULL,
            "best": _GRADE_OR_NULL,
            "worst": _GRADE_OR_NULL,
            "uncapped": _GRADE_OR_NULL,
            "coverage": _SHARE,
            "members": {"type": "array", "items": {"type": "string"}},
            "caps": {"type": "array", "items": {"$ref": "#/$defs/cap"}},
            "reason": {"type": "string"},
        }
    )
    criterion = _object(
        {
            "id": {"type": "string"},
            "judgement": {"type": "string"},
            "status": {"enum": ["exact", "interval", "absent", "not_applicable"]},
            "grade": _GRADE_OR_NULL,
            "best": _GRADE_OR_NULL,
            "worst": _GRADE_OR_NULL,
            "value": {"$ref": "#/$defs/value"},
            "evidence": {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/entry"}]},
            "threshold": {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/threshold"}]},
            "reason": {"type": "string"},
        }
    )
    schema = _object(
        {
            "schema_version": {"const": 1},
            "framework": _object(
                {
                    "id": {"type": "string"},
                    "version": {"type": "string"},
                    "title": {"type": "string"},
                }
            ),
            "unit": {"type": "string"},
            "kind": {"type": "string"},
            "date": {"type": ["string", "null"], "format": "date"},
            "missing": {"enum": ["worst", "exclude", "error"]},
            "coverage": _SHARE,
            "overall": {"$ref": "#/$defs/judgement"},
            "judgements": {"type": "array", "items": {"$ref": "#/$defs/judgement"}},
            "criteria": {"type": "array", "items": {"$ref": "#/$defs/criterion"}},
        }
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": RESULT_SCHEMA_ID,
        "title": "inspectkit assessment",
        "description": "A predicted inspection outcome for one unit, as inspectkit writes it.",
        **schema,
        "$defs": {
            "value": value,
            "interval": interval,
            "entry": entry,
            "threshold": threshold,
            "cap": cap,
            "judgement": judgement,
            "criterion": criterion,
        },
    }
