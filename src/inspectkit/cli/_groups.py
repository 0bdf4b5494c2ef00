"""The ``group``, ``compare`` and ``timeline`` commands.

::

    inspectkit group examples/lakeside-group.toml             # a group evidence file
    inspectkit group north.toml south.toml --unit "Lakeside"  # member evidence files
    inspectkit compare june.toml september.toml --format markdown
    inspectkit timeline q1.toml q2.toml q3.toml
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspectkit.cli._output import (
    STDIO,
    CommandError,
    Inputs,
    add_output_options,
    add_width_option,
    check_option_number,
    choose_format,
    emit,
    excel_csv,
    keep_formulas,
    say,
    text_width,
)

if TYPE_CHECKING:
    from inspectkit.evidence import Evidence
    from inspectkit.results import Assessment
    from inspectkit.rubric import Framework

__all__ = ["register"]

FORMATS = ("text", "markdown", "html", "json", "csv")

EPILOG = """\
formats:
  text      the report for a terminal (the default), wrapped to its width
  markdown  the report, for board papers and wikis
  html      the report as a standalone page
  json      the result as data, with a schema_version
  csv       one row per result, for spreadsheets

exit codes:
  0  ok
  1  bad input: a file has problems (every one is listed on stderr), or the assessments
     cannot be grouped or compared (different frameworks, units or duplicate members)
  2  usage: unknown option, or a --fail-under grade not on the framework's scale
  3  the group's overall grade is below --fail-under
