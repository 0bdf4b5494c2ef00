"""Values remembered per live object, by its identity, let go when the object goes.

Why: the engine works out things once per framework or assessment (its compiled form, the
planner's option rows, the gap list's words, the ranks an assessment scored, its lift plans).
Those objects are immutable, so identity is the right key, and far cheaper than hashing a whole
framework; but a plain ``id`` key would outlive its object and could be handed to a new object
given the same id. So each entry keeps a weak reference to its owner, checks it on every read
(the owner must still be that very object), and the reference's callback deletes the entry
when the owner is collected: the memo never outgrows the live objects.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["IdentityMemo"]

Owner = TypeVar("Owner")
Value = TypeVar("Value")


class IdentityMemo(Generic[Owner, Value]):
    """A value per live owner object, keyed by identity (see the module docstring)."""

    __slots__ = ("_held",)

    def __init__(self) -> None:
        self._held: dict[int, tuple[weakref.ref[Owner], Value]] = {}

    def get(self, owner: Owner) -> Value | None:
        """Return the value kept for *owner*, or ``None``."""
        held = self._held.get(id(owner))
        if held is not None and held[0]() is owner:
            return held[1]
        return None

    def put(self, owner: Owner, value: Value) -> Value:
        """Keep *value* for *owner* until *owner* is collected, and return it."""
        key = id(owner)
        self._held[key] = (weakref.ref(owner, _dropper(self._held, key)), value)
        return value

    def get_or_make(self, owner: Owner, make: Callable[[Owner], Value]) -> Value:
        """Return the value kept for *owner*, first keeping ``make(owner)`` if there is none."""
        found = self.get(owner)
        if found is None:
            found = self.put(owner, make(owner))
        return found

    def owner_ids(self) -> set[int]:
        """Return the ids of the owners held now."""
        return set(self._held)

    def __len__(self) -> int:
        return len(self._held)


def _dropper(
    held: dict[int, tuple[weakref.ref[Owner], Value]], key: int
) -> Callable[[weakref.ref[Owner]], None]:
    """The callback that deletes *key*'s entry from *held* once its owner is collected.

    It holds the dictionary itself, not the memo's module: at interpreter exit a module's
    globals may already be gone. An entry replaced since (a new owner with the same id) is left.
    """

    def drop(ref: weakref.ref[Owner]) -> None:
        entry = held.get(key)
        if entry is not None and entry[0] is ref:
            del held[key]

    return drop
