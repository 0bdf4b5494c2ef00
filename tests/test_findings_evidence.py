"""Loading findings: the ``[[findings]]`` array of evidence files, mappings and Python values."""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

import attrs
import pytest

import inspectkit
from inspectkit import EvidenceError, evidence_schema, evidence_template
from inspectkit.evidence import Finding, FindingSign, FindingWeight
from inspectkit.rubric import Basis, FindingsRule, Framework, Provenance
from schema_check import validate

HEAD = 'framework = "example_centres"\nunit = "Riverside"\nsource = "Mock inspection"\n'


def finding(judgement: str, text: str, weight: str = "notable", sign: str = "weakness") -> str:
    return f'[[findings]]\njudgement = {judgement}\n{sign} = "{text}"\nweight = "{weight}"\n'


class TestFromFiles:
    def test_reads_every_key(self, example_framework: Framework) -> None:
        """A finding keeps its judgement, sign, weight, words, criterion, source, date and note."""
        text = HEAD + (
            '[[findings]]\njudgement = "access"\nweakness = " Too few come. "\n'
            'weight = "serious or widespread"\ncriterion = "registration_rate"\n'
            'source = "Report"\ndate = 2026-09-30\nnote = "Widespread: every area."\n'
        )
        evidence = inspectkit.loads_evidence(text, framework=example_framework)
        assert evidence.findings == (
            Finding(
                ("access",),
                FindingSign.WEAKNESS,
                FindingWeight.MAJOR,
                "Too few come.",
                criterion="registration_rate",
                source="Report",
                date=datetime.date(2026, 9, 30),
                note="Widespread: every area.",
            ),
        )

    def test_top_level_source_is_kept(self, example_framework: Framework) -> None:
        """The document's source is kept on the evidence."""
        evidence = inspectkit.loads_evidence(HEAD, framework=example_framework)
        assert evidence.source == "Mock inspection"

    def test_sorted_by_judgement_then_as_written(self, example_framework: Framework) -> None:
        """Findings come in the framework's judgement order, and as written within one."""
        text = HEAD + "".join(
            (
                finding('"leadership"', "L1"),
                finding('"access"', "A1"),
                finding('"leadership"', "L2"),
                finding('"access"', "A2", sign="strength"),
            )
        )
        evidence = inspectkit.loads_evidence(text, framework=example_framework)
        assert [f.text for f in evidence.findings] == ["A1", "A2", "L1", "L2"]

    def test_a_list_of_judgements_counts_in_each(self, example_framework: Framework) -> None:
        """A finding filed under two judgements appears under both, once."""
        text = HEAD + finding('["leadership", "access", "access"]', "Both")
        evidence = inspectkit.loads_evidence(text, framework=example_framework)
        assert evidence.findings[0].judgements == ("leadership", "access")
        assert len(evidence.findings_for("access")) == 1
        assert len(evidence.findings_for("leadership")) == 1

    def test_criterion_of_another_judgement_is_accepted(self, example_framework: Framework) -> None:
        """A leadership finding may be about an access criterion (the LA's data, say)."""
        text = HEAD + finding('"leadership"', "The LA does not share data.")
        text += 'criterion = "registration_rate"\n'
        evidence = inspectkit.loads_evidence(text, framework=example_framework)
        assert evidence.findings[0].criterion == "registration_rate"

    @pytest.mark.parametrize(
        ("word", "weight"),
        [
            ("minor", FindingWeight.MINOR),
            ("Notable", FindingWeight.NOTABLE),
            ("serious", FindingWeight.MAJOR),
            ("widespread", FindingWeight.MAJOR),
            ("exceptional", FindingWeight.MAJOR),
        ],
    )
    def test_weight_spellings(
        self, example_framework: Framework, word: str, weight: FindingWeight
    ) -> None:
        """Each accepted spelling gives its weight."""
        text = HEAD + finding('"access"', "x", weight=word)
        evidence = inspectkit.loads_evidence(text, framework=example_framework)
        assert evidence.findings[0].weight is weight

    def test_findings_not_an_array_is_refused(self, example_framework: Framework) -> None:
        """findings = "..." is refused at findings, with a hint to use [[findings]]."""
        with pytest.raises(EvidenceError) as caught:
            inspectkit.loads_evidence(HEAD + 'findings = "none"\n', framework=example_framework)
        issue = caught.value.issues[0]
        assert (issue.path, issue.code) == ("findings", "wrong-type")

    def test_an_item_that_is_not_a_table_is_refused(self, example_framework: Framework) -> None:
        """An array item that is not a table is refused at its index."""
        with pytest.raises(EvidenceError) as caught:
            inspectkit.loads_evidence(HEAD + "findings = [1]\n", framework=example_framework)
        issue = caught.value.issues[0]
        assert (issue.path, issue.code) == ("findings[0]", "wrong-type")

    def test_missing_judgement_is_refused(self, example_framework: Framework) -> None:
        """A finding without a judgement is refused, naming the judgements."""
        text = HEAD + '[[findings]]\nweakness = "x"\nweight = "minor"\n'
        with pytest.raises(EvidenceError) as caught:
            inspectkit.loads_evidence(text, framework=example_framework)
        issue = caught.value.issues[0]
        assert (issue.path, issue.code) == ("findings[0]", "missing-key")
        assert "access, leadership" in (issue.hint or "")

    def test_words_that_are_not_a_string_are_refused(self, example_framework: Framework) -> None:
        """strength = 3 is refused at findings[0].strength."""
        text = HEAD + '[[findings]]\njudgement = "access"\nstrength = 3\nweight = "minor"\n'
        with pytest.raises(EvidenceError) as caught:
            inspectkit.loads_evidence(text, framework=example_framework)
        issue = caught.value.issues[0]
        assert (issue.path, issue.code) == ("findings[0].strength", "wrong-type")


