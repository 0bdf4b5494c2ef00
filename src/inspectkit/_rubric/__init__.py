"""Rubric models only some frameworks have, bound in and imported from `inspectkit.rubric`.

Derived statuses, provisions, second scales, lineage changes and accuracy records are defined
here, apart from the core models. They were once loaded on first use to save their attrs classes
at start-up, but `inspectkit.rubric` now binds them when it is imported: `Framework`'s
annotations name them, and `typing.get_type_hints` (which cattrs calls) reads annotations in
the module's own namespace, which no module ``__getattr__`` reaches. The public import paths are
those of `inspectkit.rubric`, where the reference documents them. Import them from there, not
from here.
"""
