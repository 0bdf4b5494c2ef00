"""Framework documents: parse, load by id or path, and resolve ``extends``.

This is the only module of the framework loader that reads a file. A document goes one way
through it: the file is found (`inspectkit.loading._registry`), read and parsed
(`inspectkit.loading._toml.parse_toml`), merged onto its parent if it ``extends`` one
(`inspectkit.loading._merge`), and checked (`inspectkit.loading._checks`). Each of those
modules does one step and none imports this one, so the steps can be read, and tested, alone.

A parent is checked on its own before the child is merged onto it: a problem in the parent is
then reported against the parent's file and lines, not as a puzzling problem of the child.

Why frameworks loaded by id are cached, and how the cache stays right: every evidence file
names its framework, so a test run or a folder of evidence parsed and checked the same bundled
TOML hundreds of times. A framework loaded by id (bundled or installed) is kept, and the same
immutable `Framework` is returned while nothing it was read from has changed. The key is the
file's real path with its ``stat`` (inode, ``mtime_ns``, size) and the `read_limits` in force,
so a smaller ``max_bytes`` misses the cache and its file is refused as before; the entry also
records the ``stat`` of every parent read through ``extends``, checked again on each hit. Each
``stat`` is taken before its file is read and again after the load, and the framework is kept
only if none changed in between, so a file changed while it is read is not kept under its old
``stat`` (to be returned should the file be put back as it was).
A file changed within the last two seconds is not cached at all: a file system's timestamps are
coarse, and a same-size rewrite inside one tick would keep its ``mtime_ns`` (git calls this the
"racy" case). Failures are never cached. Paths (`load_framework` of a file) are not cached:
they are usually a framework being edited.
"""

from __future__ import annotations

import contextvars
import os
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from inspectkit.errors import FrameworkError, FrameworkNotFoundError, InspectkitError
from inspectkit.loading._checks import check_framework
from inspectkit.loading._files import (
    OUTSIDE_HINT,
    AllowOutside,
    FileRefusedError,
    Limits,
    check_text,
    current_limits,
    outside,
    read_limits,
)
from inspectkit.loading._files import read_bytes as read_file_bytes
from inspectkit.loading._issues import IssueCollector, suggest
from inspectkit.loading._parsed import parsed_form
from inspectkit.loading._registry import find_framework_file, is_path_reference, known_ids
from inspectkit.loading._toml import check_depth, decode, parse_toml
from inspectkit.rubric import Framework

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "MAX_EXTENDS",
    "load_file",
    "load_framework",
    "loads_framework",
    "parse_framework",
    "resolve_framework",
]


MAX_EXTENDS = 16
"""The longest chain of ``extends`` a framework may have (real ones are two or three long).

Each parent is resolved by recursion, so a chain of 500 files used to exhaust the stack.
"""


_Stamp: TypeAlias = tuple[str, int, int, int]
"""A file's real path, inode, ``mtime_ns`` and size: what says it has not changed."""

_RACY_NS = 2_000_000_000
"""A file changed this recently (2 s, in ns) is not cached: its timestamp may not show a rewrite."""

_CACHE_SIZE = 64
"""The most frameworks kept; past it the cache starts afresh (one per id and set of limits)."""

_CACHE: dict[tuple[_Stamp, Limits], tuple[Framework, tuple[_Stamp, ...]]] = {}
"""(file stamp, limits) -> the framework loaded from it, and the stamps of the parents read."""

_PARENTS_READ: contextvars.ContextVar[list[_Stamp | None] | None] = contextvars.ContextVar(
    "inspectkit_parents_read", default=None
)
"""While a framework is loaded for the cache, the stamps of the parent files read for it."""


def _stamp(path: str | os.PathLike[str]) -> _Stamp | None:
    """Return *path*'s stamp, or ``None`` if it cannot be had (the read then reports why)."""
    try:
        real = os.path.realpath(path)
        info = os.stat(real)
    except (OSError, ValueError):
        return None
    return (real, info.st_ino, info.st_mtime_ns, info.st_size)


def _cached_load(path: str | Path, framework_id: str) -> Framework:
    """Return the framework found by *framework_id* at *path*, from the cache when unchanged."""
    stamp = _stamp(path)  # before the read: a change during it is seen next time
    if stamp is None:
        return _checked_load(path, framework_id)
    key = (stamp, current_limits())
    hit = _CACHE.get(key)
    if hit is not None and all(_stamp(parent[0]) == parent for parent in hit[1]):
        return hit[0]
    parents: list[_Stamp | None] = []
    token = _PARENTS_READ.set(parents)
    try:
        framework = _checked_load(path, framework_id)
    finally:
        _PARENTS_READ.reset(token)
    stamps = tuple(parent for parent in parents if parent is not None)
    now = time.time_ns()
    if (
        len(stamps) == len(parents)
        and all(now - s[2] > _RACY_NS for s in (stamp, *stamps))
        # The same files after the read as before it: none was replaced while it was read.
        and all(_stamp(s[0]) == s for s in (stamp, *stamps))
        and os.path.realpath(path) == stamp[0]
    ):
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[key] = (framework, stamps)
    return framework


