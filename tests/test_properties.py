"""Property-based tests: any text shows literally; any input file fails cleanly, never with a traceback."""

from __future__ import annotations

import html
import json
import re
import shutil

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.yaml import yaml_load

from plansite.importer import parse_text
from plansite.load import load
from plansite.markdown import escape
from plansite.problems import DataError
from tests.conftest import DATA, run_cli
from tests.sitewalk import parse

with (DATA.parent / "mkdocs.yml").open(encoding="utf-8") as config_file:
    MKDOCS_CONFIG = yaml_load(config_file)  # MkDocs' own reader: it knows the !ENV tag
EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in MKDOCS_CONFIG["markdown_extensions"]]

# Any Unicode text except control characters and surrogates (YAML cannot hold them; the loader rejects them).
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200).filter(lambda s: s.strip())
SPECIAL = st.sampled_from(["<script>", "</p>", "<img src=x onerror=alert(1)>", "*", "_", "`", "#", "|", "[x](y)", "{{ x }}",
                           "{% if %}", "{#", "&amp;", "\\", "---", "\u202e", "\u200b", "📜", "{: .x }", "!!! note", "<!--"])
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


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(HOSTILE)
def test_any_task_text_shows_literally_on_the_built_site(tmp_path_factory, text: str) -> None:
    work = tmp_path_factory.mktemp("prop")
    data = work / "data"
    shutil.copytree(DATA, data)
    content = data / "editions" / "2025" / "content.en.yaml"
    lines = content.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("  text_en: Promote the improvement of the quality of patent"))  # task 57: no instrument
    lines[at] = f"  text_en: {json.dumps(text, ensure_ascii=False)}\n"
    content.write_text("".join(lines), encoding="utf-8")
    result = run_cli("--data", data, "build", "--docs", work / "docs", "--site", work / "site")
    assert result.returncode == 0, result.stderr
    page = parse(work / "site" / "2025" / "tasks" / "57" / "index.html")
    assert re.sub(r"\s+", " ", text).strip() in page.text
    assert not any(link.startswith("javascript:") or link == "y" for link in page.links)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(TEXT, st.sampled_from(["I. Title", "(I) Sub", "1. Task. (The Ministry of Justice is responsible)",
                                                  "2. Task", "(Ministry of Finance)", "II. Next", "3. x (y)", ""])), max_size=12).map("\n".join))
def test_the_importer_never_crashes(text: str) -> None:
    try:
        parse_text(text, "fuzz.txt")
    except DataError as exc:
        assert exc.problems and all(p.file == "fuzz.txt" and p.message and p.hint for p in exc.problems)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300) | TEXT.map(str.encode))
def test_any_data_file_fails_cleanly(tmp_path_factory, raw: bytes) -> None:
    data = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(DATA, data)
    (data / "editions" / "2025" / "content.zh.yaml").write_bytes(raw)
    catalog, problems = load(data)
    for p in problems:
        assert p.file.endswith("content.zh.yaml") and p.message and p.hint
