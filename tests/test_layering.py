"""The package's imports point one way, and every import counts.

Every ``import`` and ``from ... import`` of the package's own modules is found with an `ast.walk`
of each module, so imports inside functions and methods count exactly like module-level ones: a
lazy import still runs, and still ties the importer to the imported module. Only imports under
``if TYPE_CHECKING:`` are exempt from the direction and cycle checks, because they never run;
they may point anywhere (a model may name a type from a layer above it in an annotation).

The layers, lowest first: the models (errors, grades, rubric, evidence), the result models and
their vocabulary (results, _words), loading, scoring, the use cases (gaps, scenarios, groups,
progress, batch), render, schema, the command line, and the package's re-export layer. A module
imports from its own layer or lower ones; the few edges that still point up are listed, each
with its reason, in `ALLOWED`.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import inspectkit

PACKAGE = Path(inspectkit.__file__).parent

# Lower numbers are lower layers. A module's layer is that of its longest listed dotted prefix.
LAYERS: dict[str, int] = {
    "_version": 0,
    "_lazy": 0,  # the packages' lazy names (PEP 562); imports none of the package
    "_identity": 0,  # values kept per live object, by identity; imports none of the package
    "_repr": 0,  # the models' shared __repr__, __eq__ and __hash__; imports none of the package
    "_convert": 0,  # the models' shared tuple converter; imports none of the package
    "errors": 0,
    "grades": 1,
    "rubric": 2,
    "_rubric": 2,  # rubric models split out of rubric, read through its lazy names
    "evidence": 3,
    "_evidence": 3,  # evidence models split out of evidence, read through its lazy names
    "results": 4,
    "_results": 4,  # result models split out of results, read through its lazy names
    "_words": 4,
    "_output": 4,  # the output mixins of the result models
    "loading": 5,
    "scoring": 6,
    "gaps": 7,
    "scenarios": 7,
    "groups": 7,
    "progress": 7,
    "batch": 7,
    "calibration": 7,
    "render": 8,
    "schema": 9,
    "cli": 10,
    "__main__": 11,
    "__init__": 11,
}

# Runtime imports that break the rule above: (importing module, imported module). An upward edge
# or an edge that closes a cycle is allowed only if it is listed here, with the reason it exists.
# Entries marked "to remove: architecture issue" are today's edges that the layered redesign
# (issue 10) removes; delete each entry as soon as its edge is gone.
ALLOWED: frozenset[tuple[str, str]] = frozenset(
    {
        # Output facades: a result's to_csv/to_dataframe/to_html/... call the renderer for that
        # format, imported in the method so `import inspectkit` does not load every renderer.
        ("_output", "render._data"),
        ("results", "render._data"),
        ("results", "render.markdown"),
        ("results", "render.html"),
        ("results", "render.text"),
        # ... and those of the result models split out of results (_results), the same way.
        *(
            (f"_results.{model}", renderer)
            for model in ("calibration", "groups", "progress", "whatif")
            for renderer in ("render._data", "render.markdown", "render.html", "render.text")
        ),
        *(
            ("_results.table", renderer)
            for renderer in ("render._data", "render.markdown", "render.html", "render._xlsx")
        ),
        # Notebook displays: a framework's and evidence's _repr_html_ / _repr_markdown_ call the
        # renderer, imported in the method, as the result models' output facades do.
        ("rubric", "render.html"),
        ("rubric", "render.markdown"),
        ("evidence", "render.html"),
        ("evidence", "render.markdown"),
        # The CLI's registry: cli/__init__ imports each command module when it builds the parser
        # (so `import inspectkit.cli` stays cheap), and the commands import its exit codes.
        ("cli", "cli._assess"),
        ("cli", "cli._batch"),
        ("cli", "cli._calibrate"),
        ("cli", "cli._completion"),
        ("cli", "cli._docs"),
        ("cli", "cli._evidence"),
        ("cli", "cli._frameworks"),
        ("cli", "cli._groups"),
        ("cli", "cli._schema"),
        # Use-case facades: Assessment.gaps/lift_plan/what_if call their use case, imported in the
        # method (the models sit below the use cases that build on them).
        ("results", "gaps"),
        ("results", "scenarios"),
        ("_evidence.groups", "groups"),  # GroupEvidence.assess
        # TableGrades (a table graded in columns, batch.grade_table) writes CSV and DataFrames with
        # the renderer AssessmentTable uses, imported in the method as the result models do.
        ("batch", "render._data"),
        # Models split out of rubric and results that public models' annotations name: bound at
        # the end of the module, after what they import from it, so `typing.get_type_hints`
        # resolves those annotations in the module's own namespace (tests/test_type_hints.py).
        ("rubric", "_rubric.parts"),
        ("rubric", "_rubric.statuses"),
        ("results", "_results.statuses"),
    }
)


@attrs.frozen
class Import:
    """One import of a package module found in the source of another."""

    module: str
    target: str
    line: int
    where: str  # "module", "function" or "type-checking"

    @property
    def runs(self) -> bool:
        """Whether the import executes at run time (it is not under ``if TYPE_CHECKING:``)."""
        return self.where != "type-checking"


def _module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package).with_suffix("").parts
    return ".".join(part for part in parts if part != "__init__") or "__init__"


def _known_modules(package: Path = PACKAGE) -> set[str]:
    return {_module_name(path, package) for path in package.rglob("*.py")}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _context(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> str:
    where = "module"
    child = node
    while child in parents:
        parent = parents[child]
        if isinstance(parent, ast.If) and _is_type_checking(parent.test) and child in parent.body:
            return "type-checking"
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)):
            where = "function"
        child = parent
    return where


def _resolve(dotted: str) -> str | None:
    """Return the package module *dotted* (``inspectkit.x.y``) names, or None if it is not ours."""
    if dotted == "inspectkit":
        return "__init__"
    if not dotted.startswith("inspectkit."):
        return None
    return dotted.removeprefix("inspectkit.")


def imports_in(source: str, module: str, known: set[str]) -> list[Import]:
    """Return every import of a package module in *source*, wherever it sits in the tree."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found: list[Import] = []
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [t for a in node.names if (t := _resolve(a.name)) is not None]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                pytest.fail(f"{module}:{node.lineno}: use absolute imports (from inspectkit...)")
            base = _resolve(node.module or "")
            if base is None:
                continue
            for alias in node.names:
                # `from inspectkit.x import y` imports the module x.y when there is one.
                sub = alias.name if base == "__init__" else f"{base}.{alias.name}"
                targets.append(sub if sub in known else base)
        if targets:  # only an import has a context worth the walk up the tree
            where = _context(node, parents)
            found.extend(Import(module, t, node.lineno, where) for t in dict.fromkeys(targets))
    return sorted(found, key=lambda imp: (imp.line, imp.target))


