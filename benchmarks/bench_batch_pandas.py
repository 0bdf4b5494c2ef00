"""inspectkit batch against a vectorised pandas script of the same rules, 30,000 units.

What is compared, and how:

- *inspectkit*: ``inspectkit batch TABLE --framework ofsted_childrens_centres_2014 -o OUT`` in a
  fresh Python process (streamed input, graded in columns where numpy is installed);
- *pandas*: a script written for this framework alone, in a fresh process: ``pd.read_csv``,
  the cell forms the table holds (``0.734``, ``73.4%``, ``412/702``, ``yes`` / ``no``, grade
  ids, empty) parsed with vectorised string ops, ``np.select`` on each criterion's thresholds,
  weighted best fit per judgement, the caps, the overall rules, coverage, ``to_csv``. It knows
  nothing of inspectkit: the thresholds, weights, caps and rules are the compiled framework's
  numbers, handed to it as JSON, so both apply the same rules. It handles only what this
  framework and this table use (best fit, ``rules`` overall, caps, absent cells under
  ``worst``); inspectkit handles every framework, every cell form, and checks every cell.

Both run from compiled bytecode, as installed packages do (see `run`), and each imports what
it uses before its "work" clock starts: inspectkit imports lazily, so its child imports the
batch command's modules and numpy first, as the pandas script imports pandas and numpy. The
fresh-process figure (wall time measured from outside: interpreter start, imports, reading,
grading, writing) and the process CPU figure (user and system time of the child) count
everything; "work only" is the wall time from the end of the imports to the output written,
and "work CPU" the process's CPU time over the same span (both sides read both clocks at the
same points: on a shared machine, wall time also counts the time other processes ran).
Each process reports its peak resident memory (``VmHWM``, its own high-water mark:
``ru_maxrss`` after a fork counts the parent's). Runs are interleaved (each round starts with
the next contender) and the medians and ranges printed. Before timing, the pandas output is
checked to give the same grades as inspectkit's (overall point, best and worst, each
judgement, coverage, caps fired), and inspectkit's CSV is checked to be byte-identical to
``assess_table(...).to_csv()``, which assesses row by row. With ``--baseline SRC`` another
inspectkit source tree is timed in the same rounds (before/after), its CSV checked identical.
No timing is asserted anywhere.

    python benchmarks/bench_batch_pandas.py [--units 30000] [--repeats 5] [--baseline SRC]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_batch import write_table

import inspectkit
from inspectkit.scoring._compile import BEST_FIT, CHECK, MEASURED, RULES, compiled_for

FRAMEWORK = "ofsted_childrens_centres_2014"

INSPECTKIT_CHILD = """
import json, sys, time
def peak_mib():
    # VmHWM is this process's own peak: ru_maxrss after fork and exec counts the parent's.
    with open("/proc/self/status", encoding='ascii') as status:
        for line in status:
            if line.startswith('VmHWM:'):
                return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

start = time.perf_counter()
from inspectkit.cli import main
# What the command imports on first use, imported before the clock starts, as the pandas
# script imports pandas and numpy: "work only" is then reading, grading and writing alone.
import importlib.util
import inspectkit.batch, inspectkit.cli._batch, inspectkit.render._data
if importlib.util.find_spec("numpy") is not None:
    import numpy
imported = time.perf_counter()
work_cpu = time.process_time()
main(["batch", sys.argv[1], "--framework", sys.argv[3], "-o", sys.argv[2]])
done = time.perf_counter()
work_cpu = time.process_time() - work_cpu
print(json.dumps({"import": imported - start, "work": done - imported, "work_cpu": work_cpu,
                  "peak_mib": peak_mib()}))
"""

PANDAS_SCRIPT = r"""
import json, sys, time
def peak_mib():
    # VmHWM is this process's own peak: ru_maxrss after fork and exec counts the parent's.
    with open("/proc/self/status", encoding='ascii') as status:
        for line in status:
            if line.startswith('VmHWM:'):
                return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

start = time.perf_counter()
import numpy as np
import pandas as pd
imported = time.perf_counter()
work_cpu = time.process_time()

table, out, rules_file = sys.argv[1:4]
with open(rules_file, encoding="utf-8") as handle:
    R = json.load(handle)
