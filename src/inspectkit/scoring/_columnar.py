"""Grading a whole table at once: the engine's rules on columns of ranks, one numpy op per rule.

`inspectkit.scoring.assess` grades one unit: it checks the evidence, runs `score` on it and
builds the result objects and reasons. A table of 30,000 units needs only the grades of each
(the table's columns), so `grade_columns` computes them for every unit at once from the
compiled framework (`inspectkit.scoring._compile`): each criterion's ranks from each distinct
cell (cells repeat, and each distinct `Entry` is graded once), then every judgement, cap and
the overall grade as array operations over the units, in `CompiledFramework.order`.

Why the grades are the same as `score`'s, to the last bit: every step is the engine's own step
(`inspectkit.scoring._ranks`) done per unit in parallel, with the same floating-point
operations in the same order. Best fit and percent bands add each member's weight in member
order (adding ``0.0`` for a member left out, which changes no sum), so each unit's sums are the
very sums the engine makes; shares and bands are compared with the same ``1e-9`` slack; counts
and rules are integers. ``None`` (no grade) is the rank ``-1`` here: it is below every trigger
and left out of every count, as ``None`` is. The property tests hold this module to `assess`
row by row on generated frameworks and tables, and on every bundled framework.

What is not columnar: cells are criterion entries only, so findings and judgements given
directly never reach here. `inspectkit.batch.grade_table` assesses on its own, with `assess`,
a unit with a date under which part of the framework does not apply, a unit lacking evidence
under ``missing="error"``, a value of the wrong form (`ColumnRanks.wrong_form`), and every unit
of a framework whose findings rule acts without findings (a limit or support needing none:
`supports` is false).

numpy is imported here only (it comes with the ``pandas`` extra); `available` says whether it
can be. Without it `grade_columns` grades in plain Python over the same columns (`_grade_rows`):
each distinct cell once, then each unit's judgements by the engine's own steps on its ranks.
"""

from __future__ import annotations

import importlib.util
import operator
from collections.abc import Callable, Mapping, Sequence
from itertools import compress, repeat
from typing import Any, TypeVar

import attrs

from inspectkit.evidence import NOT_APPLICABLE, Entry, GradeRange, Interval
from inspectkit.grades import Grade
from inspectkit.results import Status
from inspectkit.rubric import Framework
from inspectkit.scoring._compile import (
    BEST_FIT,
    CHECK,
    MEASURED,
    NONE,
    PERCENT_BANDS,
    RULES,
    SECURE_FIT,
    CompiledAggregation,
    CompiledCap,
    CompiledCriterion,
    CompiledFramework,
    CompiledJudgement,
    compiled_for,
)
from inspectkit.scoring._ranks import (
    ABSENT,
    EXACT,
    INTERVAL,
    NOT_APPLICABLE_STATUS,
    AssessmentRanks,
    _fast_judgements,
    _grade_judgements,
)
from inspectkit.scoring._statuses import STATUS_CASES, status_levels

__all__ = [
    "ColumnRanks",
    "IdColumns",
    "available",
    "grade_columns",
    "id_columns",
    "status_ids",
    "supports",
    "unit_ids",
]

_EPSILON = 1e-9
"""The engine's slack for shares and percentages (`inspectkit.scoring._ranks`)."""

_NO = -1
"""No grade (``None`` in the engine)."""


def available() -> bool:
    """Whether numpy can be imported, so that `grade_columns` can run."""
    return importlib.util.find_spec("numpy") is not None


def supports(framework: Framework) -> bool:
    """Whether every unit of *framework* can be graded in columns (see the module docstring)."""
    for judgement in compiled_for(framework).judgements:
        findings = judgement.findings
        if findings is None:
            continue
        if any(count <= 0 for _, count, _, _ in (*findings.limits, *findings.supports)):
            return False
    return True


