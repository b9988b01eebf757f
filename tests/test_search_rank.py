"""Search puts the page a reader means first: every department's Chinese full name,
Chinese short name and English name finds its own page first, and three queries that used to go
wrong (国家知识产权局 / 知识产权局, trade secrets, 数据知识产权) put their target near the top.

Every query runs in one Chromium page on the built site, through the site's own search worker
(Material's, named in the page's `__config`), set up with the built search index the way Material's
bundle sets it up: the order of the results is Material's ranking of the real index. One query is
also typed into the search box, to show the worker gives what a reader sees.

Why the ranking needs help at all (Material's Chinese search drops a query's last character; tags
outrank titles 1000 to 1): see `department_search` in plansite/render/__init__.py."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from plansite.view import urls
from plansite.view.index import EditionIndex
from tests.conftest import bundled
from tests.test_browser import type_query

pytestmark = pytest.mark.browser

CATALOG = bundled()[0]
EDITION = CATALOG.editions[0]
CNIPA = urls.public(urls.department(EDITION, "cnipa"))
TRADE_SECRETS = urls.public(urls.topic(EDITION, "trade-secrets"))
TRADE_SECRET_TASKS = [urls.public(urls.task(EDITION, n)) for n in (8, 17, 41)]
DATA_TOPIC = urls.public(urls.topic(EDITION, "data"))
# Searched whole, 数据知识产权 finds the task that names it (23 names big data, not data IP).
DATA_TASKS = [urls.public(urls.task(EDITION, n)) for n in (21,)]
FURNITURE = [urls.public(urls.about(EDITION)), urls.public(urls.downloads(EDITION))]


def department_names() -> dict[str, str]:
    """Each name of each department with a page: {name: its page}. A name two forms share (外交部
    is the full and the short name) is asked once."""
    names: dict[str, str] = {}
    for dept in EditionIndex(CATALOG, EDITION).departments:
        for name in (dept.name_zh, dept.short_zh, dept.name_en):
            names.setdefault(name, urls.public(urls.department(EDITION, dept)))
    return names


OTHER_QUERIES = ["国家知识产权局", "知识产权局", "trade secrets", "数据知识产权"]
# Chinese terms of art the bundled site knows only from its reviewed keywords (no official text).
KEYWORD_QUERIES = ["商业秘密", "数据知识产权", "开放许可", "植物新品种"]


def task_page(number: int) -> str:
    return urls.public(urls.task(EDITION, number))


# What readers type, and the pages they mean: the first result must be one of them.
READER_QUERIES: dict[str, set[str]] = {
    "AI": {task_page(n) for n in (19, 23, 27)},
    "SEP": {task_page(40)},
    "GI": {task_page(n) for n in (42, 71, 72, 105)},
    "TCM": {task_page(n) for n in (6, 29)} | {urls.public(urls.topic(EDITION, "traditional-knowledge"))},
    "SASAC": {urls.public(urls.department(EDITION, "sasac"))},
    "CNIPA": {CNIPA},
    "国家版权局": {urls.public(urls.department(EDITION, "publicity-department"))},
    "任务57": {task_page(57)},
    "第57项": {task_page(57)},
    "Task 57": {task_page(57)},
    "标准必要专利": {task_page(40), urls.public(urls.topic(EDITION, "standards"))},
}

# Material's bundle (integrations/search/worker) sends SETUP (0) with the index and waits for READY
# (1); each QUERY (2) is answered by a RESULT (3): items grouped by page, best page first.
RUN_QUERIES = """async (queries) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const worker = new Worker(new URL(config.search, location.href));
  const index = await (await fetch(new URL(`${config.base}/search/search_index.json`, location.href))).json();
  const replies = [];
  let wake = () => {};
  worker.onmessage = event => { replies.push(event.data); wake(); };
  worker.onerror = event => { replies.push({type: -1, error: String(event.message)}); wake(); };
  const next = async () => {
    while (!replies.length) await new Promise(done => { wake = done; });
    return replies.shift();
  };
  worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  const ready = await next();
  if (ready.type !== 1) throw new Error(`the search worker did not start: ${JSON.stringify(ready)}`);
  const results = {};
  for (const query of queries) {
    worker.postMessage({type: 2, data: query});
    const reply = await next();
    if (reply.type !== 3) throw new Error(`no result for ${query}: ${JSON.stringify(reply)}`);
    results[query] = reply.data.items.map(group => group[0].location.split("#")[0]);
  }
  worker.terminate();
  return results;
}"""


@pytest.fixture(scope="module")
def search_page(chromium: object, site_server: str) -> Iterator[object]:
    """One page, in the session's Chromium, on the built site's edition overview."""
    page = chromium.new_page()
    page.goto(f"{site_server}/{EDITION.id}/")
    yield page
    page.close()


@pytest.fixture(scope="module")
def ranking(search_page: object) -> dict[str, list[str]]:
    """{query: the pages Material's search returns for it, best first, as URL paths}."""
    queries = list(dict.fromkeys([*department_names(), *OTHER_QUERIES, *KEYWORD_QUERIES, *READER_QUERIES]))
    results = search_page.evaluate(RUN_QUERIES, queries)
    return {query: ["/" + location for location in results[query]] for query in queries}


def rank(results: list[str], page: str) -> int | None:
    return results.index(page) + 1 if page in results else None


def shown(results: list[str], n: int = 5) -> str:
    return ", ".join(results[:n]) or "no results"


def test_every_department_name_puts_its_page_first(ranking: dict[str, list[str]]) -> None:
    names = department_names()
    misses = [
        f"{query!r}: {page} is {f'#{rank(ranking[query], page)}' if rank(ranking[query], page) else 'not found'}"
        f" (first: {shown(ranking[query], 3)})"
        for query, page in names.items()
        if ranking[query][:1] != [page]
    ]
    assert not misses, (
        f"{len(misses)} of {len(names)} department names do not put the department's page first:\n" + "\n".join(misses)
    )


def test_cnipa_comes_first_for_its_chinese_names(ranking: dict[str, list[str]]) -> None:
    """The Joint Conference Office (国家知识产权强国建设工作部际联席会议办公室) begins with
    the same characters; it must not come first."""
    misses = [
        f"{query!r}: {shown(ranking[query])}"
        for query in ("国家知识产权局", "知识产权局")
        if ranking[query][:1] != [CNIPA]
    ]
    assert not misses, f"{CNIPA} is not first:\n" + "\n".join(misses)


def trademark_pages(built: Path) -> set[str]:
    """Pages with "trademark" in a title, from the built index."""
    docs = json.loads((built / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return {"/" + d["location"].split("#")[0] for d in docs if re.search(r"trademark", d["title"], re.I)}


def first_trademark_rank(results: list[str], built: Path) -> int | float:
    """The rank of the first trademark page in the results; past the end when none is there (then
    every trade-secret page must simply be found). The site must have trademark pages to compare."""
    pages = trademark_pages(built)
    assert pages, "no page has 'trademark' in its title: the comparison would check nothing"
    return next((i for i, page in enumerate(results, 1) if page in pages), float("inf"))


def test_trade_secrets_finds_its_topic_above_trademarks(ranking: dict[str, list[str]], built: Path) -> None:
    results = ranking["trade secrets"]
    problems = []
    if TRADE_SECRETS not in results[:3]:
        problems.append(f"the topic page {TRADE_SECRETS} is not in the first three")
    trademarks = first_trademark_rank(results, built)
    if (rank(results, TRADE_SECRETS) or 10**6) > trademarks:
        problems.append(f"the topic page ranks below a trademark page (#{trademarks})")
    problems += [f"{task} is not found" for task in TRADE_SECRET_TASKS if task not in results]
    assert not problems, "; ".join(problems) + f"\nresults: {shown(results, 12)}"


def test_trade_secrets_puts_its_tasks_above_trademarks(ranking: dict[str, list[str]], built: Path) -> None:
    results = ranking["trade secrets"]
    trademarks = first_trademark_rank(results, built)
    below = [task for task in TRADE_SECRET_TASKS if (rank(results, task) or 10**6) > trademarks]
    assert not below, (
        f"{', '.join(below)} missing or below a trademark page (#{trademarks})\nresults: {shown(results, 12)}"
    )


def test_data_intellectual_property_finds_content_before_furniture(ranking: dict[str, list[str]]) -> None:
    results = ranking["数据知识产权"]
    problems = []
    if not {DATA_TOPIC, *DATA_TASKS} & set(results[:3]):
        problems.append(f"neither the topic page {DATA_TOPIC} nor task 21 is in the first three")
    for task in DATA_TASKS:
        if task not in results:
            problems.append(f"{task} is not found")
            continue
        problems += [
            f"{page} ranks above {task}" for page in FURNITURE if (rank(results, page) or 10**6) < rank(results, task)
        ]
    assert not problems, "; ".join(problems) + f"\nresults: {shown(results, 10)}"


def test_the_search_box_shows_the_same_first_page(
    search_page: object, ranking: dict[str, list[str]], site_server: str
) -> None:
    """The worker above is Material's own, set up as the page sets it up: typed into the search box,
    a query gives the same first result."""
    for query in ("国家知识产权局", "中国科学院"):
        search_page.goto(f"{site_server}/{EDITION.id}/")
        type_query(search_page, query)
        first = search_page.eval_on_selector(".md-search-result__item > a", "a => a.href")
        assert first.removeprefix(site_server).split("?")[0].split("#")[0] == ranking[query][0], query


@pytest.mark.parametrize("term", KEYWORD_QUERIES)
def test_a_chinese_term_finds_every_task_it_is_a_keyword_of(ranking: dict[str, list[str]], term: str) -> None:
    expected = [urls.public(urls.task(EDITION, t)) for t in EDITION.tasks if any(term in k for k in t.keywords_zh)]
    assert expected
    missing = [page for page in expected if page not in ranking[term]]
    assert not missing, f"{term}: {missing} not found; results: {shown(ranking[term], 12)}"


def test_the_readers_words_find_what_they_stand_for(ranking: dict[str, list[str]]) -> None:
    """Abbreviations, a body's other public name, a task asked for by number in the ways people
    write it, and a Chinese term of art searched whole."""
    misses = [
        f"{query!r}: first {shown(ranking[query], 3)}; wanted one of {sorted(pages)}"
        for query, pages in READER_QUERIES.items()
        if ranking[query][:1] == [] or ranking[query][0] not in pages
    ]
    assert not misses, "\n".join(misses)
