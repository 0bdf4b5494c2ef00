"""Time the command line's start against a bare interpreter, interleaved, medians and ranges.

Each round runs, in turn and in a fresh process each: ``python -c pass`` (the floor: starting
Python at all), ``python -c "import attrs"`` (the floor of any start that builds a model: attrs
is a required dependency, and a plain assessment then defines some forty-five attrs classes, each
compiling its generated methods), ``python -c "import inspectkit"`` and ``python -m inspectkit
assess FILE`` on a bundled example (the whole job: import, load the framework and the evidence,
assess, print the text report), and the same through the installed ``inspectkit`` command
beside the interpreter, when there is one (``python -m`` imports `runpy` and `importlib.util`
first, the command a regular expression for its name). Rounds interleave them, so a busy
machine slows all of them alike, and the figures are medians over the rounds with their
ranges. Each round runs them in a new order (shuffled, with a fixed seed), so no command
always runs first, last or right after the same other one: in one fixed order, four runs in a
row gave the baseline's slot a 3-7% lower median, whichever copy was in it. Aim (issue 15):
``assess`` at most 6x ``python -c pass``.

Installed packages have their bytecode compiled (pip compiles it at install), so the runs here
do too: the child processes run without ``PYTHONDONTWRITEBYTECODE`` and the untimed warm-up
round writes the ``__pycache__`` files. With that variable set (as on some CI machines) every
start recompiles the package from source and takes about twice as long.

Times are the CPU time (user and system) each child process used, read from the operating
system when it ends, unless ``--clock wall`` is given: on a machine shared with other work the
wall time of a 20 ms process mostly measures the queue for a core, its CPU time does not.

``--baseline SRC`` also runs ``import inspectkit`` and the assessment with another copy of the
package first on the path, in the same rounds, so before and after are measured side by side
under the same load. ``SRC`` is the directory that holds its ``inspectkit``; the bundled
frameworks must sit beside it, as in a checkout: ``git archive OLD src frameworks | tar -x -C
/tmp/old``, then ``--baseline /tmp/old/src``.

``--stages`` times, instead, where the command's time goes: the same rounds over a ladder of
``python -c`` programs, each doing what the one before did and one more step of the command
(its start and attrs, each model module, the loaders, scoring, the gap list and lift plan, the
text report, loading the bundled framework, and last the whole command, run in-process by
`inspectkit.cli.main`). Each starts as the command does (`inspectkit.cli.start_collector`) and
ends as it does (`gc.freeze`), and imports only modules the command itself loads
(``tests/test_startup.py`` checks that), so the steps add up to the command, run from ``-c``
rather than ``-m``. Each step prints its median increment, in milliseconds and in units of
``python -c pass``: what is left between the command and the aim, step by step.

No timing is asserted anywhere; the ratios are what to watch between versions.

    python benchmarks/bench_startup.py [--rounds 15] [--clock cpu|wall] [--baseline SRC | --stages]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "riverside-2026-06.toml"

SCRIPT = Path(sys.executable).with_name("inspectkit")
"""The installed command, beside the interpreter (a virtual environment's ``bin``)."""

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "import attrs": [sys.executable, "-c", "import attrs"],
    "import inspectkit": [sys.executable, "-c", "import inspectkit"],
    "inspectkit assess FILE": [sys.executable, "-m", "inspectkit", "assess", str(EXAMPLE)],
}
if SCRIPT.is_file():
    COMMANDS["the command: assess FILE"] = [str(SCRIPT), "assess", str(EXAMPLE)]


ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}

STEPS = (
    ("the command's start and attrs", "import attrs"),
    ("the models: errors", "import inspectkit.errors"),
    ("the models: grades", "import inspectkit.grades"),
    ("the models: rubric (with _rubric)", "import inspectkit.rubric"),
    ("the models: evidence", "import inspectkit.evidence"),
    ("the models: results (with _results.statuses)", "import inspectkit.results"),
    ("the loaders and tomli", "import inspectkit.loading._framework, inspectkit.loading._evidence"),
    ("scoring", "import inspectkit.scoring._assess"),
    (
        "the gap list and lift plan",
        "import inspectkit.gaps, inspectkit.scoring._probes, inspectkit.scoring._lift",
    ),
    ("the text report and assess", "import inspectkit.render.text, inspectkit.cli._assess"),
    ("load the framework", "inspectkit.loading.load_framework('ofsted_childrens_centres_2014')"),
    ("the rest (evidence, assess, report)", f"inspectkit.cli.main(['assess', {str(EXAMPLE)!r}])"),
)
"""The steps of ``inspectkit assess FILE`` that ``--stages`` adds one at a time, and their code.

The imports are of modules the command loads (``tests/test_startup.py``); the framework loaded is
the one the example names, and the last step runs the command itself.
"""

