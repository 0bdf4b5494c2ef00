"""Names read from their modules on first use (PEP 562), for subpackages and `inspectkit.results`.

Why: importing `inspectkit.loading` or `inspectkit.scoring` must not import every reader and
planner behind them (a plain assessment would pay for group files, tables, schemas and lift
plans it never uses). Each package lists the module of each public name; the first read of
a name imports that module and keeps the value in the package's namespace, so later reads
never come here.
"""

from __future__ import annotations

TYPE_CHECKING = False  # `typing.TYPE_CHECKING` without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, MutableMapping


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
