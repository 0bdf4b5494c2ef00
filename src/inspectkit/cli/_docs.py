"""``inspectkit docs [PAGE]``: the user guides, read from the installed package.

Why the pages travel with the package: error hints and the evidence template send a user to a
guide ("see ``inspectkit docs recording-findings``"), and someone who installed inspectkit with
pip has no ``docs/`` folder and no published site to go to. So the wheel carries the Markdown
pages as ``inspectkit/docs/`` (``pyproject.toml`` names each file, because a force-included
folder would be copied as the builder's disk holds it), and this command lists them, prints one,
or prints where it is installed. In a source or editable checkout, where the package has no
``docs/`` of its own, the repository's ``docs/`` is read instead, less the pages that are not
user guides (`NOT_BUNDLED`), so the command shows the same pages either way.

A page's name is its path below ``docs/`` without ``.md``: ``evidence-format``,
``frameworks/ofsted-ilacs-2023``. Its summary is its first heading.
"""

from __future__ import annotations

import argparse
import difflib
from collections.abc import Iterator
from pathlib import Path

from inspectkit.cli._output import CommandError, add_output_options, emit

__all__ = ["NOT_BUNDLED", "docs_dir", "find_page", "pages", "register", "summary"]

NOT_BUNDLED = frozenset({"index", "reference", "fuzzing"})
"""Pages of ``docs/`` the wheel leaves out: the site's contents page and its autodoc page
(MyST directives, not prose), and fuzzing, which needs a clone's ``fuzz/`` folder."""

EPILOG = """\
examples:
  inspectkit docs                              # every page, with its title
  inspectkit docs recording-findings           # print a page (Markdown)
  inspectkit docs evidence-format | less
  inspectkit docs frameworks/ofsted-ilacs-2023
  inspectkit docs ofsted_ilacs_2023            # a bundled framework's page, by its id
  inspectkit docs framework-format --path      # where the page is installed, to open it

exit codes: 0 ok, 1 the -o file cannot be written, 2 no such page
"""


def docs_dir() -> Path:
    """Return the folder of the user guides (inside the installed package, or the checkout's)."""
    package = Path(__file__).resolve().parents[1]
    shipped = package / "docs"
    if shipped.is_dir():
        return shipped
    return package.parents[1] / "docs"


def pages() -> dict[str, Path]:
    """Return every page by name: the guides in name order, then the frameworks' pages."""
    root = docs_dir()
    found = {path.stem: path for path in sorted(root.glob("*.md")) if path.stem not in NOT_BUNDLED}
    for path in sorted(root.glob("frameworks/*.md")):
        found[f"frameworks/{path.stem}"] = path
    return found


def summary(path: Path) -> str:
    """Return a page's first ``# `` heading, its one-line summary (``""`` if it has none)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def find_page(name: str) -> Path:
    """Return the page *name*, also written as a file (``docs/cli.md``) or a framework id.

    Raises:
        CommandError: (code 2) No page has that name; the message names the closest page
            names, never another word.
    """
    known = pages()
    for candidate in _spellings(name):
        if candidate in known:
            return known[candidate]
    # A framework's page is matched by its own name too ("ofsted-ilacs-2032"), but the hint
    # always gives the full page name.
    words = {page: page for page in known}
    words.update({page.removeprefix("frameworks/"): page for page in known})
    bare = next(_spellings(name)).replace("_", "-")
    close = difflib.get_close_matches(bare, sorted(words), n=1, cutoff=0.6)
    hint = f"; did you mean {words[close[0]]!r}?" if close else ""
    shown = name if len(name) <= 60 else name[:57] + "..."
    raise CommandError(f"docs: no page {shown!r}{hint} ('inspectkit docs' lists the pages)", code=2)


def _spellings(name: str) -> Iterator[str]:
    """Yield the page names *name* can mean: itself, without ``docs/`` and ``.md``, as an id."""
    bare = name.strip().removeprefix("./").removeprefix("docs/").removesuffix(".md")
    yield bare
    dashed = bare.replace("_", "-")
    yield dashed
    if not dashed.startswith("frameworks/"):
        yield f"frameworks/{dashed}"


class _PageNames:
    """The page names for shell completion (shtab reads ``choices``); argparse accepts any word.

    Why not plain ``choices``: argparse would refuse a misspelt page with a list of all of them;
    `find_page` answers with the closest names instead, and takes a file name or framework id.
    """

    def __iter__(self) -> Iterator[str]:
        return iter(pages())

    def __contains__(self, name: object) -> bool:
        return True


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``docs`` command to *commands*."""
    parser = commands.add_parser(
        "docs",
        help="list the user guides bundled with inspectkit, or print one",
        description="Without PAGE, list the guides installed with inspectkit, each with its "
        "title. With PAGE, print that guide (Markdown), or with --path where it is installed.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "page",
        nargs="?",
        metavar="PAGE",
        choices=_PageNames(),
        help="a page name, as 'inspectkit docs' lists them (also docs/NAME.md or a framework id)",
    )
    parser.add_argument(
        "--path",
        action="store_true",
        help="print where the page (without PAGE: the folder of pages) is installed",
    )
    add_output_options(parser, (), None)
    parser.set_defaults(handler=_docs)


def _docs(args: argparse.Namespace) -> int:
    from inspectkit.cli import EXIT_OK

    if args.page is None:
        text = f"{docs_dir()}\n" if args.path else _listing()
    else:
        page = find_page(args.page)
        text = f"{page}\n" if args.path else page.read_text(encoding="utf-8")
    emit(text, args.output, output_format="text")
    return EXIT_OK


def _listing() -> str:
    """Return the list of pages: one a line, its name and its title, guides then frameworks."""
    found = pages()
    guides = [name for name in found if not name.startswith("frameworks/")]
    frameworks = [name for name in found if name.startswith("frameworks/")]
    lines = ["Guides (inspectkit docs PAGE prints one; add --path for where it is installed):"]
    lines += _rows(guides, found)
    if frameworks:
        example = frameworks[0].removeprefix("frameworks/").replace("-", "_")
        lines += ["", f"Bundled frameworks (also by framework id: inspectkit docs {example}):"]
        lines += _rows(frameworks, found)
    return "\n".join(lines) + "\n"


def _rows(names: list[str], found: dict[str, Path]) -> list[str]:
    width = max((len(name) for name in names), default=0) + 2
    return [f"  {name:<{width}}{summary(found[name])}" for name in names]
