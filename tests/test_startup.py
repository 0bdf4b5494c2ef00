"""What `import inspectkit` and a plain assessment load (issue 15: a fast start).

Each check runs in a fresh interpreter, so modules other tests imported cannot hide a regression.
A module registered but not yet run (the old module names' entries, made with
`importlib.util.LazyLoader`) does not count as loaded. No timing is asserted:
``benchmarks/bench_startup.py`` prints the figures.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

import inspectkit
import inspectkit.cli
import inspectkit.evidence
import inspectkit.results
from inspectkit._lazy import define_all
from scripts_for_tests import ROOT, load_script

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "riverside-2026-06.toml"

# Modules only rare paths need: writing a framework back out (cattrs), looking up frameworks
# installed by other packages or printing the version (importlib.metadata).
RARE = ("cattrs", "importlib.metadata")

# What `import inspectkit` must not load: the package's models and loaders (the first use of a
# name loads them) and the standard library they need.
NOT_AT_IMPORT = (
    "attrs",
    "typing",
    "re",
    "pathlib",
    "datetime",
    "tomli",
    "inspectkit.errors",
    "inspectkit.results",
    "inspectkit.loading",
    "inspectkit.scoring",
    "inspectkit.calibration",
    "inspectkit.scenarios",
)

# What assessing one evidence file and printing the text report never uses: the other use cases,
# the other formats' renderers, the group/table/template/schema readers, the command line, and
# the standard library only they need.
NOT_FOR_ASSESS = (
    *RARE,
    "inspectkit.batch",
    "inspectkit.calibration",
    "inspectkit.groups",
    "inspectkit.progress",
    "inspectkit._results.calibration",
    "inspectkit._results.findings",
    "inspectkit._results.groups",
    "inspectkit._results.progress",
    "inspectkit._results.table",
    "inspectkit._results.whatif",
    "inspectkit.scenarios",
    "inspectkit.schema",
    "inspectkit.cli",
    "inspectkit.render._data",
    "inspectkit.render._svg",
    "inspectkit.render._xlsx",
    "inspectkit.render.html",
    "inspectkit.render.markdown",
    "inspectkit.loading._dump",
    "inspectkit.loading._evidence_schema",
    "inspectkit.loading._group",
    # Merging (extends), workbooks' zip checks and derived statuses: the bundled framework
    # extends none and has no statuses, and the evidence is no workbook.
    "inspectkit.loading._merge",
    "inspectkit.loading._statuses",
    "inspectkit.loading._unzip",
    "inspectkit.loading._table",
    "inspectkit.loading._template",
    "argparse",
    # pathlib (and the urllib.parse and ipaddress it imports): a bundled framework's file is
    # found and read by string paths (loading._registry.find_framework_file).
    "pathlib",
    "urllib.parse",
    "ipaddress",
    "textwrap",
    # A bundled framework's parsed form is JSON, read by json's C scanner without importing
    # json (loading._parsed._read_json).
    "json",
    "csv",
    "difflib",
    "tempfile",
    "shutil",
    "random",
    "zipfile",
    "decimal",
    "fractions",
    "numbers",  # only a value that is no int or float (a numpy scalar) needs its classes
    "numpy",
    "pandas",
)

# What `inspectkit assess FILE` never uses: every other command's module and what only they
# need, beside what the assessment itself does not. Its arguments are read without argparse.
NOT_FOR_ASSESS_COMMAND = (
    *(name for name in NOT_FOR_ASSESS if name != "inspectkit.cli"),
    "gettext",
    "inspectkit.cli._batch",
    "inspectkit.cli._calibrate",
    "inspectkit.cli._completion",
    "inspectkit.cli._evidence",
    "inspectkit.cli._frameworks",
    "inspectkit.cli._groups",
    "inspectkit.cli._schema",
)


def python_output(code: str) -> str:
    """Return what *code* prints, run in a fresh interpreter (which must exit 0)."""
    return subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout


def loaded_after(code: str) -> set[str]:
    """Return the names of the modules loaded (run) after running *code* in a fresh interpreter."""
    probe = (
        # The child drops COLUMNS first, as a report written to a pipe or a file has none: with
        # it the text is wrapped, which loads textwrap (a terminal or a CI runner may set it).
        "import os\nos.environ.pop('COLUMNS', None)\n"
        f"{code}\nimport sys\n"
        "loaded = sorted(name for name, module in sys.modules.items()"
        " if type(module).__name__ != '_LazyModule')\n"
        "import json\n"  # after the list: json itself loads re
        "print(json.dumps(loaded))"
    )
    output = python_output(probe)
    return set(json.loads(output.splitlines()[-1]))


ASSESS = (
    "import inspectkit\n"
    f"evidence = inspectkit.load_evidence({str(EXAMPLE)!r})\n"
    "framework = inspectkit.load_framework(evidence.framework)\n"
    "print(inspectkit.assess(framework, evidence).to_text())"
)

ASSESS_COMMAND = (
    "import contextlib, io\n"
    "from inspectkit.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    f"    code = main(['assess', {str(EXAMPLE)!r}])\n"
    "assert code == 0, code"
)


class TestImport:
    def test_import_loads_no_rare_module(self) -> None:
        """A plain `import inspectkit` loads neither cattrs nor importlib.metadata."""
        assert loaded_after("import inspectkit") & set(RARE) == set()

    def test_import_runs_no_module_of_the_package(self) -> None:
        """`import inspectkit` runs none of the package's modules, nor attrs, typing or tomli."""
        assert loaded_after("import inspectkit") & set(NOT_AT_IMPORT) == set()

    def test_version_still_reads_the_metadata(self) -> None:
        """`inspectkit.__version__` still comes from the installed package's metadata."""
        assert "importlib.metadata" in loaded_after("import inspectkit; inspectkit.__version__")


