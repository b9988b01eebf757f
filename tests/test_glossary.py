"""The glossary: terms of art with one English rendering each, the translation's own wordings
(each checked to occur in it), their tasks; as a page and a CSV. And the one rendering of
知识产权强国 in every sentence the site writes."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from plansite import catalog
from plansite.formats.export import export
from plansite.render import render_site
from tests.conftest import DATA


@pytest.fixture(scope="module")
def bundled() -> catalog.Catalog:
    return catalog.read(DATA)[0]


def test_the_glossary_has_thirty_terms_each_in_the_translation(bundled: catalog.Catalog) -> None:
    edition = bundled.editions[0]
    assert len(edition.glossary) >= 30
    text = " ".join(
        [*edition.front_en, *edition.closing_en, *(t.text_en for t in edition.tasks)]
        + [s.title_en for s in edition.sections]
        + [x.title_en for s in edition.sections for x in s.subsections]
    ).lower()
    for term in edition.glossary:
        assert term.term_en and term.tasks, term.term_zh
        assert all(w.lower() in text for w in term.translation_en), term.term_zh
    power = next(t for t in edition.glossary if t.term_zh == "知识产权强国")
    assert power.term_en == "IP powerhouse" and power.note_en and power.note_zh


def test_a_wording_the_translation_lacks_is_named(data: Path) -> None:
    glossary = data / "editions" / "2025" / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("[strict protection]", "[very strict protection]", 1), encoding="utf-8")
    line = next(
        n for n, row in enumerate(glossary.read_text(encoding="utf-8").splitlines(), 1) if row == "- term_zh: 严格保护"
    )
    _, problems = catalog.read(data)  # a warning: a translation imported again may drop a wording
    assert [str(p) for p in problems if "glossary" in p.file] == [
        f"data/editions/2025/glossary.yaml:{line}: warning: term 严格保护: 'very strict protection' is not in the "
        "translation — list only wordings the translation uses, as it writes them"
    ]


def test_the_glossary_page_and_csv(bundled: catalog.Catalog) -> None:
    rendered = render_site(bundled)
    page = rendered.pages["2025/glossary.md"]
    assert '| <span lang="zh">知识产权强国</span> | IP powerhouse |' in page
    assert "[118](tasks/118.md)" in page
    assert "本站统一写作" in page and "we write" in page  # the note on the rendering, in both languages
    rows = list(csv.DictReader(io.StringIO(export(bundled, bundled.editions[0], "glossary-csv"))))
    assert len(rows) == len(bundled.editions[0].glossary)
    assert rows[0]["term_zh"] == "知识产权强国" and "strong intellectual property country" in rows[0]["translation_en"]
    assert rendered.files["2025/downloads/glossary-2025.csv"] == export(bundled, bundled.editions[0], "glossary-csv")


def test_one_rendering_of_the_powerhouse_in_our_own_sentences(bundled: catalog.Catalog) -> None:
    """Official titles stay as recorded and the translation's words are quoted as its words; every
    other sentence says "IP powerhouse"."""
    edition = bundled.editions[0]
    quoted = {edition.title_en, *(t.text_en for t in edition.tasks), *edition.front_en, *edition.closing_en}
    quoted |= {s.title_en for s in bundled.series if s.title_en} | {i.name_en for i in bundled.instruments}
    others = re.compile(r"nation building|powerful intellectual property|strong intellectual property", re.I)
    found = []
    for path, page in render_site(bundled).pages.items():
        text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~])", r"\1", page)  # Markdown escapes undone
        for q in sorted(quoted, key=len, reverse=True):
            text = text.replace(q, "")
        text = re.sub(r"“[^”]*”|\"[^\"\n]*\"", "", text)  # the translation's words, quoted as its words
        text = re.sub(r"^description: .*$", "", text, flags=re.M)  # a preview quotes its first sentence, cut
        found += [f"{path}: {m.group()}" for m in others.finditer(text)]
    assert not found, found[:10]
