"""``extends``: merge a local variant onto its parent framework before checking.

A child names its parent by bundled or installed id, or by a path relative to the child's file
(anything ending in ``.toml`` or containing a slash is a path). The parent is resolved first (it
may itself extend another), checked as a framework on its own, and then the child's tables are
merged onto its raw data:

- top-level keys the child gives replace the parent's; ``overall`` and ``vocabulary`` are
  replaced whole;
- arrays of tables (``sources``, ``grades``, ``judgements``, ``caps``, and ``criteria`` inside a
  judgement) are matched by ``id``: keys given replace the parent's, new ids are added at the end;
- ``drop_judgements``, ``drop_caps`` and, inside a judgement, ``drop_criteria`` remove entries.

The merged result is then checked as one framework. A missing parent, an ``extends`` cycle and
a ``drop_*`` naming an id the parent lacks are reported with the child's key path.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from inspectkit.errors import FrameworkError
from inspectkit.loading._issues import IssueCollector, KeyPath, parse_toml, suggest

__all__ = ["ChildLines", "is_path_reference", "resolve_extends", "resolve_lineage"]

_BY_ID = ("sources", "grades", "judgements", "caps")


class ChildLines(IssueCollector):
    """A collector for a merged framework that finds lines in the child's own text.

    Until `translate` is called, paths are the child's own (problems found while merging).
    After it, paths are into the merged framework: an entry of ``sources``, ``grades``,
    ``judgements`` or ``caps`` (and a criterion inside a judgement) that the child gave is
    found by id in the child's file; entries only the parent has get no line.
    """

    def __init__(self, file: str | None, text: str | None) -> None:
        super().__init__(file, text)
        self._translations: dict[KeyPath, KeyPath] | None = None

    def translate(self, merged: Mapping[str, Any], child: Mapping[str, Any]) -> None:
        """Map the merged framework's entries to the child's, matched by id."""
        table: dict[KeyPath, KeyPath] = {}
        for key in _BY_ID:
            for m, c, merged_entry, child_entry in _pairs(merged.get(key), child.get(key)):
                table[(key, m)] = (key, c)
                if key == "judgements":
                    pairs = _pairs(merged_entry.get("criteria"), child_entry.get("criteria"))
                    for mc, cc, _, _ in pairs:
                        table[(key, m, "criteria", mc)] = (key, c, "criteria", cc)
        self._translations = table

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """Return the child's line for *path*, translated into the child's file."""
        key = tuple(path)
        if self._translations is None or not key or key[0] not in _BY_ID or len(key) < 2:
            return super().line_of(key)
        for size in (4, 2):
            prefix = key[:size]
            if len(prefix) == size and prefix in self._translations:
                return super().line_of(self._translations[prefix] + key[size:])
        return None


def _pairs(merged: Any, child: Any) -> list[tuple[int, int, Mapping[str, Any], Mapping[str, Any]]]:
    if not isinstance(merged, list) or not isinstance(child, list):
        return []
    where = {
        entry["id"]: number
        for number, entry in enumerate(child)
        if isinstance(entry, Mapping) and isinstance(entry.get("id"), str)
    }
    return [
        (number, where[entry["id"]], entry, child[where[entry["id"]]])
        for number, entry in enumerate(merged)
        if isinstance(entry, Mapping) and isinstance(entry.get("id"), str) and entry["id"] in where
    ]


def is_path_reference(text: str) -> bool:
    """Return whether an ``extends`` value or a CLI argument names a file rather than an id."""
    return text.endswith(".toml") or "/" in text or "\\" in text


def resolve_extends(
    raw: Mapping[str, Any],
    collector: IssueCollector,
    *,
    base: Path | None,
    seen: tuple[str, ...],
) -> Mapping[str, Any]:
    """Return *raw* merged onto its parent, or *raw* itself when it extends nothing.

    Problems with the parent reference are recorded in *collector* and raised at once; problems
    in the parent itself raise the parent's own `FrameworkError`.
    """
    return resolve_lineage(raw, collector, base=base, seen=seen)[0]


def resolve_lineage(
    raw: Mapping[str, Any],
    collector: IssueCollector,
    *,
    base: Path | None,
    seen: tuple[str, ...],
) -> tuple[Mapping[str, Any], tuple[str, ...]]:
    """Return *raw* merged onto its parent (as `resolve_extends`) and the ids it extends.

    The ids are the framework's ancestors, nearest first: the parent's id, then the id of the
    framework the parent extends, and so on. A framework that extends nothing has none. The
    loader records them as `Framework.lineage`, so evidence written for a parent is accepted
    for a local variant of it.
    """
    if not isinstance(raw, Mapping) or "extends" not in raw:
        return raw, ()
    reference = raw["extends"]
    if not isinstance(reference, str):
        return raw, ()  # the checks pass reports the wrong type
    parent_raw, key, lineage = _parent(reference, collector, base=base, seen=seen)
    if key in seen:
        chain = " -> ".join([*seen, key])
        collector.add(
            ("extends",),
            "extends-cycle",
            f"frameworks extend each other in a cycle: {chain}",
            hint="a framework cannot extend itself, directly or through others",
        )
        collector.raise_now(FrameworkError, "the framework")
    return merge(parent_raw, raw, collector), lineage


def _parent(
    reference: str, collector: IssueCollector, *, base: Path | None, seen: tuple[str, ...]
) -> tuple[Mapping[str, Any], str, tuple[str, ...]]:
    from inspectkit.loading._framework import build_framework
    from inspectkit.loading._registry import find_framework_file, known_ids

    if is_path_reference(reference):
        path = (base or Path.cwd()) / reference
        hint = "the path is relative to the file that extends it"
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
    key = str(path.resolve())
    if key in seen:
        return {}, key, ()
    try:
        data = path.read_bytes()
    except OSError as exc:
        collector.add(
            ("extends",),
            "extends-not-found",
            f"the parent framework {reference!r} cannot be read ({exc.strerror or exc})",
            hint=hint,
        )
        collector.raise_now(FrameworkError, "the framework")
    text = data.decode("utf-8", errors="replace")
    parent_collector = IssueCollector(str(path), text)
    parent = parse_toml(data, parent_collector, FrameworkError, "the parent framework")
    if "extends" in parent:
        merged_collector = IssueCollector(str(path))
        resolved, above = resolve_lineage(
            parent, merged_collector, base=path.parent, seen=(*seen, key)
        )
        checked = build_framework(resolved, merged_collector, "the parent framework")
        return resolved, key, (checked.id, *above)
    checked = build_framework(parent, parent_collector, "the parent framework")
    return parent, key, (checked.id,)


def merge(
    parent: Mapping[str, Any], child: Mapping[str, Any], collector: IssueCollector
) -> dict[str, Any]:
    """Return *child* merged onto *parent* by the rules in the module docstring."""
    merged = dict(parent)
    merged.pop("extends", None)
    for key, value in child.items():
        if key in ("extends", "drop_judgements", "drop_caps"):
            continue
        if key in _BY_ID and isinstance(value, list) and isinstance(parent.get(key), list):
            merged[key] = _merge_list(parent[key], value, (key,), collector, nested=key)
        else:
            merged[key] = value
    for drop, key in (("drop_judgements", "judgements"), ("drop_caps", "caps")):
        if drop in child:
            merged[key] = _drop(merged.get(key), child[drop], (drop,), collector)
    collector.raise_if_any(FrameworkError, "the framework")
    return merged


def _merge_list(
    parent: list[Any], child: list[Any], path: KeyPath, collector: IssueCollector, nested: str
) -> list[Any]:
    result = list(parent)
    index_of = {
        item["id"]: number
        for number, item in enumerate(parent)
        if isinstance(item, Mapping) and isinstance(item.get("id"), str)
    }
    for number, item in enumerate(child):
        if not isinstance(item, Mapping) or not isinstance(item.get("id"), str):
            result.append(item)
            continue
        if item["id"] not in index_of:
            entry = dict(item)
            entry.pop("drop_criteria", None)
            result.append(entry)
            continue
        position = index_of[item["id"]]
        base = dict(result[position])
        for key, value in item.items():
            if key == "drop_criteria":
                continue
            if (
                nested == "judgements"
                and key == "criteria"
                and isinstance(value, list)
                and isinstance(base.get("criteria"), list)
            ):
                base["criteria"] = _merge_list(
                    base["criteria"], value, (*path, number, "criteria"), collector, "criteria"
                )
            else:
                base[key] = value
        if nested == "judgements" and "drop_criteria" in item:
            base["criteria"] = _drop(
                base.get("criteria"),
                item["drop_criteria"],
                (*path, number, "drop_criteria"),
                collector,
            )
        result[position] = base
    return result


def _drop(entries: Any, ids: Any, path: KeyPath, collector: IssueCollector) -> Any:
    if not isinstance(ids, list) or not all(isinstance(item, str) for item in ids):
        collector.add(path, "wrong-type", "expected an array of ids")
        return entries
    if not isinstance(entries, list):
        return entries
    present = [e.get("id") for e in entries if isinstance(e, Mapping)]
    for number, ident in enumerate(ids):
        if ident not in present:
            collector.add(
                (*path, number),
                "unknown-drop",
                f"the parent has no entry with id {ident!r} to drop",
                hint=suggest(ident, [p for p in present if isinstance(p, str)]),
            )
    return [e for e in entries if not (isinstance(e, Mapping) and e.get("id") in ids)]
