"""The shape of every record in the data files: each file kind's fields, their types and whether
they are required, and the check of one record against them (missing, extra, mistyped fields)."""

from __future__ import annotations

import dataclasses
import typing
from datetime import date, datetime
from types import UnionType
from typing import Any

from plansite.catalog.bodies import Collective, Department, FormerName, Nameplate
from plansite.catalog.model import (
    CheckedClause,
    ChineseTask,
    Edition,
    GlossaryTerm,
    IgnoredPhrase,
    Instrument,
    Mention,
    Section,
    Subsection,
    Task,
    TaskKeywords,
    TaskTitle,
    Topic,
    TopicOverride,
)
from plansite.catalog.problems import Problem
from plansite.catalog.progress import Source, TaskSearch, Update
from plansite.catalog.series import Link, SeriesEntry
from plansite.catalog.text import clip, text_problem
from plansite.catalog.vocab import RELATIONS
from plansite.catalog.yamlio import LineList, LineMap


class IntList(list):
    """A field type: a list of whole numbers (a lineage link's old tasks)."""


# Field specs: name -> (accepted types, required). `list` means a list of strings. A record that
# becomes a model object takes its spec from the dataclass (`fields_of`), so the two cannot drift
# apart; only a file's own layout (its top-level keys) and the headings, which have no class of
# their own, are written out here.
StrOrNone = (str, type(None))
OptionalDate = (date, type(None))


def _yaml_types(hint: Any) -> Any:
    """The YAML value types a model annotation accepts: `tuple[str, ...]` is a list of text,
    `tuple[int, ...]` a list of task numbers, a tuple of records a list of mappings."""
    if typing.get_origin(hint) in (UnionType, typing.Union):
        return tuple(t for arg in typing.get_args(hint) for t in _as_tuple(_yaml_types(arg)))
    if typing.get_origin(hint) is typing.Literal:
        return str
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        return {str: list, int: IntList}.get(item, LineList)
    return {float: (int, float)}.get(hint, hint)


def _as_tuple(types_: Any) -> tuple:
    return types_ if isinstance(types_, tuple) else (types_,)


def fields_of(
    cls: type,
    *,
    omit: tuple[str, ...] = (),
    required: tuple[str, ...] = (),
    optional: tuple[str, ...] = (),
    nullable: tuple[str, ...] = (),
) -> dict[str, tuple[Any, bool]]:
    """A record's spec read from the dataclass it is loaded into. A field with no default is
    required; `required`/`optional` name where the file is stricter or looser than the model (a
    file must say its zh_check, the model defaults it), `nullable` where the file may write null
    for the model's empty value, and `omit` the fields filled from other files."""
    hints = typing.get_type_hints(cls)
    spec = {}
    for f in dataclasses.fields(cls):
        if f.name == "origin" or f.name in omit:
            continue
        types_ = _yaml_types(hints[f.name])
        if f.name in nullable:
            types_ = (*_as_tuple(types_), type(None))
        has_default = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        spec[f.name] = (types_, (not has_default or f.name in required) and f.name not in optional)
    unknown = set(omit + required + optional + nullable) - {f.name for f in dataclasses.fields(cls)}
    assert not unknown, f"{cls.__name__} has no fields {sorted(unknown)}"
    return spec


