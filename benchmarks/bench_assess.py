"""Time ``assess`` against baselines measured in the same run, and print the ratios.

On the bundled Ofsted children's centre framework (33 criteria, best fit, rules for the overall
grade, five caps). Every figure is the median (with the range) of interleaved repeats: each
round times every subject one after the other, so a burst of load from other processes falls
on all of them alike, and every ratio is taken within a round before its median is printed.

1. ``assess`` against ``tomli.loads`` of the evidence file's text and against `floor`, a tight
   function written by hand below that hard-codes this framework's thresholds, methods and
   caps. `floor` is checked first to give the same point, best and worst grade of every
   judgement and the overall grade as ``assess``, on hundreds of random evidence sets. Three
   kinds of evidence:

   - *same*: one `Evidence` assessed again and again (as a what-if or lift-plan search does):
     the engine's memos of scored evidence (the very same object) and of criterion and
     judgement results serve it;
   - *fresh*: a new `Evidence` for every call, its numbers drawn afresh (no two equal), as the
     units of a batch are; checks and ratings still repeat, as they do in real data, so the
     criterion memo serves those;
   - *cold*: as *fresh*, with every memo emptied before each call, so nothing is reused.

   The memo lookups and hits per call are counted for each kind and printed, so a figure
   that a memo flattered shows as such. The memos: scored evidence (the very same object),
   the aggregation kernels (a judgement's rank for its members' ranks), and the result objects
   of judgements and criteria (consulted only when a result is read).
2. The engine's pure core (`inspectkit.scoring._ranks.score`) against `floor`, on the 501
   checked evidence sets; its kernels' memos fill in the first round, as they do early in a
   batch.
3. Time per assessment at 1k, 10k and 100k assessments, cycling through varied evidence sets:
   the times per assessment should be flat (linear scaling). ``--quick`` skips the 100k step.
4. ``assess`` on generated frameworks of 10, 100, 1k and 5k criteria, from the families of
   ``benchmarks/bench_lift.py`` (imported, not copied): ``mixed`` (four methods, rules for the
   overall grade, caps), ``rules`` (rules judgements), ``many`` (one judgement per five
   criteria, chained caps) and ``exclude`` (``missing = "exclude"``, a fifth of the evidence
   absent). Every call gets fresh evidence (new numbers); interleaved rounds, as in 1. Printed:
   the time per assessment and per criterion, and the growth per 10x criteria of the time per
   assessment (10x is linear) and of the time per criterion (1x is linear).

Times are this process's CPU time (``time.process_time``) unless ``--clock wall`` is given,
as in ``bench_lift.py``: the machine is shared, and wall time also counts other processes'
turns.

Aims (issue 15): ``assess`` / floor <= 2 with fresh numbers; ``assess`` / ``tomli.loads``
< 0.5. No timing is asserted anywhere.

    python benchmarks/bench_assess.py [--quick] [--rounds N] [--sizes 10 100 1000 5000]
                                      [--clock cpu|wall]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import bench_lift
import tomli

import inspectkit
from inspectkit.evidence import NOT_APPLICABLE, Entry, Evidence, Interval
from inspectkit.rubric import Framework, Measure
from inspectkit.scoring._compile import CompiledFramework, compiled_for
from inspectkit.scoring._ranks import score

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "riverside-nearly-good.toml"
FRAMEWORK = "ofsted_childrens_centres_2014"
CLOCK: Callable[[], float] = time.process_time
"""The clock every timing reads (``--clock``)."""


# ---------------------------------------------------------------------------------------------
# The floor: this framework's rules hard-coded, no plan, no generic dispatch, no result objects.

OUT, G, RI, INAD = 0, 1, 2, 3
RANK = {"outstanding": OUT, "good": G, "requires_improvement": RI, "inadequate": INAD}

# criterion id -> (weight, outstanding, good, requires improvement), higher is better.
PROPORTIONS = {
    "registration_under5": (1.0, 0.97, 0.65, 0.5),
    "registration_target_groups": (1.0, 0.9, 0.65, 0.5),
    "sustained_contact": (1.0, 0.8, 0.65, 0.3),
    "sustained_contact_target": (2.0, 0.8, 0.65, 0.3),
    "take_up_2yo": (1.0, 0.8, 0.5, 0.3),
    "take_up_3_4yo": (1.0, 0.97, 0.9, 0.8),
    "gld_rate": (1.0, 0.7, 0.6, 0.5),
    "breastfeeding_6_8wk": (1.0, 0.55, 0.45, 0.3),
    "adult_progression": (1.0, 0.6, 0.4, 0.2),
}
# criterion id -> (weight, rank when not met); met is outstanding.
CHECKS = {
    "priority_families_known": (1.0, INAD),
    "live_birth_data": (1.0, RI),
    "social_care_data": (1.0, RI),
    "reach_area_data": (1.0, RI),
    "board_parents_representative": (1.0, RI),
    "safeguarding_effective": (1.0, INAD),
    "safeguarding_policies_current": (1.0, RI),
    "sessions_risk_assessed": (1.0, RI),
    "supervision_checks_case_files": (1.0, RI),
}
ACCESS = (
    "registration_under5",
    "registration_target_groups",
    "sustained_contact",
    "sustained_contact_target",
    "priority_families_known",
    "live_birth_data",
    "social_care_data",
    "reach_area_data",
    "take_up_2yo",
    "take_up_3_4yo",
    "priority_families_engaged",
    "reach_consistency",
)
QUALITY = (
    "early_learning_quality",
    "children_progress",
    "gld_rate",
    "gld_gap_fsm",
    "breastfeeding_6_8wk",
    "health_outcomes",
    "adult_learning",
    "adult_progression",
    "targeted_family_support",
    "case_file_quality",
)
LEADERSHIP = (
    "use_of_data_targets",
    "self_evaluation",
    "advisory_board_challenge",
    "board_parents_representative",
    "la_monitoring",
    "safeguarding_effective",
    "safeguarding_policies_current",
    "sessions_risk_assessed",
    "supervision_checks_case_files",
    "parents_in_decisions",
    "value_for_money",
)
WEIGHTS = {"sustained_contact_target": 2.0, "use_of_data_targets": 2.0}
# Caps on leadership: (check id, the best leadership grade while it is not met).
LEADERSHIP_CAPS = (
    ("safeguarding_effective", INAD),
    ("safeguarding_policies_current", RI),
    ("sessions_risk_assessed", RI),
    ("supervision_checks_case_files", RI),
)

Triple = tuple[int | None, int | None, int | None]


def _proportion(x: float, o: float, g: float, ri: float) -> int:
    return OUT if x >= o else G if x >= g else RI if x >= ri else INAD


def _criterion(criterion_id: str, entry: Entry | None) -> Triple:
    """Return (point, best, worst) for one criterion, policy ``worst``."""
    if criterion_id in PROPORTIONS:
        _, o, g, ri = PROPORTIONS[criterion_id]
        if entry is None:
            return INAD, OUT, INAD
        value = entry.value
        if value is NOT_APPLICABLE:
            return None, None, None
        if isinstance(value, Interval):
            return (
                _proportion(value.middle, o, g, ri),
                _proportion(value.high, o, g, ri),
                _proportion(value.low, o, g, ri),
            )
        rank = _proportion(value, o, g, ri)  # type: ignore[arg-type]
        return rank, rank, rank
    if criterion_id in CHECKS:
        not_met = CHECKS[criterion_id][1]
        if entry is None:
            return not_met, OUT, not_met
        if entry.value is NOT_APPLICABLE:
            return None, None, None
        rank = OUT if entry.value else not_met
        return rank, rank, rank
    if criterion_id == "gld_gap_fsm":  # a quantity, lower is better
        if entry is None:
            return INAD, OUT, INAD
        value = entry.value
        if value is NOT_APPLICABLE:
            return None, None, None
        x = float(value)  # type: ignore[arg-type]
        rank = OUT if x <= 12 else G if x <= 18 else RI if x <= 25 else INAD
        return rank, rank, rank
    if entry is None:  # a rating
        return INAD, OUT, INAD
    if entry.value is NOT_APPLICABLE:
        return None, None, None
    rank = RANK[entry.value]  # type: ignore[index]
    return rank, rank, rank


def _best_fit(ranks: list[int | None], weights: list[float]) -> int | None:
    """Best fit with share 0.66."""
    buckets = [0.0, 0.0, 0.0, 0.0]
    total = 0.0
    for rank, weight in zip(ranks, weights, strict=True):
        if rank is not None:
            buckets[rank] += weight
            total += weight
    if total == 0.0:
        return None
    need = 0.66 * total - 1e-9 * total
    reached = 0.0
    for rank in (OUT, G, RI):
        reached += buckets[rank]
        if reached >= need:
            return rank
    return INAD


def _overall(access: int | None, quality: int | None, leadership: int | None) -> int | None:
    graded = [rank for rank in (access, quality, leadership) if rank is not None]
    if not graded:
        return None
    worst = max(graded)
    if (worst <= G and (leadership is None or leadership == OUT)) or (
        worst <= G and sum(1 for rank in graded if rank == OUT) >= 2
    ):
        result = OUT
    elif worst <= G:
        result = G
    elif worst <= RI:
        result = RI
    else:
        result = INAD
    if leadership is not None and leadership >= INAD:
        result = INAD  # cap: leadership inadequate -> overall inadequate
    return result


PROPORTION, QUANTITY, CHECK, RATING = 0, 1, 2, 3
CAP_TO = dict(LEADERSHIP_CAPS)


def _spec() -> tuple[tuple[str, int, float, int, float, float, float, int, int], ...]:
    """Each criterion as (id, judgement offset, weight, kind, three thresholds, rank when
    absent or not met, the leadership cap it triggers or -1)."""
    rows = []
    for offset, members in ((0, ACCESS), (12, QUALITY), (24, LEADERSHIP)):
        for cid in members:
            weight = WEIGHTS.get(cid, 1.0)
            cap = CAP_TO.get(cid, -1)
            if cid in PROPORTIONS:
                _, o, g, ri = PROPORTIONS[cid]
                rows.append((cid, offset, weight, PROPORTION, o, g, ri, INAD, cap))
            elif cid in CHECKS:
                rows.append((cid, offset, weight, CHECK, 0.0, 0.0, 0.0, CHECKS[cid][1], cap))
            elif cid == "gld_gap_fsm":
                rows.append((cid, offset, weight, QUANTITY, 12.0, 18.0, 25.0, INAD, cap))
            else:
                rows.append((cid, offset, weight, RATING, 0.0, 0.0, 0.0, INAD, cap))
    return tuple(rows)


SPEC = _spec()


def _fit(acc: list[float], base: int) -> int | None:
    """Best fit with share 0.66 over the four buckets of *acc* from *base*."""
    a, b, c, d = acc[base], acc[base + 1], acc[base + 2], acc[base + 3]
    total = a + b + c + d
    if total == 0.0:
        return None
    need = 0.66 * total - 1e-9 * total
    if a >= need:
        return OUT
    if a + b >= need:
        return G
    if a + b + c >= need:
        return RI
    return INAD


def floor(entries: Mapping[str, Entry]) -> dict[str, Triple]:
    """Return (point, best, worst) ranks of each judgement and the overall grade.

    One pass over the criteria adds each one's weight to a bucket per (judgement, position,
    rank); the judgements are then best fits over their buckets. Policy ``worst``.
    """
    acc = [0.0] * 36  # judgement offset (0, 12, 24) + position (0, 4, 8) + rank
    caps = [OUT, OUT, OUT]
    get = entries.get
    for cid, base, weight, kind, o, g, ri, low_rank, cap in SPEC:
        entry = get(cid)
        if entry is None:
            point = worst = low_rank
            best = OUT
        else:
            value = entry.value
            if value is NOT_APPLICABLE:
                continue
            if kind == PROPORTION:
                if type(value) is Interval:
                    x = value.middle
                    point = OUT if x >= o else G if x >= g else RI if x >= ri else INAD
                    x = value.high
                    best = OUT if x >= o else G if x >= g else RI if x >= ri else INAD
                    x = value.low
                    worst = OUT if x >= o else G if x >= g else RI if x >= ri else INAD
                else:
                    x = value  # type: ignore[assignment]
                    point = best = worst = (
                        OUT if x >= o else G if x >= g else RI if x >= ri else INAD
                    )
            elif kind == CHECK:
                point = best = worst = OUT if value else low_rank
            elif kind == QUANTITY:
                x = value  # type: ignore[assignment]
                point = best = worst = OUT if x <= o else G if x <= g else RI if x <= ri else INAD
            else:
                point = best = worst = RANK[value]  # type: ignore[index]
        acc[base + point] += weight
        acc[base + 4 + best] += weight
        acc[base + 8 + worst] += weight
        if cap >= 0:
            if point != OUT and cap > caps[0]:
                caps[0] = cap
            if best != OUT and cap > caps[1]:
                caps[1] = cap
            if worst != OUT and cap > caps[2]:
                caps[2] = cap
    access = (_fit(acc, 0), _fit(acc, 4), _fit(acc, 8))
    quality = (_fit(acc, 12), _fit(acc, 16), _fit(acc, 20))
    lead: list[int | None] = []
    for position in range(3):
        rank = _fit(acc, 24 + 4 * position)
        if rank is not None and caps[position] > rank:
            rank = caps[position]
        lead.append(rank)
    return {
        "access": access,
        "quality": quality,
        "leadership": (lead[0], lead[1], lead[2]),
        "overall": (
            _overall(access[0], quality[0], lead[0]),
            _overall(access[1], quality[1], lead[1]),
            _overall(access[2], quality[2], lead[2]),
        ),
    }


def assessed_ranks(assessment: inspectkit.Assessment) -> dict[str, Triple]:
    """The (point, best, worst) ranks of each judgement and the overall grade of *assessment*."""

    def triple(result: Any) -> Triple:
        return tuple(  # type: ignore[return-value]
            None if grade is None else grade.rank
            for grade in (result.grade, result.best, result.worst)
        )

    ranks = {judgement_id: triple(result) for judgement_id, result in assessment.judgements.items()}
    ranks["overall"] = triple(assessment.overall)
    return ranks


# ---------------------------------------------------------------------------------------------
# Evidence sets


def random_evidence(rng: random.Random, framework: Framework) -> Evidence:
    """Return varied evidence: exact values, intervals, not applicable and absent entries.

    Numbers are drawn from a continuous range, so no two evidence sets share one.
    """
    entries: dict[str, Entry] = {}
    ids = framework.scale.ids
    for criterion in framework.criteria():
        draw = rng.random()
        if draw < 0.05:
            continue
        if draw < 0.08:
            entries[criterion.id] = Entry(criterion.id, NOT_APPLICABLE)
            continue
        value: Any
        if criterion.measure is Measure.PROPORTION:
            low = rng.uniform(0.2, 1.0)
            value = Interval(low, min(1.0, low + 0.15)) if rng.random() < 0.2 else low
        elif criterion.measure is Measure.QUANTITY:
            value = rng.uniform(0.0, 40.0)
        elif criterion.measure is Measure.CHECK:
            value = rng.random() < 0.8
        else:
            value = rng.choice(ids)
        entries[criterion.id] = Entry(criterion.id, value)
    return Evidence(framework.id, "Generated centre", entries)


def like_example(rng: random.Random, example: Evidence) -> Evidence:
    """Return *example* with every number replaced by a new one near it (checks kept)."""
    entries: dict[str, Entry] = {}
    for cid, entry in example.entries.items():
        value = entry.value
        if isinstance(value, Interval):
            shift = rng.uniform(-0.05, 0.05)
            value = Interval(max(0.0, value.low + shift), min(1.0, value.high + shift))
        elif isinstance(value, float) and not isinstance(value, bool):
            value = value * rng.uniform(0.95, 1.0)
        entries[cid] = Entry(cid, value)
    return Evidence(example.framework, example.unit, entries)


def core_ranks(framework: Framework, evidence: Evidence) -> dict[str, Triple]:
    """The engine core's (point, best, worst) ranks of each judgement and the overall grade."""
    result = score(compiled_for(framework), evidence.entries, exclude=False)
    ranks = {
        judgement.id: (
            result.judgement_point[j],
            result.judgement_best[j],
            result.judgement_worst[j],
        )
        for j, judgement in enumerate(framework.judgements)
    }
    ranks["overall"] = result.overall[:3]
    return ranks


