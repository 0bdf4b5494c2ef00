"""Time the lift plan against a single assessment on generated frameworks of growing size.

For frameworks of 20, 50, 100 and 200 criteria (generated, seeded: four judgements of mixed
measures and aggregation methods, an overall rule and a few caps, like the bundled Ofsted
framework scaled up), the script draws evidence that is predicted one grade below Good, then
times:

- baseline: one `inspectkit.assess` of that evidence (best of several runs);
- lift plan: `Assessment.lift_plan("good")`, including its final re-scoring (best of several).

It prints the lift-plan cost divided by the single-assessment cost for each size, and the growth
of that ratio per doubling of the criteria. No timings are asserted anywhere; the ratios are
what to watch between versions (the aim: at most 50x at 200 criteria, growth well below
exponential).

    python benchmarks/bench_lift.py [--sizes 20 50 100 200] [--units 5] [--judgements 4]
"""

from __future__ import annotations

import argparse
import math
import random
import time
from collections.abc import Callable

import inspectkit
from inspectkit.evidence import Entry, Evidence
from inspectkit.grades import Grade, GradeScale
from inspectkit.rubric import (
    OVERALL,
    Aggregation,
    Basis,
    Cap,
    Criterion,
    Direction,
    Framework,
    Judgement,
    Measure,
    Method,
    Provenance,
    Rule,
    Threshold,
)

MODELLED = Provenance(Basis.MODELLED, note="generated for the benchmark")
SCALE = GradeScale.from_grades(
    Grade("outstanding", "Outstanding"),
    Grade("good", "Good"),
    Grade("requires_improvement", "Requires improvement"),
    Grade("inadequate", "Inadequate"),
)
IDS = SCALE.ids


def make_criterion(rng: random.Random, criterion_id: str) -> Criterion:
    """One criterion of a random measure, with thresholds for every grade but the worst."""
    measure = rng.choice(
        [Measure.PROPORTION, Measure.PROPORTION, Measure.QUANTITY, Measure.CHECK, Measure.RATING]
    )
    weight = rng.choice([1.0, 1.0, 2.0])
    title = f"Criterion {criterion_id}"
    if measure is Measure.PROPORTION:
        values = [0.9, 0.65, 0.4]
        return Criterion(
            criterion_id,
            title,
            measure,
            weight=weight,
            thresholds=[Threshold(g, v, MODELLED) for g, v in zip(IDS, values, strict=False)],
            provenance=MODELLED,
        )
    if measure is Measure.QUANTITY:
        values = [5.0, 12.0, 20.0]
        return Criterion(
            criterion_id,
            title,
            measure,
            weight=weight,
            direction=Direction.LOWER,
            unit="points",
            thresholds=[Threshold(g, v, MODELLED) for g, v in zip(IDS, values, strict=False)],
            provenance=MODELLED,
        )
    if measure is Measure.CHECK:
        return Criterion(
            criterion_id,
            title,
            measure,
            weight=weight,
            not_met="requires_improvement",
            provenance=MODELLED,
        )
    return Criterion(criterion_id, title, measure, weight=weight, provenance=MODELLED)


def make_framework(size: int, judgements: int, seed: int) -> Framework:
    """A framework of *size* criteria in *judgements* judgements."""
    rng = random.Random(seed)
    methods = [
        Aggregation(Method.BEST_FIT, share=0.5, provenance=MODELLED),
        Aggregation(Method.SECURE_FIT, provenance=MODELLED),
        Aggregation(
            Method.PERCENT_BANDS,
            points={"outstanding": 3.0, "good": 2.0, "requires_improvement": 1.0},
            bands={"outstanding": 85.0, "good": 60.0, "requires_improvement": 35.0},
            provenance=MODELLED,
        ),
        Aggregation(Method.BEST_FIT, share=0.75, provenance=MODELLED),
    ]
    built = []
    number = 0
    for j in range(judgements):
        count = size // judgements + (1 if j < size % judgements else 0)
        criteria = [make_criterion(rng, f"c{number + k}") for k in range(count)]
        number += count
        built.append(
            Judgement(f"j{j}", f"Judgement {j}", criteria, aggregation=methods[j % len(methods)])
        )
    overall = Aggregation(
        Method.RULES,
        rules=[
            Rule("outstanding", minimum={"j0": "outstanding"}, none_below="good"),
            Rule("good", none_below="good"),
            Rule("requires_improvement", at_most={"inadequate": 1}),
        ],
        provenance=MODELLED,
    )
    checks = [c.id for j in built for c in j.criteria if c.measure is Measure.CHECK][:2]
    caps = [
        Cap(
            f"cap_{k}",
            when=cid,
            limits=built[-1].id,
            to="requires_improvement",
            not_met=True,
            provenance=MODELLED,
        )
        for k, cid in enumerate(checks)
    ]
    caps.append(
        Cap(
            "leadership",
            when=built[-1].id,
            limits=OVERALL,
            to="inadequate",
            at_or_below="inadequate",
            provenance=MODELLED,
        )
    )
    return Framework("bench", "Benchmark framework", "1", SCALE, built, overall, caps=caps)