class TestFromPython:
    def test_mappings_and_objects(self, example_framework: Framework) -> None:
        """evidence_from_values takes Finding objects and mappings alike."""
        given = Finding("leadership", FindingSign.STRENGTH, FindingWeight.MINOR, "Good board.")
        evidence = inspectkit.evidence_from_values(
            example_framework,
            {"registration_rate": 0.7},
            findings=iter(
                [given, {"judgement": "access", "weakness": "Too few.", "weight": "notable"}]
            ),
        )
        assert [f.text for f in evidence.findings] == ["Too few.", "Good board."]
        assert evidence.findings[1] is given

    def test_an_object_with_an_unknown_judgement_is_refused(
        self, example_framework: Framework
    ) -> None:
        """A Finding naming a judgement the framework lacks is refused at its index."""
        bad = Finding("quality", FindingSign.STRENGTH, FindingWeight.MINOR, "x", criterion="nope")
        with pytest.raises(EvidenceError) as caught:
            inspectkit.evidence_from_values(example_framework, {}, findings=[bad])
        codes = [(issue.path, issue.code) for issue in caught.value.issues]
        assert codes == [
            ("findings[0].judgement", "unknown-judgement"),
            ("findings[0].criterion", "unknown-criterion"),
        ]

    def test_a_string_is_not_findings(self, example_framework: Framework) -> None:
        """findings="..." is refused as a whole, not read letter by letter."""
        with pytest.raises(EvidenceError) as caught:
            inspectkit.evidence_from_values(example_framework, {}, findings="too few")
        assert [issue.code for issue in caught.value.issues] == ["wrong-type"]

    def test_parse_evidence_reads_findings(self, example_framework: Framework) -> None:
        """A mapping document's findings are read as a file's are."""
        evidence = inspectkit.parse_evidence(
            {
                "framework": "example_centres",
                "unit": "Riverside",
                "findings": [{"judgement": "access", "strength": "Most come.", "weight": "major"}],
            },
            framework=example_framework,
        )
        assert evidence.findings[0].weight is FindingWeight.MAJOR


class TestSchemaAndTemplate:
    DOCUMENT: ClassVar[dict[str, Any]] = {
        "framework": "example_centres",
        "unit": "Riverside",
        "source": "Mock inspection",
        "findings": [
            {"judgement": ["access", "leadership"], "weakness": "Too few.", "weight": "Serious"},
            {"judgement": "access", "strength": "Most.", "weight": "notable", "date": "2026-09-30"},
        ],
    }

    def test_schema_accepts_findings(self, example_framework: Framework) -> None:
        """Findings and a top-level source validate, for any framework and for this one."""
        assert validate(self.DOCUMENT, evidence_schema()) == []
        assert validate(self.DOCUMENT, evidence_schema(example_framework)) == []

    @pytest.mark.parametrize(
        "change",
        [
            {"strength": "Both."},
            {"weight": "vast"},
            {"judgement": "quality"},
            {"criterion": "nope"},
        ],
        ids=["both-signs", "unknown-weight", "unknown-judgement", "unknown-criterion"],
    )
    def test_framework_schema_refuses_what_the_loader_refuses(
        self, example_framework: Framework, change: dict[str, Any]
    ) -> None:
        """Both signs, an unknown weight or an id the framework lacks do not validate."""
        document = {**self.DOCUMENT, "findings": [{**self.DOCUMENT["findings"][0], **change}]}
        assert validate(document, evidence_schema(example_framework)) != []

    def test_template_example_loads_when_uncommented(self, example_framework: Framework) -> None:
        """The template's findings example, uncommented, is a finding the loader reads."""
        template = evidence_template(example_framework)
        example = [line[4:] for line in template.splitlines() if line.startswith("#   ")]
        start = example.index("[[findings]]")
        text = template + "\n".join(example[start:]) + "\n"
        evidence = inspectkit.loads_evidence(text, framework=example_framework)
        assert [f.judgements for f in evidence.findings] == [("access",)]

    def test_template_says_whether_findings_change_grades(
        self, example_framework: Framework
    ) -> None:
        """A framework without findings rules says findings change no grade."""
        assert "change no grade" in evidence_template(example_framework)
        ruled = attrs.evolve(example_framework, findings=FindingsRule(Provenance(Basis.MODELLED)))
        assert "change no grade" not in evidence_template(ruled)
