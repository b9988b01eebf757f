"""Read YAML keeping line numbers, so every later error can say `file:line`.

The reader is bounded, and the bounds are checked before any expensive work: a data file must be
a regular file (a FIFO or a device would make `check` wait forever) of at most MAX_BYTES; its
nesting is at most MAX_DEPTH levels; and it may not use YAML anchors or aliases (`&name`, `*name`,
`<<: *name`), which can expand a small file into billions of values. Depth and aliases are found
by walking libyaml's event stream, which is flat (no recursion, nothing built), before the
document is composed: composing a deeply nested document recurses, and overflows the C stack at
some tens of thousands of levels.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

import yaml

from plansite.catalog.problems import DataError, Problem
from plansite.catalog.text import QUOTED, clip

MAX_BYTES = 16 * 2**20  # 16 MiB: the 2025 plan's largest file is 66 kB, a 10,000-task plan's about 6 MB
MAX_DEPTH = 20  # levels of lists and mappings; the data uses at most 5


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
        key = _value(loader, key_node)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        if key in result:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        result[key] = _value(loader, value_node)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _value(loader: _Loader, node: yaml.Node) -> Any:
    """Construct a value; a bad date like 2025-13-01 becomes a YAML error with its line."""
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as exc:
        shown = node.value if isinstance(node, yaml.ScalarNode) else node.tag
        reason = "a number with too many digits" if "integer string conversion" in str(exc) else exc
        raise yaml.constructor.ConstructorError(
            None, None, f"invalid value {clip(shown, QUOTED)!r} ({reason})", node.start_mark
        ) from None


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(_value(loader, child) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


for _cls in (_Loader, _FastLoader):
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def read_bytes(path: Path, shown_as: str, give: str | None = None) -> bytes:
    """The bytes of one input file, refusing what is not a regular file or is larger than MAX_BYTES.
    Opened without blocking and checked on the open file, so a FIFO never makes us wait.
    `give`: what the user should name instead ("the translation text") when the path is a command's
    argument; None for a data file."""

    def refuse(what: str, data_hint: str) -> DataError:
        return DataError([Problem(shown_as, 0, what, f"give the path of {give}" if give else data_hint)])

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise refuse("file not found", "create it or restore it from git") from None
    except IsADirectoryError:  # (Windows; elsewhere a folder opens, and fstat says what it is)
        raise refuse("is a folder, not a file", "replace it with an ordinary text file") from None
    except OSError as exc:
        raise DataError([unreadable(shown_as, exc)]) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = (
            "a folder"
            if stat.S_ISDIR(mode)
            else "a FIFO (named pipe)"
            if stat.S_ISFIFO(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a special file"
        )
        raise refuse(f"is {kind}, not a file", "replace it with an ordinary text file")
    with os.fdopen(fd, "rb") as f:
        try:
            raw = f.read(MAX_BYTES + 1)
        except OSError as exc:
            raise DataError([unreadable(shown_as, exc)]) from None
    if len(raw) > MAX_BYTES:
        raise DataError(
            [
                Problem(
                    shown_as,
                    0,
                    f"file is larger than {MAX_BYTES // 2**20} MB, the most a data file may hold",
                    "check that it is the right file; a plan needs far less",
                )
            ]
        )
    return raw


def unreadable(shown_as: str, exc: OSError) -> Problem:
    """A file that could not be opened or read, with advice that fits the cause."""
    if exc.errno == errno.ELOOP:
        return Problem(
            shown_as,
            0,
            "is a symlink loop (a link that leads back to itself)",
            "replace the link with the file, or point it at the file",
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Problem(shown_as, 0, f"cannot read file ({exc.strerror})", "check its permissions")
    if exc.errno == errno.ENOTDIR:
        return Problem(shown_as, 0, "a folder on its path is a file", "check the path (and --data, if given)")
    return Problem(shown_as, 0, f"cannot read file ({exc.strerror})", "check the file and the disk it is on")


def present(path: Path) -> bool:
    """Whether an optional data file is there to read: a symlink counts even when it leads nowhere
    or back to itself (then reading it says so), where Path.exists() would call it absent."""
    return os.path.lexists(path)


def loops(path: Path) -> bool:
    """Whether `path` is a symlink that cannot be followed to its end (a loop)."""
    if not path.is_symlink():
        return False
    try:
        path.resolve(strict=True)
    except (RuntimeError, OSError) as exc:  # Python 3.11 raises RuntimeError on a loop
        return isinstance(exc, RuntimeError) or exc.errno == errno.ELOOP
    return False


def read_yaml(path: Path, shown_as: str) -> Any:
    """Parse one YAML file; raise DataError naming `shown_as:line` on any failure."""
    raw = read_bytes(path, shown_as)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError([Problem(shown_as, line, "not valid UTF-8 text", "save the file as UTF-8")]) from None
    if not text.strip():
        raise DataError([Problem(shown_as, 1, "file is empty", "restore it from git or fill it in")])
    try:
        check_bounds(text, shown_as, _FastLoader)
        return yaml.load(text, Loader=_FastLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError:
        pass  # a syntax error: parsed again below by the pure-Python parser, whose messages are clearer
    try:
        check_bounds(text, shown_as, _Loader)  # the two parsers may part ways before the error: bound this one too
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1 if isinstance(exc.position, int) else 0
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise DataError(
            [
                Problem(
                    shown_as,
                    line,
                    f"the character {char} is not allowed in a data file (a control character or non-character)",
                    "remove it: no page can show it",
                )
            ]
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{exc.context}: {what}" if exc.problem else exc.context
        raise DataError(
            [
                Problem(
                    shown_as,
                    line,
                    f"YAML syntax error: {what}",
                    "fix the YAML at this line (indent with spaces, quote text containing ': ')",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise DataError(
            [Problem(shown_as, 0, f"YAML error: {' '.join(str(exc).split())}", "fix the YAML syntax")]
        ) from None


def check_bounds(text: str, shown_as: str, loader: type = _FastLoader) -> None:
    """Walk the parser's event stream (flat: nothing is built, nothing recurses) and refuse
    anchors, aliases and nesting deeper than MAX_DEPTH before the document is composed; raise
    DataError for those, yaml.YAMLError at a syntax error."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
            raise DataError(
                [
                    Problem(
                        shown_as,
                        event.start_mark.line + 1,
                        f"YAML anchor or alias '{sign}{clip(event.anchor, QUOTED)}': "
                        "data files may not use anchors and aliases",
                        "write the value out in full where it is used",
                    )
                ]
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise DataError(
                    [
                        Problem(
                            shown_as,
                            event.start_mark.line + 1,
                            f"lists or mappings nested more than {MAX_DEPTH} levels deep",
                            "check the brackets and the indentation: the data needs only a few levels",
                        )
                    ]
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # a value used twice is written twice: the reader refuses anchors and aliases


def dump_yaml(data: Any) -> str:
    """Stable YAML for files the project writes: key order kept, Unicode as is, no aliases."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100000, default_flow_style=False)
