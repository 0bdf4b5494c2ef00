"""The fuzz targets: one function per loader, each taking the raw bytes of one input.

A target returns normally when the loader accepts the input or refuses it with an
`inspectkit.errors.InspectkitError`; any other exception escapes, and that is a bug: the
promise is that callers only ever see inspectkit's own errors. Both drivers call these
functions: ``fuzz/run.py`` under atheris (coverage-guided) and ``fuzz/replay.py`` in plain
Python (a seed corpus and random mutations, for CI where atheris does not install).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from inspectkit.errors import InspectkitError
from inspectkit.loading import (
    load_evidence_table,
    load_framework,
    loads_evidence,
    loads_framework,
    loads_group,
)
from inspectkit.loading._outcomes import read_outcome_table
from inspectkit.rubric import Framework

__all__ = ["TARGETS", "Target"]

Target = Callable[[bytes], None]

_FRAMEWORK_ID = "ofsted_childrens_centres_2014"
_FRAMEWORK: list[Framework] = []


def _framework() -> Framework:
    """The framework evidence, groups and tables are read against (loaded once)."""
    if not _FRAMEWORK:
        _FRAMEWORK.append(load_framework(_FRAMEWORK_ID))
    return _FRAMEWORK[0]


@contextlib.contextmanager
def _file(data: bytes, suffix: str) -> Iterator[str]:
    """Write *data* to a temporary file and yield its path (tables are read from paths)."""
    handle, name = tempfile.mkstemp(suffix=suffix, prefix="inspectkit-fuzz-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        yield name
    finally:
        Path(name).unlink(missing_ok=True)


def framework(data: bytes) -> None:
    """A framework document: TOML text through every check (and any ``extends``)."""
    with contextlib.suppress(InspectkitError):
        loads_framework(data, name="<fuzz>")


def evidence(data: bytes) -> None:
    """An evidence document read against the bundled Ofsted framework."""
    with contextlib.suppress(InspectkitError):
        loads_evidence(data, framework=_framework(), name="<fuzz>")


def group(data: bytes) -> None:
    """A group document (members as tables; file members resolve in the working directory)."""
    with contextlib.suppress(InspectkitError):
        loads_group(data, framework=_framework(), name="<fuzz>")


def table(data: bytes) -> None:
    """A CSV evidence table, read from a file as ``inspectkit batch`` reads it."""
    with _file(data, ".csv") as name, contextlib.suppress(InspectkitError):
        load_evidence_table(name, _framework())


def outcomes(data: bytes) -> None:
    """A CSV outcomes table, as ``inspectkit calibrate --outcomes`` reads it."""
    with _file(data, ".csv") as name, contextlib.suppress(InspectkitError):
        read_outcome_table(name, _framework())


TARGETS: dict[str, Target] = {
    "framework": framework,
    "evidence": evidence,
    "group": group,
    "table": table,
    "outcomes": outcomes,
}
"""Target name -> target, as the drivers' command lines name them."""
