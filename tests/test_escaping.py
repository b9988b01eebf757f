"""Data shows as the literal text it is: never HTML, never Markdown, never template syntax."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import markdown
import pytest

from plansite.render.mdtext import escape, external, page_title
from tests.conftest import run_cli
from tests.sitewalk import parse
from tests.test_lineage import assemble

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "*not emphasis* and __not bold__ and `not code`",
    "# not a heading",
    "1. not a list",
    "- not a list either",
    "| not | a | table |",
    "{{ not_jinja }} {% if x %}y{% endif %} {# no comment #}",
    "&amp; stays &amp; and &lt;b&gt; stays too",
    "back\\slash \\* and \\",
    "{: .attr-list #injection }",
    "right-to-left \u202e reversed \u200b zero width",
    "emoji 📜 and 中文 text",
    "line one\nline two\n\n# heading after blank line",
    "x" * 5000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_escaped_text_renders_literally(text: str) -> None:
    out = markdown.markdown(f"Before {escape(text)} after", extensions=["attr_list", "md_in_html", "tables", "toc"])
    assert "<script" not in out and "<img" not in out and "<a " not in out
    visible = html.unescape(re.sub(r"<[^>]+>", "", out))
    one_line = re.sub(r"\s+", " ", text)
    assert visible == f"Before {one_line} after"


def test_page_titles_cannot_close_their_element() -> None:
    assert "</title>" not in html.unescape(page_title("x </title><script>alert(1)</script>"))


def test_only_web_links_become_links() -> None:
    assert external("javascript:alert(1)") == "javascript:alert\\(1\\)"
    assert external("https://example.org/a (b)") == "[https://example\\.org/a \\(b\\)](https://example.org/a%20%28b%29)"
    assert external(None) == "link not yet recorded"


def test_hostile_data_shows_literally_on_the_built_site(tmp_path: Path) -> None:
    data = assemble(tmp_path / "data")  # the small fixture series: one real MkDocs build of few pages
    content = data / "editions" / "2091" / "content.en.yaml"
    evil_text = "<script>alert('task')</script> *bold* {{ jinja }} {% raw %} [x](javascript:alert(1)) | pipe | # hash"
    text = content.read_text(encoding="utf-8")
    # Task 5 names no instrument, so replacing its text keeps the data valid.
    first = "Crack down on infringement of plant variety rights"
    at = text.index(f"text_en: {first}")
    end = text.index("\n", at)
    content.write_text(text[:at] + f"text_en: {json.dumps(evil_text)}" + text[end:], encoding="utf-8")
    depts = data / "departments.yaml"
    depts.write_text(
        depts.read_text(encoding="utf-8").replace(
            "name_en: Ministry of Justice", "name_en: '<img src=x onerror=alert(1)> Ministry of **Justice**'"
        ),
        encoding="utf-8",
    )

    result = run_cli("--data", data, "build", "--docs", tmp_path / "docs", "--site", tmp_path / "site", "--no-offline")
    assert result.returncode == 0, result.stderr
    page_html = (tmp_path / "site" / "2091" / "tasks" / "5" / "index.html").read_text(encoding="utf-8")
    page = parse(tmp_path / "site" / "2091" / "tasks" / "5" / "index.html")
    assert evil_text in page.text
    department = parse(tmp_path / "site" / "2091" / "departments" / "moj" / "index.html")
    assert "<img src=x onerror=alert(1)> Ministry of **Justice**" in department.h1
    department_html = (tmp_path / "site" / "2091" / "departments" / "moj" / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in department_html
    assert "alert('task')</script>" not in page_html and "<img src=x" not in page_html
    assert not any(link.startswith("javascript:") for link in page.links)
    assert "onerror=" not in re.sub(r"&lt;img src=x onerror=alert\(1\)&gt;", "", page_html)


def test_a_constant_in_a_template_is_escaped_like_a_value() -> None:
    from plansite.render.jinja import environment

    env = environment(Path(__file__).parent.parent / "templates")
    text = "the plan's <b>*words*</b> {{ x }}"
    rendered = env.from_string('{{ "the plan\'s <b>*words*</b> {{ x }}" }}|{{ value }}').render(value=text)
    constant, value = rendered.split("|")
    assert constant == value
    assert "&#39;" not in constant and "plan's" in constant
