"""The shape of every record in the data files: each file kind's fields, their types and whether
they are required, and the check of one record against them (missing, extra, mistyped fields)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from plansite.catalog.problems import Problem
from plansite.catalog.text import clip, text_problem
from plansite.catalog.vocab import RELATIONS
from plansite.catalog.yamlio import LineList, LineMap


class IntList(list):
    """A field type: a list of whole numbers (a lineage link's old tasks)."""


# Field specs: name -> (accepted types, required). `list` means a list of strings.
StrOrNone = (str, type(None))
DEPARTMENT_FIELDS = {
    "id": (str, True),
    "name_en": (str, True),
    "name_zh": (str, True),
    "short_zh": (str, True),
    "plan_zh": (str, True),
    "zh_check": (str, True),
    "abbr": (StrOrNone, True),
    "name_en_short": (str, False),
    "kind": (str, True),
    "aliases": (list, True),
    "garbled": (list, False),
    "aliases_zh": (list, False),
    "former_names": (LineList, False),
    "successor": (StrOrNone, False),
    "succeeded_on": ((date, type(None)), False),
}
FORMER_NAME_FIELDS = {"name_zh": (str, True), "name_en": (str, False), "until": ((date, type(None)), False)}
COLLECTIVE_FIELDS = {
    "id": (str, True),
    "name_en": (str, True),
    "name_zh": (str, True),
    "aliases": (list, True),
    "aliases_zh": (list, False),
}
PLAN_FIELDS = {
    "id": (str, True),
    "series": (str, True),
    "title_zh": (str, True),
    "title_en": (str, True),
    "title_en_alt": (str, False),
    "issuer_zh": (str, True),
    "issuer_en": (str, True),
    "issued": ((date, type(None)), True),  # null: the day is not known (pages say so)
    "published": (date, True),
    "official_url": (StrOrNone, False),
    "translation_url": (StrOrNone, False),
    "official_publisher": (StrOrNone, False),
    "official_publisher_url": (StrOrNone, False),
    "translation_notice": (str, True),
    "translation_notice_zh": (str, False),
    "partial": (bool, False),
}
CONTENT_FIELDS = {
    "front_en": (list, False),
    "sections": (LineList, True),
    "tasks": (LineList, True),
    "closing_en": (list, False),
}
SECTION_FIELDS = {"number": (int, True), "title_en": (str, True), "subsections": (LineList, False)}
SUBSECTION_FIELDS = {"number": (int, True), "title_en": (str, True)}
TASK_FIELDS = {
    "number": (int, True),
    "section": (int, True),
    "subsection": ((int, type(None)), True),
    "text_en": (str, True),
    "responsibility_en": (str, True),
    "departments": (list, True),
    "collectives": (list, False),
    "respective_duties": (bool, False),
    "and_others": (bool, False),
}
CHINESE_FIELDS = {"headings": (LineList, True), "tasks": (LineMap, False)}
# official.zh.yaml: written by `build.py import` from the official Chinese text a user saved.
OFFICIAL_FIELDS = {
    "front_zh": (list, False),
    "headings": (LineList, True),
    "tasks": (LineList, True),
    "closing_zh": (list, False),
}
OFFICIAL_HEADING_FIELDS = {"number": (str, True), "title_zh": (str, True)}
OFFICIAL_TASK_FIELDS = {
    "number": (int, True),
    "section": (int, True),
    "subsection": ((int, type(None)), True),
    "text_zh": (str, True),
    "responsibility_zh": (str, True),
    "departments": (list, True),
    "collectives": (list, False),
    "respective_duties": (bool, False),
    "and_others": (bool, False),
}
CHECKED_CLAUSE_FIELDS = {
    "task": (int, True),
    "bodies": (list, True),
    "respective_duties": (bool, False),
    "and_others": (bool, False),
}
KEYWORD_FIELDS = {"task": (int, True), "terms": (list, True)}
TITLE_FIELDS = {"task": (int, True), "title_zh": (str, True), "title_en": (str, True)}
TITLE_ZH_MAX = 24  # characters
GLOSSARY_FIELDS = {
    "term_zh": (str, True),
    "term_en": (str, True),
    "translation_en": (list, True),
    "tasks": (IntList, True),
    "abbr_en": (str, False),
    "note_en": (str, False),
}
TITLE_EN_MAX = 14  # words
LINEAGE_FIELDS = {"old_edition": (str, True), "new_edition": (str, True), "links": (LineList, True)}
LINK_FIELDS = {
    "new_task": (int, True),
    "old_tasks": (IntList, True),
    "kind": (str, True),
    "review": (str, True),
    "score": ((int, float), False),
    "evidence": (list, False),
}
OptionalDate = (date, type(None))
SERIES_FIELDS = {
    "id": (str, True),
    "title_zh": (StrOrNone, False),
    "title_en": (StrOrNone, False),
    "number": (StrOrNone, False),
    "issuer_zh": (StrOrNone, False),
    "issuer_en": (StrOrNone, False),
    "issued": (OptionalDate, False),
    "published": (OptionalDate, False),
    "tasks": ((int, type(None)), False),
    "sections": ((int, type(None)), False),
    "note_en": (StrOrNone, False),
}
HEADING_FIELDS = {"number": (str, True), "title_zh": (str, True), "zh_check": (str, True)}
TOPIC_FIELDS = {
    "id": (str, True),
    "name_en": (str, True),
    "name_zh": (str, True),
    "terms_en": (list, True),
    "terms_zh": (list, False),
}
OVERRIDE_FIELDS = {"task": (int, True), "add": (list, False), "remove": (list, False), "why": (str, True)}
INSTRUMENT_FILE_FIELDS = {"instruments": (LineList, True), "ignore": (LineList, False)}
IGNORE_FIELDS = {"phrase": (str, True), "why": (str, True)}
INSTRUMENT_FIELDS = {
    "id": (str, True),
    "kind": (str, True),
    "name_en": (str, True),
    "name_zh": (str, True),
    "zh_check": (str, True),
    "aliases": (list, True),
    "untitled": (bool, False),
    **{relation: (list, False) for relation in RELATIONS},
}
MENTION_FIELDS = {"task": (int, True), "instrument": (str, True), "action": (str, True)}
UPDATE_FIELDS = {
    "task": (int, True),
    "date": (date, True),
    "status": (str, True),
    "note_en": (str, True),
    "note_zh": (str, False),
    "sources": (LineList, True),
}
SOURCE_FIELDS = {
    "title": (StrOrNone, True),
    "publisher": (str, True),
    "date": ((date, type(None)), True),
    "url": (StrOrNone, False),
    "url_note": (str, False),
    "query": (str, False),
}
SEARCHES_FIELDS = {"searched": (date, True), "tasks": (LineList, True)}
SEARCH_FIELDS = {"task": (int, True), "searched": (date, True), "queries": (list, True)}

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
    text = (
        repr(value) if not isinstance(value, (list, dict)) else f"a {'list' if isinstance(value, list) else 'mapping'}"
    )
    return clip(text, limit + 1)