class TestAssessing:
    def test_assessing_a_bundled_framework_loads_no_rare_module(self) -> None:
        """Assessing evidence against a bundled framework loads neither cattrs nor metadata."""
        assert loaded_after(ASSESS) & set(RARE) == set()

    def test_assessing_loads_nothing_it_does_not_use(self) -> None:
        """An assessment and its text report load no other use case, format or reader."""
        assert sorted(loaded_after(ASSESS) & set(NOT_FOR_ASSESS)) == []

    def test_the_assess_command_loads_no_other_command(self) -> None:
        """``inspectkit assess FILE`` loads no other command's module or what only it needs."""
        assert sorted(loaded_after(ASSESS_COMMAND) & set(NOT_FOR_ASSESS_COMMAND)) == []

    def test_a_bundled_file_s_string_path_is_the_path_of_bundled_dir(self) -> None:
        """The string path a bundled id is found at is ``bundled_dir() / f"{id}.toml"``."""
        from inspectkit.loading import _registry

        found = _registry.find_framework_file("ofsted_childrens_centres_2014")
        assert found == str(_registry.bundled_dir() / "ofsted_childrens_centres_2014.toml")

    def test_the_probe_sees_modules_a_run_loads(self) -> None:
        """The probe reports the modules an assessment does load (so its silence means none)."""
        assert {"inspectkit.rubric", "inspectkit.render.text", "attrs"} <= loaded_after(ASSESS)


