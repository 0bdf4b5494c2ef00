"""The very same evidence assessed again reuses its scores (`CompiledFramework.scored`)."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import inspectkit
from inspectkit.evidence import Entry
from inspectkit.rubric import MissingPolicy
from inspectkit.scoring._compile import compiled_for
from strategies import evidence_for, frameworks

EXAMPLE = "examples/riverside-nearly-good.toml"
FRAMEWORK = "ofsted_childrens_centres_2014"


class TestSameEvidence:
    def test_same_evidence_gives_an_equal_assessment(self) -> None:
        """Assessing one evidence object twice gives equal assessments, the second still lazy."""
        framework = inspectkit.load_framework(FRAMEWORK)
        evidence = inspectkit.load_evidence(EXAMPLE, framework=framework)
        first = inspectkit.assess(framework, evidence)
        second = inspectkit.assess(framework, evidence)
        assert second.criteria._built == {}
        assert second.to_json() == first.to_json()

    def test_the_scores_are_reused(self) -> None:
        """The second assessment of one evidence object grades from the remembered scores."""
        framework = inspectkit.load_framework(FRAMEWORK)
        evidence = inspectkit.load_evidence(EXAMPLE, framework=framework)
        inspectkit.assess(framework, evidence)
        remembered = compiled_for(framework).scored[(id(evidence), MissingPolicy.WORST)]
        assert remembered[0] is evidence

    def test_another_policy_is_scored_afresh(self) -> None:
        """The same evidence under another missing-evidence policy gets that policy's grades."""
        framework = inspectkit.load_framework(FRAMEWORK)
        evidence = inspectkit.load_evidence(EXAMPLE, framework=framework)
        fewer = evidence.replace({"sustained_contact_target": None, "gld_rate": None})
        inspectkit.assess(framework, fewer, missing="worst")
        excluded = inspectkit.assess(framework, fewer, missing="exclude")
        fresh = inspectkit.assess(attrs.evolve(framework), fewer, missing="exclude")
        assert excluded.missing is MissingPolicy.EXCLUDE
        assert excluded.to_json() == fresh.to_json()

    def test_refused_evidence_is_refused_again(self) -> None:
        """Evidence refused once is refused again: nothing is remembered for it."""
        framework = inspectkit.load_framework(FRAMEWORK)
        evidence = inspectkit.load_evidence(EXAMPLE, framework=framework)
        wrong = evidence.replace({"gld_rate": Entry("gld_rate", "lots")})
        for _ in range(2):
            with pytest.raises(inspectkit.EvidenceError):
                inspectkit.assess(framework, wrong)

    @pytest.mark.property
    @given(data=st.data())
    def test_assessing_again_matches_a_fresh_plan(self, data: st.DataObject) -> None:
        """The same evidence assessed again equals its assessment under a fresh compile."""
        framework = data.draw(frameworks())
        evidence = data.draw(evidence_for(framework))
        policy = data.draw(st.sampled_from([MissingPolicy.WORST, MissingPolicy.EXCLUDE]))
        inspectkit.assess(framework, evidence, missing=policy)
        again = inspectkit.assess(framework, evidence, missing=policy).to_json()
        fresh = inspectkit.assess(attrs.evolve(framework), evidence, missing=policy).to_json()
        assert again == fresh
