"""The parts of a framework only some frameworks have: provisions, second scales, changes, accuracy.

`Provision`, `Scale`, `Change` (a successor's record of what it changed) and `Accuracy` (of a
rule derived from published grades). Read them from `inspectkit.rubric`, which binds them when
it is imported (see `inspectkit._rubric`).
"""

from __future__ import annotations

import attrs

from inspectkit._convert import TUPLE  # one converter for every tuple field
from inspectkit._repr import attrs_eq, attrs_hash, attrs_repr  # not compiled per class

# Imported at run time though only annotations name them: `typing.get_type_hints` (and cattrs,
# which calls it) reads each annotation in this module's namespace.
from inspectkit.grades import GradeScale
from inspectkit.rubric import Provenance

__all__ = ["Accuracy", "Change", "Provision", "Scale"]


@attrs.frozen
class Change:
    """One thing a successor framework changed from the framework it ``extends``.

    Attributes:
        id: A snake_case id, unique among the framework's changes.
        summary: What changed, in one or two sentences of our own words.
        affects: The ids of the judgements, criteria or caps it touches (``overall`` for
            the overall grade); empty for a change with nothing to encode.
        provenance: Where the change is recorded; basis ``modelled`` marks an assumption
            (such as "everything else carried over").
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    id: str
    summary: str
    affects: tuple[str, ...] = attrs.field(default=(), converter=TUPLE)
    provenance: Provenance | None = None


@attrs.frozen
class Provision:
    """Something a unit may or may not have (a sixth form, staff), that judgements depend on.

    A judgement written ``applies = "where_provision"`` (or a criterion with a ``provision``)
    is graded only for a unit whose evidence says it has the provision (``[provision]``
    ``sixth_form = true``). Where the evidence says it has not, the judgement does not apply
    and reports print *absent_text*; where the evidence does not say, the judgement is graded
    as usual, absent evidence and all, and reports say the provision was not stated.

    Attributes:
        id: A snake_case id, unique among the framework's provisions.
        label: What the unit has, as a noun phrase (``a sixth form (post-16 provision)``).
        absent_text: What reports print for a judgement or criterion that does not apply
            because the unit lacks it (``not graded: no sixth form``).
        provenance: Where the provision (and what depends on it) comes from.
        description: Anything an evidence writer should know about it.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    id: str
    label: str
    absent_text: str = ""
    provenance: Provenance | None = None
    description: str = ""

    @property
    def absent(self) -> str:
        """The text reports print where it is absent: *absent_text*, or one made of the label."""
        return self.absent_text or f"not applicable: the unit does not have {self.label}"


@attrs.frozen
class Scale:
    """A second grade scale, for a judgement graded apart from the framework's own scale.

    Ofsted's 2025 report cards judge safeguarding *met* or *not met*, not on the five-point
    scale. Such a judgement names the scale (`Judgement.scale`); its criteria grade on it and
    its aggregation combines on it. Grades of different scales are not comparable, so the
    judgement takes no part in the overall grade, in ``"*"`` status conditions or in group
    spreads; caps and statuses may still name it explicitly.

    Attributes:
        id: A snake_case id, unique among the framework's scales.
        title: The scale's name as reports print it (``Met / not met``).
        grades: The grades, best first; their ids are unique across every scale of the
            framework, so evidence naming a grade is never ambiguous.
        provenance: Where the scale comes from.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    id: str
    title: str
    grades: GradeScale
    provenance: Provenance | None = None


@attrs.frozen
class Accuracy:
    """How often a derived rule reproduces published grades, and how that was measured.

    Attributes:
        data: The id of the `Source` holding the published grades.
        n: How many cases were compared.
        exact: The share reproduced exactly (0..1).
        within_one: The share within one grade (exact <= within_one <= 1).
        command: The command that prints the figures again.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    data: str
    n: int
    exact: float
    within_one: float
    command: str = ""
