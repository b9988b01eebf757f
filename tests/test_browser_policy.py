"""The built site in a real headless Chromium, sealed: no request leaves the site (under its
Content-Security-Policy, hosted and from file://), and no serious accessibility violation."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from tests.test_browser import ARTIFACTS, sync_api, type_query

pytestmark = pytest.mark.browser


def sealed_page(browser: object, allowed: str) -> tuple[object, object, tuple[list[str], list[str], list[str]]]:
    """A page whose requests outside `allowed` are blocked; returns the lists it fills: requests
    that tried to leave, requests that failed, and console or script errors."""
    context = browser.new_context()
    outside: list[str] = []
    failed: list[str] = []
    errors: list[str] = []
    # A pattern (not a Python predicate) is matched in the browser, so only the requests that try to
    # leave are paused and handed to Python; a predicate would pause every request of every page.
    context.route(
        re.compile(f"^(?!{re.escape(allowed)})"), lambda route: (outside.append(route.request.url), route.abort())
    )
    page = context.new_page()
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page, (outside, failed, errors)


def test_the_seal_stops_what_leaves_and_lets_the_site_through(chromium: object, site_server: str) -> None:
    """The checks below rely on it: a request elsewhere is recorded and refused, the site's own are not."""
    context, page, (outside, failed, _) = sealed_page(chromium, site_server)
    page.goto(f"{site_server}/2025/tasks/57/")
    assert (outside, failed) == ([], [])
    with pytest.raises(sync_api.Error):
        page.goto("https://elsewhere.example.invalid/page")
    assert outside == failed == ["https://elsewhere.example.invalid/page"]
    context.close()


def test_offline_copy_works_from_file_with_no_network(chromium: object, offline_copy: Path) -> None:
    context, page, (outside, failed, errors) = sealed_page(chromium, "file://")
    base = offline_copy.as_uri()

    page.goto(f"{base}/2025/tasks/57.html")
    page.locator("article table").first.locator("a").first.click()  # lead department
    page.wait_for_url(f"{base}/2025/departments/moe.html")
    page.locator('article a[href$="tasks/57.html"]').first.click()  # back to a task
    page.wait_for_url(f"{base}/2025/tasks/57.html")
    page.locator(".plansite-breadcrumb a").nth(1).click()  # its section (the first link is the edition)
    page.wait_for_url(f"{base}/2025/sections/3/index.html")
    assert "三、" in page.inner_text("h1")

    for query, expected in [
        ("知识产权局", "/2025/departments/cnipa.html"),
        ("国管局", "/2025/departments/ngoa.html"),
        ("open licensing", "/2025/tasks/69.html"),
    ]:
        page.goto(f"{base}/index.html")
        type_query(page, query)
        hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href.split('?')[0])")
        assert f"{base}{expected}" in hrefs[:3], (query, hrefs[:5])
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "offline-search.png"))
    assert (outside, failed, errors) == ([], [], [])
    context.close()


KEY_PAGES = [
    "/",
    "/2025/tasks/57/",
    "/2025/departments/moj/",  # a department page of ordinary length: axe takes 7 s on CNIPA's 60 tasks
    "/2025/sections/1/",
    "/2025/departments/",
    "/2025/downloads/",
    "/2025/matrix/",
    "/2025/tasks/",
    "/2025/progress/",
    "/2025/topics/trade-secrets/",
    "/2025/instruments/",
]
# The pages that load something the others do not (charts, the task table's and the matrix's
# scripts, the feed, the downloads): the plain Markdown pages load what the task page loads.
POLICY_PAGES = [
    "/",
    "/2025/tasks/57/",
    "/2025/departments/cnipa/",
    "/2025/downloads/",
    "/2025/matrix/",
    "/2025/tasks/",
    "/2025/progress/",
]


def test_pages_work_under_their_policy_with_no_outside_requests(chromium: object, site_server: str) -> None:
    """Every non-local request is blocked: none may be attempted, nothing may fail, no console error
    (a Content-Security-Policy violation is reported there)."""
    context, page, (outside, failed, errors) = sealed_page(chromium, site_server)
    for path in POLICY_PAGES:
        page.goto(f"{site_server}{path}")
        page.wait_for_load_state("networkidle")
    type_query(page, "国管局")
    assert (outside, failed, errors) == ([], [], [])
    context.close()


# axe-core's script, as bundled (pinned) in the axe-playwright-python package: no npm needed.
AXE = Path(importlib.util.find_spec("axe_playwright_python").origin).parent / "axe.min.js"


@pytest.mark.parametrize("path", [*KEY_PAGES, "search"])
def test_no_serious_accessibility_violations(chromium: object, site_server: str, path: str) -> None:
    context = chromium.new_context(bypass_csp=True)  # to inject axe itself; the policy is tested above
    page = context.new_page()
    if path == "search":
        page.goto(f"{site_server}/")
        type_query(page, "trade secrets")
    else:
        page.goto(f"{site_server}{path}")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    context.close()
    assert serious == [], "\n".join(map(str, serious))
