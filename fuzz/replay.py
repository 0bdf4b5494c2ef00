"""Plain-Python fuzzing: replay a seed corpus, then random mutations of it, through a target.

This is the driver CI runs (it needs nothing but inspectkit): for a target of
``fuzz/targets.py`` it feeds every seed, then *runs* mutated inputs, each made from a seed by a
few random edits (bit flips, inserted and deleted bytes, repeated chunks, splices of two seeds,
TOML and CSV tokens that have broken parsers before: deep brackets, 5,000-digit numbers,
``1e400``, a byte-order mark, NUL bytes). The random generator is seeded, so a failure is
reproduced by the same command. It is not coverage-guided; ``fuzz/run.py`` is, under atheris.

    python fuzz/replay.py framework --runs 2000 --seed 1
    python fuzz/replay.py all --seconds 10

An input that raises anything but an `inspectkit.errors.InspectkitError` stops the run; the
command writes it to ``fuzz/crashes/`` and exits 1.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from targets import TARGETS  # noqa: E402 - fuzz/ is not a package

__all__ = ["EscapedError", "mutate", "replay", "seeds"]

# Where each target's seeds come from, besides fuzz/corpus/<target>/: inputs the repository
# already holds, valid and invalid.
_REPOSITORY_SEEDS = {
    "framework": ["frameworks/*.toml", "tests/invalid-examples/*.toml"],
    "evidence": ["examples/*.toml", "tests/invalid-evidence/*.toml"],
    "group": ["tests/invalid-groups/*.toml", "tests/invalid-group-tables/*.toml"],
    "table": ["examples/*.csv"],
    "outcomes": [],
}

# fmt: off
_TOKENS = [
    b"[", b"]", b"{", b"}", b"[[", b"]]", b"=", b",", b".", b'"', b"'", b'"""', b"'''", b"\n",
    b"\r\n", b"\r", b"\t", b"\x00", b"\xef\xbb\xbf", b"\xff", b"#", b"\\u0000", b"\\",
    b"9" * 5000, b"1e400", b"-1e400", b"1e308", b"nan", b"inf", b"-0", b"0x7f", b"1_000",
    b"10" + b"0" * 400, b"2026-09-30", b"2026-13-45", b"true", b"false",
    b'"72%"', b'"175%"', b'"a large majority"', b'"not_applicable"', b'"unknown"',
    b"{ numerator = 1, denominator = 0 }", b"{ low = 0.9, high = 0.1 }",
    b'extends = "', b'"../', b'"/dev/zero"', b'"pipe.toml"', b"members = [", b"[evidence]",
    b"[[judgements]]", b"[[judgements.criteria]]", b"[[caps]]", b"[overall]", b"weight = ",
    b"thresholds = {", b"\xe2\x80\xae", b"=HYPERLINK(", b"\x1b]0;", b"[" * 600, b"{a=" * 300,
]
# fmt: on


class EscapedError(AssertionError):
    """An input made a target raise something other than an inspectkit error."""

    def __init__(self, target: str, data: bytes, error: BaseException) -> None:
        super().__init__(
            f"{target}: {type(error).__name__}: {error} (input of {len(data)} bytes: "
            f"{data[:120]!r}...)"
        )
        self.target = target
        self.data = data
        self.error = error


def seeds(target: str) -> list[bytes]:
    """Return the seed inputs of *target*: its corpus directory and the repository's inputs."""
    patterns = [f"fuzz/corpus/{target}/*", *_REPOSITORY_SEEDS[target]]
    found = []
    for pattern in patterns:
        found.extend(sorted(path for path in ROOT.glob(pattern) if path.is_file()))
    return [path.read_bytes() for path in found]


def mutate(data: bytes, rng: random.Random, others: Iterable[bytes] = ()) -> bytes:
    """Return *data* after one to four random edits (see the module docstring)."""
    pool = list(others)
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        where = rng.randint(0, len(buffer))
        choice = rng.randrange(7)
        if choice == 0 and buffer:  # flip a bit
            index = rng.randrange(len(buffer))
            buffer[index] ^= 1 << rng.randrange(8)
        elif choice == 1:  # insert random bytes
            buffer[where:where] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif choice == 2 and buffer:  # delete a range
            end = min(len(buffer), where + rng.randint(1, 64))
            del buffer[where:end]
        elif choice == 3 and buffer:  # repeat a chunk
            start = rng.randrange(len(buffer))
            chunk = buffer[start : start + rng.randint(1, 32)]
            buffer[where:where] = chunk * rng.randint(2, 50)
        elif choice == 4 and pool:  # splice in part of another seed
            other = rng.choice(pool)
            start = rng.randint(0, len(other))
            buffer[where:where] = other[start : start + rng.randint(1, 256)]
        else:  # insert a token
            buffer[where:where] = rng.choice(_TOKENS)
    return bytes(buffer)


def replay(target: str, *, runs: int = 1000, seconds: float | None = None, seed: int = 0) -> int:
    """Run *target* on its seeds, then on mutated inputs; return how many inputs were run.

    Stops after *runs* mutated inputs, or after *seconds* if that comes first.

    Raises:
        EscapedError: An input made the target raise anything but an inspectkit error.
    """
    function = TARGETS[target]
    corpus = seeds(target) or [b""]
    rng = random.Random(f"{target}:{seed}")  # noqa: S311 - seeded for replay, not for secrets
    deadline = None if seconds is None else time.monotonic() + seconds
    count = 0

    def run(data: bytes) -> None:
        try:
            function(data)
        except Exception as error:  # the point: anything but an InspectkitError is a bug
            raise EscapedError(target, data, error) from error

    for data in corpus:
        run(data)
        count += 1
    for _ in range(runs):
        if deadline is not None and time.monotonic() > deadline:
            break
        run(mutate(rng.choice(corpus), rng, corpus))
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    """Run the driver from the command line; 0 when nothing escaped, 1 with the input saved."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", choices=[*TARGETS, "all"])
    parser.add_argument("--runs", type=int, default=1000, help="mutated inputs per target")
    parser.add_argument("--seconds", type=float, help="stop each target after this long")
    parser.add_argument("--seed", type=int, default=0, help="the random seed")
    args = parser.parse_args(argv)
    names = list(TARGETS) if args.target == "all" else [args.target]
    for name in names:
        started = time.monotonic()
        try:
            count = replay(name, runs=args.runs, seconds=args.seconds, seed=args.seed)
        except EscapedError as failure:
            crashes = HERE / "crashes"
            crashes.mkdir(exist_ok=True)
            path = crashes / f"{name}-seed{args.seed}.bin"
            path.write_bytes(failure.data)
            traceback.print_exception(failure.error)
            print(f"{name}: FAILED; the input is in {path}", file=sys.stderr)
            return 1
        print(f"{name}: {count} inputs, nothing escaped ({time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
