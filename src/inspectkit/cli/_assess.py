"""``inspectkit assess``: predict the grades for one evidence file and write the report."""

from __future__ import annotations

import os
import sys
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
from inspectkit.cli._statuses import add_fail_on_status

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from inspectkit.evidence import Evidence
    from inspectkit.grades import Grade
    from inspectkit.results import Assessment, WhatIf
    from inspectkit.rubric import Framework

__all__ = ["FORMATS", "load_framework_arg", "plain_arguments", "register", "run"]

EPILOG = """\
examples:
  inspectkit assess examples/riverside-nearly-good.toml
  inspectkit assess my-centre.toml -o report.html       # the format from the extension
  inspectkit assess my-centre.toml -f markdown > report.md
  inspectkit assess my-centre.toml -f json | jq .overall.grade
  cat my-centre.toml | inspectkit assess -              # '-' reads standard input
  inspectkit assess my-centre.toml --framework local-variant.toml --missing exclude
  inspectkit assess my-centre.toml --fail-under good      # exit 3 if predicted below Good
  inspectkit assess my-centre.toml --target good          # ranked gaps and the lift plan
  inspectkit assess my-school.toml --fail-on-status category_of_concern   # exit 4 if in one
  inspectkit assess my-school.toml --leave-status category_of_concern     # what takes it out
  inspectkit assess my-centre.toml --set sustained_contact_target=70% \
      --set supervision_checks_case_files=met             # what-if: re-score with new values

formats (each with --target's gaps and lift plan; with --set each says it is hypothetical):
  text      a short summary for the terminal (the default), wrapped to the terminal
  markdown  the full report, for board papers and wikis
  html      the full report as a standalone page (no external files)
  json      the full result as data (inspectkit schema result describes it)
  csv       one row per criterion, for spreadsheets

exit codes:
  0  ok (also when standard output is closed early, as by `| head`)
  1  bad input: the evidence or framework has problems (every one is listed on stderr),
     or the -o file cannot be written (it is then unchanged)
  2  usage: unknown option, a --fail-under or --target grade not on the framework's scale,
     a --fail-on-status or --leave-status status (or level) the framework does not have,
     --leave-status with a format other than text, a --set without '=', or an -o extension
     that names another format than --format
  3  the predicted overall grade is below --fail-under
  4  the unit is predicted in a --fail-on-status status (at its LEVEL or more severe)
"""


FORMATS = ("text", "markdown", "html", "json", "csv")
"""The output formats of ``assess``; each takes ``--target`` and ``--set`` alike."""


def render_report(
    result: Assessment | WhatIf,
    output_format: str,
    *,
    color: bool = False,
    target: Grade | None = None,
    width: int | None = None,
    formulas: bool = False,
) -> str:
    """Return *result* (an assessment, or a what-if for ``--set``) in *output_format*.

    A what-if says it is hypothetical in every format; *target* adds the ranked gaps and the
    lift plan to every format.
    """
    if output_format == "text":
        return result.to_text(color=color, target=target, width=width)
    if output_format == "markdown":
        return result.to_markdown(target=target)
    if output_format == "html":
        return result.to_html(target=target)
    if output_format == "json":
        return result.to_json(target=target) + "\n"
    return result.to_csv(target=target, keep_formulas=formulas)


def use_colour(choice: str, stream: Any) -> bool:
    """Return whether to colour output for ``--color`` *choice* on *stream*.

    ``auto`` colours only a terminal, and never when ``NO_COLOR`` is set (no-color.org).
    """
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


_Parsed = tuple[str, dict[str, Any]]
"""An evidence file's decoded text and the document `tomli.loads` parsed from it."""


