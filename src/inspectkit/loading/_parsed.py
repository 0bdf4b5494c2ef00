"""The bundled frameworks' TOML, parsed ahead of time and shipped as JSON beside the package.

Why: every evidence file names its framework, and parsing the bundled TOML (64 KB for the
children's centres framework) was the largest single step of a plain ``inspectkit assess FILE``
after the imports: about a sixteenth of its instructions (callgrind), in tomli's parser. The
standard library's JSON reader, written in C, reads the same document in a fifth of the time.

Why it stays right: a parsed form is used only for the very bytes it was made from. Each form
records the BLAKE2b digest of the TOML file's bytes, and `parsed_form` returns the document only
when the bytes just read have that digest, whichever path they came from; for any other bytes
(an edited bundled file, a user's file of the same name) it returns ``None`` and the TOML is
parsed as always. Only data is read (JSON, by the standard library's C scanner): nothing in a
form can run. The document is
then checked by exactly the checks a parsed TOML document meets (`inspectkit.loading._checks`),
and a problem is reported against the TOML file's own lines. ``tests/test_parsed_forms.py``
holds each form equal to ``tomli.loads`` of its file and rewrites them all with
``INSPECTKIT_UPDATE_GOLDEN=1`` (`write_forms`).

The form: ``{"format": 1, "blake2b": <hex digest of the file's bytes>, "dates": [<key path>,
...], "document": <the parsed document>}``. JSON has no dates, so each TOML local date (a
framework's ``valid_from``) is written as its ISO text and its key path is listed in ``dates``;
a document holding any other value JSON cannot write exactly (a time, a date-time, NaN or an
infinity) gets no form.
"""

from __future__ import annotations

import datetime
import os
from typing import Any

__all__ = ["FORMAT", "form_of", "parsed_form", "write_forms"]

FORMAT = 1
"""The version of the form's layout; a form of another version is not read."""

FORMS = os.path.join(os.path.dirname(__file__), "_parsed")
"""The folder of the parsed forms, one ``ID.json`` per bundled ``ID.toml``."""


def _digest(data: bytes) -> str:
    """Return the BLAKE2b digest of *data*, in hex."""
    try:
        # The C module behind hashlib.blake2b: importing hashlib loads OpenSSL first, which
        # costs a start more than the parse this module saves (callgrind).
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - an interpreter built without it
        from hashlib import blake2b
    return blake2b(data).hexdigest()


class _Decoding:
    """What the C JSON scanner reads its options from: those of a default `json.JSONDecoder`."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = float  # 'NaN', 'Infinity', '-Infinity': the values json.loads gives


_JSON_SPACE = " \t\n\r"
"""The characters JSON allows around a value."""


def _read_json(data: bytes) -> Any:
    """Return the JSON value UTF-8 *data* holds, as `json.loads` reads it.

    Why not `json.loads`: importing `json` compiles seven regular expressions and costs a
    plain ``inspectkit assess FILE`` more than reading its framework's form (issue 15). The
    scanner `json.loads` itself uses, the C one in `_json`, reads the text here with the same
    options, so the values are the same.

    Raises:
        ValueError: *data* is not UTF-8, or not one JSON value (with only white space around).
    """
    text = data.decode("utf-8")
    try:
        from _json import make_scanner
    except ImportError:  # pragma: no cover - an interpreter without the C scanner (PyPy)
        from json import loads

        return loads(text)
    start = len(text) - len(text.lstrip(_JSON_SPACE))
    try:
        # typeshed types the context as a scanner; the C code reads only the six options.
        value, end = make_scanner(_Decoding)(text, start)  # type: ignore[arg-type]
    except StopIteration:  # no value where one starts (json.loads: "Expecting value")
        raise ValueError("not a JSON value") from None
    if text[end:].strip(_JSON_SPACE):
        raise ValueError("more than one JSON value")
    return value


def parsed_form(file_name: str, data: bytes) -> dict[str, Any] | None:
    """Return the document the TOML bytes *data* parse to, if a form was made from them.

    Args:
        file_name: The TOML file's name (``ofsted_childrens_centres_2014.toml``); its form is
            looked for under that stem.
        data: The file's bytes, as read.

    Returns:
        The parsed document, equal to ``tomli.loads`` of *data*; ``None`` when there is no form
        of that name, it cannot be read, or it was made from other bytes.
    """
    stem, dot, suffix = file_name.rpartition(".")
    if not dot or suffix != "toml" or not stem:
        return None
    try:
        with open(os.path.join(FORMS, stem + ".json"), "rb") as stream:
            text = stream.read()
    except OSError:
        return None
    try:
        form = _read_json(text)
    except ValueError:
        return None
    if not (
        isinstance(form, dict)
        and form.get("format") == FORMAT
        and form.get("blake2b") == _digest(data)
        and isinstance(form.get("document"), dict)
    ):
        return None
    document: dict[str, Any] = form["document"]
    for path in form.get("dates", ()):
        *parents, last = path
        table: Any = document
        for key in parents:
            table = table[key]
        table[last] = datetime.date.fromisoformat(table[last])
    return document


def form_of(data: bytes, document: dict[str, Any]) -> dict[str, Any] | None:
    """Return the form of TOML bytes *data* that parsed to *document*; ``None`` if it has none.

    A document with a value JSON cannot write exactly (anything but strings, numbers, booleans,
    arrays, tables and local dates; NaN and infinities) has no form.
    """
    import math

    dates: list[list[str | int]] = []

    def copy(value: Any, path: list[str | int]) -> Any:
        if isinstance(value, dict):
            return {key: copy(item, [*path, key]) for key, item in value.items()}
        if isinstance(value, list):
            return [copy(item, [*path, index]) for index, item in enumerate(value)]
        if type(value) is datetime.date:
            dates.append(path)
            return value.isoformat()
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("not finite")
        if isinstance(value, (str, int, float)):  # bool is an int
            return value
        raise ValueError(type(value).__name__)

    try:
        written = copy(document, [])
    except ValueError:
        return None
    return {"format": FORMAT, "blake2b": _digest(data), "dates": dates, "document": written}


def write_forms(folder: str, frameworks: str) -> list[str]:
    """Write the form of every ``ID.toml`` in *frameworks* to *folder*; return the ids written.

    Forms of files that no longer exist, or that have no form, are removed. Each file is parsed
    with `inspectkit.loading._toml.parse_toml`, so a file with any problem gets no form.
    """
    import json

    from inspectkit.errors import InspectkitError
    from inspectkit.loading._issues import IssueCollector
    from inspectkit.loading._toml import parse_toml

    written = []
    os.makedirs(folder, exist_ok=True)
    for name in sorted(os.listdir(frameworks)):
        if not name.endswith(".toml"):
            continue
        with open(os.path.join(frameworks, name), "rb") as stream:
            data = stream.read()
        try:
            document = parse_toml(data, IssueCollector(name), InspectkitError, "the framework")
        except InspectkitError:
            continue
        form = form_of(data, document)
        if form is None:
            continue
        stem = name[: -len(".toml")]
        text = json.dumps(form, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        with open(os.path.join(folder, stem + ".json"), "w", encoding="utf-8") as out:
            out.write(text + "\n")
        written.append(stem)
    for name in os.listdir(folder):
        if name.endswith(".json") and name[: -len(".json")] not in written:
            os.remove(os.path.join(folder, name))
    return written
