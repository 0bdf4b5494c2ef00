"""Names read from their modules on first use (PEP 562), and regular expressions compiled so.

Why: importing `inspectkit.loading` or `inspectkit.scoring` must not import every reader and
planner behind them (a plain assessment would pay for group files, tables, schemas and lift
plans it never uses). Each package lists the module of each public name; the first read of
a name imports that module and keeps the value in the package's namespace, so later reads
never come here.
"""

from __future__ import annotations

TYPE_CHECKING = False  # `typing.TYPE_CHECKING` without importing typing (mypy knows the name)
if TYPE_CHECKING:
    import re
    from collections.abc import Callable, Mapping, MutableMapping
    from types import ModuleType


def lazy_attributes(
    package: str,
    module_of: Mapping[str, str],
    namespace: MutableMapping[str, object],
    *,
    submodules: bool = True,
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """Return a package's ``__getattr__`` and ``__dir__`` for its lazily imported names.

    Args:
        package: The package's ``__name__``.
        module_of: Public name -> the module it is read from, ``"module:attribute"`` where the
            package gives it another name.
        namespace: The package's ``globals()``, where each value is kept once read.
        submodules: Whether another name is tried as a submodule; false for a module that is
            not a package (`inspectkit.results`), where no name can be one.

    Returns:
        ``__getattr__``, which also imports a submodule read as an attribute
        (``inspectkit.loading._files``), and ``__dir__``, which lists the names not yet read.
    """

    def getattr_(name: str) -> object:
        """Return *name*, importing its module on first use."""
        import importlib

        module = module_of.get(name)
        if module is None:
            # a submodule (``inspectkit.loading._files``)
            if submodules and not name.startswith("__"):
                try:
                    return importlib.import_module(f"{package}.{name}")
                except ModuleNotFoundError as error:
                    if error.name != f"{package}.{name}":
                        raise
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, _, attribute = module.partition(":")
        value = getattr(importlib.import_module(module), attribute or name)
        namespace[name] = value  # the next read finds it without calling this
        return value

    def dir_() -> list[str]:
        """Return the module's names, the ones not yet imported included."""
        return sorted({*namespace, *module_of})

    return getattr_, dir_


class LazyPattern:
    """A regular expression compiled when it is first used, then the compiled pattern's own.

    Why: Python compiles a regular expression in Python, and the loaders' and the command
    line's module-level patterns, most of which only a problem to report ever uses, cost a
    plain ``inspectkit assess FILE`` 3% of its instructions to compile at import (callgrind);
    each is compiled on first use instead. The first read of a method (``match``, ``sub``,
    ``findall``) keeps the compiled pattern's bound method on the instance, so every later call
    is the very call on the compiled pattern, at its speed.
    """

    def __init__(self, source: str, flags: int) -> None:
        self._source_and_flags = (source, flags)  # not a name a compiled pattern has

    def __getattr__(self, name: str) -> object:  # only for a name not yet kept on the instance
        import re

        value = getattr(re.compile(*self._source_and_flags), name)
        setattr(self, name, value)
        return value


def lazy_pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """Return *source* (with *flags*) as a pattern compiled on first use (`LazyPattern`)."""
    return LazyPattern(source, flags)  # type: ignore[return-value]  # it reads as one


def define_all(module: ModuleType) -> None:
    """Read every lazy name of model *module*, so its namespace holds each one.

    Why: `typing.get_type_hints` (which `attrs.resolve_types` and cattrs call) evaluates a
    model's annotations in its module's namespace, a plain dictionary that no module
    ``__getattr__`` reaches; a field annotated with a model not yet defined (a framework's
    ``statuses: tuple[DerivedStatus, ...]``) then names nothing. Whatever resolves the
    annotations of `inspectkit.rubric`'s, `inspectkit.evidence`'s or `inspectkit.results`'
    models calls this first.
    """
    for name in dir(module):
        getattr(module, name)
