"""The derived statuses of one assessment, and the plan that takes a unit out of one.

`StatusResult` and `StatusPlan`, read from `inspectkit.results`, which binds them when it is
imported (`Assessment.statuses` names `StatusResult`, and `typing.get_type_hints` must resolve it).
"""

from __future__ import annotations

import attrs

from inspectkit._repr import attrs_eq, attrs_hash, attrs_repr  # not compiled per class

# Imported at run time though only annotations name them: `typing.get_type_hints` (and cattrs,
# which calls it) reads each annotation in this module's namespace.
from inspectkit.results import Assessment, Change
from inspectkit.rubric import DerivedStatus, StatusLevel

__all__ = ["StatusPlan", "StatusResult"]


@attrs.frozen
class StatusResult:
    """A derived status (such as a category of concern) evaluated for one assessment.

    Levels are the status's own, least severe first; ``None`` is no level (the status's
    ``none_label``). The status is evaluated on the point, best and worst predictions.

    Attributes:
        status: The status as the framework declares it.
        level: The level on the point prediction.
        best: The least severe level the evidence allows (on the best grades).
        worst: The most severe level the evidence allows (on the worst grades).
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    status: DerivedStatus
    level: StatusLevel | None
    best: StatusLevel | None
    worst: StatusLevel | None

    @property
    def id(self) -> str:
        """The status's id."""
        return self.status.id

    @property
    def label(self) -> str:
        """The point level's label, or the status's ``none_label``."""
        return self.level_label(self.level)

    def level_label(self, level: StatusLevel | None) -> str:
        """Return *level*'s label, or the status's ``none_label`` for no level."""
        return self.status.none_label if level is None else level.label

    def severity(self, level: StatusLevel | None) -> int:
        """Return *level*'s position from 1 (least severe); 0 for no level."""
        return 0 if level is None else self.status.levels.index(level) + 1

    def reaches(self, level_id: str | None = None) -> bool:
        """Whether the point level is *level_id* or more severe (default: any level)."""
        if self.level is None:
            return False
        if level_id is None:
            return True
        return self.severity(self.level) >= self.severity(self.status.level(level_id))

    @property
    def text(self) -> str:
        """The status in words, with what the missing evidence could make it."""
        text = self.label
        others = [
            self.level_label(level) for level in (self.best, self.worst) if level is not self.level
        ]
        if others:
            text += " (could be " + " or ".join(dict.fromkeys(others)) + ")"
        return text


@attrs.frozen
class StatusPlan:
    """The smallest set of criterion changes after which a derived status is none.

    "None" is judged on the **worst** prediction: after the changes, no evidence still
    missing could put the unit in the status.

    Attributes:
        status: The status to leave.
        before: The status's worst-case level now.
        reachable: Whether any allowed changes take the unit out of the status.
        changes: The changes, in framework order (`Change`); empty when already out.
        fixed: The criteria the caller held fixed.
        minimal: Whether the plan is proven to have the fewest changes.
        reason: A sentence saying what the plan does, or why it cannot be done.
        result: The assessment with the plan applied (``None`` when unreachable).
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    status: DerivedStatus
    before: StatusLevel | None
    reachable: bool
    changes: tuple[Change, ...]
    fixed: tuple[str, ...]
    minimal: bool
    reason: str
    result: Assessment | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def criteria(self) -> tuple[str, ...]:
        """The ids of the criteria the plan changes."""
        return tuple(change.criterion for change in self.changes)
