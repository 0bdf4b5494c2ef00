"""Model equality and hashes made at call time (`inspectkit._repr.attrs_eq`, `attrs_hash`).

Model classes that name `attrs_eq` and `attrs_hash` as their ``__eq__`` and ``__hash__`` get
neither compiled by attrs at import (issue 15: a fast start). Each check compares them, class
by class, with the methods attrs itself generates for a twin of the class (a subclass with the
same fields, on which attrs writes its own), on the real instances `test_model_reprs` finds and
on instances that differ from each other in one field.
"""

from __future__ import annotations

import math
from typing import Any

import attrs
import pytest

from inspectkit._repr import attrs_eq, attrs_hash
from test_model_reprs import INSTANCES, MODULES

SHARED = sorted(
    (
        value
        for module in MODULES
        for value in vars(module).values()
        if isinstance(value, type)
        and value.__module__ == module.__name__
        and getattr(value.__dict__.get("__eq__"), "__module__", None) == "inspectkit._repr"
    ),
    key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
)
"""Every model class that uses the shared methods (checked before any has been called)."""

HOT = ("Entry", "Counts", "Grade")
"""Models the scoring loop hashes or compares, which keep attrs' compiled methods."""


def _twin(cls: type) -> type:
    """Return a subclass of *cls* with the same fields, on which attrs writes its own methods."""
    namespace: dict[str, Any] = {"__qualname__": cls.__qualname__, "__module__": cls.__module__}
    return attrs.frozen(type(cls.__name__, (cls,), namespace))


def _with(cls: type, values: dict[str, object]) -> object:
    """Return an instance of *cls* holding *values* in its fields, without running checks."""
    instance = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(instance, name, value)
    return instance


def _values(instance: object) -> dict[str, object]:
    """Return the values of *instance*'s fields that are set, by name."""
    return {
        field.name: getattr(instance, field.name)
        for field in attrs.fields(type(instance))
        if hasattr(instance, field.name)
    }


def _synthetic(cls: type) -> dict[str, object]:
    """Return a value of its own for every field of *cls*."""
    return {field.name: (f"<{field.name}>", n) for n, field in enumerate(attrs.fields(cls))}


def _agree(cls: type, first: dict[str, object], second: dict[str, object]) -> None:
    """Assert that the shared methods and attrs' own say the same of two instances' values."""
    twin = _twin(cls)
    ours = _with(cls, first), _with(cls, second)
    theirs = _with(twin, first), _with(twin, second)
    assert (ours[0] == ours[1]) is (theirs[0] == theirs[1])
    assert (ours[0] != ours[1]) is (theirs[0] != theirs[1])
    assert (hash(ours[0]) == hash(ours[1])) is (hash(theirs[0]) == hash(theirs[1]))


class TestSharedMethods:
    def test_the_models_use_the_shared_methods(self) -> None:
        """The rubric, result and evidence models get equality and hashes from the shared pair."""
        names = {cls.__name__ for cls in SHARED}
        assert {"Framework", "Criterion", "Assessment", "Evidence", "GradeScale", "Limits"} <= names
        assert names.isdisjoint(HOT)

    @pytest.mark.parametrize("cls", SHARED, ids=lambda cls: cls.__qualname__)
    def test_both_methods_are_shared(self, cls: type) -> None:
        """A class with the shared ``__eq__`` has the shared ``__hash__`` too."""
        assert cls.__dict__["__hash__"].__module__ == "inspectkit._repr"

    @pytest.mark.parametrize("cls", SHARED, ids=lambda cls: cls.__qualname__)
    def test_each_field_counts_as_attrs_says(self, cls: type) -> None:
        """Changing any one field changes equality and the hash exactly where attrs' own do."""
        values = _synthetic(cls)
        _agree(cls, values, dict(values))
        for field in attrs.fields(cls):
            _agree(cls, values, {**values, field.name: ("another", field.name)})

    @pytest.mark.parametrize("cls", SHARED, ids=lambda cls: cls.__qualname__)
    def test_a_field_unequal_to_itself_makes_the_instances_unequal(self, cls: type) -> None:
        """A field holding NaN (the same object in both) compares as in attrs' own ``__eq__``."""
        nan = math.nan
        for field in attrs.fields(cls):
            values = {**_synthetic(cls), field.name: nan}
            _agree(cls, values, dict(values))

    @pytest.mark.parametrize("cls", SHARED, ids=lambda cls: cls.__qualname__)
    def test_real_instances_compare_as_attrs_says(self, cls: type) -> None:
        """The instances found compare and hash with each other as attrs' own methods say."""
        found = INSTANCES.get(cls, [])[:8]
        for first in found:
            for second in found:
                _agree(cls, _values(first), _values(second))

    @pytest.mark.parametrize("cls", SHARED, ids=lambda cls: cls.__qualname__)
    def test_another_class_is_not_implemented(self, cls: type) -> None:
        """Compared with an object of another class, the shared ``__eq__`` defers to it."""
        instance = _with(cls, _synthetic(cls))
        assert instance.__eq__(object()) is NotImplemented
        assert instance.__eq__(_with(_twin(cls), _synthetic(cls))) is NotImplemented

    def test_a_class_without_fields_is_equal_and_hashable(self) -> None:
        """Instances of a model with no fields are equal and share a hash, as attrs says."""

        @attrs.frozen
        class Empty:
            __eq__ = attrs_eq
            __hash__ = attrs_hash

        assert Empty() == Empty()
        assert hash(Empty()) == hash(Empty())

    def test_classes_with_equal_fields_hash_apart(self) -> None:
        """Two classes with the same field values hash differently, as attrs salts them."""

        @attrs.frozen
        class One:
            __eq__ = attrs_eq
            __hash__ = attrs_hash

            value: int

        @attrs.frozen
        class Two:
            __eq__ = attrs_eq
            __hash__ = attrs_hash

            value: int

        assert hash(One(1)) != hash(Two(1))
