"""Model reprs written at call time (`inspectkit._repr.attrs_repr`) are the text attrs writes.

The model classes name `attrs_repr` as their ``__repr__`` so that attrs does not compile one
for each class at import (issue 15: a fast start). Each check compares it, class by class, with
the repr attrs itself generates for a twin of the class: a subclass with the same fields, on
which attrs writes its own ``__repr__``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import inspectkit
from inspectkit import _repr, evidence, grades, results, rubric
from inspectkit._repr import attrs_repr
from inspectkit._results import calibration, groups, progress
from inspectkit.loading import _files, _listing, _outcomes, _statuses

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

MODELS = (rubric, evidence, grades, results, calibration, groups, progress)
"""The model modules: each class is checked on real instances too."""

MODULES = (*MODELS, _files, _listing, _outcomes, _statuses)

CLASSES = sorted(
    (
        value
        for module in MODULES
        for value in vars(module).values()
        if isinstance(value, type)
        and value.__module__ == module.__name__
        and value.__dict__.get("__repr__") is attrs_repr
    ),
    key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
)


def _walk(value: object, seen: set[int]) -> Iterator[object]:
    """Yield every attrs instance reachable from *value* through fields and containers."""
    if id(value) in seen or isinstance(value, (str, bytes, int, float, type)):
        return
    seen.add(id(value))
    if attrs.has(type(value)):
        yield value
        for field in attrs.fields(type(value)):
            yield from _walk(getattr(value, field.name, None), seen)
    elif isinstance(value, dict) or hasattr(value, "items"):
        for key, item in value.items():  # type: ignore[attr-defined]
            yield from _walk(key, seen)
            yield from _walk(item, seen)
    elif isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            yield from _walk(item, seen)


def _instances() -> dict[type, list[object]]:
    """Return instances of the model classes, from the bundled frameworks and the examples."""
    roots: list[object] = [
        inspectkit.load_framework(info.id) for info in inspectkit.list_frameworks()
    ]
    for path in sorted(EXAMPLES.glob("groups/*.toml")):
        group = inspectkit.load_group(path)
        roots += [group, group.assess()]
    for path in sorted(EXAMPLES.glob("*.toml")):
        unit = inspectkit.load_evidence(path)
        assessment = inspectkit.assess(inspectkit.load_framework(unit.framework), unit)
        roots += [assessment, *assessment.criteria.values()]
        for status in assessment.statuses:
            roots.append(assessment.leave_status_plan(status))
    roots += [
        evidence.Interval(0.5, 0.75, "a majority"),
        evidence.GradeRange("good", "requires_improvement", "requires_improvement"),
        evidence.Remark("x", unknown=True, source="the centre", note="not recorded"),
        rubric.Applicability(judgements={"j": "no sixth form"}, before_introduced={"k"}),
        calibration.Baseline(grade=None, exact=0, within_one=0),
        groups.Inconsistency("x", "grade", 2, 1, ("a",), ("b",), "a and b differ"),
        progress.FrameworkChange("criterion_added", "x", "criterion 'x' was added"),
    ]
    found: dict[type, list[object]] = {}
    seen: set[int] = set()
    for root in roots:
        for instance in _walk(root, seen):
            found.setdefault(type(instance), []).append(instance)
    return found


INSTANCES = _instances()


def _twin(cls: type) -> type:
    """Return a subclass of *cls* with the same fields, on which attrs writes its own repr."""
    namespace: dict[str, Any] = {"__qualname__": cls.__qualname__, "__module__": cls.__module__}
    return attrs.frozen(type(cls.__name__, (cls,), namespace))


def _synthetic(cls: type) -> object:
    """Return an instance of *cls* whose every field holds a value of its own (unchecked)."""
    instance = object.__new__(cls)
    for position, field in enumerate(attrs.fields(cls)):
        object.__setattr__(instance, field.name, (f"<{field.name}>", position))
    return instance


def _attrs_own_repr(instance: object) -> str:
    """Return the repr attrs would write for *instance*'s class."""
    twin = _twin(type(instance))
    copy = object.__new__(twin)
    for field in attrs.fields(type(instance)):
        if hasattr(instance, field.name):
            object.__setattr__(copy, field.name, getattr(instance, field.name))
    return repr(copy)


class TestModelReprs:
    def test_the_models_use_the_shared_repr(self) -> None:
        """The grade, rubric and evidence models get their repr from `attrs_repr`."""
        names = {cls.__name__ for cls in CLASSES}
        assert {"Grade", "Criterion", "Threshold", "Entry", "FiredCap", "Baseline"} <= names
        assert {"FrameworkInfo", "Limits", "StatusContext"} <= names

    @pytest.mark.parametrize(
        "cls",
        [cls for cls in CLASSES if sys.modules[cls.__module__] in MODELS],
        ids=lambda cls: cls.__qualname__,
    )
    def test_each_model_has_an_instance_to_check(self, cls: type) -> None:
        """Every model class that uses the shared repr is checked on a real instance."""
        assert INSTANCES.get(cls), f"no instance of {cls.__qualname__} to compare"

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__qualname__)
    def test_the_repr_of_every_field_is_the_one_attrs_writes(self, cls: type) -> None:
        """With every field set to a value of its own, the repr is attrs' generated one."""
        instance = _synthetic(cls)
        assert repr(instance) == _attrs_own_repr(instance)

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__qualname__)
    def test_the_repr_is_the_one_attrs_writes(self, cls: type) -> None:
        """For every instance found, the shared repr is the text of attrs' generated repr."""
        for instance in INSTANCES.get(cls, [])[:50]:
            assert repr(instance) == _attrs_own_repr(instance)

    def test_an_object_inside_itself_is_written_as_dots(self) -> None:
        """An object met again inside its own repr is ``...``, as in attrs' repr."""

        @attrs.frozen
        class Box:
            __repr__ = attrs_repr

            items: list[object]
            label: str = attrs.field(default="box", repr=lambda text: f"<{text}>")

        @attrs.frozen
        class Generated:
            items: list[object]
            label: str = attrs.field(default="box", repr=lambda text: f"<{text}>")

        box, generated = Box([]), Generated([])
        box.items.append(box)
        generated.items.append(generated)
        assert repr(box) == "Box(items=[...], label=<box>)"
        assert repr(generated) == "Generated(items=[...], label=<box>)"

    def test_the_guard_is_emptied_after_each_repr(self) -> None:
        """After a repr (even one that fails), no object is left marked as being written."""

        @attrs.frozen
        class Failing:
            __repr__ = attrs_repr

            value: object

        class Bad:
            def __repr__(self) -> str:
                raise ValueError("no repr")

        failing = Failing(Bad())
        with pytest.raises(ValueError, match="no repr"):
            repr(failing)
        assert _repr._SEEN.ids == set()
