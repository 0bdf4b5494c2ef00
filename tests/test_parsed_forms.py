"""The bundled frameworks' parsed forms (`inspectkit.loading._parsed`): current, exact, and safe.

A form stands in for ``tomli.loads`` of the very bytes it was made from, and only for them. After
editing a bundled framework, rewrite the forms with the golden-file switch and commit them::

    INSPECTKIT_UPDATE_GOLDEN=1 python -m pytest tests/test_parsed_forms.py
"""

from __future__ import annotations

import datetime
import json
import math
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli
from hypothesis import given
from hypothesis import strategies as st

import inspectkit
from golden_files import UPDATE
from inspectkit.loading import _framework, _parsed
from inspectkit.loading._registry import bundled_dir

BUNDLED = sorted(path.name for path in bundled_dir().glob("*.toml"))


@pytest.fixture(scope="module", autouse=True)
def _current_forms() -> None:
    """Rewrite every form first under ``INSPECTKIT_UPDATE_GOLDEN=1``."""
    if UPDATE:
        _parsed.write_forms(_parsed.FORMS, str(bundled_dir()))


@pytest.fixture
def forms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return an empty folder the loader reads forms from for the test."""
    monkeypatch.setattr(_parsed, "FORMS", str(tmp_path))
    return tmp_path


def write_form(folder: Path, stem: str, form: object) -> None:
    """Write *form* as ``stem.json`` in *folder*, as `write_forms` does."""
    (folder / f"{stem}.json").write_text(json.dumps(form), encoding="utf-8")


class TestTheShippedForms:
    @pytest.mark.parametrize("name", BUNDLED)
    def test_each_form_is_the_toml_parse_of_its_file(self, name: str) -> None:
        """Each bundled file's form gives exactly what tomli parses from its bytes."""
        data = (bundled_dir() / name).read_bytes()
        document = _parsed.parsed_form(name, data)
        assert document is not None, "stale: run with INSPECTKIT_UPDATE_GOLDEN=1"
        assert document == tomli.loads(data.decode("utf-8"))

    @pytest.mark.parametrize("name", BUNDLED)
    def test_each_form_keeps_the_types_of_its_values(self, name: str) -> None:
        """Numbers keep their type (an int stays an int) and dates come back as dates."""
        data = (bundled_dir() / name).read_bytes()

        def typed(value: Any) -> Any:
            if isinstance(value, dict):
                return {key: typed(item) for key, item in value.items()}
            if isinstance(value, list):
                return [typed(item) for item in value]
            return (type(value), value)

        assert typed(_parsed.parsed_form(name, data)) == typed(tomli.loads(data.decode()))

    def test_there_is_a_form_for_each_bundled_file_and_no_other(self) -> None:
        """The forms' folder holds one form per bundled framework file, no more."""
        shipped = sorted(path.stem for path in Path(_parsed.FORMS).glob("*.json"))
        assert shipped == sorted(name.removesuffix(".toml") for name in BUNDLED)

    def test_the_forms_are_written_as_the_writer_writes_them(self, tmp_path: Path) -> None:
        """Rewriting the forms changes no byte of the shipped ones."""
        _parsed.write_forms(str(tmp_path), str(bundled_dir()))
        for written in sorted(tmp_path.iterdir()):
            assert written.read_bytes() == (Path(_parsed.FORMS) / written.name).read_bytes()

    @pytest.mark.parametrize("framework_id", [name.removesuffix(".toml") for name in BUNDLED])
    def test_a_bundled_framework_loads_as_from_its_toml(self, framework_id: str) -> None:
        """A framework loaded through its form equals the one parsed from its TOML text."""
        path = bundled_dir() / f"{framework_id}.toml"
        from_toml = _framework._loads(
            path.read_bytes(), name=str(path), base=path.parent, seen=(str(path.resolve()),)
        )
        assert _framework.load_file(path) == from_toml

    def test_loading_a_bundled_framework_parses_no_toml(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A bundled framework is read from its form: tomli is not asked to parse it."""

        def refuse(*args: object, **kwargs: object) -> None:
            raise AssertionError("parsed the TOML")

        monkeypatch.setattr(_framework, "parse_toml", refuse)
        path = bundled_dir() / "ofsted_childrens_centres_2014.toml"
        assert _framework.load_file(path).id == "ofsted_childrens_centres_2014"


class TestOnlyItsOwnBytes:
    def test_edited_bytes_get_no_form(self) -> None:
        """Bytes other than those a form was made from (an edited file) are parsed as TOML."""
        data = (bundled_dir() / BUNDLED[0]).read_bytes()
        assert _parsed.parsed_form(BUNDLED[0], data + b"\n# edited\n") is None

    def test_an_edited_bundled_file_loads_its_edit(self, tmp_path: Path) -> None:
        """A copy of a bundled file with one title changed loads with the new title."""
        name = "ofsted_childrens_centres_2014.toml"
        text = (bundled_dir() / name).read_text(encoding="utf-8")
        framework = inspectkit.load_framework(bundled_dir() / name)
        edited = tmp_path / name
        edited.write_text(text.replace(framework.title, "An edited title", 1), encoding="utf-8")
        assert inspectkit.load_framework(edited).title == "An edited title"

    def test_the_same_bytes_under_the_same_name_elsewhere_use_the_form(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A byte-for-byte copy of a bundled file is the same document, so its form serves."""
        name = "ofsted_childrens_centres_2014.toml"
        copy = tmp_path / name
        copy.write_bytes((bundled_dir() / name).read_bytes())

        def refuse(*args: object, **kwargs: object) -> None:
            raise AssertionError("parsed the TOML")

        monkeypatch.setattr(_framework, "parse_toml", refuse)
        assert inspectkit.load_framework(copy).id == "ofsted_childrens_centres_2014"

    @pytest.mark.parametrize("name", ["no_such_framework.toml", "notes.txt", ".toml", "toml"])
    def test_a_name_with_no_form_gets_none(self, name: str) -> None:
        """A file name with no form of its stem (or not a .toml file) gets none."""
        assert _parsed.parsed_form(name, b'id = "x"\n') is None


class TestUnusableForms:
    def test_a_form_that_is_not_json_is_not_read(self, forms: Path) -> None:
        """A form that is not JSON is ignored, and the TOML is parsed."""
        (forms / "x.json").write_text("{not json", encoding="utf-8")
        assert _parsed.parsed_form("x.toml", b"") is None

    @pytest.mark.parametrize(
        "change",
        [
            {"format": _parsed.FORMAT + 1},
            {"document": ["not", "a", "table"]},
            {"blake2b": "0" * 128},
        ],
    )
    def test_a_form_of_another_layout_or_file_is_not_read(
        self, forms: Path, change: dict[str, Any]
    ) -> None:
        """A form of another format, with no table, or of other bytes is not read."""
        form = _parsed.form_of(b'id = "x"\n', {"id": "x"})
        assert form is not None
        write_form(forms, "x", {**form, **change})
        assert _parsed.parsed_form("x.toml", b'id = "x"\n') is None

    def test_a_form_that_is_no_table_is_not_read(self, forms: Path) -> None:
        """A form whose JSON is not a table is not read."""
        write_form(forms, "x", [1, 2])
        assert _parsed.parsed_form("x.toml", b"") is None


class TestReadingJson:
    @pytest.mark.parametrize("name", BUNDLED)
    def test_each_shipped_form_reads_as_json_loads_reads_it(self, name: str) -> None:
        """The scanner gives each shipped form exactly what `json.loads` gives, types kept."""
        data = (Path(_parsed.FORMS) / name.replace(".toml", ".json")).read_bytes()
        assert repr(_parsed._read_json(data)) == repr(json.loads(data))

    @given(
        value=st.recursive(
            st.one_of(
                st.none(),
                st.booleans(),
                st.integers(),
                st.floats(),
                st.text(),
            ),
            lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner),
            max_leaves=12,
        ),
        before=st.sampled_from(["", " ", "\n", "\t\r\n "]),
        after=st.sampled_from(["", " ", "\n", "\r\n\t "]),
    )
    def test_any_json_text_reads_as_json_loads_reads_it(
        self, value: object, before: str, after: str
    ) -> None:
        """Any JSON text with white space around it reads as `json.loads` reads it."""
        data = (before + json.dumps(value, ensure_ascii=False) + after).encode("utf-8")
        assert repr(_parsed._read_json(data)) == repr(json.loads(data))

    @pytest.mark.parametrize(
        "data",
        [b"", b"  \n", b"{not json", b'{"a": 1} {"b": 2}', b'{"a": 1} x', b"[1,]", b'"\x01"'],
    )
    def test_what_json_loads_refuses_is_a_value_error(self, data: bytes) -> None:
        """Text `json.loads` refuses (none, two values, a bad one) raises ValueError here too."""
        assert refuses(json.loads, data)
        assert refuses(_parsed._read_json, data)

    def test_bytes_that_are_not_utf8_are_a_value_error(self) -> None:
        """A form that is not UTF-8 (the writer's encoding) is refused."""
        assert refuses(_parsed._read_json, b'{"a": "\xff"}')


