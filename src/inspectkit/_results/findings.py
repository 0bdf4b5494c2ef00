"""A weakness to address on the way to a target grade: `FindingGap`, read from `inspectkit.results`.

A gap list names findings only for a unit with weaknesses recorded, so a plain assessment never
defines it.
"""

from __future__ import annotations

import attrs

from inspectkit._repr import attrs_eq, attrs_hash  # not compiled per class

# Imported at run time though only annotations name them: `typing.get_type_hints` (and cattrs,
# which calls it) reads each annotation in this module's namespace.
from inspectkit.evidence import Finding

__all__ = ["FindingGap"]


@attrs.frozen
class FindingGap:
    """A weakness of a judgement below the target grade: something to address.

    Attributes:
        finding: The weakness.
        judgement: The id of the judgement below the target that it is filed under.
        blocking: Whether a findings limit that counts it holds the judgement below the
            target: raising the criteria alone cannot lift the judgement while it stands.
        need: What to do, in words (``"address: Too few priority families come."``).
    """

    __eq__ = attrs_eq
    __hash__ = attrs_hash

    finding: Finding
    judgement: str
    blocking: bool
    need: str
