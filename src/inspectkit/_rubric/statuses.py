"""Derived statuses (such as a category of concern): `DerivedStatus`, its levels and conditions.

Read them from `inspectkit.rubric`, which binds them when it is imported (see `inspectkit._rubric`).
"""

from __future__ import annotations

import attrs

from inspectkit._convert import TUPLE  # one converter for every tuple field
from inspectkit._repr import attrs_eq, attrs_hash, attrs_repr  # not compiled per class
from inspectkit.errors import UnknownIdError

# Imported at run time though only annotations name them: `typing.get_type_hints` (and cattrs,
# which calls it) reads each annotation in this module's namespace.
from inspectkit.rubric import Provenance

__all__ = ["Condition", "DerivedStatus", "StatusLevel"]


@attrs.frozen
class Condition:
    """One condition of a derived status level; every condition is *downward-closed*.

    A condition only ever asks whether something is at a grade **or worse** (or a check not
    met, or another status at a level or more severe). There is no negation, so better
    evidence can never make a condition hold that did not: statuses are monotone.
    Exactly one of *judgement*, *criterion*, *status* or the nested *any_of* / *all_of* is set.

    Attributes:
        judgement: A judgement id, ``overall``, or ``*``: at least *count* judgements on the
            framework's scale that apply, other than *excluding*, at *at_or_below* or worse.
        criterion: A criterion id.
        status: Another status's id, with *at_least* the level it must be at or beyond.
        at_or_below: For a judgement or criterion: the grade (on its scale) or worse.
        not_met: For a check criterion: the check is not met.
        at_least: For a status: the least severe level that satisfies the condition.
        excluding: For ``*``: judgement ids left out of the count (the file key ``except``).
        count: For ``*``: how many judgements must be at or below the grade (at least 1).
        any_of: Nested conditions, one of which must hold (the file key ``any``).
        all_of: Nested conditions, all of which must hold (the file key ``all``).
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    judgement: str | None = None
    criterion: str | None = None
    status: str | None = None
    at_or_below: str | None = None
    not_met: bool = False
    at_least: str | None = None
    excluding: tuple[str, ...] = attrs.field(default=(), converter=TUPLE)
    count: int = 1
    any_of: tuple[Condition, ...] = attrs.field(default=(), converter=TUPLE)
    all_of: tuple[Condition, ...] = attrs.field(default=(), converter=TUPLE)


@attrs.frozen
class StatusLevel:
    """One level of a derived status, from the least to the most severe.

    Attributes:
        id: A snake_case id, unique within its status.
        label: The words reports print (``Special measures``).
        condition: When the level holds: an ``any_of`` or ``all_of`` `Condition`.
        description: The rule in plain words.
        provenance: Where the level's rule comes from, if not the status's.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    id: str
    label: str
    condition: Condition
    description: str = ""
    provenance: Provenance | None = None


@attrs.frozen
class DerivedStatus:
    """A status derived from grades by rules, such as Ofsted's category of concern.

    The status is the **most severe** level whose condition holds, or none. It is evaluated
    on the point, best and worst predictions, so a report can say "requires significant
    improvement (could be none with the missing evidence)".

    Attributes:
        id: A snake_case id, unique among the framework's statuses.
        title: The status's name (``Category of concern``).
        levels: Its levels, least severe first.
        provenance: Where the status as a whole comes from.
        none_label: The words for no level (``Not in a category of concern``).
        description: What the status means, in our own words.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    id: str
    title: str
    levels: tuple[StatusLevel, ...] = attrs.field(converter=TUPLE)
    provenance: Provenance
    none_label: str = "None"
    description: str = ""

    def level(self, level_id: str) -> StatusLevel:
        """Return the level with id *level_id*, or raise `UnknownIdError`."""
        for level in self.levels:
            if level.id == level_id:
                return level
        known = ", ".join(level.id for level in self.levels)
        raise UnknownIdError(f"status {self.id!r} has no level {level_id!r} (levels: {known})")
