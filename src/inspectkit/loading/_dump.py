"""Write a `Framework` back out as the TOML-shaped dict the format describes.

This is the direction where cattrs' defaults are right, so a `cattrs.Converter` with
``omit_if_default=True`` does the work: enums become their values, defaults are left out (so
the output reads like a hand-written file), and only the shapes where the model and the format
differ have hooks of their own:

- a `GradeScale` is the ``grades`` array, and a grade's internal ``rank`` is not written;
- a criterion's thresholds are the table ``grade id -> number``; a threshold whose provenance
  differs from the criterion's is written ``{ value, provenance }``;
- a findings limit or support whose provenance is its ``[findings]`` table's leaves it out,
  as the file did (the loader gives it the table's again);
- a judgement with a ``provision`` is written with ``applies = "where_provision"``, the key
  that says so in a file;
- immutable mappings are plain dicts.

Every value in the result is a string, number, boolean, list or dict (never ``None``), so any
TOML writer can write it, and loading what it writes gives an equal `Framework`.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from inspectkit import rubric
from inspectkit._lazy import define_all
from inspectkit.grades import Grade, GradeScale
from inspectkit.rubric import (
    Condition,
    Criterion,
    FindingsRule,
    Framework,
    Judgement,
    Quantifier,
    StatusLevel,
)

if TYPE_CHECKING:
    import cattrs

__all__ = ["framework_to_dict"]


@functools.cache
def _converter() -> cattrs.Converter:
    # cattrs is imported here, not at the top: only writing a framework back out uses it, and
    # importing it costs a plain `import inspectkit` about a tenth of its start-up time.
    import cattrs
    from cattrs.gen import make_dict_unstructure_fn, override

    define_all(rubric)  # cattrs resolves the models' annotations, lazy names among them
    converter = cattrs.Converter(omit_if_default=True)
    converter.register_unstructure_hook(types.MappingProxyType, dict)
    converter.register_unstructure_hook_func(
        lambda cls: getattr(cls, "__origin__", None) is Mapping, dict
    )
    converter.register_unstructure_hook(
        Grade,
        make_dict_unstructure_fn(
            Grade,
            converter,
            _cattrs_omit_if_default=True,
            rank=override(omit=True),
            size=override(omit=True),
        ),
    )
    converter.register_unstructure_hook(
        GradeScale, lambda scale: [converter.unstructure(grade) for grade in scale.grades]
    )
    criterion_fn = make_dict_unstructure_fn(
        Criterion, converter, _cattrs_omit_if_default=True, thresholds=override(omit=True)
    )

    def criterion(value: Criterion) -> dict[str, Any]:
        data: dict[str, Any] = criterion_fn(value)
        if value.thresholds:
            thresholds: dict[str, Any] = {}
            for threshold in value.thresholds:
                if threshold.provenance == value.provenance:
                    thresholds[threshold.grade] = threshold.value
                else:
                    thresholds[threshold.grade] = {
                        "value": threshold.value,
                        "provenance": converter.unstructure(threshold.provenance),
                    }
            data["thresholds"] = thresholds
        return data

    converter.register_unstructure_hook(Criterion, criterion)
    quantifier_fn = make_dict_unstructure_fn(Quantifier, converter, _cattrs_omit_if_default=True)

    def quantifier(value: Quantifier) -> dict[str, Any]:
        data: dict[str, Any] = quantifier_fn(value)
        if value.below or value.above:
            # The band is resolved from the other word when the file is loaded again.
            data.pop("low", None)
            data.pop("high", None)
        return data

    converter.register_unstructure_hook(Quantifier, quantifier)

    def findings(value: FindingsRule) -> dict[str, Any]:
        data: dict[str, Any] = {"provenance": converter.unstructure(value.provenance)}
        for key, rules in (("limits", value.limits), ("supports", value.supports)):
            if not rules:
                continue
            written = []
            for rule in rules:
                entry = converter.unstructure(rule)
                if rule.provenance == value.provenance:
                    del entry["provenance"]
                written.append(entry)
            data[key] = written
        return data

    converter.register_unstructure_hook(FindingsRule, findings)
    judgement_fn = make_dict_unstructure_fn(Judgement, converter, _cattrs_omit_if_default=True)

    def judgement(value: Judgement) -> dict[str, Any]:
        data: dict[str, Any] = judgement_fn(value)
        if value.provision is not None:
            data["applies"] = "where_provision"
        return data

    converter.register_unstructure_hook(Judgement, judgement)
    _status_hooks(converter)
    converter.register_unstructure_hook(
        Framework,
        make_dict_unstructure_fn(
            Framework,
            converter,
            _cattrs_omit_if_default=True,
            scale=override(rename="grades"),
            lineage=override(omit=True),
        ),
    )
    return converter


def _status_hooks(converter: cattrs.Converter) -> None:
    """Write statuses' conditions with the file's keys (``any``, ``all``, ``except``)."""
    from cattrs.gen import make_dict_unstructure_fn

    condition_fn = make_dict_unstructure_fn(Condition, converter, _cattrs_omit_if_default=True)
    # The model's names for three condition keys that are Python words or builtins.
    renamed = {"any_of": "any", "all_of": "all", "excluding": "except"}

    def condition(value: Condition) -> dict[str, Any]:
        data: dict[str, Any] = condition_fn(value)
        return {renamed.get(key, key): item for key, item in data.items()}

    converter.register_unstructure_hook(Condition, condition)
    level_fn = make_dict_unstructure_fn(StatusLevel, converter, _cattrs_omit_if_default=True)

    def level(value: StatusLevel) -> dict[str, Any]:
        data: dict[str, Any] = level_fn(value)
        data.update(data.pop("condition"))  # a level's any / all sit in the level's table
        return data

    converter.register_unstructure_hook(StatusLevel, level)


def framework_to_dict(framework: Framework) -> dict[str, Any]:
    """Return *framework* as the dict a framework TOML file parses to.

    Keys with default values are left out. ``tomli_w.dumps(framework_to_dict(framework))``
    is a framework file that loads to a framework equal to *framework*.

    Args:
        framework: A checked framework.

    Returns:
        A dict of strings, numbers, booleans, lists and dicts.
    """
    data: dict[str, Any] = _converter().unstructure(framework)
    return data
