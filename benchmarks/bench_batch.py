"""Batch-score a generated CSV of 3,000 units and compare the cost per unit with one assessment.

About 3,000 is the number of children's centres in England. The script writes a CSV with one
row per unit (random but seeded values of every form a spreadsheet export holds: proportions,
percentages, counts, checks, ratings and empty cells), then times:

- baseline: reading one unit's row and assessing it, alone (the median over 40 distinct units);
- batch: `inspectkit.assess_table` on the whole CSV, and writing the result CSV.

It prints the cost per unit of the batch relative to the single assessment. No timings are
asserted anywhere; the ratio is what to watch between versions.

    python benchmarks/bench_batch.py [--units 3000] [--framework ofsted_childrens_centres_2014]
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import tempfile
import time
from pathlib import Path

import inspectkit
from inspectkit import assess_table
from inspectkit.rubric import Framework, Measure

SINGLES = 41
"""How many distinct one-unit tables the baseline is measured on."""


def cell(rng: random.Random, framework: Framework, criterion_id: str) -> str:
    """Return a random cell for the criterion, in one of the forms a spreadsheet holds."""
    criterion = framework.criterion(criterion_id)
    if rng.random() < 0.05:
        return ""
    if criterion.measure is Measure.PROPORTION:
        share = rng.uniform(0.2, 1.0)
        form = rng.random()
        if form < 0.4:
            return f"{share:.3f}"
        if form < 0.7:
            return f"{share * 100:.1f}%"
        denominator = rng.randint(50, 2000)
        return f"{round(share * denominator)}/{denominator}"
    if criterion.measure is Measure.QUANTITY:
        low = criterion.minimum if criterion.minimum is not None else 0.0
        high = criterion.maximum if criterion.maximum is not None else 100.0
        return f"{rng.uniform(max(low, 0.0), min(high, 40.0)):.1f}"
    if criterion.measure is Measure.CHECK:
        return rng.choice(["yes", "yes", "yes", "no"])
    return rng.choice([grade.id for grade in framework.scale])


def write_table(path: Path, framework: Framework, units: int, seed: int = 7) -> None:
    """Write a CSV of *units* random units for *framework* to *path*."""
    rng = random.Random(seed)
    ids = [criterion.id for criterion in framework.criteria()]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["unit", "date", *ids])
        for number in range(units):
            row = [cell(rng, framework, criterion_id) for criterion_id in ids]
            writer.writerow([f"Centre {number:04d}", "2026-09-30", *row])


def best_of(runs: int, action: object) -> float:
    """Return the fastest of *runs* timings of calling *action*, in seconds."""
    assert callable(action)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=3000)
    parser.add_argument("--framework", default="ofsted_childrens_centres_2014")
    args = parser.parse_args()
    framework = inspectkit.load_framework(args.framework)
    with tempfile.TemporaryDirectory() as folder:
        table = Path(folder) / "units.csv"
        write_table(table, framework, args.units)
        singles = []
        for seed in range(SINGLES):
            single = Path(folder) / f"one-{seed}.csv"
            write_table(single, framework, 1, seed=1000 + seed)
            singles.append(single)
        assess_table(framework, singles[0])  # warm up (the engine's plan per framework)
        # Distinct units, so no per-value cache flatters the baseline; the median is robust.
        baseline = statistics.median(
            best_of(1, lambda path=path: assess_table(framework, path)) for path in singles[1:]
        )
        batch_start = time.perf_counter()
        result = assess_table(framework, table)
        text = result.to_csv()
        batch = time.perf_counter() - batch_start
    per_unit = batch / args.units
    counts = ", ".join(f"{grade}: {count}" for grade, count in result.grade_counts().items())
    print(f"framework: {framework.id}, units: {args.units}")
    print(f"predicted overall: {counts}")
    print(f"output: {len(text.splitlines()) - 1} rows")
    print(f"single assessment (read one row + assess, median): {baseline * 1e3:.2f} ms")
    print(f"batch of {args.units}: {batch:.2f} s, {per_unit * 1e3:.2f} ms per unit")
    print(f"cost per unit relative to a single assessment: {per_unit / baseline:.2f}x")


if __name__ == "__main__":
    main()
