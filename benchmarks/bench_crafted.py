"""Time ``inspectkit assess --target`` on the crafted framework of issue 13 (80 criteria, 20 caps).

Issue 13 reports that a 16 KB crafted framework of 80 criteria and 20 caps took 37 s to assess
with ``--target``; its "done when" asks for under 1 s. ``tests/crafted/`` holds a framework of
that shape (see ``tests/crafted/make_crafted.py``: twenty judgements, rules on counts for the
overall grade, caps chaining judgements and on checks, absent evidence excluded) and a unit's
evidence. The script times, interleaved round by round:

- ``cli``: ``python -m inspectkit assess crafted-unit.toml --target good`` in a fresh process
  (wall time, interpreter start and imports included: what a user waits for);
- ``in-process``: the same command through ``inspectkit.cli.main``, framework and evidence
  loaded afresh each time (the compiled framework and the plans are not shared between rounds,
  because each round loads a new framework object);
- ``python -c pass``: the interpreter alone, for scale.

Installed packages have their bytecode compiled (pip compiles it at install), so, as
``bench_startup.py`` does, the child processes run without ``PYTHONDONTWRITEBYTECODE`` and an
untimed warm-up round writes the ``__pycache__`` files first.

It prints the median and the range (lowest-highest) of each and whether the plan was proven
minimal (it is since the search by counts: nine changes; the budgeted branch and bound before
it stopped at eleven, not proven). No timing is asserted anywhere.

    python benchmarks/bench_crafted.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import inspectkit
from inspectkit.cli import main as cli_main
from inspectkit.loading import load_evidence, load_framework

ROOT = Path(__file__).resolve().parent.parent
CRAFTED = ROOT / "tests" / "crafted"
UNIT = CRAFTED / "crafted-unit.toml"
FRAMEWORK = CRAFTED / "crafted-80-criteria-20-caps.toml"
COMMAND = ["assess", str(UNIT), "--target", "good"]
ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def in_process() -> float:
    """One ``assess --target good`` through the CLI's main, in this process."""
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        cli_main(COMMAND)
    return time.perf_counter() - start


def fresh_process(arguments: list[str]) -> float:
    """One run of ``python`` with *arguments* in a new process, wall time."""
    start = time.perf_counter()
    subprocess.run([sys.executable, *arguments], check=False, capture_output=True, env=ENVIRONMENT)
    return time.perf_counter() - start


def main() -> None:
    """Run the rounds and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    timings: dict[str, list[float]] = {"cli": [], "in-process": [], "python -c pass": []}
    actions = {
        "cli": lambda: fresh_process(["-m", "inspectkit", *COMMAND]),
        "in-process": in_process,
        "python -c pass": lambda: fresh_process(["-c", "pass"]),
    }
    names = list(actions)
    for name in names:  # warm-up, untimed: writes the bytecode
        actions[name]()
    for round_number in range(args.rounds):
        order = names[round_number % 3 :] + names[: round_number % 3]
        for name in order:
            timings[name].append(actions[name]())
    framework = load_framework(FRAMEWORK)
    plan = inspectkit.assess(framework, load_evidence(UNIT, framework=framework)).lift_plan("good")
    print(
        f"inspectkit assess {UNIT.relative_to(ROOT)} --target good "
        f"({FRAMEWORK.stat().st_size / 1000:.1f} KB framework, 80 criteria, 20 caps); "
        f"{args.rounds} interleaved rounds"
    )
    for name, values in timings.items():
        print(
            f"  {name:<16} median {statistics.median(values):.3f} s "
            f"[{min(values):.3f}-{max(values):.3f}]"
        )
    print(
        f"  lift plan: {len(plan)} changes, minimal={plan.minimal}"
        f"{'' if plan.minimal else ' (the report says the search stopped at its work limit)'}"
    )
    print("  aim (issue 13): under 1 s with --target")


if __name__ == "__main__":
    main()