def _all_imports(package: Path = PACKAGE) -> list[Import]:
    known = _known_modules(package)
    found: list[Import] = []
    for path in sorted(package.rglob("*.py")):
        found.extend(
            imports_in(path.read_text(encoding="utf-8"), _module_name(path, package), known)
        )
    return found


def _layer(module: str) -> int:
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        prefix = ".".join(parts[:end])
        if prefix in LAYERS:
            return LAYERS[prefix]
    pytest.fail(f"module {module!r} has no layer: add it to LAYERS in {__file__}")


def _cycles(edges: set[tuple[str, str]]) -> list[list[str]]:
    """Return the strongly connected components of more than one module (Tarjan's algorithm)."""
    graph: dict[str, list[str]] = {}
    for source, target in sorted(edges):
        graph.setdefault(source, []).append(target)
        graph.setdefault(target, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph[node]:
                components.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return sorted(components)


def _runtime_edges(found: list[Import]) -> set[tuple[str, str]]:
    return {(imp.module, imp.target) for imp in found if imp.runs and imp.module != imp.target}


IMPORTS = _all_imports()
MODULES = sorted(_known_modules())


def _of(module: str) -> Iterator[Import]:
    return (imp for imp in IMPORTS if imp.module == module)


class TestTheWalk:
    """The import finder sees every import, wherever it is written."""

    SOURCE = textwrap.dedent(
        """
        from __future__ import annotations
        import json
        from typing import TYPE_CHECKING
        import inspectkit.grades
        from inspectkit.errors import InspectkitError
        from inspectkit import loading, __version__
        if TYPE_CHECKING:
            from inspectkit.results import Assessment
        try:
            from inspectkit.loading import _issues
        except ImportError:
            pass

        def outer():
            from inspectkit.scoring import assess
            def inner():
                import inspectkit.render.html
            return lambda: None

        class Model:
            def method(self):
                if True:
                    from inspectkit.gaps import find_gaps
        """
    )
    KNOWN = frozenset(
        {"__init__", "errors", "grades", "results", "loading", "loading._issues"}
        | {"scoring", "render", "render.html", "gaps"}
    )

    def test_finds_imports_at_every_depth(self) -> None:
        """Module-level, try-block, function, nested-function and method imports are all found."""
        found = imports_in(self.SOURCE, "m", set(self.KNOWN))
        assert [(imp.target, imp.where) for imp in found] == [
            ("grades", "module"),
            ("errors", "module"),
            ("__init__", "module"),
            ("loading", "module"),
            ("results", "type-checking"),
            ("loading._issues", "module"),
            ("scoring", "function"),
            ("render.html", "function"),
            ("gaps", "function"),
        ]

    def test_sees_the_package_s_lazy_imports(self) -> None:
        """The walk of the real package finds imports inside functions (there are some today)."""
        assert any(imp.where == "function" for imp in IMPORTS)


class TestDirection:
    """Imports point down the layers."""

    @pytest.mark.parametrize("module", MODULES)
    def test_imports_point_down(self, module: str) -> None:
        """Every run-time import reaches the module's own layer or a lower one, or is allowed."""
        own = _layer(module)
        upward = [
            f"{imp.target} (line {imp.line}, {imp.where})"
            for imp in _of(module)
            if imp.runs and _layer(imp.target) > own and (module, imp.target) not in ALLOWED
        ]
        assert upward == [], (
            f"{module} (layer {own}) imports upward: {upward}; move the code or the import, or "
            f"add a commented entry to ALLOWED in {__file__}"
        )

    def test_errors_imports_nothing_from_the_package(self) -> None:
        """errors.py is a leaf, so every module can import it without a loop."""
        assert list(_of("errors")) == []

    @pytest.mark.parametrize("edge", sorted(ALLOWED), ids="->".join)
    def test_allowed_edges_name_real_modules(self, edge: tuple[str, str]) -> None:
        """Each allow-list entry names two modules of the package."""
        assert set(edge) <= set(MODULES)

    @pytest.mark.parametrize("edge", sorted(ALLOWED), ids="->".join)
    def test_allowed_edges_are_still_needed(self, edge: tuple[str, str]) -> None:
        """Each allow-list entry is a run-time import today that points up or closes a cycle."""
        edges = _runtime_edges(IMPORTS)
        assert edge in edges, f"{edge} is no longer imported: remove it from ALLOWED"
        source, target = edge
        closes_cycle = any(
            set(edge) <= set(component) for component in _cycles((edges - ALLOWED) | {edge})
        )
        assert _layer(target) > _layer(source) or closes_cycle, f"{edge} breaks no rule"


class TestCycles:
    """No import cycle runs through the package outside the allow-list."""

    def test_finds_a_cycle(self) -> None:
        """The cycle finder reports a three-module loop and ignores a chain."""
        loop = {("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")}
        assert _cycles(loop) == [["a", "b", "c"]]
        assert _cycles({("a", "b"), ("b", "c")}) == []

    def test_no_cycle_outside_the_allow_list(self) -> None:
        """The run-time import graph, less the allowed edges, has no cycle."""
        edges = _runtime_edges(IMPORTS) - ALLOWED
        assert _cycles(edges) == []


class TestImportCost:
    """Importing the package stays cheap."""

    def test_importing_inspectkit_stays_light(self) -> None:
        """Importing the package does not import the command line or optional heavy modules."""
        code = (
            "import sys, inspectkit; "
            "bad = [m for m in ('pandas', 'inspectkit.cli', 'argparse') if m in sys.modules]; "
            "print(','.join(bad))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.strip()
        assert out == ""
