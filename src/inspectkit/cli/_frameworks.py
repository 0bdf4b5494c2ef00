"""``inspectkit list``, ``inspectkit show`` and ``inspectkit check``: frameworks at the terminal.

``list`` prints every bundled and installed framework; ``show`` prints one as readable text
(scale, judgements, criteria with thresholds and provenance, caps, the overall rule). ``check``
loads each file given (a framework; an evidence file, recognised by its ``framework`` key; a
group file, by its ``members``; a CSV or ``.xlsx`` table of units, by its extension, checked
against ``--framework``) and prints every problem as ``file:line: path: message [code]`` with a
hint underneath, exiting 1 if any file is invalid.
"""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from inspectkit.cli import EXIT_BAD_INPUT, EXIT_OK
from inspectkit.cli._output import STDIO, CommandError, Inputs, emit, say
from inspectkit.errors import InspectkitError
from inspectkit.rubric import (
    OVERALL,
    Aggregation,
    Criterion,
    Direction,
    Framework,
    Measure,
    Method,
    Provenance,
    Rule,
)

if TYPE_CHECKING:
    from inspectkit.evidence import Evidence

__all__ = ["describe_framework", "register"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``list``, ``show`` and ``check`` commands to *commands*."""
    listing = commands.add_parser("list", help="list the bundled and installed frameworks")
    listing.set_defaults(handler=_list)
    show = commands.add_parser("show", help="print a framework as readable text")
    show.add_argument(
        "framework", metavar="ID_OR_PATH", help="a framework id or a TOML file ('-': stdin)"
    )
    show.set_defaults(handler=_show)
    check = commands.add_parser(
        "check",
        help="check framework, evidence, group or table files and report every problem",
        description="Check each file and report every problem in it at once. A framework, an "
        "evidence file and a group file are told apart by their keys; a .csv, .tsv or .xlsx "
        "file is a table of units, checked against --framework.",
    )
    check.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="framework, evidence or group TOML files, framework ids, or CSV/.xlsx tables "
        "('-': standard input)",
    )
    check.add_argument(
        "--framework",
        metavar="ID_OR_PATH",
        help="the framework to check tables (and evidence or group files) against",
    )
    check.add_argument(
        "--sheet", metavar="NAME", help="the worksheet of an .xlsx table (default: the first)"
    )
    check.add_argument(
        "--encoding", metavar="ENCODING", help="the text encoding of CSV tables (default utf-8)"
    )
    check.set_defaults(handler=_check)


def _list(args: argparse.Namespace) -> int:
    from inspectkit.loading import list_frameworks

    frameworks = list_frameworks()
    if not frameworks:
        emit("no frameworks found\n", None, output_format="text")
        return EXIT_OK
    width = max(len(info.id) for info in frameworks)
    lines = []
    for info in frameworks:
        details = ", ".join(part for part in (info.version, info.status, info.origin) if part)
        lines.append(f"{info.id:<{width}}  {info.title} ({details})\n")
    emit("".join(lines), None, output_format="text")
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    from inspectkit.cli._assess import load_framework_arg

    emit(
        describe_framework(load_framework_arg(args.framework, Inputs())) + "\n",
        None,
        output_format="text",
    )
    return EXIT_OK


def _is_evidence(data: bytes) -> bool:
    """Whether the TOML *data* looks like an evidence file (it names its ``framework``)."""
    import tomli

    try:
        parsed = tomli.loads(data.decode("utf-8").removeprefix("\ufeff"))
    except (UnicodeDecodeError, tomli.TOMLDecodeError, RecursionError):
        return False  # the framework loader reports the problem
    # A framework's judgements are an array of tables; an evidence file's [judgements] is a table.
    return (
        "framework" in parsed
        and not isinstance(parsed.get("judgements"), list)
        and "grades" not in parsed
    )


def _check_stdin(inputs: Inputs) -> str:
    """Check standard input (a framework, or an evidence file) and return the ok line."""
    from inspectkit.loading import loads_evidence, loads_framework

    data = inputs.stdin()
    if _is_evidence(data):
        evidence = loads_evidence(data, name="<stdin>")
        return _evidence_ok(STDIO, evidence)
    return _framework_ok(STDIO, loads_framework(data, name="<stdin>"))


def _evidence_ok(name: str, evidence: Evidence) -> str:
    return (
        f"{name}: ok (evidence for {evidence.framework}: {evidence.unit}, "
        f"{len(evidence.entries)} entries)"
    )


def _framework_ok(name: str, framework: Framework) -> str:
    criteria = sum(1 for _ in framework.criteria())
    return (
        f"{name}: ok ({framework.id} {framework.version}: "
        f"{len(framework.judgements)} judgements, {criteria} criteria, "
        f"{len(framework.caps)} caps)"
    )


def _is_group(data: bytes) -> bool:
    """Whether the TOML *data* looks like a group evidence file (it lists ``members``)."""
    import tomli

    try:
        parsed = tomli.loads(data.decode("utf-8").removeprefix("\ufeff"))
    except (UnicodeDecodeError, tomli.TOMLDecodeError, RecursionError):
        return False
    return "members" in parsed  # no framework has a top-level members key


def _check_table(name: str, args: argparse.Namespace, inputs: Inputs) -> str:
    """Check a table of units against ``--framework`` and return the ok line."""
    from inspectkit.cli._assess import load_framework_arg
    from inspectkit.loading import load_evidence_table

    if args.framework is None:
        raise CommandError(
            f"{name} is a table of units: check it against a framework with --framework ID",
            code=2,
        )
    framework = load_framework_arg(args.framework, inputs)
    units = load_evidence_table(name, framework, encoding=args.encoding, sheet=args.sheet)
    noun = "unit" if len(units) == 1 else "units"
    return f"{name}: ok (evidence table for {framework.id}: {len(units)} {noun})"


def _check_one(name: str, args: argparse.Namespace, inputs: Inputs) -> str:
    """Check one file (a framework, evidence, a group or a table) and return the ok line."""
    from inspectkit.cli._assess import TABLE_SUFFIXES, load_framework_arg
    from inspectkit.loading import load_evidence, load_framework, load_group
    from inspectkit.loading._registry import is_path_reference

    if name == STDIO:
        return _check_stdin(inputs)
    if name.lower().endswith(TABLE_SUFFIXES):
        return _check_table(name, args, inputs)
    if not is_path_reference(name):  # a bare name is an id, never a file of that name here
        return _framework_ok(name, load_framework(name))
    path = Path(name)
    try:
        is_file, exists = path.is_file(), path.exists()
    except (OSError, ValueError):  # a name too long for the file system: load_framework says so
        is_file = exists = False
    head = _head(path) if is_file else b""
    framework = None
    if args.framework is not None and (_is_group(head) or _is_evidence(head)):
        framework = load_framework_arg(args.framework, inputs)
    if _is_group(head):
        group = load_group(path, framework=framework)
        count = len(group.members)
        noun = "member" if count == 1 else "members"
        return f"{name}: ok (group evidence for {group.framework.id}: {group.unit}, {count} {noun})"
    if _is_evidence(head):
        return _evidence_ok(name, load_evidence(path, framework=framework))
    return _framework_ok(name, load_framework(path if exists else name))


def _head(path: Path) -> bytes:
    from inspectkit.loading._files import read_bytes

    try:
        return read_bytes(path)
    except OSError:
        return b""  # the framework loader reports the problem


def _check(args: argparse.Namespace) -> int:
    status = EXIT_OK
    inputs = Inputs()
    if list(args.files).count(STDIO) > 1:
        raise CommandError("only one input can be '-' (standard input)", code=2)
    for name in args.files:
        try:
            emit(_check_one(name, args, inputs) + "\n", None, output_format="text")
        except InspectkitError as error:
            status = EXIT_BAD_INPUT
            if error.issues:
                say(error.summary)
                for issue in error.issues:
                    say(issue.format())
            else:
                say(f"{name}: {error}")
    return status


def _provenance(provenance: Provenance | None) -> str:
    if provenance is None:
        return ""
    parts = [provenance.basis.value]
    if provenance.source:
        parts.append(f"source {provenance.source}")
    text = "; ".join(parts)
    if provenance.note:
        text += f": {provenance.note}"
    return f" [{text}]"


def _aggregation(framework: Framework, aggregation: Aggregation) -> list[str]:
    head = aggregation.method.value
    if aggregation.method is Method.BEST_FIT and aggregation.share is not None:
        head += f" (share {aggregation.share:g} of the weight)"
    lines = [f"method: {head}{_provenance(aggregation.provenance)}"]
    if aggregation.method is Method.PERCENT_BANDS:
        points = ", ".join(f"{grade} {value:g}" for grade, value in aggregation.points.items())
        bands = ", ".join(f"{grade} >= {value:g}%" for grade, value in aggregation.bands.items())
        lines += [f"points: {points}", f"bands: {bands}"]
    for number, rule in enumerate(aggregation.rules, start=1):
        lines.append(f"rule {number}: {_rule(framework, rule)}{_provenance(rule.provenance)}")
    if aggregation.method is Method.RULES:
        lines.append(f"otherwise: {framework.scale.worst.label}")
    return lines


def _rule(framework: Framework, rule: Rule) -> str:
    conditions = [f"at least {n} at {g} or better" for g, n in rule.at_least.items()]
    conditions += [f"at most {n} at {g} or worse" for g, n in rule.at_most.items()]
    if rule.none_below:
        conditions.append(f"none below {rule.none_below}")
    conditions += [f"{member} at {g} or better" for member, g in rule.minimum.items()]
    label = framework.grade(rule.grade).label
    text = f"{label} if " + "; ".join(conditions) if conditions else f"{label} always"
    if rule.description:
        text += f" ({rule.description})"
    return text


def _criterion(framework: Framework, criterion: Criterion) -> list[str]:
    facts = [criterion.measure.value]
    if criterion.measure in (Measure.PROPORTION, Measure.QUANTITY):
        facts.append(f"{criterion.direction.value} is better")
    if criterion.unit:
        facts.append(criterion.unit)
    if criterion.weight != 1:
        facts.append(f"weight {criterion.weight:g}")
    lines = [f"{criterion.id}: {criterion.title} ({', '.join(facts)})"]
    sign = ">=" if criterion.direction is Direction.HIGHER else "<="
    for threshold in criterion.thresholds:
        lines.append(
            f"  {threshold.grade}: {sign} {threshold.value:g}{_provenance(threshold.provenance)}"
        )
    if criterion.measure is Measure.CHECK:
        met, not_met = criterion.check_grades(framework.scale_of(criterion.id))
        if criterion.level is not None:
            lines.append(f"  needed for: {criterion.level}")
        lines.append(f"  met: {met}; not met: {not_met}{_provenance(criterion.provenance)}")
    elif criterion.provenance is not None and not criterion.thresholds:
        lines.append(f"  provenance:{_provenance(criterion.provenance)}")
    if criterion.evidence:
        lines.append(f"  evidence: {criterion.evidence}")
    return lines


def describe_framework(framework: Framework) -> str:
    """Return *framework* as readable text, as ``inspectkit show`` prints it.

    Args:
        framework: A loaded framework.

    Returns:
        Several lines of plain text.
    """
    lines = [
        framework.title,
        f"id {framework.id}, version {framework.version}, {framework.status}; "
        f"absent evidence counts as {framework.missing.value}",
    ]
    if framework.description:
        lines += ["", *textwrap.wrap(" ".join(framework.description.split()), width=88)]
    lines += ["", "Scale (best first):"]
    for grade in framework.scale:
        aliases = f" (also {', '.join(grade.aliases)})" if grade.aliases else ""
        lines.append(f"  {grade.rank + 1}. {grade.label} [{grade.id}]{aliases}")
    for scale in framework.scales:
        grades = ", ".join(f"{grade.label} [{grade.id}]" for grade in scale.grades)
        lines += ["", f"Scale {scale.id}: {scale.title}: {grades}{_provenance(scale.provenance)}"]
    for judgement in framework.judgements:
        weight = f", weight {judgement.weight:g}" if judgement.weight != 1 else ""
        lines += ["", f"Judgement {judgement.id}: {judgement.title}{weight}"]
        lines += [f"  {line}" for line in _aggregation(framework, judgement.aggregation)]
        for criterion in judgement.criteria:
            lines += [f"  {line}" for line in _criterion(framework, criterion)]
    lines += ["", f"{framework.overall_title} [{OVERALL}]:"]
    lines += [f"  {line}" for line in _aggregation(framework, framework.overall)]
    if framework.caps:
        lines += ["", "Caps:"]
        for cap in framework.caps:
            trigger = "is not met" if cap.not_met else f"is {cap.at_or_below} or worse"
            lines.append(
                f"  {cap.id}: when {cap.when} {trigger}, {cap.limits} is at best {cap.to}"
                f"{_provenance(cap.provenance)}"
            )
    for status in framework.statuses:
        lines += ["", f"Status {status.id}: {status.title}{_provenance(status.provenance)}"]
        lines.append(f"  none: {status.none_label}")
        for level in status.levels:
            rule = f": {level.description}" if level.description else ""
            lines.append(f"  {level.id}: {level.label}{rule}{_provenance(level.provenance)}")
    if framework.changes:
        parent = f" from {framework.lineage[0]}" if framework.lineage else ""
        lines += ["", f"Changes{parent}:"]
        for change in framework.changes:
            affects = f" (affects {', '.join(change.affects)})" if change.affects else ""
            lines.append(
                f"  {change.id}: {change.summary}{affects}{_provenance(change.provenance)}"
            )
    if framework.sources:
        lines += ["", "Sources:"]
        for source in framework.sources:
            url = f" <{source.url}>" if source.url else ""
            lines.append(f"  {source.id}: {source.title}{url}")
    return "\n".join(lines)
