"""The ``inspectkit`` command line.

Each command lives in its own module of this package, named in `COMMANDS`; `main` imports and
registers only the module of the command it runs (the full parser for help or an unknown
command), so one command never pays for the imports of the others. Exit codes: 0 ok, 1 bad
input (or an output that cannot be written), 2 usage, 3 below ``--fail-under``, 4 in a
``--fail-on-status`` status. A closed standard output (``inspectkit ... | head -0``) is not an
error: the command stops writing and exits 0, as ``cat`` and ``grep`` do under Python's ignored
SIGPIPE. Reading inputs and writing outputs safely is `inspectkit.cli._output`.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # `typing.TYPE_CHECKING` without importing typing (mypy knows the name)
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence
    from typing import Any, NoReturn, TypeAlias

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_BELOW_TARGET",
    "EXIT_IN_STATUS",
    "EXIT_OK",
    "EXIT_USAGE",
    "main",
    "run",
]

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
EXIT_BELOW_TARGET = 3
EXIT_IN_STATUS = 4

if TYPE_CHECKING:
    Handler: TypeAlias = Callable[[argparse.Namespace], int]
    Register: TypeAlias = Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]


COMMANDS: dict[str, str] = {
    "list": "_frameworks",
    "show": "_frameworks",
    "check": "_frameworks",
    "schema": "_schema",
    "assess": "_assess",
    "template": "_evidence",
    "batch": "_batch",
    "group": "_groups",
    "compare": "_groups",
    "timeline": "_groups",
    "calibrate": "_calibrate",
    "completion": "_completion",
    "docs": "_docs",
}
"""Each command and the module of this package that registers it, in the order help lists them."""


def _register_function(module: str) -> Register:
    """Return the ``register`` function of command module *module*, importing only that module.

    Imported here so that `import inspectkit` never pays for the command line, and one command
    never pays for the imports of the others (a start-up of ``assess`` is mostly imports).
    """
    if module == "_frameworks":
        from inspectkit.cli import _frameworks

        return _frameworks.register
    if module == "_schema":
        from inspectkit.cli import _schema

        return _schema.register
    if module == "_assess":
        from inspectkit.cli import _assess

        return _assess.register
    if module == "_evidence":
        from inspectkit.cli import _evidence

        return _evidence.register
    if module == "_batch":
        from inspectkit.cli import _batch

        return _batch.register
    if module == "_groups":
        from inspectkit.cli import _groups

        return _groups.register
    if module == "_calibrate":
        from inspectkit.cli import _calibrate

        return _calibrate.register
    if module == "_completion":
        from inspectkit.cli import _completion

        return _completion.register
    from inspectkit.cli import _docs

    return _docs.register


def _registrations(command: str | None = None) -> list[Register]:
    """Return the register functions of every command, or only of the module of *command*."""
    if command in COMMANDS:
        return [_register_function(COMMANDS[command])]
    return [_register_function(module) for module in dict.fromkeys(COMMANDS.values())]


def _parser_class() -> type[argparse.ArgumentParser]:
    """Return the class of the command line's parsers, defined on first use.

    Defined here rather than at import: ``inspectkit assess FILE`` parses its arguments
    without argparse (see `inspectkit.cli._assess.plain_arguments`), so importing this module
    must not import it.
    """
    import argparse

    class _Parser(argparse.ArgumentParser):
        """An argument parser whose messages (which quote what was typed) are safe on a terminal."""

        def _print_message(self, message: str, file: Any = None) -> None:
            if message:
                from inspectkit.cli._output import write_stream

                write_stream(message, file or sys.stderr, terminal=True)

    return _Parser


_READS_NO_FILES = frozenset({"list", "completion", "docs"})
"""Commands that read no framework or evidence file, so take no --allow-outside."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Return the argument parser with every command registered, or only the module of *only*.

    Given the command about to run, only its module is imported and registered: its parsing,
    help and errors are those of the full parser, which an unknown command, ``--help`` and
    ``--version`` get.
    """
    import argparse
    from typing import cast

    parser_class = _parser_class()
    parser = parser_class(
        prog="inspectkit",
        description="Mock inspections against inspection frameworks written as TOML rubrics.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=parser_class),
    )
    for register in _registrations(only):
        register(commands)
    for name, command in commands.choices.items():
        if name not in _READS_NO_FILES:
            command.add_argument(
                "--allow-outside",
                action="append",
                metavar="DIR",
                help="let extends and group members name files in DIR too (repeatable; "
                "default: only the referring file's folder and below)",
            )
    from inspectkit.cli._output import mark_files

    mark_files(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``) and return the exit code."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = _plain_assess(arguments)
    if args is None:
        parser = build_parser(_command_in(arguments))
        try:
            args = parser.parse_args(arguments)
        except SystemExit as exit_:  # argparse exits 2 on usage errors and 0 on --help
            return int(exit_.code or 0)
        if args.version:
            from importlib.metadata import version

            from inspectkit.cli._output import emit

            emit(f"inspectkit {version('inspectkit')}\n", None, output_format="text")
            return EXIT_OK
        if getattr(args, "handler", None) is None:
            parser.print_help(sys.stderr)
            return EXIT_USAGE
    handler: Handler = args.handler
    from inspectkit.cli._output import CommandError, say
    from inspectkit.errors import InspectkitError
    from inspectkit.loading._files import read_limits

    try:
        allowed = getattr(args, "allow_outside", None)
        with read_limits(max_bytes=_max_file_size(), allow_outside=allowed):
            code = handler(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
    except InspectkitError as error:
        say(f"inspectkit: {error}")
        return EXIT_BAD_INPUT
    except CommandError as error:
        say(f"inspectkit: {error.message}")
        return error.code
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        _silence_stdout()
        return EXIT_OK
    return code


def run() -> NoReturn:
    """Run the command line on ``sys.argv`` and end the process with its exit code.

    The installed ``inspectkit`` command and ``python -m inspectkit``. It first lets the
    garbage collector wait for `COLLECT_AFTER` new objects (`start_collector`), and before
    exiting it moves every object the run made out of the collector's reach (`gc.freeze`): the
    process ends here, and the full collection the interpreter makes at exit would walk all of
    them to free memory the operating system takes back anyway, about a twentieth of a short
    command (issue 15). Output is flushed and exit handlers run as before; only objects kept
    alive by reference cycles are not collected, as the interpreter never promises to at exit.
    """
    import gc

    start_collector()
    code = main()
    gc.freeze()
    sys.exit(code)


COLLECT_AFTER = 50_000
"""How many new container objects the command's garbage collector waits for (Python: 700)."""


