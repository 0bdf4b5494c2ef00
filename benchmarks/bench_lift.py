"""Time lift plans, gap lists and what-ifs against one assessment, on unflattering frameworks.

Four families of generated frameworks (seeded), each at 10, 100, 1k and 5k criteria:

- ``mixed``: four judgements (best fit, secure fit, percent bands, best fit at 75%), an overall
  grade by rules (one named judgement, none below Good, at most one Inadequate), caps on checks
  and on the last judgement, like the bundled Ofsted framework scaled up.
- ``rules``: four judgements graded by rules (counts of grades, none below a grade, a named
  criterion), the same overall rules and caps.
- ``many``: one judgement per five criteria (200 judgements at 1k), methods in turn (best fit,
  secure fit, rules), a cap linking each fourth judgement to the next, a cap on a check in
  every fourth judgement, an overall grade by best fit (three quarters of the weight).
- ``exclude``: the mixed family under ``missing = "exclude"`` with a fifth of the evidence absent.
- ``crafted``: the shape of the crafted framework of issue 13 (``tests/crafted/``), its criteria
  spread over up to twenty judgements: the four methods in turn (rules with a named member,
  best fit, secure fit, percent bands), an overall grade by rules on counts of judgement
  grades, caps chaining each of the first half of the judgements to the next and caps on
  checks limiting the judgement two along, ``missing = "exclude"`` with a third absent.

For each family and size the script draws evidence sets predicted below Good. Timings are
interleaved: in every round each evidence set is drawn afresh (new values, so no memo of an
earlier round can hit), assessed (timed: the baseline), and then its lift plan to Good, its gap
list and a what-if (its first gap closed) are timed in an order that rotates from round to
round. Gap lists and what-ifs fill parts of themselves on first read, so the timing includes
reading every field of every gap, and a what-if's gaps closed and opened, as a report does.
Each figure is a ratio to that round's own assessment of the same evidence; the script
prints the median ratio with its range (lowest-highest over evidence sets and rounds), the
median growth of the ratio per 10x criteria, and for lift plans how many were proven minimal
and how many changes they had on average. No timing is asserted anywhere.

Times are this process's CPU time (``time.process_time``) unless ``--clock wall`` is given: the
machine is shared, and wall time also counts the turns of other processes.

Aims (issue 15): gap list and what-if at most 10x an assessment at 1k criteria, growing at most
about linearly per 10x; lift plan at most 20x at 1k, ``minimal`` on every plan.

    python benchmarks/bench_lift.py [--sizes 10 100 1000 5000] [--families mixed ... crafted]
                                    [--units 3] [--rounds 3] [--clock cpu|wall] [--quick]
                                    [--search N]

``--quick`` is ``--sizes 10 100 1000 --units 2 --rounds 2``. ``--search N`` also draws N more
evidence sets per family and size (a share of them with more evidence absent, so that some
judgements have no grade), plans each to Good, and prints how many plans were proven minimal,
the most nodes one search visited, and the largest plan time as a ratio to its assessment:
the timed rounds draw too few sets to show a rare non-minimal plan.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

import attrs

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
    MissingPolicy,
    Provenance,
    Rule,
    Threshold,
)
from inspectkit.scoring import _lift

MODELLED = Provenance(Basis.MODELLED, note="generated for the benchmark")
SCALE = GradeScale.from_grades(
    Grade("outstanding", "Outstanding"),
    Grade("good", "Good"),
    Grade("requires_improvement", "Requires improvement"),
    Grade("inadequate", "Inadequate"),
)
IDS = SCALE.ids
FAMILIES = ("mixed", "rules", "many", "exclude", "crafted")


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


def _rules_for(members: list[Criterion]) -> Aggregation:
    """Rules on counts of a judgement's grades, with a named member, scaled to its size."""
    n = len(members)
    return Aggregation(
        Method.RULES,
        rules=[
            Rule(
                "outstanding",
                at_least={"outstanding": max(1, n // 2)},
                none_below="good",
                minimum={members[0].id: "outstanding"},
            ),
            Rule("good", at_least={"good": max(1, (3 * n) // 4)}, at_most={"inadequate": 0}),
            Rule("requires_improvement", at_most={"inadequate": max(1, n // 4)}),
        ],
        provenance=MODELLED,
    )


_METHODS = [
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


def _crafted_aggregation(kind: int, members: list[Criterion]) -> Aggregation:
    """One of the crafted framework's four methods in turn (``tests/crafted/make_crafted.py``)."""
    if kind == 0:
        return _rules_for(members)
    if kind == 1:
        return Aggregation(Method.BEST_FIT, share=0.5, provenance=MODELLED)
    if kind == 2:
        return Aggregation(Method.SECURE_FIT, provenance=MODELLED)
    return _METHODS[2]


def make_crafted(size: int, seed: int) -> Framework:
    """The crafted framework's shape with *size* criteria (see the module docstring)."""
    rng = random.Random(seed)
    judgements = max(2, min(20, size // 4))
    built = []
    number = 0
    for j in range(judgements):
        count = max(1, size // judgements + (1 if j < size % judgements else 0))
        criteria = [make_criterion(rng, f"c{number + k}") for k in range(count)]
        number += count
        aggregation = _crafted_aggregation(j % 4, criteria)
        built.append(Judgement(f"j{j}", f"Judgement {j}", criteria, aggregation=aggregation))
    overall = Aggregation(
        Method.RULES,
        rules=[
            Rule(
                "outstanding",
                at_least={"outstanding": max(1, judgements // 2)},
                none_below="good",
            ),
            Rule(
                "good",
                at_least={"good": max(1, (3 * judgements) // 4)},
                at_most={"inadequate": 0},
            ),
            Rule("requires_improvement", at_most={"inadequate": max(1, (3 * judgements) // 20)}),
        ],
        provenance=MODELLED,
    )
    caps = [
        Cap(
            f"chain_{k}",
            when=built[k].id,
            at_or_below="requires_improvement",
            limits=built[k + 1].id,
            to="requires_improvement",
            provenance=MODELLED,
        )
        for k in range(min(judgements - 1, judgements // 2))
    ]
    checks = [
        (c.id, j) for j, jd in enumerate(built) for c in jd.criteria if c.measure is Measure.CHECK
    ]
    caps += [
        Cap(
            f"check_{k}",
            when=cid,
            not_met=True,
            limits=built[(j + 2) % judgements].id,
            to="requires_improvement",
            provenance=MODELLED,
        )
        for k, (cid, j) in enumerate(checks[: judgements // 2])
    ]
    return Framework(
        "bench_crafted",
        "Benchmark framework (crafted shape)",
        "1",
        SCALE,
        built,
        overall,
        caps=caps,
        missing=MissingPolicy.EXCLUDE,
    )


def make_framework(family: str, size: int, seed: int) -> Framework:
    """A framework of *family* with *size* criteria."""
    if family == "crafted":
        return make_crafted(size, seed)
    rng = random.Random(seed)
    judgements = max(2, size // 5) if family == "many" else 4
    built = []
    number = 0
    for j in range(judgements):
        count = max(1, size // judgements + (1 if j < size % judgements else 0))
        criteria = [make_criterion(rng, f"c{number + k}") for k in range(count)]
        number += count
        if family == "rules":
            aggregation = _rules_for(criteria)
        elif family == "many":
            aggregation = [*_METHODS[:2], _rules_for(criteria)][j % 3]
        else:
            aggregation = _METHODS[j % len(_METHODS)]
        built.append(Judgement(f"j{j}", f"Judgement {j}", criteria, aggregation=aggregation))
    if family == "many":
        overall = Aggregation(Method.BEST_FIT, share=0.75, provenance=MODELLED)
    else:
        overall = Aggregation(
            Method.RULES,
            rules=[
                Rule("outstanding", minimum={"j0": "outstanding"}, none_below="good"),
                Rule("good", none_below="good"),
                Rule("requires_improvement", at_most={"inadequate": 1}),
            ],
            provenance=MODELLED,
        )
    # Caps on checks: in the first two checks' judgements... limiting the last judgement (as
    # the bundled framework does); in the "many" family, a check every fourth judgement
    # limits its own judgement.
    checks = [(c.id, j.id) for j in built for c in j.criteria if c.measure is Measure.CHECK]
    if family == "many":
        watched = [(cid, jid) for cid, jid in checks if int(jid[1:]) % 4 == 2]
        watched = list({jid: (cid, jid) for cid, jid in watched}.values())
    else:
        watched = [(cid, built[-1].id) for cid, _ in checks[:2]]
    caps = [
        Cap(
            f"cap_{k}",
            when=cid,
            limits=limited,
            to="requires_improvement",
            not_met=True,
            provenance=MODELLED,
        )
        for k, (cid, limited) in enumerate(watched)
    ]
    if family == "many":
        for k in range(0, judgements - 1, 4):
            caps.append(
                Cap(
                    f"chain_{k}",
                    when=built[k].id,
                    limits=built[k + 1].id,
                    to="requires_improvement",
                    at_or_below="inadequate",
                    provenance=MODELLED,
                )
            )
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
    missing = MissingPolicy.EXCLUDE if family == "exclude" else MissingPolicy.WORST
    return Framework(
        f"bench_{family}",
        "Benchmark framework",
        "1",
        SCALE,
        built,
        overall,
        caps=caps,
        missing=missing,
    )


def make_evidence(
    framework: Framework, rng: random.Random, absent: float, weak_share: float = 0.25
) -> Evidence:
    """Evidence mostly at Good with a share of weaker values, fresh numbers every call."""
    entries = {}
    for criterion in framework.criteria():
        if rng.random() < absent:
            continue
        weak = rng.random() < weak_share
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


CLOCK: Callable[[], float] = time.process_time
"""The clock timings read: this process's CPU time unless ``--clock wall`` is given."""


def timed(action: Callable[[], object]) -> tuple[float, object]:
    start = CLOCK()
    result = action()
    return CLOCK() - start, result


def below_good(
    framework: Framework, rng: random.Random, absent: float, weak_share: float
) -> tuple[float, inspectkit.Assessment]:
    """Fresh evidence whose overall grade is below Good, and its assessment's time.

    The time is of the first assessment of those values, so no memo can have seen them.
    """
    good = framework.grade("good").rank
    for _ in range(400):
        evidence = make_evidence(framework, rng, absent, weak_share)
        seconds, assessment = timed(lambda e=evidence: inspectkit.assess(framework, e))
        assert isinstance(assessment, inspectkit.Assessment)
        grade = assessment.grade
        if grade is not None and grade.rank > good:
            return seconds, assessment
    raise SystemExit(f"no evidence below Good for {framework.id}")


GAP_FIELDS = tuple(field.name for field in attrs.fields(inspectkit.Gap))
"""Every field of a gap, by name, looked up once (as a report names the fields it prints)."""


def read_gaps(gaps: Sequence[inspectkit.Gap]) -> Sequence[inspectkit.Gap]:
    """Read every field of every gap, as a report does: gap objects fill themselves lazily.

    The names are `GAP_FIELDS`, not ``attrs.fields(type(gap))`` per gap: that call is the
    harness's work, not the library's, and no report makes it: at 1k criteria it added 0.2-0.5x
    an assessment to a gap list read in full (250-500 gaps).
    """
    for gap in gaps:
        for name in GAP_FIELDS:
            getattr(gap, name)
    return gaps


def read_what_if(assessment: inspectkit.Assessment, change: dict[str, Any]) -> inspectkit.WhatIf:
    """Return the what-if of *change* with the gaps it closes and opens read, as a report does."""
    what_if = assessment.what_if(change, target="good")
    _ = what_if.gaps_closed, what_if.gaps_opened
    return what_if


def measure(family: str, size: int, units: int, rounds: int) -> dict[str, object]:
    """The ratios for one family and size."""
    framework = make_framework(family, size, seed=size)
    absent = {"exclude": 0.2, "crafted": 1 / 3}.get(family, 0.0)
    weak_share = 0.25
    rng = random.Random(size * 7 + len(family))
    ratios: dict[str, list[float]] = {"lift": [], "gaps": [], "what-if": []}
    assess_times: list[float] = []
    minimal = 0
    plans = 0
    changes = 0
    operations = list(ratios)
    # Compiled once, untimed: the first assessment of a framework compiles it, which no
    # later one pays and would make that round's ratios look small.
    inspectkit.assess(framework, make_evidence(framework, rng, absent, weak_share))
    for round_number in range(rounds):
        for _ in range(units):
            base, assessment = below_good(framework, rng, absent, weak_share)
            assess_times.append(base)
            order = operations[round_number % 3 :] + operations[: round_number % 3]
            for operation in order:
                # Each operation gets its own assessment of the same evidence (untimed), so
                # that no plan remembered for one operation serves another.
                fresh = inspectkit.assess(framework, assessment.evidence)
                if operation == "lift":
                    seconds, plan = timed(lambda a=fresh: a.lift_plan("good"))
                    assert isinstance(plan, inspectkit.LiftPlan)
                    plans += 1
                    minimal += bool(plan.minimal)
                    changes += len(plan)
                elif operation == "gaps":
                    seconds, _ = timed(lambda a=fresh: read_gaps(a.gaps("good")))
                else:
                    first = inspectkit.assess(framework, assessment.evidence).gaps("good")[0]
                    change = {first.criterion: first.target_value}
                    seconds, _ = timed(lambda a=fresh, c=change: read_what_if(a, c))
                ratios[operation].append(seconds / base)
    return {
        "assess": statistics.median(assess_times),
        "ratios": ratios,
        "minimal": (minimal, plans),
        "changes": changes / plans,
    }


def search(family: str, size: int, draws: int) -> tuple[int, int, int, float]:
    """Plan *draws* fresh evidence sets to Good: (minimal, with a judgement ungraded, most
    nodes, largest plan time over its assessment's).

    Half the sets have the family's share of evidence absent, half a larger one (0.6 where
    the family leaves evidence absent), which leaves judgements ungraded more often.
    """
    framework = make_framework(family, size, seed=size)
    absent = {"exclude": 0.2, "crafted": 1 / 3}.get(family, 0.0)
    rng = random.Random(size * 11 + len(family) + 1)
    good = framework.grade("good")
    minimal = ungraded = nodes = 0
    ratio = 0.0
    # Compiled and its option rows worked out once, untimed, as in `measure`: no later plan
    # pays for them.
    _lift._decide(_lift._Planner(below_good(framework, rng, absent, 0.25)[1]), OVERALL, good)
    for k in range(draws):
        share = absent if k % 2 == 0 or absent == 0.0 else 0.6
        base, assessment = below_good(framework, rng, share, 0.25)
        planner = _lift._Planner(assessment)
        seconds, decision = timed(lambda p=planner: _lift._decide(p, OVERALL, good))
        assert isinstance(decision, _lift._Decision)
        minimal += decision.minimal
        ungraded += any(rank is None for rank in planner.base.judgement_point)
        nodes = max(nodes, planner.nodes)
        ratio = max(ratio, seconds / base)
    return minimal, ungraded, nodes, ratio


def main() -> None:
    """Run the benchmark and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 5000])
    parser.add_argument("--families", nargs="+", default=list(FAMILIES), choices=FAMILIES)
    parser.add_argument("--units", type=int, default=3, help="evidence sets per round")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    parser.add_argument(
        "--clock",
        choices=("cpu", "wall"),
        default="cpu",
        help="time CPU used by this process (default: on a shared machine wall time also "
        "counts other processes' turns) or wall time",
    )
    parser.add_argument(
        "--quick", action="store_true", help="--sizes 10 100 1000 --units 2 --rounds 2"
    )
    parser.add_argument(
        "--search",
        type=int,
        default=0,
        metavar="N",
        help="also plan N more evidence sets per family and size, untimed against each "
        "other, and print how many plans were proven minimal",
    )
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.units, args.rounds = [10, 100, 1000], 2, 2
    global CLOCK  # noqa: PLW0603 - the one setting of the clock, before anything is timed
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter
    print(
        f"ratio to one assessment of the same evidence: median [lowest-highest] over "
        f"{args.units} evidence sets x {args.rounds} interleaved rounds"
    )
    for family in args.families:
        print(f"\nfamily {family}")
        print(
            f"{'criteria':>8} {'assess ms':>10} {'lift plan':>20} {'gap list':>20} "
            f"{'what-if':>20} {'minimal':>8} {'changes':>8}"
        )
        previous: tuple[int, dict[str, float]] | None = None
        growth_lines = []
        search_lines: list[str] = []
        for size in args.sizes:
            got = measure(family, size, args.units, args.rounds)
            ratios = got["ratios"]
            assert isinstance(ratios, dict)
            cells = []
            medians = {}
            for operation in ("lift", "gaps", "what-if"):
                values = ratios[operation]
                medians[operation] = statistics.median(values)
                cells.append(
                    f"{medians[operation]:>6.1f}x [{min(values):.1f}-{max(values):.1f}]".rjust(20)
                )
            done, total = got["minimal"]  # type: ignore[misc]
            assess_ms = float(got["assess"]) * 1000  # type: ignore[arg-type]
            print(
                f"{size:>8} {assess_ms:>10.2f} {''.join(cells)} "
                f"{f'{done}/{total}':>8} {float(got['changes']):>8.1f}"  # type: ignore[arg-type]
            )
            if previous is not None:
                tens = math.log10(size / previous[0])
                growth = {
                    operation: (medians[operation] / previous[1][operation]) ** (1 / tens)
                    for operation in medians
                }
                growth_lines.append(
                    f"  {previous[0]} -> {size}: ratio grows per 10x: "
                    + ", ".join(f"{op} {value:.2f}x" for op, value in growth.items())
                )
            previous = (size, medians)
            if args.search:
                found = search(family, size, args.search)
                search_lines.append(
                    f"  {size}: search over {args.search} more sets: minimal {found[0]}/"
                    f"{args.search} ({found[1]} with a judgement ungraded), most nodes "
                    f"{found[2]}, largest plan {found[3]:.1f}x its assessment"
                )
        for line in growth_lines + search_lines:
            print(line)


if __name__ == "__main__":
    main()
