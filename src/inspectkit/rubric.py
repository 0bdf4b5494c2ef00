"""The rubric model: a framework, its judgements, criteria, aggregation methods and caps.

These are frozen attrs classes with no I/O. `inspectkit.loading` builds them from TOML and
checks them; once built, a `Framework` is immutable and internally consistent (every id a cap
or rule names exists, thresholds are in order, and so on), so the scoring engine never has to
check again.

The words used here are the words of the TOML format (see ``inspectkit docs framework-format``): a
field called ``at_or_below`` in a class is the key ``at_or_below`` in a file, and an error about
it names the same key.
"""

from __future__ import annotations

import datetime
import enum
import functools
import types
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from inspectkit._convert import TUPLE  # one converter for every tuple field
from inspectkit._repr import attrs_eq, attrs_hash, attrs_repr  # not compiled per class
from inspectkit.errors import UnknownIdError
from inspectkit.grades import Grade, GradeScale

__all__ = [
    "ANY_JUDGEMENT",
    "OVERALL",
    "Accuracy",
    "Aggregation",
    "Applicability",
    "Basis",
    "Cap",
    "Condition",
    "Criterion",
    "DerivedStatus",
    "Direction",
    "FindingLimit",
    "FindingSupport",
    "FindingWeight",
    "FindingsRule",
    "Framework",
    "GroupMethod",
    "GroupRule",
    "Judgement",
    "Measure",
    "Method",
    "MissingPolicy",
    "Provenance",
    "Provision",
    "Quantifier",
    "Rule",
    "Scale",
    "Source",
    "Spread",
    "StatusLevel",
    "Threshold",
    "Vocabulary",
]

OVERALL = "overall"
"""The id that names the overall grade in caps, results and reports."""

ANY_JUDGEMENT = "*"
"""The judgement id of a status condition that counts judgements on the framework's scale."""


def _frozen_map(value: Mapping[Any, Any] | None) -> Mapping[Any, Any]:
    return types.MappingProxyType(dict(value or {}))