# ---------------------------------------------------------------------------------------------
# Memos: emptied for the cold runs, counted to show which runs they serve


def kernel_memos(compiled: CompiledFramework) -> list[dict[Any, Any]]:
    """The memos of the scoring plan's aggregation kernels."""
    plan = compiled.plan
    assert plan is not None
    found = [step[7] for step in plan.steps] + [plan.overall_memo]
    return [memo for memo in found if memo is not None]


def clear_memos(compiled: CompiledFramework) -> None:
    """Empty every memo: of scored evidence, of kernels, of criterion and judgement results."""
    compiled.scored.clear()
    for memo in kernel_memos(compiled):
        memo.clear()
    for memo in compiled.criterion_results:
        memo.clear()
    for judgement in compiled.judgements:
        judgement.results.clear()
    compiled.overall.results.clear()


class CountingDict(dict[Any, Any]):
    """A memo that counts its lookups and the lookups that find a result."""

    hits = 0
    lookups = 0

    def get(self, key: Any, default: Any = None) -> Any:
        CountingDict.lookups += 1
        if key in self:
            CountingDict.hits += 1
        return super().get(key, default)


def memo_hits(
    compiled: CompiledFramework, run: Callable[[], object], calls: int
) -> tuple[float, float]:
    """Return the memo hits and lookups per call of *run* (called *calls* times).

    Every memo is swapped for a counting copy meanwhile, and put back afterwards.
    """
    plan = compiled.plan
    assert plan is not None
    judgements = (*compiled.judgements, compiled.overall)
    criterion_memos = list(compiled.criterion_results)
    judgement_memos = [judgement.results for judgement in judgements]
    scored, steps, overall_memo = compiled.scored, plan.steps, plan.overall_memo
    compiled.criterion_results[:] = [CountingDict(memo) for memo in criterion_memos]
    for judgement in judgements:
        object.__setattr__(judgement, "results", CountingDict(judgement.results))
    object.__setattr__(compiled, "scored", CountingDict(scored))
    counted = tuple(
        (*step[:7], None if step[7] is None else CountingDict(step[7])) for step in steps
    )
    object.__setattr__(plan, "steps", counted)
    if overall_memo is not None:
        object.__setattr__(plan, "overall_memo", CountingDict(overall_memo))
    CountingDict.hits = CountingDict.lookups = 0
    try:
        for _ in range(calls):
            run()
    finally:
        object.__setattr__(compiled, "scored", scored)
        object.__setattr__(plan, "steps", steps)
        object.__setattr__(plan, "overall_memo", overall_memo)
        compiled.criterion_results[:] = criterion_memos
        for judgement, memo in zip(judgements, judgement_memos, strict=True):
            object.__setattr__(judgement, "results", memo)
    return CountingDict.hits / calls, CountingDict.lookups / calls


