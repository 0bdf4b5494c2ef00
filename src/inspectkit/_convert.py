"""The converter the models' tuple fields share, made once for the whole package.

Why: attrs wraps each field's ``converter=`` in an `attrs.Converter` when it writes the class's
``__init__``, and each wrapping reads the converter's signature with `inspect.signature` (for the
type of ``__init__``'s argument). A plain ``inspectkit assess FILE`` defines some thirty tuple
fields before it reads a byte (issue 15: a fast start). Given an `attrs.Converter` already,
attrs uses it as it is: one signature read for all of them.

Not ``converter=tuple`` either: a builtin's signature is parsed from its text signature, which
costs more again. The type checker reads ``TUPLE`` as `tuple` itself, the converter whose types
its attrs plugin understands; at run time it converts exactly as ``tuple`` does.
"""

from __future__ import annotations

TYPE_CHECKING = False  # `typing.TYPE_CHECKING` without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from builtins import tuple as TUPLE  # noqa: N812 - the converter's name in the models
else:
    from attrs import Converter

    def _tuple(value):
        return tuple(value)

    TUPLE = Converter(_tuple)

__all__ = ["TUPLE"]