class TestLazyNames:
    @pytest.mark.parametrize("name", inspectkit.__all__)
    def test_every_public_name_is_its_module_s_object(self, name: str) -> None:
        """Each name of `inspectkit.__all__` is the very object its module defines."""
        module = importlib.import_module(inspectkit._MODULE_OF[name])
        assert getattr(inspectkit, name) is getattr(module, name)

    def test_the_lazy_table_names_exactly_the_public_names(self) -> None:
        """The table of where each name lives lists `__all__`, no more and no fewer."""
        assert sorted(inspectkit._MODULE_OF) == sorted(inspectkit.__all__)

    def test_star_import_gives_every_public_name(self) -> None:
        """``from inspectkit import *`` binds every name of `__all__`."""
        code = (
            "from inspectkit import *\n"
            "bound = set(globals())\n"
            "import inspectkit\n"
            "print(sorted(set(inspectkit.__all__) - bound))"
        )
        output = python_output(code)
        assert output.strip() == "[]"

    def test_dir_lists_names_not_yet_loaded(self) -> None:
        """`dir(inspectkit)` lists every public name, loaded or not."""
        assert set(inspectkit.__all__) <= set(dir(inspectkit))

    def test_an_unknown_name_is_an_attribute_error(self) -> None:
        """Reading a name the package does not have raises AttributeError."""
        with pytest.raises(AttributeError, match="no_such_name"):
            _ = inspectkit.no_such_name  # type: ignore[attr-defined]

    def test_a_submodule_is_an_attribute_without_an_import(self) -> None:
        """``inspectkit.rubric`` is the module, as when the package imported everything."""
        assert inspectkit.rubric is importlib.import_module("inspectkit.rubric")

    @pytest.mark.parametrize("package", ["inspectkit.loading", "inspectkit.scoring"])
    def test_subpackage_names_are_their_module_s_objects(self, package: str) -> None:
        """Each name of a lazy subpackage's `__all__` is the object its module defines."""
        module = importlib.import_module(package)
        for name in module.__all__:
            source, _, attribute = module._MODULE_OF[name].partition(":")
            assert getattr(module, name) is getattr(
                importlib.import_module(source), attribute or name
            )


class TestLazyResults:
    @pytest.mark.parametrize("name", sorted(inspectkit.results._MODULE_OF))
    def test_each_lazy_result_name_is_its_module_s_object(self, name: str) -> None:
        """A result model defined in `inspectkit._results` is read from `inspectkit.results`."""
        module = importlib.import_module(inspectkit.results._MODULE_OF[name])
        assert getattr(inspectkit.results, name) is getattr(module, name)

    def test_every_name_of_results_all_can_be_read(self) -> None:
        """Every name `inspectkit.results.__all__` lists is an attribute of the module."""
        assert [n for n in inspectkit.results.__all__ if not hasattr(inspectkit.results, n)] == []

    def test_the_old_import_path_still_works(self) -> None:
        """``from inspectkit.results import Comparison`` gives the model, as before the split."""
        from inspectkit.results import Comparison

        assert Comparison is inspectkit.Comparison

    def test_importing_results_defines_no_lazy_model(self) -> None:
        """Importing `inspectkit.results` loads no split model but those its annotations name."""
        loaded = loaded_after("import inspectkit.results")
        split = sorted(name for name in loaded if name.startswith("inspectkit._results"))
        assert split == ["inspectkit._results", "inspectkit._results.statuses"]

    def test_the_records_renderer_defines_no_lazy_model(self) -> None:
        """Importing the records and CSV renderer (every batch CSV does) loads no lazy model."""
        loaded = loaded_after("import inspectkit.render._data")
        split = sorted(name for name in loaded if name.startswith("inspectkit._results"))
        assert split == ["inspectkit._results", "inspectkit._results.statuses"]

    def test_dir_lists_the_lazy_names(self) -> None:
        """`dir(inspectkit.results)` lists the models not yet loaded beside the others."""
        assert {"Comparison", "Timeline", "Assessment"} <= set(dir(inspectkit.results))

    def test_an_unknown_name_is_an_attribute_error(self) -> None:
        """Reading a name `inspectkit.results` does not have raises AttributeError."""
        with pytest.raises(AttributeError, match="no_such_name"):
            _ = inspectkit.results.no_such_name


