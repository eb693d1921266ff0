"""Reading source files: text, YAML with line numbers, front matter; every failure a SiteError."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.errors import SiteError

MAX_SOURCE_BYTES = 20 * 1024 * 1024  # a transcript is text; anything larger is a mistake


class MarkedDict(dict):
    """A YAML mapping that remembers the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


# libyaml's parser when PyYAML has it (several times faster), the pure-Python one otherwise.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _MarkingLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    pass


class _DuplicateKey(yaml.constructor.ConstructorError):
    """A key written twice in one mapping; `first` is the line of the first, counted in the
    text parsed (front matter starts below its `---`)."""

    def __init__(self, key: str, first: int, mark: yaml.Mark) -> None:
        super().__init__(None, None, f"duplicate key `{key}`", mark)
        self.first = first


def _construct_marked_mapping(loader: _MarkingLoader, node: yaml.MappingNode) -> MarkedDict:
    own = sum(1 for key_node, _ in node.value if key_node.tag != "tag:yaml.org,2002:merge")
    loader.flatten_mapping(node)
    merged = len(node.value) - own  # flatten_mapping puts what `<<:` brings in first
    mapping = MarkedDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    own_keys: set[str] = set()
    for index, (key_node, value_node) in enumerate(node.value):
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be plain text", key_node.start_mark
            )
        key = str(key)
        # YAML would let the second silently win: an edit lost. Overriding a key that `<<:`
        # merged in is what merging is for.
        if index >= merged and key in own_keys:
            raise _DuplicateKey(key, mapping.key_lines[key], key_node.start_mark)
        if index >= merged:
            own_keys.add(key)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


_MarkingLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_marked_mapping
)
# Dates stay the text the editor typed: '2025-09' must not become a datetime or an error.
_MarkingLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_text(path: Path) -> str:
    """A UTF-8 text file (a BOM is allowed); binary, huge or undecodable files are errors."""
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise SiteError(
                path,
                f"file is {size // (1024 * 1024)} MB; Huikan reads text files up to "
                f"{MAX_SOURCE_BYTES // (1024 * 1024)} MB",
                hint="split the file, or check that it is the file you meant",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise SiteError(path, f"cannot read file: {exc.strerror}") from exc
    if b"\x00" in data:
        raise SiteError(path, "this is a binary file, not text", hint="save it as UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SiteError(
            path, "file is not valid UTF-8", line=line, hint="re-save the file as UTF-8"
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text: str, path: Path, first_line: int = 1) -> Any:
    """Parse YAML; mappings become MarkedDicts whose lines count from `first_line`."""
    try:
        data = yaml.load(text, Loader=_MarkingLoader)  # a SafeLoader subclass
    except _DuplicateKey as exc:
        line = exc.problem_mark.line + first_line if exc.problem_mark else None
        first = exc.first + first_line - 1
        raise SiteError(
            path,
            f"YAML error: {exc.problem} (first on line {first})",
            line,
            "keep one of the two lines",
        ) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        problem = exc.problem or "invalid YAML"
        if exc.context:
            problem = f"{problem} ({exc.context})"
        raise SiteError(
            path,
            f"YAML syntax error: {problem}",
            line=line,
            hint="check indentation, colons and quotes on this line and the one before it",
        ) from exc
    except yaml.YAMLError as exc:
        raise SiteError(path, f"YAML error: {exc}") from exc
    if first_line != 1:
        _shift_lines(data, first_line - 1)
    return data


def _shift_lines(data: Any, offset: int) -> None:
    if isinstance(data, MarkedDict):
        data.line += offset
        data.key_lines = {k: v + offset for k, v in data.key_lines.items()}
        for value in data.values():
            _shift_lines(value, offset)
    elif isinstance(data, list):
        for item in data:
            _shift_lines(item, offset)


def read_yaml_mapping(path: Path, may_be_empty: bool = False) -> MarkedDict:
    """A YAML file whose top level must be a mapping (with `may_be_empty`, nothing at all or
    only comments is an empty one)."""
    data = parse_yaml(read_text(path), path)
    if data is None and may_be_empty:
        return _empty_marked()
    if data is None:
        raise SiteError(path, "file is empty", hint="see the README for the keys this file takes")
    if not isinstance(data, MarkedDict):
        raise SiteError(
            path,
            "expected a mapping of `key: value` lines at the top level",
            line=1,
            hint="write one `key: value` per line, not a list (`- …`) or a single value",
        )
    return data


def split_front_matter(text: str, path: Path) -> tuple[MarkedDict, str, int]:
    """`---` YAML front matter and the Markdown body, with the body's first line number."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return _empty_marked(), text, 1
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            meta = parse_yaml("\n".join(lines[1:index]), path, first_line=2)
            if meta is None:
                meta = _empty_marked()
            if not isinstance(meta, MarkedDict):
                raise SiteError(path, "front matter must be a mapping of `key: value` lines", 2)
            return meta, "\n".join(lines[index + 1 :]), index + 2
    raise SiteError(
        path, "front matter starts with `---` but never ends", line=1, hint="add a closing `---`"
    )


def _empty_marked() -> MarkedDict:
    empty = MarkedDict()
    empty.line = 1
    empty.key_lines = {}
    return empty