def _framework_for(
    evidence_path: str, data: bytes | None, framework: str | None, inputs: Inputs
) -> tuple[Framework, _Parsed | None]:
    """Return the framework to assess against (the one given, or the one the file names).

    *data* is the evidence when it comes from standard input (``-``); a relative framework
    path in it is then taken from the current directory. Beside the framework comes the
    evidence's decoded text and parsed document, when it was parsed to find the framework
    (`_load_evidence` checks that document rather than parse the file again).
    """
    import tomli

    from inspectkit.errors import FrameworkError
    from inspectkit.loading import load_framework
    from inspectkit.loading._files import outside, read_bytes
    from inspectkit.loading._registry import is_path_reference

    if framework is not None:
        return load_framework_arg(framework, inputs), None
    named: object = None
    parsed: _Parsed | None = None
    try:
        text = data if data is not None else read_bytes(evidence_path)
        source = text.decode("utf-8").removeprefix("\ufeff")
        document = tomli.loads(source)
        parsed = (source, document)
        named = document.get("framework")
    except (OSError, ValueError, tomli.TOMLDecodeError, RecursionError):  # ValueError: Unicode
        named = None  # load_evidence below reports the problem with its line

    def base() -> Path:
        """The folder a relative framework path in the evidence is taken from."""
        # pathlib only here: a framework named by id (the plain case) needs no path (issue 15).
        from pathlib import Path

        return Path(evidence_path).parent if data is None else Path()

    if isinstance(named, str) and is_path_reference(named) and not os.path.isabs(named):
        named = os.fspath(base() / named)
    if not isinstance(named, str):
        _load_evidence(evidence_path, data, None)  # raises EvidenceError naming what is wrong
        raise AssertionError("unreachable: evidence without a framework loaded")  # pragma: no cover
    inputs.add_framework(named, None)
    try:
        return load_framework(named), parsed
    except FrameworkError:
        if is_path_reference(named) and outside(named, base()) is not None:
            # Not our user's file to show: the evidence loader reports it without its contents.
            _load_evidence(evidence_path, data, None)
        raise


def _load_evidence(
    path: str, data: bytes | None, framework: Framework | None, parsed: _Parsed | None = None
) -> Evidence:
    """Load the evidence file *path*, or *data* read from standard input.

    *parsed* is the file's text and document when `_framework_for` parsed it already.
    """
    from inspectkit.loading import load_evidence, loads_evidence

    if parsed is not None:
        from inspectkit.loading._evidence import load_parsed_evidence

        name = path if data is None else "<stdin>"
        text, document = parsed
        return load_parsed_evidence(
            text, document, framework=framework, name=name, from_file=data is None
        )
    if data is None:
        return load_evidence(path, framework=framework)
    return loads_evidence(data, framework=framework, name="<stdin>")


TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm")
"""Extensions of tables, which ``batch`` assesses (one unit per row), not ``assess``."""


def _refuse_a_table(name: str, framework: str | None) -> None:
    """Refuse a table given to ``assess`` with a usage error that names ``batch``."""
    if name.lower().endswith(TABLE_SUFFIXES):
        reference = framework or "ID_OR_PATH"
        raise CommandError(
            f"{name} is a table of units: assess it with "
            f"'inspectkit batch {name} --framework {reference}' (assess takes one TOML "
            "evidence file)",
            code=2,
        )


