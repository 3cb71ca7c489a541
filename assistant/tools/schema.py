"""JSON Schema checks for tool parameters (the only `jsonschema` import).

Schemas are Draft 2020-12. `schema_problem` checks a schema itself (a user tool with a broken
schema is a load error); `argument_problem` checks arguments against one and answers with one
sentence naming the offending argument, or None when they are valid. References are never
fetched from the network: only local `$defs` resolve.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # ships no type information

from assistant.text import QT_TRANSLATE_NOOP, Sentence

_VALIDATOR = jsonschema.Draft202012Validator


SCHEMA_INVALID = QT_TRANSLATE_NOOP("Tools", "the parameters schema is invalid: {message}")
SCHEMA_NOT_OBJECT = QT_TRANSLATE_NOOP("Tools", 'the parameters schema must have "type": "object"')


def schema_problem(schema: Mapping[str, Any]) -> str | None:
    """Why `schema` is not a usable parameters schema, or None."""
    try:
        _VALIDATOR.check_schema(dict(schema))
    except jsonschema.SchemaError as error:
        return Sentence("Tools", SCHEMA_INVALID, message=error.message)
    if schema.get("type", "object") != "object":
        return Sentence("Tools", SCHEMA_NOT_OBJECT)
    return None


def argument_problem(schema: Mapping[str, Any], arguments: Any) -> str | None:
    """One sentence about the first problem of `arguments` under `schema`, or None."""
    try:
        errors = list(_VALIDATOR(dict(schema)).iter_errors(arguments))
    except jsonschema.exceptions.UnresolvableJSONPointer:
        return "the tool's schema has a reference that cannot be resolved"
    except Exception as error:  # a reference to something outside the schema
        return f"the arguments could not be checked ({type(error).__name__})"
    if not errors:
        return None
    first = jsonschema.exceptions.best_match(errors)
    where = "/".join(str(part) for part in first.absolute_path)
    return f"{where}: {first.message}" if where else str(first.message)
