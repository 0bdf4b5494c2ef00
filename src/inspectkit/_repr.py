"""The repr attrs writes for a model class, read from the class's fields when it is called.

Why: attrs writes each class's ``__repr__`` as Python source and compiles it when the class is
defined. That compile is about a third of the cost of defining a model class, and a plain
``inspectkit assess FILE`` defines some seventy of them before it reads a byte (issue 15: a fast
start), to print none of their reprs. A model class that names `attrs_repr` as its
``__repr__`` gets no generated one (attrs leaves a ``__repr__`` the class defines itself), and
this function gives the very text the generated one would: the class's name, then each field
attrs would show (``repr=False`` fields left out, a field's own ``repr`` callable used), with
``...`` for an object met again inside itself. ``tests/test_model_reprs.py`` holds it equal to
attrs' own for every model class that uses it.
"""

from __future__ import annotations

import threading

from attrs import NOTHING

__all__ = ["attrs_repr"]

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