@attrs.frozen
class ColumnRanks:
    """Every unit's ranks, column by column (ints, ``-1`` for no grade).

    numpy arrays from `grade_columns` with numpy; without it, Python lists (and, for the
    criteria, `_Coded` columns), read the same way by index.

    Attributes:
        units: How many units.
        status: Per criterion, an array of `EXACT` .. `NOT_APPLICABLE_STATUS`.
        point: Per criterion, the point ranks; `best` and `worst` likewise.
        judgement_point: Per judgement, the point ranks after caps; `judgement_best`,
            `judgement_worst` likewise.
        overall: The overall ``(point, best, worst)`` arrays.
        caps_fired: How many caps fired on each unit's point prediction.
        coverage: Each unit's coverage (floats).
        wrong_form: Per unit, whether a cell has the wrong form for its criterion (such a
            unit must be assessed alone, which reports it).
    """

    units: int
    status: list[Any]
    point: list[Any]
    best: list[Any]
    worst: list[Any]
    judgement_point: list[Any]
    judgement_best: list[Any]
    judgement_worst: list[Any]
    overall: tuple[Any, Any, Any]
    caps_fired: Any
    coverage: Any
    wrong_form: Any

    def wrong_units(self) -> list[int]:
        """The units with a value of the wrong form (each to be assessed alone)."""
        return [unit for unit, wrong in enumerate(_listed(self.wrong_form)) if wrong]


def _measured(c: CompiledCriterion, x: float) -> int:
    if c.higher:
        for value, rank in c.thresholds:
            if x >= value:
                return rank
    else:
        for value, rank in c.thresholds:
            if x <= value:
                return rank
    return c.floor


def _entry_ranks(
    compiled: CompiledFramework, c: CompiledCriterion, entry: Entry | float
) -> tuple[int, int, int, int] | None:
    """Return ``(status, point, best, worst)`` of a present entry, as `score` grades it.

    A float is a plain number cell's value (its entry's value is that very float).

    ``None`` for a value of the wrong form.
    """
    if isinstance(entry, float):  # a plain number cell, its entry not built (TableChunk.codes)
        rank = _measured(c, entry)
        return EXACT, rank, rank, rank
    value = entry.value
    if value is NOT_APPLICABLE:
        return NOT_APPLICABLE_STATUS, _NO, _NO, _NO
    ranks = compiled.judgement_ranks[c.judgement]
    if isinstance(value, GradeRange):
        high, low, middle = ranks.get(value.best), ranks.get(value.worst), ranks.get(value.point)
        if high is not None and low is not None and middle is not None:
            return (EXACT if high == low else INTERVAL), middle, high, low
    kind = c.kind
    if kind == MEASURED:
        if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)):
            rank = _measured(c, value)
            return EXACT, rank, rank, rank
        if isinstance(value, Interval):
            higher = c.higher
            return (
                INTERVAL,
                _measured(c, value.middle),
                _measured(c, value.high if higher else value.low),
                _measured(c, value.low if higher else value.high),
            )
    elif kind == CHECK:
        if value is True or value is False:
            rank = c.met if value else c.not_met
            return EXACT, rank, rank, rank
    elif isinstance(value, str):
        found = ranks.get(value)
        if found is None:
            grade = compiled.judgement_scales[c.judgement].get(value)
            found = None if grade is None else grade.rank
        if found is not None:
            return EXACT, found, found, found
    return None


def _criterion_columns(
    np: Any,
    compiled: CompiledFramework,
    c: CompiledCriterion,
    cells: Sequence[Entry | None],
    exclude: bool,
    *,
    coded: tuple[Sequence[int], Sequence[Entry | float | None]] | None = None,
) -> tuple[Any, Any, Any, Any, Any]:
    """The status, point, best and worst arrays of one criterion, and where its form is wrong."""
    absent = (ABSENT, _NO if exclude else c.worst, c.best, c.worst)
    wrong = (ABSENT, _NO, _NO, _NO)
    if coded is None:
        # Each distinct entry (by identity: the table's reader hands out one entry per
        # distinct text) gets a code; its ranks are computed once, and the column is a
        # lookup of codes. The ids are only compared while *cells* holds every entry, so
        # none can be reused.
        codes: dict[int, int] = {}
        column: Sequence[int] = [codes.setdefault(id(entry), len(codes)) for entry in cells]
        distinct = {id(entry): entry for entry in cells}
        entries: Sequence[Entry | float | None] = [distinct[key] for key in codes]
    else:
        column, entries = coded
    if not entries or not column:
        empty = np.zeros(0, dtype=np.int16)
        return empty, empty, empty, empty, np.zeros(0, dtype=bool)
    count = len(entries)
    ranks = np.empty((count, 4), dtype=np.int16)
    flags = np.zeros(count, dtype=bool)
    others: Sequence[int] = range(count)
    if c.kind == MEASURED:
        # Which values are plain numbers, by map in C (a float is never an Entry or None).
        plain = list(map(isinstance, entries, repeat(float)))
        if any(plain):
            # Plain number cells, all at once: `_measured` as one comparison per threshold,
            # the first threshold met winning as in its loop (the same float comparisons).
            where = np.array(plain, dtype=bool)
            x = np.array(list(compress(entries, plain)), dtype=float)
            rank = np.full(len(x), c.floor, dtype=np.int16)
            for value, at in reversed(c.thresholds):
                rank[(x >= value) if c.higher else (x <= value)] = at
            ranks[where, 0] = EXACT
            ranks[where, 1:] = rank[:, None]
            others = list(compress(range(count), map(operator.not_, plain)))
    if others:
        table = []
        bad = []
        for k in others:
            entry = entries[k]
            graded = absent if entry is None else _entry_ranks(compiled, c, entry)
            bad.append(graded is None)
            table.append(wrong if graded is None else graded)
        ranks[others] = np.array(table, dtype=np.int16)
        flags[others] = bad
    index = np.array(column, dtype=np.intp)
    ranks = ranks[index]
    flags = flags[index]
    return ranks[:, 0], ranks[:, 1], ranks[:, 2], ranks[:, 3], flags


