"""Time group assessments and comparisons against plain assessments measured in the same run.

On the bundled Ofsted framework (33 criteria), with members made from the Lakeside example:

1. ``assess_group`` of N members under each rule, against N plain ``assess`` calls of the same
   evidence. The group does the members' assessments plus combining, inconsistency checks and
   (for ``pooled``) one more assessment. Aim: ratio < 2.5.
2. ``compare(a, b)`` against one ``assess``. A comparison builds one movement per criterion in
   Python while ``assess`` reuses cached results, so it may be the slower of the two.
   Aim: ratio < 5 (well under a millisecond either way).
3. ``timeline`` of 12 quarterly runs against 12 ``assess`` calls (the runs are assessed once,
   outside the timing). Aim: ratio < 5.

No timing is asserted anywhere; the ratios are what to watch between versions.

    python benchmarks/bench_groups.py [--members 20]
"""

from __future__ import annotations

import argparse
import datetime
import time
from collections.abc import Callable
from pathlib import Path

import inspectkit
from inspectkit.evidence import Counts, Entry

ROOT = Path(__file__).resolve().parent.parent
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=20)
    args = parser.parse_args()
    framework = inspectkit.load_framework(FRAMEWORK)
    base = inspectkit.load_evidence(
        ROOT / "examples" / "lakeside-cluster.toml", framework=framework
    )
    members = [
        base.replace(
            {
                "registration_under5": Entry(
                    "registration_under5",
                    (500 + 17 * n) / 1000,
                    counts=Counts(500 + 17 * n, 1000),
                )
            },
            unit=f"centre {n:02d}",
        )
        for n in range(args.members)
    ]

    def plain() -> None:
        for member in members:
            inspectkit.assess(framework, member)

    baseline = best_time(plain, number=3)
    print(f"{args.members} plain assessments: {baseline * 1e3:.2f} ms")
    for rule in ("weakest", "best_fit", "pooled"):
        took = best_time(
            lambda rule=rule: inspectkit.assess_group(framework, members, rule=rule), number=3
        )
        print(f"assess_group ({rule:8}) / plain assessments: {took / baseline:.2f}")

    one = best_time(lambda: inspectkit.assess(framework, members[0]), number=50)
    a = inspectkit.assess(framework, members[0])
    b = inspectkit.assess(framework, members[-1])
    took = best_time(lambda: inspectkit.compare(a, b, check_unit=False), number=50)
    print(f"compare / assess: {took / one:.2f}")

    runs = [
        inspectkit.assess(
            framework,
            members[n % len(members)].replace(
                {}, unit="Lakeside", date=datetime.date(2024 + n // 4, 3 * (n % 4) + 1, 1)
            ),
        )
        for n in range(12)
    ]
    took = best_time(lambda: inspectkit.timeline(runs), number=10)
    print(f"timeline of 12 / 12 assessments: {took / (12 * one):.2f}")


if __name__ == "__main__":
    main()
