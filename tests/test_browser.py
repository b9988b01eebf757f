"""The built site in a real headless Chromium: navigation, search in both languages, screenshots."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, ROOT, bundled

ARTIFACTS = ROOT / "test-artifacts"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI needs Debian's chromium for the browser tests: run `make test` as root")
    pytest.skip("Debian's chromium is not installed (make test installs it as root)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser  # `pytest -m "not browser"` runs the rest


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(built: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(built / "site"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser(chromium: object) -> object:
    """The session's one Chromium (conftest.chromium)."""
    return chromium


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def type_query(page: object, query: str) -> None:
    """Type into Material's search box and wait for results. The search index loads in a worker;
    on a busy machine a query typed before it is ready is not run, so type it again until it is."""
    box = page.locator("input.md-search__input")
    box.fill(query)
    for _ in range(6):
        try:
            page.wait_for_selector(".md-search-result__item", timeout=5000)
            return
        except sync_api.TimeoutError:
            box.press("End")  # type one more character and take it back: the query runs again
            box.press("Space")
            box.press("Backspace")
    raise AssertionError(f"no search results for {query!r}")


def search(page: object, base: str, query: str) -> list[str]:
    """Type a query into Material's search box; return the result links (page paths, no query string)."""
    page.goto(f"{base}/")
    type_query(page, query)
    shown = 0
    while shown != (shown := page.locator(".md-search-result__item").count()):  # Material adds results as you scroll
        page.locator(".md-search-result__item").last.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    return [h.removeprefix(base).split("?")[0].split("#")[0] for h in hrefs]


def test_task_page_links_to_its_lead_department(page: object, server: str) -> None:
    page.goto(f"{server}/2025/tasks/57/")
    assert page.inner_text("h1").startswith("任务 57 · 专利申请质量与申请前评估 · Task 57: Patent application quality")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "task-57.png"), full_page=True)
    page.locator("article table").first.locator("a").first.click()  # the responsibility table's lead
    page.wait_for_url(f"{server}/2025/departments/moe/")
    assert page.inner_text("h1").startswith("教育部 · Ministry of Education (MOE)")
    page.screenshot(path=str(ARTIFACTS / "department-moe.png"), full_page=True)


@pytest.mark.parametrize(
    ("query", "expected", "within"),
    [
        ("知识产权局", "/2025/departments/cnipa/", 3),
        ("国家知识产权局", "/2025/departments/cnipa/", 2),
        ("国管局", "/2025/departments/ngoa/", 1),
        ("National Government Offices", "/2025/departments/ngoa/", 1),
        ("open licensing", "/2025/tasks/69/", 1),
    ],
)
def test_search_finds_the_page(page: object, server: str, query: str, expected: str, within: int) -> None:
    results = list(dict.fromkeys(search(page, server, query)))
    assert expected in results[:within], results[:10]


def test_search_trade_secrets_finds_its_three_tasks(page: object, server: str) -> None:
    results = set(search(page, server, "trade secrets"))
    assert {"/2025/tasks/8/", "/2025/tasks/17/", "/2025/tasks/41/"} <= results


def test_department_index_sorts_by_a_column(page: object, server: str) -> None:
    page.goto(f"{server}/2025/departments/")
    leads_heading = page.locator(".plansite-sortable th", has_text="Leads")
    leads_heading.click()  # a count: the first click puts the largest first
    first_row = page.locator(".plansite-sortable tbody tr").first.inner_text()
    assert "国家知识产权局" in first_row
    assert leads_heading.get_attribute("aria-sort") == "descending"
    leads_heading.click()  # second click: smallest first
    assert leads_heading.get_attribute("aria-sort") == "ascending"
    assert (
        page.locator(".plansite-sortable tbody tr").first.inner_text().rstrip().endswith(("\t0\t1", "\t0\t2", "\t0\t3"))
    )
    name_heading = page.locator(".plansite-sortable th", has_text="部门 · Department")
    name_heading.click()  # text: A to Z first
    assert name_heading.get_attribute("aria-sort") == "ascending"


def test_matrix_sorts_largest_first_and_shows_every_column(page: object, server: str) -> None:
    page.goto(f"{server}/2025/matrix/")
    page.locator(".plansite-matrix th", has_text="Total").click()
    first = page.locator(".plansite-matrix tbody tr").first.inner_text()
    assert first.startswith("国家知识产权局"), first  # named on 60 tasks, more than any other
    for heading in page.locator(".plansite-matrix th").all():
        heading.scroll_into_view_if_needed()
        assert heading.is_visible()


def test_short_link_forwards_to_the_task(page: object, server: str) -> None:
    page.goto(f"{server}/2025/57/")
    page.wait_for_url(f"{server}/2025/tasks/57/")
    assert "Task 57" in page.inner_text("h1")


