"""The evidence of a group of units assessed together: `GroupEvidence`.

Read it from `inspectkit.evidence`; only group files and `inspectkit.assess_group` use it.
"""

from __future__ import annotations

import datetime

import attrs

from inspectkit._repr import attrs_eq, attrs_hash, attrs_repr  # not compiled per class

# Framework, GroupMethod and Evidence are imported at run time though only annotations name
# them: `typing.get_type_hints` (and cattrs, which calls it) reads them in this namespace.
from inspectkit.evidence import Evidence
from inspectkit.rubric import Framework, GroupMethod

TYPE_CHECKING = False  # `typing.TYPE_CHECKING` without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from inspectkit.results import GroupAssessment

__all__ = ["GroupEvidence"]


@attrs.frozen
class GroupEvidence:
    """A group of units to be assessed together, as a group evidence file describes it.

    Attributes:
        framework: The framework the group is assessed against.
        unit: The group's name.
        members: The members' evidence, in the order written.
        date: The date the group's evidence describes, if given.
        rule: The group rule the file asks for, if any.
        note: Anything a reader should know about the group.
        file: The file the group was loaded from, if any.
        framework_version: The framework version the file says it was written for, if any.
        kind: What the group is (``group`` unless the file says otherwise).
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    framework: Framework
    unit: str
    members: tuple[Evidence, ...]
    date: datetime.date | None = None
    rule: GroupMethod | None = None
    note: str = ""
    file: str | None = attrs.field(default=None, eq=False)
    framework_version: str | None = None
    kind: str = "group"

    def assess(
        self, *, rule: GroupMethod | str | None = None, missing: str | None = None
    ) -> GroupAssessment:
        """Assess the group (see `inspectkit.assess_group`); *rule* overrides the file's."""
        # A facade: the groups use case sits above the models, so it is imported here.
        from inspectkit.groups import assess_group

        return assess_group(
            self.framework,
            self.members,
            rule=rule if rule is not None else self.rule,
            unit=self.unit,
            date=self.date,
            missing=missing,
        )
