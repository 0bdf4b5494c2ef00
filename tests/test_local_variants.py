"""Local variants: evidence written for the parent framework is accepted for a variant."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import tomli_w

import inspectkit
from inspectkit.cli import main
from inspectkit.loading._dump import framework_to_dict

PARENT_ID = "ofsted_childrens_centres_2014"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "riverside-nearly-good.toml"


@pytest.fixture
def variant(tmp_path: Path) -> Path:
    """A local variant that extends the bundled framework and changes only its id."""
    path = tmp_path / "local.toml"
    path.write_text(
        f'extends = "{PARENT_ID}"\nid = "local_centres"\ntitle = "Local"\nversion = "1"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def grandchild(tmp_path: Path, variant: Path) -> Path:
    """A variant of the local variant, named by a path."""
    path = tmp_path / "grand.toml"
    path.write_text(
        'extends = "local.toml"\nid = "grand_centres"\ntitle = "Grand"\nversion = "1"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def evidence(tmp_path: Path) -> Path:
    """An evidence file that names the parent framework by id."""
    path = tmp_path / "centre.toml"
    shutil.copy(EXAMPLE, path)
    return path


class TestLineage:
    """The loader records the ids a framework extends."""

    def test_a_framework_that_extends_nothing_has_no_lineage(self) -> None:
        """A bundled framework that extends nothing has an empty lineage."""
        assert inspectkit.load_framework(PARENT_ID).lineage == ()

    def test_a_variant_records_its_parent(self, variant: Path) -> None:
        """A variant's lineage is its parent's id."""
        assert inspectkit.load_framework(variant).lineage == (PARENT_ID,)

    def test_a_variant_of_a_variant_records_ancestors_nearest_first(self, grandchild: Path) -> None:
        """A variant of a variant lists its parent, then the parent's parent."""
        assert inspectkit.load_framework(grandchild).lineage == ("local_centres", PARENT_ID)

    def test_parse_framework_records_lineage(self) -> None:
        """A mapping that extends a bundled id gets that id as its lineage."""
        framework = inspectkit.parse_framework(
            {"extends": PARENT_ID, "id": "local_centres", "title": "Local", "version": "1"}
        )
        assert framework.lineage == (PARENT_ID,)

    def test_lineage_is_not_written_and_round_trips_to_an_equal_framework(
        self, variant: Path
    ) -> None:
        """framework_to_dict writes a flat file without lineage that loads to an equal framework."""
        framework = inspectkit.load_framework(variant)
        data = framework_to_dict(framework)
        assert "lineage" not in data
        assert inspectkit.loads_framework(tomli_w.dumps(data)) == framework


class TestEvidenceForTheParent:
    """Evidence naming an ancestor's id is checked against the variant."""

    def test_load_evidence_accepts_the_parent_id(self, evidence: Path, variant: Path) -> None:
        """Evidence naming the parent loads against the variant, as evidence for the variant."""
        loaded = inspectkit.load_evidence(evidence, framework=variant)
        assert loaded.framework == "local_centres"

    def test_assess_with_the_variant(self, evidence: Path, variant: Path) -> None:
        """The variant assesses evidence written for the parent to the parent's grades."""
        framework = inspectkit.load_framework(variant)
        parent = inspectkit.load_framework(PARENT_ID)
        ours = inspectkit.assess(framework, inspectkit.load_evidence(evidence, framework=variant))
        theirs = inspectkit.assess(parent, inspectkit.load_evidence(evidence))
        assert ours.overall.grade == theirs.overall.grade

    def test_a_grandparent_id_is_accepted(self, evidence: Path, grandchild: Path) -> None:
        """Evidence naming the grandparent loads against a variant of a variant."""
        assert inspectkit.load_evidence(evidence, framework=grandchild).framework == (
            "grand_centres"
        )

    def test_an_unrelated_id_is_still_refused(self, tmp_path: Path, variant: Path) -> None:
        """Evidence naming a framework the variant does not extend is a framework-mismatch."""
        text = EXAMPLE.read_text(encoding="utf-8").replace(
            f'framework = "{PARENT_ID}"', 'framework = "extended_services_core_offer"'
        )
        with pytest.raises(inspectkit.EvidenceError) as caught:
            inspectkit.loads_evidence(text, framework=variant)
        assert [issue.code for issue in caught.value.issues] == ["framework-mismatch"]

    def test_the_parent_does_not_accept_the_variant_id(self, tmp_path: Path) -> None:
        """Evidence naming the variant is refused by the parent: lineage points one way."""
        text = EXAMPLE.read_text(encoding="utf-8").replace(
            f'framework = "{PARENT_ID}"', 'framework = "local_centres"'
        )
        with pytest.raises(inspectkit.EvidenceError) as caught:
            inspectkit.loads_evidence(text, framework=PARENT_ID)
        assert [issue.code for issue in caught.value.issues] == ["framework-mismatch"]

    def test_cli_assess_with_the_variant(
        self, evidence: Path, variant: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`inspectkit assess EVIDENCE --framework VARIANT` accepts evidence naming the parent."""
        code = main(["assess", str(evidence), "--framework", str(variant)])
        captured = capsys.readouterr()
        assert code == 0, captured.err
        assert "framework-mismatch" not in captured.err


@pytest.fixture
def stricter(tmp_path: Path) -> Path:
    """A local variant that raises the good threshold of registration_under5."""
    path = tmp_path / "stricter.toml"
    path.write_text(
        f'extends = "{PARENT_ID}"\nid = "stricter_centres"\ntitle = "Stricter"\nversion = "1"\n'
        '[[judgements]]\nid = "access"\n[[judgements.criteria]]\nid = "registration_under5"\n'
        "thresholds = { outstanding = 0.98, good = 0.9, requires_improvement = 0.5 }\n",
        encoding="utf-8",
    )
    return path


class TestCompareWithAVariant:
    """A parent assessment and a variant assessment compare as one framework's versions."""

    def test_parent_then_variant_lists_the_changes(self, evidence: Path, stricter: Path) -> None:
        """compare(parent, variant) succeeds and lists the variant's changes."""
        parent = inspectkit.load_framework(PARENT_ID)
        variant = inspectkit.load_framework(stricter)
        before = inspectkit.assess(parent, inspectkit.load_evidence(evidence))
        after = inspectkit.assess(variant, inspectkit.load_evidence(evidence, framework=variant))
        comparison = inspectkit.compare(before, after)
        assert [(c.kind, c.id) for c in comparison.framework_changes] == [
            ("threshold_changed", "registration_under5")
        ]

    def test_sibling_variants_are_refused(
        self, evidence: Path, stricter: Path, variant: Path
    ) -> None:
        """Two variants of one parent are different frameworks to each other."""
        one = inspectkit.load_framework(stricter)
        two = inspectkit.load_framework(variant)
        a = inspectkit.assess(one, inspectkit.load_evidence(evidence, framework=one))
        b = inspectkit.assess(two, inspectkit.load_evidence(evidence, framework=two))
        with pytest.raises(inspectkit.ComparisonError) as caught:
            inspectkit.compare(a, b)
        assert [issue.code for issue in caught.value.issues] == ["different-framework"]
