"""A JSON Schema for evidence files, for TOML editors that validate and complete as you type.

`evidence_schema()` describes any evidence file; `evidence_schema(framework)` describes the
files for one framework: its criterion ids, and for each the value forms its measure accepts
(quantifier words and grade names included, matched as loosely as the loader matches them).
The loader stays the authority: the schema cannot say that a numerator is at most its
denominator, or that a percentage is at most 100%, and it does not try to.

TOML dates appear as strings of ``format: date``, as TOML-aware editors present them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import Any

from inspectkit.loading._findings import WEIGHT_WORDS
from inspectkit.loading._framework import resolve_framework
from inspectkit.loading._values import (
    ABOUT_WORDS,
    AT_LEAST_WORDS,
    AT_MOST_WORDS,
    NEGATION_WORDS,
    NUMBER,
    PERCENT,
)
from inspectkit.rubric import Criterion, Framework, Measure

__all__ = ["SCHEMA_DIALECT", "evidence_schema"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect the schema is written in."""

_NOT_APPLICABLE = (
    r"^\s*(?:[Nn][Oo][Tt][\s_-]+[Aa][Pp][Pp][Ll][Ii][Cc][Aa][Bb][Ll][Ee]|[Nn]/[Aa])\s*$"
)
_META = {
    "source": {"type": "string", "description": "Where the evidence comes from."},
    "date": {
        "type": "string",
        "format": "date",
        "description": "When the evidence was collected.",
    },
    "note": {"type": "string", "description": "Anything a reader should know about it."},
}


def _caseless(word: str) -> str:
    """*word* as a pattern that ignores case (JSON Schema patterns take no flags)."""
    return "".join(
        f"[{char.lower()}{char.upper()}]" if char.lower() != char.upper() else re.escape(char)
        for char in word
    )


def _alternatives(names: Iterable[str], between: str) -> str:
    """An alternation of *names*, their words joined by *between*, ignoring case."""
    return "|".join(
        between.join(_caseless(word) for word in re.split(r"[\s_\-]+", name.strip()))
        for name in sorted(set(names))
    )


def _loose(names: list[str]) -> str:
    """A pattern matching any of *names* as `normalise_name` compares them."""
    return r"^\s*(?:" + _alternatives(names, r"[\s_-]+") + r")\s*$"


def _share_words(words: list[str]) -> str:
    """A pattern for the quantifier phrases the loader reads (`ValueReader.word_interval`).

    A vocabulary word, the same word after "not", "not yet" or "short of", and, for any
    framework, "about 25%", "more than 80%" or "fewer than 50%". Built from the loader's own
    word lists, so the schema cannot refuse a phrase the loader reads.
    """
    numbers = _alternatives((*ABOUT_WORDS, *AT_LEAST_WORDS, *AT_MOST_WORDS), r"\s+")
    forms = [rf"(?:{numbers})\s+{NUMBER}\s*%"]
    if words:
        vocabulary = _alternatives(words, r"[\s_-]+")
        negations = _alternatives(NEGATION_WORDS, r"\s+")
        forms[:0] = [rf"(?:{negations})\s+(?:{vocabulary})", rf"(?:{vocabulary})"]
    return r"^\s*(?:" + "|".join(forms) + r")\s*$"


def _defs() -> dict[str, Any]:
    return {
        "not_applicable": {
            "type": "string",
            "pattern": _NOT_APPLICABLE,
            "description": "The criterion does not apply to this unit.",
        },
        "proportion": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "description": "A share between 0 and 1.",
        },
        "percentage": {
            "type": "string",
            "pattern": PERCENT,
            "description": 'A percentage, 0% to 100%, such as "72%".',
        },
        "counts": {
            "type": "object",
            "properties": {
                "numerator": {"type": "integer", "minimum": 0},
                "denominator": {"type": "integer", "minimum": 1},
                **_META,
            },
            "required": ["numerator", "denominator"],
            "additionalProperties": False,
            "description": "The counts a proportion comes from; numerator <= denominator.",
        },
        "interval": {
            "type": "object",
            "properties": {
                "low": {"anyOf": [{"$ref": "#/$defs/proportion"}, {"$ref": "#/$defs/percentage"}]},
                "high": {"anyOf": [{"$ref": "#/$defs/proportion"}, {"$ref": "#/$defs/percentage"}]},
                **_META,
            },
            "required": ["low", "high"],
            "additionalProperties": False,
            "description": "A proportion known only to lie between low and high.",
        },
    }


def _long_form(bare: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"value": bare, **_META},
        "required": ["value"],
        "additionalProperties": False,
        "description": "The value with where it came from.",
    }