def _note_parent(path: str | Path) -> None:
    """Record the stamp of a parent about to be read, when a cached load is under way."""
    parents = _PARENTS_READ.get()
    if parents is not None:
        parents.append(_stamp(path))  # None (no stamp): the framework is not cached


def parse_framework(mapping: Mapping[str, Any], *, name: str = "<mapping>") -> Framework:
    """Return the checked `Framework` described by *mapping* (the shape TOML parses to).

    Args:
        mapping: A dict as `tomli.loads` returns for a framework file. An ``extends`` path
            in it is relative to the current directory.
        name: The name to report in errors.

    Raises:
        FrameworkError: With every problem found, each an `Issue` with its key path and code.
    """
    collector = IssueCollector(name)
    check_depth(mapping, collector)
    collector.raise_if_any(FrameworkError, "the framework")
    raw, lineage = _resolve_lineage(mapping, collector, base=None, seen=())
    framework = check_framework(raw, collector, "the framework")
    return attrs.evolve(framework, lineage=lineage) if lineage else framework


def loads_framework(text: str | bytes, *, name: str = "<string>") -> Framework:
    """Return the checked `Framework` written in the TOML *text*.

    Args:
        text: The TOML source (bytes are decoded as UTF-8). An ``extends`` path in it is
            relative to the current directory; `load_framework` resolves it against the file.
        name: The name to report in errors, such as a file name.

    Raises:
        FrameworkError: With every problem found: TOML syntax (with line and column), unknown
            keys, wrong types, and every semantic problem, each an `Issue` with a line.
        TypeError: *text* is neither a string nor bytes.
    """
    check_text(text, "loads_framework")
    return _loads(text, name=name, base=None, seen=())


def _loads(
    text: str | bytes,
    *,
    name: str,
    base: str | Path | None,
    seen: tuple[str, ...],
    parsed: dict[str, Any] | None = None,
) -> Framework:
    """Return the framework of TOML *text*; *parsed* is its document when already parsed."""
    source = decode(text)
    collector = IssueCollector(name, source if isinstance(source, str) else None)
    raw = parsed
    if raw is None:
        raw = parse_toml(source, collector, FrameworkError, "the framework")
    if isinstance(raw, Mapping) and "extends" in raw:
        # Imported here: a framework that extends none (every bundled one) merges nothing.
        from inspectkit.loading._merge import ChildLines

        merged_collector = ChildLines(name, source if isinstance(source, str) else None)
        merged, lineage = _resolve_lineage(raw, merged_collector, base=base, seen=seen)
        merged_collector.translate(merged, raw)
        framework = check_framework(merged, merged_collector, "the framework")
        return attrs.evolve(framework, lineage=lineage) if lineage else framework
    return check_framework(raw, collector, "the framework")


def load_file(path: str | Path, *, seen: tuple[str, ...] = ()) -> Framework:
    """Load the framework file at *path*; unreadable files raise `FrameworkError`.

    *path* is a `pathlib.Path`, or a bundled file's path as `find_framework_file` gives it: an
    absolute, normalised string (so a plain assessment never imports pathlib).
    """
    text = read_bytes(path)
    return _loads(
        text,
        name=str(path),
        base=_folder(path),
        seen=(*seen, os.path.realpath(path)),  # what Path.resolve gives, as a string
        # A bundled framework's bytes were parsed ahead of time (see _parsed): the same
        # document, read by the C JSON reader instead of tomli, and checked alike below.
        parsed=parsed_form(os.path.basename(path), text),
    )


def _folder(path: str | Path) -> str | Path:
    """Return the folder of *path*: a `pathlib.Path`'s parent, or a bundled string's folder."""
    return os.path.dirname(path) if isinstance(path, str) else path.parent


def _as_path(path: str | os.PathLike[str]) -> Path:
    """Return *path* as a `pathlib.Path`, imported only for a framework named by path."""
    from pathlib import Path

    return Path(path)


def read_bytes(path: str | Path) -> bytes:
    """Return the bytes of *path*, turning OS errors into inspectkit errors.

    Only a regular file is read, and only up to the size limit (`inspectkit.loading._files`).
    """
    try:
        return read_file_bytes(path)
    except FileRefusedError as problem:
        if problem.code == "not-found":
            raise FrameworkNotFoundError(f"no framework file {str(path)!r}") from None
        if problem.bad_path:
            raise FrameworkNotFoundError(_unloadable(path, ValueError(problem.reason))) from None
        collector = IssueCollector(str(path))
        collector.add(
            (),
            problem.code,
            problem.reason,
            hint=problem.hint or "give the path of a readable .toml framework file",
        )
        collector.raise_now(FrameworkError, "the framework")


