"""Tests for the findings models: `Finding`, `FindingWeight` and `FindingsRule`."""

from __future__ import annotations

import attrs
import pytest

from frameworks_for_tests import example_framework
from inspectkit.evidence import Evidence, Finding, FindingSign, FindingWeight
from inspectkit.rubric import Basis, FindingLimit, FindingsRule, FindingSupport, Provenance

MODELLED = Provenance(Basis.MODELLED)


def weakness(judgement: str | tuple[str, ...], weight: FindingWeight) -> Finding:
    return Finding(judgement, FindingSign.WEAKNESS, weight, "Too few families come.")


class TestFindingWeight:
    def test_weights_are_ordered(self) -> None:
        """Weights compare minor < notable < major."""
        assert FindingWeight.MINOR < FindingWeight.NOTABLE < FindingWeight.MAJOR
        assert FindingWeight.MAJOR >= FindingWeight.NOTABLE
        assert sorted(FindingWeight, reverse=True)[0] is FindingWeight.MAJOR

    def test_ranks_count_from_minor(self) -> None:
        """A weight's rank is 0 for minor and 2 for major."""
        assert [weight.rank for weight in FindingWeight] == [0, 1, 2]

    def test_comparison_with_other_types_is_refused(self) -> None:
        """Comparing a weight with a string raises TypeError instead of guessing."""
        with pytest.raises(TypeError):
            _ = FindingWeight.MINOR < "major"  # type: ignore[operator]


class TestFinding:
    def test_single_judgement_becomes_a_tuple(self) -> None:
        """A finding given one judgement id holds it as a 1-tuple."""
        assert weakness("access", FindingWeight.MINOR).judgements == ("access",)

    def test_sign_properties(self) -> None:
        """is_strength and is_weakness follow the sign."""
        finding = weakness("access", FindingWeight.MINOR)
        assert finding.is_weakness
        assert not finding.is_strength
        strength = attrs.evolve(finding, sign=FindingSign.STRENGTH)
        assert strength.is_strength
        assert not strength.is_weakness

    def test_repr_names_sign_weight_and_judgements(self) -> None:
        """The repr shows the sign, the weight and the judgements."""
        text = repr(weakness(("access", "quality"), FindingWeight.MAJOR))
        assert text.startswith("<Finding weakness major judgements=['access', 'quality']")


class TestEvidenceFindings:
    def test_findings_for_selects_by_judgement(self) -> None:
        """findings_for returns the findings filed under a judgement, each once."""
        both = weakness(("access", "leadership"), FindingWeight.NOTABLE)
        access = weakness("access", FindingWeight.MINOR)
        evidence = Evidence("f", "Unit", findings=[both, access])
        assert evidence.findings_for("access") == (both, access)
        assert evidence.findings_for("leadership") == (both,)
        assert evidence.findings_for("quality") == ()

    def test_repr_counts_findings_only_when_there_are_some(self) -> None:
        """The repr mentions findings when the evidence has any."""
        assert "findings" not in repr(Evidence("f", "Unit"))
        with_one = Evidence("f", "Unit", findings=[weakness("access", FindingWeight.MINOR)])
        assert repr(with_one).endswith("findings=1>")


class TestFindingsRule:
    def rule(self) -> FindingsRule:
        return FindingsRule(
            MODELLED,
            limits=[FindingLimit(FindingWeight.NOTABLE, 1, "requires_improvement", MODELLED)],
            supports=[FindingSupport(FindingWeight.NOTABLE, 1, "good", MODELLED)],
        )

    def test_framework_rule_is_the_default(self) -> None:
        """A judgement without its own rule takes the framework's."""
        framework = attrs.evolve(example_framework(), findings=self.rule())
        assert framework.findings_rule("access") == self.rule()

    def test_judgement_rule_overrides(self) -> None:
        """A judgement's own rule replaces the framework's for that judgement only."""
        base = example_framework()
        own = FindingsRule(MODELLED)
        access = attrs.evolve(base.judgements[0], findings=own)
        framework = attrs.evolve(
            base, findings=self.rule(), judgements=(access, *base.judgements[1:])
        )
        assert framework.findings_rule("access") is own
        assert framework.findings_rule("leadership") == self.rule()

    def test_no_rule_anywhere_is_none(self) -> None:
        """Without any findings table, a judgement has no findings rule."""
        assert example_framework().findings_rule("access") is None
