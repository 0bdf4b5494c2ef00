"""Properties: a judgement or criterion that does not apply never lowers anything.

A not-applicable area is left out of every count, rule, cap and spread. So assessing evidence
that says the unit lacks a provision gives exactly the grades of a framework that never had
the judgement (or criterion) tied to it: nothing else moves, up or down.
"""

from __future__ import annotations

import datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspectkit import assess, assess_group
from inspectkit.evidence import Evidence
from inspectkit.results import Assessment
from inspectkit.rubric import Aggregation, Framework, Judgement, Provision
from strategies import evidence_for, frameworks

pytestmark = pytest.mark.property

PROVISION = Provision("extra", "an extra provision", absent_text="not graded: no extra")


def _ranks(assessment: Assessment, ids: set[str]) -> dict[str, tuple[int | None, ...]]:
    """The (point, best, worst) ranks of every result in *ids*, and of overall."""

    def rank(grade: object) -> int | None:
        return None if grade is None else grade.rank  # type: ignore[attr-defined]

    results = {**assessment.criteria, **assessment.judgements}
    found = {
        key: (rank(r.grade), rank(r.best), rank(r.worst))
        for key, r in results.items()
        if key in ids
    }
    overall = assessment.overall
    found["overall"] = (rank(overall.grade), rank(overall.best), rank(overall.worst))
    return found


def _without_minimum(aggregation: Aggregation, removed: str) -> Aggregation:
    rules = [
        attrs.evolve(rule, minimum={k: v for k, v in rule.minimum.items() if k != removed})
        for rule in aggregation.rules
    ]
    return attrs.evolve(aggregation, rules=rules)


def _dropped(framework: Framework, judgement_id: str | None, criterion_id: str | None) -> Framework:
    """*framework* as if it never had the judgement (or the criterion): no rule or cap names it."""
    gone = {judgement_id, criterion_id} - {None}
    if judgement_id is not None:
        gone |= {c.id for c in framework.judgement(judgement_id).criteria}
    judgements: list[Judgement] = []
    for judgement in framework.judgements:
        if judgement.id == judgement_id:
            continue
        kept = judgement
        if criterion_id is not None and judgement.id == framework.judgement_of(criterion_id).id:
            kept = attrs.evolve(
                judgement,
                criteria=[c for c in judgement.criteria if c.id != criterion_id],
                aggregation=_without_minimum(judgement.aggregation, criterion_id),
            )
        judgements.append(kept)
    overall = framework.overall
    if judgement_id is not None:
        overall = _without_minimum(overall, judgement_id)
    caps = [c for c in framework.caps if c.when not in gone and c.limits not in gone]
    return attrs.evolve(framework, judgements=judgements, overall=overall, caps=caps, group=None)


def _tied(framework: Framework, judgement_id: str | None, criterion_id: str | None) -> Framework:
    """*framework* with the judgement (or criterion) applying only where the unit has PROVISION."""
    judgements = []
    for judgement in framework.judgements:
        tied = judgement
        if judgement.id == judgement_id:
            tied = attrs.evolve(judgement, provision=PROVISION.id)
        elif criterion_id is not None:
            tied = attrs.evolve(
                judgement,
                criteria=[
                    attrs.evolve(c, provision=PROVISION.id) if c.id == criterion_id else c
                    for c in judgement.criteria
                ],
            )
        judgements.append(tied)
    return attrs.evolve(framework, judgements=judgements, provisions=[PROVISION], group=None)


def _minus(evidence: Evidence, ids: set[str], **changes: object) -> Evidence:
    return evidence.replace(dict.fromkeys(ids), **changes)


