"""The repr, equality and hash attrs writes for a model class, made from its fields when called.

Why: attrs writes each class's ``__repr__`` as Python source and compiles it when the class is
defined. That compile is about a third of the cost of defining a model class, and a plain
``inspectkit assess FILE`` defines some seventy of them before it reads a byte (issue 15: a fast
start), to print none of their reprs. A model class that names `attrs_repr` as its
``__repr__`` gets no generated one (attrs leaves a ``__repr__`` the class defines itself), and
this function gives the very text the generated one would: the class's name, then each field
attrs would show (``repr=False`` fields left out, a field's own ``repr`` callable used), with
``...`` for an object met again inside itself. ``tests/test_model_reprs.py`` holds it equal to
attrs' own for every model class that uses it. `attrs_eq` and `attrs_hash` do the same for
``__eq__`` and ``__hash__`` (see below).
"""

from __future__ import annotations

import threading
from operator import attrgetter, eq

from attrs import NOTHING

TYPE_CHECKING = False  # `typing.TYPE_CHECKING` without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["attrs_eq", "attrs_hash", "attrs_repr"]

_SEEN = threading.local()
"""The ids of the objects whose repr is being written, per thread (as attrs keeps them)."""


def attrs_repr(self: object) -> str:
    """Return ``ClassName(field=value, ...)`` for an attrs instance, as attrs' repr does."""
    try:
        seen: set[int] = _SEEN.ids
    except AttributeError:
        seen = _SEEN.ids = set()
    key = id(self)
    if key in seen:
        return "..."
    seen.add(key)
    try:
        cls = self.__class__
        parts = []
        for field in cls.__attrs_attrs__:  # type: ignore[attr-defined]
            shown = field.repr
            if shown is False:
                continue
            # As attrs: a field outside __init__ that was never set shows as NOTHING.
            value = getattr(self, field.name) if field.init else getattr(self, field.name, NOTHING)
            text = repr(value) if shown is True else shown(value)
            parts.append(f"{field.name}={text}")
        return f"{cls.__qualname__.rsplit('>.', 1)[-1]}({', '.join(parts)})"
    finally:
        seen.discard(key)


# ---- __eq__ and __hash__ ------------------------------------------------------------------------
#
# Why: with the repr shared, attrs still compiles an ``__eq__`` and a ``__hash__`` beside the
# ``__init__`` of every model class, a quarter of the cost of defining one, and a plain assessment
# compares or hashes hardly any model (a framework, an assessment or a criterion, never). A
# class that names `attrs_eq` and `attrs_hash` as its own gets neither from attrs (attrs leaves
# a ``__eq__`` or ``__hash__`` the class defines itself). On the first call for a class, each
# puts on the class a function made for its fields, and later calls go straight to that one:
# equality is attrs' own, field by field with ``==`` (so a NaN field makes two instances unequal
# even where it is one object), and the hash covers the fields attrs hashes. A call costs about
# twice the compiled one, so the models the scoring loop hashes or compares
# (`inspectkit.evidence.Entry` and `Counts`, `inspectkit.grades.Grade`) keep attrs' methods.
# ``tests/test_model_methods.py`` holds both equal to attrs' own for every class that uses them.


def _fields_getter(names: tuple[str, ...]) -> Callable[[object], tuple[object, ...]]:
    """Return a function of an instance that gives the values of the fields *names*, in order."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        (name,) = names
        return lambda instance: (getattr(instance, name),)
    return lambda instance: ()


def attrs_eq(self: object, other: object) -> bool:
    """Return whether *self* and *other* are equal, as attrs' ``__eq__`` says.

    The first call for a class puts its own comparison on it (see above), and calls that.
    """
    if other.__class__ is not self.__class__:
        return NotImplemented  # type: ignore[no-any-return]  # as attrs: the other side decides
    cls = self.__class__
    fields = cls.__attrs_attrs__  # type: ignore[attr-defined]
    values = _fields_getter(tuple(field.name for field in fields if field.eq))

    def __eq__(self: object, other: object) -> bool:  # noqa: N807 - the method it becomes
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(map(eq, values(self), values(other)))

    type.__setattr__(cls, "__eq__", __eq__)
    return __eq__(self, other)


def attrs_hash(self: object) -> int:
    """Return the hash of *self*'s fields that attrs hashes, as attrs' ``__hash__`` does.

    The first call for a class puts its own hash on it (see above), and calls that.
    """
    cls = self.__class__
    fields = cls.__attrs_attrs__  # type: ignore[attr-defined]
    values = _fields_getter(
        tuple(field.name for field in fields if field.hash or (field.hash is None and field.eq))
    )
    salt = hash(f"{cls.__module__}.{cls.__qualname__}")  # as attrs: classes' hashes differ

    def __hash__(self: object) -> int:  # noqa: N807 - the method it becomes
        return hash((salt, values(self)))

    type.__setattr__(cls, "__hash__", __hash__)
    return __hash__(self)
