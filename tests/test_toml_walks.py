"""The quick walks of a parsed document (`_nests_too_deep`, `_holds_infinity`) say what the
plain walks they replaced say, on nested tables and arrays of every kind the loaders meet."""

from __future__ import annotations

import math
import types
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspectkit.loading import _toml
from inspectkit.loading._issues import IssueCollector
from inspectkit.loading._toml import MAX_DEPTH


def too_deep_by_paths(document: object) -> bool:
    """Whether a table or an array sits `MAX_DEPTH` levels down: the walk with key paths."""
    stack: list[tuple[object, int]] = [(document, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, Mapping):
            children = list(value.values())
        elif isinstance(value, list):
            children = list(value)
        else:
            continue
        if depth >= MAX_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def holds_infinity_plainly(document: object) -> bool:
    """Whether an infinite float is anywhere in *document*: the plain walk with `isinstance`."""
    stack = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, float) and math.isinf(value):
            return True
        if isinstance(value, Mapping):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


class Text(str):
    """A str subclass, which the quick walks must not take for a plain string."""


class Number(float):
    """A float subclass, whose infinity the quick walk must still find."""


SCALARS = st.one_of(
    st.text(max_size=3),
    st.integers(),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.builds(Text, st.text(max_size=3)),
    st.builds(Number, st.floats(allow_nan=True, allow_infinity=True)),
    st.tuples(st.floats(allow_infinity=True)),  # a tuple is neither a table nor an array
)


INNERMOST = (math.inf, -math.inf, Number(math.inf), 1e308, Text("inf"), (math.inf,))
"""Values the walks must tell apart, drawn often at the bottom of a document."""


def _wrap(kind: str, children: list[Any]) -> object:
    if kind == "list":
        return children
    table = {f"k{n}": child for n, child in enumerate(children)}
    return types.MappingProxyType(table) if kind == "proxy" else table


@st.composite
def documents(draw: st.DrawFn) -> object:
    """A document nested up to a few levels past `MAX_DEPTH`, with siblings at every level."""
    depth = draw(
        st.sampled_from([0, 1, 2, 3, MAX_DEPTH - 2, MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1])
    )
    value: object = draw(st.one_of(SCALARS, st.just({}), st.just([]), st.sampled_from(INNERMOST)))
    for _ in range(depth):
        siblings = draw(st.lists(SCALARS, max_size=2))
        position = draw(st.integers(0, len(siblings)))
        kind = draw(st.sampled_from(["dict", "list", "proxy"]))
        value = _wrap(kind, [*siblings[:position], value, *siblings[position:]])
    return value


class TestQuickWalks:
    @given(documents())
    def test_the_depth_walk_agrees_with_the_walk_with_paths(self, document: object) -> None:
        """The quick depth walk finds a document too deep exactly when the walk with paths does."""
        assert _toml._nests_too_deep(document) is too_deep_by_paths(document)

    @given(documents())
    def test_check_depth_reports_exactly_the_documents_too_deep(self, document: object) -> None:
        """`check_depth` records one too-deep issue for a document too deep, none otherwise."""
        collector = IssueCollector()
        _toml.check_depth(document, collector)
        codes = [issue.code for issue in collector.issues]
        assert codes == (["too-deep"] if too_deep_by_paths(document) else [])

    @given(documents())
    def test_the_infinity_walk_agrees_with_the_plain_walk(self, document: object) -> None:
        """The quick infinity walk finds an infinite float exactly when the plain walk does."""
        assert _toml._holds_infinity(document) is holds_infinity_plainly(document)

    @pytest.mark.parametrize("value", INNERMOST, ids=repr)
    def test_each_kind_of_value_is_told_apart(self, value: object) -> None:
        """Each awkward value, in a table in a list, is found infinite exactly as plainly."""
        document = {"a": [{"b": value}, "text"]}
        assert _toml._holds_infinity(document) is holds_infinity_plainly(document)

    def test_a_mapping_inside_itself_is_too_deep(self) -> None:
        """A mapping that holds itself (only Python can make one) ends the walk at the limit."""
        table: dict[str, object] = {}
        table["self"] = table
        assert _toml._nests_too_deep(table)
