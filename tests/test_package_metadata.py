"""Tests for the package's metadata: the licence ships with it, the classifiers tell the truth."""

from __future__ import annotations

import re
from importlib.metadata import files, metadata
from pathlib import Path

import tomli

ROOT = Path(__file__).parent.parent
PROJECT = tomli.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


class TestLicence:
    def test_the_repository_has_the_mit_licence(self) -> None:
        """LICENSE is the MIT licence of the inspectkit developers."""
        text = (ROOT / "LICENSE").read_text(encoding="utf-8")
        assert text.startswith("MIT License\n")
        assert "Copyright (c) 2026 The inspectkit developers" in text

    def test_the_installed_package_carries_the_licence(self) -> None:
        """The installed distribution lists LICENSE and ships it in its metadata folder."""
        assert metadata("inspectkit").get_all("License-File") == ["LICENSE"]
        assert any(path.name == "LICENSE" for path in files("inspectkit") or ())

    def test_the_sdist_includes_the_licence(self) -> None:
        """The sdist's include list names LICENSE (hatchling ships only what it lists)."""
        config = tomli.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        assert "LICENSE" in config["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]


class TestClassifiers:
    def test_python_versions_match_requires_python(self) -> None:
        """The Python version classifiers start at the minimum requires-python names."""
        minimum = re.fullmatch(r">=3\.(\d+)", PROJECT["requires-python"])
        assert minimum is not None
        versions = sorted(
            int(found[1])
            for classifier in PROJECT["classifiers"]
            if (found := re.fullmatch(r"Programming Language :: Python :: 3\.(\d+)", classifier))
        )
        assert versions == list(range(int(minimum[1]), versions[-1] + 1))
        assert versions[-1] >= 13

    def test_console_jupyter_and_topic_are_declared(self) -> None:
        """The classifiers name the console, Jupyter, a topic and OS independence."""
        classifiers = set(PROJECT["classifiers"])
        assert {"Environment :: Console", "Framework :: Jupyter"} <= classifiers
        assert "Operating System :: OS Independent" in classifiers
        assert any(classifier.startswith("Topic :: ") for classifier in classifiers)


class TestInstallInstructions:
    def test_readme_states_the_python_version(self) -> None:
        """The README says which Python inspectkit needs."""
        assert "Python 3.10 or later" in (ROOT / "README.md").read_text(encoding="utf-8")

    def test_no_page_installs_from_pypi(self) -> None:
        """No page tells people to pip install inspectkit by name: it is not on PyPI."""
        pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
        claims = [
            page.name
            for page in pages
            if re.search(r"pip install ['\"]?inspectkit\b", page.read_text(encoding="utf-8"))
        ]
        assert claims == []