def _aggregate(
    np: Any,
    aggregation: CompiledAggregation,
    ranks: Sequence[Any],
    weights: Sequence[float],
    n: int,
) -> Any:
    """`inspectkit.scoring._ranks.aggregate` for every unit at once."""
    method = aggregation.method
    if method == NONE or not ranks:
        return np.full(n, _NO, dtype=np.int16)
    if method == SECURE_FIT:
        return np.maximum.reduce(list(ranks)).astype(np.int16)
    if method == BEST_FIT:
        return _best_fit(np, aggregation, ranks, weights, n)
    if method == PERCENT_BANDS:
        return _percent_bands(np, aggregation, ranks, weights, n)
    return _rules(np, aggregation, ranks, n)


def _best_fit(
    np: Any,
    aggregation: CompiledAggregation,
    ranks: Sequence[Any],
    weights: Sequence[float],
    n: int,
) -> Any:
    grades = len(aggregation.points)
    # buckets[r, u] adds, member by member, the member's weight where unit u has it at rank r
    # and 0.0 elsewhere: the engine's sums, every grade's row in one broadcast operation.
    buckets = np.zeros((grades, n))
    total = np.zeros(n)
    levels = np.arange(grades)[:, None]
    for rank, weight in zip(ranks, weights, strict=True):
        buckets += (rank == levels) * weight
        total += (rank >= 0) * weight
    need = aggregation.share * total - _EPSILON * total
    result = np.full(n, grades - 1, dtype=np.int16)
    decided = np.zeros(n, dtype=bool)
    reached = np.zeros(n)
    for r in range(grades):
        reached += buckets[r]
        now = ~decided & (reached >= need)
        result[now] = r
        decided |= now
    result[total <= 0.0] = _NO
    return result


def _percent_bands(
    np: Any,
    aggregation: CompiledAggregation,
    ranks: Sequence[Any],
    weights: Sequence[float],
    n: int,
) -> Any:
    points = np.array(aggregation.points, dtype=float)
    earned = np.zeros(n)
    total = np.zeros(n)
    for rank, weight in zip(ranks, weights, strict=True):
        known = rank >= 0
        earned += np.where(known, weight * points[np.where(known, rank, 0)], 0.0)
        total += np.where(known, weight, 0.0)
    if aggregation.max_points > 0:
        with np.errstate(divide="ignore", invalid="ignore"):
            percent = 100.0 * earned / (total * aggregation.max_points)
    else:
        percent = np.zeros(n)
    result = np.full(n, len(aggregation.points) - 1, dtype=np.int16)
    decided = np.zeros(n, dtype=bool)
    for band, rank in aggregation.bands:
        now = ~decided & (percent >= band - _EPSILON)
        result[now] = rank
        decided |= now
    result[total <= 0.0] = _NO
    return result


def _rules(np: Any, aggregation: CompiledAggregation, ranks: Sequence[Any], n: int) -> Any:
    grades = len(aggregation.points)
    counts = [np.zeros(n, dtype=np.int32) for _ in range(grades)]
    for rank in ranks:
        for r in range(grades):
            counts[r] += rank == r
    stacked = np.stack(counts)
    graded = stacked.sum(axis=0)
    at_or_better = list(np.cumsum(stacked, axis=0))
    at_or_worse = list(np.cumsum(stacked[::-1], axis=0)[::-1])
    result = np.full(n, grades - 1, dtype=np.int16)
    decided = np.zeros(n, dtype=bool)
    for rule in aggregation.rules:
        holds = ~decided
        for rank, needed in rule.at_least:
            holds &= at_or_better[rank] >= needed
        for rank, allowed in rule.at_most:
            holds &= at_or_worse[rank] <= allowed
        if rule.none_below >= 0 and rule.none_below + 1 < grades:
            holds &= at_or_worse[rule.none_below + 1] == 0
        for member, rank in rule.minimum:
            got = ranks[member]
            holds &= (got < 0) | (got <= rank)
        result[holds] = rule.rank
        decided |= holds
    result[graded == 0] = _NO
    return result


