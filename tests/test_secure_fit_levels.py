"""Secure fit by level: a check's `level`, the grades it gives and the judgement's ceiling."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import inspectkit
from inspectkit.errors import FrameworkError

LEVELS = ("expected_standard", "strong_standard", "exceptional", "urgent_improvement")

HEAD = """
id = "levels"
title = "Levels"
version = "1"
missing = "worst"

[[sources]]
id = "s"
title = "A source"

[[grades]]
id = "exceptional"
label = "Exceptional"
[[grades]]
id = "strong_standard"
label = "Strong standard"
[[grades]]
id = "expected_standard"
label = "Expected standard"
[[grades]]
id = "needs_attention"
label = "Needs attention"
[[grades]]
id = "urgent_improvement"
label = "Urgent improvement"

[overall]
method = "secure_fit"
provenance = { basis = "modelled", source = "s" }

[[judgements]]
id = "area"
title = "Area"

[judgements.aggregation]
method = "secure_fit"
provenance = { basis = "modelled", source = "s" }
"""


def check(ident: str, level: str) -> str:
    """One level check's TOML."""
    return textwrap.dedent(f"""
        [[judgements.criteria]]
        id = "{ident}"
        title = "{ident}"
        measure = "check"
        level = "{level}"
        provenance = {{ basis = "modelled", source = "s" }}
        """)


def framework(tmp_path: Path, levels: tuple[str, ...]) -> inspectkit.Framework:
    """A one-area framework with one level check per entry of *levels* (ids c0, c1, ...)."""
    path = tmp_path / "levels.toml"
    body = "".join(check(f"c{i}", level) for i, level in enumerate(levels))
    path.write_text(HEAD + body, encoding="utf-8")
    return inspectkit.load_framework(path)


def area(fw: inspectkit.Framework, met: dict[str, bool]) -> str | None:
    """The area's point grade id for the given check values."""
    evidence = inspectkit.evidence_from_values(fw, met)
    result = inspectkit.assess(fw, evidence).judgements["area"]
    return result.grade.id if result.grade is not None else None


class TestLevelGrades:
    def test_unmet_expected_check_gives_needs_attention(self, tmp_path: Path) -> None:
        """An unmet expected-standard check holds the area at needs attention."""
        fw = framework(tmp_path, ("expected_standard", "expected_standard"))
        assert area(fw, {"c0": True, "c1": False}) == "needs_attention"

    def test_failed_descriptor_gives_the_worst_grade(self, tmp_path: Path) -> None:
        """An unmet descriptor of the worst grade gives urgent improvement."""
        fw = framework(tmp_path, ("urgent_improvement", "expected_standard"))
        assert area(fw, {"c0": False, "c1": True}) == "urgent_improvement"

    def test_unmet_strong_check_gives_expected(self, tmp_path: Path) -> None:
        """With every expected check met, an unmet strong check gives expected standard."""
        fw = framework(tmp_path, ("expected_standard", "strong_standard", "exceptional"))
        assert area(fw, {"c0": True, "c1": False, "c2": False}) == "expected_standard"

    def test_all_met_reaches_the_best_declared_level(self, tmp_path: Path) -> None:
        """Every check met gives the best level the framework declares criteria for."""
        fw = framework(tmp_path, ("expected_standard", "strong_standard"))
        assert area(fw, {"c0": True, "c1": True}) == "strong_standard"

    def test_undeclared_level_cannot_be_awarded(self, tmp_path: Path) -> None:
        """An area with only expected-standard checks tops out at expected standard."""
        fw = framework(tmp_path, ("urgent_improvement", "expected_standard"))
        assert area(fw, {"c0": True, "c1": True}) == "expected_standard"

    def test_a_gap_in_the_levels_stops_the_ceiling(self, tmp_path: Path) -> None:
        """Exceptional checks without strong-standard ones cannot lift past expected."""
        fw = framework(tmp_path, ("expected_standard", "exceptional"))
        assert area(fw, {"c0": True, "c1": True}) == "expected_standard"


class TestLevelLoading:
    def test_level_with_not_met_is_refused(self, tmp_path: Path) -> None:
        """A check giving both level and not_met is refused with a located problem."""
        path = tmp_path / "bad.toml"
        body = check("c0", "expected_standard").replace(
            'measure = "check"', 'measure = "check"\nnot_met = "needs_attention"'
        )
        path.write_text(HEAD + body, encoding="utf-8")
        with pytest.raises(FrameworkError, match="level-with-met"):
            inspectkit.load_framework(path)

    def test_level_round_trips(self, tmp_path: Path) -> None:
        """framework_to_dict writes a check's level back."""
        fw = framework(tmp_path, ("expected_standard",))
        data = inspectkit.loading.framework_to_dict(fw)
        assert data["judgements"][0]["criteria"][0]["level"] == "expected_standard"


class TestLevelMonotone:
    @given(
        levels=st.lists(st.sampled_from(LEVELS), min_size=1, max_size=4),
        data=st.data(),
    )
    def test_meeting_one_more_check_never_lowers_the_area(
        self, tmp_path_factory: pytest.TempPathFactory, levels: list[str], data: st.DataObject
    ) -> None:
        """Meeting one more level check never gives the area a worse grade."""
        fw = framework(tmp_path_factory.mktemp("m"), tuple(levels))
        met = {f"c{i}": data.draw(st.booleans()) for i in range(len(levels))}
        unmet = [key for key, value in met.items() if not value]
        if not unmet:
            return
        better = {**met, data.draw(st.sampled_from(unmet)): True}
        ids = fw.scale.ids
        before, after = area(fw, met), area(fw, better)
        assert before is not None
        assert after is not None
        assert ids.index(after) <= ids.index(before)


def reason(fw: inspectkit.Framework, met: dict[str, bool]) -> str:
    """The area's reason for the given check values."""
    evidence = inspectkit.evidence_from_values(fw, met)
    return inspectkit.assess(fw, evidence).judgements["area"].reason


class TestLevelReasons:
    def test_reason_groups_unmet_checks_by_level(self, tmp_path: Path) -> None:
        """The reason counts the unmet checks of the level that holds the area and names them."""
        fw = framework(tmp_path, ("expected_standard", "expected_standard", "strong_standard"))
        text = reason(fw, {"c0": False, "c1": False, "c2": False})
        assert (
            text
            == "secure fit: held at Needs attention by 2 unmet expected-standard criteria: c0, c1"
        )

    def test_reason_names_a_failed_descriptor(self, tmp_path: Path) -> None:
        """A failed worst-grade descriptor is named as a descriptor."""
        fw = framework(tmp_path, ("urgent_improvement", "expected_standard"))
        text = reason(fw, {"c0": False, "c1": True})
        assert (
            text == "secure fit: held at Urgent improvement by 1 failed urgent-improvement"
            " descriptor: c0"
        )

    def test_reason_says_when_the_framework_holds_the_area(self, tmp_path: Path) -> None:
        """With every check met below the best grade, the reason puts the limit in the framework."""
        fw = framework(tmp_path, ("expected_standard",))
        assert "best grade this framework declares criteria for" in reason(fw, {"c0": True})
