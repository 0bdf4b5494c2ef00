"""Evidence: what is known about one unit (a centre or a group) at a date.

Evidence holds one `Entry` per criterion that has evidence. Entries are already resolved
against the framework when they get here: ``"72%"`` is the proportion ``0.72``, ``"a large
majority"`` is the `Interval` the framework's vocabulary gives it, ``"RI"`` is the grade id
``requires_improvement``. `inspectkit.loading` does that resolution and its checks; these
classes only hold the result.

A value is one of:

- a ``float``: an exact proportion (0..1) or quantity;
- an `Interval`: a proportion known only to lie between two bounds (a quantifier word);
- a ``bool``: a check, met or not met;
- a ``str``: the grade id of an assessor's rating;
- a `GradeRange`: a grade given directly, exactly or as a range (an assessor's view, a rating
  range such as "below good", or a check descriptor such as "partly");
- `NOT_APPLICABLE`: the criterion does not apply to this unit; it is left out and reported.

A criterion with no entry is *absent*, which is not the same as not applicable. A `Remark`
records what a source says of a criterion without a value ("unknown", or a note only); the
criterion stays absent.

`GroupEvidence` holds the members' `Evidence` of a group inspected together, with the group's
name, date and rule, as a group evidence file describes it.

Evidence may also hold *findings*: strengths and weaknesses in an inspector's or assessor's
words, each for one or more judgements and with a weight (`Finding`). The framework says how
they combine with its criteria (`inspectkit.rubric.FindingsRule`).
"""

from __future__ import annotations

import datetime
import enum
import types
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs

from inspectkit._repr import attrs_eq, attrs_hash, attrs_repr  # not compiled per class
from inspectkit.errors import Issue
from inspectkit.rubric import FindingWeight, Framework

if TYPE_CHECKING:
    from inspectkit._evidence.groups import GroupEvidence

# The evidence of a group (`GroupEvidence`) lives in `inspectkit._evidence` and is read from
# there the first time its name is used (PEP 562), so a plain assessment does not define its
# attrs class at start-up (issue 15); `from inspectkit.evidence import GroupEvidence` works as
# before, and type checkers see the import above.
_MODULE_OF = {"GroupEvidence": "inspectkit._evidence.groups"}
"""The module each evidence model not defined here is read from, the first time it is used."""

if not TYPE_CHECKING:  # pragma: no branch - type checkers read the import above instead
    from inspectkit._lazy import lazy_attributes

    __getattr__, __dir__ = lazy_attributes(__name__, _MODULE_OF, globals(), submodules=False)
    del lazy_attributes

__all__ = [
    "NOT_APPLICABLE",
    "Counts",
    "Entry",
    "Evidence",
    "Finding",
    "FindingSign",
    "FindingWeight",
    "GivenGrade",
    "GroupEvidence",
    "Interval",
    "NotApplicable",
    "Remark",
    "Value",
]


class NotApplicable(enum.Enum):
    """The type of `NOT_APPLICABLE`, the value of a criterion that does not apply."""

    NOT_APPLICABLE = "not_applicable"

    def __repr__(self) -> str:
        return "NOT_APPLICABLE"


NOT_APPLICABLE: Final = NotApplicable.NOT_APPLICABLE
"""The value of a criterion that does not apply to the unit (written ``"not_applicable"``)."""