def start_collector() -> None:
    """Let the garbage collector wait for `COLLECT_AFTER` new objects before a young collection.

    Why: a command's start is mostly imports, which make tens of thousands of objects (modules,
    functions, classes) that live as long as the process. At Python's default of 700 the
    collector walks them some fifty times before ``inspectkit assess FILE`` has printed, each
    time to find them alive: 4% of its instructions (callgrind). Only objects kept alive by
    reference cycles wait longer to be freed, and never more than `COLLECT_AFTER` of them, so
    a long ``batch`` keeps its memory bounded; objects freed by their last reference go at once,
    as always. The older generations keep Python's own thresholds.
    """
    import gc

    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(COLLECT_AFTER, middle, oldest)


def _plain_assess(arguments: Sequence[str]) -> argparse.Namespace | None:
    """Return the arguments of ``inspectkit assess EVIDENCE`` (no option), else ``None``.

    The commonest command is read without argparse, whose import and parser cost a plain
    assessment about a tenth of its start (issue 15); every other command line, options and
    help included, goes to the parser.
    """
    if len(arguments) == 2 and arguments[0] == "assess":  # the command and one file
        from inspectkit.cli._assess import plain_arguments

        return plain_arguments(arguments[1])
    return None


def _command_in(arguments: Sequence[str]) -> str | None:
    """Return the command *arguments* run, or ``None`` when they ask for no known command.

    The parser's own options (``--version``, ``-h``) take no value, so the command is the first
    argument that is not an option.
    """
    for argument in arguments:
        if argument == "--":
            return None
        if not argument.startswith("-"):
            return argument if argument in COMMANDS else None
    return None


MAX_FILE_SIZE_VARIABLE = "INSPECTKIT_MAX_FILE_SIZE"
"""The environment variable that raises the size limit of every file read, in bytes."""


def _max_file_size() -> int | None:
    """Return ``INSPECTKIT_MAX_FILE_SIZE`` as a number of bytes, or ``None`` when unset.

    Raises:
        CommandError: (code 2) The variable is set to anything but a positive whole number.
    """
    import os

    from inspectkit.cli._output import CommandError

    text = os.environ.get(MAX_FILE_SIZE_VARIABLE, "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdecimal()) or len(text) > 18 or int(text) < 1:
        raise CommandError(
            f"{MAX_FILE_SIZE_VARIABLE}={text[:40]!r}: give the largest file to read as a "
            "positive whole number of bytes (e.g. 33554432 for 32 MiB)",
            code=2,
        )
    return int(text)


def _silence_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush cannot fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout without a file descriptor (tests)
        pass
