"""Time `load_framework` on each bundled framework against `tomli.loads` of the same file.

`load_framework` reads the file, parses it with tomli and runs every check before building the
frozen models, so parsing alone is the natural baseline: the ratio says what checking and
building cost on top of reading the TOML. Both are timed in the same run, best of several
repeats, so the ratio does not depend on the machine. Aim: ratio under 5.

No timing is asserted anywhere; the ratios are what to watch between versions.

    python benchmarks/bench_load.py
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import tomli

import inspectkit


def best_time(function: Callable[[], object], *, budget: float = 0.2, repeats: int = 5) -> float:
    """Return the best per-call time of *function* over *repeats* rounds of about *budget*."""
    function()
    start = time.perf_counter()
    function()
    once = max(time.perf_counter() - start, 1e-7)
    calls = max(1, int(budget / repeats / once))
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            function()
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def main() -> None:
    print(f"{'framework':<32} {'tomli.loads':>12} {'load_framework':>15} {'ratio':>6}")
    for info in inspectkit.list_frameworks():
        path = Path(info.path)
        text = path.read_text(encoding="utf-8")
        baseline = best_time(lambda text=text: tomli.loads(text))
        loading = best_time(lambda path=path: inspectkit.load_framework(path))
        print(
            f"{info.id:<32} {baseline * 1e3:>10.2f}ms {loading * 1e3:>13.2f}ms "
            f"{loading / baseline:>6.2f}"
        )


if __name__ == "__main__":
    main()