@attrs.frozen
class Interval:
    """A proportion known only to lie between two bounds.

    Attributes:
        low: The lower bound (0..1).
        high: The upper bound (low..1).
        word: The quantifier word the interval came from, if any (``a large majority``).
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    low: float
    high: float
    word: str | None = None

    @property
    def middle(self) -> float:
        """The midpoint, used for the point prediction."""
        return (self.low + self.high) / 2


@attrs.frozen
class Counts:
    """The counts a proportion was computed from, kept for gap sizes and pooling.

    Attributes:
        numerator: How many (e.g. families in sustained contact); 0 <= numerator <= denominator.
        denominator: Out of how many (e.g. target families in the reach area); positive.
    """

    __repr__ = attrs_repr

    numerator: int
    denominator: int

    @property
    def proportion(self) -> float:
        """The share the counts give."""
        return self.numerator / self.denominator


@attrs.frozen
class GradeRange:
    """A grade given directly, exactly or as a range: an assessor's view.

    Written ``{ grade = "good" }`` on any criterion (the assessor's view where no figure
    exists), as a rating range (``"below good"``, ``"at least good"``, ``{ low = "inadequate",
    high = "requires_improvement" }``) or as a check descriptor the framework declares
    (``"partly"``).

    Attributes:
        best: The id of the best grade the view allows.
        worst: The id of the worst grade it allows.
        point: The id of the grade taken for the point prediction: the grade at the stated
            edge for "below" and "at least", the middle for an explicit range (ties to the
            worse).
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    best: str
    worst: str
    point: str

    @property
    def is_exact(self) -> bool:
        """Whether the view names one grade."""
        return self.best == self.worst


Value: TypeAlias = float | bool | str | Interval | GradeRange | NotApplicable
"""The resolved value of one criterion's evidence (see the module docstring)."""


@attrs.frozen
class Remark:
    """What the evidence says about a criterion without giving it a value.

    The criterion counts as absent (the missing policy applies); reports show the remark.

    Attributes:
        criterion: The criterion id.
        unknown: Whether the source states that the value is not known (``"unknown"``), as
            opposed to a note only.
        source: Where the remark comes from.
        date: When it was made.
        note: The remark itself.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    criterion: str
    unknown: bool = False
    source: str = ""
    date: datetime.date | None = None
    note: str = ""


@attrs.frozen
class Entry:
    """The evidence for one criterion.

    Attributes:
        criterion: The criterion id.
        value: The resolved value (see `Value`).
        counts: For proportions given as counts, the counts themselves.
        text: The value as it was written, where that differs from *value* (``"72%"``).
        source: Where the evidence comes from (``LA dataset, Q2``).
        date: When the evidence was collected or refers to.
        note: Anything a reader should know about it.
    """

    __repr__ = attrs_repr

    criterion: str
    value: Value
    counts: Counts | None = None
    text: str | None = None
    source: str = ""
    date: datetime.date | None = None
    note: str = ""

    @property
    def is_not_applicable(self) -> bool:
        """Whether the entry says the criterion does not apply."""
        return self.value is NOT_APPLICABLE


class FindingSign(str, enum.Enum):
    """Whether a finding is a strength or a weakness."""

    STRENGTH = "strength"
    WEAKNESS = "weakness"


def _judgement_ids(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


@attrs.frozen
class Finding:
    """One strength or weakness, in the words of a report, a mock inspection or own notes.

    Attributes:
        judgements: The ids of the judgements it is filed under; a finding filed under two
            judgements counts once in each. A single id is accepted and kept as a 1-tuple.
        sign: `FindingSign.STRENGTH` or `FindingSign.WEAKNESS`.
        weight: How heavy it is (`FindingWeight`).
        text: The finding in the recorder's words.
        criterion: The id of the criterion it is about, if one clearly fits.
        source: Where it comes from.
        date: When it was found, if stated.
        note: Anything a reader should know about it (why this weight, say).
    """

    __eq__ = attrs_eq
    __hash__ = attrs_hash

    judgements: tuple[str, ...] = attrs.field(converter=_judgement_ids)
    sign: FindingSign
    weight: FindingWeight
    text: str
    criterion: str | None = None
    source: str = ""
    date: datetime.date | None = None
    note: str = ""

    @property
    def is_strength(self) -> bool:
        """Whether the finding is a strength."""
        return self.sign is FindingSign.STRENGTH

    @property
    def is_weakness(self) -> bool:
        """Whether the finding is a weakness."""
        return self.sign is FindingSign.WEAKNESS

    def __repr__(self) -> str:
        return (
            f"<Finding {self.sign.value} {self.weight.value} "
            f"judgements={list(self.judgements)!r} text={self.text[:40]!r}>"
        )


def _findings_tuple(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(findings)


def _frozen_entries(entries: Mapping[str, Entry] | None) -> Mapping[str, Entry]:
    # In criterion id order. Evidence made from evidence (`Evidence.replace`, `applied`, a
    # lift plan's or a what-if's changes) is mostly in that order already, and comparing the
    # ids with their sorted list costs a tenth of sorting the (id, entry) pairs again.
    frozen = dict(entries or {})
    ids = list(frozen)
    ordered = sorted(ids)
    if ids != ordered:
        frozen = {key: frozen[key] for key in ordered}
    return types.MappingProxyType(frozen)


def _frozen_outcome(outcome: Mapping[str, str] | None) -> Mapping[str, str]:
    return types.MappingProxyType(dict(outcome or {}))


def _frozen_provisions(provisions: Mapping[str, bool] | None) -> Mapping[str, bool]:
    return types.MappingProxyType(dict(provisions or {}))


def _issues_tuple(issues: Iterable[Issue]) -> tuple[Issue, ...]:
    return tuple(issues)


def _frozen_remarks(remarks: Mapping[str, Remark] | None) -> Mapping[str, Remark]:
    return types.MappingProxyType(dict(sorted((remarks or {}).items())))


@attrs.frozen
class GivenGrade:
    """A judgement's grade given directly: a mock inspector's decision, or a published one.

    An evidence file's ``[judgements]`` table holds these. A given grade is final for its
    judgement: it replaces the grade its criteria would give (their evidence is still shown
    beside it), and it is certain, so its best and worst grades are the grade itself.

    Attributes:
        judgement: The id of the judgement.
        grade: The grade id given, or `NOT_APPLICABLE` where the judgement does not apply to
            the unit (it is then left out of everything, like a criterion that does not apply).
        source: Where the grade comes from (a report and its date).
        note: Anything a reader should know about it.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    judgement: str
    grade: str | NotApplicable
    source: str = ""
    note: str = ""

    @property
    def applies(self) -> bool:
        """Whether the judgement applies to the unit (a grade was given, not not_applicable)."""
        return self.grade is not NOT_APPLICABLE


