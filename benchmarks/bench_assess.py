"""Time the scoring engine against baselines measured in the same run, and print the ratios.

Three measurements, on the bundled Ofsted children's centre framework (33 criteria, best fit,
rules for the overall grade, five caps):

1. ``assess`` on one evidence set (the full `Assessment`, reasons and all) against
   ``tomli.loads`` of the same evidence file's text. Aim: ratio < 1.
2. The engine's pure core (`inspectkit.scoring._ranks.score`: point grade and range for every
   criterion, judgement and the overall grade) against `hand_written`, a function below that
   hard-codes this framework's thresholds, methods and caps and computes the same ranks.
   Aim: ratio < 2. The two are checked to agree on every evidence set first.
3. Time per assessment at 1k, 10k and 100k assessments, cycling through varied evidence sets:
   the times per assessment should be flat (linear scaling). ``--quick`` skips the 100k step.

No timing is asserted anywhere; the ratios are what to watch between versions.

    python benchmarks/bench_assess.py [--quick]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs
import tomli

import inspectkit
from inspectkit.evidence import NOT_APPLICABLE, Entry, Evidence, Interval
from inspectkit.rubric import Framework, Measure
from inspectkit.scoring._compile import compiled_for
from inspectkit.scoring._ranks import score

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "riverside-nearly-good.toml"
FRAMEWORK = "ofsted_childrens_centres_2014"


def best_time(function: Callable[[], object], *, number: int, repeat: int = 5) -> float:
    """Return the best time per call of *function*, over *repeat* runs of *number* calls."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            function()
        best = min(best, (time.perf_counter() - start) / number)
    return best


# ---------------------------------------------------------------------------------------------
# The hand-written baseline: this framework's rules hard-coded, no plan, no generic dispatch.

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


def hand_written(entries: Mapping[str, Entry]) -> dict[str, Triple]:
    """Return (point, best, worst) ranks of each judgement and the overall grade."""
    crit = {cid: _criterion(cid, entries.get(cid)) for cid in (*ACCESS, *QUALITY, *LEADERSHIP)}
    result: dict[str, Triple] = {}
    for judgement, members in (("access", ACCESS), ("quality", QUALITY)):
        weights = [WEIGHTS.get(member, 1.0) for member in members]
        result[judgement] = (
            _best_fit([crit[m][0] for m in members], weights),
            _best_fit([crit[m][1] for m in members], weights),
            _best_fit([crit[m][2] for m in members], weights),
        )
    weights = [WEIGHTS.get(member, 1.0) for member in LEADERSHIP]
    leadership = []
    for position in range(3):
        rank = _best_fit([crit[m][position] for m in LEADERSHIP], weights)
        for check, to in LEADERSHIP_CAPS:
            watched = crit[check][position]
            if rank is not None and watched is not None and watched >= CHECKS[check][1]:
                rank = max(rank, to)
        leadership.append(rank)
    result["leadership"] = (leadership[0], leadership[1], leadership[2])
    result["overall"] = (
        _overall(result["access"][0], result["quality"][0], leadership[0]),
        _overall(result["access"][1], result["quality"][1], leadership[1]),
        _overall(result["access"][2], result["quality"][2], leadership[2]),
    )
    return result


# ---------------------------------------------------------------------------------------------
# Evidence sets


def random_evidence(rng: random.Random, framework: Framework) -> Evidence:
    """Return varied evidence: exact values, intervals, not applicable and absent entries."""
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 100k step")
    args = parser.parse_args()

    framework = inspectkit.load_framework(FRAMEWORK)
    text = EXAMPLE.read_text(encoding="utf-8")
    evidence = inspectkit.load_evidence(EXAMPLE, framework=framework)
    print(f"framework: {framework.id} ({sum(1 for _ in framework.criteria())} criteria)")

    # 1. assess vs tomli.loads of the same evidence text. "Again" assesses the same Evidence
    # object repeatedly, as a what-if or lift-plan search does (criterion and judgement results
    # are reused); "fresh" gives every assessment Evidence built anew from the same values, so
    # nothing is reused.
    rebuilt = [
        Evidence(
            evidence.framework,
            evidence.unit,
            {k: attrs.evolve(e) for k, e in evidence.entries.items()},
        )
        for _ in range(200)
    ]
    fresh_items = iter(rebuilt * 1000)
    parse = best_time(lambda: tomli.loads(text), number=200)
    again = best_time(lambda: inspectkit.assess(framework, evidence), number=200)
    fresh = best_time(lambda: inspectkit.assess(framework, next(fresh_items)), number=200)
    print(f"\n1. one assessment vs tomli.loads of its evidence file ({len(text)} bytes)")
    print(f"   tomli.loads:             {parse * 1e6:8.1f} us")
    print(f"   assess, same evidence:   {again * 1e6:8.1f} us")
    print(f"   assess, fresh evidence:  {fresh * 1e6:8.1f} us")
    print(f"   ratio assess (same) / tomli.loads  = {again / parse:.2f}   (aim < 1)")
    print(f"   ratio assess (fresh) / tomli.loads = {fresh / parse:.2f}   (aim < 1)")

    # 2. The generic core vs the hand-written function, after checking they agree.
    rng = random.Random(20261123)
    pool = [random_evidence(rng, framework) for _ in range(200)]
    for item in pool:
        expected = hand_written(item.entries)
        got = core_ranks(framework, item)
        assert got == expected, (item, got, expected)
    plan = compiled_for(framework)
    entry_sets = [item.entries for item in pool]

    def run_core() -> None:
        for entries in entry_sets:
            score(plan, entries, False)

    def run_hand() -> None:
        for entries in entry_sets:
            hand_written(entries)

    core = best_time(run_core, number=5) / len(entry_sets)
    hand = best_time(run_hand, number=5) / len(entry_sets)
    print(f"\n2. generic core vs hand-written rules ({len(pool)} evidence sets, results agree)")
    print(f"   hand-written: {hand * 1e6:8.1f} us")
    print(f"   core:         {core * 1e6:8.1f} us")
    print(f"   ratio core / hand-written = {core / hand:.2f}   (aim < 2)")

    # 3. Linearity of full assessments. Each run is timed in blocks of 1,000 and the median
    # block is reported, so that a burst of load from other processes does not read as a
    # change in scaling; the total is printed as well.
    print("\n3. time per full assessment (cycling through the evidence sets; median of 1k blocks)")
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    per: list[float] = []
    for size in sizes:
        blocks: list[float] = []
        total = 0.0
        for block in range(size // 1_000):
            start = time.perf_counter()
            for k in range(block * 1_000, (block + 1) * 1_000):
                inspectkit.assess(framework, pool[k % len(pool)])
            elapsed = time.perf_counter() - start
            blocks.append(elapsed / 1_000)
            total += elapsed
        median = statistics.median(blocks)
        per.append(median)
        print(f"   {size:>7,}: {total:7.2f} s total, median {median * 1e6:7.1f} us each")
    print(f"   ratio per-assessment {sizes[-1]:,} / 1,000 = {per[-1] / per[0]:.2f}   (aim ~1)")


if __name__ == "__main__":
    main()