def _assume(
    np: Any, aggregation: CompiledAggregation, point: list[Any], best: list[Any], worst: list[Any]
) -> list[Any]:
    """`inspectkit.scoring._ranks.assume_unknown` for every unit: the point ranks to combine."""
    if aggregation.method != RULES or not point:
        return point
    stacked = np.stack(point)
    graded = stacked >= 0
    some = graded.any(axis=0)
    assumed_rank = np.where(graded, stacked, _NO).max(axis=0)
    out = []
    for rank, high, low in zip(point, best, worst, strict=True):
        unknown = some & (rank < 0) & (high >= 0)
        in_range = np.maximum(assumed_rank, high)
        in_range = np.where(low >= 0, np.minimum(in_range, low), in_range)
        out.append(np.where(unknown, in_range, rank).astype(np.int16))
    return out


def _caps(
    np: Any,
    *,
    caps: tuple[CompiledCap, ...],
    ranks: tuple[Any, Any, Any],
    criteria: tuple[list[Any], list[Any], list[Any]],
    judgements: tuple[list[Any], list[Any], list[Any]],
    fired: Any,
) -> tuple[Any, Any, Any]:
    """`inspectkit.scoring._ranks._apply_caps` for every unit; counts the caps fired on points."""
    point, best, worst = (array.copy() for array in ranks)
    for cap in caps:
        trigger, to = cap.trigger, cap.to

        def watched(case: int, cap: CompiledCap = cap) -> Any:
            if cap.criterion >= 0:
                return criteria[case][cap.criterion]
            return judgements[case][cap.judgement]

        seen = watched(0)
        fires = (point >= 0) & (seen >= 0) & (seen >= trigger) & (point <= to)
        fired += fires
        point[fires] = to
        seen = watched(1)
        best[(best >= 0) & (seen >= 0) & (seen >= trigger) & (best < to)] = to
        seen = watched(2)
        worst[(worst >= 0) & (seen >= 0) & (seen >= trigger) & (worst < to)] = to
    return point, best, worst


def _clamp(np: Any, point: Any, best: Any, worst: Any) -> Any:
    known = (point >= 0) & (best >= 0) & (worst >= 0)
    clamped = np.where(point < best, best, np.where(point > worst, worst, point))
    return np.where(known, clamped, point).astype(np.int16)


def _judge(
    np: Any,
    *,
    judgement: CompiledJudgement,
    point: list[Any],
    best: list[Any],
    worst: list[Any],
    n: int,
) -> tuple[Any, Any, Any, list[Any]]:
    aggregation = judgement.aggregation
    weights = judgement.weights
    assumed = _assume(np, aggregation, point, best, worst)
    return (
        _aggregate(np, aggregation, assumed, weights, n),
        _aggregate(np, aggregation, best, weights, n),
        _aggregate(np, aggregation, worst, weights, n),
        assumed,
    )


def _all_criteria(  # noqa: PLR0917 - private; grade_columns' own arguments
    np: Any,
    compiled: CompiledFramework,
    cells: Mapping[str, Sequence[Entry | None]],
    n: int,
    exclude: bool,
    codes: Mapping[str, tuple[Sequence[int], Sequence[Entry | float | None]]] | None,
) -> tuple[list[Any], list[Any], list[Any], list[Any], Any]:
    """Every criterion's status, point, best and worst arrays, and where a form is wrong."""
    status: list[Any] = []
    point: list[Any] = []
    best: list[Any] = []
    worst: list[Any] = []
    wrong = np.zeros(n, dtype=bool)
    nothing: Sequence[Entry | None] = [None] * n
    coded = codes or {}
    for c in compiled.criteria:
        key = c.criterion.id
        s, p, b, w, bad = _criterion_columns(
            np, compiled, c, cells.get(key, nothing), exclude, coded=coded.get(key)
        )
        status.append(s)
        point.append(p)
        best.append(b)
        worst.append(w)
        wrong |= bad
    return status, point, best, worst, wrong