grades = R["grades"]
G = len(grades)
frame = pd.read_csv(table, dtype=str, keep_default_na=False)
n = len(frame)
point, best, worst, known = {}, {}, {}, {}
for c in R["criteria"]:
    cells = frame[c["id"]].str.strip() if c["id"] in frame else pd.Series([""] * n)
    absent = (cells == "").to_numpy()
    if c["kind"] == "measured":
        text = cells.to_numpy(dtype=object)
        percent = cells.str.endswith("%").to_numpy()
        counts = cells.str.contains("/", regex=False).to_numpy()
        plain = ~(percent | counts | absent)
        x = np.full(n, np.nan)
        x[plain] = pd.to_numeric(cells[plain]).to_numpy()
        x[percent] = pd.to_numeric(cells[percent].str[:-1]).to_numpy() / 100
        parts = cells[counts].str.split("/", expand=True)
        if len(parts):
            x[counts] = (
                pd.to_numeric(parts[0]).to_numpy(dtype=float)
                / pd.to_numeric(parts[1]).to_numpy(dtype=float)
            )
        conditions = [(x >= v) if c["higher"] else (x <= v) for v, _ in c["thresholds"]]
        rank = np.select(conditions, [r for _, r in c["thresholds"]], c["floor"])
    elif c["kind"] == "check":
        lower = cells.str.lower()
        rank = np.where(lower.isin(["yes", "true", "met"]), c["met"], c["not_met"])
        for word, r in c["words"].items():
            rank = np.where(lower == word, r, rank)
    else:
        rank = cells.map({g: r for r, g in enumerate(grades)}).to_numpy()
    rank = np.where(absent, c["worst"], rank).astype(np.int8)
    point[c["index"]] = worst[c["index"]] = rank
    best[c["index"]] = np.where(absent, c["best"], rank).astype(np.int8)
    known[c["index"]] = ~absent

def best_fit(j, ranks):
    buckets = np.zeros((G, n))
    total = np.zeros(n)
    for m, w in zip(j["members"], j["weights"]):
        buckets[ranks[m], np.arange(n)] += w
        total += w
    need = j["share"] * total - 1e-9 * total
    reached = np.cumsum(buckets, axis=0)
    return np.argmax(reached >= need, axis=0).astype(np.int8)

J = {}
fired = np.zeros(n, dtype=np.int32)
for position in R["order"]:
    j = R["judgements"][position]
    p, b, w = best_fit(j, point), best_fit(j, best), best_fit(j, worst)
    for cap in j["caps"]:
        if cap["criterion"] >= 0:
            seen = [case[cap["criterion"]] for case in (point, best, worst)]
        else:
            seen = [J[case, cap["judgement"]] for case in range(3)]
        fires = (seen[0] >= cap["trigger"]) & (p <= cap["to"])
        fired += fires
        p = np.where(fires, cap["to"], p)
        b = np.where((seen[1] >= cap["trigger"]) & (b < cap["to"]), cap["to"], b)
        w = np.where((seen[2] >= cap["trigger"]) & (w < cap["to"]), cap["to"], w)
    J[0, position], J[1, position], J[2, position] = np.clip(p, b, w), b, w
judged = [[J[case, j] for j in range(len(R["judgements"]))] for case in range(3)]

def overall_rules(ranks):
    stacked = np.stack(ranks)
    counts = np.stack([(stacked == r).sum(axis=0) for r in range(G)])
    better = np.cumsum(counts, axis=0)
    worse = np.cumsum(counts[::-1], axis=0)[::-1]
    conditions = []
    for rule in R["overall"]:
        holds = np.ones(n, dtype=bool)
        for r, needed in rule["at_least"]:
            holds &= better[r] >= needed
        for r, allowed in rule["at_most"]:
            holds &= worse[r] <= allowed
        if 0 <= rule["none_below"] < G - 1:
            holds &= worse[rule["none_below"] + 1] == 0
        for m, r in rule["minimum"]:
            holds &= stacked[m] <= r
        conditions.append(holds)
    return np.select(conditions, [rule["rank"] for rule in R["overall"]], G - 1)

p, b, w = (overall_rules(judged[case]) for case in range(3))
for cap in R["overall_caps"]:
    seen = [judged[case][cap["judgement"]] for case in range(3)]
    fires = (seen[0] >= cap["trigger"]) & (p <= cap["to"])
    fired += fires
    p = np.where(fires, cap["to"], p)
    b = np.where((seen[1] >= cap["trigger"]) & (b < cap["to"]), cap["to"], b)
    w = np.where((seen[2] >= cap["trigger"]) & (w < cap["to"]), cap["to"], w)
