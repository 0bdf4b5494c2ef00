"""``extends``: merge a local variant's raw tables onto its parent's, before checking.

A local variant (a council's version of a national rubric) names its parent with ``extends``
and writes only what differs. The merge is done on the *raw* mappings, before any check, and
the merged mapping is then checked as one framework. Why raw, not merged models: a child may
change one threshold of one criterion, and only the merged whole can say whether thresholds
are still in order, caps still name real judgements and every threshold still has provenance.
Merging checked models would need a second set of rules for "partial" models that a child's
fragment is; merging dicts needs none.

The rules, chosen so a child can say every change in the fewest keys:

- top-level keys the child gives replace the parent's; ``overall``, ``vocabulary`` and
  ``findings`` are replaced whole (a half-merged aggregation, word list or findings table would
  mix two authors' evidence), and so is a judgement's own ``findings`` table;
- arrays of tables (`BY_ID`: ``sources``, ``grades``, ``judgements``, ``caps``, ``scales``,
  ``provisions``, ``statuses``) are matched by ``id``: keys given replace the parent's, new ids
  are added at the end, so the parent's order (which is the report's order) is kept; so are the
  arrays inside their entries (`NESTED`: a judgement's ``criteria``, a scale's ``grades``, a
  status's ``levels``);
- ``changes`` are never inherited: each successor records what *it* changed;
- ``drop_judgements``, ``drop_caps``, ``drop_statuses`` and, inside a judgement,
  ``drop_criteria`` remove entries (`DROPS`); naming an id the parent lacks is an
  ``unknown-drop`` issue, since a typo there would silently keep what the author meant to remove.

Adding an array of tables to the format means one entry in `BY_ID` (and in `NESTED` or `DROPS`
where it has them): the merge, the drops and the child's line numbers then work for it.

Entries without a string ``id`` are appended as they are, for the checks to report. This module
does no I/O and knows nothing of where the parent came from: `inspectkit.loading._framework`
finds, reads and checks the parent, then calls `merge`. `ChildLines` lets the checks' issues
about the merged mapping point at lines of the child's own file, matching entries by id,
because the merged mapping has no text of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from inspectkit.errors import FrameworkError
from inspectkit.loading._issues import IssueCollector, KeyPath, suggest

__all__ = ["BY_ID", "DROPS", "NESTED", "ChildLines", "merge"]

BY_ID = ("sources", "grades", "judgements", "caps", "scales", "provisions", "statuses")
"""The top-level arrays of tables merged entry by entry, matched by ``id``."""

NESTED: dict[str, tuple[str, str | None]] = {
    "judgements": ("criteria", "drop_criteria"),
    "scales": ("grades", None),
    "statuses": ("levels", None),
}
"""Top-level array -> (the array inside each entry merged by id too, the key that drops from it)."""

DROPS = {"drop_judgements": "judgements", "drop_caps": "caps", "drop_statuses": "statuses"}
"""A child's top-level drop key -> the array it removes entries from."""

NOT_INHERITED = ("extends", "changes")
"""Parent keys a child never inherits: its own parent, and what the parent changed."""


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
        for key in BY_ID:
            for m, c, merged_entry, child_entry in _pairs(merged.get(key), child.get(key)):
                table[(key, m)] = (key, c)
                if key in NESTED:
                    inner = NESTED[key][0]
                    pairs = _pairs(merged_entry.get(inner), child_entry.get(inner))
                    for mc, cc, _, _ in pairs:
                        table[(key, m, inner, mc)] = (key, c, inner, cc)
        self._translations = table

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """Return the child's line for *path*, translated into the child's file."""
        key = tuple(path)
        if self._translations is None or not key or key[0] not in BY_ID or len(key) < 2:
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


def merge(
    parent: Mapping[str, Any], child: Mapping[str, Any], collector: IssueCollector
) -> dict[str, Any]:
    """Return *child* merged onto *parent* by the rules in the module docstring."""
    merged = dict(parent)
    for key in NOT_INHERITED:
        merged.pop(key, None)  # each successor records its own changes
    if "valid_from" in child or "valid_until" in child:
        # A variant that states when it is in force states its whole period: a successor from
        # April 2026 must not keep its parent's end date of March 2026.
        merged.pop("valid_from", None)
        merged.pop("valid_until", None)
    for key, value in child.items():
        if key == "extends" or key in DROPS:
            continue
        if key in BY_ID and isinstance(value, list) and isinstance(parent.get(key), list):
            merged[key] = _merge_list(parent[key], value, (key,), collector, nested=key)
        else:
            merged[key] = value
    for drop, key in DROPS.items():
        if drop in child:
            # A parent without the array has nothing to drop: every id named is unknown.
            dropped = _drop(merged.get(key, []), child[drop], (drop,), collector)
            if key in merged:
                merged[key] = dropped
    collector.raise_if_any(FrameworkError, "the framework")
    return merged


def _merge_list(
    parent: list[Any], child: list[Any], path: KeyPath, collector: IssueCollector, nested: str
) -> list[Any]:
    """Merge the child's entries of the array *nested* (a `BY_ID` key) onto the parent's."""
    inner, drop = NESTED.get(nested, (None, None))
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
            if drop is not None:
                entry.pop(drop, None)
            result.append(entry)
            continue
        position = index_of[item["id"]]
        base = dict(result[position])
        for key, value in item.items():
            if key == drop:
                continue
            if key == inner and isinstance(value, list) and isinstance(base.get(key), list):
                base[key] = _merge_list(base[key], value, (*path, number, key), collector, key)
            else:
                base[key] = value
        if drop is not None and inner is not None and drop in item:
            base[inner] = _drop(base.get(inner), item[drop], (*path, number, drop), collector)
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
