"""Property-based tests: any text shows literally; any input file fails cleanly, never with a traceback."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import yaml_load

from plansite.catalog.load import load
from plansite.catalog.problems import DataError, errors
from plansite.catalog.text import BIDI
from plansite.catalog.validate import validate
from plansite.finish import mark_chinese
from plansite.importers.english import parse_text
from plansite.render.mdtext import escape
from tests.conftest import DATA
from tests.sitewalk import parse_html

with (DATA.parent / "mkdocs.yml").open(encoding="utf-8") as config_file:
    MKDOCS_CONFIG = yaml_load(config_file)  # MkDocs' own reader: it knows the !ENV tag
EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in MKDOCS_CONFIG["markdown_extensions"]]
EXTENSION_CONFIGS = {
    name: settings for e in MKDOCS_CONFIG["markdown_extensions"] if isinstance(e, dict) for name, settings in e.items()
}

# Any Unicode text except control characters and surrogates (YAML cannot hold them; the loader rejects them).
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200).filter(lambda s: s.strip())
SPECIAL = st.sampled_from(
    [
        "<script>",
        "</p>",
        "<img src=x onerror=alert(1)>",
        "*",
        "_",
        "`",
        "#",
        "|",
        "[x](y)",
        "{{ x }}",
        "{% if %}",
        "{#",
        "&amp;",
        "\\",
        "---",
        "\u202e",
        "\u200b",
        "📜",
        "{: .x }",
        "!!! note",
        "<!--",
    ]
)
HOSTILE = st.lists(st.one_of(TEXT, SPECIAL), min_size=1, max_size=8).map(" ".join)


def visible(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


@settings(max_examples=300, deadline=None)
@given(HOSTILE)
def test_any_text_renders_as_itself(text: str) -> None:
    out = markdown.markdown(f"A {escape(text)} Z", extensions=EXTENSIONS)
    assert out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1
    assert "<" not in re.sub(r"</?p>", "", out)  # no element but the paragraph: every < came out as &lt;
    assert visible(out) == "A " + re.sub(r"\s+", " ", text) + " Z"


@pytest.fixture(scope="module")
def task_text_data(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], int]:
    """A scratch copy of the data, the lines of its content.en.yaml, and the line holding task 57's text."""
    data = tmp_path_factory.mktemp("prop") / "data"
    shutil.copytree(DATA, data)
    lines = (data / "editions" / "2025" / "content.en.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(
        i
        for i, line in enumerate(lines)
        if line.startswith("  text_en: Promote the improvement of the quality of patent")
    )  # task 57: no instrument
    return data, lines, at


def markdown_as_mkdocs_renders_it(source: str) -> tuple[str, dict]:
    """A page of docs/ as MkDocs turns it into the page's content: front matter split off, the
    Markdown extensions and settings of mkdocs.yml, then the finishing step's marking of Chinese (in
    the article, as the theme wraps the content)."""
    body, meta = get_data(source)
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    article = f'<article class="md-content__inner md-typeset">{md.convert(body)}</article>'
    return mark_chinese(article), meta


# In-process: the data file is read, checked and rendered as `build.py build` does, and the page is
# converted by MkDocs' Markdown settings and our hook; the real MkDocs build with hostile task text
# (theme, title, search) is test_escaping.test_hostile_data_shows_literally_on_the_built_site.
def task_page(catalog: object, number: int) -> str:
    """One task's Markdown page, rendered as the site renders it (the whole site would be 300 pages)."""
    from plansite.render.pages import PAGE_KINDS
    from plansite.render.renderer import Renderer
    from plansite.view.index import EditionIndex

    view = EditionIndex(catalog, catalog.editions[0])
    kind = PAGE_KINDS["task"]
    path, title, meta, context = next(p for p in kind.pages(view, None) if p[0].endswith(f"/tasks/{number}.md"))
    return Renderer().page(kind.template, path, view, title, meta, **context)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(HOSTILE.filter(lambda text: not BIDI.search(text)))  # refused in data by design (test_safety_facts)
def test_any_task_text_shows_literally_on_the_task_page(task_text_data: tuple[Path, list[str], int], text: str) -> None:
    data, lines, at = task_text_data
    changed = [*lines[:at], f"  text_en: {json.dumps(text, ensure_ascii=False)}\n", *lines[at + 1 :]]
    (data / "editions" / "2025" / "content.en.yaml").write_text("".join(changed), encoding="utf-8")
    catalog, problems = load(data)
    problems += validate(catalog)
    assert not errors(problems), problems
    body, meta = markdown_as_mkdocs_renders_it(task_page(catalog, 57))
    assert str(meta.get("title", "")).startswith("任务 57 · ")  # the front matter survived the text
    page = parse_html(body)
    assert re.sub(r"\s+", " ", text).strip() in page.text
    assert not any(link.startswith("javascript:") or link == "y" for link in page.links)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            TEXT,
            st.sampled_from(
                [
                    "I. Title",
                    "(I) Sub",
                    "1. Task. (The Ministry of Justice is responsible)",
                    "2. Task",
                    "(Ministry of Finance)",
                    "II. Next",
                    "3. x (y)",
                    "",
                ]
            ),
        ),
        max_size=12,
    ).map("\n".join)
)
def test_the_importer_never_crashes(text: str) -> None:
    try:
        parse_text(text, "fuzz.txt")
    except DataError as exc:
        assert exc.problems and all(p.file == "fuzz.txt" and p.message and p.hint for p in exc.problems)


@pytest.fixture(scope="module")
def fuzz_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scratch copy of the data; each example overwrites the same one file in it."""
    data = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(DATA, data)
    return data


# Each example reads the whole data folder (0.1 s): 80 a run, new ones every run (no fixed seed).
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300) | TEXT.map(str.encode))
def test_any_data_file_fails_cleanly(fuzz_data: Path, raw: bytes) -> None:
    data = fuzz_data
    (data / "editions" / "2025" / "content.zh.yaml").write_bytes(raw)
    catalog, problems = load(data)
    for p in problems:
        assert p.file.endswith("content.zh.yaml") and p.message and p.hint