def _frozen_given(given: Mapping[str, GivenGrade] | None) -> Mapping[str, GivenGrade]:
    return types.MappingProxyType(dict(given or {}))


@attrs.frozen
class Evidence:
    """Everything known about one unit at one date, resolved against a framework.

    Attributes:
        framework: The id of the framework the evidence is for.
        unit: The unit's name (a centre or a group of centres).
        date: The date the evidence describes, if given.
        entries: Criterion id -> `Entry`, for every criterion that has evidence.
        framework_version: The framework version the evidence was written for, if stated.
        kind: What the unit is: ``centre``, ``group`` or another word the caller chooses.
        note: Anything a reader should know about the evidence as a whole.
        outcome: The grades an inspection published for the unit, if recorded (an evidence
            file's ``[outcome]`` table): ``overall`` or a judgement id -> a grade id. Only
            `inspectkit.calibrate` reads it; it never feeds an assessment.
        source: Where the evidence as a whole comes from (a report, a mock inspection).
        findings: Strengths and weaknesses (`Finding`), in judgement order then as written.
        judgements: Judgement id -> `GivenGrade`, for judgements whose grade the evidence
            gives directly (an evidence file's ``[judgements]`` table).
        remarks: Criterion id -> `Remark`, for criteria the evidence remarks on without a
            value ("unknown", or a note only); they stay absent.
        date_precision: How much of *date* is known: ``day``, ``month`` (written
            ``"2014-10"``) or ``year`` (``"2014"``); a partial date is held as its first day.
        provisions: Provision id -> whether the unit has it (an evidence file's
            ``[provision]`` table); a provision left out is not stated (see
            `inspectkit.rubric.Framework.applicability`).
        warnings: Problems the loader noticed that did not stop it, each located as an
            `Issue` (a grade given for a judgement the evidence's date pre-dates, ignored).
        file: The file the evidence was loaded from, if any (kept for error messages).
    """

    __eq__ = attrs_eq
    __hash__ = attrs_hash

    framework: str
    unit: str
    entries: Mapping[str, Entry] = attrs.field(factory=dict, converter=_frozen_entries, hash=False)
    date: datetime.date | None = None
    framework_version: str | None = None
    kind: str = "centre"
    note: str = ""
    outcome: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_outcome, hash=False)
    source: str = ""
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_findings_tuple)
    judgements: Mapping[str, GivenGrade] = attrs.field(
        factory=dict, converter=_frozen_given, hash=False
    )
    remarks: Mapping[str, Remark] = attrs.field(factory=dict, converter=_frozen_remarks, hash=False)
    date_precision: str = "day"
    provisions: Mapping[str, bool] = attrs.field(
        factory=dict, converter=_frozen_provisions, hash=False
    )
    warnings: tuple[Issue, ...] = attrs.field(default=(), converter=_issues_tuple, eq=False)
    file: str | None = attrs.field(default=None, eq=False)

    def __repr__(self) -> str:
        findings = f" findings={len(self.findings)}" if self.findings else ""
        return (
            f"<Evidence unit={self.unit!r} framework={self.framework!r} "
            f"entries={len(self.entries)}{findings}>"
        )

    def _repr_html_(self) -> str:
        """Show the evidence in notebooks: its unit, date, entries as given and findings."""
        from inspectkit.render.html import evidence_to_html

        return evidence_to_html(self)

    def _repr_markdown_(self) -> str:
        """Show the evidence as Markdown in front ends that prefer it."""
        from inspectkit.render.markdown import evidence_to_markdown

        return evidence_to_markdown(self)

    def findings_for(self, judgement_id: str) -> tuple[Finding, ...]:
        """Return the findings filed under judgement *judgement_id*, in order."""
        return tuple(finding for finding in self.findings if judgement_id in finding.judgements)

    def value(self, criterion_id: str) -> Value | None:
        """Return the value for *criterion_id*, or ``None`` where the evidence is absent."""
        entry = self.entries.get(criterion_id)
        return None if entry is None else entry.value

    def applied(self, framework: Framework) -> Evidence:
        """Return the evidence with what does not apply to the unit written as not applicable.

        Every judgement and criterion that `Framework.applicability` says does not apply
        (a provision ``[provision]`` says the unit lacks, a date before a judgement was
        introduced) becomes not applicable: a criterion gets a not-applicable entry, a
        judgement a not-applicable `GivenGrade`, each noting why. Evidence given for them is
        set aside (the loader refuses or warns about it). The result is left out of every
        count, rule, cap and spread like any not-applicable evidence, so it never lowers
        anything. Applying it twice gives the same evidence; evidence that nothing in it
        touches is returned as it is.
        """
        if not framework.provisions and not any(j.introduced for j in framework.judgements):
            return self
        absent = framework.applicability(self.provisions, self.date)
        if not absent.criteria:
            return self
        entries = dict(self.entries)
        for criterion_id, why in absent.criteria.items():
            entries[criterion_id] = Entry(criterion_id, NOT_APPLICABLE, note=why)
        given = dict(self.judgements)
        for judgement_id, why in absent.judgements.items():
            given[judgement_id] = GivenGrade(judgement_id, NOT_APPLICABLE, note=why)
        if entries == self.entries and given == self.judgements:
            return self
        return attrs.evolve(self, entries=entries, judgements=given)

    def replace(self, entries: Mapping[str, Entry | None], **changes: Any) -> Evidence:
        """Return a copy with *entries* replaced (an entry of ``None`` removes the evidence)."""
        merged = dict(self.entries)
        for criterion_id, entry in entries.items():
            if entry is None:
                merged.pop(criterion_id, None)
            else:
                merged[criterion_id] = entry
        return attrs.evolve(self, entries=merged, **changes)
