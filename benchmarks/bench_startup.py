"""Time the command line's start against a bare interpreter, interleaved, medians and ranges.

Each round runs, in turn and in a fresh process each: ``python -c pass`` (the floor: starting
Python at all), ``python -c "import attrs"`` (the floor of any start that builds a model: attrs
is a required dependency, and a plain assessment then defines some eighty attrs classes, each
compiling its generated methods), ``python -c "import inspectkit"`` and ``python -m inspectkit
assess FILE`` on a bundled example (the whole job: import, load the framework and the evidence,
assess, print the text report). Rounds interleave the four, so a busy machine slows all of them
alike, and the figures are medians over the rounds with their ranges. Aim (issue 15):
``assess`` at most 6x ``python -c pass``.

Installed packages have their bytecode compiled (pip compiles it at install), so the runs here
do too: the child processes run without ``PYTHONDONTWRITEBYTECODE`` and the untimed warm-up
round writes the ``__pycache__`` files. With that variable set (as on some CI machines) every
start recompiles the package from source and takes about twice as long.

No timing is asserted anywhere; the ratios are what to watch between versions.

    python benchmarks/bench_startup.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "riverside-2026-06.toml"

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "import attrs": [sys.executable, "-c", "import attrs"],
    "import inspectkit": [sys.executable, "-c", "import inspectkit"],
    "inspectkit assess FILE": [sys.executable, "-m", "inspectkit", "assess", str(EXAMPLE)],
}


ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def run_once(command: list[str]) -> float:
    """Return the wall time of one run of *command*, which must succeed."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=ENVIRONMENT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for command in COMMANDS.values():  # warm the file cache once, untimed
        run_once(command)
    for _ in range(rounds):
        for name, command in COMMANDS.items():
            times[name].append(run_once(command))
    floor = statistics.median(times["python -c pass"])
    print(f"{'command':<24} {'median ms':>10} {'range ms':>15} {'x python -c pass':>17}")
    for name, values in times.items():
        median = statistics.median(values)
        spread = f"{min(values) * 1e3:.0f}-{max(values) * 1e3:.0f}"
        print(f"{name:<24} {median * 1e3:>10.1f} {spread:>15} {median / floor:>17.2f}")
    print("aim: inspectkit assess FILE <= 6x python -c pass")


if __name__ == "__main__":
    main()