class TestRubricParts:
    def test_the_old_import_path_still_works(self) -> None:
        """``from inspectkit.rubric import DerivedStatus`` gives the model, as before the split."""
        from inspectkit._rubric.statuses import DerivedStatus as Defined
        from inspectkit.rubric import DerivedStatus

        assert DerivedStatus is Defined

    def test_every_name_of_rubric_all_can_be_read(self) -> None:
        """Every name `inspectkit.rubric.__all__` lists is an attribute of the module."""
        assert [n for n in inspectkit.rubric.__all__ if not hasattr(inspectkit.rubric, n)] == []

    def test_importing_rubric_binds_the_parts_its_annotations_name(self) -> None:
        """`inspectkit.rubric`'s namespace holds the split models once imported (no lazy read)."""
        code = (
            "import inspectkit.rubric as r\n"
            "print(sorted(n for n in ('Change', 'Provision', 'Scale', 'Accuracy', 'DerivedStatus',"
            " 'StatusLevel', 'Condition') if n not in vars(r)))"
        )
        output = python_output(code)
        assert output.strip() == "[]"

    def test_loading_a_framework_with_statuses_builds_them(self) -> None:
        """A framework with derived statuses holds the status models it is built from."""
        framework = inspectkit.load_framework("ofsted_schools_2025")
        assert framework.statuses
        assert isinstance(framework.statuses[0], inspectkit.rubric.DerivedStatus)


class TestAnnotations:
    @pytest.mark.parametrize("module", ["inspectkit.evidence", "inspectkit.results"])
    def test_define_all_puts_every_lazy_name_in_the_namespace(self, module: str) -> None:
        """After `define_all`, the module's own namespace holds each of its lazy names."""
        loaded = importlib.import_module(module)
        define_all(loaded)
        assert sorted(set(loaded._MODULE_OF) - set(vars(loaded))) == []

    @pytest.mark.parametrize(
        "module",
        [
            "inspectkit.rubric",
            "inspectkit.evidence",
            "inspectkit.results",
            *sorted(
                {
                    *inspectkit.evidence._MODULE_OF.values(),
                    *inspectkit.results._MODULE_OF.values(),
                }
            ),
        ],
    )
    def test_every_model_s_annotations_resolve(self, module: str) -> None:
        """Every attrs model's annotations resolve (cattrs' view) once the lazy names are read."""
        define_all(inspectkit.rubric)
        define_all(inspectkit.evidence)
        define_all(inspectkit.results)
        loaded = importlib.import_module(module)
        models = [
            value
            for value in vars(loaded).values()
            if attrs.has(value) and value.__module__ == loaded.__name__
        ]
        assert models
        for model in models:
            attrs.resolve_types(model)


def models_of_the_assess_command() -> dict[str, int]:
    """Return each attrs class ``inspectkit assess FILE`` defines -> its ``__init__`` calls.

    Runs the command in a fresh interpreter whose ``attrs.frozen`` and ``attrs.define`` note
    every class they make (``module.qualname``) and count the calls of its ``__init__``.
    """
    probe = (
        "import collections, json, attrs\n"
        "made = collections.Counter(); defined = []\n"
        "def noting(decorate):\n"
        "    def wrapped(maybe_cls=None, **options):\n"
        "        def apply(cls):\n"
        "            out = decorate(cls, **options)\n"
        "            name = f'{out.__module__}.{out.__qualname__}'\n"
        "            defined.append(name)\n"
        "            init = out.__init__\n"
        "            def __init__(self, *args, **kwargs):\n"
        "                made[name] += 1\n"
        "                init(self, *args, **kwargs)\n"
        "            out.__init__ = __init__\n"
        "            return out\n"
        "        return apply if maybe_cls is None else apply(maybe_cls)\n"
        "    return wrapped\n"
        "attrs.frozen = noting(attrs.frozen); attrs.define = noting(attrs.define)\n"
        f"{ASSESS_COMMAND}\n"
        "print(json.dumps({name: made[name] for name in defined}))"
    )
    output = python_output(probe)
    found: dict[str, int] = json.loads(output.splitlines()[-1])
    return found


MADE_WITHOUT_INIT = {
    "inspectkit.results.Gap": "a gap list's gaps are made by Gap._later, with object.__new__",
}
"""Models the command builds without calling their ``__init__``, which the probe counts."""