def run(args: argparse.Namespace) -> int:
    """Assess the evidence named in *args*, write the report, and return the exit code."""
    from inspectkit.cli import EXIT_BELOW_TARGET, EXIT_IN_STATUS, EXIT_OK, EXIT_USAGE
    from inspectkit.cli._statuses import (
        check_leave_status,
        fail_on_status,
        leave_status_text,
        parse_fail_on_status,
    )
    from inspectkit.scoring import assess

    output_format = choose_format(args.format, args.output, list(FORMATS), "text")
    bom = excel_csv(args, output_format)
    check_option_number("--fail-under", args.fail_under)
    check_option_number("--target", args.target)
    for item in args.set or ():
        check_option_number("--set", item)
    _refuse_a_table(args.evidence, args.framework)
    inputs = Inputs()
    inputs.add(args.evidence)
    data = inputs.stdin() if args.evidence == STDIO else None
    framework, parsed = _framework_for(args.evidence, data, args.framework, inputs)
    floor = None
    floor_of = _OVERALL
    if args.fail_under is not None:
        found = _fail_under(framework, args.fail_under)
        if found is None:
            return EXIT_USAGE
        floor_of, floor = found
    in_status = parse_fail_on_status(framework, args.fail_on_status)
    if in_status is None:
        return EXIT_USAGE
    target = _target_for(framework, args)
    if isinstance(target, int):
        return target
    leave = check_leave_status(framework, args.leave_status, output_format)
    if leave is not None:
        return leave
    changes = _changes_for(args)
    if changes is None:
        return EXIT_USAGE
    evidence = _load_evidence(args.evidence, data, framework, parsed)
    for warning in evidence.warnings:
        # Loaded, but something was set aside (a grade dated before its judgement existed).
        say(f"warning: {warning.format()}")
    assessment = assess(framework, evidence, missing=args.missing)
    result = _apply_what_if(assessment, changes)
    if result is not None:
        assessment = result.after
    to_terminal = args.output in (None, STDIO)
    color = output_format == "text" and use_colour(args.color, sys.stdout if to_terminal else None)
    width = text_width(args.width, sys.stdout if to_terminal else None)
    report = render_report(
        result or assessment,
        output_format,
        color=color,
        target=target,
        width=width,
        formulas=keep_formulas(args),
    )
    if output_format == "text":
        report += leave_status_text(assessment, args.leave_status)
    emit(report, args.output, inputs=inputs, output_format=output_format, colour=color, bom=bom)
    if floor is not None:
        got = assessment.result(floor_of).grade
        if got is None or floor.better_than(got):
            grade = got.label if got else "no grade"
            which = "" if floor_of == _OVERALL else f"{floor_of}: "
            say(f"inspectkit: {which}predicted {grade}, below {floor.label}")
            return EXIT_BELOW_TARGET
    if in_status and fail_on_status([assessment], in_status):
        return EXIT_IN_STATUS
    return EXIT_OK


_OVERALL = "overall"  # inspectkit.rubric.OVERALL, without importing the model at start-up


def _fail_under(framework: Framework, text: str) -> tuple[str, Grade] | None:
    """Read ``--fail-under GRADE`` or ``JUDGEMENT=GRADE``; say why and return None if invalid.

    A framework with no overall grade needs the judgement form: a bare grade has nothing to
    compare with.
    """
    target, _, grade_text = text.rpartition("=")
    target = target.strip() or _OVERALL
    judgements = [judgement.id for judgement in framework.judgements]
    if target != _OVERALL and target not in judgements:
        say(
            f"inspectkit: --fail-under {text!r}: {framework.id} has no judgement {target!r} "
            f"(judgements: {', '.join(judgements)})"
        )
        return None
    if target == _OVERALL and not framework.has_overall:
        say(
            f"inspectkit: --fail-under {text!r}: {framework.id} gives no overall grade; "
            f"name a judgement: --fail-under {judgements[0]}={grade_text.strip() or 'GRADE'}"
        )
        return None
    scale = framework.scale_of(target)  # safeguarding=met: a judgement on its own scale
    floor = scale.get(grade_text.strip())
    if floor is None:
        grades = ", ".join(grade.id for grade in scale)
        say(
            f"inspectkit: --fail-under {grade_text.strip()!r} is not a grade of "
            f"{framework.id} (grades: {grades})"
        )
        return None
    return target, floor


def load_framework_arg(reference: str, inputs: Inputs) -> Framework:
    """Load a ``--framework`` value: a bundled id, a path, or ``-`` (standard input)."""
    from inspectkit.loading import load_framework, loads_framework

    if reference == STDIO:
        return loads_framework(inputs.stdin("framework"), name="<stdin>")
    inputs.add_framework(reference, None)
    return load_framework(reference)


# ---- --target and --set (gap list, lift plan and what-if) ---------------------------------------


def _target_for(framework: Framework, args: argparse.Namespace) -> Grade | int | None:
    """Return the ``--target`` grade, ``None`` without one, or an exit code for a usage error."""
    from inspectkit.cli import EXIT_USAGE

    if args.target is None:
        return None
    grade = framework.scale.get(args.target)
    if grade is None:
        grades = ", ".join(grade.id for grade in framework.scale)
        say(
            f"inspectkit: --target {args.target!r} is not a grade of {framework.id} "
            f"(grades: {grades})"
        )
        return EXIT_USAGE
    return grade