def grade_columns(
    framework: Framework,
    cells: Mapping[str, Sequence[Entry | None]],
    units: int,
    *,
    exclude: bool,
    codes: Mapping[str, tuple[Sequence[int], Sequence[Entry | float | None]]] | None = None,
) -> ColumnRanks:
    """Grade every unit of a table at once, as `score` grades each (see the module docstring).

    Args:
        framework: The framework (`supports` must hold for it).
        cells: Criterion id -> each unit's entry (``None``: absent); a criterion left out is
            absent for every unit.
        units: How many units.
        exclude: Whether absent evidence is left out of the point (policy ``exclude``).
        codes: Criterion id -> each unit's code and the distinct entries the codes stand
            for (`inspectkit.loading._table.TableChunk.codes`), for the columns that have
            them: each distinct entry is graded once, with no pass over *cells*.
    """
    if not available():
        return _grade_rows(framework, cells, units, exclude=exclude, codes=codes)
    import numpy as np

    compiled = compiled_for(framework)
    n = units
    status, point, best, worst, wrong = _all_criteria(np, compiled, cells, n, exclude, codes)
    count = len(compiled.judgements)
    none = np.full(n, _NO, dtype=np.int16)
    j_point: list[Any] = [none] * count
    j_best: list[Any] = [none] * count
    j_worst: list[Any] = [none] * count
    fired = np.zeros(n, dtype=np.int32)
    criteria = (point, best, worst)
    judgements = (j_point, j_best, j_worst)
    for j in compiled.order:
        judgement = compiled.judgements[j]
        members = judgement.members
        p, b, w, _ = _judge(
            np,
            judgement=judgement,
            point=[point[m] for m in members],
            best=[best[m] for m in members],
            worst=[worst[m] for m in members],
            n=n,
        )
        if judgement.caps:
            p, b, w = _caps(
                np,
                caps=judgement.caps,
                ranks=(p, b, w),
                criteria=criteria,
                judgements=judgements,
                fired=fired,
            )
        j_point[j] = _clamp(np, p, b, w)
        j_best[j] = b
        j_worst[j] = w
    overall = compiled.overall
    outside = compiled.other_scale
    p, b, w, assumed = _judge(
        np,
        judgement=overall,
        point=[none if j in outside else rank for j, rank in enumerate(j_point)],
        best=[none if j in outside else rank for j, rank in enumerate(j_best)],
        worst=[none if j in outside else rank for j, rank in enumerate(j_worst)],
        n=n,
    )
    if overall.caps:
        # The overall caps watch the judgements as assumed, as the overall rule did.
        watched = [rank if j in outside else assumed[j] for j, rank in enumerate(j_point)]
        p, b, w = _caps(
            np,
            caps=overall.caps,
            ranks=(p, b, w),
            criteria=criteria,
            judgements=(watched, j_best, j_worst),
            fired=fired,
        )
    overall_point = _clamp(np, p, b, w)
    weight_all = np.zeros(n)
    weight_known = np.zeros(n)
    for judgement in compiled.judgements:
        total = np.zeros(n)
        known = np.zeros(n)
        for member, weight in zip(judgement.members, judgement.weights, strict=True):
            applies = status[member] != NOT_APPLICABLE_STATUS
            total += np.where(applies, weight, 0.0)
            known += np.where(applies & (status[member] != ABSENT), weight, 0.0)
        weight_all += total
        weight_known += known
    with np.errstate(divide="ignore", invalid="ignore"):
        coverage = np.where(weight_all > 0, weight_known / weight_all, 1.0)
    return ColumnRanks(
        units=n,
        status=status,
        point=point,
        best=best,
        worst=worst,
        judgement_point=j_point,
        judgement_best=j_best,
        judgement_worst=j_worst,
        overall=(overall_point, b, w),
        caps_fired=fired,
        coverage=coverage,
        wrong_form=wrong,
    )


# ---- Plain Python, without numpy -----------------------------------------------------------


class _Coded(Sequence[int]):
    """A column of ranks as each unit's code into a table of ranks (read like a list)."""

    __slots__ = ("codes", "table")

    def __init__(self, codes: Sequence[int], table: list[int]) -> None:
        self.codes = codes
        self.table = table

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self.table[code] for code in self.codes[index]]
        return self.table[self.codes[index]]