def refuses(read: Callable[[bytes], object], data: bytes) -> bool:
    """Return whether *read* raises `ValueError` (a JSON or a Unicode error) for *data*."""
    try:
        read(data)
    except ValueError:
        return True
    return False


class TestTheForm:
    @pytest.mark.parametrize(
        "value",
        [datetime.time(12, 0), datetime.datetime(2026, 1, 1, 12, 0), math.nan, math.inf],
    )
    def test_a_value_json_cannot_write_exactly_gets_no_form(self, value: object) -> None:
        """A time, a date-time, NaN or an infinity anywhere leaves the document without a form."""
        assert _parsed.form_of(b"", {"a": [{"b": value}]}) is None

    def test_the_writer_skips_a_file_with_a_problem(self, tmp_path: Path) -> None:
        """A framework file that does not parse gets no form, and a form left over is removed."""
        source, out = tmp_path / "source", tmp_path / "out"
        source.mkdir()
        out.mkdir()
        (source / "broken.toml").write_text("id = \n", encoding="utf-8")
        (source / "timed.toml").write_text("at = 12:00:00\n", encoding="utf-8")
        (source / "fine.toml").write_text('id = "fine"\n', encoding="utf-8")
        (source / "notes.md").write_text("not a framework\n", encoding="utf-8")
        (out / "old.json").write_text("{}", encoding="utf-8")
        assert _parsed.write_forms(str(out), str(source)) == ["fine"]
        assert sorted(path.name for path in out.iterdir()) == ["fine.json"]

    @given(
        document=st.dictionaries(
            st.text(max_size=5),
            st.recursive(
                st.one_of(
                    st.text(max_size=5),
                    st.integers(),
                    st.floats(allow_nan=False, allow_infinity=False),
                    st.booleans(),
                    st.dates(),
                ),
                lambda inner: (
                    st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=5), inner, max_size=3)
                ),
                max_leaves=10,
            ),
            max_size=4,
        ),
        data=st.binary(max_size=20),
    )
    def test_a_written_form_reads_back_as_its_document(
        self, document: dict[str, Any], data: bytes
    ) -> None:
        """Any document of TOML's JSON-writable values reads back equal, types and dates kept."""
        form = _parsed.form_of(data, document)
        assert form is not None
        text = json.dumps(form, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        read = json.loads(text)
        assert read["blake2b"] == form["blake2b"]
        with tempfile.TemporaryDirectory() as folder:
            Path(folder, "doc.json").write_text(text, encoding="utf-8")
            saved = _parsed.FORMS
            _parsed.FORMS = folder
            try:
                back = _parsed.parsed_form("doc.toml", data)
            finally:
                _parsed.FORMS = saved
        assert repr(back) == repr(document)
