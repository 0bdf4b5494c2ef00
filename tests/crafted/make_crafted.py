"""Write the crafted framework of issue 13 ("a 16 KB crafted framework, 80 criteria, 20 caps")
and a unit's evidence for it: the shape that made the lift-plan search exponential.

Twenty judgements of four criteria (rules with a named criterion, best fit, secure fit and
percent bands in turn), an overall grade by rules on counts of judgement grades, ten caps
chaining each of the first eleven judgements to the next, ten caps on checks limiting the
judgement two along, and ``missing = "exclude"`` with a third of the evidence absent, so that
unknown members are assumed in line with the others.

    python tests/crafted/make_crafted.py     # rewrites the two TOML files next to it
"""

from __future__ import annotations

import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
GRADES = ("outstanding", "good", "requires_improvement", "inadequate")
PROVENANCE = '{ basis = "modelled" }'


def criterion(rng: random.Random, cid: str) -> tuple[str, str]:
    """The TOML of one criterion, and its measure."""
    measure = ("proportion", "quantity", "check", "rating")[rng.randrange(4)]
    lines = ["[[judgements.criteria]]", f'id = "{cid}"', f'title = "{cid}"']
    lines.append(f'measure = "{measure}"')
    lines.append(f"weight = {rng.choice([1, 1, 2])}")
    lines.append(f"provenance = {PROVENANCE}")
    if measure == "proportion":
        lines.append("thresholds = { outstanding = 0.9, good = 0.65, requires_improvement = 0.4 }")
    elif measure == "quantity":
        lines.append('direction = "lower"')
        lines.append("thresholds = { outstanding = 5, good = 12, requires_improvement = 20 }")
    elif measure == "check":
        lines.append('not_met = "requires_improvement"')
    return "\n".join(lines), measure


def aggregation(kind: int, first: str) -> str:
    """The TOML of a judgement's aggregation, one of four methods in turn."""
    if kind == 0:
        return "\n".join(
            [
                "[judgements.aggregation]",
                'method = "rules"',
                f"provenance = {PROVENANCE}",
                "[[judgements.aggregation.rules]]",
                'grade = "outstanding"',
                "at_least = { outstanding = 2 }",
                'none_below = "good"',
                f'minimum = {{ {first} = "outstanding" }}',
                "[[judgements.aggregation.rules]]",
                'grade = "good"',
                "at_least = { good = 3 }",
                "at_most = { inadequate = 0 }",
                "[[judgements.aggregation.rules]]",
                'grade = "requires_improvement"',
                "at_most = { inadequate = 1 }",
            ]
        )
    if kind == 1:
        return (
            f'[judgements.aggregation]\nmethod = "best_fit"\nshare = 0.5\nprovenance = {PROVENANCE}'
        )
    if kind == 2:
        return f'[judgements.aggregation]\nmethod = "secure_fit"\nprovenance = {PROVENANCE}'
    return "\n".join(
        [
            "[judgements.aggregation]",
            'method = "percent_bands"',
            f"provenance = {PROVENANCE}",
            "points = { outstanding = 3, good = 2, requires_improvement = 1, inadequate = 0 }",
            "bands = { outstanding = 85, good = 60, requires_improvement = 35 }",
        ]
    )


def framework(rng: random.Random) -> tuple[str, dict[str, str]]:
    """The framework's TOML, and each criterion's measure."""
    parts = [
        'id = "crafted_80_20"',
        'title = "A crafted framework: 80 criteria, 20 caps"',
        'version = "1"',
        'missing = "exclude"',
        'description = "Crafted to stress the lift-plan search (issue 13); not a real framework."',
    ]
    for grade in GRADES:
        label = grade.replace("_", " ").capitalize()
        parts.append(f'[[grades]]\nid = "{grade}"\nlabel = "{label}"')
    measures: dict[str, str] = {}
    checks: list[tuple[str, int]] = []
    for j in range(20):
        ids = [f"c{4 * j + k}" for k in range(4)]
        parts.append(f'[[judgements]]\nid = "j{j}"\ntitle = "Judgement {j}"')
        parts.append(aggregation(j % 4, ids[0]))
        for cid in ids:
            text, measure = criterion(rng, cid)
            measures[cid] = measure
            if measure == "check":
                checks.append((cid, j))
            parts.append(text)
    parts += [
        "[overall]",
        'method = "rules"',
        f"provenance = {PROVENANCE}",
        "[[overall.rules]]",
        'grade = "outstanding"',
        "at_least = { outstanding = 10 }",
        'none_below = "good"',
        "[[overall.rules]]",
        'grade = "good"',
        "at_least = { good = 15 }",
        "at_most = { inadequate = 0 }",
        "[[overall.rules]]",
        'grade = "requires_improvement"',
        "at_most = { inadequate = 3 }",
    ]
    for k in range(10):
        parts.append(
            "\n".join(
                [
                    "[[caps]]",
                    f'id = "chain_{k}"',
                    f'when = "j{k}"',
                    'at_or_below = "requires_improvement"',
                    f'limits = "j{k + 1}"',
                    'to = "requires_improvement"',
                    f"provenance = {PROVENANCE}",
                ]
            )
        )
    for k, (cid, j) in enumerate(checks[:10]):
        parts.append(
            "\n".join(
                [
                    "[[caps]]",
                    f'id = "check_{k}"',
                    f'when = "{cid}"',
                    "not_met = true",
                    f'limits = "j{(j + 2) % 20}"',
                    'to = "requires_improvement"',
                    f"provenance = {PROVENANCE}",
                ]
            )
        )
    return "\n".join(parts) + "\n", measures


def evidence(rng: random.Random, measures: dict[str, str]) -> str:
    """A unit's evidence: a third absent, a quarter of the rest weak."""
    lines = [
        'framework = "crafted-80-criteria-20-caps.toml"',
        'unit = "Crafted unit"',
        "",
        "[evidence]",
    ]
    for cid, measure in measures.items():
        if rng.random() < 1 / 3:
            continue
        weak = rng.random() < 0.25
        if measure == "proportion":
            value = f"{rng.uniform(0.45, 0.64) if weak else rng.uniform(0.65, 0.95):.2f}"
        elif measure == "quantity":
            value = f"{rng.uniform(12.5, 19.0) if weak else rng.uniform(2.0, 12.0):.1f}"
        elif measure == "check":
            value = "false" if weak else "true"
        else:
            value = '"requires_improvement"' if weak else f'"{rng.choice(["good", "outstanding"])}"'
        lines.append(f"{cid} = {value}")
    return "\n".join(lines) + "\n"


def main(directory: Path = HERE) -> None:
    """Write the framework and the unit's evidence into *directory*."""
    rng = random.Random(13)
    text, measures = framework(rng)
    (directory / "crafted-80-criteria-20-caps.toml").write_text(text, encoding="utf-8")
    (directory / "crafted-unit.toml").write_text(evidence(rng, measures), encoding="utf-8")


if __name__ == "__main__":
    main()
