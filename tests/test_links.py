"""Links that travel: every page's own description and preview tags, canonical
addresses with the site's address and none without, a task's structured data, copy as a titled
link, and the address on paper."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import DONE, TASKS, bundled, serve_site
from tests.test_bilingual import SITE_URL, bilingual_site  # noqa: F401 - a fixture
from tests.test_jsonld import problems as vocabulary_problems

CATALOG = bundled()[0]
EDITION = CATALOG.editions[0]


class Head(HTMLParser):
    """The <meta>, <link rel=canonical> and JSON-LD of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.jsonld: list[str] = []
        self.refresh = False
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta":
            key = a.get("property") or a.get("name")
            if key:
                self.meta[key] = a.get("content") or ""
            if (a.get("http-equiv") or "").lower() == "refresh":
                self.refresh = True
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_jsonld = True
            self.jsonld.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld[-1] += data


def heads(site: Path) -> dict[str, Head]:
    """Every page of a built site (short-link forwarding pages and the search worker's helper
    frame in assets/ left out), by its path."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        if path.relative_to(site).parts[0] == "assets":
            continue
        head = Head()
        head.feed(path.read_text(encoding="utf-8"))
        if not head.refresh:
            found[path.relative_to(site).as_posix()] = head
    return found


PREVIEW_TAGS = (
    "description",
    "og:title",
    "og:description",
    "og:type",
    "og:site_name",
    "og:locale",
    "og:locale:alternate",
    "twitter:card",
    "twitter:title",
    "twitter:description",
)


@pytest.fixture(scope="module")
def addressed(bilingual_site: Path) -> Path:  # noqa: F811 - the fixture
    """The site built with its address set (PLANSITE_SITE_URL): the run's bilingual variant of the
    site (test_bilingual), which is also built with SITE_URL; returns the folder holding site/."""
    assert "PLANSITE_SITE_URL is not set" not in (bilingual_site / DONE).read_text(encoding="utf-8")
    return bilingual_site


# --- Descriptions and previews ----------------------------------------------------------------------


def test_every_page_has_its_own_description_and_preview_tags(built: Path) -> None:
    pages = heads(built / "site")
    assert len(pages) > 280
    missing = {path: [t for t in PREVIEW_TAGS if not head.meta.get(t)] for path, head in pages.items()}
    assert {p: m for p, m in missing.items() if m} == {}
    tasks = {p: h.meta["description"] for p, h in pages.items() if re.fullmatch(r"2025/tasks/\d+/index\.html", p)}
    assert len(tasks) == TASKS and len(set(tasks.values())) == TASKS  # no two task pages share one
    assert tasks["2025/tasks/57/index.html"].startswith(
        "Task 57 of the 2025 plan (任务 57). Named first: 教育部 · MOE (and 3 more). Promote"
    )
    dept = pages["2025/departments/cnipa/index.html"].meta["description"]
    assert re.match(
        r"国家知识产权局 · China National Intellectual Property Administration \(CNIPA\): in the 2025 plan it leads \d+ tasks?, "
        r"is named first of several sharing the work in \d+ and takes part in \d+\.",
        dept,
    )
    assert re.match(
        r"三、.+ · III\. .+: \d+ tasks of the 2025 plan; led by ",
        pages["2025/sections/3/index.html"].meta["description"],
    )
    shared = {
        d
        for d in (h.meta["description"] for h in pages.values())
        if [h.meta["description"] for h in pages.values()].count(d) > 1
    }
    assert shared == set()  # every page has a description of its own
    assert (
        pages["2025/tasks/57/index.html"].meta["og:type"] == "article"
        and pages["index.html"].meta["og:locale"] == "zh_CN"
    )


def test_without_a_site_address_the_build_says_so_and_no_page_has_a_relative_address(built: Path) -> None:
    said = (built / DONE).read_text(encoding="utf-8").strip().splitlines()
    assert said[-1].startswith(
        "note: PLANSITE_SITE_URL is not set, so citations, previews and the offline copy carry relative links"
    )
    pages = heads(built / "site")
    assert [p for p, h in pages.items() if "og:url" in h.meta or h.canonical] == []


def test_with_a_site_address_every_page_has_an_absolute_canonical_and_og_url(addressed: Path) -> None:
    pages = heads(addressed / "site")
    wrong = [
        p
        for p, h in pages.items()
        if p != "404.html"
        and not (h.canonical and h.canonical.startswith(SITE_URL) and h.meta.get("og:url") == h.canonical)
    ]
    assert wrong == []
    assert pages["2025/tasks/57/index.html"].canonical == SITE_URL + "2025/tasks/57/"
    html = (addressed / "site" / "2025" / "tasks" / "57" / "index.html").read_text(encoding="utf-8")
    assert f"respective duties). {SITE_URL}2025/tasks/57/" in re.sub(r"<[^>]+>", "", html)
    assert f"{SITE_URL}2025/tasks/57/" in (addressed / "site" / "sitemap.xml").read_text(encoding="utf-8")


def test_the_offline_copy_cites_the_hosted_address_or_its_build_date(
    addressed: Path, built: Path, tmp_path: Path
) -> None:
    def offline_citation(site: Path, into: Path) -> str:
        with zipfile.ZipFile(site / "2025" / "downloads" / "plansite-2025-offline.zip") as z:
            z.extractall(into)
        html = (into / "plansite-2025-offline" / "2025" / "tasks" / "57.html").read_text(encoding="utf-8")
        return re.sub(r"<[^>]+>", "", re.search(r'<p class="plansite-citation">(.*?)</p>', html, re.S).group(1))

    assert offline_citation(addressed / "site", tmp_path / "a").endswith(f"duties). {SITE_URL}2025/tasks/57/")
    assert re.search(
        r"duties\)\. /2025/tasks/57/ \(2025 plan, task 57; offline copy built on \d{4}-\d\d-\d\d\)$",
        offline_citation(built / "site", tmp_path / "b"),
    )


def test_the_offline_copy_names_hosted_addresses_never_html_files(addressed: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(addressed / "site" / "2025" / "downloads" / "plansite-2025-offline.zip") as z:
        z.extractall(tmp_path)
    copy = tmp_path / "plansite-2025-offline"
    pages = heads(copy)
    task = pages["2025/tasks/57.html"]
    assert task.canonical == SITE_URL + "2025/tasks/57/" and task.meta.get("og:url") == task.canonical
    assert pages["index.html"].canonical == SITE_URL
    named = [h.canonical for h in pages.values() if h.canonical] + [h.meta.get("og:url", "") for h in pages.values()]
    assert named and not [a for a in named if a.endswith(".html")]
    sitemap = (copy / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}2025/tasks/57/</loc>" in sitemap and ".html</loc>" not in sitemap


# --- Structured data ------------------------------------------------------------------------------


def test_task_pages_carry_valid_structured_data(built: Path, addressed: Path) -> None:
    """The JSON-LD the built pages carry fits the published schema.org vocabulary (see test_jsonld)."""
    for site, url in ((built, None), (addressed, SITE_URL + "2025/tasks/57/")):
        head = heads(site / "site")["2025/tasks/57/index.html"]
        assert len(head.jsonld) == 1
        data = json.loads(head.jsonld[0])
        assert data["@context"] == "https://schema.org" and vocabulary_problems(data) == []
        task = EDITION.task(57)
        assert data["position"] == 57 and data["name"].startswith("任务 57 · 专利申请质量")
        plan = data["isPartOf"]
        assert (plan["@type"], plan["name"], plan["alternateName"]) == (
            "Legislation",
            EDITION.title_en,
            EDITION.title_zh,
        )
        assert (
            plan["legislationDate"] == "2025-04-29"
            and plan["legislationPassedBy"]["alternateName"] == EDITION.issuer_zh
        )
        # Task 57's bodies act according to their respective duties: each is an agent.
        assert [a["alternateName"] for a in data["about"]["agent"]] == [
            CATALOG.department(d).name_zh for d in task.departments
        ]
        assert data.get("url") == url


# --- In a browser: copy as link, and the address on paper ------------------------------------------


@pytest.fixture(scope="module")
def server(built: Path) -> Iterator[str]:
    with serve_site(built / "site") as base:
        yield base


@pytest.mark.browser
def test_copy_as_link_puts_a_titled_link_and_plain_text_on_the_clipboard(chromium: object, server: str) -> None:
    context = chromium.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    page.goto(f"{server}/2025/tasks/57/")
    page.click("button[data-copy=html]")
    page.wait_for_selector(".plansite-copied:has-text('已复制')")
    copied = page.evaluate("""async () => {
        const [item] = await navigator.clipboard.read();
        const out = {};
        for (const type of item.types) out[type] = await (await item.getType(type)).text();
        return out;
    }""")
    address = f"{server}/2025/tasks/57/"
    assert f'href="{address}"' in copied["text/html"]
    title = "任务 57 · 专利申请质量与申请前评估 · Task 57: Patent application quality and pre-filing review"
    assert f">{title}</a>" in copied["text/html"]
    assert copied["text/plain"] == f"{title} {address}"
    context.close()


@pytest.mark.browser
def test_a_printed_task_shows_its_address(chromium: object, server: str) -> None:
    page = chromium.new_page()
    page.goto(f"{server}/2025/tasks/57/")
    assert not page.is_visible(".plansite-print-address")  # on screen the citation carries it
    page.emulate_media(media="print")
    assert page.is_visible(".plansite-print-address")
    assert page.inner_text(".plansite-print-address") == "地址 · Address: /2025/tasks/57/"
    page.close()


PRINTED_PAGES = [
    "/2025/tasks/57/",
    "/2025/briefings/cnipa/",
    "/2025/tasks/",
    "/2025/matrix/",
    "/2025/print/",
    "/2025/sections/3/",
    "/2025/departments/moe/",
]


@pytest.mark.browser
def test_printed_pages_carry_the_translation_notice_and_the_date(chromium: object, server: str) -> None:
    page = chromium.new_page()
    missing = []
    for path in PRINTED_PAGES:
        page.goto(server + path)
        page.emulate_media(media="screen")
        if page.is_visible(".plansite-print-notice") or page.is_visible(".plansite-print-date"):
            missing.append(f"{path}: the print notice shows on screen")
        page.emulate_media(media="print")
        notice = page.inner_text(".plansite-print-notice") if page.is_visible(".plansite-print-notice") else ""
        date = page.inner_text(".plansite-print-date") if page.is_visible(".plansite-print-date") else ""
        if not notice.startswith("非官方译文：") or EDITION.translation_notice not in notice:
            missing.append(f"{path}: notice {notice!r}")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date.strip()):
            missing.append(f"{path}: date {date!r}")
    page.close()
    assert not missing, "\n".join(missing)


@pytest.mark.browser
def test_every_sheet_of_a_long_print_carries_the_notice_and_the_date(chromium: object, server: str) -> None:
    """Not only the first: a sheet separated from the others still says what it is."""
    import io

    import pypdf

    page = chromium.new_page()
    missing = []
    for path in ("/2025/print/", "/2025/matrix/"):  # the longest sheet of text and the widest table
        page.goto(server + path)
        sheets = [sheet.extract_text() for sheet in pypdf.PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]
        assert len(sheets) > 1, path  # long enough to need more than one sheet
        missing += [
            f"{path} sheet {n}"
            for n, text in enumerate(sheets, 1)
            if not re.search(r"unofficial translation · 打印日期 · Printed \d{4}-\d{2}-\d{2}", " ".join(text.split()))
        ]
    page.close()
    assert not missing, missing


def test_the_print_view_and_briefings_give_every_task_its_address(built: Path, addressed: Path) -> None:
    whole = re.sub(r"<[^>]+>", "", (built / "site" / "2025" / "print" / "index.html").read_text(encoding="utf-8"))
    assert all(f"地址 · Address: /2025/tasks/{n}/" in whole for n in range(1, 119))
    briefing = re.sub(
        r"<[^>]+>", "", (addressed / "site" / "2025" / "briefings" / "cnipa" / "index.html").read_text(encoding="utf-8")
    )
    led = [t.number for t in EDITION.tasks if "cnipa" in t.departments]
    assert all(f"地址 · Address: {SITE_URL}2025/tasks/{n}/" in briefing for n in led)


def test_a_briefing_has_a_qr_code_of_its_address_only_with_the_site_address(built: Path, addressed: Path) -> None:
    import xml.etree.ElementTree as ET

    import segno

    with_address = (addressed / "site" / "2025" / "briefings" / "cnipa" / "index.html").read_text(encoding="utf-8")
    assert 'class="plansite-qr"' in with_address and 'src="../qr/cnipa.svg"' in with_address
    svg = (addressed / "site" / "2025" / "briefings" / "qr" / "cnipa.svg").read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    assert root.find("{http://www.w3.org/2000/svg}title").text == f"QR code: {SITE_URL}2025/briefings/cnipa/"
    # The code is the briefing's address: the same modules as a fresh code of that address.
    fresh = segno.make(f"{SITE_URL}2025/briefings/cnipa/", error="m", micro=False)
    assert root.find("{http://www.w3.org/2000/svg}path").get("d") in fresh.svg_inline(scale=4, border=2)
    assert "plansite-qr" not in (built / "site" / "2025" / "briefings" / "cnipa" / "index.html").read_text(
        encoding="utf-8"
    )
    assert not (built / "site" / "2025" / "briefings" / "qr").exists()
