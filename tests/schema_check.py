"""A small JSON Schema checker for the keywords inspectkit's schemas use.

It covers type, properties, required, additionalProperties (false or a schema), items, enum,
const, anyOf, oneOf, pattern, minLength, local $ref, minimum and maximum; the full `jsonschema`
package is used as well when installed.
"""

from __future__ import annotations

import re
from typing import Any

_TYPES: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}


def _is_type(value: Any, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def errors(value: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "$") -> list[str]:
    """Return every way *value* breaks *schema* (empty when it validates)."""
    found: list[str] = []
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return errors(value, root["$defs"][name], root, path)
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(value, name) for name in names):
            return [f"{path}: {value!r} is not of type {names}"]
    if "const" in schema and value != schema["const"]:
        found.append(f"{path}: {value!r} != {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{path}: {value!r} not in {schema['enum']}")
    if "anyOf" in schema and not any(
        not errors(value, option, root, path) for option in schema["anyOf"]
    ):
        found.append(f"{path}: {value!r} matches no option")
    if "oneOf" in schema:
        matching = sum(not errors(value, option, root, path) for option in schema["oneOf"])
        if matching != 1:
            found.append(f"{path}: {value!r} matches {matching} options, not one")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            found.append(f"{path}: {value!r} does not match {schema['pattern']!r}")
        if len(value) < schema.get("minLength", 0):
            found.append(f"{path}: {value!r} is too short")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            found.append(f"{path}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            found.append(f"{path}: {value} > {schema['maximum']}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                found.append(f"{path}: missing {name!r}")
        for name, item in value.items():
            if name in properties:
                found.extend(errors(item, properties[name], root, f"{path}.{name}"))
            elif schema.get("additionalProperties") is False:
                found.append(f"{path}: unexpected {name!r}")
            elif isinstance(schema.get("additionalProperties"), dict):
                extra = schema["additionalProperties"]
                found.extend(errors(item, extra, root, f"{path}.{name}"))
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            found.extend(errors(item, schema["items"], root, f"{path}[{index}]"))
    return found


def validate(value: Any, schema: dict[str, Any]) -> list[str]:
    """Validate with the small checker, and with `jsonschema` too when it is installed."""
    found = errors(value, schema, schema)
    try:
        import jsonschema
    except ImportError:
        return found
    validator = jsonschema.Draft202012Validator(schema)
    found.extend(error.message for error in validator.iter_errors(value))
    return found