# ---------------------------------------------------------------------------------------------
# Interleaved timing


def interleaved(
    subjects: Mapping[str, Callable[[], object]], *, number: int, rounds: int
) -> dict[str, list[float]]:
    """Time each subject for *number* calls per round, all subjects in every round, in an
    order rotated each round; return each subject's time per call, one per round."""
    names = list(subjects)
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            function = subjects[name]
            start = CLOCK()
            for _ in range(number):
                function()
            times[name].append((CLOCK() - start) / number)
    return times


def spread(values: list[float], scale: float = 1e6) -> str:
    """The median of *values* and their range, scaled (microseconds by default)."""
    return (
        f"{statistics.median(values) * scale:8.1f}  "
        f"[{min(values) * scale:7.1f} .. {max(values) * scale:7.1f}]"
    )


def ratio(times: dict[str, list[float]], top: str, bottom: str) -> str:
    """The median and range over rounds of the ratio *top* / *bottom*."""
    ratios = [a / b for a, b in zip(times[top], times[bottom], strict=True)]
    return f"{statistics.median(ratios):6.2f}  [{min(ratios):5.2f} .. {max(ratios):5.2f}]"


def cycle(items: list[Evidence]) -> Iterator[Evidence]:
    """Yield *items* over and over."""
    while True:
        yield from items


