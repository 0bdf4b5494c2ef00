"""Tests for ``inspectkit assess --target`` (gaps and lift plan) and ``--set`` (what-if)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from inspectkit.cli import EXIT_BAD_INPUT, EXIT_BELOW_TARGET, EXIT_OK, EXIT_USAGE, main

ROOT = Path(__file__).parent.parent
RIVERSIDE = str(ROOT / "examples" / "riverside-nearly-good.toml")


class TestTarget:
    def test_target_lists_ranked_gaps_and_plan(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--target prints the ranked gaps and the verified lift plan."""
        assert main(["assess", RIVERSIDE, "--target", "good"]) == EXIT_OK
        out = capsys.readouterr().out
        gaps = out.split("Gaps to Good, most urgent first:")[1]
        assert gaps.index("supervision_checks_case_files") < gaps.index("sustained_contact_target")
        assert "[blocking, in the plan" in gaps
        assert "about 24 more of 590" in gaps
        assert "1. Supervision checks case files: meet the check (not met now)" in out
        assert "verified by re-scoring: predicted Good" in out

    def test_target_accepts_aliases(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A target may be written as an alias or a position."""
        assert main(["assess", RIVERSIDE, "--target", "1"]) == EXIT_OK
        assert "Lift plan to Outstanding:" in capsys.readouterr().out

    def test_target_already_reached(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A target already reached has no gaps and nothing to change."""
        assert main(["assess", RIVERSIDE, "--target", "RI"]) == EXIT_OK
        out = capsys.readouterr().out
        assert "none: already Requires improvement" in out
        assert "nothing to change" in out

    def test_unknown_target_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A --target that is not on the scale exits 2 and lists the grades."""
        assert main(["assess", RIVERSIDE, "--target", "excellent"]) == EXIT_USAGE
        assert "grades: outstanding, good" in capsys.readouterr().err

    @pytest.mark.parametrize("fmt", ["markdown", "html", "json", "csv"])
    def test_target_shows_in_every_format(
        self, fmt: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--target adds the gaps and the lift plan to every format, not only text."""
        assert main(["assess", RIVERSIDE, "--target", "good", "--format", fmt]) == EXIT_OK
        out = capsys.readouterr().out
        if fmt == "json":
            target = json.loads(out)["target"]
            assert target["grade"] == "good"
            assert target["gaps"][0]["criterion"] == "supervision_checks_case_files"
            assert target["lift_plan"]["changes"][0]["words"] == "meet the check (not met now)"
        elif fmt == "csv":
            rows = list(csv.DictReader(io.StringIO(out)))
            ranked = {row["criterion"]: row["gap_rank"] for row in rows if row["gap_rank"]}
            assert ranked == {"supervision_checks_case_files": "1", "sustained_contact_target": "2"}
        else:
            assert "Gaps to Good, most urgent first" in out
            assert "Lift plan to Good" in out


class TestSet:
    def test_set_reports_what_moved(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--set re-scores with the new value and reports the grades that moved."""
        argv = ["assess", RIVERSIDE, "--set", "supervision_checks_case_files=met"]
        assert main(argv) == EXIT_OK
        out = capsys.readouterr().out
        assert out.startswith("Hypothetical: this is a what-if")
        assert "  - Supervision checks case files: not met -> met" in out
        assert "  - Overall effectiveness: Requires improvement → Good (improved)" in out
        assert "Gaps to Good closed: Target-group families in sustained contact, " in out
        assert "This centre is predicted to be good." in out

    @pytest.mark.parametrize("fmt", ["markdown", "html", "json", "csv"])
    def test_set_says_hypothetical_in_every_format(
        self, fmt: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A what-if says it is hypothetical at the top of every format, JSON as data."""
        argv = ["assess", RIVERSIDE, "--set", "sustained_contact_target=70%", "--format", fmt]
        assert main(argv) == EXIT_OK
        out = capsys.readouterr().out
        if fmt == "json":
            data = json.loads(out)
            assert data["what_if"]["hypothetical"] is True
            assert data["what_if"]["changes"][0]["after"]["value"] == 0.7
            assert data["what_if"]["base"]["overall"] == "requires_improvement"
        elif fmt == "csv":
            header, first = out.splitlines()[:2]
            assert header.startswith("scenario,")
            assert first.startswith("what-if (hypothetical),")
        elif fmt == "markdown":
            assert out.startswith("# What-if (hypothetical): ")
        else:
            body = out[out.index("<body>") :]
            assert "<title>What-if (hypothetical): " in out
            assert body.index("What-if (hypothetical)") < body.index("<h2>")

    def test_set_is_repeatable_and_feeds_fail_under(self) -> None:
        """Several --set values apply together, and --fail-under judges the result."""
        argv = [
            "assess",
            RIVERSIDE,
            "--set",
            "supervision_checks_case_files=false",
            "--set",
            "sustained_contact_target=70%",
            "--fail-under",
            "good",
        ]
        assert main(argv) == EXIT_BELOW_TARGET

    def test_set_without_equals_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A --set without '=' exits 2."""
        assert main(["assess", RIVERSIDE, "--set", "sustained_contact_target"]) == EXIT_USAGE
        assert "CRITERION=VALUE" in capsys.readouterr().err

    def test_set_bad_value_is_bad_input(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A value that does not fit its criterion exits 1 with the problem on stderr."""
        assert main(["assess", RIVERSIDE, "--set", "sustained_contact_target=lots"]) == (
            EXIT_BAD_INPUT
        )
        assert "sustained_contact_target" in capsys.readouterr().err

    def test_set_unknown_criterion_is_bad_input(self) -> None:
        """A --set naming a criterion the framework lacks exits 1."""
        assert main(["assess", RIVERSIDE, "--set", "nope=1"]) == EXIT_BAD_INPUT
