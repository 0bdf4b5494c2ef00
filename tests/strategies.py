"""Hypothesis strategies for the models: grade scales, frameworks, evidence and improvements.

Small named building blocks, combined by ``@st.composite`` builders. Frameworks are built
directly from the model classes (not from TOML), so these strategies test the engine and
anything downstream of it without depending on the loader. Every framework drawn is one the
loader would accept: thresholds strictly ordered, ids unique, caps without cycles, rules
referring to existing members.

Typical use::

    @given(data=st.data())
    def test_something(data):
        framework = data.draw(frameworks())
        evidence = data.draw(evidence_for(framework))
        criterion_id, better = data.draw(improve(framework, evidence))
"""

from __future__ import annotations

import copy
import functools
import math
from collections.abc import Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

from inspectkit.evidence import (
    NOT_APPLICABLE,
    Entry,
    Evidence,
    Finding,
    FindingSign,
    FindingWeight,
    Interval,
    Value,
)
from inspectkit.grades import Grade, GradeScale
from inspectkit.rubric import (
    OVERALL,
    Aggregation,
    Basis,
    Cap,
    Criterion,
    Direction,
    FindingLimit,
    FindingsRule,
    FindingSupport,
    Framework,
    GroupMethod,
    GroupRule,
    Judgement,
    Measure,
    Method,
    MissingPolicy,
    Provenance,
    Quantifier,
    Rule,
    Spread,
    Threshold,
    Vocabulary,
)

__all__ = [
    "MODELLED",
    "aggregations",
    "caps",
    "criteria",
    "evidence_for",
    "exact_evidence_for",
    "frameworks",
    "group_rules",
    "improve",
    "judgements",
    "scales",
    "value_for",
    "weights",
]

MODELLED = Provenance(Basis.MODELLED, note="generated for a test")
"""The provenance every generated threshold, cap and rule carries."""

_LETTERS = "abcdefgh"

weights = st.sampled_from([0.5, 1.0, 1.0, 2.0, 3.0])
"""Criterion and judgement weights: few distinct values, exact in binary floating point."""

shares = st.sampled_from([0.25, 0.5, 0.5, 0.75, 1.0])
"""Best-fit shares."""


def _reused(factory: Any) -> Any:
    """*factory* (a strategy function) memoised on its arguments when they are hashable.

    Hypothesis validates every new strategy object the first time it draws from it, and the
    builders below call each other once per criterion and judgement of every example: building
    a fresh strategy for the same scale and ids each time cost more than the drawing. A strategy
    depends only on its arguments, so one built for equal (immutable) arguments is reused.
    """
    cache: dict[Any, Any] = {}

    @functools.wraps(factory)
    def reused(*args: Any, **kwargs: Any) -> Any:
        key = (args, tuple(sorted(kwargs.items())))
        try:
            return cache[key]
        except KeyError:
            cache[key] = strategy = factory(*args, **kwargs)
            return strategy
        except TypeError:  # an unhashable argument (a list): build afresh
            return factory(*args, **kwargs)

    return reused