def _grade_options(framework: Framework) -> list[dict[str, Any]]:
    """The forms a grade may take: an id, label, alias or position, matched loosely."""
    names = [name for grade in framework.scale for name in (grade.id, grade.label)]
    names += [alias for grade in framework.scale for alias in grade.aliases]
    names += [str(position) for position in range(1, len(framework.scale) + 1)]
    return [
        {
            "type": "string",
            "pattern": _loose(names),
            "description": "A grade: " + ", ".join(framework.scale.ids) + ".",
        },
        {"type": "integer", "minimum": 1, "maximum": len(framework.scale)},
    ]


def _outcome_schema(framework: Framework | None) -> dict[str, Any]:
    """``[outcome]``: the published grades, read only by calibration."""
    description = (
        "The grades an inspection published for the unit (overall and judgement ids), for "
        "inspectkit calibrate; they never feed the assessment. An empty string: not published."
    )
    if framework is None:
        return {
            "type": "object",
            "additionalProperties": {"type": ["string", "integer"]},
            "description": description,
        }
    grade = {"anyOf": [*_grade_options(framework), {"type": "string", "pattern": r"^\s*$"}]}
    targets = ["overall", *(judgement.id for judgement in framework.judgements)]
    return {
        "type": "object",
        "properties": dict.fromkeys(targets, grade),
        "additionalProperties": False,
        "description": description,
    }


def _provision_schema(framework: Framework | None) -> dict[str, Any]:
    """``[provision]``: provision id -> whether the unit has it."""
    description = (
        "Provision id -> true (the unit has it) or false (it has not: what depends on it is "
        "not applicable). A provision left out is not stated, and what depends on it is graded."
    )
    if framework is None:
        return {
            "type": "object",
            "additionalProperties": {"type": "boolean"},
            "description": description,
        }
    return {
        "type": "object",
        "properties": {
            provision.id: {"type": "boolean", "description": provision.label}
            for provision in framework.provisions
        },
        "additionalProperties": False,
        "description": description,
    }


def _given_schema(framework: Framework | None) -> dict[str, Any]:
    """``[judgements]``: grades given directly, each final for its judgement."""
    description = (
        "Judgement id -> a grade given directly (a mock inspector's or a published decision), "
        "'not_applicable', or a table { grade, source, note }. A given grade is final for its "
        "judgement; overall cannot be given (a published overall goes under [outcome])."
    )
    grade: dict[str, Any] = {"type": ["string", "integer"]}
    if framework is not None:
        grade = {"anyOf": [*_grade_options(framework), {"$ref": "#/$defs/not_applicable"}]}
    value = {
        "anyOf": [
            grade,
            {
                "type": "object",
                "properties": {
                    "grade": grade,
                    "source": {"type": "string"},
                    "note": {"type": "string"},
                },
                "required": ["grade"],
                "additionalProperties": False,
            },
        ]
    }
    if framework is None:
        return {"type": "object", "additionalProperties": value, "description": description}
    ids = [judgement.id for judgement in framework.judgements]
    return {
        "type": "object",
        "properties": dict.fromkeys(ids, value),
        "additionalProperties": False,
        "description": description,
    }


def _criterion_schema(framework: Framework, criterion: Criterion) -> dict[str, Any]:
    na = {"$ref": "#/$defs/not_applicable"}
    measure = criterion.measure
    extra: list[dict[str, Any]] = []
    if measure is Measure.PROPORTION:
        options: list[dict[str, Any]] = [
            {"$ref": "#/$defs/proportion"},
            {"$ref": "#/$defs/percentage"},
        ]
        words = [
            name
            for quantifier in framework.vocabulary.quantifiers
            for name in (quantifier.word, *quantifier.aliases)
        ]
        in_words = "a share in words: 'about 25%', 'more than 80%'."
        if words:
            described = (
                f"A quantifier word ({', '.join(words)}), the same after 'not' or 'short of', "
                f"or {in_words}"
            )
        else:
            described = in_words[0].upper() + in_words[1:]
        options.append(
            {
                "type": "string",
                "pattern": _share_words(words),
                "description": described,
            }
        )
        extra = [{"$ref": "#/$defs/counts"}, {"$ref": "#/$defs/interval"}]
    elif measure is Measure.QUANTITY:
        number: dict[str, Any] = {"type": "number"}
        if criterion.minimum is not None:
            number["minimum"] = criterion.minimum
        if criterion.maximum is not None:
            number["maximum"] = criterion.maximum
        if criterion.unit:
            number["description"] = f"A number in {criterion.unit}."
        options = [number]
    elif measure is Measure.CHECK:
        options = [{"type": "boolean", "description": "true (met) or false (not met)."}]
    else:
        options = _grade_options(framework)
    bare = {"anyOf": [*options, na]}
    description = criterion.title + (
        f". Collect: {criterion.evidence}" if criterion.evidence else ""
    )
    return {
        "description": description,
        "anyOf": [*options, na, _long_form(bare), *extra],
    }


