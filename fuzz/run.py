"""Coverage-guided fuzzing of one loader with atheris (libFuzzer for Python).

    pip install atheris          # Linux or macOS wheels, CPython 3.8-3.11 at the time of writing
    python fuzz/run.py framework fuzz/corpus/framework -max_total_time=60
    python fuzz/run.py evidence -runs=20000

The first argument names a target of ``fuzz/targets.py`` (framework, evidence, group, table,
outcomes); the rest are libFuzzer's own arguments: corpus directories (new inputs that reach
new code are added to the first), ``-runs=N``, ``-max_total_time=S``, ``-max_len=N``. The
inspectkit package is instrumented, so libFuzzer sees which branches each input reaches. A
failure (anything but an inspectkit error escaping a loader) stops the run with a traceback
and writes the input to ``crash-<hash>``; replay it with ``python fuzz/run.py TARGET FILE``.

Where atheris does not install, ``fuzz/replay.py`` runs the same targets without coverage
guidance.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["inspectkit"]):
    from targets import TARGETS


def main() -> None:
    """Run libFuzzer on the target named by the first argument."""
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: python fuzz/run.py {{{','.join(TARGETS)}}} [libFuzzer arguments]")
    target = TARGETS[sys.argv[1]]
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