class TestNotApplicableNeverLowers:
    @given(data=st.data(), policy=st.sampled_from(["worst", "exclude"]))
    def test_absent_judgement_is_as_if_it_did_not_exist(
        self, data: st.DataObject, policy: str
    ) -> None:
        """A judgement whose provision the unit lacks moves no other grade, up or down."""
        framework = data.draw(frameworks(max_judgements=4))
        if len(framework.judgements) < 2:
            return
        target = data.draw(st.sampled_from(framework.judgements))
        evidence = data.draw(evidence_for(framework))
        own = {c.id for c in target.criteria}
        tied = _tied(framework, target.id, None)
        lacking = _minus(evidence, own, provisions={PROVISION.id: False})
        reduced = _dropped(framework, target.id, None)
        rest = {c.id for c in reduced.criteria()} | {j.id for j in reduced.judgements}
        got = assess(tied, lacking, missing=policy)
        assert not got.judgements[target.id].applies
        expected = assess(reduced, _minus(evidence, own), missing=policy)
        assert _ranks(got, rest) == _ranks(expected, rest)

    @given(data=st.data(), policy=st.sampled_from(["worst", "exclude"]))
    def test_absent_criterion_is_as_if_it_did_not_exist(
        self, data: st.DataObject, policy: str
    ) -> None:
        """A criterion whose provision the unit lacks moves no grade, up or down."""
        framework = data.draw(frameworks(max_judgements=3))
        many = [j for j in framework.judgements if len(j.criteria) > 1]
        if not many:
            return
        judgement = data.draw(st.sampled_from(many))
        target = data.draw(st.sampled_from(judgement.criteria)).id
        evidence = data.draw(evidence_for(framework))
        tied = _tied(framework, None, target)
        lacking = _minus(evidence, {target}, provisions={PROVISION.id: False})
        reduced = _dropped(framework, None, target)
        rest = {c.id for c in reduced.criteria()} | {j.id for j in reduced.judgements}
        got = assess(tied, lacking, missing=policy)
        expected = assess(reduced, _minus(evidence, {target}), missing=policy)
        assert _ranks(got, rest) == _ranks(expected, rest)

    @given(data=st.data(), policy=st.sampled_from(["worst", "exclude"]))
    def test_before_introduced_is_as_if_it_did_not_exist(
        self, data: st.DataObject, policy: str
    ) -> None:
        """A judgement the evidence's date pre-dates moves no other grade, whatever it was given."""
        framework = data.draw(frameworks(max_judgements=4))
        if len(framework.judgements) < 2:
            return
        target = data.draw(st.sampled_from(framework.judgements))
        introduced = datetime.date(2023, 1, 1)
        later = attrs.evolve(
            framework,
            judgements=[
                attrs.evolve(j, introduced=introduced) if j.id == target.id else j
                for j in framework.judgements
            ],
            group=None,
        )
        evidence = attrs.evolve(data.draw(evidence_for(framework)), date=datetime.date(2022, 6, 1))
        reduced = _dropped(framework, target.id, None)
        own = {c.id for c in target.criteria}
        rest = {c.id for c in reduced.criteria()} | {j.id for j in reduced.judgements}
        got = assess(later, evidence, missing=policy)
        assert got.judgements[target.id].grade is None
        expected = assess(reduced, _minus(evidence, own), missing=policy)
        assert _ranks(got, rest) == _ranks(expected, rest)


class TestGroupsLeaveNotApplicableOut:
    @given(data=st.data(), rule=st.sampled_from(["weakest", "best_fit"]))
    def test_member_without_the_provision_moves_no_group_grade(
        self, data: st.DataObject, rule: str
    ) -> None:
        """A member lacking a judgement's provision leaves that judgement's group grade as the
        others give it, and is never flagged as inconsistent on it."""
        framework = data.draw(frameworks(max_judgements=3))
        target = data.draw(st.sampled_from(framework.judgements))
        tied = _tied(framework, target.id, None)
        has = attrs.evolve(
            data.draw(evidence_for(framework, absent=False)),
            unit="has",
            provisions={PROVISION.id: True},
        )
        lacks = _minus(
            attrs.evolve(data.draw(evidence_for(framework)), unit="lacks"),
            {c.id for c in target.criteria},
            provisions={PROVISION.id: False},
        )
        both = assess_group(tied, [has, lacks], rule=rule, missing="worst")
        alone = assess_group(tied, [has], rule=rule, missing="worst")
        assert both.judgements[target.id].grade == alone.judgements[target.id].grade
        assert all(i.id != target.id for i in both.inconsistencies)