def _distinct_ranks(
    compiled: CompiledFramework,
    cells: Mapping[str, Sequence[Entry | None]],
    units: int,
    exclude: bool,
    codes: Mapping[str, tuple[Sequence[int], Sequence[Entry | float | None]]] | None,
) -> tuple[
    list[Sequence[int]], list[list[tuple[int, int | None, int | None, int | None]]], list[bool]
]:
    """Each criterion's codes and the ranks of its distinct values, and which units are wrong.

    The ranks are the engine's (``None`` for no grade); a value of the wrong form gets no
    grade and marks its units.
    """
    coded = codes or {}
    columns: list[Sequence[int]] = []
    tables: list[list[tuple[int, int | None, int | None, int | None]]] = []
    wrong = [False] * units
    for c in compiled.criteria:
        numbers, entries = coded.get(c.criterion.id) or _codes_of(cells.get(c.criterion.id), units)
        absent = (ABSENT, None if exclude else c.worst, c.best, c.worst)
        table: list[tuple[int, int | None, int | None, int | None]] = []
        bad = set()
        for entry in entries:
            graded = None if entry is None else _entry_ranks(compiled, c, entry)
            if entry is None:
                table.append(absent)
            elif graded is None:
                bad.add(len(table))
                table.append((ABSENT, None, None, None))
            else:
                status, point, best, worst = graded
                table.append(
                    (
                        status,
                        None if point < 0 else point,
                        None if best < 0 else best,
                        None if worst < 0 else worst,
                    )
                )
        if bad:
            for unit, code in enumerate(numbers):
                if code in bad:
                    wrong[unit] = True
        columns.append(numbers)
        tables.append(table)
    return columns, tables, wrong


def _codes_of(
    column: Sequence[Entry | None] | None, units: int
) -> tuple[Sequence[int], Sequence[Entry | float | None]]:
    """A column of entries as codes and distinct entries (by identity, as `grade_columns`)."""
    if column is None:
        return [0] * units, [None]
    ids: dict[int, int] = {}
    numbers = [ids.setdefault(id(entry), len(ids)) for entry in column]
    distinct = {id(entry): entry for entry in column}
    return numbers, [distinct[number] for number in ids]


_NO_COUNTS = (0, 0, 0)


def _blank_ranks(judgements: int) -> AssessmentRanks:
    """An `AssessmentRanks` with no findings and nothing given, as `score` starts one."""
    result = AssessmentRanks.__new__(AssessmentRanks)
    result.wrong_form = []
    result.judgement_point = [None] * judgements
    result.judgement_best = [None] * judgements
    result.judgement_worst = [None] * judgements
    result.judgement_uncapped = [None] * judgements
    result.judgement_fired = [[] for _ in range(judgements)]
    result.judgement_assumed = [()] * judgements
    result.judgement_findings = [None] * judgements
    result.overall_fired = []
    result.given = {}
    result.weaknesses = result.strengths = [_NO_COUNTS] * judgements
    return result


def _coverage(spans: list[tuple[tuple[int, ...], tuple[float, ...]]], status: list[int]) -> float:
    """One unit's coverage, its weights added in `grade_columns`' order."""
    weight_all = 0.0
    weight_known = 0.0
    for members, weights in spans:
        total = 0.0
        known = 0.0
        for member, weight in zip(members, weights, strict=True):
            state = status[member]
            if state != NOT_APPLICABLE_STATUS:
                total += weight
                if state != ABSENT:
                    known += weight
        weight_all += total
        weight_known += known
    return weight_known / weight_all if weight_all > 0 else 1.0


