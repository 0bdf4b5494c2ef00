"""The keys every evidence document shares, read once for evidence files and group files.

An evidence file and a group file begin the same way: ``framework`` (an id or a path relative to
the file), ``framework_version``, ``unit``, ``kind``, ``date`` and ``note``. `DocumentReader`
reads those keys, and the ``[evidence]`` table of an evidence document, for every door that
has them: an evidence file, an evidence mapping, a group file and each ``[[members]]`` table of
a group file. Why one reader: a group file that read its own keys let ``kind = 42`` and an
array for ``framework_version`` through and dropped them, where an evidence file refused them.

A member table is read with a key-path *prefix* (``members[1]``), so its problems are recorded
straight into the group file's collector at their full path and line, and it *inherits* the
group's framework: it may leave ``framework`` out, and must not name another.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias

from inspectkit.errors import FrameworkError, FrameworkNotFoundError, Issue
from inspectkit.evidence import NOT_APPLICABLE, Entry, Evidence, Finding, GivenGrade
from inspectkit.grades import normalise_name
from inspectkit.loading._files import outside
from inspectkit.loading._findings import read_findings
from inspectkit.loading._framework import resolve_framework
from inspectkit.loading._issues import KeyPath, format_path, suggest, suggest_word, toml_type_name
from inspectkit.loading._registry import is_path_reference
from inspectkit.loading._values import ValueReader, describe, is_number
from inspectkit.rubric import OVERALL, Framework, Judgement

__all__ = ["TOP_LEVEL_KEYS", "DocumentReader", "FrameworkArg", "Header"]

FrameworkArg: TypeAlias = "Framework | str | os.PathLike[str] | None"
"""What the ``framework`` argument accepts: a `Framework`, a bundled id, a path, or ``None``."""

TOP_LEVEL_KEYS = (
    "framework",
    "framework_version",
    "unit",
    "kind",
    "date",
    "source",
    "note",
    "evidence",
    "findings",
    "judgements",
    "outcome",
    "provision",
)
"""The keys an evidence document may have at its top level."""


class Header:
    """The shared keys of one document, as read (``None`` where absent or refused).

    A plain class, not an attrs model: the readers only read its attributes, and defining an
    attrs class costs a start more than this record is worth (issue 15).
    """

    __slots__ = ("date", "framework", "framework_version", "kind", "note", "unit")

    def __init__(
        self,
        *,
        framework: Framework | None,
        framework_version: str | None,
        unit: str,
        kind: str | None,
        date: datetime.date | None,
        note: str,
    ) -> None:
        self.framework = framework
        self.framework_version = framework_version
        self.unit = unit
        self.kind = kind
        self.date = date
        self.note = note


def _is_not_applicable(text: str) -> bool:
    return normalise_name(text) in ("not applicable", "not_applicable", "n/a")


class DocumentReader:
    """Reads a document's shared keys and its ``[evidence]`` table into one collector.

    Args:
        values: The value reader, whose collector records every problem.
        prefix: The key path of the document inside its file (``("members", 1)``), or ``()``.
    """

    def __init__(self, values: ValueReader, prefix: KeyPath = ()) -> None:
        self.values = values
        self.prefix = prefix

    def _at(self, *keys: str | int) -> KeyPath:
        return (*self.prefix, *keys)

    def keys(self, data: Mapping[Any, Any], allowed: Sequence[str], hint: str) -> None:
        """Record every key of *data* that is not a string or not one of *allowed*."""
        for key in data:
            if not isinstance(key, str):
                self.values.add(
                    self._at(), "wrong-type", f"keys must be strings, not {toml_type_name(key)}"
                )
            elif key not in allowed and self.values.issues.full:
                self.values.add(self._at(), "unknown-key", "")  # only counted
            elif key not in allowed:
                self.values.add(
                    self._at(key),
                    "unknown-key",
                    f"unknown key {key!r}",
                    hint=suggest(key, allowed) or hint,
                )

    def header(
        self,
        data: Mapping[Any, Any],
        framework: FrameworkArg,
        base: str | os.PathLike[str] | None,
        *,
        inherited: bool = False,
    ) -> Header:
        """Read ``framework``, ``framework_version``, ``unit``, ``kind``, ``date`` and ``note``.

        *inherited* lets the document leave ``framework`` out (a member table has its group's).
        """
        return Header(
            framework=self.framework(data, framework, base, inherited=inherited),
            framework_version=self.version(data),
            unit=self.text(data, "unit", required=True) or "",
            kind=self.text(data, "kind"),
            date=self.values.date(data["date"], self._at("date")) if "date" in data else None,
            note=self.text(data, "note", allow_empty=True) or "",
        )

    def evidence(
        self,
        data: Mapping[Any, Any],
        framework: FrameworkArg,
        *,
        base: str | os.PathLike[str] | None,
        file: str | None,
        inherited: bool = False,
    ) -> Evidence | None:
        """Read an evidence document; ``None`` when any problem was recorded."""
        before = len(self.values.issues)
        self.keys(
            data,
            TOP_LEVEL_KEYS,
            f"criterion values go under [evidence] ({', '.join(TOP_LEVEL_KEYS)})",
        )
        header = self.header(data, framework, base, inherited=inherited)
        entries: dict[str, Entry] = {}
        raw_entries = data.get("evidence", {})
        if not isinstance(raw_entries, Mapping):
            self.values.add(
                self._at("evidence"),
                "wrong-type",
                f"evidence must be a table, not {describe(raw_entries)}",
                hint="write criterion values under an [evidence] table",
            )
        elif header.framework is not None:
            self.values.remarks = {}
            entries = self.values.entries(header.framework, raw_entries, self._at("evidence"))
        remarks = dict(self.values.remarks)
        if header.framework is not None and header.kind and header.framework.kinds:
            self.check_kind(header.kind, header.framework)
        source = self.text(data, "source", allow_empty=True) or ""
        findings: tuple[Finding, ...] = ()
        if "findings" in data and header.framework is not None:
            findings = read_findings(
                self.values, header.framework, data["findings"], self._at("findings")
            )
        outcome: dict[str, str] = {}
        if "outcome" in data and header.framework is not None:
            outcome = self.outcome(data["outcome"], header.framework)
        given: dict[str, GivenGrade] = {}
        if "judgements" in data and header.framework is not None:
            given = self.given(data["judgements"], header.framework)
        provisions: dict[str, bool] = {}
        warnings: list[Issue] = []
        if header.framework is not None:
            if "provision" in data:
                provisions = self.provisions(data["provision"], header.framework)
            entries, given = self.applicable(
                header.framework, (provisions, header.date), entries, given, warnings
            )
        if header.framework is None or len(self.values.issues) > before:
            return None
        return Evidence(
            framework=header.framework.id,
            unit=header.unit,
            entries=entries,
            date=header.date,
            framework_version=header.framework_version,
            kind=header.kind or "centre",
            note=header.note,
            source=source,
            findings=findings,
            outcome=outcome,
            judgements=given,
            remarks=remarks,
            date_precision=ValueReader.date_precision(data.get("date")),
            provisions=provisions,
            warnings=warnings,
            file=file,
        )

    def provisions(self, raw: object, framework: Framework) -> dict[str, bool]:
        """Read ``[provision]``: provision id -> whether the unit has it (true or false)."""
        path = self._at("provision")
        if not isinstance(raw, Mapping):
            self.values.add(
                path,
                "wrong-type",
                f"provision must be a table, not {describe(raw)}",
                hint="write [provision] with a line per provision: sixth_form = false",
            )
            return {}
        wanted = [provision.id for provision in framework.provisions]
        found: dict[str, bool] = {}
        for key, value in raw.items():
            at = (*path, str(key))
            if key not in wanted:
                self.values.add(
                    at,
                    "unknown-provision",
                    f"framework {framework.id!r} has no provision {key!r}",
                    hint=suggest_word(str(key), wanted)
                    or (
                        "the provisions are: " + ", ".join(wanted)
                        if wanted
                        else "this framework declares no provisions"
                    ),
                )
                continue
            if not isinstance(value, bool):
                self.values.add(
                    at,
                    "wrong-type",
                    f"{key} must be true or false, not {describe(value)}",
                    hint=f"write {key} = true if the unit has it, false if not; leave it out "
                    "if not known",
                )
                continue
            found[str(key)] = value
        return found

    def applicable(
        self,
        framework: Framework,
        unit: tuple[Mapping[str, bool], datetime.date | None],
        entries: dict[str, Entry],
        given: dict[str, GivenGrade],
        warnings: list[Issue],
    ) -> tuple[dict[str, Entry], dict[str, GivenGrade]]:
        """Refuse evidence for what the unit lacks; set aside evidence its date pre-dates.

        A value for a criterion (or a grade for a judgement) of a provision the unit says it
        lacks is a contradiction in the file, so it is refused (``provision-absent``);
        ``not_applicable`` is accepted, since it agrees. Evidence for a judgement the
        evidence's date pre-dates (``introduced``) is not a contradiction but stale (a grade
        from an earlier heading): it is ignored with a located warning (``before-introduced``).
        *unit* is what the evidence says of the unit: its ``[provision]`` table and its date.
        """
        provisions, date = unit
        if not provisions and not any(j.introduced for j in framework.judgements):
            return entries, given
        absent = framework.applicability(provisions, date)
        if not absent.criteria and not absent.judgements:
            return entries, given
        kept_entries: dict[str, Entry] = {}
        for criterion_id, entry in entries.items():
            why = absent.criteria.get(criterion_id)
            if why is None or entry.is_not_applicable:
                kept_entries[criterion_id] = entry
                continue
            judgement = framework.judgement_of(criterion_id)
            at = self._at("evidence", criterion_id)
            if judgement.id in absent.before_introduced:
                warnings.append(self._warning(at, judgement, date))
            else:
                self.values.add(
                    at,
                    "provision-absent",
                    f"evidence for {criterion_id!r}, which does not apply: {why}",
                    hint=self._provision_hint(framework, provisions, criterion_id, judgement.id),
                )
        kept_given: dict[str, GivenGrade] = {}
        for judgement_id, grade in given.items():
            why = absent.judgements.get(judgement_id)
            if why is None or not grade.applies:
                kept_given[judgement_id] = grade
                continue
            at = self._at("judgements", judgement_id)
            judgement = framework.judgement(judgement_id)
            if judgement_id in absent.before_introduced:
                warnings.append(self._warning(at, judgement, date))
            else:
                self.values.add(
                    at,
                    "provision-absent",
                    f"a grade for {judgement_id!r}, which does not apply: {why}",
                    hint=self._provision_hint(framework, provisions, None, judgement_id),
                )
        return kept_entries, kept_given

    def _warning(self, at: KeyPath, judgement: Judgement, date: datetime.date | None) -> Issue:
        assert judgement.introduced is not None
        assert date is not None
        return Issue(
            path=format_path(at),
            code="before-introduced",
            message=f"ignored: the evidence is dated {date.isoformat()}, before "
            f"{judgement.id!r} was introduced on {judgement.introduced.isoformat()}",
            line=self.values.issues.line_of(at),
            hint="the judgement did not exist then; remove the value, or check the date",
            file=self.values.issues.file,
        )

    @staticmethod
    def _provision_hint(
        framework: Framework,
        provisions: Mapping[str, bool],
        criterion_id: str | None,
        judgement_id: str,
    ) -> str:
        provision = framework.judgement(judgement_id).provision
        if provision is None or provisions.get(provision, True):
            # Not the judgement's provision, so the criterion's own.
            provision = framework.criterion(str(criterion_id)).provision
        return (
            f"[provision] says {provision} = false; remove the value, or write "
            f"{provision} = true if the unit has it"
        )

    def given(self, raw: object, framework: Framework) -> dict[str, GivenGrade]:
        """Read ``[judgements]``: judgement id -> a grade given directly, or not_applicable.

        A value is a grade (id, label, alias or position), ``"not_applicable"``, or a table
        ``{ grade = ..., source = ..., note = ... }``. ``overall`` is refused: the overall grade
        is always worked out by the framework's rule, and a published one goes under
        ``[outcome]``, where calibration compares it with the prediction.
        """
        # Imported here: the outcomes reader (and its table model) is for the few files with
        # [judgements] or [outcome]; a plain evidence file never loads it.
        from inspectkit.loading._outcomes import grade_hint, outcome_grade

        path = self._at("judgements")
        if not isinstance(raw, Mapping):
            self.values.add(
                path,
                "wrong-type",
                f"judgements must be a table, not {describe(raw)}",
                hint='write [judgements] with a line per judgement: leaders = "good"',
            )
            return {}
        wanted = [judgement.id for judgement in framework.judgements]
        given: dict[str, GivenGrade] = {}
        for key, value in raw.items():
            at = (*path, str(key))
            if key == OVERALL:
                self.values.add(
                    at,
                    "overall-given",
                    "the overall grade cannot be given: the framework's rule works it out",
                    hint="put a published overall grade under [outcome] (overall = ...), "
                    "where calibrate compares it with the prediction",
                )
                continue
            if key not in wanted:
                self.values.add(
                    at,
                    "unknown-judgement",
                    f"framework {framework.id!r} has no judgement {key!r}",
                    hint=suggest(str(key), wanted) or "the judgements are: " + ", ".join(wanted),
                )
                continue
            source = note = ""
            grade_raw = value
            if isinstance(value, Mapping):
                extra = [k for k in value if k not in ("grade", "source", "note")]
                for k in extra:
                    self.values.add(
                        (*at, str(k)),
                        "unknown-key",
                        f"unknown key {k!r}",
                        hint=suggest(str(k), ("grade", "source", "note"))
                        or "a given judgement takes grade, source and note",
                    )
                if "grade" not in value:
                    missing = "the given judgement has no grade"
                    self.values.add(at, "missing-key", missing, hint="add grade = ...")
                    continue
                grade_raw = value["grade"]
                source = self._sub_text(value, "source", at)
                note = self._sub_text(value, "note", at)
                if extra:
                    continue
            if isinstance(grade_raw, str) and _is_not_applicable(grade_raw):
                given[key] = GivenGrade(key, NOT_APPLICABLE, source, note)
                continue
            found, message = outcome_grade(framework, grade_raw, key)
            if found is None:
                self.values.add(
                    at if not isinstance(value, Mapping) else (*at, "grade"),
                    "unknown-grade",
                    message or "the grade is empty",
                    hint=grade_hint(framework, grade_raw, key) + ', or "not_applicable"',
                )
                continue
            given[key] = GivenGrade(key, found, source, note)
        return given

    def check_kind(self, kind: str, framework: Framework) -> None:
        """Refuse a ``kind`` the framework does not declare (when it declares any)."""
        if kind in framework.kinds:
            return
        self.values.add(
            self._at("kind"),
            "unknown-kind",
            f"{kind!r} is not a kind of unit framework {framework.id!r} assesses",
            hint=suggest(kind, framework.kinds)
            or "the kinds are: " + ", ".join(repr(k) for k in framework.kinds),
        )

    def outcome(self, raw: object, framework: Framework) -> dict[str, str]:
        """Read ``[outcome]``: ``overall`` or a judgement id -> the grade published for it.

        The published grades are only for `inspectkit.calibrate`; they never feed the
        assessment. An empty string means the grade was not published.
        """
        from inspectkit.loading._outcomes import grade_hint, outcome_grade  # as in `given`

        path = self._at("outcome")
        if not isinstance(raw, Mapping):
            self.values.add(
                path,
                "wrong-type",
                f"outcome must be a table, not {describe(raw)}",
                hint='write [outcome] with overall = "good" and a line per judgement',
            )
            return {}
        wanted = [OVERALL, *(judgement.id for judgement in framework.judgements)]
        grades: dict[str, str] = {}
        for key, value in raw.items():
            target = key if key in wanted else None
            if target is None:
                self.values.add(
                    (*path, str(key)),
                    "unknown-key",
                    f"{key!r} is not overall or a judgement of framework {framework.id!r}",
                    hint=(suggest(str(key), wanted) or "the keys are: " + ", ".join(wanted)),
                )
                continue
            if target in grades:
                self.values.add((*path, key), "duplicate-id", f"the outcome gives {target!r} twice")
                continue
            grade, message = outcome_grade(framework, value, target)
            if message is not None:
                self.values.add(
                    (*path, key),
                    "unknown-grade",
                    message,
                    hint=grade_hint(framework, value, target),
                )
            elif grade is not None:
                grades[target] = grade
        return grades

    def _sub_text(self, table: Mapping[Any, Any], key: str, at: KeyPath) -> str:
        value = table.get(key, "")
        if isinstance(value, str):
            return value
        self.values.add((*at, key), "wrong-type", f"{key} must be a string, not {describe(value)}")
        return ""

    def framework(
        self,
        data: Mapping[Any, Any],
        framework: FrameworkArg,
        base: str | os.PathLike[str] | None,
        *,
        inherited: bool = False,
    ) -> Framework | None:
        """Return the framework to read the document with: *framework*, or the one it names.

        Raises:
            FrameworkNotFoundError: *framework* itself cannot be found.
            FrameworkError: *framework* is not a valid framework file.
        """
        given = None if framework is None else resolve_framework(framework)
        named = data.get("framework")
        if "framework" not in data:
            if inherited:
                return given
            example = given.id if given is not None else "ofsted_childrens_centres_2014"
            self.values.add(
                self._at(),
                "missing-key",
                "the evidence does not name its framework",
                hint=f'add framework = "{example}" at the top',
            )
            return given
        if not isinstance(named, str) or not named.strip():
            self.values.add(
                self._at("framework"),
                "wrong-type",
                f"framework must be a framework id or path, not {describe(named)}",
            )
            return given
        if given is not None:
            if not is_path_reference(named) and not given.accepts_framework_id(named):
                self.values.add(
                    self._at("framework"),
                    "framework-mismatch",
                    f"the evidence is for framework {named!r}, not {given.id!r}",
                    hint=f'check the framework asked for, or write framework = "{given.id}"',
                )
            return given
        target = named
        folder = None
        if is_path_reference(named) and base is not None:
            from pathlib import Path  # only for a framework named by path

            folder = Path(base)  # normalised, as the message of `outside` shows it
            if not Path(named).is_absolute():
                target = os.fspath(folder / named)
        try:
            return resolve_framework(target)
        except FrameworkNotFoundError as exc:
            self.values.add(
                self._at("framework"),
                "unknown-framework",
                exc.summary.strip() or f"no framework {named!r} was found",
                hint="write a framework id, or the path of a framework file "
                "(relative to the evidence file)",
            )
            return None
        except FrameworkError as exc:
            if not is_path_reference(named) or outside(target, folder) is None:
                raise  # the user's own framework file, in this folder: its problems help
            # A framework file outside the document's folder may be anyone's file: say that it
            # is not a framework, never what it holds.
            count = len(exc.issues)
            self.values.add(
                self._at("framework"),
                "invalid-framework",
                f"{named!r} is not a valid framework file ({count} "
                f"{'problem' if count == 1 else 'problems'}, not listed: the file is outside "
                "this document's folder)",
                hint=f"check it on its own: inspectkit check {target}",
            )
            return None

    def text(
        self,
        data: Mapping[Any, Any],
        key: str,
        *,
        required: bool = False,
        allow_empty: bool = False,
    ) -> str | None:
        """Return the string at *key*; record it missing (if *required*), mistyped or blank."""
        if key not in data:
            if required:
                message = f"the evidence has no {key!r}"
                self.values.add(self._at(), "missing-key", message, hint=f"add {key} = ...")
            return None
        value = data[key]
        if not isinstance(value, str):
            self.values.add(
                self._at(key), "wrong-type", f"{key} must be a string, not {describe(value)}"
            )
            return None
        if not allow_empty and not value.strip():
            self.values.add(self._at(key), "empty", f"{key} is empty")
            return None
        return value

    def version(self, data: Mapping[Any, Any]) -> str | None:
        """Return ``framework_version`` if it is a string; a bare number gets a quoting hint."""
        if "framework_version" not in data:
            return None
        value = data["framework_version"]
        if isinstance(value, str):
            return value
        hint = f'quote it: framework_version = "{value}"' if is_number(value, False) else None
        self.values.add(
            self._at("framework_version"),
            "wrong-type",
            f"framework_version must be a string, not {describe(value)}",
            hint=hint,
        )
        return None
