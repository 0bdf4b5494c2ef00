"""`inspectkit._identity.IdentityMemo`: values kept per live object, let go with it."""

from __future__ import annotations

import gc
import weakref

from inspectkit._identity import IdentityMemo


class _Owner:
    """An object that can be weakly referenced and compares by identity."""


class TestIdentityMemo:
    def test_gives_back_the_value_put(self) -> None:
        """A value put for an owner is what `get` returns for that very owner."""
        memo: IdentityMemo[_Owner, str] = IdentityMemo()
        owner = _Owner()
        assert memo.put(owner, "value") == "value"
        assert memo.get(owner) == "value"

    def test_get_or_make_makes_once_per_owner(self) -> None:
        """`get_or_make` keeps what it makes for an owner and makes nothing the second time."""
        memo: IdentityMemo[_Owner, list[_Owner]] = IdentityMemo()
        made: list[_Owner] = []

        def make(owner: _Owner) -> list[_Owner]:
            made.append(owner)
            return [owner]

        owner = _Owner()
        first = memo.get_or_make(owner, make)
        assert memo.get_or_make(owner, make) is first
        assert first == [owner]
        assert made == [owner]

    def test_another_owner_has_nothing(self) -> None:
        """An owner never put has no value, even beside one that has."""
        memo: IdentityMemo[_Owner, str] = IdentityMemo()
        kept = _Owner()
        memo.put(kept, "value")
        assert memo.get(_Owner()) is None

    def test_entry_goes_with_its_owner(self) -> None:
        """Once its owner is collected, the entry is deleted."""
        memo: IdentityMemo[_Owner, str] = IdentityMemo()
        owner = _Owner()
        memo.put(owner, "value")
        key = id(owner)
        assert key in memo.owner_ids()
        del owner
        gc.collect()
        assert key not in memo.owner_ids()
        assert len(memo) == 0

    def test_stale_entry_for_a_reused_id_is_not_given(self) -> None:
        """An entry whose owner is gone is not handed to a new object at the same id."""
        memo: IdentityMemo[_Owner, str] = IdentityMemo()
        owner = _Owner()
        memo.put(owner, "old")
        dead = weakref.ref(_Owner())  # a reference whose object is already gone
        memo._held[id(owner)] = (dead, "old")  # as if owner had died and its id were reused
        assert memo.get(owner) is None

    def test_old_callback_leaves_a_replaced_entry(self) -> None:
        """The first owner's callback does not delete the entry a later put made."""
        memo: IdentityMemo[_Owner, str] = IdentityMemo()
        first = _Owner()
        memo.put(first, "first")
        key = id(first)
        callback = memo._held[key][0].__callback__
        second = _Owner()
        memo._held[key] = (weakref.ref(second), "second")
        assert callback is not None
        callback(weakref.ref(first))
        assert memo._held[key][1] == "second"