DEPARTMENT_FIELDS = fields_of(Department, required=("plan_zh", "zh_check"))
FORMER_NAME_FIELDS = fields_of(FormerName)
NAMEPLATE_FIELDS = fields_of(Nameplate)
COLLECTIVE_FIELDS = fields_of(Collective)
# Fields of an Edition that other files of the edition fill.
_EDITION_CONTENT = (
    "sections",
    "tasks",
    "front_en",
    "closing_en",
    "updates",
    "searched",
    "searches",
    "topic_overrides",
    "mentions",
    "official_zh",
    "official_zh_file",
    "checked_clauses",
    "keywords",
    "glossary",
    "titles",
    "titles_file",
    "translated",
)
PLAN_FIELDS = fields_of(Edition, omit=_EDITION_CONTENT)
CONTENT_FIELDS = {
    "front_en": (list, False),
    "sections": (LineList, True),
    "tasks": (LineList, True),
    "closing_en": (list, False),
}
SECTION_FIELDS = fields_of(Section, omit=("title_zh", "zh_check"))
SUBSECTION_FIELDS = fields_of(Subsection, omit=("section", "title_zh", "zh_check"))
TASK_FIELDS = fields_of(Task, omit=("text_zh", "responsibility_zh", "keywords_zh", "title_zh", "title_en"))
CHINESE_FIELDS = {"headings": (LineList, True), "tasks": (LineMap, False)}
# official.zh.yaml: written by `build.py import` from the official Chinese text a user saved.
OFFICIAL_FIELDS = {
    "front_zh": (list, False),
    "headings": (LineList, True),
    "tasks": (LineList, True),
    "closing_zh": (list, False),
}
OFFICIAL_HEADING_FIELDS = {"number": (str, True), "title_zh": (str, True)}
OFFICIAL_TASK_FIELDS = fields_of(ChineseTask)
CHECKED_CLAUSE_FIELDS = fields_of(CheckedClause)
KEYWORD_FIELDS = fields_of(TaskKeywords)
TITLE_FIELDS = fields_of(TaskTitle)
TITLE_ZH_MAX = 24  # characters
TITLE_EN_MAX = 14  # words
GLOSSARY_FIELDS = fields_of(GlossaryTerm)
LINEAGE_FIELDS = {"old_edition": (str, True), "new_edition": (str, True), "links": (LineList, True)}
LINK_FIELDS = fields_of(Link, omit=("old_edition", "new_edition"), required=("review",))
SERIES_FIELDS = fields_of(SeriesEntry, nullable=("note_en", "note_zh"))
HEADING_FIELDS = {"number": (str, True), "title_zh": (str, True), "zh_check": (str, True)}
TOPIC_FIELDS = fields_of(Topic)
OVERRIDE_FIELDS = fields_of(TopicOverride, optional=("add", "remove"))
INSTRUMENT_FILE_FIELDS = {"instruments": (LineList, True), "ignore": (LineList, False)}
IGNORE_FIELDS = fields_of(IgnoredPhrase)
# An instrument's relations are one list per relation in the file, one tuple of pairs in the model.
INSTRUMENT_FIELDS = {
    **fields_of(Instrument, omit=("relations",)),
    **{relation: (list, False) for relation in RELATIONS},
}
MENTION_FIELDS = fields_of(Mention)
UPDATE_FIELDS = fields_of(Update)
SOURCE_FIELDS = fields_of(Source)
SEARCHES_FIELDS = {"searched": (date, True), "tasks": (LineList, True)}
SEARCH_FIELDS = fields_of(TaskSearch)

TYPE_NAMES = {
    IntList: "a list of task numbers",
    float: "a number",
    str: "text",
    int: "a whole number",
    bool: "true or false",
    date: "a date (YYYY-MM-DD)",
    list: "a list of text",
    LineList: "a list",
    LineMap: "a mapping",
    type(None): "null",
}


def _type_name(types: Any) -> str:
    types = types if isinstance(types, tuple) else (types,)
    return " or ".join(TYPE_NAMES[t] for t in types)


def _is(value: Any, types: Any) -> bool:
    types = types if isinstance(types, tuple) else (types,)
    for t in types:
        if t is IntList:
            if isinstance(value, list) and value and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
                return True
        elif t is list:
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return True
        elif t is int:
            if isinstance(value, int) and not isinstance(value, bool):
                return True
        elif t is date:
            if isinstance(value, date) and not isinstance(
                value, datetime
            ):  # 2025-05-01 10:00 is a datetime, and no date
                return True
        elif isinstance(value, t):
            return True
    return False


def check_fields(record: Any, spec: dict, file: str, what: str, line: int) -> list[Problem]:
    """Missing, extra and mistyped fields of one mapping."""
    if not isinstance(record, LineMap):
        return [
            Problem(
                file, line, f"{what} must be a mapping of fields", f"write it as `key: value` lines ({', '.join(spec)})"
            )
        ]
    problems = []
    for name, (types, required) in spec.items():
        if name not in record:
            if required:
                problems.append(
                    Problem(file, record.line, f"{what} has no field '{name}'", f"add '{name}:' ({_type_name(types)})")
                )
        elif not _is(record[name], types):
            problems.append(
                Problem(
                    file,
                    record.line_of(name),
                    f"{what}: '{name}' must be {_type_name(types)}, not {shown(record[name])}",
                    f"write '{name}' as {_type_name(types)}",
                )
            )
    for name, value in record.items():
        for text in value if isinstance(value, list) else (value,):
            if isinstance(text, str) and (problem := text_problem(text)):
                problems.append(Problem(file, record.line_of(name), f"{what}: '{name}' {problem[0]}", problem[1]))
                break
    for name in record:
        if name not in spec:
            problems.append(
                Problem(
                    file,
                    record.line_of(name),
                    f"{what} has an unknown field '{name}'",
                    f"remove it or rename it to one of: {', '.join(spec)}",
                )
            )
    return problems


def shown(value: Any, limit: int = 60) -> str:
    """A value as an error message quotes it: short, and a date with a time said to be one."""
    if isinstance(value, datetime):
        return f"{value.isoformat(sep=' ')!r} (a date with a time)"
    if isinstance(value, (list, dict)):
        kind = "list" if isinstance(value, list) else "mapping"
        return f"an empty {kind}" if not value else f"a {kind}"
    text = repr(value)
    return clip(text, limit + 1)