def _grade_rows(
    framework: Framework,
    cells: Mapping[str, Sequence[Entry | None]],
    units: int,
    *,
    exclude: bool,
    codes: Mapping[str, tuple[Sequence[int], Sequence[Entry | float | None]]] | None = None,
) -> ColumnRanks:
    """`grade_columns` in plain Python, for where numpy is not installed.

    Each criterion's ranks come from each distinct value once, as in `grade_columns`; then
    each unit's judgements, caps and overall grade are the engine's own steps on those ranks
    (`inspectkit.scoring._ranks._fast_judgements`, whose memos remember the combinations
    of grades that come round again), so the grades are `score`'s by construction. The
    criterion columns are kept as codes into each column's ranks (`_Coded`), not copied out
    unit by unit; coverage adds the weights in `grade_columns`' order.
    """
    compiled = compiled_for(framework)
    plan = compiled.plan
    count = len(compiled.criteria)
    judgements = len(compiled.judgements)
    columns, tables, wrong = _distinct_ranks(compiled, cells, units, exclude, codes)
    status_tables = [[ranks[0] for ranks in table] for table in tables]
    point_tables = [[ranks[1] for ranks in table] for table in tables]
    best_tables = [[ranks[2] for ranks in table] for table in tables]
    worst_tables = [[ranks[3] for ranks in table] for table in tables]
    j_point: list[list[int]] = [[_NO] * units for _ in range(judgements)]
    j_best: list[list[int]] = [[_NO] * units for _ in range(judgements)]
    j_worst: list[list[int]] = [[_NO] * units for _ in range(judgements)]
    overall: tuple[list[int], list[int], list[int]] = ([_NO] * units, [_NO] * units, [_NO] * units)
    fired = [0] * units
    coverage = [1.0] * units
    spans = [(judgement.members, judgement.weights) for judgement in compiled.judgements]
    covers: dict[tuple[int, ...], float] = {}
    pick = list.__getitem__
    rows = zip(*columns, strict=True) if count else iter([()] * units)
    for unit, row in enumerate(rows):
        result = _blank_ranks(judgements)
        status = list(map(pick, status_tables, row))
        result.status = status
        result.point = list(map(pick, point_tables, row))
        result.best = list(map(pick, best_tables, row))
        result.worst = list(map(pick, worst_tables, row))
        if plan is None:  # a compiled framework built by hand: the general steps
            _grade_judgements(compiled, result)
        else:
            _fast_judgements(plan, result, True)
        for j in range(judgements):
            p, b, w = result.judgement_point[j], result.judgement_best[j], result.judgement_worst[j]
            j_point[j][unit] = _NO if p is None else p
            j_best[j][unit] = _NO if b is None else b
            j_worst[j][unit] = _NO if w is None else w
        p, b, w, _ = result.overall
        overall[0][unit] = _NO if p is None else p
        overall[1][unit] = _NO if b is None else b
        overall[2][unit] = _NO if w is None else w
        fired[unit] = len(result.overall_fired) + sum(map(len, result.judgement_fired))
        # Coverage depends on the statuses alone, and units share their few patterns of
        # absent evidence: each pattern's is added up once.
        pattern = tuple(status)
        covered = covers.get(pattern)
        if covered is None:
            covered = covers[pattern] = _coverage(spans, status)
        coverage[unit] = covered

    def coded(tables: list[list[int | None]]) -> list[Any]:
        return [
            _Coded(column, [_NO if rank is None else rank for rank in table])
            for column, table in zip(columns, tables, strict=True)
        ]

    return ColumnRanks(
        units=units,
        status=coded(status_tables),  # type: ignore[arg-type]
        point=coded(point_tables),
        best=coded(best_tables),
        worst=coded(worst_tables),
        judgement_point=j_point,
        judgement_best=j_best,
        judgement_worst=j_worst,
        overall=overall,
        caps_fired=fired,
        coverage=coverage,
        wrong_form=wrong,
    )


# ---- Ranks as grade ids ---------------------------------------------------------------------

Ids = tuple[str | None, str | None, str | None]
"""A grade with its range as ids: ``(point, best, worst)``, ``None`` for no grade."""

_T = TypeVar("_T")

_STATUS_VALUES = {
    EXACT: Status.EXACT.value,
    INTERVAL: Status.INTERVAL.value,
    ABSENT: Status.ABSENT.value,
    NOT_APPLICABLE_STATUS: Status.NOT_APPLICABLE.value,
}


def _unit_levels(
    compiled: CompiledFramework,
    ranks: ColumnRanks,
    index: int,
    make: Callable[[tuple[Grade, ...], int, int, int], _T],
) -> tuple[_T, dict[str, _T], dict[str, _T]]:
    """Return one unit's overall, judgement and criterion levels, each built by *make*.

    *make* gets the scale's grades and the unit's point, best and worst ranks (``-1``: none).
    """

    def at(grades: tuple[Grade, ...], point: Any, best: Any, worst: Any) -> _T:
        return make(grades, int(point[index]), int(best[index]), int(worst[index]))

    overall = at(compiled.scale.grades, *ranks.overall)
    judgements = {
        j.id: at(
            compiled.scale_of(j.index).grades,
            ranks.judgement_point[j.index],
            ranks.judgement_best[j.index],
            ranks.judgement_worst[j.index],
        )
        for j in compiled.judgements
    }
    criteria = {
        c.criterion.id: at(
            compiled.judgement_scales[c.judgement].grades,
            ranks.point[c.index],
            ranks.best[c.index],
            ranks.worst[c.index],
        )
        for c in compiled.criteria
    }
    return overall, judgements, criteria


