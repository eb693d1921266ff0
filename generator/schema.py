"""Checking YAML mappings against declared keys and types, with 'did you mean' hints."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import SiteError
from generator.readers import MarkedDict

_TYPE_NAMES = {str: "text", bool: "true or false", int: "a whole number", list: "a list"}
_TYPE_NAMES[dict] = "a mapping of `key: value` lines"


@dataclass(frozen=True)
class Field:
    kind: type
    required: bool = False


def type_name(kind: type) -> str:
    return _TYPE_NAMES.get(kind, kind.__name__)


def suggest(key: str, known: list[str] | tuple[str, ...] | set[str]) -> str | None:
    close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
    return close[0] if close else None


def check_mapping(
    data: MarkedDict, path: Path, fields: dict[str, Field], where: str = ""
) -> list[SiteError]:
    """All problems with `data` against `fields`: unknown keys, wrong types, missing keys."""
    errors: list[SiteError] = []
    prefix = f"{where}." if where else ""
    for key, value in data.items():
        line = data.line_of(key)
        field = fields.get(key)
        if field is None:
            guess = suggest(key, fields.keys())
            hint = f"did you mean `{guess}`?" if guess else f"known keys: {', '.join(fields)}"
            errors.append(SiteError(path, f"unknown key `{prefix}{key}`", line, hint))
            continue
        if not _is_kind(value, field.kind):
            errors.append(
                SiteError(
                    path,
                    f"`{prefix}{key}` must be {type_name(field.kind)}, not {_describe(value)}",
                    line,
                    _type_hint(field.kind),
                )
            )
    for key, field in fields.items():
        if field.required and key not in data:
            errors.append(
                SiteError(
                    path,
                    f"missing required key `{prefix}{key}`",
                    data.line,
                    f"add a line `{key}: …` ({type_name(field.kind)})",
                )
            )
        elif field.required and data[key] in (None, ""):
            errors.append(
                SiteError(
                    path,
                    f"`{prefix}{key}` is empty",
                    data.line_of(key),
                    f"write its value after `{key}:` ({type_name(field.kind)})",
                )
            )
    return errors


def _is_kind(value: Any, kind: type) -> bool:
    if value is None:
        return True  # an empty value means "use the default"
    if kind is str:
        # Editors write `date: 2025` or `slug: 2025`; numbers read as text are what they meant.
        return isinstance(value, str | int | float) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"`{value}`"


def _type_hint(kind: type) -> str:
    if kind is list:
        return "write one `- item` per line under the key"
    if kind is dict:
        return "write `key: value` lines indented under the key"
    if kind is bool:
        return "write `true` or `false`"
    if kind is int:
        return "write a number without quotes"
    return "write the text on the same line after the colon (quote it if it contains `: ` or `#`)"


def text(value: Any) -> str:
    """A YAML scalar as the text the editor typed (None is empty)."""
    if value is None:
        return ""
    return str(value).strip()
