"""The framework checks: one walk over a raw framework mapping that reports every problem.

Why one hand-written walk instead of ``cattrs.structure`` and attrs validators: a rubric loader
must fail closed and name the exact key, and it must report *all* problems of a file at once so
an author fixes it in one pass. cattrs stops at the first failure of a class and coerces on the
way (see `inspectkit.loading._toml`), and a validator sees one value without knowing where it
came from. So the walk reads each table with a `StrictReader` that records an issue at its key
path and carries on, and the frozen models are only built when the walk found nothing wrong.
Until then fields may be placeholders (``None`` where a value was refused), which is why the
models are built through `_new`, typed loosely, rather than called directly.

The walk has two parts. The *structural* part reads each table: unknown keys (with a "did you
mean"), missing keys, wrong types, ids that are not snake_case, values outside their range. The
*semantic* part checks what ties the tables together: duplicate ids, grades named that are not
on the scale, threshold order, aggregation parameters, caps and rules naming unknown things, cap
cycles, provenance that is missing or names an unknown source. Semantic checks skip values the
structural part already rejected (``None``), so one mistake is reported once, at its own key,
and not again by every check that depends on it.

Order matters in three places: grades are read before anything that names a grade; criteria
before the caps that watch them; and provenance sources are checked after the walk, because a
``sources`` table may follow the thresholds that cite it. A document so deeply nested that the
walk itself runs out of stack is reported as ``too-deep``, never as a `RecursionError`.

Every code used here is listed in `inspectkit.loading.CODES`; tests match on the codes, not on
message wording. This module reads no files and resolves no ``extends``: it checks one mapping,
which `inspectkit.loading._framework` has already parsed and merged.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from inspectkit._lazy import lazy_pattern  # compiled on first use
from inspectkit.errors import FrameworkError
from inspectkit.grades import Grade, GradeColour, GradeScale, normalise_name
from inspectkit.loading._findings import WEIGHT_HINT, finding_weight
from inspectkit.loading._issues import (
    IssueCollector,
    KeyPath,
    format_path,
    suggest,
    suggest_word,
)
from inspectkit.loading._toml import MISSING, StrictReader, format_number
from inspectkit.rubric import (
    OVERALL,
    Accuracy,
    Aggregation,
    Basis,
    Cap,
    Change,
    Criterion,
    Direction,
    FindingLimit,
    FindingsRule,
    FindingSupport,
    Framework,
    GroupMethod,
    GroupRule,
    Judgement,
    Measure,
    Method,
    MissingPolicy,
    Provenance,
    Provision,
    Quantifier,
    Rule,
    Scale,
    Source,
    Spread,
    Threshold,
    Vocabulary,
)

if TYPE_CHECKING:
    from inspectkit.loading._statuses import StatusContext
    from inspectkit.rubric import DerivedStatus

__all__ = ["TOP_KEYS", "check_framework"]

_HEX = lazy_pattern(r"#[0-9A-Fa-f]{6}\Z")

TOP_KEYS = (
    "id",
    "title",
    "version",
    "status",
    "valid_from",
    "valid_until",
    "description",
    "missing",
    "overall_title",
    "extends",
    "sources",
    "grades",
    "vocabulary",
    "judgements",
    "overall",
    "caps",
    "group",
    "findings",
    "kinds",
    "changes",
    "provisions",
    "scales",
    "statuses",
)
"""The keys a framework file may have at its top level."""

_APPLIES = ("always", "where_provision")

_FINDINGS_KEYS = ("provenance", "limits", "supports")
_RESERVED_CHECK_WORDS = frozenset(
    {"true", "false", "yes", "no", "met", "not met", "unknown", "not applicable", "n/a"}
)
_JUST = 0.001
"""How far a word written "below" (or "above") another word stops short of its band."""

_STATUSES = ("current", "historical")

T = TypeVar("T")


def _new(cls: type[T], **fields: Any) -> T:
    """Build a model from checked fields (typed loosely: fields may be placeholders)."""
    return cls(**fields)


class _FrameworkChecks:
    """One walk over a raw framework mapping; `check` returns the model, or ``None``.

    The walk keeps what later tables are checked against: the grade ids (in scale order, for
    threshold order and grade references), the source ids and every provenance ``source``
    seen (checked at the end, since ``sources`` may come after the tables that cite them).
    """

    def __init__(self, collector: IssueCollector) -> None:
        self.issues = collector
        self.read = StrictReader(collector)
        self.grade_ids: list[str] = []
        self.source_ids: set[str] = set()
        self.provenance_sources: list[tuple[KeyPath, str]] = []
        self.provision_ids: list[str] = []
        # Scale id -> its grade ids, best first, for judgements graded on another scale.
        self.scale_ids: dict[str, list[str]] = {}
        # Judgement or criterion id -> the grade ids of the scale it is graded on, where that
        # is not the framework's own scale (so caps naming it read their grades there).
        self.other_scale: dict[str, list[str]] = {}

    # -- helpers ------------------------------------------------------------------------

    def grade_ref(self, value: Any, path: KeyPath) -> str | None:
        """Return *value* if it names a grade on the scale (by id)."""
        text = self.read.string(value, path)
        if text is None:
            return None
        if self.grade_ids and text not in self.grade_ids:
            self.unknown_grade(text, path)
            return None
        return text

    def unknown_grade(self, text: str, path: KeyPath) -> None:
        """Record that *text* is not a grade id on the scale."""
        self.issues.add(
            path,
            "unknown-grade",
            f"{text!r} is not a grade on the scale",
            hint=suggest(text, self.grade_ids) or "grades: " + ", ".join(self.grade_ids),
        )

    def provenance(self, value: Any, path: KeyPath) -> Provenance | None:
        """Read a provenance table."""
        table = self.read.table(value, path, ("basis", "source", "note"), ("basis",))
        if table is None:
            return None
        basis = self.read.choice(table.get("basis", MISSING), (*path, "basis"), Basis)
        source = None
        if "source" in table:
            source = self.read.string(table["source"], (*path, "source"))
            if source is not None:
                self.provenance_sources.append(((*path, "source"), source))
        note = self.read.string(table.get("note", ""), (*path, "note"))
        if basis is None:
            return None
        return _new(Provenance, basis=basis, source=source, note=note or "")

    def optional_provenance(self, table: Mapping[str, Any], path: KeyPath) -> Provenance | None:
        """Read ``provenance`` from *table* if present."""
        if "provenance" not in table:
            return None
        return self.provenance(table["provenance"], (*path, "provenance"))

    def require_provenance(self, table: Mapping[str, Any], path: KeyPath, what: str) -> None:
        """Record a missing ``provenance`` key in *table*, which describes *what*."""
        if "provenance" not in table:
            self.issues.add(
                path,
                "missing-provenance",
                f"{what} has no provenance",
                hint='add provenance = { basis = "modelled", note = "..." } or cite a source',
            )

    def check_duplicates(self, items: Sequence[tuple[KeyPath, str | None]], what: str) -> None:
        """Record every repeated id in *items* (path, id) after its first use."""
        seen: dict[str, KeyPath] = {}
        for path, ident in items:
            if ident is None:
                continue
            if ident in seen:
                self.issues.add(
                    path,
                    "duplicate-id",
                    f"{what} {ident!r} is already used at line "
                    f"{self.issues.line_of(seen[ident]) or '?'}"
                    if self.issues.line_of(seen[ident])
                    else f"{what} {ident!r} is already used",
                    hint=f"each {what} may be used only once",
                )
            else:
                seen[ident] = path

    # -- top level ----------------------------------------------------------------------

    def check(self, raw: Any) -> Framework | None:
        """Walk *raw* and return the framework, or ``None`` if any issue was recorded."""
        top = self.read.table(raw, (), TOP_KEYS, ("id", "title", "version", "grades"))
        if top is None:
            return None
        if "judgements" not in top:
            self.issues.add((), "missing-key", "missing required key 'judgements'")
        if "overall" not in top:
            self.issues.add((), "missing-key", "missing required key 'overall'")
        ident = self.read.ident(top.get("id", MISSING), ("id",)) if "id" in top else None
        title = self.read.string(top.get("title", MISSING), ("title",))
        version = self.read.string(top.get("version", MISSING), ("version",))
        status = self.read.string(top.get("status", "current"), ("status",))
        if status is not None and status not in _STATUSES:
            self.issues.add(
                ("status",),
                "bad-value",
                f"{status!r} is not one of 'current', 'historical'",
                hint=suggest(status, _STATUSES),
            )
        description = self.read.string(top.get("description", ""), ("description",))
        valid_from = self.in_force_date(top, "valid_from")
        valid_until = self.in_force_date(top, "valid_until")
        if valid_from is not None and valid_until is not None and valid_until < valid_from:
            self.issues.add(
                ("valid_until",),
                "out-of-range",
                f"valid_until {valid_until.isoformat()} is before valid_from "
                f"{valid_from.isoformat()}",
                hint="the framework is in force from valid_from to valid_until, inclusive",
            )
        missing = self.read.choice(top.get("missing", "worst"), ("missing",), MissingPolicy)
        overall_title = self.read.string(
            top.get("overall_title", "Overall effectiveness"), ("overall_title",)
        )
        if "extends" in top:
            self.read.string(top["extends"], ("extends",))

        sources = self.sources(top.get("sources", []))
        provisions = self.provisions(top.get("provisions", []))
        scale = self.grades(top.get("grades", MISSING))
        scales = self.scales(top.get("scales", []))
        vocabulary = self.vocabulary(top.get("vocabulary", MISSING))
        judgements = self.judgements(top.get("judgements", MISSING))
        member_ids = [
            j.id for _, j in judgements if j.id is not None and j.id not in self.other_scale
        ]
        overall = None
        if "overall" in top:
            overall = self.aggregation(top["overall"], ("overall",), member_ids, "judgements")
        caps = self.caps(top.get("caps", []), judgements)
        if overall is not None and overall.method is Method.NONE:
            self.no_overall(caps)
        group = self.group(top["group"], judgements) if "group" in top else None
        findings = self.findings(top["findings"], ("findings",)) if "findings" in top else None
        kinds = self.read.strings(top.get("kinds", []), ("kinds",)) or ()
        self.check_duplicates([(("kinds", k), kind) for k, kind in enumerate(kinds)], "kind")
        changes = self.changes(top.get("changes", []), judgements, caps)
        statuses = self.statuses(top["statuses"], judgements, overall) if "statuses" in top else ()

        for path, source in self.provenance_sources:
            if source not in self.source_ids:
                self.issues.add(
                    path,
                    "unknown-source",
                    f"{source!r} is not the id of an entry in sources",
                    hint=suggest(source, self.source_ids)
                    or (
                        "sources: " + ", ".join(sorted(self.source_ids))
                        if self.source_ids
                        else "add a [[sources]] table with this id"
                    ),
                )
        if self.issues or scale is None or overall is None:
            return None
        return _new(
            Framework,
            id=ident,
            title=title,
            version=version,
            scale=scale,
            judgements=tuple(j for _, j in judgements),
            overall=overall,
            overall_title=overall_title,
            caps=caps,
            vocabulary=vocabulary,
            missing=missing,
            sources=sources,
            status=status,
            description=description,
            valid_from=valid_from,
            valid_until=valid_until,
            group=group,
            findings=findings,
            kinds=kinds,
            changes=changes,
            provisions=provisions,
            scales=scales,
            statuses=statuses,
        )

    def check_values(self, table: Mapping[str, Any], path: KeyPath) -> dict[str, str]:
        """Read a check's ``values``: descriptor words besides met and not met, each a grade."""
        raw = table.get("values", {})
        found: dict[str, str] = {}
        if not isinstance(raw, Mapping):
            self.read.wrong_type(raw, (*path, "values"), "a table")
            return found
        for word, grade in raw.items():
            word_path = (*path, "values", word)
            if normalise_name(word) in _RESERVED_CHECK_WORDS:
                self.issues.add(
                    word_path,
                    "bad-value",
                    f"{word!r} already means met, not met, not applicable or unknown",
                    hint="choose a descriptor word such as 'partly'",
                )
                continue
            checked = self.grade_ref(grade, word_path)
            if checked is not None:
                found[word] = checked
        return found

    def changes(
        self, value: Any, judgements: list[tuple[int, Judgement]], caps: tuple[Cap, ...]
    ) -> tuple[Change, ...]:
        """Read ``changes``: what a successor changed, each with provenance.

        ``affects`` may name judgements, criteria, caps or ``overall``; anything else is
        refused, so a change cannot point at a part the framework does not have.
        """
        known = {OVERALL}
        for _, judgement in judgements:
            if judgement is None:
                continue
            known.add(judgement.id)
            known.update(criterion.id for criterion in judgement.criteria)
        known.update(cap.id for cap in caps or ())
        found = []
        ids: list[tuple[KeyPath, str | None]] = []
        for index, table in self.read.array(value, ("changes",)):
            path: KeyPath = ("changes", index)
            self.read.table(
                table, path, ("id", "summary", "affects", "provenance"), ("id", "summary")
            )
            ident = self.read.ident(table.get("id", MISSING), (*path, "id"))
            summary = self.read.string(table.get("summary", MISSING), (*path, "summary"))
            affects = self.read.strings(table.get("affects", []), (*path, "affects")) or ()
            for position, member in enumerate(affects):
                if member not in known:
                    self.issues.add(
                        (*path, "affects", position),
                        "unknown-member",
                        f"{member!r} is not a judgement, criterion or cap of this framework",
                        hint=suggest(member, known),
                    )
            self.require_provenance(table, path, "the change")
            provenance = self.optional_provenance(table, path)
            ids.append(((*path, "id"), ident))
            found.append(
                _new(Change, id=ident, summary=summary, affects=affects, provenance=provenance)
            )
        self.check_duplicates(ids, "change")
        return tuple(found)

    def findings(self, value: Any, path: KeyPath) -> FindingsRule | None:
        """Read a ``[findings]`` table: the limits and supports, each with provenance.

        An entry without its own ``provenance`` inherits the table's, so a table that states
        one reading for all its rules says it once.
        """
        table = self.read.table(value, path, _FINDINGS_KEYS, ())
        if table is None:
            return None
        self.require_provenance(table, path, "the findings table")
        provenance = self.optional_provenance(table, path)
        limits = [
            self.finding_rule(item, (*path, "limits", index), "weakness", "to", provenance)
            for index, item in self.read.array(table.get("limits", []), (*path, "limits"))
        ]
        supports = [
            self.finding_rule(item, (*path, "supports", index), "strength", "grade", provenance)
            for index, item in self.read.array(table.get("supports", []), (*path, "supports"))
        ]
        if provenance is None or any(rule is None for rule in (*limits, *supports)):
            return None
        return FindingsRule(provenance, limits=limits, supports=supports)  # type: ignore[arg-type]

    def finding_rule(
        self,
        table: Mapping[str, Any],
        path: KeyPath,
        weight_key: str,
        grade_key: str,
        inherited: Provenance | None,
    ) -> FindingLimit | FindingSupport | None:
        """Read one limit (``weakness``, ``to``) or support (``strength``, ``grade``)."""
        self.read.table(
            table, path, (weight_key, "count", grade_key, "provenance"), (weight_key, grade_key)
        )
        weight = None
        if weight_key in table:
            text = self.read.string(table[weight_key], (*path, weight_key))
            if text is not None:
                weight = finding_weight(text)
                if weight is None:
                    self.issues.add(
                        (*path, weight_key),
                        "bad-value",
                        f"{text!r} is not a finding weight",
                        hint=WEIGHT_HINT,
                    )
        count = self.read.count(table.get("count", 1), (*path, "count"))
        if count == 0:
            self.issues.add(
                (*path, "count"),
                "out-of-range",
                "count 0 would fire with no findings at all",
                hint="count is how many findings it takes: 1 or more",
            )
            count = None
        grade = self.grade_ref(table[grade_key], (*path, grade_key)) if grade_key in table else None
        provenance = self.optional_provenance(table, path) or inherited
        if weight is None or count is None or grade is None or provenance is None:
            return None
        if grade_key == "to":
            return FindingLimit(weight, count, grade, provenance)
        return FindingSupport(weight, count, grade, provenance)

    def group(self, value: Any, judgements: list[tuple[int, Judgement]]) -> GroupRule | None:
        """Read ``group``: the default rule for groups of units, and the spread it allows."""
        path: KeyPath = ("group",)
        table = self.read.table(value, path, ("rule", "share", "spread", "provenance"), ("rule",))
        if table is None:
            return None
        rule = self.read.choice(table.get("rule", MISSING), (*path, "rule"), GroupMethod)
        share = None
        if "share" in table:
            share = self.read.number(table["share"], (*path, "share"))
            if share is not None and not 0 < share <= 1:
                self.issues.add(
                    (*path, "share"),
                    "out-of-range",
                    f"share {format_number(share)} is not in 0 < share <= 1",
                    hint="a share of members, such as 0.5 for half",
                )
            if rule is not None and rule is not GroupMethod.BEST_FIT:
                self.issues.add(
                    (*path, "share"),
                    "not-used",
                    f"share is only used by the best_fit rule, not {rule.value!r}",
                )
        spread = self.spread(table.get("spread", MISSING), (*path, "spread"), judgements)
        self.require_provenance(table, path, "the group rule")
        provenance = self.optional_provenance(table, path)
        if rule is None or provenance is None or spread is None:
            return None
        return GroupRule(rule=rule, provenance=provenance, share=share, spread=spread)

    def spread(
        self, value: Any, path: KeyPath, judgements: list[tuple[int, Judgement]]
    ) -> Spread | None:
        """Read ``group.spread``: how far members may differ before a group is inconsistent."""
        if value is MISSING:
            return Spread()
        table = self.read.table(value, path, ("grades", "criteria", "provenance"))
        if table is None:
            return None
        grades = None
        if "grades" in table:
            grades = self.read.count(table["grades"], (*path, "grades"))
        measures = {
            criterion.id: criterion.measure
            for _, judgement in judgements
            for criterion in judgement.criteria
            if criterion.id is not None
        }
        criteria: dict[str, float] = {}
        raw = table.get("criteria", {})
        if not isinstance(raw, Mapping):
            self.read.wrong_type(raw, (*path, "criteria"), "a table")
            raw = {}
        for key, item in raw.items():
            item_path: KeyPath = (*path, "criteria", key)
            number = self.read.number(item, item_path)
            if key not in measures:
                self.issues.add(
                    item_path,
                    "unknown-criterion",
                    f"{key!r} is not a criterion of the framework",
                    hint=suggest(key, measures),
                )
                continue
            if measures[key] in (Measure.CHECK, Measure.RATING):
                self.issues.add(
                    item_path,
                    "not-used",
                    f"{key!r} is a {measures[key].value}; a value spread needs a proportion "
                    "or a quantity",
                    hint="members' grades are checked by spread.grades",
                )
                continue
            if number is None:
                continue
            if number < 0 or (measures[key] is Measure.PROPORTION and number > 1):
                self.issues.add(
                    item_path,
                    "out-of-range",
                    f"spread {format_number(number)} is outside "
                    + ("0..1 for a proportion" if measures[key] is Measure.PROPORTION else ">= 0"),
                    hint="write 0.2 for twenty percentage points"
                    if measures[key] is Measure.PROPORTION
                    else None,
                )
                continue
            criteria[key] = number
        provenance = self.optional_provenance(table, path)
        if grades is None and "grades" in table:
            return None
        return Spread(grades=grades, criteria=criteria, provenance=provenance)

    def provisions(self, value: Any) -> tuple[Provision, ...]:
        """Read ``provisions``: what a unit may or may not have, each with provenance."""
        found = []
        ids: list[tuple[KeyPath, str | None]] = []
        for index, table in self.read.array(value, ("provisions",)):
            path: KeyPath = ("provisions", index)
            self.read.table(
                table,
                path,
                ("id", "label", "absent_text", "description", "provenance"),
                ("id", "label"),
            )
            ident = self.read.ident(table.get("id", MISSING), (*path, "id"))
            label = self.read.string(table.get("label", MISSING), (*path, "label"))
            absent = self.read.string(table.get("absent_text", ""), (*path, "absent_text"))
            description = self.read.string(table.get("description", ""), (*path, "description"))
            self.require_provenance(table, path, "the provision")
            provenance = self.optional_provenance(table, path)
            ids.append(((*path, "id"), ident))
            if ident is not None and ident not in self.provision_ids:
                self.provision_ids.append(ident)
            found.append(
                _new(
                    Provision,
                    id=ident,
                    label=label,
                    absent_text=absent or "",
                    provenance=provenance,
                    description=description or "",
                )
            )
        self.check_duplicates(ids, "provision")
        return tuple(found)

    def provision_ref(self, table: Mapping[str, Any], path: KeyPath) -> str | None:
        """Read a ``provision`` key of *table*, which must name a declared provision."""
        if "provision" not in table:
            return None
        text = self.read.string(table["provision"], (*path, "provision"))
        if text is None:
            return None
        if text not in self.provision_ids:
            self.issues.add(
                (*path, "provision"),
                "unknown-provision",
                f"{text!r} is not a provision of the framework",
                hint=suggest(text, self.provision_ids)
                or (
                    "provisions: " + ", ".join(self.provision_ids)
                    if self.provision_ids
                    else "declare it in a [[provisions]] table"
                ),
            )
            return None
        return text

    def applicability(
        self, table: Mapping[str, Any], path: KeyPath
    ) -> tuple[str | None, datetime.date | None, str]:
        """Read a judgement's ``applies``, ``provision``, ``introduced`` and ``absent_text``.

        ``applies = "where_provision"`` needs a ``provision``, and a ``provision`` needs it:
        the pair says in so many words that the judgement is not graded at every unit.
        """
        applies = self.read.string(table.get("applies", "always"), (*path, "applies"))
        if applies is not None and applies not in _APPLIES:
            self.issues.add(
                (*path, "applies"),
                "bad-value",
                f"{applies!r} is not one of 'always', 'where_provision'",
                hint=suggest(applies, _APPLIES),
            )
            applies = None
        provision = self.provision_ref(table, path)
        if applies == "where_provision" and "provision" not in table:
            self.issues.add(
                path,
                "missing-key",
                'applies = "where_provision" needs a provision',
                hint='add provision = "<provision id>" naming a [[provisions]] entry',
            )
        elif applies == "always" and "provision" in table:
            self.issues.add(
                (*path, "provision"),
                "not-used",
                "provision has no meaning for a judgement that applies always",
                hint='add applies = "where_provision"',
            )
            provision = None
        introduced = self.in_force_date(table, "introduced", path)
        absent = self.read.string(table.get("absent_text", ""), (*path, "absent_text"))
        if "absent_text" in table and "provision" not in table and "introduced" not in table:
            self.issues.add(
                (*path, "absent_text"),
                "not-used",
                "absent_text is for a judgement that applies where_provision or has introduced",
                hint="remove it, or say when the judgement does not apply",
            )
        return provision, introduced, absent or ""

    def sources(self, value: Any) -> tuple[Source, ...]:
        """Read ``sources``."""
        found = []
        ids: list[tuple[KeyPath, str | None]] = []
        for index, table in self.read.array(value, ("sources",)):
            path: KeyPath = ("sources", index)
            self.read.table(table, path, ("id", "title", "url", "note"), ("id", "title"))
            ident = self.read.ident(table.get("id", MISSING), (*path, "id"))
            title = self.read.string(table.get("title", MISSING), (*path, "title"))
            url = self.read.string(table.get("url", ""), (*path, "url"))
            note = self.read.string(table.get("note", ""), (*path, "note"))
            ids.append(((*path, "id"), ident))
            if isinstance(table.get("id"), str):
                self.source_ids.add(table["id"])  # a bad id is reported once, not again here
            found.append(_new(Source, id=ident, title=title, url=url, note=note))
        self.check_duplicates(ids, "source")
        return tuple(found)

    def colour(self, value: Any, path: KeyPath) -> GradeColour | None:
        """Read a grade's ``colour = { name, hex }``; *hex* must be ``#rrggbb``."""
        if value is None:
            return None
        table = self.read.table(value, path, ("name", "hex"), ("name", "hex"))
        if table is None:
            return None
        name = self.read.string(table.get("name", MISSING), (*path, "name"))
        hex_value = self.read.string(table.get("hex", MISSING), (*path, "hex"))
        if hex_value is not None and not _HEX.match(hex_value):
            self.issues.add(
                (*path, "hex"),
                "bad-value",
                f"{hex_value!r} is not a colour written #rrggbb",
                hint='write six hex digits after #, e.g. "#f47738"',
            )
            return None
        if name is None or hex_value is None:
            return None
        return _new(GradeColour, name=name, hex=hex_value.lower())

    def grades(
        self, value: Any, where: KeyPath = ("grades",), into: list[str] | None = None
    ) -> GradeScale | None:
        """Read ``grades`` (or a scale's grades at *where*) into a scale.

        The grade ids go into *into* (default: the framework's own `grade_ids`).
        """
        if value is MISSING:
            return None
        collected = self.grade_ids if into is None else into
        grades = []
        ids: list[tuple[KeyPath, str | None]] = []
        names: dict[str, KeyPath] = {}
        tables = self.read.array(value, where)
        coloured: list[tuple[KeyPath, bool]] = []
        if isinstance(value, list) and len(value) < 2:
            self.issues.add(
                where, "too-few", f"the scale has {len(value)} grades; it needs at least 2"
            )
        for index, table in tables:
            path: KeyPath = (*where, index)
            self.read.table(
                table, path, ("id", "label", "aliases", "description", "colour"), ("id", "label")
            )
            ident = self.read.ident(table.get("id", MISSING), (*path, "id"))
            label = self.read.string(table.get("label", MISSING), (*path, "label"))
            aliases = self.read.strings(table.get("aliases", []), (*path, "aliases"))
            description = self.read.string(table.get("description", ""), (*path, "description"))
            ids.append(((*path, "id"), ident))
            if ident is not None and ident not in collected:
                collected.append(ident)
            for name_path, name in [((*path, "label"), label)] + [
                ((*path, "aliases", number), alias) for number, alias in enumerate(aliases or ())
            ]:
                if name is None or ident is None:
                    continue
                key = normalise_name(name)
                owner = names.get(key)
                if owner is not None and owner != path:
                    self.issues.add(
                        name_path,
                        "duplicate-id",
                        f"grade name {name!r} is already used by {format_path(owner)}",
                        hint="labels and aliases must name one grade only",
                    )
                names.setdefault(key, path)
            colour = self.colour(table.get("colour"), (*path, "colour"))
            coloured.append((path, "colour" in table if isinstance(table, Mapping) else False))
            grades.append(
                _new(
                    Grade,
                    id=ident,
                    label=label,
                    aliases=aliases or (),
                    description=description or "",
                    colour=colour,
                )
            )
        if any(has for _, has in coloured):
            for path, has in coloured:
                if not has:
                    self.issues.add(
                        path,
                        "missing-key",
                        "this grade has no colour, but others of the scale do",
                        hint='give every grade a colour = { name = "...", hex = "#rrggbb" }, '
                        "or none",
                    )
        self.check_duplicates(ids, "grade")
        if len(grades) < 2 or any(g.id is None or g.label is None for g in grades):
            return None
        return GradeScale.from_grades(*grades)

    def scales(self, value: Any) -> tuple[Scale, ...]:
        """Read ``scales``: further grade scales, for judgements graded apart (met / not met).

        Grade ids must be unique across every scale of the framework, the main one included,
        so that evidence naming a grade (``"met"``) is never ambiguous.
        """
        found = []
        ids: list[tuple[KeyPath, str | None]] = []
        owner: dict[str, str] = dict.fromkeys(self.grade_ids, "the framework's grades")
        for index, table in self.read.array(value, ("scales",)):
            path: KeyPath = ("scales", index)
            self.read.table(
                table, path, ("id", "title", "grades", "provenance"), ("id", "title", "grades")
            )
            ident = self.read.ident(table.get("id", MISSING), (*path, "id"))
            title = self.read.string(table.get("title", MISSING), (*path, "title"))
            ids.append(((*path, "id"), ident))
            self.require_provenance(table, path, "the scale")
            provenance = self.optional_provenance(table, path)
            grade_ids: list[str] = []
            grades = self.grades(table.get("grades", MISSING), (*path, "grades"), grade_ids)
            for number, grade in enumerate(grade_ids):
                if grade in owner:
                    self.issues.add(
                        (*path, "grades", number, "id"),
                        "duplicate-id",
                        f"grade {grade!r} is already one of {owner[grade]}",
                        hint="grade ids must be unique across all scales of a framework",
                    )
                owner.setdefault(grade, f"scale {ident!r}")
            if ident is not None and ident not in self.scale_ids:
                self.scale_ids[ident] = grade_ids
            found.append(_new(Scale, id=ident, title=title, grades=grades, provenance=provenance))
        self.check_duplicates(ids, "scale")
        return tuple(found)

    def vocabulary(self, value: Any) -> Vocabulary:
        """Read ``vocabulary``."""
        if value is MISSING:
            return Vocabulary()
        table = self.read.table(value, ("vocabulary",), ("quantifiers", "provenance"))
        if table is None:
            return Vocabulary()
        provenance = self.optional_provenance(table, ("vocabulary",))
        quantifiers = []
        words: list[tuple[KeyPath, str | None]] = []
        for index, item in self.read.array(
            table.get("quantifiers", []), ("vocabulary", "quantifiers")
        ):
            path: KeyPath = ("vocabulary", "quantifiers", index)
            self.read.table(
                item, path, ("word", "low", "high", "aliases", "below", "above", "provenance"), ()
            )
            word = self.read.string(item.get("word", MISSING), (*path, "word"))
            relative = [key for key in ("below", "above") if key in item]
            low = high = None
            if relative:
                for key in ("low", "high"):
                    if key in item:
                        self.issues.add(
                            (*path, key),
                            "not-used",
                            f"{key!r} has no meaning for a word written {relative[0]!r} another",
                            hint=f"give {relative[0]} or low and high, not both",
                        )
                if len(relative) > 1:
                    self.issues.add((*path, "above"), "bad-value", "give below or above, not both")
            else:
                for key in ("word", "low", "high"):
                    if key not in item:
                        self.issues.add(path, "missing-key", f"missing required key {key!r}")
                low = self.read.number(item.get("low", MISSING), (*path, "low"))
                high = self.read.number(item.get("high", MISSING), (*path, "high"))
            below = self.read.string(item["below"], (*path, "below")) if "below" in item else None
            above = self.read.string(item["above"], (*path, "above")) if "above" in item else None
            word_provenance = (
                self.provenance(item["provenance"], (*path, "provenance"))
                if "provenance" in item
                else None
            )
            aliases = self.read.strings(item.get("aliases", []), (*path, "aliases"))
            if word is not None:
                words.append(((*path, "word"), normalise_name(word)))
            for number, alias in enumerate(aliases or ()):
                words.append(((*path, "aliases", number), normalise_name(alias)))
            for end, number_value in (("low", low), ("high", high)):
                if number_value is not None and not 0 <= number_value <= 1:
                    self.issues.add(
                        (*path, end),
                        "out-of-range",
                        f"{end} {format_number(number_value)} is outside 0..1",
                        hint="quantifier words stand for shares between 0 and 1",
                    )
            if low is not None and high is not None and low > high:
                self.issues.add(
                    path,
                    "empty-range",
                    f"low {format_number(low)} is above high {format_number(high)}",
                    hint="low must be at most high",
                )
            quantifiers.append(
                _new(
                    Quantifier,
                    word=word,
                    low=low,
                    high=high,
                    aliases=aliases or (),
                    below=below,
                    above=above,
                    provenance=word_provenance,
                )
            )
        quantifiers = self.resolve_relative_words(quantifiers)
        self.check_duplicates(words, "quantifier word")
        if quantifiers:
            self.require_provenance(table, ("vocabulary",), "the vocabulary")
        return _new(Vocabulary, quantifiers=tuple(quantifiers), provenance=provenance)

    def resolve_relative_words(self, quantifiers: list[Quantifier]) -> list[Quantifier]:
        """Give each word written below or above another word its band from that word.

        "Too few" is written ``below = "a large majority"`` so that a council that moves the
        large-majority band moves "too few" with it; the band runs from 0 to just under the
        other word's low end (or from just over its high end to 1). The other word must have a
        band of its own, so there are no chains to follow.
        """
        by_name = {}
        for quantifier in quantifiers:
            if quantifier.word is None or quantifier.below or quantifier.above:
                continue
            for name in (quantifier.word, *quantifier.aliases):
                by_name[normalise_name(name)] = quantifier
        resolved = []
        for index, quantifier in enumerate(quantifiers):
            other_name = quantifier.below or quantifier.above
            if other_name is None:
                resolved.append(quantifier)
                continue
            key = "below" if quantifier.below else "above"
            other = by_name.get(normalise_name(other_name))
            path: KeyPath = ("vocabulary", "quantifiers", index, key)
            if other is None or other.low is None or other.high is None:
                self.issues.add(
                    path,
                    "unknown-word",
                    f"{other_name!r} is not a word of this vocabulary with a band of its own",
                    hint=suggest_word(other_name, [q.word for q in by_name.values() if q.word])
                    or "name a word that gives low and high",
                )
                resolved.append(quantifier)
                continue
            if key == "below":
                low, high = 0.0, round(other.low - _JUST, 6)
            else:
                low, high = round(other.high + _JUST, 6), 1.0
            if low > high:
                self.issues.add(
                    path,
                    "empty-range",
                    f"nothing lies {key} {other_name!r}, whose band reaches "
                    f"{'0' if key == 'below' else '1'}",
                )
                low = high = max(0.0, min(1.0, low))
            resolved.append(attrs.evolve(quantifier, low=low, high=high))
        return resolved

    # -- judgements and criteria ------------------------------------------------------

    def judgements(self, value: Any) -> list[tuple[int, Judgement]]:
        """Read ``judgements`` and their criteria."""
        if value is MISSING:
            return []
        found: list[tuple[int, Judgement]] = []
        ids: list[tuple[KeyPath, str | None]] = []
        criterion_ids: list[tuple[KeyPath, str | None]] = []
        tables = self.read.array(value, ("judgements",))
        if isinstance(value, list) and not value:
            self.issues.add(("judgements",), "too-few", "there are no judgements; add at least 1")
        for index, table in tables:
            path: KeyPath = ("judgements", index)
            self.read.table(
                table,
                path,
                (
                    "id",
                    "title",
                    "description",
                    "weight",
                    "aggregation",
                    "criteria",
                    "findings",
                    "applies",
                    "provision",
                    "introduced",
                    "absent_text",
                    "scale",
                ),
                ("id", "title", "aggregation", "criteria"),
            )
            provision, introduced, absent_text = self.applicability(table, path)
            ident = self.read.ident(table.get("id", MISSING), (*path, "id"))
            if ident == OVERALL:
                self.issues.add(
                    (*path, "id"),
                    "reserved-id",
                    "'overall' is reserved for the overall grade",
                    hint="give the judgement another id",
                )
            ids.append(((*path, "id"), ident))
            title = self.read.string(table.get("title", MISSING), (*path, "title"))
            description = self.read.string(table.get("description", ""), (*path, "description"))
            weight = self.read.positive(table.get("weight", 1), (*path, "weight"))
            scale_id = self.judgement_scale(table, path)
            main_ids = self.grade_ids
            if scale_id is not None:
                # Everything inside the judgement names grades of its own scale.
                self.grade_ids = self.scale_ids[scale_id]
            criteria = []
            raw_criteria = table.get("criteria", MISSING)
            if raw_criteria is not MISSING:
                if isinstance(raw_criteria, list) and not raw_criteria:
                    self.issues.add((*path, "criteria"), "too-few", "the judgement has no criteria")
                for number, item in self.read.array(raw_criteria, (*path, "criteria")):
                    criterion_path: KeyPath = (*path, "criteria", number)
                    criterion = self.criterion(item, criterion_path)
                    criterion_ids.append(((*criterion_path, "id"), criterion.id))
                    criteria.append(criterion)
            member_ids = [c.id for c in criteria if c.id is not None]
            aggregation = None
            if "aggregation" in table:
                aggregation = self.aggregation(
                    table["aggregation"], (*path, "aggregation"), member_ids, "criteria"
                )
            found.append(
                (
                    index,
                    _new(
                        Judgement,
                        id=ident,
                        title=title,
                        criteria=tuple(criteria),
                        aggregation=aggregation,
                        weight=weight if weight is not None else 1.0,
                        description=description or "",
                        findings=(
                            self.findings(table["findings"], (*path, "findings"))
                            if "findings" in table
                            else None
                        ),
                        provision=provision,
                        introduced=introduced,
                        absent_text=absent_text,
                        scale=scale_id,
                    ),
                )
            )
            if scale_id is not None:
                for member in (ident, *(c.id for c in criteria)):
                    if member is not None:
                        self.other_scale[member] = self.grade_ids
                self.grade_ids = main_ids
        self.check_duplicates(ids, "judgement")
        self.check_duplicates(criterion_ids, "criterion")
        return found

    def statuses(
        self,
        value: Any,
        judgements: list[tuple[int, Judgement]],
        overall: Aggregation | None,
    ) -> tuple[DerivedStatus, ...]:
        """Read ``statuses`` with `inspectkit.loading._statuses`.

        Called only for a framework that has a ``statuses`` array (an absent one has nothing to
        check), so a framework without derived statuses never imports that module.
        """
        from inspectkit.loading._statuses import read_statuses

        context = self.status_context(judgements, overall)
        return read_statuses(value, self.read, self.issues, context, self.provenance)

    def status_context(
        self, judgements: list[tuple[int, Judgement]], overall: Aggregation | None
    ) -> StatusContext:
        """Return what status conditions are checked against (see `read_statuses`)."""
        from inspectkit.loading._statuses import StatusContext

        judgement_grades: dict[str, list[str]] = {}
        criterion_grades: dict[str, list[str]] = {}
        checks = set()
        for _, judgement in judgements:
            if judgement.id is None:
                continue
            grades = self.other_scale.get(judgement.id, self.grade_ids)
            judgement_grades[judgement.id] = grades
            for criterion in judgement.criteria:
                if criterion.id is not None:
                    criterion_grades[criterion.id] = grades
                    if criterion.measure is Measure.CHECK:
                        checks.add(criterion.id)
        return StatusContext(
            main_grades=self.grade_ids,
            judgement_grades=judgement_grades,
            criterion_grades=criterion_grades,
            checks=frozenset(checks),
            main_judgements=[j for j in judgement_grades if j not in self.other_scale],
            has_overall=overall is not None and overall.method is not Method.NONE,
        )

    def judgement_scale(self, table: Mapping[str, Any], path: KeyPath) -> str | None:
        """Read a judgement's ``scale``: the id of a declared scale, or ``None``."""
        if "scale" not in table:
            return None
        scale_id = self.read.string(table["scale"], (*path, "scale"))
        if scale_id is None:
            return None
        if scale_id not in self.scale_ids:
            known = list(self.scale_ids)
            self.issues.add(
                (*path, "scale"),
                "unknown-scale",
                f"{scale_id!r} is not the id of an entry in scales",
                hint=suggest(scale_id, known)
                or ("scales: " + ", ".join(known) if known else "add a [[scales]] table"),
            )
            return None
        return scale_id

    def criterion(self, table: Mapping[str, Any], path: KeyPath) -> Criterion:  # noqa: PLR0915
        """Read one criterion table."""
        read = self.read
        read.table(
            table,
            path,
            (
                "id",
                "title",
                "measure",
                "weight",
                "direction",
                "unit",
                "minimum",
                "maximum",
                "thresholds",
                "met",
                "not_met",
                "values",
                "provenance",
                "descriptors",
                "evidence",
                "actions",
                "effort",
                "level",
                "provision",
            ),
            ("id", "title", "measure"),
        )
        ident = read.ident(table.get("id", MISSING), (*path, "id"))
        title = read.string(table.get("title", MISSING), (*path, "title"))
        measure = read.choice(table.get("measure", MISSING), (*path, "measure"), Measure)
        weight = read.positive(table.get("weight", 1), (*path, "weight"))
        effort = read.positive(table.get("effort", 1), (*path, "effort"))
        direction = read.choice(table.get("direction", "higher"), (*path, "direction"), Direction)
        unit = read.string(table.get("unit", ""), (*path, "unit"))
        minimum = read.number(table.get("minimum", MISSING), (*path, "minimum"))
        maximum = read.number(table.get("maximum", MISSING), (*path, "maximum"))
        if minimum is not None and maximum is not None and minimum > maximum:
            self.issues.add(
                (*path, "maximum"),
                "empty-range",
                f"maximum {format_number(maximum)} is below minimum {format_number(minimum)}",
            )
        evidence = read.string(table.get("evidence", ""), (*path, "evidence"))
        actions = read.strings(table.get("actions", []), (*path, "actions"))
        provenance = self.optional_provenance(table, path)
        descriptors: dict[str, str] = {}
        if "descriptors" in table:
            raw = table["descriptors"]
            if isinstance(raw, Mapping):
                for grade, text in raw.items():
                    grade_path = (*path, "descriptors", grade)
                    checked = self.grade_ref(grade, grade_path)
                    checked_text = read.string(text, grade_path)
                    if checked is not None and checked_text is not None:
                        descriptors[checked] = checked_text
            else:
                read.wrong_type(raw, (*path, "descriptors"), "a table")

        measured = measure in (Measure.PROPORTION, Measure.QUANTITY)
        if measure is not None:
            unused = []
            if not measured:
                unused += ["thresholds", "direction"]
            if measure is not Measure.QUANTITY:
                unused += ["unit", "minimum", "maximum"]
            if measure is not Measure.CHECK:
                unused += ["met", "not_met", "level", "values"]
            for key in unused:
                if key in table:
                    self.issues.add(
                        (*path, key),
                        "not-used",
                        f"{key!r} has no meaning for a {measure.value} criterion",
                        hint="remove it, or change the measure",
                    )
        thresholds: list[Threshold] = []
        if measured and measure is not None:
            thresholds = self.thresholds(table, path, measure, direction, provenance)
        met = not_met = level = None
        if measure is Measure.CHECK and "level" in table:
            level = self.grade_ref(table["level"], (*path, "level"))
            for key in ("met", "not_met"):
                if key in table:
                    self.issues.add(
                        (*path, key),
                        "level-with-met",
                        f"{key!r} cannot be combined with 'level' (level decides both grades)",
                        hint="keep level for a secure-fit criterion, or met/not_met without it",
                    )
        if measure is Measure.CHECK and level is None:
            if "met" in table:
                met = self.grade_ref(table["met"], (*path, "met"))
            if "not_met" in table:
                not_met = self.grade_ref(table["not_met"], (*path, "not_met"))
            best = self.grade_ids[0] if self.grade_ids else None
            worst = self.grade_ids[-1] if self.grade_ids else None
            good = met or best
            bad = not_met or worst
            if good in self.grade_ids and bad in self.grade_ids:
                assert good is not None
                assert bad is not None
                if self.grade_ids.index(good) > self.grade_ids.index(bad):
                    self.issues.add(
                        (*path, "met"),
                        "check-grades-out-of-order",
                        f"a met check gets {good!r}, which is worse than {bad!r} for not met",
                    )
        if measure is Measure.CHECK:
            self.require_provenance(table, path, "the check")
        values = self.check_values(table, path) if measure is Measure.CHECK else {}
        return _new(
            Criterion,
            id=ident,
            title=title,
            measure=measure,
            weight=weight if weight is not None else 1.0,
            direction=direction or Direction.HIGHER,
            unit=unit or "",
            minimum=minimum,
            maximum=maximum,
            thresholds=tuple(thresholds),
            met=met,
            not_met=not_met,
            values=values,
            provenance=provenance,
            descriptors=descriptors,
            evidence=evidence or "",
            actions=actions or (),
            effort=effort if effort is not None else 1.0,
            level=level,
            provision=self.provision_ref(table, path),
        )

    def thresholds(
        self,
        table: Mapping[str, Any],
        path: KeyPath,
        measure: Measure,
        direction: Direction | None,
        provenance: Provenance | None,
    ) -> list[Threshold]:
        """Read a measured criterion's thresholds, best grade first."""
        tpath = (*path, "thresholds")
        if "thresholds" not in table:
            self.issues.add(
                path,
                "missing-key",
                f"missing required key 'thresholds' for a {measure.value} criterion",
                hint="give a threshold for every grade but the worst",
            )
            return []
        raw = self.read.table(table["thresholds"], tpath, self.grade_ids or ())
        if raw is None:
            return []
        values: dict[str, float] = {}
        found: dict[str, Threshold] = {}
        needs_criterion_provenance = False
        for grade, entry in raw.items():
            if grade not in self.grade_ids:
                continue  # reported as an unknown key above
            gpath = (*tpath, grade)
            own = None
            if isinstance(entry, Mapping):
                self.read.table(entry, gpath, ("value", "provenance"), ("value",))
                value = self.read.number(entry.get("value", MISSING), (*gpath, "value"))
                if "provenance" in entry:
                    own = self.provenance(entry["provenance"], (*gpath, "provenance"))
                else:
                    needs_criterion_provenance = True
            else:
                value = self.read.number(entry, gpath)
                needs_criterion_provenance = True
            if grade == self.grade_ids[-1]:
                self.issues.add(
                    gpath,
                    "worst-threshold",
                    f"{grade!r} is the worst grade and takes no threshold",
                    hint="values below the last threshold get the worst grade",
                )
                continue
            if value is None:
                continue
            if measure is Measure.PROPORTION and not 0 <= value <= 1:
                self.issues.add(
                    gpath,
                    "out-of-range",
                    f"proportion threshold {format_number(value)} is outside 0..1",
                    hint="write proportions as shares: 0.65, not 65",
                )
            values[grade] = value
            found[grade] = _new(Threshold, grade=grade, value=value, provenance=own or provenance)
        for grade in self.grade_ids[:-1]:
            if grade not in raw:
                self.issues.add(
                    tpath,
                    "missing-threshold",
                    f"no threshold for {grade!r}",
                    hint="give a threshold for every grade but the worst",
                )
        if needs_criterion_provenance and provenance is None and "provenance" not in table:
            self.issues.add(
                path,
                "missing-provenance",
                "the criterion's thresholds have no provenance",
                hint="add provenance to the criterion, or to each threshold as "
                "{ value = ..., provenance = { ... } }",
            )
        # Stricter from the worst grade to the best: walk best -> worst over given values.
        ordered = [grade for grade in self.grade_ids[:-1] if grade in values]
        higher = direction is not Direction.LOWER
        for better, worse in itertools.pairwise(ordered):
            if (values[better] <= values[worse]) if higher else (values[better] >= values[worse]):
                relation = "above" if higher else "below"
                self.issues.add(
                    (*tpath, better),
                    "thresholds-out-of-order",
                    f"threshold {format_number(values[better])} for {better!r} is not {relation} "
                    f"the threshold for {worse!r} ({format_number(values[worse])})",
                    hint="thresholds must get stricter from the worst grade to the best",
                )
        return [found[grade] for grade in self.grade_ids if grade in found]

    # -- aggregation ---------------------------------------------------------------------

    def aggregation(
        self, value: Any, path: KeyPath, member_ids: Sequence[str], members: str
    ) -> Aggregation | None:
        """Read an aggregation table; *member_ids* are what rules' ``minimum`` may name."""
        table = self.read.table(
            value,
            path,
            ("method", "share", "points", "bands", "rules", "provenance", "accuracy"),
            ("method",),
        )
        if table is None:
            return None
        method = self.read.choice(table.get("method", MISSING), (*path, "method"), Method)
        self.require_provenance(table, path, "the aggregation method")
        provenance = self.optional_provenance(table, path)
        accuracy = self.accuracy(table, path, provenance)
        if method is Method.NONE and path != ("overall",):
            self.issues.add(
                (*path, "method"),
                "bad-value",
                "method 'none' is only for [overall] (a framework with no overall grade)",
                hint="a judgement combines its criteria by best_fit, secure_fit, "
                "percent_bands or rules",
            )
        uses = {
            Method.BEST_FIT: {"share"},
            Method.SECURE_FIT: set(),
            Method.PERCENT_BANDS: {"points", "bands"},
            Method.RULES: {"rules"},
            Method.NONE: set(),
        }
        if method is not None:
            for key in ("share", "points", "bands", "rules"):
                if key in table and key not in uses[method]:
                    self.issues.add(
                        (*path, key),
                        "not-used",
                        f"{key!r} has no meaning for method {method.value!r}",
                        hint="remove it, or change the method",
                    )
                elif key not in table and key in uses[method]:
                    self.issues.add(path, "missing-key", f"method {method.value!r} needs {key!r}")
        share = None
        if method is Method.BEST_FIT and "share" in table:
            share = self.read.number(table["share"], (*path, "share"))
            if share is not None and not 0 < share <= 1:
                self.issues.add(
                    (*path, "share"),
                    "out-of-range",
                    f"share {format_number(share)} is not in (0, 1]",
                    hint="a share of 0.5 means half the members' weight",
                )
        points: dict[str, float] = {}
        bands: dict[str, float] = {}
        if method is Method.PERCENT_BANDS:
            points = self.grade_table(table.get("points"), (*path, "points"), every=True)
            ordered = [g for g in self.grade_ids if g in points]
            for better, worse in itertools.pairwise(ordered):
                if points[better] <= points[worse]:
                    self.issues.add(
                        (*path, "points", better),
                        "points-out-of-order",
                        f"{better!r} earns {format_number(points[better])} points, not more than "
                        f"{worse!r} ({format_number(points[worse])})",
                        hint="better grades must earn strictly more points",
                    )
            bands = self.grade_table(table.get("bands"), (*path, "bands"), every=False)
            for grade, band in bands.items():
                if not 0 <= band <= 100:
                    self.issues.add(
                        (*path, "bands", grade),
                        "out-of-range",
                        f"band {format_number(band)} is outside 0..100",
                        hint="bands are percentages of the maximum points",
                    )
            ordered = [g for g in self.grade_ids if g in bands]
            for better, worse in itertools.pairwise(ordered):
                if bands[better] <= bands[worse]:
                    self.issues.add(
                        (*path, "bands", better),
                        "bands-out-of-order",
                        f"band {format_number(bands[better])} for {better!r} is not above the band "
                        f"for {worse!r} ({format_number(bands[worse])})",
                        hint="better grades need a strictly higher percentage",
                    )
        rules: list[Rule] = []
        if method is Method.RULES and "rules" in table:
            for index, item in self.read.array(table["rules"], (*path, "rules")):
                rules.append(self.rule(item, (*path, "rules", index), member_ids, members))
        if method is None:
            return None
        return _new(
            Aggregation,
            method=method,
            share=share,
            points=points,
            bands=bands,
            rules=tuple(rules),
            provenance=provenance,
            accuracy=accuracy,
        )

    def accuracy(
        self, table: Mapping[str, Any], path: KeyPath, provenance: Provenance | None
    ) -> Accuracy | None:
        """Read ``accuracy``, which a rule with provenance basis ``derived`` must give.

        Why required: a rule we derived from published outcomes is only as good as its fit to
        them, so the figure travels with the rule and reports can show it.
        """
        derived = provenance is not None and provenance.basis is Basis.DERIVED
        if "accuracy" not in table:
            if derived:
                self.issues.add(
                    path,
                    "missing-accuracy",
                    "a rule with provenance basis 'derived' needs an accuracy table",
                    hint="add accuracy = { data = SOURCE, n = N, exact = 0.93, "
                    'within_one = 1.0, command = "..." }',
                )
            return None
        at = (*path, "accuracy")
        if not derived:
            self.issues.add(
                at,
                "not-used",
                "accuracy is only for a rule whose provenance basis is 'derived'",
                hint='remove it, or set provenance basis = "derived"',
            )
            return None
        raw = self.read.table(
            table["accuracy"],
            at,
            ("data", "n", "exact", "within_one", "command"),
            ("data", "n", "exact", "within_one"),
        )
        if raw is None:
            return None
        data = self.read.string(raw.get("data", MISSING), (*at, "data"))
        if data is not None:
            self.provenance_sources.append(((*at, "data"), data))
        n = self.read.count(raw.get("n", MISSING), (*at, "n")) if "n" in raw else None
        exact = self.read.number(raw.get("exact", MISSING), (*at, "exact"))
        within = self.read.number(raw.get("within_one", MISSING), (*at, "within_one"))
        command = self.read.string(raw.get("command", ""), (*at, "command")) or ""
        if exact is not None and within is not None and not 0 <= exact <= within <= 1:
            self.issues.add(
                at,
                "out-of-range",
                f"exact {format_number(exact)} and within_one {format_number(within)} are not "
                "0 <= exact <= within_one <= 1",
                hint="both are shares of the cases compared; exact agreement is also within one",
            )
            return None
        if data is None or n is None or exact is None or within is None:
            return None
        return _new(Accuracy, data=data, n=n, exact=exact, within_one=within, command=command)

    def grade_table(self, value: Any, path: KeyPath, *, every: bool) -> dict[str, float]:
        """Read a table grade id -> number (all grades if *every*, else all but the worst)."""
        if value is None:
            return {}
        table = self.read.table(value, path, self.grade_ids)
        if table is None:
            return {}
        found: dict[str, float] = {}
        for grade, number in table.items():
            if grade not in self.grade_ids:
                continue
            if not every and grade == self.grade_ids[-1]:
                self.issues.add(
                    (*path, grade),
                    "worst-threshold",
                    f"{grade!r} is the worst grade and takes no band",
                    hint="totals below the last band get the worst grade",
                )
                continue
            checked = self.read.number(number, (*path, grade))
            if checked is not None:
                found[grade] = checked
        needed = self.grade_ids if every else self.grade_ids[:-1]
        for grade in needed:
            if grade not in table:
                self.issues.add(path, "missing-key", f"no entry for grade {grade!r}")
        return found

    def rule(
        self, table: Mapping[str, Any], path: KeyPath, member_ids: Sequence[str], members: str
    ) -> Rule:
        """Read one rule of the ``rules`` method."""
        self.read.table(
            table,
            path,
            ("grade", "at_least", "at_most", "none_below", "minimum", "provenance", "description"),
            ("grade",),
        )
        grade = self.grade_ref(table.get("grade", MISSING), (*path, "grade"))
        counts: dict[str, dict[str, int]] = {"at_least": {}, "at_most": {}}
        for key, found in counts.items():
            if key not in table:
                continue
            raw = self.read.table(table[key], (*path, key), self.grade_ids)
            for name, count in (raw or {}).items():
                if name in self.grade_ids:
                    checked = self.read.count(count, (*path, key, name))
                    if checked is not None:
                        found[name] = checked
        none_below = None
        if "none_below" in table:
            none_below = self.grade_ref(table["none_below"], (*path, "none_below"))
        minimum: dict[str, str] = {}
        if "minimum" in table:
            raw = self.read.table(
                table["minimum"],
                (*path, "minimum"),
                list(table["minimum"]) if isinstance(table["minimum"], Mapping) else (),
            )
            for member, member_grade in (raw or {}).items():
                mpath = (*path, "minimum", member)
                if members == "judgements" and member in self.other_scale:
                    self.issues.add(
                        mpath,
                        "other-scale",
                        f"{member!r} is graded on another scale, which the overall grade "
                        "does not combine",
                        hint="name it in a cap or a status instead",
                    )
                    continue
                if member not in member_ids:
                    self.issues.add(
                        mpath,
                        "unknown-member",
                        f"{member!r} is not one of the {members}",
                        hint=suggest(member, member_ids)
                        or f"{members}: " + ", ".join(dict.fromkeys(member_ids)),
                    )
                member_min = self.grade_ref(member_grade, mpath)
                if member_min is not None:
                    minimum[member] = member_min
        description = self.read.string(table.get("description", ""), (*path, "description"))
        return _new(
            Rule,
            grade=grade,
            at_least=counts["at_least"],
            at_most=counts["at_most"],
            none_below=none_below,
            minimum=minimum,
            provenance=self.optional_provenance(table, path),
            description=description or "",
        )

    # -- caps -----------------------------------------------------------------------------

    def in_force_date(
        self, top: Mapping[str, Any], key: str, path: KeyPath = ()
    ) -> datetime.date | None:
        """Read ``valid_from``, ``valid_until`` or ``introduced``: a TOML date, not a time."""
        if key not in top:
            return None
        value = top[key]
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        self.issues.add(
            (*path, key),
            "wrong-type",
            f"{key} must be a TOML date, not {type(value).__name__}",
            hint=f"write {key} = 2026-04-01 (no quotes, no time)",
        )
        return None

    def no_overall(self, caps: tuple[Cap, ...]) -> None:
        """Refuse caps on the overall grade in a framework that gives none (method "none")."""
        for index, cap in enumerate(caps):
            if cap.limits == OVERALL:
                self.issues.add(
                    ("caps", index, "limits"),
                    "unknown-target",
                    f"cap {cap.id!r} limits the overall grade, which this framework does not give",
                    hint="limit a judgement instead",
                )

    def caps(self, value: Any, judgements: list[tuple[int, Judgement]]) -> tuple[Cap, ...]:
        """Read ``caps`` and check what they name, and that they form no cycle."""
        judgement_ids = {j.id for _, j in judgements if j.id is not None}
        checks: set[str] = set()
        criterion_owner: dict[str, str] = {}
        for _, judgement in judgements:
            for criterion in judgement.criteria:
                if criterion.id is None:
                    continue
                if judgement.id is not None:
                    criterion_owner[criterion.id] = judgement.id
                if criterion.measure is Measure.CHECK:
                    checks.add(criterion.id)
        known = sorted(judgement_ids | set(criterion_owner))
        found = []
        ids: list[tuple[KeyPath, str | None]] = []
        edges: list[tuple[KeyPath, str, str]] = []
        for index, table in self.read.array(value, ("caps",)):
            path: KeyPath = ("caps", index)
            self.read.table(
                table,
                path,
                (
                    "id",
                    "when",
                    "at_or_below",
                    "not_met",
                    "limits",
                    "to",
                    "provenance",
                    "description",
                ),
                ("id", "when", "limits", "to"),
            )
            ident = self.read.ident(table.get("id", MISSING), (*path, "id"))
            ids.append(((*path, "id"), ident))
            when = self.read.string(table.get("when", MISSING), (*path, "when"))
            if when is not None and when not in judgement_ids and when not in criterion_owner:
                self.issues.add(
                    (*path, "when"),
                    "unknown-target",
                    f"{when!r} is not a criterion or judgement of the framework",
                    hint=suggest(when, known),
                )
            limits = self.read.string(table.get("limits", MISSING), (*path, "limits"))
            if limits is not None and limits != OVERALL and limits not in judgement_ids:
                self.issues.add(
                    (*path, "limits"),
                    "unknown-target",
                    f"{limits!r} is not a judgement of the framework or 'overall'",
                    hint=suggest(limits, [*judgement_ids, OVERALL])
                    or "judgements: " + ", ".join(sorted(judgement_ids)),
                )
            to = self.grade_on(limits, table.get("to", MISSING), (*path, "to"))
            at_or_below = None
            if "at_or_below" in table:
                at_or_below = self.grade_on(when, table["at_or_below"], (*path, "at_or_below"))
            not_met = False
            if "not_met" in table:
                not_met = bool(self.read.boolean(table["not_met"], (*path, "not_met")))
            has_grade = "at_or_below" in table
            if has_grade == bool(not_met):
                self.issues.add(
                    path,
                    "cap-trigger",
                    "a cap needs exactly one of 'at_or_below' and 'not_met = true'",
                    hint='at_or_below = "<grade>" for a graded trigger, not_met = true for a check',
                )
            if (
                not_met
                and when is not None
                and when not in checks
                and (when in criterion_owner or when in judgement_ids)
            ):
                self.issues.add(
                    (*path, "not_met"),
                    "not-met-not-check",
                    f"{when!r} is not a check criterion, so it cannot be 'not met'",
                    hint="use at_or_below with a grade instead",
                )
            if when is not None and when == limits:
                self.issues.add(
                    (*path, "when"),
                    "cap-watches-target",
                    f"the cap watches {when!r}, the judgement it limits",
                    hint="a cap must watch something other than what it holds down",
                )
            elif when in judgement_ids and limits in judgement_ids:
                assert when is not None
                assert limits is not None
                edges.append((path, when, limits))
            self.require_provenance(table, path, "the cap")
            provenance = self.optional_provenance(table, path)
            description = self.read.string(table.get("description", ""), (*path, "description"))
            found.append(
                _new(
                    Cap,
                    id=ident,
                    when=when,
                    limits=limits,
                    to=to,
                    provenance=provenance,
                    at_or_below=at_or_below,
                    not_met=not_met,
                    description=description or "",
                )
            )
        self.check_duplicates(ids, "cap")
        self.cap_cycles(edges)
        return tuple(found)

    def grade_on(self, member: str | None, value: Any, path: KeyPath) -> str | None:
        """Return *value* if it names a grade of the scale *member* is graded on."""
        main_ids = self.grade_ids
        self.grade_ids = self.other_scale.get(member or "", main_ids)
        try:
            return self.grade_ref(value, path)
        finally:
            self.grade_ids = main_ids

    def cap_cycles(self, edges: Sequence[tuple[KeyPath, str, str]]) -> None:
        """Report caps that take part in a cycle of judgement -> judgement dependencies."""
        if not edges:  # no cap between judgements (every bundled framework): no cycle to find
            return
        from inspectkit.loading._statuses import reaches

        graph: dict[str, set[str]] = {}
        for _, when, limits in edges:
            graph.setdefault(when, set()).add(limits)

        for path, when, limits in edges:
            if reaches(graph, limits, when):
                self.issues.add(
                    path,
                    "cap-cycle",
                    f"the cap makes {limits!r} depend on {when!r}, which depends on {limits!r} "
                    "through other caps",
                    hint="caps between judgements must not form a cycle",
                )


def check_framework(raw: Any, collector: IssueCollector, what: str) -> Framework:
    """Check *raw* and return the framework, or raise `FrameworkError` with every issue.

    *what* names the document in the error's summary (``the framework``, ``the parent
    framework``). Issues are sorted by line, so they read in file order.
    """
    try:
        framework = _FrameworkChecks(collector).check(raw)
    except RecursionError:
        collector.add((), "too-deep", "the document is nested too deeply to read")
        framework = None
    # Report in file order; problems with no line (whole-document ones) come first.
    collector.issues.sort(key=lambda issue: issue.line or 0)
    collector.raise_if_any(FrameworkError, what)
    assert framework is not None
    return framework