@functools.lru_cache(maxsize=1024)
def _sampled(elements: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    return st.sampled_from(elements)


def _pick(elements: Sequence[Any]) -> st.SearchStrategy[Any]:
    """``st.sampled_from(elements)``, built once per distinct tuple of hashable elements."""
    return _sampled(tuple(elements))


@_reused
@st.composite
def scales(draw: st.DrawFn, *, min_size: int = 2, max_size: int = 5) -> GradeScale:
    """A grade scale of *min_size* to *max_size* grades, ids ``grade_a`` (best) onwards."""
    size = draw(st.integers(min_size, max_size))
    return GradeScale.from_grades(
        *(
            Grade(f"grade_{letter}", f"Grade {letter.upper()}", aliases=(str(rank + 1),))
            for rank, letter in enumerate(_LETTERS[:size])
        )
    )


def _round(x: float) -> float:
    return round(x, 3)


@functools.cache
def _ordered_values(count: int, low: float, high: float) -> st.SearchStrategy[list[float]]:
    """*count* distinct values in low..high, largest first."""
    # Built once per (count, low, high): Hypothesis validates every new strategy object it
    # draws from, and rebuilding this one in each example cost more than drawing it.
    return st.lists(
        st.floats(low, high, allow_nan=False).map(_round),
        min_size=count,
        max_size=count,
        unique=True,
    ).map(lambda values: sorted(values, reverse=True))


_MEASURES = st.sampled_from(list(Measure))
_DIRECTIONS = st.sampled_from(list(Direction))


@_reused
@st.composite
def criteria(draw: st.DrawFn, scale: GradeScale, criterion_id: str) -> Criterion:
    """One criterion of any measure, valid on *scale*."""
    measure = draw(_MEASURES)
    weight = draw(weights)
    title = f"Criterion {criterion_id}"
    ids = scale.ids
    if measure in (Measure.PROPORTION, Measure.QUANTITY):
        direction = draw(_DIRECTIONS)
        high = 1.0 if measure is Measure.PROPORTION else 100.0
        values = draw(_ordered_values(len(ids) - 1, 0.0, high))
        if direction is Direction.LOWER:
            values.reverse()
        thresholds = [
            Threshold(grade, value, MODELLED) for grade, value in zip(ids, values, strict=False)
        ]
        return Criterion(
            criterion_id,
            title,
            measure,
            weight=weight,
            direction=direction,
            unit="points" if measure is Measure.QUANTITY else "",
            thresholds=thresholds,
            provenance=MODELLED,
        )
    if measure is Measure.CHECK:
        met_rank = draw(st.integers(0, len(ids) - 2))
        not_met_rank = draw(st.integers(met_rank + 1, len(ids) - 1))
        return Criterion(
            criterion_id,
            title,
            measure,
            weight=weight,
            met=draw(_pick([None, ids[met_rank]])) if met_rank == 0 else ids[met_rank],
            not_met=ids[not_met_rank] if not_met_rank != len(ids) - 1 else None,
            provenance=MODELLED,
        )
    return Criterion(criterion_id, title, measure, weight=weight, provenance=MODELLED)


_RULE_CONDITIONS = st.sets(
    st.sampled_from(["at_least", "at_most", "none_below", "minimum"]), max_size=2
)


@_reused
@st.composite
def rules(draw: st.DrawFn, scale: GradeScale, members: Sequence[str]) -> Rule:
    """One rule over *members*.

    ``at_most`` never names the best grade and ``at_least`` never the worst: both would count
    every graded member, so leaving a member out could move the prediction outside its range
    (the engine then clamps it into the range).
    """
    ids = scale.ids
    conditions = draw(_RULE_CONDITIONS)
    at_least = {}
    at_most = {}
    minimum = {}
    none_below = None
    if "at_least" in conditions:
        # Not the worst grade: "at least n at the worst grade or better" only counts members.
        at_least = {draw(_pick(ids[:-1])): draw(st.integers(1, len(members)))}
    if "at_most" in conditions:
        at_most = {draw(_pick(ids[1:])): draw(st.integers(0, len(members)))}
    if "none_below" in conditions:
        none_below = draw(_pick(ids))
    if "minimum" in conditions:
        minimum = {draw(_pick(members)): draw(_pick(ids))}
    return Rule(
        draw(_pick(ids[:-1])),
        at_least=at_least,
        at_most=at_most,
        none_below=none_below,
        minimum=minimum,
        provenance=MODELLED,
    )


# "none" is only for [overall] (a framework with no overall grade).
_METHODS = st.sampled_from([m for m in Method if m is not Method.NONE])


@_reused
@st.composite
def aggregations(draw: st.DrawFn, scale: GradeScale, members: Sequence[str]) -> Aggregation:
    """An aggregation of any method over *members* (criterion or judgement ids)."""
    method = draw(_METHODS)
    ids = scale.ids
    if method is Method.BEST_FIT:
        return Aggregation(method, share=draw(shares), provenance=MODELLED)
    if method is Method.PERCENT_BANDS:
        points = {grade: float(len(ids) - 1 - rank) for rank, grade in enumerate(ids)}
        bands = draw(_ordered_values(len(ids) - 1, 1.0, 100.0))
        return Aggregation(
            method,
            points=points,
            bands=dict(zip(ids, bands, strict=False)),
            provenance=MODELLED,
        )
    if method is Method.RULES:
        drawn = draw(st.lists(rules(scale, members), min_size=1, max_size=3))
        return Aggregation(method, rules=drawn, provenance=MODELLED)
    return Aggregation(method, provenance=MODELLED)


@_reused
@st.composite
def judgements(draw: st.DrawFn, scale: GradeScale, judgement_id: str, first: int) -> Judgement:
    """A judgement of one to four criteria, numbered from *first*."""
    count = draw(st.integers(1, 4))
    members = tuple(f"c{first + k}" for k in range(count))
    return Judgement(
        judgement_id,
        f"Judgement {judgement_id}",
        criteria=[draw(criteria(scale, member)) for member in members],
        aggregation=draw(aggregations(scale, members)),
        weight=draw(weights),
    )


def _draw_caps(draw: st.DrawFn, scale: GradeScale, judged: Sequence[Judgement]) -> list[Cap]:
    """Zero to three caps; a judgement only limits judgements after it, so there is no cycle."""
    count = draw(st.integers(0, 3))
    found: list[Cap] = []
    ids = scale.ids
    criteria_by_id = {c.id: c for j in judged for c in j.criteria}
    for k in range(count):
        limits_index = draw(st.integers(0, len(judged)))  # len(judged) is the overall grade
        limits = OVERALL if limits_index == len(judged) else judged[limits_index].id
        watchable = list(criteria_by_id) + [j.id for j in judged[:limits_index]]
        when = draw(_pick(watchable))
        criterion = criteria_by_id.get(when)
        not_met = (
            criterion is not None and criterion.measure is Measure.CHECK and draw(st.booleans())
        )
        found.append(
            Cap(
                f"cap_{k}",
                when=when,
                limits=limits,
                to=draw(_pick(ids[1:])),
                provenance=MODELLED,
                at_or_below=None if not_met else draw(_pick(ids)),
                not_met=not_met,
                description=f"generated cap {k}",
            )
        )
    return found


caps = st.composite(_draw_caps)


VOCABULARY = Vocabulary(
    (
        Quantifier("a minority", 0.1, 0.4),
        Quantifier("a majority", 0.5, 0.8),
        Quantifier("almost all", 0.9, 1.0),
    ),
    provenance=MODELLED,
)


_MISSING = st.sampled_from(list(MissingPolicy))


_EITHER = st.integers(0, 1)


@st.composite
def frameworks(
    draw: st.DrawFn, *, max_judgements: int = 3, grades: tuple[int, int] = (2, 5)
) -> Framework:
    """A complete, consistent framework of one to *max_judgements* judgements.

    Its scale has ``grades[0]`` to ``grades[1]`` grades.
    """
    scale = draw(scales(min_size=grades[0], max_size=grades[1]))
    judged: list[Judgement] = []
    for j in range(draw(st.integers(1, max_judgements))):
        first = sum(len(judgement.criteria) for judgement in judged)
        judged.append(draw(judgements(scale, f"j{j}", first)))
    return Framework(
        id="generated",
        title="A generated framework",
        version="1",
        scale=scale,
        judgements=judged,
        overall=draw(aggregations(scale, tuple(j.id for j in judged))),
        caps=_draw_caps(draw, scale, judged),
        vocabulary=VOCABULARY,
        missing=draw(_MISSING),
        # As st.none() | group_rules(...): a choice of branch, the first (no rule) the simpler.
        group=_draw_group_rule(draw, [c for j in judged for c in j.criteria])
        if draw(_EITHER)
        else None,
    )


_GROUP_METHODS = st.sampled_from(list(GroupMethod))
_SPREAD_GRADES = st.none() | st.integers(0, 3)
_SPREAD_PROVENANCE = st.none() | st.just(MODELLED)
_SPREAD = {
    Measure.PROPORTION: st.sampled_from([0.1, 0.2, 0.5]),
    Measure.QUANTITY: st.sampled_from([5.0, 10.0]),
}


def _draw_group_rule(draw: st.DrawFn, criteria_: Sequence[Criterion]) -> GroupRule:
    """A group rule with a spread over some of the measured *criteria_*."""
    rule = draw(_GROUP_METHODS)
    measured = [c for c in criteria_ if c.measure in (Measure.PROPORTION, Measure.QUANTITY)]
    chosen = draw(st.lists(_pick(range(len(measured))), unique=True)) if measured else []
    spread = Spread(
        grades=draw(_SPREAD_GRADES),
        criteria={measured[i].id: draw(_SPREAD[measured[i].measure]) for i in chosen},
        provenance=draw(_SPREAD_PROVENANCE),
    )
    share = draw(shares) if rule is GroupMethod.BEST_FIT and draw(st.booleans()) else None
    return GroupRule(rule=rule, provenance=MODELLED, share=share, spread=spread)


group_rules = st.composite(_draw_group_rule)


_ANYWHERE = {high: st.floats(0.0, high, allow_nan=False).map(_round) for high in (1.0, 100.0)}


def _draw_number(draw: st.DrawFn, criterion: Criterion, high: float) -> float:
    """A number for a measured criterion, often exactly on a threshold.

    As ``st.one_of(st.sampled_from(thresholds), anywhere)`` draws it (a branch, then a value),
    without building two strategies for every criterion of every example.
    """
    on = [float(t.value) for t in criterion.thresholds]
    if on and draw(_EITHER) == 0:
        return on[draw(st.integers(0, len(on) - 1))]
    result: float = draw(_ANYWHERE[high])
    return result


def _draw_value(
    draw: st.DrawFn, framework: Framework, criterion: Criterion, *, exact: bool = False
) -> Value:
    """A valid value for *criterion*: exact, or for proportions possibly an `Interval`."""
    if criterion.measure is Measure.PROPORTION:
        number = _draw_number(draw, criterion, 1.0)
        if exact or draw(st.booleans()):
            return number
        other = _draw_number(draw, criterion, 1.0)
        return Interval(min(number, other), max(number, other))
    if criterion.measure is Measure.QUANTITY:
        return _draw_number(draw, criterion, 100.0)
    if criterion.measure is Measure.CHECK:
        return draw(st.booleans())
    return draw(_pick(framework.scale.ids))


value_for = st.composite(_draw_value)
# evidence_for and improve call _draw_value directly: a strategy object per criterion of every
# example, only to be drawn from once, cost more to build and validate than the draw itself.

_KINDS = {
    (absent, not_applicable): st.sampled_from(
        ["value", "value", "value"]
        + (["absent"] if absent else [])
        + (["not_applicable"] if not_applicable else [])
    )
    for absent in (False, True)
    for not_applicable in (False, True)
}


@st.composite
def evidence_for(
    draw: st.DrawFn,
    framework: Framework,
    *,
    absent: bool = True,
    not_applicable: bool = True,
    exact: bool = False,
) -> Evidence:
    """Evidence for *framework*: each criterion has a value, or is absent or not applicable."""
    entries: dict[str, Entry] = {}
    kinds = _KINDS[absent, not_applicable]
    for criterion in framework.criteria():
        kind = draw(kinds)
        if kind == "absent":
            continue
        if kind == "not_applicable":
            entries[criterion.id] = Entry(criterion.id, NOT_APPLICABLE)
            continue
        value = _draw_value(draw, framework, criterion, exact=exact)
        entries[criterion.id] = Entry(criterion.id, value)
    return Evidence(framework.id, "Generated centre", entries)


def exact_evidence_for(framework: Framework) -> st.SearchStrategy[Evidence]:
    """Complete evidence with an exact value for every criterion."""
    return evidence_for(framework, absent=False, not_applicable=False, exact=True)


def _better_number(draw: st.DrawFn, value: float, higher: bool, limit: float) -> float:
    if higher:
        return draw(st.floats(value, max(value, limit), allow_nan=False))
    return draw(st.floats(min(value, 0.0), value, allow_nan=False))


@st.composite
def improve(
    draw: st.DrawFn, framework: Framework, evidence: Evidence, *, fill_absent: bool = False
) -> tuple[str, Evidence]:
    """One criterion's evidence made better or kept equal: ``(criterion id, new evidence)``.

    Numbers move in the better direction (an interval moves both bounds), a check not met
    becomes met, a rating moves up the scale. Not-applicable entries are left alone. With
    *fill_absent*, absent evidence may also gain any value (an improvement under the
    ``worst`` policy only).
    """
    candidates = [
        c
        for c in framework.criteria()
        if (c.id in evidence.entries and not evidence.entries[c.id].is_not_applicable)
        or (fill_absent and c.id not in evidence.entries)
    ]
    if not candidates:
        return "", evidence
    criterion = draw(st.sampled_from(candidates))
    entry = evidence.entries.get(criterion.id)
    if entry is None:
        value = _draw_value(draw, framework, criterion)
        return criterion.id, evidence.replace({criterion.id: Entry(criterion.id, value)})
    old = entry.value
    higher = criterion.direction is Direction.HIGHER
    new: Value
    if isinstance(old, Interval):
        # Both bounds move the better way, and the interval stays ordered.
        if higher:
            low = draw(st.floats(old.low, 1.0, allow_nan=False))
            high = draw(st.floats(max(old.high, low), 1.0, allow_nan=False))
        else:
            high = draw(st.floats(0.0, old.high, allow_nan=False))
            low = draw(st.floats(0.0, min(old.low, high), allow_nan=False))
        new = Interval(low, high, old.word)
    elif isinstance(old, bool):
        new = True if draw(st.booleans()) else old
    elif isinstance(old, float | int):
        limit = 1.0 if criterion.measure is Measure.PROPORTION else 100.0
        new = _better_number(draw, float(old), higher, limit)
    elif isinstance(old, str):
        rank = framework.scale.find(old).rank
        new = framework.scale.ids[draw(st.integers(0, rank))]
    else:  # pragma: no cover - not applicable entries are not candidates
        new = old
    return criterion.id, evidence.replace({criterion.id: attrs.evolve(entry, value=new)})


# ---- Raw framework dicts and single-defect injectors (the loader's properties) -------------
#
# A raw framework is the dict a framework TOML file parses to. `raw_frameworks` builds one from
# a model framework through `framework_to_dict`, so it is valid by construction; each injector
# breaks exactly one thing and says where the loader must report it, and with which code.

Defect = tuple[dict[str, Any], str, str]
"""(raw framework, expected issue path, expected issue code)."""


def raw_frameworks() -> st.SearchStrategy[dict[str, Any]]:
    """Valid raw framework dicts (fresh copies, safe to mutate)."""
    from inspectkit.loading import framework_to_dict

    return frameworks().map(lambda framework: copy.deepcopy(framework_to_dict(framework)))


def _criterion_paths(raw: dict[str, Any]) -> list[tuple[int, int]]:
    return [
        (j, c)
        for j, judgement in enumerate(raw["judgements"])
        for c in range(len(judgement["criteria"]))
    ]


@st.composite
def single_defects(draw: st.DrawFn) -> Defect:
    """A valid raw framework with one injected defect, and where and how it must be reported."""
    raw = draw(raw_frameworks())
    j, c = draw(st.sampled_from(_criterion_paths(raw)))
    judgement = raw["judgements"][j]
    criterion = judgement["criteria"][c]
    where = f"judgements[{j}].criteria[{c}]"
    kinds = [
        "unknown-key",
        "string-number",
        "bool-number",
        "bad-id",
        "not-positive",
        "missing-key",
        "duplicate-id",
        "bad-value",
        "unknown-source",
        "unknown-grade-descriptor",
    ]
    if criterion.get("thresholds"):
        kinds += ["not-finite", "threshold-string"]
    if judgement["aggregation"]["method"] == "best_fit":
        kinds.append("share")
    if raw.get("caps"):
        kinds.append("cap-grade")
    kind = draw(st.sampled_from(kinds))
    if kind == "unknown-key":
        key = draw(st.sampled_from(["titel", "weigth", "measures", "provenence"]))
        criterion[key] = "x"
        return raw, f"{where}.{key}", "unknown-key"
    if kind == "string-number":
        criterion["weight"] = str(draw(st.floats(0.1, 10)))
        return raw, f"{where}.weight", "wrong-type"
    if kind == "bool-number":
        criterion["weight"] = draw(st.booleans())
        return raw, f"{where}.weight", "wrong-type"
    if kind == "bad-id":
        criterion["id"] = draw(st.sampled_from(["Bad", "1st", "has space", "kebab-case", ""]))
        return raw, f"{where}.id", "bad-id"
    if kind == "not-positive":
        criterion["weight"] = draw(st.sampled_from([0, -1, -0.5]))
        return raw, f"{where}.weight", "not-positive"
    if kind == "missing-key":
        del criterion["title"]
        return raw, where, "missing-key"
    if kind == "duplicate-id":
        judgement["criteria"].append(copy.deepcopy(criterion))
        return (
            raw,
            f"judgements[{j}].criteria[{len(judgement['criteria']) - 1}].id",
            ("duplicate-id"),
        )
    if kind == "bad-value":
        criterion["measure"] = draw(st.sampled_from(["percent", "Check", "number"]))
        return raw, f"{where}.measure", "bad-value"
    if kind == "unknown-source":
        criterion["provenance"] = {"basis": "verified", "source": "no_such_source"}
        return raw, f"{where}.provenance.source", "unknown-source"
    if kind == "unknown-grade-descriptor":
        criterion["descriptors"] = {"no_such_grade": "text"}
        return raw, f"{where}.descriptors.no_such_grade", "unknown-grade"
    if kind == "not-finite":
        grade = draw(st.sampled_from(sorted(criterion["thresholds"])))
        criterion["thresholds"][grade] = draw(st.sampled_from([math.nan, math.inf, -math.inf]))
        return raw, f"{where}.thresholds.{grade}", "not-finite"
    if kind == "threshold-string":
        grade = draw(st.sampled_from(sorted(criterion["thresholds"])))
        criterion["thresholds"][grade] = "0.5"
        return raw, f"{where}.thresholds.{grade}", "wrong-type"
    if kind == "share":
        judgement["aggregation"]["share"] = draw(st.sampled_from([0, 1.5, -0.2, 2]))
        return raw, f"judgements[{j}].aggregation.share", "out-of-range"
    number = draw(st.integers(0, len(raw["caps"]) - 1))
    raw["caps"][number]["to"] = "no_such_grade"
    return raw, f"caps[{number}].to", "unknown-grade"


toml_scalars = st.one_of(
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.datetimes(),
    st.dates(),
)
"""Every kind of scalar TOML can hold."""

toml_data = st.recursive(
    toml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=12), children, max_size=5),
    ),
    max_leaves=25,
)
"""Arbitrary TOML-shaped data: tables and arrays of scalars, nested."""