"""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``group``, ``compare`` and ``timeline`` commands to *commands*."""
    group = commands.add_parser(
        "group",
        help="assess a group of units inspected together",
        description=(
            "Assess a group: one group evidence file (with members), or several member "
            "evidence files. The group's grades combine the members' by the group rule."
        ),
        epilog="examples:\n  inspectkit group examples/groups/northfield.toml\n"
        "  inspectkit group north.toml south.toml --unit Lakeside --rule pooled\n\n" + EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    group.add_argument(
        "files", nargs="+", metavar="FILE", help="a group file, or member files ('-': stdin)"
    )
    group.add_argument(
        "--rule",
        choices=("weakest", "best_fit", "pooled"),
        help="the group rule (default: the file's, else the framework's, else weakest)",
    )
    group.add_argument(
        "--unit", metavar="NAME", help="the group's name, when members are given as files"
    )
    group.add_argument(
        "--fail-under", metavar="GRADE", help="exit 3 if the group is predicted below GRADE"
    )
    _common(group)
    group.set_defaults(handler=_group)

    compare = commands.add_parser(
        "compare",
        help="compare two assessments of one unit: the progress report",
        description="Compare an earlier and a later evidence file of the same unit.",
        epilog="examples:\n  inspectkit compare examples/riverside-2026-06.toml "
        "examples/riverside-nearly-good.toml\n\n" + EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    compare.add_argument("old", metavar="OLD", help="the earlier evidence file")
    compare.add_argument("new", metavar="NEW", help="the later evidence file")
    compare.add_argument("--target", metavar="GRADE", help="the grade gaps are measured against")
    compare.add_argument(
        "--any-unit",
        action="store_true",
        help="compare even when the two files name different units (a renamed centre)",
    )
    _common(compare)
    compare.set_defaults(handler=_compare)

    timeline = commands.add_parser(
        "timeline",
        help="progress over many dated evidence files of one unit",
        description="Order evidence files of one unit by date and compare each with the last.",
        epilog="examples:\n  inspectkit timeline q1.toml q2.toml q3.toml --format csv\n\n" + EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    timeline.add_argument("files", nargs="+", metavar="FILE", help="evidence files, any order")
    timeline.add_argument("--target", metavar="GRADE", help="the grade gaps are measured against")
    _common(timeline)
    timeline.set_defaults(handler=_timeline)


def _common(parser: argparse.ArgumentParser) -> None:
    add_output_options(parser, FORMATS, "text")
    add_width_option(parser)
    parser.add_argument(
        "--framework",
        metavar="ID_OR_PATH",
        help="a framework id or path (default: the one each file names; '-': standard input)",
    )
    parser.add_argument(
        "--missing",
        choices=("worst", "exclude", "error"),
        help="the missing-evidence policy (default: the framework's)",
    )


def _emit(result: Any, args: argparse.Namespace, inputs: Inputs) -> None:
    output_format = choose_format(args.format, args.output, FORMATS, "text")
    if output_format == "text":
        to_terminal = args.output in (None, STDIO)
        text = result.to_text(width=text_width(args.width, sys.stdout if to_terminal else None))
    elif output_format == "json":
        text = result.to_json() + "\n"
    elif output_format == "html":
        text = result.to_html()
    elif output_format == "csv":
        text = result.to_csv(keep_formulas=keep_formulas(args))
    else:
        text = result.to_markdown()
    text = text if text.endswith("\n") else text + "\n"
    emit(text, args.output, inputs=inputs, output_format=output_format, bom=args.excel_csv)


def _framework_of(path: str, framework: str | Framework | None, inputs: Inputs) -> Framework:
    """Return the framework *path* should be read with: *framework*, or the one it names."""
    from inspectkit.errors import EvidenceError
    from inspectkit.loading._documents import DocumentReader
    from inspectkit.loading._files import FileRefusedError
    from inspectkit.loading._framework import resolve_framework
    from inspectkit.loading._issues import IssueCollector
    from inspectkit.loading._toml import parse_toml
    from inspectkit.loading._values import ValueReader

    if framework is not None:
        return resolve_framework(framework)
    issues = IssueCollector(file="<stdin>" if path == STDIO else path)
    try:
        data = inputs.data(path)
    except FileRefusedError as problem:
        issues.add((), problem.code, problem.reason, hint=problem.hint)
        issues.raise_now(EvidenceError, "evidence")
    parsed = parse_toml(data, issues, EvidenceError, "evidence")
    base = Path() if path == STDIO else Path(path).parent
    named = parsed.get("framework") if isinstance(parsed, dict) else None
    if isinstance(named, str):
        inputs.add_framework(named, base)
    found = DocumentReader(ValueReader(issues, python=False)).framework(parsed, None, base)
    if found is None:
        issues.raise_now(EvidenceError, "evidence")
    return found


def _is_group_file(path: str, inputs: Inputs) -> bool:
    """Whether *path* is a group file (it has ``members``); if so, note the framework it names."""
    import tomli

    try:
        text = inputs.data(path).decode("utf-8").removeprefix("\ufeff")
        data = tomli.loads(text)
    except (OSError, ValueError, tomli.TOMLDecodeError, RecursionError):  # ValueError: Unicode
        return False
    if "members" not in data:
        return False
    named = data.get("framework")
    if isinstance(named, str):
        inputs.add_framework(named, Path() if path == STDIO else Path(path).parent)
    return True


def _evidence(path: str, framework: Framework, inputs: Inputs) -> Evidence:
    """Load the evidence file *path* (``-``: the standard input read already)."""
    from inspectkit.loading._evidence import load_evidence, loads_evidence

    if path == STDIO:
        return loads_evidence(inputs.data(path), framework=framework, name="<stdin>")
    return load_evidence(path, framework=framework)


def _start(args: argparse.Namespace, paths: list[str]) -> tuple[Inputs, Framework | None]:
    """Check the format early, remember the inputs and load a ``--framework`` given."""
    from inspectkit.cli._assess import load_framework_arg

    excel_csv(args, choose_format(args.format, args.output, FORMATS, "text"))
    check_option_number("--fail-under", getattr(args, "fail_under", None))
    check_option_number("--target", getattr(args, "target", None))
    inputs = Inputs()
    inputs.add(*paths)
    if paths.count(STDIO) > 1:
        raise CommandError("only one input can be '-' (standard input)", code=2)
    framework = None if args.framework is None else load_framework_arg(args.framework, inputs)
    return inputs, framework


def _assessments(
    args: argparse.Namespace, paths: list[str], inputs: Inputs, given: Framework | None
) -> list[Assessment]:
    from inspectkit.scoring import assess

    found = []
    for path in paths:
        framework = _framework_of(path, given, inputs)
        evidence = _evidence(path, framework, inputs)
        found.append(assess(framework, evidence, missing=args.missing))
    return found


def _group(args: argparse.Namespace) -> int:
    from inspectkit.cli import EXIT_BELOW_TARGET, EXIT_OK, EXIT_USAGE
    from inspectkit.groups import assess_group
    from inspectkit.loading._group import load_group, loads_group

    files: list[str] = args.files
    inputs, given = _start(args, files)
    if len(files) == 1 and _is_group_file(files[0], inputs):
        if files[0] == STDIO:
            loaded = loads_group(inputs.data(STDIO), framework=given, name="<stdin>")
        else:
            loaded = load_group(files[0], framework=given)
        inputs.add(*(member.file for member in loaded.members))
        result = assess_group(
            loaded.framework,
            loaded.members,
            rule=args.rule or loaded.rule,
            unit=args.unit or loaded.unit,
            date=loaded.date,
            missing=args.missing,
        )
    else:
        framework = _framework_of(files[0], given, inputs)
        members = [_evidence(path, framework, inputs) for path in files]
        unit = args.unit or "Group"
        result = assess_group(framework, members, rule=args.rule, unit=unit, missing=args.missing)
    floor = None
    if args.fail_under is not None:
        floor = result.framework.scale.get(args.fail_under)
        if floor is None:
            grades = ", ".join(result.framework.scale.ids)
            say(
                f"inspectkit: --fail-under {args.fail_under!r} is not a grade of "
                f"{result.framework.id} (grades: {grades})"
            )
            return EXIT_USAGE
    _emit(result, args, inputs)
    if floor is not None and (result.grade is None or floor.better_than(result.grade)):
        grade = result.grade.label if result.grade else "no grade"
        say(f"inspectkit: group predicted {grade}, below {floor.label}")
        return EXIT_BELOW_TARGET
    return EXIT_OK


def _compare(args: argparse.Namespace) -> int:
    from inspectkit.progress import compare

    inputs, given = _start(args, [args.old, args.new])
    before, after = _assessments(args, [args.old, args.new], inputs, given)
    result = compare(before, after, target=args.target, check_unit=not args.any_unit)
    _emit(result, args, inputs)
    return 0


def _timeline(args: argparse.Namespace) -> int:
    from inspectkit.progress import timeline

    inputs, given = _start(args, list(args.files))
    result = timeline(_assessments(args, list(args.files), inputs, given), target=args.target)
    _emit(result, args, inputs)
    return 0