def _ids(grades: tuple[Grade, ...], point: int, best: int, worst: int) -> Ids:
    """The grade ids of a point, best and worst rank (``-1``: none)."""
    return (
        None if point < 0 else grades[point].id,
        None if best < 0 else grades[best].id,
        None if worst < 0 else grades[worst].id,
    )


def unit_ids(
    framework: Framework, ranks: ColumnRanks, index: int
) -> tuple[
    Ids, dict[str, Ids], dict[str, tuple[str, str | None, str | None, str | None]], int, float
]:
    """Return one unit's grades as ids.

    Returns:
        The overall ids, judgement id -> ids, criterion id -> its status value and ids, the
        caps fired and the coverage.
    """
    compiled = compiled_for(framework)
    overall, judgements, levels = _unit_levels(compiled, ranks, index, _ids)
    criteria = {
        c.criterion.id: (_STATUS_VALUES[int(ranks.status[c.index][index])], *levels[c.criterion.id])
        for c in compiled.criteria
    }
    return (
        overall,
        judgements,
        criteria,
        int(ranks.caps_fired[index]),
        float(ranks.coverage[index]),
    )


@attrs.frozen
class _Graded:
    """A grade with its range, read by `status_levels` as it reads a result."""

    grade: Grade | None
    best: Grade | None
    worst: Grade | None


def _graded(grades: tuple[Grade, ...], point: int, best: int, worst: int) -> _Graded:
    """The grades of a point, best and worst rank (``-1``: none)."""
    return _Graded(*(None if rank < 0 else grades[rank] for rank in (point, best, worst)))


def status_ids(framework: Framework, ranks: ColumnRanks, index: int) -> dict[str, Ids]:
    """Return one unit's derived statuses: status id -> its ``(point, best, worst)`` level ids.

    The statuses are evaluated by `status_levels` itself, on the unit's grades.
    """
    if not framework.statuses:
        return {}
    overall, judgements, criteria = _unit_levels(compiled_for(framework), ranks, index, _graded)
    levels = [
        status_levels(framework, overall, judgements, criteria, case)  # duck-typed: `Graded`
        for case in STATUS_CASES
    ]
    result: dict[str, Ids] = {}
    for status in framework.statuses:
        point, best, worst = (
            None if case[status.id] < 0 else status.levels[case[status.id]].id for case in levels
        )
        result[status.id] = (point, best, worst)
    return result


@attrs.frozen
class IdColumns:
    """The columns a table's records read, as plain lists of grade ids (see `id_columns`).

    Attributes:
        overall: The overall point, best and worst ids: three columns, one id per unit.
        judgements: Per judgement (framework order), each unit's point grade id.
        caps_fired: Per unit, how many caps fired.
        coverage: Per unit, its coverage.
    """

    overall: tuple[list[Any], list[Any], list[Any]]
    judgements: list[list[Any]]
    caps_fired: list[int]
    coverage: list[float]


def id_columns(
    framework: Framework, ranks: ColumnRanks, text: Callable[[str | None], Any] | None = None
) -> IdColumns:
    """Return the record columns of *ranks* as grade ids, read from the arrays at once.

    With *text*, each grade id (``None`` for no grade) is given as ``text(id)`` instead:
    called once per grade of a scale, not once per unit.
    """
    compiled = compiled_for(framework)

    def ids(grades: tuple[Grade, ...], array: Any) -> list[Any]:
        # Rank -1 (no grade) reads the None appended at the end of the ids.
        known: list[Any] = [grade.id for grade in grades]
        known.append(None)
        if text is not None:
            known = list(map(text, known))
        return list(map(known.__getitem__, _listed(array)))

    point, best, worst = (ids(compiled.scale.grades, array) for array in ranks.overall)
    return IdColumns(
        overall=(point, best, worst),
        judgements=[
            ids(compiled.scale_of(j.index).grades, ranks.judgement_point[j.index])
            for j in compiled.judgements
        ],
        caps_fired=_listed(ranks.caps_fired),
        coverage=_listed(ranks.coverage),
    )


def _listed(array: Any) -> list[Any]:
    """A numpy array's values as Python numbers, or the plain path's list as it is."""
    return array.tolist() if hasattr(array, "tolist") else list(array)