def core_and_scaling(
    compiled: CompiledFramework,
    framework: Framework,
    checked: list[Evidence],
    *,
    rounds: int,
    quick: bool,
) -> None:
    """Print sections 2 (the core against the floor) and 3 (linearity)."""
    # 2. The generic core vs the floor.
    entry_sets = [item.entries for item in checked]

    def run_core() -> None:
        for entries in entry_sets:
            score(compiled, entries, False)

    def run_floor() -> None:
        for entries in entry_sets:
            floor(entries)

    times = interleaved({"core": run_core, "floor": run_floor}, number=1, rounds=rounds)
    per = {name: [t / len(entry_sets) for t in values] for name, values in times.items()}
    print(f"\n2. the engine's core (ranks only) vs the floor, {len(entry_sets)} evidence sets")
    for name, values in per.items():
        print(f"   {name:<6} {spread(values)}")
    print(f"   core / floor = {ratio(per, 'core', 'floor')}")

    # 3. Linearity of full assessments. Each run is timed in blocks of 1,000 and the median
    # block is reported, so that a burst of load from other processes does not read as a
    # change in scaling; the total is printed as well.
    pool = checked[:200]
    print("\n3. time per full assessment (cycling through the evidence sets; median of 1k blocks)")
    sizes = [1_000, 10_000] if quick else [1_000, 10_000, 100_000]
    medians: list[float] = []
    for size in sizes:
        blocks: list[float] = []
        total = 0.0
        for block in range(size // 1_000):
            start = CLOCK()
            for k in range(block * 1_000, (block + 1) * 1_000):
                inspectkit.assess(framework, pool[k % len(pool)])
            elapsed = CLOCK() - start
            blocks.append(elapsed / 1_000)
            total += elapsed
        median = statistics.median(blocks)
        medians.append(median)
        print(f"   {size:>7,}: {total:7.2f} s total, median {median * 1e6:7.1f} us each")
    print(
        f"   ratio per-assessment {sizes[-1]:,} / 1,000 = {medians[-1] / medians[0]:.2f}   (aim ~1)"
    )


def generated(sizes: list[int], *, rounds: int) -> None:
    """Print section 4: assess on bench_lift's generated families, fresh evidence each call.

    Each round draws every subject's evidence just before timing it (untimed), so evidence
    is never reused and the process never holds more than one subject's evidence at a time
    (a large heap would slow every allocation, the smaller frameworks' too).
    """
    subjects = []
    for family in bench_lift.FAMILIES:
        for size in sizes:
            framework = bench_lift.make_framework(family, size, seed=size)
            absent = 0.2 if family == "exclude" else 0.0
            # Enough calls per round for ~50k criteria (ten at 5k): fewer would let one burst
            # of load from other processes decide a round.
            number = max(10, 50_000 // size)
            subjects.append((family, size, framework, absent, number))
    rng = random.Random(20261201)
    times: dict[tuple[str, int], list[float]] = {(s[0], s[1]): [] for s in subjects}
    for r in range(rounds):
        for family, size, framework, absent, number in subjects[r:] + subjects[:r]:
            items = [bench_lift.make_evidence(framework, rng, absent) for _ in range(number)]
            start = CLOCK()
            for item in items:
                inspectkit.assess(framework, item)
            times[family, size].append((CLOCK() - start) / number)
    print(
        f"\n4. assess on generated frameworks (bench_lift families), fresh evidence every call; "
        f"median [range] of {rounds} interleaved rounds"
    )
    print(
        f"   {'family':<8} {'criteria':>8} {'us per assess':>26} {'us per criterion':>17} "
        f"{'growth per 10x: assess':>23} {'per criterion':>14}"
    )
    for family in bench_lift.FAMILIES:
        previous: tuple[int, float] | None = None
        for size in sizes:
            per = times[family, size]
            median = statistics.median(per)
            growth = ""
            if previous is not None:
                tens = math.log10(size / previous[0])
                step = (median / previous[1]) ** (1 / tens)
                growth = f"{step:>21.2f}x {step / 10:>13.2f}x"
            print(
                f"   {family:<8} {size:>8} {spread(per, 1e6):>26} {median * 1e6 / size:>17.3f} "
                f"{growth}"
            )
            previous = (size, median)
    print("   (linear: the assess growth is 10x per 10x criteria, the per-criterion growth 1x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 100k step")
    parser.add_argument("--rounds", type=int, default=15, help="interleaved rounds (15)")
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[10, 100, 1_000, 5_000],
        help="criteria of the generated frameworks of section 4",
    )
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu", help="CPU or wall time")
    args = parser.parse_args()
    global CLOCK  # noqa: PLW0603 - set once, before anything is timed
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter

    framework = inspectkit.load_framework(FRAMEWORK)
    compiled = compiled_for(framework)
    text = EXAMPLE.read_text(encoding="utf-8")
    example = inspectkit.load_evidence(EXAMPLE, framework=framework)
    print(f"framework: {framework.id} ({sum(1 for _ in framework.criteria())} criteria)")

    # The floor gives the grades assess gives, on random evidence and on the example's kind.
    rng = random.Random(20261201)
    checked = [random_evidence(rng, framework) for _ in range(400)]
    checked += [like_example(rng, example) for _ in range(100)] + [example]
    for item in checked:
        expected = assessed_ranks(inspectkit.assess(framework, item))
        assert floor(item.entries) == expected, (item, floor(item.entries), expected)
        assert core_ranks(framework, item) == expected
    print(f"floor checked: same grades as assess on {len(checked)} evidence sets")

    number = 200
    fresh = [like_example(rng, example) for _ in range(number * args.rounds * 4)]
    fresh_items = cycle(fresh)  # each is used once per subject-round; a cycle only for safety
    cold_items = cycle([like_example(rng, example) for _ in range(len(fresh))])
    floor_items = cycle(fresh)

    def assess_cold() -> object:
        clear_memos(compiled)
        return inspectkit.assess(framework, next(cold_items))

    subjects: dict[str, Callable[[], object]] = {
        "tomli.loads": lambda: tomli.loads(text),
        "floor": lambda: floor(next(floor_items).entries),
        "assess same": lambda: inspectkit.assess(framework, example),
        "assess fresh": lambda: inspectkit.assess(framework, next(fresh_items)),
        "assess cold": assess_cold,
        "empty memos": lambda: clear_memos(compiled),
    }
    hits = {
        "assess same": memo_hits(compiled, subjects["assess same"], 200),
        "assess fresh": memo_hits(
            compiled,
            lambda: inspectkit.assess(framework, like_example(rng, example)),
            200,
        ),
        "assess cold": memo_hits(
            compiled,
            lambda: (
                clear_memos(compiled),
                inspectkit.assess(framework, like_example(rng, example)),
            ),
            200,
        ),
    }
    times = interleaved(subjects, number=number, rounds=args.rounds)
    print(
        f"\n1. one assessment, median [range] of {args.rounds} interleaved rounds of "
        f"{number} calls (us per call; evidence file {len(text)} bytes)"
    )
    for name, values in times.items():
        note = ""
        if name in hits:
            found, looked = hits[name]
            note = f"   memo hits {found:4.1f} of {looked:4.1f} lookups per call"
        print(f"   {name:<13} {spread(values)}{note}")
    print("   ratios, median [range] over rounds:")
    for kind in ("same", "fresh", "cold"):
        print(f"   assess {kind:<5} / floor       = {ratio(times, f'assess {kind}', 'floor')}")
    for kind in ("same", "fresh", "cold"):
        print(
            f"   assess {kind:<5} / tomli.loads = {ratio(times, f'assess {kind}', 'tomli.loads')}"
        )
    print("   floor / tomli.loads        =", ratio(times, "floor", "tomli.loads"))
    print("   aims: assess fresh / floor <= 2; assess fresh / tomli.loads < 0.5")

    core_and_scaling(compiled, framework, checked, rounds=args.rounds, quick=args.quick)
    generated(args.sizes, rounds=5 if args.quick else args.rounds)


if __name__ == "__main__":
    main()
