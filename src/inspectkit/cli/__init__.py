"""The ``inspectkit`` command line.

Each command lives in its own module of this package and registers itself in `COMMANDS`; `main`
builds the parser from them. Exit codes: 0 ok, 1 bad input (or an output that cannot be
written), 2 usage, 3 below ``--fail-under``. A closed standard output (``inspectkit ... | head
-0``) is not an error: the command stops writing and exits 0, as ``cat`` and ``grep`` do under
Python's ignored SIGPIPE. Reading inputs and writing outputs safely is `inspectkit.cli._output`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any, cast

from inspectkit.errors import InspectkitError

__all__ = ["EXIT_BAD_INPUT", "EXIT_BELOW_TARGET", "EXIT_OK", "EXIT_USAGE", "main"]

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
EXIT_BELOW_TARGET = 3

Handler = Callable[[argparse.Namespace], int]
Register = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]


def _registrations() -> list[Register]:
    # Imported here so that `import inspectkit` never pays for the command line.
    from inspectkit.cli import (
        _assess,
        _batch,
        _calibrate,
        _completion,
        _evidence,
        _frameworks,
        _groups,
        _schema,
    )

    return [
        _frameworks.register,
        _schema.register,
        _assess.register,
        _evidence.register,
        _batch.register,
        _groups.register,
        _calibrate.register,
        _completion.register,
    ]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose messages (which quote what was typed) are safe on a terminal."""

    def _print_message(self, message: str, file: Any = None) -> None:
        if message:
            from inspectkit.cli._output import write_stream

            write_stream(message, file or sys.stderr, terminal=True)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every command registered."""
    parser = _Parser(
        prog="inspectkit",
        description="Mock inspections against inspection frameworks written as TOML rubrics.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser),
    )
    for register in _registrations():
        register(commands)
    from inspectkit.cli._output import mark_files

    mark_files(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``) and return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on usage errors and 0 on --help
        return int(exit_.code or 0)
    if args.version:
        from importlib.metadata import version

        from inspectkit.cli._output import emit

        emit(f"inspectkit {version('inspectkit')}\n", None, output_format="text")
        return EXIT_OK
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    from inspectkit.cli._output import CommandError, say

    try:
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


def _silence_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush cannot fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout without a file descriptor (tests)
        pass
