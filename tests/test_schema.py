"""Record specs are read from the model's dataclasses: the mapping of annotations to YAML types,
and the overrides where a file is stricter or looser than the model."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import pytest

from plansite.catalog import schema
from plansite.catalog.problems import Origin
from plansite.catalog.yamlio import LineList, LineMap

pytestmark = pytest.mark.unit


@dataclass(frozen=True)
class Part:
    name: str


@dataclass(frozen=True)
class Sample:
    id: str
    when: date | None
    tasks: tuple[int, ...]
    words: tuple[str, ...]
    parts: tuple[Part, ...]
    check: Literal["confirmed", "reconstructed"] = "reconstructed"
    score: float = 0.0
    note: str = ""
    flag: bool = False
    origin: Origin | None = field(default=None, compare=False)


def test_annotations_become_yaml_types_and_defaults_make_fields_optional() -> None:
    spec = schema.fields_of(Sample)
    assert spec == {
        "id": (str, True),
        "when": ((date, type(None)), True),
        "tasks": (schema.IntList, True),
        "words": (list, True),
        "parts": (LineList, True),
        "check": (str, False),
        "score": ((int, float), False),
        "note": (str, False),
        "flag": (bool, False),
    }


def test_overrides_for_a_file_stricter_or_looser_than_the_model() -> None:
    spec = schema.fields_of(Sample, omit=("parts",), required=("check",), optional=("words",), nullable=("note",))
    assert "parts" not in spec
    assert spec["check"] == (str, True)
    assert spec["words"] == (list, False)
    assert spec["note"] == ((str, type(None)), False)


def test_an_override_naming_no_field_is_a_mistake_caught_at_import() -> None:
    with pytest.raises(AssertionError, match=r"Sample has no fields \['nmae'\]"):
        schema.fields_of(Sample, omit=("nmae",))


def _record(fields: dict) -> LineMap:
    record = LineMap(fields)
    record.line, record.key_lines = 7, {}
    return record


def test_a_record_is_checked_against_the_derived_spec() -> None:
    record = _record({"task": 3, "title_zh": "标题", "title_en": "A title", "extra": 1})
    messages = [p.message for p in schema.check_fields(record, schema.TITLE_FIELDS, "titles.yaml", "title", 7)]
    assert messages == ["title has an unknown field 'extra'"]
    record = _record({"task": "3", "title_zh": "标题"})
    messages = [p.message for p in schema.check_fields(record, schema.TITLE_FIELDS, "titles.yaml", "title", 7)]
    assert messages == ["title: 'task' must be a whole number, not '3'", "title has no field 'title_en'"]