def load_framework(
    id_or_path: str | os.PathLike[str],
    *,
    max_bytes: int | None = None,
    allow_outside: AllowOutside = None,
) -> Framework:
    """Load a framework by bundled or installed id, or from a TOML file.

    A `pathlib.Path`, or a string that ends in ``.toml`` or contains a slash, is a file; any
    other string is an id (see `list_frameworks`)::

        >>> import inspectkit
        >>> inspectkit.load_framework("no_such_framework")
        Traceback (most recent call last):
        ...
        inspectkit.errors.FrameworkNotFoundError: ...

    Args:
        id_or_path: The framework's id, or the path of its file.
        max_bytes: The largest file to read, this one and the files it ``extends``
            (default: the limit in force, `DEFAULT_MAX_BYTES` unless raised with
            `read_limits`). Only regular files are read: a FIFO or a device is refused.
        allow_outside: A directory, or several, whose files an ``extends`` path may name
            besides the framework file's own folder and those below it.

    Returns:
        The checked, immutable framework. A framework loaded by id is read once: loading it
        again returns the same object while its files (and those it ``extends``) are unchanged
        and the limits in force are the same.

    Raises:
        FrameworkNotFoundError: If no framework has the id, or the file does not exist.
        FrameworkError: If the file is not a valid framework; it lists every problem.
        TypeError: *max_bytes* is not a positive integer, or *allow_outside* not paths.
    """
    try:
        with read_limits(max_bytes=max_bytes, allow_outside=allow_outside):
            return _load(id_or_path)
    except InspectkitError:
        raise
    except (OSError, ValueError) as exc:
        # A name no file system accepts: a NUL byte, too long, a directory, no permission.
        raise FrameworkNotFoundError(_unloadable(id_or_path, exc)) from exc


def _unloadable(id_or_path: object, exc: Exception) -> str:
    shown = os.fspath(id_or_path) if isinstance(id_or_path, (str, os.PathLike)) else id_or_path
    text = repr(shown) if len(repr(shown)) <= 60 else repr(shown)[:57] + "..."
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return (
        f"no framework {text} can be loaded ({reason or type(exc).__name__}); give a "
        "bundled or installed id (see `inspectkit list`) or the path of a readable "
        ".toml file"
    )


def _load(id_or_path: str | os.PathLike[str]) -> Framework:
    if isinstance(id_or_path, os.PathLike):
        return load_file(_as_path(id_or_path))
    if not isinstance(id_or_path, str):
        raise FrameworkNotFoundError(
            f"expected a framework id or path, got {type(id_or_path).__name__}"
        )
    if is_path_reference(id_or_path):
        return load_file(_as_path(id_or_path))
    # A bare name is an id, even when the working directory has a file of that name: a file
    # called "ofsted_childrens_centres_2014" there must not stand in for the bundled framework.
    path = find_framework_file(id_or_path)
    if path is None:
        known = known_ids()
        hint = suggest(id_or_path, known)
        listing = ", ".join(known) if known else "none"
        local = ""
        if _as_path(id_or_path).is_file():
            local = f"; to load the file of that name, write ./{id_or_path}"
        raise FrameworkNotFoundError(
            f"no framework with id {id_or_path!r}"
            + (f"; {hint}" if hint else "")
            + local
            + f" (known ids: {listing})"
        )
    return _cached_load(path, id_or_path)


def _checked_load(path: str | Path, framework_id: str) -> Framework:
    """Load the file found by *framework_id*, refusing one whose own id differs."""
    framework = load_file(path)
    if framework.id != framework_id:
        source = decode(read_bytes(path))
        collector = IssueCollector(str(path), source if isinstance(source, str) else None)
        collector.add(
            ("id",),
            "id-mismatch",
            f"the file is found by the id {framework_id!r} but says id = {framework.id!r}",
            hint=f"rename the file to {framework.id}.toml, or change its id",
        )
        collector.raise_now(FrameworkError, "the framework")
    return framework


def resolve_framework(framework: Framework | str | os.PathLike[str]) -> Framework:
    """Return *framework* as a `Framework`, loading it when given as an id or a path.

    Raises:
        FrameworkNotFoundError: No framework has that id or path.
        FrameworkError: The framework file is not valid.
    """
    if isinstance(framework, Framework):
        return framework
    return load_framework(framework)  # it turns OS errors into FrameworkNotFoundError


