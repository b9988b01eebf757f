"""Search help from the department registry: every Chinese form of a name as search tags with a
boost (front matter of department pages), and the jieba dictionary that keeps names whole."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from plansite.catalog.bodies import Department
from plansite.catalog.model import Catalog, Instrument

NAME_PREFIXES = ("中华人民共和国", "中共中央", "国务院", "国家", "中央", "中国")


def chinese_names(d: Department, registry: tuple[Department, ...] = ()) -> list[str]:
    """Every Chinese form a reader may search for: 国家知识产权局, 国知局, and the core 知识产权局
    (the name without its administrative prefix). Given the registry, a core that begins like
    another body's name less its last character is left out, as Material's search would take one
    for the other (see `department_search`): the Joint Conference Office's core
    知识产权强国建设工作部际联席会议办公室 would answer every search for 知识产权局."""
    names = [d.name_zh, d.short_zh, *d.aliases_zh]
    cores = [
        name.removeprefix(prefix)
        for name in names
        for prefix in NAME_PREFIXES
        if name.startswith(prefix) and len(name) - len(prefix) >= 3
    ]
    others = tuple(n[:-1] for o in registry if o.id != d.id for n in chinese_names(o) if len(n) > 2)
    return list(dict.fromkeys(names + [core for core in cores if not core.startswith(others)]))


CUT = "\u200b"  # a zero-width space: invisible in a tag, a word break to the search (mkdocs.yml's separator)
# A department's own page ranks above pages that only name it: "Supreme People's Procuratorate"
# is also in the title of an instrument page (… Office of the Supreme People's Procuratorate).
DEPARTMENT_BOOST = 2
TIE_BOOST = 1.2  # see department_search


def department_search(d: Department, registry: tuple[Department, ...]) -> dict[str, Any]:
    """Front matter that makes Material's search put a department's page first for any of its
    names: search tags (ranked far above titles) and a boost.

    Material searches a Chinese query without its last character: it cuts the query into the
    longest index terms that end before the last character, each with a wildcard after it, and
    drops the rest. With only whole names in the index, 国家统计局 is searched as 国家* and
    中央宣传部 as 中* (ordinary words of the pages), which every 国家… or 中… body's tags match.
    So each Chinese name is also indexed without its last character: the tag 国家统计局 is written
    国家统计 + zero-width space + 局, which shows as the name and gives the index the term
    国家统计, the query's own. Two cases this cannot settle:
    - two bodies' names that differ only in the last character (最高法, 最高检) give the same
      term, so both stay whole: Material searches a query whole when no shorter index term begins
      it (最 is a stop word, 最高 no word of the pages). Should 最高 become one, the two can no
      longer both come first, whatever the index holds;
    - a body's term that begins as many tag terms of another body as of its own (国家知识产权 also
      begins 国家知识产权强国建设工作部际联席会议办公室) ties with it exactly, as terms found only
      in tags weigh the same: the body whose name the query is gets TIE_BOOST, so it comes first.
    tests/test_search_rank.py checks every name of every department in a real browser.
    """
    tags, tied = department_search_tags(registry)[d.id]
    boost = DEPARTMENT_BOOST * (TIE_BOOST if tied else 1)
    # (English names are no tags: a tag's words outweigh every other body's title sharing them.)
    return {"tags": [*tags, *([d.abbr] if d.abbr else [])], "search": {"boost": round(boost, 3)}}


INSTRUMENT_BOOST = 1.2  # above tasks (which may name it in their titles), below topics and departments


def instrument_search(ins: Instrument, registry: tuple[Department, ...]) -> dict[str, Any]:
    """Front matter that puts an instrument's page first for its Chinese name: the name, with and
    without 中华人民共和国, as search tags indexed less their last character (see `department_search`):
    商标法 is searched as 商标*, which task titles on trademarks match too."""
    name = ins.name_zh.split("（")[0]  # not "（第一批）": its 第 would answer a search for 第57项
    names = (name, name.removeprefix("中华人民共和国"))
    return {"tags": cut_tags(names, registry), "search": {"boost": INSTRUMENT_BOOST}}


def term_tags(terms: list[str], registry: tuple[Department, ...], abbreviations: list[str] = ()) -> dict[str, Any]:
    """Front matter that makes a Chinese term of art (标准必要专利) find the pages using it, searched
    whole: the term as a search tag, indexed less its last character (see `department_search`);
    and other words (an abbreviation such as SEP) as tags of their own, above words that merely
    begin with them."""
    tags = cut_tags(terms, registry) + list(dict.fromkeys(abbreviations))
    return {"tags": tags} if tags else {}


def cut_tags(names: Iterable[str], registry: tuple[Department, ...]) -> list[str]:
    """Names as search tags less their last character, leaving out any a department's name would
    find: 知识产权海关保护条例 begins 知识产权, which is what a search for 知识产权局 looks for."""
    departments = department_prefixes(registry)
    return [n[:-1] + CUT + n[-1] for n in dict.fromkeys(names) if len(n) > 2 and not n.startswith(departments)]


@functools.cache
def department_prefixes(registry: tuple[Department, ...]) -> tuple[str, ...]:
    """What a search for each Chinese name of a department looks for: the name less its last character."""
    return tuple(n[:-1] for d in registry for n in chinese_names(d, registry) if len(n) > 2)


@functools.cache
def department_search_tags(registry: tuple[Department, ...]) -> dict[str, tuple[tuple[str, ...], bool]]:
    """For each department: its Chinese names as search tags (see `department_search`), and
    whether one of them ties with another body's."""
    names = {d.id: chinese_names(d, registry) for d in registry}

    def shares_term(dept_id: str, name: str) -> bool:
        return any(other[:-1] == name[:-1] for o, ns in names.items() if o != dept_id for other in ns)

    cut = {
        i: {n: len(n) > 2 and not shares_term(i, n) for n in ns} for i, ns in names.items()
    }  # indexed less its last character?
    terms = {i: [n[:-1] if is_cut else n for n, is_cut in cs.items()] for i, cs in cut.items()}

    def begun(dept_id: str, term: str) -> int:
        return sum(t.startswith(term) for t in terms[dept_id])

    result: dict[str, tuple[tuple[str, ...], bool]] = {}
    for i, cs in cut.items():
        tags = tuple(n[:-1] + CUT + n[-1] if is_cut else n for n, is_cut in cs.items())
        tied = any(
            is_cut and max((begun(j, n[:-1]) for j in terms if j != i), default=0) >= begun(i, n[:-1])
            for n, is_cut in cs.items()
        )
        result[i] = (tags, tied)
    return result


def jieba_user_dict(catalog: Catalog) -> str:
    """Department names as whole words for Chinese search segmentation, so 国管局 or 知识产权局
    stay one word in the index instead of being cut into characters. (Not the names less their
    last character that department tags add: as words of every page that names a body, they
    would weigh less in its tags; see `department_search`.)"""
    words = [w for d in catalog.departments for w in chinese_names(d, catalog.departments)] + [
        c.name_zh for c in catalog.collectives
    ]
    words += [t.name_zh for t in catalog.topics] + [term for t in catalog.topics for term in t.terms_zh]
    words += [i.name_zh.removeprefix("中华人民共和国") for i in catalog.instruments]
    words += [k for e in catalog.editions for t in e.tasks for k in t.keywords_zh]  # reviewed terms, kept whole
    words += [term.term_zh for e in catalog.editions for term in e.glossary]  # terms of art, kept whole
    return "".join(f"{w} 100000 nt\n" for w in dict.fromkeys(words))
