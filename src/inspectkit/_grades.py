"""A grade's colour, split out of `inspectkit.grades` and read through its lazy name.

Read it as ``inspectkit.grades.GradeColour``: this module is loaded the first time that name is
used, so a plain assessment against a framework without colours never defines the class.
"""

from __future__ import annotations

import attrs

from inspectkit._repr import attrs_repr  # not compiled per class

__all__ = ["GradeColour"]


@attrs.frozen
class GradeColour:
    """The colour a regulator shows a grade in (Ofsted's report cards colour their grades).

    Colours are data with their own provenance, not decoration: HTML reports use *hex*, and
    every report also writes the grade in words, for colour-blind readers and print.

    Attributes:
        name: The colour's name (``amber``).
        hex: The colour as ``#rrggbb``.
    """

    __repr__ = attrs_repr

    name: str
    hex: str