def _resolve_lineage(
    raw: Mapping[str, Any],
    collector: IssueCollector,
    *,
    base: str | Path | None,
    seen: tuple[str, ...],
    origin: tuple[IssueCollector, int] | None = None,
) -> tuple[Mapping[str, Any], tuple[str, ...]]:
    """Return *raw* merged onto its parent, or *raw* itself, and the ids it extends.

    The ids are the framework's ancestors, nearest first: the parent's id, then the id of the
    framework the parent extends, and so on. A framework that extends nothing has none. The
    loader records them as `Framework.lineage`, so evidence written for a parent is accepted
    for a local variant of it.

    *origin* is the collector of the framework the caller loaded and how many entries of
    *seen* are not its ancestors; nested calls (for a parent that extends another) pass it on,
    so a chain that is too long is reported against the file the user named, not the deepest.
    """
    if not isinstance(raw, Mapping) or "extends" not in raw:
        return raw, ()
    reference = raw["extends"]
    if not isinstance(reference, str):
        return raw, ()  # the checks pass reports the wrong type
    top, start = origin or (collector, len(seen))
    # *seen* past its first *start* entries holds the ancestors read so far: the framework
    # loaded is among the first when it came from a file and is not in *seen* when it came from
    # text or a mapping, so counting len(seen) alone let text extend one more than a file.
    # With the framework loaded the chain has len(seen) - start + 1 frameworks; *raw* extends
    # one more, so the chain is refused when that would give more than MAX_EXTENDS ancestors.
    if len(seen) - start + 1 > MAX_EXTENDS:
        top.add(
            ("extends",),
            "extends-too-deep",
            f"the framework extends a chain of more than {MAX_EXTENDS} frameworks "
            f"({len(seen) - start} read, as far as {os.path.basename(seen[-1])}, "
            "which extends another)",
            hint="a local variant extends its national framework, perhaps through one or two "
            "others; look for a generated or runaway chain",
        )
        top.raise_now(FrameworkError, "the framework")
    parent_raw, key, lineage = _parent(
        reference, collector, base=base, seen=seen, origin=(top, start)
    )
    if key in seen:
        chain = " -> ".join([*seen, key])
        collector.add(
            ("extends",),
            "extends-cycle",
            f"frameworks extend each other in a cycle: {chain}",
            hint="a framework cannot extend itself, directly or through others",
        )
        collector.raise_now(FrameworkError, "the framework")
    from inspectkit.loading._merge import merge

    return merge(parent_raw, raw, collector), lineage


def _parent(
    reference: str,
    collector: IssueCollector,
    *,
    base: str | Path | None,
    seen: tuple[str, ...],
    origin: tuple[IssueCollector, int],
) -> tuple[Mapping[str, Any], str, tuple[str, ...]]:
    path: str | Path
    if is_path_reference(reference):
        path = (_as_path(base) if base is not None else _as_path(os.getcwd())) / reference
        hint = "the path is relative to the file that extends it"
        refused = outside(path, base)
        if refused is not None:
            collector.add(
                ("extends",),
                "path-outside",
                f"the parent framework {reference!r} is not read: {refused}",
                hint=OUTSIDE_HINT,
            )
            collector.raise_now(FrameworkError, "the framework")
    else:
        found = find_framework_file(reference)
        if found is None:
            known = known_ids()
            collector.add(
                ("extends",),
                "extends-not-found",
                f"no bundled or installed framework has the id {reference!r}",
                hint=suggest(reference, known) or "known ids: " + ", ".join(known),
            )
            collector.raise_now(FrameworkError, "the framework")
        path = found
        hint = None
    key = os.path.realpath(path)  # what Path.resolve gives, as a string
    if key in seen:
        return {}, key, ()
    _note_parent(path)  # before the read, as for the file itself
    try:
        data = read_file_bytes(path)
    except FileRefusedError as problem:
        collector.add(
            ("extends",),
            "extends-not-found" if problem.code in ("not-found", "unreadable") else problem.code,
            f"the parent framework {reference!r} cannot be read: {problem.reason}",
            hint=hint if problem.code == "not-found" else problem.hint or hint,
        )
        collector.raise_now(FrameworkError, "the framework")
    source = decode(data)
    parent_collector = IssueCollector(str(path), source if isinstance(source, str) else None)
    parent = parsed_form(os.path.basename(path), data)  # a bundled parent's parsed form
    if parent is None:
        parent = parse_toml(source, parent_collector, FrameworkError, "the parent framework")
    if "extends" in parent:
        merged_collector = IssueCollector(str(path))
        resolved, above = _resolve_lineage(
            parent, merged_collector, base=_folder(path), seen=(*seen, key), origin=origin
        )
        checked = check_framework(resolved, merged_collector, "the parent framework")
        return resolved, key, (checked.id, *above)
    checked = check_framework(parent, parent_collector, "the parent framework")
    return parent, key, (checked.id,)