def _changes_for(args: argparse.Namespace) -> dict[str, str] | None:
    """Return ``--set`` criterion -> text, or ``None`` (after saying why) when one lacks '='."""
    changes: dict[str, str] = {}
    for item in args.set or ():
        criterion, sep, text = item.partition("=")
        if not sep or not criterion.strip():
            say(f"inspectkit: --set {item!r}: write it as CRITERION=VALUE")
            return None
        changes[criterion.strip()] = text.strip()
    return changes


def _apply_what_if(assessment: Assessment, changes: dict[str, str]) -> WhatIf | None:
    """Re-score with the ``--set`` values; ``None`` when there are none."""
    if not changes:
        return None
    from inspectkit.loading._evidence import parse_cli_value

    framework = assessment.framework
    entries = {
        criterion: parse_cli_value(framework, criterion, text)
        for criterion, text in changes.items()
    }
    return assessment.what_if(entries)


PLAIN_DEFAULTS: dict[str, object] = {
    "version": False,
    "command": "assess",
    "format": None,
    "output": None,
    "csv_formulas": "escape",
    "excel_csv": False,
    "framework": None,
    "missing": None,
    "fail_under": None,
    "fail_on_status": None,
    "leave_status": None,
    "target": None,
    "set": None,
    "width": None,
    "color": "auto",
    "allow_outside": None,
}
"""What the parser gives ``inspectkit assess EVIDENCE`` for every option: each default.

``tests/test_startup.py`` holds `plain_arguments` equal to the parser's own result, so an
option added to `register` without its default here fails there.
"""


def plain_arguments(evidence: str) -> argparse.Namespace | None:
    """Return what the parser gives for ``inspectkit assess EVIDENCE``, without argparse.

    ``None`` when *evidence* starts with ``-`` and is not ``-`` itself (an option, or ``--``,
    which only the parser reads right).
    """
    if evidence.startswith("-") and evidence != STDIO:
        return None
    from types import SimpleNamespace
    from typing import cast

    values = {**PLAIN_DEFAULTS, "evidence": evidence, "handler": run}
    return cast("argparse.Namespace", SimpleNamespace(**values))


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``assess`` command to the command line."""
    import argparse

    parser = commands.add_parser(
        "assess",
        help="predict the grades for an evidence file and write the report",
        description="Predict the grade of each judgement and the overall grade for one unit's\n"
        "evidence, with the range the evidence allows, the gaps to the next grade, what to\n"
        "do first and the evidence still to collect.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "evidence", metavar="EVIDENCE", help="the evidence TOML file ('-': standard input)"
    )
    add_output_options(parser, FORMATS, "text")
    parser.add_argument(
        "--framework",
        metavar="ID_OR_PATH",
        help="assess against this framework instead of the one the file names",
    )
    parser.add_argument(
        "--missing",
        choices=["worst", "exclude", "error"],
        help="how absent evidence counts (default: the framework's policy)",
    )
    parser.add_argument(
        "--fail-under",
        metavar="GRADE",
        help="exit with code 3 when the predicted overall grade is below GRADE (id, label, "
        "alias); JUDGEMENT=GRADE checks one judgement instead",
    )
    add_fail_on_status(parser)
    parser.add_argument(
        "--leave-status",
        metavar="STATUS",
        action="append",
        help="the smallest lift plan after which STATUS (such as category_of_concern) is none "
        "even in the worst case (text format; repeatable)",
    )
    parser.add_argument(
        "--target",
        metavar="GRADE",
        help="add the gaps to GRADE, most urgent first, and the smallest lift plan (every format)",
    )
    parser.add_argument(
        "--set",
        metavar="CRITERION=VALUE",
        action="append",
        help="what-if: replace a criterion's evidence before assessing (repeatable); "
        "VALUE as on the command line: 72%%, 412/702, true, good, not_applicable. Every "
        "format then says at its top that the report is hypothetical",
    )
    add_width_option(parser)
    parser.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the text format: auto (only on a terminal, unless NO_COLOR is set)",
    )
    parser.set_defaults(handler=run)