# The attrs classes a plain ``inspectkit assess FILE`` still defines without building one, each
# with why it is still defined. Shrink this list as they move behind lazy names; a new class on
# the path that the command never builds fails `TestModelsDefined`.
DEFINED_UNBUILT = {
    "inspectkit.errors.Issue": "raised with every loader error, from the module every one imports",
    "inspectkit.grades.GradeColour": "a field of Grade",
    "inspectkit.evidence.Interval": "checked with isinstance on the scoring loop's values",
    "inspectkit.evidence.GradeRange": "checked with isinstance on the scoring loop's values",
    "inspectkit.evidence.Remark": "checked with isinstance on the scoring loop's values",
    "inspectkit.evidence.Finding": "checked with isinstance by the evidence reader",
    "inspectkit.evidence.GivenGrade": "checked with isinstance by the scoring loop",
    "inspectkit.scoring._lift._Gains": "the lift planner's record",
    "inspectkit.scoring._probes.GapProbe": "the gap search's record",
    **dict.fromkeys(
        [
            *(
                f"inspectkit._rubric.parts.{name}"
                for name in ("Accuracy", "Change", "Provision", "Scale")
            ),
            *(
                f"inspectkit._rubric.statuses.{name}"
                for name in ("Condition", "DerivedStatus", "StatusLevel")
            ),
            "inspectkit._results.statuses.StatusPlan",
            "inspectkit._results.statuses.StatusResult",
        ],
        "named by a public model's annotations, so bound at import (tests/test_type_hints.py)",
    ),
}


class TestModelsDefined:
    def test_the_assess_command_defines_only_models_it_builds(self) -> None:
        """Every attrs class ``inspectkit assess FILE`` defines it builds, but the known few."""
        defined = models_of_the_assess_command()
        unbuilt = {name for name, count in defined.items() if count == 0}
        assert sorted(unbuilt - set(DEFINED_UNBUILT) - set(MADE_WITHOUT_INIT)) == []

    def test_the_assess_command_defines_no_lazy_model(self) -> None:
        """``inspectkit assess FILE`` defines none of the models split out of rubric and results."""
        defined = models_of_the_assess_command()
        split = {
            **inspectkit.evidence._MODULE_OF,
            **inspectkit.results._MODULE_OF,
        }
        lazy = {f"{module}.{name}" for name, module in split.items()}
        assert sorted(set(defined) & lazy) == []

    def test_the_probe_counts_the_models_built(self) -> None:
        """The probe sees the models an assessment builds (so a zero there means none)."""
        defined = models_of_the_assess_command()
        assert defined["inspectkit.rubric.Framework"] == 1
        assert defined["inspectkit.results.CriterionResult"] > 0

    def test_the_known_unbuilt_models_are_still_defined(self) -> None:
        """Each model listed as defined but never built still is (else drop it from the list)."""
        defined = models_of_the_assess_command()
        assert sorted(set(DEFINED_UNBUILT) - {n for n, c in defined.items() if c == 0}) == []


def registered_commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Return the commands of *parser*, by name."""
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update(action.choices)
    return found


class TestPlainAssess:
    @pytest.mark.parametrize("evidence", ["riverside.toml", "-", "", "assess", "a b=c.toml"])
    def test_the_plain_form_reads_as_the_parser_reads_it(self, evidence: str) -> None:
        """``assess EVIDENCE`` read without argparse gives every value the parser gives."""
        arguments = ["assess", evidence]
        parsed = inspectkit.cli.build_parser("assess").parse_args(arguments)
        plain = inspectkit.cli._plain_assess(arguments)
        assert plain is not None
        assert vars(plain) == vars(parsed)

    @pytest.mark.parametrize(
        "arguments",
        [
            ["assess"],
            ["assess", "a.toml", "b.toml"],
            ["assess", "--help"],
            ["assess", "-f"],
            ["assess", "--"],
            ["assess", "a.toml", "--target", "good"],
            ["check", "a.toml"],
            ["--version"],
        ],
    )
    def test_any_other_command_line_goes_to_the_parser(self, arguments: list[str]) -> None:
        """Options, help, other commands and other counts of arguments are not read plainly."""
        assert inspectkit.cli._plain_assess(arguments) is None

    def test_the_plain_form_writes_the_parser_s_report(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``assess FILE`` writes the same report as ``assess FILE --color auto`` (parsed)."""
        assert inspectkit.cli.main(["assess", str(EXAMPLE)]) == 0
        plain = capsys.readouterr()
        assert inspectkit.cli.main(["assess", str(EXAMPLE), "--color", "auto"]) == 0
        assert capsys.readouterr() == plain