p = np.clip(p, b, w)
weight_all = np.zeros(n)
weight_known = np.zeros(n)
for j in R["judgements"]:
    total = np.zeros(n)
    have = np.zeros(n)
    for m, weight in zip(j["members"], j["weights"]):
        total += weight
        have += np.where(known[m], weight, 0.0)
    weight_all += total
    weight_known += have
names = np.array(grades, dtype=object)
result = pd.DataFrame({
    "unit": frame["unit"],
    "date": frame["date"],
    "framework": R["framework"],
    "overall_grade": names[p],
    "overall_best": names[b],
    "overall_worst": names[w],
    "coverage": np.round(weight_known / weight_all, 4),
    "caps_fired": fired,
})
for j in R["judgements"]:
    result[j["id"]] = names[J[0, j["index"]]]
result.to_csv(out, index=False)
done = time.perf_counter()
work_cpu = time.process_time() - work_cpu
print(json.dumps({"import": imported - start, "work": done - imported, "work_cpu": work_cpu,
                  "peak_mib": peak_mib()}))
"""


def rules_json(framework_id: str) -> dict[str, Any]:
    """The compiled framework's numbers, for the pandas script (which imports no inspectkit)."""
    compiled = compiled_for(inspectkit.load_framework(framework_id))
    assert compiled.overall.aggregation.method == RULES
    criteria = []
    for c in compiled.criteria:
        kind = {MEASURED: "measured", CHECK: "check"}.get(c.kind, "rating")
        words = {word.lower(): compiled.ranks[grade] for word, grade in c.criterion.values.items()}
        criteria.append(
            {
                "id": c.criterion.id,
                "index": c.index,
                "kind": kind,
                "higher": c.higher,
                "thresholds": list(c.thresholds),
                "floor": c.floor,
                "met": c.met,
                "not_met": c.not_met,
                "words": words,
                "best": c.best,
                "worst": c.worst,
            }
        )

    def caps(caps: Any) -> list[dict[str, int]]:
        return [
            {
                "criterion": cap.criterion,
                "judgement": cap.judgement,
                "trigger": cap.trigger,
                "to": cap.to,
            }
            for cap in caps
        ]

    judgements = []
    for j in compiled.judgements:
        assert j.aggregation.method == BEST_FIT
        judgements.append(
            {
                "id": j.id,
                "index": j.index,
                "members": list(j.members),
                "weights": list(j.weights),
                "share": j.aggregation.share,
                "caps": caps(j.caps),
            }
        )
    return {
        "framework": compiled.framework_id,
        "grades": list(compiled.scale.ids),
        "criteria": criteria,
        "judgements": judgements,
        "order": list(compiled.order),
        "overall": [
            {
                "rank": rule.rank,
                "at_least": list(rule.at_least),
                "at_most": list(rule.at_most),
                "none_below": rule.none_below,
                "minimum": list(rule.minimum),
            }
            for rule in compiled.overall.aggregation.rules
        ],
        "overall_caps": caps(compiled.overall.caps),
    }


BYTECODE = Path(tempfile.gettempdir()) / "inspectkit-bench-pycache"
"""Where both sides' children keep their compiled modules (see `run`)."""


def run(command: list[str], source: str | None = None) -> dict[str, float]:
    """Run *command* in a fresh process: its wall seconds and the figures it reports.

    Both sides run from compiled bytecode, as installed packages do: the children write and
    read it under `BYTECODE` (``PYTHONPYCACHEPREFIX``), whatever ``PYTHONDONTWRITEBYTECODE``
    says, so the untimed first run of each compiles it. Without this, a source checkout
    under ``PYTHONDONTWRITEBYTECODE`` (as on the shared machine) compiled every inspectkit
    module in every timed run, while pandas and numpy read the bytecode their wheels installed.
    """
    env = {
        **os.environ,
        "INSPECTKIT_MAX_FILE_SIZE": str(1 << 30),
        "PYTHONPYCACHEPREFIX": str(BYTECODE),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if source is not None:  # another inspectkit source tree (--baseline)
        env["PYTHONPATH"] = source
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    out = child.stdout.read().decode() if child.stdout else ""
    err = child.stderr.read().decode() if child.stderr else ""
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{command[:3]} failed:\n{err}")
    reported = json.loads(out.strip().splitlines()[-1])
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, **reported}