def _frozenset(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


def _map_field() -> Any:
    """An immutable mapping field, compared by content and left out of the hash."""
    return attrs.field(factory=dict, converter=_frozen_map, hash=False)


class Basis(str, enum.Enum):
    """How far a threshold, cap or rule is backed by a source.

    The four values follow the tags of ``reference/inspection-frameworks.md``; reports name the
    parts of a prediction that rest on anything other than `VERIFIED` text.
    """

    VERIFIED = "verified"
    """Stated in a primary source: regulator text, legislation, a published report."""
    SECONDARY = "secondary"
    """Reported by a reliable secondary source that quotes or reports the regulator."""
    THIRD_PARTY = "third_party"
    """A claim by a consultancy, charity or blog, not found in regulator text."""
    MODELLED = "modelled"
    """Our own inference, consistent with the published evidence but not stated anywhere."""
    DERIVED = "derived"
    """Derived by us from published outcomes (the method in the note), not the regulator's rule.

    Always accompanied by an `Accuracy`: how often the rule reproduces the published grades.
    """


class Measure(str, enum.Enum):
    """The kind of evidence a criterion is graded from."""

    PROPORTION = "proportion"
    """A share between 0 and 1: ``0.72``, ``"72%"``, counts, or a quantifier word."""
    QUANTITY = "quantity"
    """A number with a unit, such as a gap in percentage points."""
    CHECK = "check"
    """Met or not met."""
    RATING = "rating"
    """An assessor's direct grade on the framework's scale."""


class Direction(str, enum.Enum):
    """Whether a higher or a lower number is better, for proportions and quantities."""

    HIGHER = "higher"
    LOWER = "lower"


class Method(str, enum.Enum):
    """The named aggregation methods; every one is monotone."""

    BEST_FIT = "best_fit"
    """The best grade that a required weighted share of members reach or beat."""
    SECURE_FIT = "secure_fit"
    """The best grade that every member reaches: the weakest link."""
    PERCENT_BANDS = "percent_bands"
    """Points per grade, as a percentage of the maximum, banded into grades."""
    RULES = "rules"
    """The best grade whose conditions hold, from an ordered list of rules."""
    NONE = "none"
    """No grade at all: for ``[overall]`` of a framework that gives no overall grade."""


class MissingPolicy(str, enum.Enum):
    """How a criterion with no evidence is treated."""

    WORST = "worst"
    """Not demonstrated: graded at the worst grade, as an inspector would treat it."""
    EXCLUDE = "exclude"
    """Left out of aggregation and out of coverage."""
    ERROR = "error"
    """Absent evidence is an error."""


@attrs.frozen
class Applicability:
    """Which judgements and criteria do not apply to one unit, and why.

    `Framework.applicability` works it out from what the evidence says of the unit.

    Attributes:
        judgements: Judgement id -> why it does not apply (a provision the unit lacks, or a
            date before the judgement was introduced), in the words reports print.
        criteria: Criterion id -> why it does not apply: its own provision, or its judgement's.
        before_introduced: The ids of the judgements that do not apply because the evidence
            is dated before they were introduced (evidence given for them is ignored).
        unstated: Judgement id -> the provision it depends on that the evidence does not
            state (the judgement is graded as usual, and reports say so).
        unstated_criteria: Likewise for criteria whose own provision is not stated.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    judgements: Mapping[str, str] = _map_field()
    criteria: Mapping[str, str] = _map_field()
    before_introduced: frozenset[str] = attrs.field(default=frozenset(), converter=_frozenset)
    unstated: Mapping[str, Provision] = _map_field()
    unstated_criteria: Mapping[str, Provision] = _map_field()


@attrs.frozen
class Source:
    """A document that thresholds and rules cite.

    Attributes:
        id: The snake_case id by which provenance records cite the source.
        title: The document's title.
        url: Where it was found, if anywhere.
        note: What it supports, or how far it could be read.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    id: str
    title: str
    url: str = ""
    note: str = ""


@attrs.frozen
class Provenance:
    """Where a threshold, cap or rule comes from, and how far it is verified.

    Attributes:
        basis: How far it is backed (`Basis`).
        source: The id of a `Source` of the framework, if one is cited.
        note: A short explanation, e.g. why a number was chosen.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    basis: Basis
    source: str | None = None
    note: str = ""

    @property
    def is_verified(self) -> bool:
        """Whether the rule is stated in regulator text."""
        return self.basis is Basis.VERIFIED


@attrs.frozen
class Threshold:
    """The value a measured criterion must reach (or not exceed) for a grade.

    Attributes:
        grade: The id of the grade the threshold is for.
        value: The boundary: for a *higher is better* criterion, values at or above it reach the
            grade; for a *lower is better* one, values at or below it do.
        provenance: Where the number comes from.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    grade: str
    value: float
    provenance: Provenance


@attrs.frozen
class Criterion:
    """One aspect an inspector weighs, graded on the scale from one piece of evidence.

    Attributes:
        id: A snake_case id, unique across the framework.
        title: A short name (``Sustained contact of target families``).
        measure: The kind of evidence (`Measure`).
        weight: The criterion's weight in its judgement (finite, positive).
        direction: For proportions and quantities, whether higher or lower is better.
        unit: For quantities, the unit shown with the number (``percentage points``).
        minimum: For quantities, the smallest value that makes sense (e.g. 0), if any.
        maximum: For quantities, the largest value that makes sense, if any.
        thresholds: For proportions and quantities, one threshold for every grade but the
            worst, best grade first; below the last threshold a value gets the worst grade.
        met: For checks, the id of the grade a met check gets (default: the best grade).
        not_met: For checks, the id of the grade a check not met gets (default: the worst).
        level: For checks under secure fit: the grade the check is needed for. A met check
            counts as the best grade; a check not met (or unknown) as the grade just below
            ``level``, or as ``level`` itself when it is the worst grade (a descriptor of the
            worst grade, written so that met means the weakness is absent). Not combined with
            ``met`` / ``not_met``.
        values: For checks, descriptor words the framework accepts besides met and not met,
            each with the grade it gives (``partly`` -> ``requires_improvement`` for "figures
            for some priority groups but not all").
        provenance: Where the check grades, or the criterion as a whole, come from.
        descriptors: What each grade looks like for this criterion, by grade id, in our words.
        evidence: What evidence to collect, and where it is usually found.
        actions: Actions that lift the criterion, most effective first.
        effort: The relative effort of raising the criterion by one grade (default 1), used
            to break ties between lift plans.
        provision: The id of the `Provision` the criterion applies only to (a childminder
            who employs no staff has no staff supervision), if any.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    id: str
    title: str
    measure: Measure
    weight: float = 1.0
    direction: Direction = Direction.HIGHER
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    thresholds: tuple[Threshold, ...] = attrs.field(default=(), converter=TUPLE)
    met: str | None = None
    not_met: str | None = None
    values: Mapping[str, str] = _map_field()
    provenance: Provenance | None = None
    descriptors: Mapping[str, str] = _map_field()
    evidence: str = ""
    actions: tuple[str, ...] = attrs.field(default=(), converter=TUPLE)
    effort: float = 1.0
    level: str | None = None
    provision: str | None = None

    def check_grades(self, scale: GradeScale, ceiling: str | None = None) -> tuple[str, str]:
        """Return the grade ids a met and a not-met check get on *scale*.

        ``level`` decides them when it is set (see the class docstring): a met check counts
        as *ceiling* (its judgement's `Judgement.level_ceiling`, default the best grade).
        Otherwise ``met`` and ``not_met`` do, defaulting to the best and the worst grade.
        """
        if self.level is not None:
            ids = scale.ids
            rank = ids.index(self.level)
            return ceiling or ids[0], ids[min(rank + 1, len(ids) - 1)]
        return self.met or scale.best.id, self.not_met or scale.worst.id

    def threshold(self, grade: str) -> Threshold | None:
        """Return the threshold for *grade* (a grade id), or ``None`` if it has none."""
        for threshold in self.thresholds:
            if threshold.grade == grade:
                return threshold
        return None


@attrs.frozen
class Rule:
    """One rule of the ``rules`` aggregation method: a grade and the conditions that give it.

    All conditions of a rule must hold. Each condition only gets easier to meet as members
    improve, so the method stays monotone. Members are the criteria of a judgement or, for the
    overall grade, the judgements.

    Attributes:
        grade: The grade the rule gives when its conditions hold.
        at_least: Grade id -> count: at least that many members at that grade or better.
        at_most: Grade id -> count: at most that many members at that grade or worse.
        none_below: A grade id: no member worse than it.
        minimum: Member id -> grade id: that member at that grade or better.
        provenance: Where the rule comes from.
        description: The rule in plain words, used in traces.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    grade: str
    at_least: Mapping[str, int] = _map_field()
    at_most: Mapping[str, int] = _map_field()
    none_below: str | None = None
    minimum: Mapping[str, str] = _map_field()
    provenance: Provenance | None = None
    description: str = ""


@attrs.frozen
class Aggregation:
    """How members' grades combine into one grade.

    Attributes:
        method: The aggregation method (`Method`).
        share: For ``best_fit``: the weighted share of members (0 < share <= 1) that must reach
            a grade or better for it to be given.
        points: For ``percent_bands``: grade id -> points for a member at that grade.
        bands: For ``percent_bands``: grade id -> the percentage of the maximum points
            (0..100) needed for the grade, for every grade but the worst.
        rules: For ``rules``: the rules, in the order written.
        provenance: Where the method and its parameters come from.
        accuracy: For a rule derived from published outcomes (provenance basis ``derived``),
            how often it reproduces them.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    method: Method
    share: float | None = None
    points: Mapping[str, float] = _map_field()
    bands: Mapping[str, float] = _map_field()
    rules: tuple[Rule, ...] = attrs.field(default=(), converter=TUPLE)
    provenance: Provenance | None = None
    accuracy: Accuracy | None = None


@attrs.frozen
class Cap:
    """A limiting rule: when one thing is at or below a grade, another can be no better than H.

    Attributes:
        id: A snake_case id, unique among the framework's caps.
        when: The id of the criterion or judgement the cap watches.
        at_or_below: The cap fires when *when* is graded at this grade or worse.
        not_met: For a check criterion, ``True`` makes the cap fire when the check is not met
            (instead of *at_or_below*).
        limits: The id of the judgement limited, or ``overall``.
        to: The best grade *limits* may have while the cap fires.
        provenance: Where the rule comes from.
        description: The rule in plain words, used in traces and reports.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    id: str
    when: str
    limits: str
    to: str
    provenance: Provenance
    at_or_below: str | None = None
    not_met: bool = False
    description: str = ""


@functools.total_ordering
class FindingWeight(enum.Enum):
    """How heavy a finding is: ordered, ``MINOR < NOTABLE < MAJOR``.

    The weight is a word shared by evidence (a `inspectkit.evidence.Finding` has one) and by
    the framework (a `FindingLimit` names the lightest weight it counts), so it lives here, in
    the lower layer; `inspectkit.evidence` re-exports it. ``inspectkit docs recording-findings``
    says how to weigh a finding from its words.
    """

    MINOR = "minor"
    """A refinement to work that otherwise works; narrow reach."""
    NOTABLE = "notable"
    """A core expectation met well or not met for many families; how the work is run."""
    MAJOR = "major"
    """Serious or widespread (a weakness), exceptional or widespread (a strength)."""

    @property
    def rank(self) -> int:
        """0 for `MINOR`, 1 for `NOTABLE`, 2 for `MAJOR`."""
        return _WEIGHT_RANKS[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, FindingWeight):
            return NotImplemented
        return self.rank < other.rank


_WEIGHT_RANKS: dict[FindingWeight, int] = {weight: i for i, weight in enumerate(FindingWeight)}


@attrs.frozen
class FindingLimit:
    """Weaknesses that limit a judgement, like a cap.

    Attributes:
        weakness: The lightest weight counted: weaknesses of this weight *or heavier* count.
        count: How many such weaknesses make the limit fire (at least 1).
        to: The best grade the judgement may have while the limit fires.
        provenance: Where the rule comes from (the ``[findings]`` table's, unless the entry
            gives its own).
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    weakness: FindingWeight
    count: int
    to: str
    provenance: Provenance


@attrs.frozen
class FindingSupport:
    """Strengths that support a grade where no criterion gives one.

    Attributes:
        strength: The lightest weight counted: strengths of this weight *or heavier* count.
        count: How many such strengths make the support hold (at least 1).
        grade: The grade the strengths support.
        provenance: Where the rule comes from (the table's, unless the entry gives its own).
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    strength: FindingWeight
    count: int
    grade: str
    provenance: Provenance


@attrs.frozen
class FindingsRule:
    """How a judgement's findings combine with its criteria into its grade.

    Weaknesses set a *ceiling*: the worst ``to`` of the limits that fire. Strengths set a
    *support*: the best ``grade`` of the supports that hold. Where criteria give a grade, the
    judgement is the worse of that grade and the ceiling (strengths never raise measured
    criteria); where no criterion is graded, the findings alone grade it (see
    ``inspectkit docs recording-findings``).

    Attributes:
        limits: The limits, in the order written.
        supports: The supports, in the order written.
        provenance: Where the table as a whole comes from.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    provenance: Provenance
    limits: tuple[FindingLimit, ...] = attrs.field(default=(), converter=TUPLE)
    supports: tuple[FindingSupport, ...] = attrs.field(default=(), converter=TUPLE)


@attrs.frozen
class Quantifier:
    """A word inspectors use for a share, mapped to the interval it is taken to mean.

    Attributes:
        word: The word or phrase (``a large majority``).
        low: The lowest share it covers (0..1).
        high: The highest share it covers (low <= high <= 1).
        aliases: Other spellings accepted for it (``the large majority``).
        below: For a word written in the framework's own words as "below another word"
            (``too few`` is below ``a large majority``), that word; *low* and *high* are then
            resolved from it when the framework is loaded (from 0 to just under its low end).
        above: Likewise for "above another word" (from just over its high end to 1).
        provenance: Where this word's band comes from, when it differs from the vocabulary's.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    word: str
    low: float
    high: float
    aliases: tuple[str, ...] = attrs.field(default=(), converter=TUPLE)
    below: str | None = None
    above: str | None = None
    provenance: Provenance | None = None


@attrs.frozen
class Vocabulary:
    """The framework's editable table of quantifier words.

    Attributes:
        quantifiers: The words, in the order written.
        provenance: Where the mapping from words to shares comes from.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    quantifiers: tuple[Quantifier, ...] = attrs.field(default=(), converter=TUPLE)
    provenance: Provenance | None = None


class GroupMethod(str, enum.Enum):
    """How the grades of a group's members combine into the group's grades.

    See ``inspectkit docs groups-and-progress`` for what each rule does to the overall grade.
    """

    WEAKEST = "weakest"
    """The worst member's grade, judgement by judgement: one weak member pulls a group down."""
    BEST_FIT = "best_fit"
    """The best grade that a required share of the members reach or beat."""
    POOLED = "pooled"
    """The members' counts are summed and the group is assessed once as one unit."""


@attrs.frozen
class Spread:
    """How far members of a group may differ before the group is flagged as inconsistent.

    Attributes:
        grades: The largest difference, in grades, between members' grades for one judgement
            (or overall) that is still consistent; ``None`` to leave grades unchecked.
        criteria: Criterion id -> the largest difference between members' values that is still
            consistent, in the criterion's own terms (``0.2`` for twenty percentage points of
            a proportion).
        provenance: Where the limits come from, where they differ from the group rule's.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    grades: int | None = None
    criteria: Mapping[str, float] = _map_field()
    provenance: Provenance | None = None


@attrs.frozen
class GroupRule:
    """How a framework assesses a group of units inspected together, by default.

    Attributes:
        rule: The rule that combines members' grades (`GroupMethod`).
        provenance: Where the rule comes from.
        share: For ``best_fit``: the share of members (0 < share <= 1) that must reach a grade
            or better; ``None`` takes the share of the framework's overall ``best_fit``
            aggregation, or a simple majority (0.5).
        spread: When members differ enough for the group to be flagged as inconsistent.
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    rule: GroupMethod
    provenance: Provenance
    share: float | None = None
    spread: Spread = attrs.field(factory=Spread)


@attrs.frozen
class Judgement:
    """One key judgement: criteria and the method that combines their grades.

    Attributes:
        id: A snake_case id (``access``), unique across the framework, not ``overall``.
        title: The judgement's title as reports print it.
        criteria: Its criteria, in the order written.
        aggregation: How the criteria's grades combine.
        weight: The judgement's weight in the overall grade, where the overall method uses one.
        description: What the judgement weighs, in our own words.
        findings: How findings combine into this judgement's grade, where the judgement
            overrides the framework's ``[findings]`` table (see `Framework.findings_rule`).
        provision: The id of the `Provision` the judgement applies only to (written
            ``applies = "where_provision"``), if any.
        introduced: The first day the judgement exists: evidence dated before it gets the
            judgement as not applicable (ILACS care leavers, from January 2023).
        absent_text: What reports print where the judgement does not apply, in place of its
            provision's (or the introduced date's) text.
        scale: The id of the `Scale` the judgement is graded on, or ``None`` for the
            framework's own scale (see `Framework.scale_of`).
    """

    __repr__ = attrs_repr
    __eq__ = attrs_eq
    __hash__ = attrs_hash

    id: str
    title: str
    criteria: tuple[Criterion, ...] = attrs.field(converter=TUPLE)
    aggregation: Aggregation
    weight: float = 1.0
    description: str = ""
    findings: FindingsRule | None = None
    provision: str | None = None
    introduced: datetime.date | None = None
    absent_text: str = ""
    scale: str | None = None

    def level_ceiling(self, scale: GradeScale) -> str | None:
        """Return the best grade this judgement's ``level`` checks let it reach, if it has any.

        A grade nobody wrote criteria for cannot be awarded: starting from the worst level a
        check is declared *needed for* (a descriptor of the worst grade does not count), each
        better grade is reachable only when some check is declared at it. Any criterion that is
        not a ``level`` check (a rating, proportion, quantity or plain check) grades itself, so
        it counts as declared at every level and there is no ceiling. The ceiling depends on
        the framework alone, never on evidence, so it cannot make better evidence worse.
        """
        levels = {c.level for c in self.criteria if c.level is not None}
        if not levels or any(c.level is None for c in self.criteria):
            return None
        ids = scale.ids
        needed = sorted(
            (ids.index(level) for level in levels if level != scale.worst.id), reverse=True
        )
        if not needed:
            return None
        top = needed[0]
        while top - 1 in needed:
            top -= 1
        return ids[top]


@attrs.frozen
class Framework:
    """A complete, checked inspection framework.

    Build one with `inspectkit.load_framework` (or `loads_framework`); the loaders check every
    cross-reference, so a `Framework` in hand is always consistent.

    Attributes:
        id: The framework's snake_case id (``ofsted_childrens_centres_2014``).
        title: Its full title.
        version: Its version string; a local variant has its own.
        scale: The grade scale, best first.
        judgements: The key judgements, in order.
        overall: How the judgements' grades combine into the overall grade.
        overall_title: The title of the overall grade (``Overall effectiveness``).
        caps: The limiting rules.
        vocabulary: Quantifier words accepted as proportion evidence.
        missing: The default policy for absent evidence.
        sources: The documents provenance records cite.
        status: ``current`` or ``historical`` (no longer used by the regulator).
        valid_from: The first day the framework is in force, if known.
        valid_until: The last day the framework is in force, if it has ended.
        description: What the framework is for and how far it is verified.
        group: How groups of units are assessed by default, if the framework says; see
            `inspectkit.assess_group` for the default used when it does not.
        findings: How findings combine into every judgement's grade, unless a judgement
            overrides it; ``None``: findings are reported but change no grade.
        kinds: The kinds of unit evidence may name (``centre``, ``group``); empty means any.
        changes: What this framework changed from the one it ``extends`` (never inherited:
            each successor records its own).
        provisions: What a unit may or may not have, that judgements and criteria depend on.
        scales: Further grade scales that judgements may be graded on (`Scale`).
        statuses: Statuses derived from the grades (`DerivedStatus`), such as a category of
            concern.
        lineage: The ids of the frameworks this one ``extends``, nearest first (its parent,
            then the parent's parent); empty for a framework that extends nothing. Set by the
            loader; evidence naming any of these ids is accepted for this framework. It says
            where the framework came from, not what it is, so it takes no part in equality
            and is not written by ``framework_to_dict`` (which writes a flat file that
            extends nothing).
    """

    __eq__ = attrs_eq
    __hash__ = attrs_hash

    id: str
    title: str
    version: str
    scale: GradeScale
    judgements: tuple[Judgement, ...] = attrs.field(converter=TUPLE)
    overall: Aggregation
    overall_title: str = "Overall effectiveness"
    caps: tuple[Cap, ...] = attrs.field(default=(), converter=TUPLE)
    vocabulary: Vocabulary = attrs.field(factory=Vocabulary)
    missing: MissingPolicy = MissingPolicy.WORST
    sources: tuple[Source, ...] = attrs.field(default=(), converter=TUPLE)
    status: str = "current"
    description: str = ""
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    group: GroupRule | None = None
    findings: FindingsRule | None = None
    kinds: tuple[str, ...] = attrs.field(default=(), converter=TUPLE)
    changes: tuple[Change, ...] = attrs.field(default=(), converter=TUPLE)
    provisions: tuple[Provision, ...] = attrs.field(default=(), converter=TUPLE)
    scales: tuple[Scale, ...] = attrs.field(default=(), converter=TUPLE)
    statuses: tuple[DerivedStatus, ...] = attrs.field(default=(), converter=TUPLE)
    lineage: tuple[str, ...] = attrs.field(default=(), eq=False)

    def __repr__(self) -> str:
        return (
            f"<Framework {self.id!r} version={self.version!r} "
            f"judgements={len(self.judgements)} criteria={sum(1 for _ in self.criteria())}>"
        )

    def _repr_html_(self) -> str:
        """Show the framework in notebooks: its scale, judgements, criteria and thresholds."""
        from inspectkit.render.html import framework_to_html

        return framework_to_html(self)

    def _repr_markdown_(self) -> str:
        """Show the framework as Markdown in front ends that prefer it."""
        from inspectkit.render.markdown import framework_to_markdown

        return framework_to_markdown(self)

    @property
    def has_overall(self) -> bool:
        """Whether the framework gives an overall grade (its ``[overall]`` method is not none)."""
        return self.overall.method is not Method.NONE

    def in_force(self, date: datetime.date) -> bool:
        """Whether the framework was in force on *date* (inside valid_from .. valid_until)."""
        if self.valid_from is not None and date < self.valid_from:
            return False
        return self.valid_until is None or date <= self.valid_until

    def accepts_framework_id(self, framework_id: str) -> bool:
        """Return whether evidence naming *framework_id* is for this framework or an ancestor."""
        return framework_id == self.id or framework_id in self.lineage

    def criteria(self) -> Iterator[Criterion]:
        """Yield every criterion, judgement by judgement, in the order written."""
        for judgement in self.judgements:
            yield from judgement.criteria

    def criterion(self, criterion_id: str) -> Criterion:
        """Return the criterion with id *criterion_id*, or raise `UnknownIdError`."""
        for criterion in self.criteria():
            if criterion.id == criterion_id:
                return criterion
        raise UnknownIdError(f"framework {self.id!r} has no criterion {criterion_id!r}")

    def judgement(self, judgement_id: str) -> Judgement:
        """Return the judgement with id *judgement_id*, or raise `UnknownIdError`."""
        for judgement in self.judgements:
            if judgement.id == judgement_id:
                return judgement
        raise UnknownIdError(f"framework {self.id!r} has no judgement {judgement_id!r}")

    def judgement_of(self, criterion_id: str) -> Judgement:
        """Return the judgement that criterion *criterion_id* belongs to."""
        for judgement in self.judgements:
            if any(criterion.id == criterion_id for criterion in judgement.criteria):
                return judgement
        raise UnknownIdError(f"framework {self.id!r} has no criterion {criterion_id!r}")

    def findings_rule(self, judgement_id: str) -> FindingsRule | None:
        """Return the findings rule of judgement *judgement_id*: its own, else the framework's.

        A judgement on another scale takes only its own: the framework's table names grades of
        the framework's scale.
        """
        judgement = self.judgement(judgement_id)
        if judgement.findings is not None or judgement.scale is not None:
            return judgement.findings
        return self.findings

    def scale_of(self, member_id: str) -> GradeScale:
        """Return the scale *member_id* (a judgement, a criterion or ``overall``) is graded on.

        A judgement with a `Judgement.scale` is graded on that scale, and so are its criteria;
        everything else, and ``overall``, on the framework's own `scale`.

        Raises:
            UnknownIdError: *member_id* is not ``overall``, a judgement or a criterion.
        """
        if member_id == OVERALL:
            return self.scale
        for judgement in self.judgements:
            if judgement.id == member_id or any(c.id == member_id for c in judgement.criteria):
                return self._scale_named(judgement.scale)
        raise UnknownIdError(f"framework {self.id!r} has no judgement or criterion {member_id!r}")

    def on_main_scale(self, judgement_id: str) -> bool:
        """Whether judgement *judgement_id* is graded on the framework's own scale.

        Only such judgements count in the overall grade, in ``"*"`` status conditions and in
        group spreads: grades of different scales are not comparable.
        """
        return self.judgement(judgement_id).scale is None

    def _scale_named(self, scale_id: str | None) -> GradeScale:
        for scale in self.scales:
            if scale.id == scale_id:
                return scale.grades
        return self.scale

    def grade(self, name: str | int) -> Grade:
        """Return the grade called *name* on the framework's scale (see `GradeScale.find`)."""
        return self.scale.find(name)

    def provision(self, provision_id: str) -> Provision:
        """Return the provision with id *provision_id*, or raise `UnknownIdError`."""
        for provision in self.provisions:
            if provision.id == provision_id:
                return provision
        raise UnknownIdError(f"framework {self.id!r} has no provision {provision_id!r}")

    def applicability(
        self, provisions: Mapping[str, bool], date: datetime.date | None = None
    ) -> Applicability:
        """Return which judgements and criteria do not apply to a unit, and why.

        A judgement does not apply where the unit lacks its provision (*provisions* maps it to
        ``False``) or where *date* is before the judgement was ``introduced``; its criteria do
        not apply with it. A criterion does not apply where the unit lacks its own provision.
        A provision *provisions* does not mention is *unstated*: what depends on it is graded
        as usual (not stating a provision can never make a unit look better). Evidence with
        no date is treated as current.

        Args:
            provisions: Provision id -> whether the unit has it (an evidence file's
                ``[provision]`` table).
            date: The date the evidence describes, if known.
        """
        by_id = {provision.id: provision for provision in self.provisions}
        judgements: dict[str, str] = {}
        criteria: dict[str, str] = {}
        before: set[str] = set()
        unstated: dict[str, Provision] = {}
        unstated_criteria: dict[str, Provision] = {}
        for judgement in self.judgements:
            why = None
            if judgement.provision is not None:
                has = provisions.get(judgement.provision)
                if has is None:
                    unstated[judgement.id] = by_id[judgement.provision]
                elif not has:
                    why = judgement.absent_text or by_id[judgement.provision].absent
            introduced = judgement.introduced
            if why is None and introduced is not None and date is not None and date < introduced:
                before.add(judgement.id)
                why = judgement.absent_text or (
                    "not graded: the evidence pre-dates this judgement, introduced on "
                    f"{introduced.isoformat()}"
                )
            if why is not None:
                judgements[judgement.id] = why
            for criterion in judgement.criteria:
                if why is not None:
                    criteria[criterion.id] = why
                elif criterion.provision is not None:
                    has = provisions.get(criterion.provision)
                    if has is None:
                        unstated_criteria[criterion.id] = by_id[criterion.provision]
                    elif not has:
                        criteria[criterion.id] = by_id[criterion.provision].absent
        return Applicability(judgements, criteria, before, unstated, unstated_criteria)

    def derived_status(self, status_id: str) -> DerivedStatus:
        """Return the derived status with id *status_id*, or raise `UnknownIdError`."""
        for status in self.statuses:
            if status.id == status_id:
                return status
        raise UnknownIdError(f"framework {self.id!r} has no status {status_id!r}")

    def source(self, source_id: str) -> Source:
        """Return the source with id *source_id*, or raise `UnknownIdError`."""
        for source in self.sources:
            if source.id == source_id:
                return source
        raise UnknownIdError(f"framework {self.id!r} has no source {source_id!r}")


# Derived statuses, provisions, second scales, lineage changes and accuracy records are defined
# in `inspectkit._rubric` (they need `Provenance` from above) and bound here at import, not
# read lazily: `Framework`'s and `Aggregation`'s annotations name them, and
# `typing.get_type_hints` (which cattrs and `attrs.resolve_types` call) reads each name in this
# module's namespace, which a module ``__getattr__`` never reaches. Left lazy (as they were for a
# while, to save defining seven attrs classes at start-up, about 20M instructions),
# ``typing.get_type_hints(Framework)`` failed in a fresh process (tests/test_type_hints.py).
from inspectkit._rubric.parts import Accuracy, Provision, Scale  # noqa: E402

# Exported though not in __all__ (results has a Change too): the alias says so to mypy.
from inspectkit._rubric.parts import Change as Change  # noqa: E402, PLC0414
from inspectkit._rubric.statuses import Condition, DerivedStatus, StatusLevel  # noqa: E402