def make_evidence(framework: Framework, rng: random.Random) -> Evidence:
    """Evidence mostly at Good, with a share of weaker values: typically one grade below."""
    entries = {}
    for criterion in framework.criteria():
        weak = rng.random() < 0.25
        if criterion.measure is Measure.PROPORTION:
            value: float | bool | str = rng.uniform(0.45, 0.64) if weak else rng.uniform(0.65, 0.95)
        elif criterion.measure is Measure.QUANTITY:
            value = rng.uniform(12.5, 19.0) if weak else rng.uniform(2.0, 12.0)
        elif criterion.measure is Measure.CHECK:
            value = not weak
        else:
            value = "requires_improvement" if weak else rng.choice(["good", "outstanding"])
        entries[criterion.id] = Entry(criterion.id, value)
    return Evidence(framework.id, "Generated centre", entries)


def best_of(runs: int, action: Callable[[], object]) -> float:
    """The fastest of *runs* timings of *action*, in seconds."""
    best = math.inf
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def measure(size: int, judgements: int, units: int, runs: int) -> tuple[float, float, float]:
    """Return (single assessment seconds, lift plan seconds, mean plan length) for one size."""
    framework = make_framework(size, judgements, seed=size)
    rng = random.Random(size)
    single = 0.0
    lift = 0.0
    lengths = 0
    done = 0
    attempts = 0
    while done < units and attempts < units * 50:
        attempts += 1
        evidence = make_evidence(framework, rng)
        assessment = inspectkit.assess(framework, evidence)
        if assessment.grade is None or assessment.grade.id != "requires_improvement":
            continue
        single += best_of(runs, lambda e=evidence: inspectkit.assess(framework, e))
        # Each timed call plans afresh: the planner keeps nothing between calls.
        lift += best_of(runs, lambda a=assessment: a.lift_plan("good"))
        plan = assessment.lift_plan("good")
        assert plan.reachable
        assert plan.after is not None
        assert plan.after.rank <= framework.grade("good").rank
        lengths += len(plan)
        done += 1
    if done == 0:
        raise SystemExit(f"no evidence predicted Requires improvement at size {size}")
    return single / done, lift / done, lengths / done


def main() -> None:
    """Run the benchmark and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 50, 100, 200])
    parser.add_argument("--units", type=int, default=5, help="evidence sets per size")
    parser.add_argument("--runs", type=int, default=3, help="timings per call (best is kept)")
    parser.add_argument("--judgements", type=int, default=4)
    args = parser.parse_args()

    print(
        f"lift plan to Good vs one assessment; {args.judgements} judgements, "
        f"{args.units} evidence sets per size, best of {args.runs}"
    )
    print(
        f"{'criteria':>8} {'assess ms':>10} {'lift ms':>9} {'ratio':>7} {'changes':>8} "
        f"{'growth/doubling':>16}"
    )
    previous: tuple[int, float] | None = None
    for size in args.sizes:
        single, lift, length = measure(size, args.judgements, args.units, args.runs)
        ratio = lift / single
        growth = ""
        if previous is not None:
            doublings = math.log2(size / previous[0])
            growth = f"{(ratio / previous[1]) ** (1 / doublings):.2f}x"
        print(
            f"{size:>8} {single * 1000:>10.2f} {lift * 1000:>9.2f} {ratio:>6.1f}x "
            f"{length:>8.1f} {growth:>16}"
        )
        previous = (size, ratio)


if __name__ == "__main__":
    main()