def grades_of(path: Path) -> list[tuple[Any, ...]]:
    """The grade columns of a batch CSV, coverage as a number."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fixed = ("unit", "overall_grade", "overall_best", "overall_worst", "caps_fired")
    judgements = [key for key in rows[0] if key not in (*fixed, "date", "framework", "coverage")]
    return [
        (*(row[key] for key in fixed), float(row["coverage"]), *(row[j] for j in judgements))
        for row in rows
    ]


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):7.2f} ({min(values):.2f}-{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=30_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--baseline",
        metavar="SRC",
        help="also time inspectkit from another source tree (its src directory, with the "
        "bundled frameworks beside it as in a checkout), interleaved, for before/after",
    )
    args = parser.parse_args()
    framework = inspectkit.load_framework(FRAMEWORK)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        table = tmp / "units.csv"
        write_table(table, framework, args.units)
        rules = tmp / "rules.json"
        rules.write_text(json.dumps(rules_json(FRAMEWORK)), encoding="utf-8")
        script = tmp / "pandas_rules.py"
        script.write_text(PANDAS_SCRIPT, encoding="utf-8")
        ours = [sys.executable, "-c", INSPECTKIT_CHILD, str(table), str(tmp / "ik.csv"), FRAMEWORK]
        theirs = [sys.executable, str(script), str(table), str(tmp / "pd.csv"), str(rules)]
        before = [
            sys.executable,
            "-c",
            INSPECTKIT_CHILD,
            str(table),
            str(tmp / "bl.csv"),
            FRAMEWORK,
        ]
        size = table.stat().st_size / 1024 / 1024
        print(f"{args.units:,} units of {FRAMEWORK}, table {size:.1f} MiB, {args.repeats} rounds")
        contenders: list[tuple[str, list[str], str | None]] = [
            ("inspectkit", ours, None),
            ("pandas", theirs, None),
        ]
        if args.baseline:
            contenders.append(("baseline", before, os.path.abspath(args.baseline)))
        for _, command, source in contenders:
            run(command, source)  # untimed: also compiles each side's bytecode
        assert grades_of(tmp / "ik.csv") == grades_of(tmp / "pd.csv"), "pandas grades differ"
        print("   the pandas script gives inspectkit's grades on every unit")
        with inspectkit.read_limits(max_bytes=1 << 30):
            row_by_row = inspectkit.assess_table(framework, table).to_csv()
        assert (tmp / "ik.csv").read_text(encoding="utf-8") == row_by_row
        print("   inspectkit batch's CSV is byte-identical to assess_table's (row by row)")
        if args.baseline:
            assert (tmp / "bl.csv").read_bytes() == (tmp / "ik.csv").read_bytes()
            print(f"   the baseline ({args.baseline}) writes the very same CSV")
        figures: dict[str, list[dict[str, float]]] = {name: [] for name, _, _ in contenders}
        for round_ in range(args.repeats):
            # Each round starts with the next contender, so none always runs first.
            shift = round_ % len(contenders)
            for name, command, source in contenders[shift:] + contenders[:shift]:
                figures[name].append(run(command, source))
    print("   median (range) over the rounds:")
    print(
        "                 fresh process s   process CPU s     work only s       work CPU s"
        "        import s          peak MiB"
    )
    for name, runs in figures.items():
        print(
            f"   {name:<12}"
            f"  {spread([r['wall'] for r in runs])}"
            f"  {spread([r['cpu'] for r in runs])}"
            f"  {spread([r['work'] for r in runs])}"
            f"  {spread([r['work_cpu'] for r in runs])}"
            f"  {spread([r['import'] for r in runs])}"
            f"  {spread([r['peak_mib'] for r in runs])}"
        )

    def ratio(key: str, name: str = "inspectkit") -> float:
        ours_ = statistics.median(r[key] for r in figures[name])
        return ours_ / statistics.median(r[key] for r in figures["pandas"])

    for name in figures:
        if name == "pandas":
            continue
        print(
            f"   {name} / pandas: fresh process {ratio('wall', name):.2f}, process CPU "
            f"{ratio('cpu', name):.2f}, work only {ratio('work', name):.2f}, work CPU "
            f"{ratio('work_cpu', name):.2f}, peak memory "
            f"{ratio('peak_mib', name):.2f} (aim: <= 1, < 1)"
        )


if __name__ == "__main__":
    main()
