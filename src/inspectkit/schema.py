"""Every JSON Schema inspectkit publishes (draft 2020-12): framework, evidence and result.

This module is the one place that names and serves them; ``inspectkit schema NAME`` prints the
one named in `SCHEMAS`:

- ``framework`` (`framework_schema`, built here): a framework TOML file;
- ``evidence`` (`evidence_schema`): an evidence TOML file, for any framework or, given one, for
  its criteria. It is built in `inspectkit.loading._evidence_schema`, beside the evidence reader
  whose value forms (quantifier words, grade names matched loosely) it restates;
- ``result``, ``group``, ``comparison`` and ``timeline`` (`result_schema`, `group_schema`,
  `comparison_schema`, `timeline_schema`, built here): the JSON of an assessment, a group, a
  comparison and a timeline, as `inspectkit.render._data` writes them; each pins
  ``schema_version`` to that module's `SCHEMA_VERSION`.

TOML editors that understand JSON Schema (Taplo, the Even Better TOML extension) use the two
file schemas to complete keys and flag mistakes as you type. They describe the *shape* of a
file: keys, types, allowed words, number ranges. What ties tables together (a cap naming a
criterion that exists, thresholds in order) is checked by the loader, which remains the
authority::

    >>> from inspectkit.schema import framework_schema
    >>> framework_schema()["$schema"]
    'https://json-schema.org/draft/2020-12/schema'

A framework file that ``extends`` another gives only what it changes, so for such a file the
nested tables need only their ``id`` (the ``*_override`` definitions); a complete file is held
to the full set of required keys.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from inspectkit.loading._evidence_schema import evidence_schema
from inspectkit.loading._findings import WEIGHT_WORDS
from inspectkit.render._data import SCHEMA_VERSION

__all__ = [
    "RESULT_SCHEMA_ID",
    "SCHEMAS",
    "calibration_schema",
    "comparison_schema",
    "evidence_schema",
    "framework_schema",
    "group_schema",
    "result_schema",
    "timeline_schema",
]

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_ID_PATTERN = "^[a-z][a-z0-9_]*$"

Schema = dict[str, Any]


def _ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _string(description: str) -> Schema:
    return {"type": "string", "description": description}


def _ident(description: str) -> Schema:
    return {"type": "string", "pattern": _ID_PATTERN, "description": description}


def _enum(description: str, *words: str) -> Schema:
    return {"type": "string", "enum": list(words), "description": description}


def _positive(description: str) -> Schema:
    return {"type": "number", "exclusiveMinimum": 0, "description": description}


def _strings(description: str) -> Schema:
    return {"type": "array", "items": {"type": "string"}, "description": description}


def _table(properties: Schema, required: list[str], description: str) -> Schema:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _array_of(name: str, description: str, min_items: int = 0) -> Schema:
    schema: Schema = {"type": "array", "items": _ref(name), "description": description}
    if min_items:
        schema["minItems"] = min_items
    return schema


def _provenance() -> Schema:
    return _table(
        {
            "basis": _enum(
                "How far it is backed.",
                "verified",
                "secondary",
                "third_party",
                "modelled",
                "derived",
            ),
            "source": _ident("The id of an entry in sources."),
            "note": _string("A short explanation."),
        },
        ["basis"],
        "Where a threshold, check, method, rule, cap or vocabulary comes from.",
    )


def _grade_map(values: Schema, description: str) -> Schema:
    return {
        "type": "object",
        "description": description,
        "propertyNames": {"pattern": _ID_PATTERN},
        "additionalProperties": values,
    }


def _conditions(description: str) -> Schema:
    condition = {
        "type": "object",
        "description": "One condition: exactly one of judgement, criterion, status, any, all.",
        "properties": {
            "judgement": _string("A judgement id, 'overall' or '*'."),
            "criterion": _ident("A criterion id."),
            "status": _ident("Another status's id."),
            "at_or_below": _ident("The grade, or worse."),
            "not_met": {"const": True, "description": "A check not met."},
            "at_least": _ident("For a status: the least severe level that counts."),
            "except": _strings("For '*': judgements left out."),
            "count": {"type": "integer", "minimum": 1, "description": "For '*': how many."},
            "any": {"type": "array", "items": {"type": "object"}},
            "all": {"type": "array", "items": {"type": "object"}},
        },
        "additionalProperties": False,
    }
    return {"type": "array", "minItems": 1, "description": description, "items": condition}


def _defs(partial: bool) -> dict[str, Schema]:
    """Return the definitions; with *partial*, nested tables need only their ``id``."""
    suffix = "_override" if partial else ""

    def need(*keys: str) -> list[str]:
        return ["id"] if partial and "id" in keys else list(keys)

    proportion_or_number = {"type": "number"}
    threshold = {
        "description": "A threshold: a number, or a number with its own provenance.",
        "oneOf": [
            proportion_or_number,
            _table(
                {"value": {"type": "number"}, "provenance": _ref("provenance")},
                ["value"],
                "A threshold with its own provenance.",
            ),
        ],
    }
    criterion_props: Schema = {
        "id": _ident("Unique across the whole framework."),
        "title": _string("A short name."),
        "measure": _enum("The kind of evidence.", "proportion", "quantity", "check", "rating"),
        "weight": _positive("Weight in its judgement (default 1)."),
        "direction": _enum("Whether higher or lower is better.", "higher", "lower"),
        "unit": _string("For quantities: the unit."),
        "minimum": {"type": "number", "description": "For quantities: the smallest value."},
        "maximum": {"type": "number", "description": "For quantities: the largest value."},
        "thresholds": _grade_map(threshold, "Grade id -> threshold, every grade but the worst."),
        "met": _ident("For checks: the grade a met check gets."),
        "not_met": _ident("For checks: the grade a check not met gets."),
        "level": _ident(
            "For checks: the grade the check is needed for (secure fit); not with met/not_met."
        ),
        "values": {
            "type": "object",
            "description": "For checks: descriptor words besides met and not met, each a grade.",
            "additionalProperties": {"type": "string"},
        },
        "provenance": _ref("provenance"),
        "descriptors": _grade_map({"type": "string"}, "Grade id -> what that grade looks like."),
        "evidence": _string("What evidence to collect."),
        "actions": _strings("Actions that lift the criterion, most effective first."),
        "effort": _positive("Relative effort of lifting it one grade (default 1)."),
        "provision": _ident("The provision the criterion applies only to (see provisions)."),
    }
    judgement_props: Schema = {
        "id": _ident("Unique among judgements; not 'overall'."),
        "title": _string("The title reports print."),
        "description": _string("What the judgement weighs."),
        "weight": _positive("Weight in the overall grade (default 1)."),
        "aggregation": _ref("aggregation"),
        "criteria": _array_of(f"criterion{suffix}", "Its criteria.", 0 if partial else 1),
        "findings": _ref("findings"),
        "applies": _enum(
            "Whether it is graded at every unit, or only where the unit has its provision.",
            "always",
            "where_provision",
        ),
        "provision": _ident("With applies = where_provision: the provision it depends on."),
        "introduced": {
            "type": "string",
            "format": "date",
            "description": "First day it exists; evidence dated before gets it not applicable.",
        },
        "absent_text": _string("What reports print where it does not apply."),
        "scale": _ident("The id of a [[scales]] entry it is graded on (default: the grades)."),
    }
    if partial:
        judgement_props["drop_criteria"] = _strings("Criterion ids of the parent to remove.")
    return {
        f"source{suffix}": _table(
            {
                "id": _ident("The id provenance records cite."),
                "title": _string("The document's title."),
                "url": _string("Where it was found."),
                "note": _string("What it supports."),
            },
            need("id", "title"),
            "A document cited by provenance records.",
        ),
        f"grade{suffix}": _table(
            {
                "id": _ident("The grade's id."),
                "label": _string("The name people read."),
                "aliases": _strings("Other names accepted in evidence and on the command line."),
                "description": _string("What the grade means."),
                "colour": _table(
                    {
                        "name": _string("The colour's name."),
                        "hex": {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$"},
                    },
                    ["name", "hex"],
                    "The colour the grade is shown in (all grades or none).",
                ),
            },
            need("id", "label"),
            "One grade of the scale (best first).",
        ),
        f"criterion{suffix}": _table(
            criterion_props, need("id", "title", "measure"), "One criterion of a judgement."
        ),
        f"judgement{suffix}": _table(
            judgement_props,
            need("id", "title", "aggregation", "criteria"),
            "One key judgement.",
        ),
        f"cap{suffix}": _table(
            {
                "id": _ident("Unique among caps."),
                "when": _ident("The criterion or judgement the cap watches."),
                "at_or_below": _ident("Fires when 'when' is at this grade or worse."),
                "not_met": {"const": True, "description": "Fires when the check is not met."},
                "limits": _ident("The judgement held down, or 'overall'."),
                "to": _ident("The best grade 'limits' may have while the cap fires."),
                "provenance": _ref("provenance"),
                "description": _string("The rule in plain words."),
            },
            need("id", "when", "limits", "to", "provenance"),
            "A limiting rule.",
        ),
        f"provision{suffix}": _table(
            {
                "id": _ident("Unique among the framework's provisions."),
                "label": _string("What the unit has, as a noun phrase."),
                "absent_text": _string("What reports print where the unit lacks it."),
                "description": _string("Anything an evidence writer should know about it."),
                "provenance": _ref("provenance"),
            },
            need("id", "label", "provenance"),
            "Something a unit may or may not have, that judgements and criteria depend on.",
        ),
        f"scale{suffix}": _table(
            {
                "id": _ident("Unique among the framework's scales."),
                "title": _string("The scale's name as reports print it."),
                "grades": _array_of(
                    f"grade{suffix}", "Its grades, best first.", 0 if partial else 2
                ),
                "provenance": _ref("provenance"),
            },
            need("id", "title", "grades", "provenance"),
            "A further grade scale, for judgements graded apart (met / not met).",
        ),
        f"status{suffix}": _table(
            {
                "id": _ident("Unique among statuses; not a judgement id."),
                "title": _string("The status's name."),
                "none_label": _string("The words for no level."),
                "description": _string("What it means."),
                "provenance": _ref("provenance"),
                "levels": {
                    "type": "array",
                    "description": "Its levels, least severe first.",
                    "items": _table(
                        {
                            "id": _ident("Unique within the status."),
                            "label": _string("The words reports print."),
                            "description": _string("The rule in plain words."),
                            "provenance": _ref("provenance"),
                            "any": _conditions("Conditions, one of which must hold."),
                            "all": _conditions("Conditions, all of which must hold."),
                        },
                        need("id", "label"),
                        "One level: exactly one of any / all.",
                    ),
                },
            },
            need("id", "title", "levels", "provenance"),
            "A status derived from the grades (a category of concern).",
        ),
        f"change{suffix}": _table(
            {
                "id": _ident("Unique among the framework's changes."),
                "summary": _string("What changed from the parent, in our own words."),
                "affects": _strings("Judgement, criterion or cap ids it touches, or 'overall'."),
                "provenance": _ref("provenance"),
            },
            ["id", "summary", "provenance"],
            "What a successor changed from the framework it extends (not inherited).",
        ),
    }


def _finding_rule(weight_key: str, grade_key: str, grade_description: str) -> Schema:
    return _table(
        {
            weight_key: _enum(
                f"The lightest {weight_key} weight counted (heavier ones count too).",
                *WEIGHT_WORDS,
            ),
            "count": {
                "type": "integer",
                "minimum": 1,
                "description": "How many such findings it takes (default 1).",
            },
            grade_key: _ident(grade_description),
            "provenance": _ref("provenance"),
        },
        [weight_key, grade_key],
        f"A findings {'limit' if grade_key == 'to' else 'support'}.",
    )


def _shared_defs() -> dict[str, Schema]:
    counts = _grade_map(
        {"type": "integer", "minimum": 0}, "Grade id -> number of members (a count)."
    )
    return {
        "provenance": _provenance(),
        "quantifier": _table(
            {
                "word": _string("The word or phrase."),
                "low": {"type": "number", "minimum": 0, "maximum": 1},
                "high": {"type": "number", "minimum": 0, "maximum": 1},
                "aliases": _strings("Other spellings accepted for it."),
                "below": _string("Another word: this one stands for shares below its band."),
                "above": _string("Another word: this one stands for shares above its band."),
                "provenance": _ref("provenance"),
            },
            ["word"],
            "A quantifier word and the share it stands for (low and high, or below/above).",
        ),
        "vocabulary": _table(
            {
                "quantifiers": _array_of("quantifier", "The words, in order."),
                "provenance": _ref("provenance"),
            },
            [],
            "Quantifier words accepted as proportion evidence.",
        ),
        "rule": _table(
            {
                "grade": _ident("The grade the rule gives."),
                "at_least": counts,
                "at_most": counts,
                "none_below": _ident("No member worse than this grade."),
                "minimum": _grade_map(
                    {"type": "string", "pattern": _ID_PATTERN},
                    "Member id -> the grade it must reach.",
                ),
                "provenance": _ref("provenance"),
                "description": _string("The rule in plain words."),
            },
            ["grade"],
            "One rule of the 'rules' method.",
        ),
        "group": _table(
            {
                "rule": _enum("The default group rule.", "weakest", "best_fit", "pooled"),
                "share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
                "spread": _table(
                    {
                        "grades": {
                            "type": "integer",
                            "minimum": 0,
                            "description": "Largest consistent difference in grades.",
                        },
                        "criteria": {
                            "type": "object",
                            "description": "Criterion id -> largest consistent difference.",
                            "propertyNames": {"pattern": _ID_PATTERN},
                            "additionalProperties": {"type": "number", "minimum": 0},
                        },
                        "provenance": _ref("provenance"),
                    },
                    [],
                    "How far members may differ before a group is inconsistent.",
                ),
                "provenance": _ref("provenance"),
            },
            ["rule", "provenance"],
            "How groups of units inspected together are assessed by default.",
        ),
        "findings": _table(
            {
                "provenance": _ref("provenance"),
                "limits": {
                    "type": "array",
                    "description": "Weaknesses that keep the judgement at or below a grade.",
                    "items": _finding_rule("weakness", "to", "The best grade while it fires."),
                },
                "supports": {
                    "type": "array",
                    "description": "Strengths that support a grade where no criterion is graded.",
                    "items": _finding_rule("strength", "grade", "The grade supported."),
                },
            },
            ["provenance"],
            "How findings combine with the criteria into a judgement's grade.",
        ),
        "aggregation": _table(
            {
                "method": _enum(
                    "The aggregation method ('none' only for [overall]: no overall grade).",
                    "best_fit",
                    "secure_fit",
                    "percent_bands",
                    "rules",
                    "none",
                ),
                "share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
                "points": _grade_map({"type": "number"}, "Grade id -> points."),
                "bands": _grade_map(
                    {"type": "number", "minimum": 0, "maximum": 100},
                    "Grade id -> minimum percentage of the maximum points.",
                ),
                "rules": _array_of("rule", "The rules, in order."),
                "provenance": _ref("provenance"),
                "accuracy": _table(
                    {
                        "data": _ident("The id of the source holding the published grades."),
                        "n": {"type": "integer", "minimum": 0},
                        "exact": {"type": "number", "minimum": 0, "maximum": 1},
                        "within_one": {"type": "number", "minimum": 0, "maximum": 1},
                        "command": _string("The command that prints the figures again."),
                    },
                    ["data", "n", "exact", "within_one"],
                    "For a rule derived from published outcomes: how often it reproduces them.",
                ),
            },
            ["method", "provenance"],
            "How members' grades combine into one grade.",
        ),
    }


def _top(partial: bool) -> Schema:
    suffix = "_override" if partial else ""
    properties: Schema = {
        "id": _ident("The framework's id."),
        "title": _string("Its full title."),
        "version": _string("Its version."),
        "status": _enum("Whether the regulator still uses it.", "current", "historical"),
        "valid_from": {"type": "string", "format": "date", "description": "First day in force."},
        "valid_until": {"type": "string", "format": "date", "description": "Last day in force."},
        "description": _string("What it is for and how far it is verified."),
        "missing": _enum("Default policy for absent evidence.", "worst", "exclude", "error"),
        "overall_title": _string("The title of the overall grade."),
        "extends": _string("A parent framework: a bundled id or a path relative to this file."),
        "sources": _array_of(f"source{suffix}", "Documents cited by provenance records."),
        "grades": _array_of(f"grade{suffix}", "The scale, best grade first.", 0 if partial else 2),
        "vocabulary": _ref("vocabulary"),
        "judgements": _array_of(f"judgement{suffix}", "The key judgements.", 0 if partial else 1),
        "overall": _ref("aggregation"),
        "caps": _array_of(f"cap{suffix}", "Limiting rules."),
        "group": _ref("group"),
        "findings": _ref("findings"),
        "kinds": _strings("The kinds of unit evidence may name (centre, group)."),
        "changes": _array_of(f"change{suffix}", "What this framework changed from its parent."),
        "provisions": _array_of(f"provision{suffix}", "What a unit may or may not have."),
        "scales": _array_of(f"scale{suffix}", "Further grade scales (met / not met)."),
        "statuses": _array_of(f"status{suffix}", "Statuses derived from the grades."),
    }
    required = ["id", "title", "version"]
    if partial:
        properties["drop_judgements"] = _strings("Judgement ids of the parent to remove.")
        properties["drop_caps"] = _strings("Cap ids of the parent to remove.")
        required.append("extends")
    else:
        required += ["grades", "judgements", "overall"]
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def framework_schema() -> dict[str, Any]:
    """Return the JSON Schema of a framework TOML file (see ``inspectkit docs framework-format``).

    Returns:
        A draft 2020-12 schema as a dict, ready for `json.dumps`.
    """
    return {
        "$schema": _DRAFT,
        "$id": "https://inspectkit.invalid/schema/framework.json",
        "title": "inspectkit framework",
        "description": "An inspection framework written as a TOML rubric.",
        "if": {"required": ["extends"]},
        "then": _ref("variant"),
        "else": _ref("framework"),
        "$defs": {
            "framework": _top(partial=False),
            "variant": _top(partial=True),
            **_shared_defs(),
            **_defs(partial=False),
            **_defs(partial=True),
        },
    }


# --- The result schema: the JSON an assessment writes (inspectkit.render._data) -----------------

_ID_ROOT = "https://inspectkit.invalid/schema"

RESULT_SCHEMA_ID = f"{_ID_ROOT}/result-{SCHEMA_VERSION}.json"
"""The ``$id`` of the result schema (a name, not a URL anything is fetched from)."""

_GRADE_OR_NULL: dict[str, Any] = {"type": ["string", "null"], "description": "A grade id."}
_SHARE: dict[str, Any] = {"type": "number", "minimum": 0, "maximum": 1}


def _closed(properties: dict[str, Any], *, optional: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": sorted(name for name in properties if name not in optional),
        "additionalProperties": False,
    }


_LEVEL_OR_NULL: dict[str, Any] = {"type": ["string", "null"]}


def _status() -> dict[str, Any]:
    """A derived status as the assessment and group JSON hold it: its level in three cases."""
    return _closed(
        {
            "title": {"type": "string"},
            "level": _LEVEL_OR_NULL,
            "best": _LEVEL_OR_NULL,
            "worst": _LEVEL_OR_NULL,
            "label": {"type": "string"},
            "text": {"type": "string"},
        }
    )


def _finding() -> dict[str, Any]:
    """One finding as the assessment, group and comparison JSON hold it."""
    return _closed(
        {
            "judgements": _STRINGS,
            "sign": {"enum": ["strength", "weakness"]},
            "weight": {"enum": ["minor", "notable", "major"]},
            "text": {"type": "string"},
            "criterion": {"type": ["string", "null"]},
            "source": {"type": "string"},
            "date": _DATE_OR_NULL,
            "note": {"type": "string"},
        }
    )


def _value_defs() -> dict[str, Any]:
    """The ``value`` and ``interval`` definitions: an evidence value as JSON holds it."""
    return {
        "value": {
            "description": "A number, a check (boolean), a rating grade id, 'not_applicable', "
            "an interval, or null when absent.",
            "anyOf": [
                {"type": ["number", "boolean", "string", "null"]},
                {"$ref": "#/$defs/interval"},
            ],
        },
        "interval": _closed({"low": _SHARE, "high": _SHARE, "word": {"type": ["string", "null"]}}),
    }


def _document(
    name: str, title: str, description: str, body: dict[str, Any], defs: dict[str, Any]
) -> dict[str, Any]:
    """Return a whole result schema: its dialect, ``$id`` (versioned), title, body and defs."""
    return {
        "$schema": _DRAFT,
        "$id": f"{_ID_ROOT}/{name}-{SCHEMA_VERSION}.json",
        "title": title,
        "description": description,
        **body,
        "$defs": defs,
    }


def result_schema() -> dict[str, Any]:
    """Return the JSON Schema of an assessment's JSON (``Assessment.to_json()``, ``--format json``).

    Tools that consume inspectkit's JSON can validate it against this schema. It pins
    ``schema_version`` to `inspectkit.render._data.SCHEMA_VERSION`, the layout it describes,
    so a consumer knows when the layout changes.

    Returns:
        A draft 2020-12 schema as a dict, ready for `json.dumps`.
    """
    entry = _closed(
        {
            "value": {"$ref": "#/$defs/value"},
            "counts": _closed(
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
    basis = {"enum": ["verified", "secondary", "third_party", "modelled", "derived"]}
    threshold = _closed({"grade": {"type": "string"}, "value": {"type": "number"}, "basis": basis})
    cap = _closed(
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
    judgement = _closed(
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
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
            "findings_result": {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/findings_result"}]},
            "given": _closed(
                {
                    "grade": {"type": "string"},
                    "source": {"type": "string"},
                    "note": {"type": "string"},
                    "computed": _GRADE_OR_NULL,
                }
            ),
            "not_applicable": {
                "type": "string",
                "description": "Why the judgement does not apply to the unit.",
            },
            "provision_not_stated": {
                "type": "string",
                "description": "The provision it depends on that the evidence does not state.",
            },
        },
        optional=(
            "findings",
            "findings_result",
            "given",
            "not_applicable",
            "provision_not_stated",
        ),
    )
    finding = _finding()
    findings_result = _closed(
        {
            "ceiling": _GRADE_OR_NULL,
            "support": _GRADE_OR_NULL,
            "criteria": _GRADE_OR_NULL,
            "limit": {
                "anyOf": [
                    {"type": "null"},
                    _closed(
                        {
                            "weakness": {"type": "string"},
                            "count": {"type": "integer"},
                            "to": {"type": "string"},
                            "basis": basis,
                        }
                    ),
                ]
            },
            "supported_by": {
                "anyOf": [
                    {"type": "null"},
                    _closed(
                        {
                            "strength": {"type": "string"},
                            "count": {"type": "integer"},
                            "grade": {"type": "string"},
                            "basis": basis,
                        }
                    ),
                ]
            },
            "holds": {"type": "boolean"},
            "reason": {"type": "string"},
        }
    )
    criterion = _closed(
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
    schema = _closed(
        {
            "schema_version": {"const": SCHEMA_VERSION},
            "framework": _closed(
                {
                    "id": {"type": "string"},
                    "version": {"type": "string"},
                    "title": {"type": "string"},
                }
            ),
            "unit": {"type": "string"},
            "kind": {"type": "string"},
            "date": {"type": ["string", "null"], "format": "date"},
            "source": {"type": "string"},
            "missing": {"enum": ["worst", "exclude", "error"]},
            "coverage": _SHARE,
            "overall": {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/judgement"}]},
            "judgements": {"type": "array", "items": {"$ref": "#/$defs/judgement"}},
            "criteria": {"type": "array", "items": {"$ref": "#/$defs/criterion"}},
            "target": {"$ref": "#/$defs/target"},
            "what_if": {"$ref": "#/$defs/what_if"},
            "provision": {
                "type": "object",
                "additionalProperties": {"type": "boolean"},
                "description": "What the evidence says the unit has (provision id -> bool).",
            },
            "warnings": {
                "type": "array",
                "items": _closed(
                    {
                        "path": {"type": "string"},
                        "code": {"type": "string"},
                        "message": {"type": "string"},
                        "line": {"type": ["integer", "null"]},
                    }
                ),
            },
            "statuses": {
                "type": "object",
                "description": "Derived status id -> its level (only for frameworks with some).",
                "additionalProperties": {"$ref": "#/$defs/status"},
            },
        },
        optional=("source", "target", "what_if", "provision", "warnings", "statuses"),
    )
    status = _status()
    return _document(
        "result",
        "inspectkit assessment",
        "A predicted inspection outcome for one unit, as inspectkit writes it. With "
        "'what_if' it is hypothetical: the unit's evidence with the changes it lists.",
        schema,
        {
            **_value_defs(),
            "entry": entry,
            "threshold": threshold,
            "cap": cap,
            "judgement": judgement,
            "finding": finding,
            "findings_result": findings_result,
            "criterion": criterion,
            **_target_defs(),
            **_what_if_defs(),
            "status": status,
        },
    )


def _target_defs() -> dict[str, Any]:
    """``target``: the ranked gaps to a grade and the lift plan to it (``--target``)."""
    number = {"type": ["number", "null"]}
    count = {"type": ["integer", "null"]}
    gap = _closed(
        {
            "criterion": {"type": "string"},
            "title": {"type": "string"},
            "judgement": {"type": "string"},
            "grade": _GRADE_OR_NULL,
            "value": {"$ref": "#/$defs/value"},
            "required": {"type": "string"},
            "need": {"type": "string"},
            "target_value": {"type": ["number", "boolean", "string", "null"]},
            "distance": number,
            "more": count,
            "of": count,
            "absent": {"type": "boolean"},
            "blocking": {"type": "boolean"},
            "caps": _STRINGS,
            "in_plan": {"type": "boolean"},
            "lifts_judgement": {"type": "boolean"},
            "lifts_overall": {"type": "boolean"},
            "steps": {"type": "integer", "minimum": 0},
        }
    )
    change = _closed(
        {
            "criterion": {"type": "string"},
            "title": {"type": "string"},
            "judgement": {"type": "string"},
            "before": _GRADE_OR_NULL,
            "after": {"type": "string"},
            "steps": {"type": "integer", "minimum": 0},
            "value": {"type": ["number", "boolean", "string"]},
            "words": {"type": "string"},
        }
    )
    plan = _closed(
        {
            "scope": {"type": "string"},
            "target": {"type": "string"},
            "before": _GRADE_OR_NULL,
            "after": _GRADE_OR_NULL,
            "reachable": {"type": "boolean"},
            "minimal": {"type": "boolean"},
            "reason": {"type": "string"},
            "changes": {"type": "array", "items": {"$ref": "#/$defs/plan_change"}},
        }
    )
    target = _closed(
        {
            "grade": {"type": "string"},
            "gaps": {"type": "array", "items": {"$ref": "#/$defs/gap"}},
            "lift_plan": {"$ref": "#/$defs/lift_plan"},
        }
    )
    return {"gap": gap, "plan_change": change, "lift_plan": plan, "target": target}


def _what_if_defs() -> dict[str, Any]:
    """``what_if``: what makes an assessment's JSON hypothetical, and what it changed."""
    entry_or_null = {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/entry"}]}
    change = _closed(
        {"criterion": {"type": "string"}, "before": entry_or_null, "after": entry_or_null}
    )
    base = _closed(
        {
            "overall": _GRADE_OR_NULL,
            "best": _GRADE_OR_NULL,
            "worst": _GRADE_OR_NULL,
            "coverage": _SHARE,
            "judgements": {"type": "object", "additionalProperties": _GRADE_OR_NULL},
            "statuses": {
                "type": "object",
                "description": "Derived status id -> its recorded level, before the changes "
                "(only for frameworks with statuses).",
                "additionalProperties": {"$ref": "#/$defs/status"},
            },
        },
        optional=("statuses",),
    )
    what_if = _closed(
        {
            "hypothetical": {"const": True},
            "note": {"type": "string"},
            "changes": {"type": "array", "items": {"$ref": "#/$defs/what_if_change"}},
            "findings_added": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
            "findings_removed": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
            "base": base,
            "moved": {"type": "array", "items": {"$ref": "#/$defs/movement"}},
            "target": {"type": "string"},
            "gaps_closed": _STRINGS,
            "gaps_opened": _STRINGS,
        }
    )
    movement = _comparison_defs()["movement"]
    return {"what_if": what_if, "what_if_change": change, "movement": movement}


_STRINGS: dict[str, Any] = {"type": "array", "items": {"type": "string"}}
_DATE_OR_NULL: dict[str, Any] = {"type": ["string", "null"], "format": "date"}
_VERSION: dict[str, Any] = {"const": SCHEMA_VERSION}


def group_schema() -> dict[str, Any]:
    """Return the JSON Schema of a group assessment's JSON (``GroupAssessment.to_json()``).

    Returns:
        A draft 2020-12 schema as a dict, ready for `json.dumps`.
    """
    grade = _closed(
        {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "grade": _GRADE_OR_NULL,
            "best": _GRADE_OR_NULL,
            "worst": _GRADE_OR_NULL,
            "members": {"type": "object", "additionalProperties": _GRADE_OR_NULL},
            "holding_down": _STRINGS,
            "reason": {"type": "string"},
        }
    )
    provenance = _closed(
        {
            "basis": {"enum": ["verified", "secondary", "third_party", "modelled", "derived"]},
            "source": {"type": ["string", "null"]},
            "note": {"type": "string"},
        }
    )
    rule = _closed(
        {
            "rule": {"enum": ["weakest", "best_fit", "pooled"]},
            "share": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
            "provenance": provenance,
            "spread": _closed(
                {
                    "grades": {"type": ["integer", "null"], "minimum": 0},
                    "criteria": {"type": "object", "additionalProperties": {"type": "number"}},
                }
            ),
        }
    )
    inconsistency = _closed(
        {
            "id": {"type": "string"},
            "kind": {"enum": ["grade", "value"]},
            "spread": {"type": "number"},
            "allowed": {"type": "number"},
            "low": _STRINGS,
            "high": _STRINGS,
            "reason": {"type": "string"},
        }
    )
    member = _closed(
        {
            "unit": {"type": "string"},
            "date": _DATE_OR_NULL,
            "overall": _GRADE_OR_NULL,
            "judgements": {"type": "object", "additionalProperties": _GRADE_OR_NULL},
            "coverage": _SHARE,
            "statuses": {
                "type": "object",
                "description": "Derived status id -> the member's level id, null for none "
                "(only for frameworks with statuses).",
                "additionalProperties": _LEVEL_OR_NULL,
            },
        },
        optional=("statuses",),
    )
    body = _closed(
        {
            "schema_version": _VERSION,
            "kind": {"const": "group"},
            "framework": _closed({"id": {"type": "string"}, "version": {"type": "string"}}),
            "unit": {"type": "string"},
            "date": _DATE_OR_NULL,
            "rule": rule,
            "missing": {"enum": ["worst", "exclude", "error"]},
            "coverage": _SHARE,
            "overall": {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/grade"}]},
            "judgements": {"type": "array", "items": {"$ref": "#/$defs/grade"}},
            "criteria": {"type": "array", "items": {"$ref": "#/$defs/grade"}},
            "holding_down": _STRINGS,
            "inconsistencies": {"type": "array", "items": inconsistency},
            "pooled": _STRINGS,
            "weakest_evidence": {"type": "object", "additionalProperties": {"type": "string"}},
            "members": {"type": "array", "items": member},
            "findings": {
                "description": "Judgement id -> the members' findings filed under it, each "
                "distinct one once; only judgements with findings, and only when there are any.",
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
            },
            "statuses": {
                "type": "object",
                "description": "Derived status id -> its level on the group's grades (only for "
                "frameworks with statuses).",
                "additionalProperties": {"$ref": "#/$defs/status"},
            },
        },
        optional=("findings", "statuses"),
    )
    return _document(
        "group",
        "inspectkit group assessment",
        "Predicted grades for a group of units inspected together, as inspectkit writes them.",
        body,
        {"grade": grade, "finding": _finding(), "status": _status()},
    )


def _comparison_defs() -> dict[str, Any]:
    """The definitions a comparison needs, shared with the timeline schema."""
    grade_range = {"type": "array", "items": _GRADE_OR_NULL, "minItems": 2, "maxItems": 2}
    status = {"enum": ["exact", "interval", "absent", "not_applicable", ""]}
    movement = _closed(
        {
            "id": {"type": "string"},
            "kind": {"enum": ["overall", "judgement", "criterion"]},
            "title": {"type": "string"},
            "before": _GRADE_OR_NULL,
            "after": _GRADE_OR_NULL,
            "before_range": grade_range,
            "after_range": grade_range,
            "steps": {"type": ["integer", "null"]},
            "direction": {"enum": ["improved", "declined", "unchanged", "changed"]},
            "before_value": {"$ref": "#/$defs/value"},
            "after_value": {"$ref": "#/$defs/value"},
            "value_change": {"type": ["number", "null"]},
            "before_status": status,
            "after_status": status,
            "before_coverage": {"type": ["number", "null"]},
            "after_coverage": {"type": ["number", "null"]},
            "before_not_applicable": {
                "type": "string",
                "description": "For a judgement that did not apply before, the text its report "
                "shows (as an assessment's not_applicable); only then.",
            },
            "after_not_applicable": {
                "type": "string",
                "description": "As before_not_applicable, after.",
            },
        },
        optional=(
            "before_value",
            "after_value",
            "value_change",
            "before_status",
            "after_status",
            "before_coverage",
            "after_coverage",
            "before_not_applicable",
            "after_not_applicable",
        ),
    )
    side = _closed(
        {
            "date": _DATE_OR_NULL,
            "framework_version": {"type": "string"},
            "overall": _GRADE_OR_NULL,
            "coverage": _SHARE,
        }
    )
    change = _closed(
        {"kind": {"type": "string"}, "id": {"type": "string"}, "detail": {"type": "string"}}
    )
    declared = _closed(
        {
            "id": {"type": "string"},
            "summary": {"type": "string"},
            "affects": _STRINGS,
            "basis": {"type": ["string", "null"]},
            "source": {"type": ["string", "null"]},
        }
    )
    comparison = _closed(
        {
            "schema_version": _VERSION,
            "kind": {"const": "comparison"},
            "framework": {"type": "string"},
            "unit": {"type": "string"},
            "target": {"type": "string"},
            "before": {"$ref": "#/$defs/side"},
            "after": {"$ref": "#/$defs/side"},
            "overall": {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/movement"}]},
            "judgements": {"type": "array", "items": {"$ref": "#/$defs/movement"}},
            "criteria": {"type": "array", "items": {"$ref": "#/$defs/movement"}},
            "gaps_closed": _STRINGS,
            "gaps_opened": _STRINGS,
            "gaps_open": _STRINGS,
            "framework_changes": {"type": "array", "items": change},
            "findings_added": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
            "findings_removed": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
            "declared_changes": {"type": "array", "items": declared},
        },
        optional=("findings_added", "findings_removed", "declared_changes"),
    )
    return {
        **_value_defs(),
        "finding": _finding(),
        "movement": movement,
        "side": side,
        "comparison": comparison,
    }


def comparison_schema() -> dict[str, Any]:
    """Return the JSON Schema of a comparison's JSON (``Comparison.to_json()``).

    Returns:
        A draft 2020-12 schema as a dict, ready for `json.dumps`.
    """
    return _document(
        "comparison",
        "inspectkit comparison",
        "How a unit's predicted grades moved between two assessments, as inspectkit writes it.",
        {"$ref": "#/$defs/comparison"},
        _comparison_defs(),
    )


def timeline_schema() -> dict[str, Any]:
    """Return the JSON Schema of a timeline's JSON (``Timeline.to_json()``).

    Returns:
        A draft 2020-12 schema as a dict, ready for `json.dumps`.
    """
    body = _closed(
        {
            "schema_version": _VERSION,
            "kind": {"const": "timeline"},
            "framework": {"type": "string"},
            "unit": {"type": "string"},
            "target": {"type": "string"},
            "assessments": {"type": "array", "items": {"$ref": "#/$defs/side"}, "minItems": 1},
            "steps": {"type": "array", "items": {"$ref": "#/$defs/comparison"}},
        }
    )
    return _document(
        "timeline",
        "inspectkit timeline",
        "A unit's predicted grades over many dated assessments, as inspectkit writes them.",
        body,
        _comparison_defs(),
    )


def calibration_schema() -> dict[str, Any]:
    """Return the JSON Schema of a calibration report's JSON (``CalibrationReport.to_json()``).

    Returns:
        A draft 2020-12 schema as a dict, ready for `json.dumps`.
    """
    count = {"type": "integer", "minimum": 0}
    share = {"type": ["number", "null"], "minimum": 0, "maximum": 1}
    grade_range = {"grade": _GRADE_OR_NULL, "best": _GRADE_OR_NULL, "worst": _GRADE_OR_NULL}
    baseline = _closed(
        {
            "grade": _GRADE_OR_NULL,
            "exact": count,
            "within_one": count,
            "exact_share": share,
            "within_one_share": share,
        }
    )
    matrix = _closed(
        {
            "published": _STRINGS,
            "predicted": {"type": "array", "items": _GRADE_OR_NULL},
            "counts": {"type": "array", "items": {"type": "array", "items": count}},
        }
    )
    agreement = _closed(
        {
            "target": {"type": "string"},
            "title": {"type": "string"},
            "n": count,
            "exact": count,
            "within_one": count,
            "ungraded": count,
            "exact_share": share,
            "within_one_share": share,
            "matrix": matrix,
            "baseline": baseline,
        }
    )
    miss = _closed(
        {
            "case": {"type": "string"},
            "target": {"type": "string"},
            "published": {"type": "string"},
            "predicted": _GRADE_OR_NULL,
            "best": _GRADE_OR_NULL,
            "worst": _GRADE_OR_NULL,
            "grades_off": {"type": ["integer", "null"]},
            "reasons": _STRINGS,
        }
    )
    case = _closed(
        {
            "id": {"type": "string"},
            "unit": {"type": "string"},
            "file": {"type": ["string", "null"]},
            "attributes": {"type": "object", "additionalProperties": {"type": "string"}},
            "published": {"type": "object", "additionalProperties": {"type": "string"}},
            "predicted": {"type": "object", "additionalProperties": _closed(grade_range)},
            "coverage": _SHARE,
        }
    )
    body = _closed(
        {
            "schema_version": _VERSION,
            "kind": {"const": "calibration"},
            "framework": _closed(
                {
                    "id": {"type": "string"},
                    "version": {"type": "string"},
                    "title": {"type": "string"},
                }
            ),
            "missing": {"enum": ["worst", "exclude", "error"]},
            "overall": {"$ref": "#/$defs/agreement"},
            "judgements": {"type": "array", "items": {"$ref": "#/$defs/agreement"}},
            "pooled": {"$ref": "#/$defs/agreement"},
            "misses": {"type": "array", "items": {"$ref": "#/$defs/miss"}},
            "ungraded": {"type": "array", "items": {"$ref": "#/$defs/miss"}},
            "cases": {"type": "array", "items": case},
            "no_evidence": _STRINGS,
            "no_outcome": _STRINGS,
        }
    )
    return _document(
        "calibration",
        "inspectkit calibration report",
        "Predictions against published grades: agreement, confusion matrices, the "
        "commonest-grade baseline and the misses, as inspectkit writes them.",
        body,
        {"agreement": agreement, "miss": miss},
    )


SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "calibration": calibration_schema,
    "comparison": comparison_schema,
    "evidence": evidence_schema,
    "framework": framework_schema,
    "group": group_schema,
    "result": result_schema,
    "timeline": timeline_schema,
}
"""Schema name -> the function that builds it; ``inspectkit schema NAME`` prints it."""
