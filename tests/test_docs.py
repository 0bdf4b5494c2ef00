"""The documentation cannot rot: this module is the one runner of its code blocks.

Every fenced ```python block in README.md and docs/**/*.md runs, in order, one namespace per
file, with the repository root as the working directory. Every ```toml block parses; a block
with a top-level ``id`` loads as a framework (one that ``extends`` a parent only when the parent
is a bundled framework), and a block with a top-level ``framework`` loads as evidence (checked
against that framework when it is bundled); a fragment holding ``findings`` or ``evidence``
loads as evidence for the framework of its page's first evidence example. Group files
(``members``) and other fragments (``[project...]``, a framework's ``[group]`` or ``[findings]``
table) only parse: they name files or a framework the page does not give. A Python block that
starts with ``# needs openpyxl`` is skipped where that optional extra is not installed. Other
test modules check what the pages *say*; none runs a block again.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest
import tomli

import inspectkit

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
WITH_PYTHON = [path for path in DOCS if "```python" in path.read_text(encoding="utf-8")]
BUNDLED = frozenset(info.id for info in inspectkit.list_frameworks() if info.origin == "bundled")


def blocks(path: Path, language: str) -> list[str]:
    """Return the fenced code blocks of *language* in the Markdown file *path*, in order."""
    return re.findall(rf"^```{language}\n(.*?)^```", path.read_text("utf-8"), re.DOTALL | re.M)


def _toml_blocks() -> list[tuple[str, str]]:
    """Every TOML block of the docs as (label, source), labelled by file and block number."""
    return [
        (f"{path.relative_to(ROOT)}#{number}", source)
        for path in DOCS
        for number, source in enumerate(blocks(path, "toml"), start=1)
    ]


def _kind(data: dict[str, Any]) -> str:
    if "id" in data:
        return "framework"
    if "members" in data:
        return "group"
    if "framework" in data:
        return "evidence"
    return "fragment"


TOML = _toml_blocks()


def _loadable_framework(data: dict[str, Any]) -> bool:
    return _kind(data) == "framework" and ("extends" not in data or data["extends"] in BUNDLED)


FRAMEWORKS = [(label, source) for label, source in TOML if _loadable_framework(tomli.loads(source))]
EVIDENCE = [(label, source) for label, source in TOML if _kind(tomli.loads(source)) == "evidence"]


def _evidence_fragments() -> list[tuple[str, str, str]]:
    """Evidence fragments as (label, framework id, source).

    A fragment with ``findings`` or ``evidence`` on a page whose first complete evidence example
    names a bundled framework is part of an evidence file for that framework.
    """
    found = []
    for path in DOCS:
        sources = blocks(path, "toml")
        parsed = [tomli.loads(source) for source in sources]
        named = next((data["framework"] for data in parsed if _kind(data) == "evidence"), None)
        if named not in BUNDLED:
            continue
        for number, (source, data) in enumerate(zip(sources, parsed, strict=True), start=1):
            if _kind(data) == "fragment" and {"findings", "evidence"} & set(data):
                found.append((f"{path.relative_to(ROOT)}#{number}", named, source))
    return found


FRAGMENTS = _evidence_fragments()


class TestPythonExamples:
    @pytest.mark.parametrize("path", WITH_PYTHON, ids=lambda p: str(p.relative_to(ROOT)))
    def test_python_blocks_run(self, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Every Python block of the file runs without error, in order, in one namespace."""
        monkeypatch.chdir(ROOT)
        namespace: dict[str, Any] = {"__name__": f"docs:{path.name}"}
        for number, source in enumerate(blocks(path, "python"), start=1):
            if source.startswith("# needs openpyxl") and not importlib.util.find_spec("openpyxl"):
                continue  # the excel extra's example: the tests extra installs it, so CI runs it
            code = compile(source, f"{path.name} (python block {number})", "exec")
            exec(code, namespace)


class TestTomlExamples:
    @pytest.mark.parametrize(("label", "source"), TOML, ids=[label for label, _ in TOML])
    def test_toml_block_parses(self, label: str, source: str) -> None:
        """Every TOML block of the docs is valid TOML."""
        assert isinstance(tomli.loads(source), dict)

    @pytest.mark.parametrize(("label", "source"), FRAMEWORKS, ids=[lb for lb, _ in FRAMEWORKS])
    def test_framework_block_loads(self, label: str, source: str) -> None:
        """Every framework example (or variant of a bundled framework) loads with its own id."""
        framework = inspectkit.loads_framework(source, name=label)
        assert framework.id == tomli.loads(source)["id"]

    @pytest.mark.parametrize(("label", "source"), EVIDENCE, ids=[lb for lb, _ in EVIDENCE])
    def test_evidence_block_loads(self, label: str, source: str) -> None:
        """Every evidence example loads, against the framework it names when that is bundled."""
        named = tomli.loads(source)["framework"]
        framework = inspectkit.load_framework(named) if named in BUNDLED else None
        evidence = inspectkit.loads_evidence(source, framework=framework, name=label)
        assert evidence.framework == named

    @pytest.mark.parametrize(
        ("label", "framework_id", "source"), FRAGMENTS, ids=[lb for lb, _, _ in FRAGMENTS]
    )
    def test_evidence_fragment_loads(self, label: str, framework_id: str, source: str) -> None:
        """Every evidence fragment loads under a header naming its page's framework."""
        header = f'framework = "{framework_id}"\nunit = "Example"\n'
        evidence = inspectkit.loads_evidence(header + source, framework=framework_id, name=label)
        assert evidence.framework == framework_id

    def test_the_runner_finds_the_examples(self) -> None:
        """The docs hold the complete framework example, both guides' variants and evidence."""
        labels = {label.split("#")[0] for label, _ in FRAMEWORKS}
        assert {"docs/framework-format.md"} | {
            str(path.relative_to(ROOT)) for path in (ROOT / "docs" / "frameworks").glob("*.md")
        } <= labels
        assert len(EVIDENCE) >= 2
        assert len(WITH_PYTHON) >= 5