def _findings_schema(framework: Framework | None) -> dict[str, Any]:
    """The ``[[findings]]`` array; for a framework, its judgement and criterion ids."""
    judgement: dict[str, Any] = {"type": "string", "minLength": 1}
    criterion: dict[str, Any] = {"type": "string", "minLength": 1}
    if framework is not None:
        judgement = {"enum": [j.id for j in framework.judgements]}
        criterion = {"enum": [c.id for c in framework.criteria()]}
    words = {"type": "string", "pattern": r"\S", "description": "The finding in your words."}
    finding = {
        "type": "object",
        "properties": {
            "judgement": {
                "anyOf": [judgement, {"type": "array", "items": judgement, "minItems": 1}],
                "description": "The judgement id, or ids, the finding is filed under.",
            },
            "strength": words,
            "weakness": words,
            "weight": {
                "type": "string",
                "pattern": _loose(list(WEIGHT_WORDS)),
                "description": "minor, notable or major (serious, widespread: major).",
            },
            "criterion": {**criterion, "description": "The criterion it is about."},
            **_META,
        },
        "required": ["judgement", "weight"],
        "oneOf": [{"required": ["strength"]}, {"required": ["weakness"]}],
        "additionalProperties": False,
        "description": "One strength or weakness.",
    }
    return {
        "type": "array",
        "items": finding,
        "description": "Strengths and weaknesses; see `inspectkit docs recording-findings`.",
    }


def _generic_value() -> dict[str, Any]:
    bare: dict[str, Any] = {"type": ["number", "boolean", "string"]}
    return {
        "anyOf": [
            bare,
            _long_form(bare),
            {"$ref": "#/$defs/counts"},
            {"$ref": "#/$defs/interval"},
        ],
        "description": "The value for one criterion; the framework decides which forms fit.",
    }


def evidence_schema(
    framework: Framework | str | os.PathLike[str] | None = None,
) -> dict[str, Any]:
    """Return a JSON Schema (draft 2020-12) for evidence files.

    Args:
        framework: ``None`` for a schema that fits evidence for any framework; a `Framework`,
            bundled id or path for one that knows the framework's criteria and the value forms
            each accepts.

    Returns:
        The schema, as a JSON-ready dictionary.

    Raises:
        FrameworkNotFoundError: No framework has that id or path.
        FrameworkError: The framework file is not valid.
    """
    resolved = None if framework is None else resolve_framework(framework)
    defs = _defs()
    if resolved is None:
        title = "inspectkit evidence file"
        framework_key: dict[str, Any] = {"type": "string", "minLength": 1}
        entries: dict[str, Any] = {
            "type": "object",
            "additionalProperties": {"$ref": "#/$defs/value"},
        }
        defs["value"] = _generic_value()
    else:
        title = f"Evidence for {resolved.title} ({resolved.id})"
        framework_key = {
            "type": "string",
            "anyOf": [{"const": resolved.id}, {"pattern": r"(?:\.toml$|/|\\)"}],
        }
        entries = {
            "type": "object",
            "properties": {
                criterion.id: _criterion_schema(resolved, criterion)
                for criterion in resolved.criteria()
            },
            "additionalProperties": False,
        }
    framework_key["description"] = "The framework's id, or the path of its file."
    entries["description"] = "Criterion id -> value. A criterion not listed is absent."
    return {
        "$schema": SCHEMA_DIALECT,
        "title": title,
        "type": "object",
        "properties": {
            "framework": framework_key,
            "framework_version": {
                "type": "string",
                "description": "The framework version the evidence was written for.",
            },
            "unit": {
                "type": "string",
                "pattern": r"\S",
                "description": "The centre or group the evidence describes.",
            },
            "kind": {
                "type": "string",
                "pattern": r"\S",
                "description": 'What the unit is: "centre" (the default), "group", ...',
            },
            "date": {
                "type": "string",
                "format": "date",
                "description": "The date the evidence describes.",
            },
            "source": {"type": "string", "description": "Where the evidence comes from."},
            "note": {"type": "string", "description": "Anything a reader should know."},
            "evidence": entries,
            "findings": _findings_schema(resolved),
            "outcome": _outcome_schema(resolved),
            "judgements": _given_schema(resolved),
            "provision": _provision_schema(resolved),
        },
        "required": ["framework", "unit"],
        "additionalProperties": False,
        "$defs": defs,
    }