START = "import gc\nimport inspectkit.cli\ninspectkit.cli.start_collector()\n"
END = "\ngc.freeze()\n"
"""What every stage does first and last, as the command does (`inspectkit.cli.run`)."""


def stages() -> dict[str, list[str]]:
    """Return each stage's name -> its command: ``python -c pass``, then one more step each."""
    found = {"python -c pass": COMMANDS["python -c pass"]}
    done: list[str] = []
    for name, code in STEPS:
        done.append(code)
        found[f"+ {name}"] = [sys.executable, "-c", START + "\n".join(done) + END]
    return found


def children_cpu() -> float:
    """Return the CPU time (user and system) of every child process ended so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(command: list[str], environment: dict[str, str], *, clock: str) -> float:
    """Return the CPU (or wall) time of one run of *command*, which must succeed."""
    start_cpu, start_wall = children_cpu(), time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=environment)
    if clock == "wall":
        return time.perf_counter() - start_wall
    return children_cpu() - start_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu", help="CPU or wall time")
    parser.add_argument(
        "--baseline", type=Path, help="also time this copy of the package (the directory above it)"
    )
    parser.add_argument(
        "--stages", action="store_true", help="time the command step by step instead"
    )
    args = parser.parse_args()
    if args.stages and args.baseline is not None:
        parser.error("--stages times this copy only: give it without --baseline")
    commands = stages() if args.stages else COMMANDS
    runs = {name: (command, ENVIRONMENT) for name, command in commands.items()}
    if args.baseline is not None:
        source = str(args.baseline.resolve())
        if not (Path(source) / "inspectkit" / "__init__.py").is_file():
            parser.error(f"{source} holds no inspectkit package")
        old = {**ENVIRONMENT, "PYTHONPATH": source}
        runs["import inspectkit (baseline)"] = (COMMANDS["import inspectkit"], old)
        runs["assess FILE (baseline)"] = (COMMANDS["inspectkit assess FILE"], old)
        if "the command: assess FILE" in COMMANDS:
            runs["the command (baseline)"] = (COMMANDS["the command: assess FILE"], old)
    times: dict[str, list[float]] = {name: [] for name in runs}
    for command, environment in runs.values():  # warm the file cache and bytecode, untimed
        run_once(command, environment, clock=args.clock)
    order = list(runs)
    shuffle = random.Random(15).shuffle  # a fixed seed: the same orders on every run
    for _ in range(args.rounds):
        shuffle(order)  # no command always runs first, last or after the same other one
        for name in order:
            command, environment = runs[name]
            times[name].append(run_once(command, environment, clock=args.clock))
    floor = statistics.median(times["python -c pass"])
    unit = "CPU" if args.clock == "cpu" else "wall"
    if args.stages:
        print_stages(times, floor, unit)
        return
    print(f"{'command':<30} {unit + ' median ms':>14} {'range ms':>11} {'x python -c pass':>17}")
    for name, values in times.items():
        median = statistics.median(values)
        spread = f"{min(values) * 1e3:.0f}-{max(values) * 1e3:.0f}"
        print(f"{name:<30} {median * 1e3:>14.1f} {spread:>11} {median / floor:>17.2f}")
    print("aim: inspectkit assess FILE <= 6x python -c pass")


def print_stages(times: dict[str, list[float]], floor: float, unit: str) -> None:
    """Print each stage's median, its range and what its step added, beside the aim."""
    print(
        f"{'stage':<48} {unit + ' median ms':>14} {'range ms':>9} {'step ms':>8} "
        f"{'step x pass':>12}"
    )
    before = None
    for name, values in times.items():
        median = statistics.median(values)
        spread = f"{min(values) * 1e3:.0f}-{max(values) * 1e3:.0f}"
        step = (
            ""
            if before is None
            else f"{(median - before) * 1e3:8.1f} {(median - before) / floor:12.2f}"
        )
        print(f"{name:<48} {median * 1e3:>14.1f} {spread:>9} {step}")
        before = median
    assert before is not None
    print(
        f"aim: 6x python -c pass = {6 * floor * 1e3:.1f} ms; the command's steps, run from -c, "
        f"come to {before * 1e3:.1f} ms ({before / floor:.2f}x)"
    )


if __name__ == "__main__":
    main()