@st.composite
def corrupted_frameworks(draw: st.DrawFn) -> dict[str, Any]:
    """A valid raw framework with one value, anywhere in it, replaced by arbitrary data."""
    raw = draw(raw_frameworks())
    node: Any = raw
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            return raw
        key = draw(st.sampled_from(keys))
        child = node[key]
        if isinstance(child, (dict, list)) and child and draw(st.booleans()):
            node = child
            continue
        node[key] = draw(toml_data)
        return raw


@st.composite
def findings_rules(draw: st.DrawFn, scale: GradeScale) -> FindingsRule:
    """A findings table: limits and supports of any weights, counts and grades on *scale*."""
    provenance = Provenance(Basis.MODELLED)
    weights = st.sampled_from(list(FindingWeight))
    grades = st.sampled_from(scale.ids)
    counts = st.integers(1, 3)
    limits = draw(
        st.lists(st.builds(FindingLimit, weights, counts, grades, st.just(provenance)), max_size=4)
    )
    supports = draw(
        st.lists(
            st.builds(FindingSupport, weights, counts, grades, st.just(provenance)), max_size=3
        )
    )
    return FindingsRule(provenance, limits=limits, supports=supports)


@st.composite
def findings_for(draw: st.DrawFn, framework: Framework, *, max_size: int = 6) -> list[Finding]:
    """Findings filed under one or two of *framework*'s judgements."""
    ids = [judgement.id for judgement in framework.judgements]
    one = st.builds(
        Finding,
        st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True).map(tuple),
        st.sampled_from(list(FindingSign)),
        st.sampled_from(list(FindingWeight)),
        st.sampled_from(["Too few come.", "Parents value it.", "Data are late."]),
    )
    return draw(st.lists(one, max_size=max_size))
