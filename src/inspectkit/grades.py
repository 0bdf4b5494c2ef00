"""Grades and the ordered scales they belong to.

A framework declares its own scale, best grade first: Ofsted's four grades, the five levels of
the 2025 report cards, or a maturity scale such as emerged / established / advanced. A grade is
identified by a snake_case id and is also found by its label, its aliases and its position on
the scale::

    >>> from inspectkit.grades import Grade, GradeScale
    >>> scale = GradeScale.from_grades(
    ...     Grade("outstanding", "Outstanding", aliases=("1",)),
    ...     Grade("good", "Good", aliases=("2",)),
    ...     Grade("requires_improvement", "Requires improvement", aliases=("RI", "3")),
    ...     Grade("inadequate", "Inadequate", aliases=("4",)),
    ... )
    >>> scale.find("RI").label
    'Requires improvement'
    >>> scale.find(2).id
    'good'
    >>> scale.best.id, scale.worst.id
    ('outstanding', 'inadequate')

Internally a grade's *rank* is its position, 0 for the best grade; a lower rank is better.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from inspectkit._convert import TUPLE  # one converter for every tuple field
from inspectkit._repr import attrs_eq, attrs_hash, attrs_repr  # not compiled per class
from inspectkit.errors import UnknownIdError

__all__ = ["Grade", "GradeColour", "GradeScale", "normalise_name"]

_SEPARATORS = re.compile(r"[\s_\-]+")


def normalise_name(text: str) -> str:
    """Return the form in which grade names and quantifier words are compared.

    Case, surrounding space and the choice between spaces, underscores and hyphens do not
    matter: ``"Requires improvement"``, ``"requires_improvement"`` and ``"REQUIRES-IMPROVEMENT"``
    are the same name.
    """
    return _SEPARATORS.sub(" ", text.strip().casefold())


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


@attrs.frozen
class Grade:
    """One grade on a scale.

    Attributes:
        id: The snake_case id used in TOML files and results (``requires_improvement``).
        label: The name shown to people (``Requires improvement``).
        aliases: Other names accepted in evidence and on the command line (``RI``, ``3``).
        description: What the grade means in this framework, in our own words.
        colour: The colour the grade is shown in, if the framework gives its grades colours.
        rank: The grade's position on its scale, 0 for the best; set by `GradeScale`.
        size: How many grades its scale has (0 for a grade on no scale); set by
            `GradeScale`, so a report can show a grade of a second scale (met / not met)
            in its own scale's terms.
    """

    __repr__ = attrs_repr

    id: str
    label: str
    aliases: tuple[str, ...] = attrs.field(default=(), converter=TUPLE)
    description: str = ""
    colour: GradeColour | None = None
    rank: int = attrs.field(default=-1, eq=False, repr=False)
    size: int = attrs.field(default=0, eq=False, repr=False)

    def better_than(self, other: Grade) -> bool:
        """Return whether this grade is strictly better than *other* on the same scale."""
        return self.rank < other.rank

    def at_least(self, other: Grade) -> bool:
        """Return whether this grade is *other* or better, on the same scale."""
        return self.rank <= other.rank

    def __str__(self) -> str:
        return self.label


@attrs.frozen
class GradeScale:
    """An ordered scale of grades, best first.

    Build one with `GradeScale.from_grades`, which numbers the grades. A scale finds a grade by
    id, label, alias (all compared with `normalise_name`) or by its 1-based position, as
    inspectors write "grade 3".

    Attributes:
        grades: The grades, best first.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    grades: tuple[Grade, ...]
    _names: dict[str, Grade] = attrs.field(
        init=False, eq=False, hash=False, repr=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        for grade in self.grades:
            for name in (grade.id, grade.label, *grade.aliases):
                self._names.setdefault(normalise_name(name), grade)

    @classmethod
    def from_grades(cls, *grades: Grade) -> GradeScale:
        """Return a scale of *grades*, best first, with each grade's rank set."""
        size = len(grades)
        return cls(
            tuple(attrs.evolve(grade, rank=rank, size=size) for rank, grade in enumerate(grades))
        )

    @property
    def best(self) -> Grade:
        """The best grade on the scale."""
        return self.grades[0]

    @property
    def worst(self) -> Grade:
        """The worst grade on the scale."""
        return self.grades[-1]

    @property
    def ids(self) -> tuple[str, ...]:
        """The grade ids, best first."""
        return tuple(grade.id for grade in self.grades)

    def get(self, name: str | int) -> Grade | None:
        """Return the grade called *name* (id, label, alias or 1-based position), or ``None``."""
        if isinstance(name, bool):
            return None
        if isinstance(name, int):
            return self.grades[name - 1] if 1 <= name <= len(self.grades) else None
        grade = self._names.get(normalise_name(name))
        text = name.strip()
        # No scale has 10**18 grades; the length check also keeps int() from Python's
        # 4,300-digit ValueError on a pasted run of digits.
        if grade is None and text.isascii() and text.isdecimal() and len(text) <= 18:
            return self.get(int(text))
        return grade

    def find(self, name: str | int) -> Grade:
        """Return the grade called *name*, or raise `UnknownIdError` listing the grades."""
        grade = self.get(name)
        if grade is None:
            known = ", ".join(self.ids)
            raise UnknownIdError(f"{name!r} is not a grade on this scale (grades: {known})")
        return grade

    def __getitem__(self, rank: int) -> Grade:
        return self.grades[rank]

    def __iter__(self) -> Iterator[Grade]:
        return iter(self.grades)

    def __len__(self) -> int:
        return len(self.grades)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, (str, int)) and self.get(name) is not None
