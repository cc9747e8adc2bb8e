"""Turn pydantic validation errors into short messages a content author understands.

pydantic's messages are written for programmers ("Input should be a valid dictionary or
instance of Text") and its error locations include internal parts such as the tag of a
discriminated union. Here each error becomes a path that exists in the document plus a
plain message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from cxmaturity.problems import PathPart, Problem

Locate = Callable[[tuple[PathPart, ...], str], Problem]

_TAG_KEYS = ("type", "kind")
#: pydantic names each member of a union it tried, e.g. `answers.q1.int`, `answers.q1.list[str]`.
_UNION_MEMBERS = {"int", "str", "float", "bool", "list[str]", "dict", "none"}


def problems_from(exc: ValidationError, data: Any, locate: Locate) -> list[Problem]:
    """One problem per place: a value that fits none of a union's forms gets one message."""
    messages: dict[tuple[PathPart, ...], list[str]] = {}
    for error in exc.errors(include_url=False):
        path = document_path(error["loc"], data)
        found = messages.setdefault(path, [])
        if (message := message_for(error)) not in found:
            found.append(message)
    return [locate(path, " or ".join(found)) for path, found in messages.items()]


def document_path(loc: tuple[int | str, ...], data: Any) -> tuple[PathPart, ...]:
    """Drop the parts of a pydantic location that are not in the document."""
    path: list[PathPart] = []
    current = data
    for part in loc:
        if isinstance(current, dict):
            if part in current:
                path.append(part)
                current = current[part]
                continue
            if any(part == current.get(tag) for tag in _TAG_KEYS):
                continue  # the discriminated union's tag, not a key of the document
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            path.append(part)
            current = current[part]
            continue
        elif current is not None or (path and part in _UNION_MEMBERS):
            break  # past a scalar: the rest names a union member, not a place in the file
        path.append(part)
        current = None
    return tuple(path)


def message_for(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    match kind:
        case "missing":
            return "missing"
        case "extra_forbidden":
            return "unknown key"
        case "string_too_short" if ctx.get("min_length") == 1:
            return "empty"
        case "string_too_long":
            return f"too long ({len(value)} characters; the limit is {ctx['max_length']})"
        case "string_pattern_mismatch":
            return (
                f"{value!r} is not a valid id "
                "(lowercase letters, digits and _, starting with a letter)"
            )
        case "too_short" if ctx.get("field_type") == "List":
            return f"expected at least {ctx['min_length']} items, found {ctx['actual_length']}"
        case "too_long" if ctx.get("field_type") == "List":
            return f"expected at most {ctx['max_length']} items, found {ctx['actual_length']}"
        case "literal_error":
            return f"{value!r} is not one of {ctx.get('expected')}"
        case "union_tag_invalid":
            tag, expected = _unquoted(ctx.get("discriminator", "type")), ctx.get("expected_tags")
            return f"{ctx.get('tag')!r} is not a valid {tag}; expected one of {expected}"
        case "union_tag_not_found":
            return f"missing {_unquoted(ctx.get('discriminator', 'type'))}"
        case "model_type" | "model_attributes_type" | "dict_type":
            return f"expected a mapping of keys, found {_kind_of(value)}"
        case "list_type":
            return f"expected a list, found {_kind_of(value)}"
        case "string_type":
            return f"expected a text, found {_kind_of(value)}"
        case "int_type" | "int_parsing" | "int_from_float":
            return f"expected a whole number, found {value!r}"
        case "float_type" | "float_parsing":
            return f"expected a number, found {value!r}"
        case "bool_type" | "bool_parsing":
            return f"expected true or false, found {value!r}"
        case "greater_than_equal":
            return f"{value!r} is below the minimum {ctx.get('ge')}"
        case "less_than_equal":
            return f"{value!r} is above the maximum {ctx.get('le')}"
    message = error["msg"]
    return message[:1].lower() + message[1:]


def _unquoted(name: object) -> str:
    """pydantic quotes the discriminator's name: "'type'" → "type"."""
    return str(name).strip("'")


def _kind_of(value: object) -> str:
    match value:
        case None:
            return "nothing"
        case bool():
            return "true/false"
        case int() | float():
            return "a number"
        case str():
            return "a text"
        case list():
            return "a list"
        case dict():
            return "a mapping"
    return type(value).__name__
