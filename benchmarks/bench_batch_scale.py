"""Batch a national-scale table (30,000 units by default): time and peak memory, kept vs streamed.

Writes a seeded CSV of random units (as `bench_batch.py` does), then runs each way of batching
it in a fresh Python process, so that each peak resident memory (``ru_maxrss``) is its own:

- *kept*: ``assess_table(...).to_csv()``, which holds every `Assessment` until the end;
- *streamed*: ``inspectkit batch FILE -o OUT``, which writes each unit's CSV row as it is
  assessed and keeps the row alone (`inspectkit.batch.iter_assessments`).

The two outputs are checked to be byte-identical. *kept* reads the table into one
`AssessmentTable`; *streamed* reads the CSV a row at a time, so its growth per unit is the
output text's and a key per unit (and, where numpy is installed, it grades 5,000 units at a
time in columns). Run it at 3,000 and 30,000 units to see the growth per unit. The vectorised
pandas script is compared in `bench_batch_pandas.py`. No timing is asserted anywhere.

    python benchmarks/bench_batch_scale.py [--units 30000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_batch import write_table

import inspectkit

FRAMEWORK = "ofsted_childrens_centres_2014"

CHILD = """
import json, resource, sys, time
import inspectkit
from inspectkit.cli import main
mode, table, out = sys.argv[1:4]
start = time.perf_counter()
if mode == "kept":
    # assess_table takes no max_bytes; the limit is raised for the block, as the CLI's is.
    with inspectkit.read_limits(max_bytes=1 << 30):
        text = inspectkit.assess_table({framework!r}, table).to_csv()
    with open(out, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
elif mode == "streamed":
    main(["batch", table, "--framework", {framework!r}, "-o", out])
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
print(json.dumps({{"seconds": elapsed, "peak_mib": peak / 1024}}))
"""


def run(mode: str, table: Path, out: Path) -> dict[str, float]:
    """Run one way of batching in a fresh process; return its seconds and peak MiB."""
    code = CHILD.format(framework=FRAMEWORK)
    done = subprocess.run(
        [sys.executable, "-c", code, mode, str(table), str(out)],
        capture_output=True,
        text=True,
        check=True,
        # A national table is larger than the 8 MiB inputs are limited to by default.
        env={**os.environ, "INSPECTKIT_MAX_FILE_SIZE": str(1 << 30)},
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=30_000)
    args = parser.parse_args()
    framework = inspectkit.load_framework(FRAMEWORK)
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "units.csv"
        write_table(table, framework, args.units)
        size = table.stat().st_size / 1024 / 1024
        print(f"{args.units:,} units of {FRAMEWORK}, table {size:.1f} MiB")
        baseline = run("none", Path(tmp) / "missing.csv", Path(tmp) / "none.csv")
        results = {}
        for mode in ("kept", "streamed"):
            results[mode] = run(mode, table, Path(tmp) / f"{mode}.csv")
        kept = (Path(tmp) / "kept.csv").read_bytes()
        streamed = (Path(tmp) / "streamed.csv").read_bytes()
        assert kept == streamed, "the streamed CSV differs from assess_table's"
    print(f"   python + inspectkit imported, no work: peak {baseline['peak_mib']:6.1f} MiB")
    for mode, figures in results.items():
        per_unit = (figures["peak_mib"] - baseline["peak_mib"]) * 1024 * 1024 / args.units
        print(
            f"   {mode:<9} {figures['seconds']:6.2f} s  peak {figures['peak_mib']:6.1f} MiB"
            f"  ({per_unit:,.0f} bytes a unit over the idle process)"
        )
    ratio = results["streamed"]["peak_mib"] / results["kept"]["peak_mib"]
    speed = results["streamed"]["seconds"] / results["kept"]["seconds"]
    print(f"   streamed / kept: time {speed:.2f}, peak memory {ratio:.2f}")
    print("   outputs byte-identical")
    print("   the pandas comparison: python benchmarks/bench_batch_pandas.py")


if __name__ == "__main__":
    main()
