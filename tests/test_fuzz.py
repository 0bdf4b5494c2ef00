"""The fuzz targets in fuzz/, run for a bounded number of inputs: only inspectkit errors escape.

Each loader's target replays its seed corpus and then random mutations of it (fuzz/replay.py,
plain Python, so it runs wherever the tests do); where atheris is installed, each target also
runs briefly under libFuzzer (fuzz/run.py, one target: the harness, not the inputs, is what that
checks). The budget keeps the whole file to a few seconds a target; a longer run is one command
(docs/fuzzing.md).
"""

from __future__ import annotations

import importlib.util
import random
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from inspectkit.errors import FrameworkError
from scripts_for_tests import load_script

FUZZ = Path(__file__).resolve().parents[1] / "fuzz"
TARGET_NAMES = ["framework", "evidence", "group", "table", "outcomes"]
RUNS = 150
"""Mutated inputs per target in the test run (the seeds are run as well)."""
SECONDS = 3.0
"""The most any one target may take, however slow the machine."""


def _module(name: str) -> ModuleType:
    return load_script(FUZZ / f"{name}.py", f"inspectkit_fuzz_{name}")


replay = _module("replay")


class TestReplay:
    @pytest.mark.parametrize("target", TARGET_NAMES)
    def test_nothing_but_inspectkit_errors_escape(self, target: str) -> None:
        """The target's seeds and a bounded run of mutations raise only inspectkit errors."""
        count = replay.replay(target, runs=RUNS, seconds=SECONDS, seed=0)
        assert count > len(replay.seeds(target))

    def test_there_is_a_target_for_each_loader(self) -> None:
        """fuzz/targets.py has a target for every loader, each with seed inputs."""
        assert sorted(replay.TARGETS) == sorted(TARGET_NAMES)
        assert all(replay.seeds(target) for target in TARGET_NAMES)

    def test_a_foreign_exception_stops_the_run(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An exception other than an inspectkit error is reported with the input."""

        def broken(data: bytes) -> None:
            raise KeyError(len(data))

        monkeypatch.setitem(replay.TARGETS, "group", broken)
        with pytest.raises(replay.EscapedError) as caught:
            replay.replay("group", runs=1)
        assert isinstance(caught.value.error, KeyError)
        assert caught.value.data == replay.seeds("group")[0]

    def test_an_inspectkit_error_does_not_stop_the_run(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A target whose loader refuses every input runs to the end."""

        def refuses(data: bytes) -> None:
            try:
                raise FrameworkError("refused")
            except FrameworkError:
                return

        monkeypatch.setitem(replay.TARGETS, "group", refuses)
        assert replay.replay("group", runs=5) == len(replay.seeds("group")) + 5

    def test_mutations_are_reproducible(self) -> None:
        """The same seed gives the same mutated inputs, and they differ from the seed."""
        first = [replay.mutate(b"key = 1\n", random.Random(3)) for _ in range(1)]
        again = [replay.mutate(b"key = 1\n", random.Random(3)) for _ in range(1)]
        assert first == again
        rng = random.Random(4)
        assert any(replay.mutate(b"key = 1\n", rng) != b"key = 1\n" for _ in range(10))

    def test_the_command_saves_a_failing_input(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """replay.py exits 1 and writes the input that escaped to fuzz/crashes/."""

        def broken(data: bytes) -> None:
            raise ValueError("boom")

        monkeypatch.setitem(replay.TARGETS, "outcomes", broken)
        monkeypatch.setattr(replay, "HERE", tmp_path)
        assert replay.main(["outcomes", "--runs", "1"]) == 1
        assert (tmp_path / "crashes" / "outcomes-seed0.bin").read_bytes() == replay.seeds(
            "outcomes"
        )[0]
        assert "outcomes: FAILED" in capsys.readouterr().err

    def test_the_command_reports_each_target(self, capsys: pytest.CaptureFixture[str]) -> None:
        """replay.py all runs every target and says how many inputs each ran."""
        assert replay.main(["all", "--runs", "2"]) == 0
        out = capsys.readouterr().out
        assert [line.split(":")[0] for line in out.splitlines()] == TARGET_NAMES


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris not installed")
class TestAtheris:
    # One target: the point is that the coverage-guided harness runs (instrumenting inspectkit
    # takes seconds per process); every target's inputs are exercised by TestReplay above.
    @pytest.mark.parametrize("target", ["framework"])
    def test_a_short_coverage_guided_run_finds_nothing(self, target: str, tmp_path: Path) -> None:
        """fuzz/run.py runs the target under libFuzzer for a bounded run and exits 0."""
        corpus = tmp_path / "corpus"
        shutil.copytree(FUZZ / "corpus" / target, corpus)
        done = subprocess.run(
            [sys.executable, str(FUZZ / "run.py"), target, str(corpus), "-runs=200"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        assert "Done 200 runs" in done.stderr
