"""Read YAML keeping line numbers, so every later error can say `file:line`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .problems import DataError, Problem


class LineMap(dict):
    """A YAML mapping that remembers its own line and the line of each key."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0


class _Loader(yaml.SafeLoader):
    pass


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser with the same constructors: several times faster on large files. Its error
    messages are terser, so a file that fails is parsed again by _Loader to explain the problem."""


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    result = LineMap()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = _value(loader, value_node)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _value(loader: _Loader, node: yaml.Node) -> Any:
    """Construct a value; a bad date like 2025-13-01 becomes a YAML error with its line."""
    try:
        return loader.construct_object(node, deep=True)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(None, None, f"invalid value {node.value!r} ({exc})", node.start_mark) from None


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(_value(loader, child) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


for _cls in (_Loader, _FastLoader):
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def read_yaml(path: Path, shown_as: str) -> Any:
    """Parse one YAML file; raise DataError naming `shown_as:line` on any failure."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(shown_as, 0, "file not found", "create it or restore it from git")]) from None
    except OSError as exc:
        raise DataError([Problem(shown_as, 0, f"cannot read file ({exc.strerror})", "check its permissions")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError([Problem(shown_as, line, "not valid UTF-8 text", "save the file as UTF-8")]) from None
    if not text.strip():
        raise DataError([Problem(shown_as, 1, "file is empty", "restore it from git or fill it in")])
    try:
        return yaml.load(text, Loader=_FastLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError:
        pass
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{exc.context}: {what}" if exc.problem else exc.context
        raise DataError([Problem(shown_as, line, f"YAML syntax error: {what}", "fix the YAML at this line (indent with spaces, quote text containing ': ')")]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(shown_as, 0, f"YAML error: {exc}", "fix the YAML syntax")]) from None


def dump_yaml(data: Any) -> str:
    """Stable YAML for files the project writes: key order kept, Unicode as is."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100000, default_flow_style=False)