class TestRun:
    def test_run_exits_with_the_command_s_code(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`inspectkit.cli.run` ends with the exit code `main` returns for ``sys.argv``."""
        monkeypatch.setattr(sys, "argv", ["inspectkit", "no-such-command"])
        thresholds = gc.get_threshold()
        try:
            with pytest.raises(SystemExit) as exit_:
                inspectkit.cli.run()
        finally:
            gc.unfreeze()  # run froze this (test) process's objects, as it does at exit
            gc.set_threshold(*thresholds)  # and made its collector wait longer
        assert exit_.value.code == 2
        assert "no-such-command" in capsys.readouterr().err

    def test_the_collector_waits_longer_only_for_young_objects(self) -> None:
        """`start_collector` sets the young generation's threshold and keeps the older ones."""
        thresholds = gc.get_threshold()
        try:
            gc.set_threshold(700, 11, 12)
            inspectkit.cli.start_collector()
            assert gc.get_threshold() == (inspectkit.cli.COLLECT_AFTER, 11, 12)
        finally:
            gc.set_threshold(*thresholds)

    def test_importing_the_command_line_loads_no_model(self) -> None:
        """`import inspectkit.cli` loads neither attrs nor typing, so `run` starts the collector
        before the models are imported."""
        assert (
            loaded_after("import inspectkit.cli") & {"attrs", "typing", "inspectkit.errors"}
            == set()
        )

    def test_the_module_runs_the_command_line(self) -> None:
        """``python -m inspectkit assess FILE`` writes the report and exits 0."""
        result = subprocess.run(
            [sys.executable, "-m", "inspectkit", "assess", str(EXAMPLE)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (result.returncode, result.stderr) == (0, "")
        assert "Overall effectiveness" in result.stdout


class TestOneCommand:
    def test_the_full_parser_has_exactly_the_listed_commands(self) -> None:
        """Every command the full parser registers is listed with its module, in help order."""
        assert list(registered_commands(inspectkit.cli.build_parser())) == list(
            inspectkit.cli.COMMANDS
        )

    @pytest.mark.parametrize("command", sorted(inspectkit.cli.COMMANDS))
    def test_one_command_s_parser_has_that_command(self, command: str) -> None:
        """The parser built for one command registers it, as the full parser does."""
        parser = inspectkit.cli.build_parser(command)
        full = registered_commands(inspectkit.cli.build_parser())[command]
        assert registered_commands(parser)[command].format_help() == full.format_help()

    def test_an_unknown_command_gets_the_full_parser(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An unknown command is refused with the list of every command."""
        assert inspectkit.cli.main(["no-such-command"]) == 2
        err = capsys.readouterr().err
        assert [name for name in inspectkit.cli.COMMANDS if f"'{name}'" not in err] == [], err


COMPILED_RECORDS = (
    "CompiledAggregation",
    "CompiledCap",
    "CompiledCriterion",
    "CompiledFindings",
    "CompiledFramework",
    "CompiledJudgement",
    "CompiledRule",
    "ScorePlan",
)


class TestCompiledRecords:
    @pytest.mark.parametrize("name", COMPILED_RECORDS)
    def test_a_compiled_record_is_no_attrs_class(self, name: str) -> None:
        """Each record of a compiled framework is a plain class: attrs compiles nothing for it."""
        import attrs

        from inspectkit.scoring import _compile

        assert not attrs.has(getattr(_compile, name))

    def test_a_record_s_repr_names_its_fields(self) -> None:
        """A compiled record's repr gives its class and each field with its value."""
        from inspectkit.scoring._compile import CompiledRule

        rule = CompiledRule(
            rank=1, at_least=((0, 2),), at_most=(), none_below=-1, minimum=(), index=0
        )
        assert repr(rule) == (
            "CompiledRule(at_least=((0, 2),), at_most=(), index=0, minimum=(), none_below=-1, "
            "rank=1)"
        )

    def test_a_compiled_framework_takes_a_weak_reference(self) -> None:
        """A compiled framework can be weakly referenced, as the lift search's caches need."""
        import weakref

        from inspectkit.scoring._compile import compiled_for

        compiled = compiled_for(inspectkit.load_framework("ofsted_childrens_centres_2014"))
        assert weakref.ref(compiled)() is compiled


LAZY_PATTERN_MODULES = (
    "inspectkit.cli._output",
    "inspectkit.loading._checks",
    "inspectkit.loading._issues",
    "inspectkit.loading._toml",
    "inspectkit.loading._values",
)
"""The modules whose module-level patterns are all compiled on first use."""


def lazy_patterns() -> dict[str, Any]:
    """Return the module-level patterns compiled on first use, by module and name."""
    from inspectkit._lazy import LazyPattern

    return {
        f"{module}.{name}": value
        for module in LAZY_PATTERN_MODULES
        for name, value in vars(importlib.import_module(module)).items()
        if isinstance(value, LazyPattern)
    }


PATTERN_SAMPLES = (
    "72%",
    " 7.5 % ",
    "412/702",
    "0.6..0.7",
    "2026-06-30",
    "2026-06",
    "2026",
    "about 40%",
    "more than 50 %",
    "fewer than 10%",
    "not yet a majority",
    "at least good",
    "good or better",
    "at most requires improvement",
    "below good",
    "1e-3 and 2.5E+4",
    "",
    "x",
)


def _shown(found: object) -> object:
    """Return a match's groups and span, or *found* itself when it is no match."""
    return (found.groups(), found.span()) if isinstance(found, re.Match) else found


class TestLazyPatterns:
    @pytest.mark.parametrize("module", LAZY_PATTERN_MODULES)
    def test_every_module_level_pattern_is_lazy(self, module: str) -> None:
        """Every pattern these modules define at module level is compiled on first use."""
        found = vars(importlib.import_module(module)).items()
        assert [name for name, value in found if isinstance(value, re.Pattern)] == []

    def test_the_lazy_patterns_are_found(self) -> None:
        """The value reader's sixteen patterns and the others' twelve are all lazy."""
        assert len(lazy_patterns()) == 28

    def test_an_assessment_compiles_few_patterns(self) -> None:
        """Importing these modules and assessing one file compiles only the patterns it uses."""
        code = (
            "import contextlib, importlib, io\n"
            "from inspectkit._lazy import LazyPattern\n"
            "from inspectkit.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['assess', {str(EXAMPLE)!r}])\n"
            f"modules = {LAZY_PATTERN_MODULES!r}\n"
            "print(sorted(f'{m}.{n}' for m in modules"
            " for n, v in vars(importlib.import_module(m)).items()"
            " if isinstance(v, LazyPattern) and len(vars(v)) > 1))"
        )
        output = python_output(code)
        used = json.loads(output.strip().replace("'", '"'))
        assert len(used) <= 6, used

    def test_importing_the_value_reader_compiles_no_pattern(self) -> None:
        """Importing the value reader leaves each of its patterns uncompiled."""
        code = (
            "from inspectkit.loading import _values\n"
            "from inspectkit._lazy import LazyPattern\n"
            "print(sorted(name for name, value in vars(_values).items()"
            " if isinstance(value, LazyPattern) and len(vars(value)) > 1))"
        )
        output = python_output(code)
        assert output.strip() == "[]"

    @pytest.mark.parametrize("name", sorted(lazy_patterns()))
    def test_a_lazy_pattern_matches_as_the_compiled_one(self, name: str) -> None:
        """A lazy pattern's match, search and findall give what the compiled pattern gives."""
        lazy = lazy_patterns()[name]
        compiled = re.compile(*lazy._source_and_flags)
        for text in PATTERN_SAMPLES:
            for method in ("match", "search", "findall"):
                got, want = getattr(lazy, method)(text), getattr(compiled, method)(text)
                assert _shown(got) == _shown(want), (method, text)

    def test_after_its_first_use_a_method_is_the_compiled_pattern_s(self) -> None:
        """Once read, a lazy pattern's method is the bound method of a compiled pattern."""
        from inspectkit._lazy import LazyPattern

        lazy = LazyPattern(r"\d+", 0)
        assert lazy.match("12") is not None
        assert isinstance(vars(lazy)["match"].__self__, re.Pattern)


class TestParsedOnce:
    def test_the_assess_command_parses_the_evidence_once(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``assess FILE`` gives the evidence's text to `tomli.loads` once."""
        import tomli

        text = EXAMPLE.read_text(encoding="utf-8")
        seen: list[str] = []
        loads = tomli.loads

        def counting(source: str, **kwargs: Any) -> dict[str, Any]:
            seen.append(source)
            return loads(source, **kwargs)

        monkeypatch.setattr(tomli, "loads", counting)
        assert inspectkit.cli.main(["assess", str(EXAMPLE)]) == 0
        assert seen.count(text) == 1

    @pytest.mark.parametrize("stdin", [False, True])
    def test_a_float_too_large_is_still_refused_with_its_line(
        self,
        stdin: bool,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """A parsed-once file (or standard input) with ``1e400`` gets the loader's error."""
        import io

        text = EXAMPLE.read_text(encoding="utf-8").replace("[evidence]", "[evidence]\nx = 1e400")
        path = tmp_path / "huge.toml"
        path.write_text(text, encoding="utf-8")
        monkeypatch.chdir(EXAMPLE.parent)
        if stdin:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
        assert inspectkit.cli.main(["assess", "-" if stdin else str(path)]) != 0
        err = capsys.readouterr().err
        assert "out-of-range" in err
        assert f":{text.splitlines().index('x = 1e400') + 1}" in err

    def test_the_parsed_once_reader_gives_what_load_evidence_gives(self) -> None:
        """`load_parsed_evidence` gives the evidence `load_evidence` gives for the same file."""
        from inspectkit.loading import load_evidence, load_framework
        from inspectkit.loading._evidence import load_parsed_evidence

        text = EXAMPLE.read_text(encoding="utf-8")
        framework = load_framework("ofsted_childrens_centres_2014")
        import tomli

        got = load_parsed_evidence(
            text, tomli.loads(text), framework=framework, name=str(EXAMPLE), from_file=True
        )
        assert got == load_evidence(EXAMPLE, framework=framework)


@pytest.fixture(scope="module")
def bench() -> Any:
    """The start-up benchmark's module (``benchmarks/bench_startup.py``)."""
    return load_script(ROOT / "benchmarks" / "bench_startup.py", "bench_startup_for_tests")


class TestStages:
    """``bench_startup.py --stages``: its steps are the command's, and add up to it."""

    def test_the_stages_import_only_what_the_command_loads(self, bench: Any) -> None:
        """Every module the stages' imports load is one ``inspectkit assess FILE`` loads too."""
        imports = [code for _, code in bench.STEPS if code.startswith("import ")]
        assert len(imports) == 10
        stages = loaded_after(bench.START + "\n".join(imports))
        command = loaded_after("import gc\n" + ASSESS_COMMAND)  # `run` imports gc, `main` not
        assert sorted(stages - command) == []

    def test_the_last_stage_writes_the_command_s_report(self, bench: Any) -> None:
        """The last stage, every step done, prints what ``python -m inspectkit assess`` prints."""
        last = list(bench.stages().values())[-1]
        command = [sys.executable, "-m", "inspectkit", "assess", str(EXAMPLE)]
        ran = [
            subprocess.run(each, check=True, capture_output=True).stdout for each in (last, command)
        ]
        assert ran[0] == ran[1]
        assert b"Riverside Children's Centre" in ran[0]

    def test_every_stage_runs(self, bench: Any) -> None:
        """Each stage's program runs to the end (exit 0) in a fresh interpreter."""
        for name, command in bench.stages().items():
            result = subprocess.run(command, check=False, capture_output=True, text=True)
            assert result.returncode == 0, (name, result.stderr)