def test_copy_citation_and_link(browser: object, server: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{server}/2025/tasks/57/")
    page.click("button[data-copy=citation]")
    expected = (
        "Office of the Inter-ministerial Joint Conference on Building an Intellectual Property Powerhouse "
        "(国家知识产权强国建设工作部际联席会议办公室), 2025 Plan for Building an Intellectual Property Powerhouse "
        f"(2025年知识产权强国建设推进计划), issued 2025-04-29, Task 57 (editors' title: Patent application quality and pre-filing review) — named first: MOE (each body according to its respective duties). {server}/2025/tasks/57/"
    )
    assert page.evaluate("navigator.clipboard.readText()") == expected
    page.click("button[data-copy=link]")
    assert page.evaluate("navigator.clipboard.readText()") == f"{server}/2025/tasks/57/"
    assert page.inner_text(".plansite-copied") == "已复制 · Copied"
    context.close()


def test_chinese_text_is_marked_as_chinese(page: object, server: str) -> None:
    page.goto(f"{server}/2025/tasks/57/")
    assert page.locator("h1 span[lang=zh]").first.inner_text() == "任务"
    untagged = page.evaluate("""() => {
        const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
        const found = [];
        while (walker.nextNode()) {
            const node = walker.currentNode;
            if (/[\\u4e00-\\u9fff]/.test(node.textContent) && !node.parentElement.closest('[lang^=zh]')) found.push(node.textContent);
        }
        return found;
    }""")
    assert untagged == []


def test_keyboard_reaches_search_and_every_link(page: object, server: str) -> None:
    page.goto(f"{server}/2025/sections/6/")
    links = set(page.eval_on_selector_all("article a[href]:not(.headerlink)", "els => els.map(e => e.href)"))
    reached: set[str] = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement && document.activeElement.href || ''")
        reached.add(href)
        if links <= reached:
            break
    assert links - reached == set()
    page.keyboard.press("Escape")
    page.keyboard.press("/")  # Material's shortcut to the search box
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")


def visible_task_numbers(page: object) -> list[int]:
    return page.eval_on_selector_all(
        ".plansite-task-table tbody tr:not([hidden]) td:first-child a", "els => els.map(e => Number(e.textContent))"
    )


def test_task_table_filter_is_in_the_address(page: object, server: str) -> None:

    edition = bundled()[0].editions[0]
    page.goto(f"{server}/2025/tasks/")
    page.select_option("select[name=department]", "most")
    page.select_option("select[name=role]", "participant")
    expected = [t.number for t in edition.tasks if "most" in t.participants]
    assert visible_task_numbers(page) == expected
    assert page.url == f"{server}/2025/tasks/?department=most&role=participant"
    page.reload()
    assert visible_task_numbers(page) == expected
    assert page.input_value("select[name=department]") == "most"
    page.fill("input[name=q]", "patent")
    assert visible_task_numbers(page) == [
        t.number for t in edition.tasks if "most" in t.participants and "patent" in t.text_en.lower()
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    for path, name in [("/2025/matrix/", "matrix"), ("/", "home")]:
        page.goto(f"{server}{path}")
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_matrix_cell_opens_the_filtered_table(page: object, server: str) -> None:
    page.goto(f"{server}/2025/matrix/")
    page.click('a[href="../tasks/?department=cnipa&section=3"]')
    page.wait_for_url(f"{server}/2025/tasks/?department=cnipa&section=3")
    assert len(visible_task_numbers(page)) == 16  # CNIPA in section III: leads 6, takes part in 10


def test_task_table_works_in_the_offline_copy(browser: object, offline_copy: Path) -> None:
    context = browser.new_context()
    context.route(lambda url: not url.startswith("file://"), lambda route: route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{offline_copy.as_uri()}/2025/tasks/index.html?department=cnipa&role=lead")
    assert len(visible_task_numbers(page)) == 29
    assert errors == []
    context.close()


def test_task_table_filters_by_status(page: object, server: str) -> None:
    edition = bundled()[0].editions[0]
    done = [t.number for t in edition.tasks if edition.status(t.number) == "done"]
    page.goto(f"{server}/2025/tasks/?status=done")
    assert visible_task_numbers(page) == done and done
    page.select_option("select[name=status]", "no-update-recorded")
    assert len(visible_task_numbers(page)) == sum(1 for t in edition.tasks if not edition.history(t.number))


def test_task_table_filter_by_a_hyphenated_department(page: object, server: str) -> None:
    page.goto(f"{server}/2025/tasks/")
    page.select_option("select[name=department]", "joint-conference-office")
    assert visible_task_numbers(page) == [114, 115, 116, 118]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("人工智能", "/2025/topics/artificial-intelligence/"), ("trade secrets", "/2025/topics/trade-secrets/")],
)
def test_search_finds_topic_pages(page: object, server: str, query: str, expected: str) -> None:
    assert expected in list(dict.fromkeys(search(page, server, query)))[:3]


def test_task_table_filters_by_topic(page: object, server: str) -> None:
    page.goto(f"{server}/2025/tasks/?topic=trade-secrets")
    assert visible_task_numbers(page) == [8, 17, 41]


def test_search_finds_an_instrument_in_chinese(page: object, server: str) -> None:
    assert "/2025/instruments/trademark-law/" in list(dict.fromkeys(search(page, server, "商标法")))[:3]


def test_task_table_keyword_ignores_an_english_plural(page: object, server: str) -> None:
    page.goto(f"{server}/2025/tasks/")
    counts = {}
    for words in ("trade secret", "trade secrets", "Trade  Secrets"):
        page.fill("input[name=q]", words)
        counts[words] = len(visible_task_numbers(page))
    assert len(set(counts.values())) == 1 and counts["trade secret"] >= 3, counts
    assert page.inner_text(".plansite-count").endswith(" tasks")
    page.fill("input[name=q]", "National Government Offices")
    shown = len(visible_task_numbers(page))
    assert page.inner_text(".plansite-count") == f"{shown} 项任务 · {shown} " + ("task" if shown == 1 else "tasks")


def tasks_with_keyword(term: str) -> list[int]:
    """Tasks whose reviewed Chinese keywords hold the term (the bundled site has no official text)."""
    edition = bundled()[0].editions[0]
    return [t.number for t in edition.tasks if any(term in k for k in t.keywords_zh)]


def test_task_table_keyword_finds_tasks_by_a_chinese_term(page: object, server: str) -> None:
    """Without the official Chinese text, the reviewed keywords let a Chinese reader find tasks
    (one page, one term after another, as a reader retyping the box)."""
    page.goto(f"{server}/2025/tasks/")
    found = {}
    for term, known in (("商业秘密", [8, 17, 41]), ("数据知识产权", [21]), ("开放许可", [69]), ("植物新品种", [3, 81])):
        expected = tasks_with_keyword(term)
        assert set(known) <= set(expected), term
        page.fill("input[name=q]", term)
        found[term] = (visible_task_numbers(page), expected)
    assert {term: shown for term, (shown, _) in found.items()} == {term: want for term, (_, want) in found.items()}


@pytest.mark.parametrize("width", [1280, 390])
def test_the_header_keeps_the_site_name_whole_and_inside_it(browser: object, server: str, width: int) -> None:
    """Scrolled down a task page with a long title: the header still names the site (the theme
    would swap in the page's title, cut with an ellipsis), within the bar's height."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{server}/2025/tasks/13/")
    page.mouse.wheel(0, 1500)
    page.wait_for_function("document.querySelector('.md-header__title').classList.contains('md-header__title--active')")
    shown = page.evaluate("""() => {
      const bar = document.querySelector('.md-header').getBoundingClientRect();
      return [...document.querySelectorAll('.md-header__topic')].filter(t => t.checkVisibility({opacityProperty: true}))
        .map(t => { const r = t.querySelector('.md-ellipsis').getBoundingClientRect();
                    return {text: t.innerText.trim(), inside: r.top >= bar.top && r.bottom <= bar.bottom,
                            whole: t.scrollWidth <= t.clientWidth + 1}; });
    }""")
    context.close()
    assert shown == [{"text": "知识产权强国建设推进计划 · IP Powerhouse Plans", "inside": True, "whole": True}]


def test_chart_labels_fit_their_chart_and_read_on_a_phone(browser: object, server: str, built: Path) -> None:
    """Every chart's text, as Chromium lays it out, ends inside the chart (a label is never cut),
    and on a phone the chart is drawn at a scale where its smallest text (12 units) is 10 pixels or more."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    overrun = []
    charts = sorted((built / "site" / "2025" / "charts").glob("*.svg"))
    assert charts
    for chart in charts:
        page.goto(f"{server}/2025/charts/{chart.name}")
        widest, width = page.evaluate("""() => {
          const svg = document.querySelector('svg');
          return [Math.max(...[...svg.querySelectorAll('text')].map(t => t.getBBox().x + t.getBBox().width)),
                  svg.viewBox.baseVal.width];
        }""")
        if widest > width:
            overrun.append(f"{chart.name}: text reaches {widest:.0f} of {width:.0f}")
    page.goto(f"{server}/2025/departments/cnipa/")
    shown, drawn = page.evaluate("""() => { const img = document.querySelector('img.plansite-chart');
      return [img.getBoundingClientRect().width, img.naturalWidth]; }""")
    context.close()
    assert not overrun, overrun
    assert 12 * shown / drawn >= 10, (shown, drawn)
