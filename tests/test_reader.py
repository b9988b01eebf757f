"""What a reader sees: no Markdown, attribute-list, template or escaping residue in the visible text
of any page (hosted and offline), and, in a real Chromium at a desktop and a phone width, no content
pushed off-screen out of reach, matrix columns that can be scrolled to, form fields that can be seen,
and a navigation that names every section of the plan.

The layout checks measure every page kind once per width in one browser session (`layout`) and
each test asserts one property over all of them, listing every page that fails it.
`make screenshots` (scripts/screenshots.py) shows the same pages as images for a human to look at."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests import sitewalk
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, DATA, reader_pages  # noqa: F401 (scripts/screenshots.py imports them from here)

# --- Visible text, from the HTML alone ------------------------------------------------------------

RESIDUE = {
    "attribute list `{:`": re.compile(r"\{:"),
    "heading id `{#id}`": re.compile(r"\{#[\w:.-]*\}"),
    "template `{{`": re.compile(r"\{\{|\}\}"),
    "template `{%`": re.compile(r"\{%|%\}"),
    "bold markers `**`": re.compile(r"\*\*"),
    "link syntax `](`": re.compile(r"\]\("),
    "code span backticks": re.compile(r"`[^`\n]+`"),
    "backslash escape": re.compile(r"\\[\\`*_{}\[\]()#+\-.!|<>]"),
    "escaped entity `&amp;`/`&lt;`/`&#`": re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+);?|&[a-zA-Z][a-zA-Z0-9]{1,31};"),
    "table rule `| --- |`": re.compile(r"\|\s*:?-{3,}:?\s*\|"),
    "admonition `!!!`": re.compile(r"!!!"),
}

# Text a reader never sees as text: code (shown as code on purpose), scripts, form field contents.
SKIPPED = {"script", "style", "pre", "code", "kbd", "samp", "textarea", "template", "svg", "math", "noscript", "head"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
# The elements that break lines: the site walker's, with the description lists, quotes, rules and
# captions a reader sees apart (head and input hold no visible text here).
BLOCKS = (sitewalk.BLOCKS - {"head", "input"}) | {"dt", "dd", "blockquote", "hr", "figcaption"}
HIDDEN_CLASSES = re.compile(r"(?:^|\s)(?:md-visually-hidden|visually-hidden|sr-only)(?:\s|$)")


class VisibleText(HTMLParser):
    """The text of a page as a reader sees it: entities decoded once (as the browser does), without
    the elements in SKIPPED, elements with `hidden` or a visually-hidden class, and the <head> (but
    with its <title>, which the browser shows)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []  # the open element that started the skip, and any nested same-name ones
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.parts.append("\n")
        if tag == "title":
            self.in_title = True
        if tag in VOID:
            return
        if self.skipping:
            if tag == self.skipping[0]:
                self.skipping.append(tag)
            return
        values = dict(attrs)
        if tag in SKIPPED or "hidden" in values or HIDDEN_CLASSES.search(values.get("class") or ""):
            self.skipping.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if self.skipping and tag == self.skipping[0]:
            self.skipping.pop()
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title or not self.skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def residue(text: str) -> list[tuple[str, str]]:
    """Every residue pattern found in `text`: (what it is, the text around it)."""
    found = []
    for name, pattern in RESIDUE.items():
        for match in pattern.finditer(text):
            start, end = match.span()
            context = text[max(0, start - 50) : end + 30].replace("\n", " ⏎ ")
            found.append((name, context))
    return found


def residue_report(pages: dict[str, list[tuple[str, str]]], shown: int = 8) -> str:
    kinds: dict[str, int] = {}
    for found in pages.values():
        for name, _ in found:
            kinds[name] = kinds.get(name, 0) + 1
    lines = [
        f"{len(pages)} page(s) show markup residue as text ("
        + ", ".join(f"{name}: {count}" for name, count in sorted(kinds.items(), key=lambda kv: -kv[1]))
        + "):"
    ]
    for page, found in list(pages.items())[:shown]:
        lines.append(f"  {page}:")
        lines.extend(f"    {name}: …{context}…" for name, context in found[:3])
        if len(found) > 3:
            lines.append(f"    … and {len(found) - 3} more on this page")
    if len(pages) > shown:
        lines.append(
            f"  … and {len(pages) - shown} more page(s): "
            + ", ".join(list(pages)[shown : shown + 20])
            + (" …" if len(pages) > shown + 20 else "")
        )
    return "\n".join(lines)


def site_residue(site: Path) -> dict[str, list[tuple[str, str]]]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        found = residue(visible_text(path.read_text(encoding="utf-8")))
        if found:
            pages[str(path.relative_to(site))] = found
    return pages


@pytest.mark.parametrize(
    "html",
    [
        "<p>Status: done{: .plansite-badge }</p>",
        "<h2>Text {#text}</h2>",
        "<p>{{ task.text_en }}</p>",
        "<p>{% if x %}</p>",
        "<p>**Accelerate** the revision</p>",
        "<p>[Task 1](../1/)</p>",
        r"<p>the People\'s Republic\. of China</p>",
        "<p>R&amp;amp;D</p>",
        "<p>&amp;lt;b&amp;gt;</p>",
        "<p>&amp;#8212;</p>",
        "<p>| Task | Lead |\n| --- | --- |</p>",
        '<p>!!! note "Translation"</p>',
        "<p>exactly what `build.py export` writes</p>",
    ],
)
def test_residue_is_seen(html: str) -> None:
    assert residue(visible_text(html)), html


@pytest.mark.parametrize(
    "html",
    [
        "<p>Use <code>{: .class }</code> and <code>**bold**</code></p>",
        "<pre><code>| --- | --- |\n[a](b) \\.</code></pre>",
        '<script>var a = "{{x}}"; b = c ** 2;</script><style>a{color:red}</style>',
        "<p>R&amp;D &lt;b&gt; &#8212; &quot;x&quot;</p>",  # entities decoded once are plain text
        "<span hidden>{: .x } **y**</span><p>fine</p>",
        '<span class="md-visually-hidden">{: x }</span>',
        "<div hidden><div><p>[a](b)</p></div><input hidden></div><p>after</p>",
        "<textarea>**draft**</textarea>",
        "<p>Article 3(2) [2025] No. 1 — 《专利法》(修正)</p>",
    ],
)
def test_residue_is_not_seen_where_a_reader_would_not(html: str) -> None:
    assert residue(visible_text(html)) == [], visible_text(html)


def test_hosted_pages_show_no_markup_residue(built: Path) -> None:
    pages = site_residue(built / "site")
    assert not pages, residue_report(pages)


def test_offline_pages_show_no_markup_residue(offline_copy: Path) -> None:
    pages = site_residue(offline_copy)
    assert not pages, residue_report(pages)


# --- Layout, in a real browser --------------------------------------------------------------------

WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
SIDEBAR_PAGES = ("home", "task", "department")  # the left navigation, checked at the desktop width

# One evaluation per page and width; returns plain data, the tests below judge it.
PROBE = r"""(sections) => {
  const root = document.documentElement;
  const vw = root.clientWidth, vh = window.innerHeight;
  const css = (el) => getComputedStyle(el);
  const shown = (el) => el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  const scrolls = (v) => v === 'auto' || v === 'scroll';
  const describe = (el) => {
    let s = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + [...el.classList].slice(0, 2).map(c => '.' + c).join('');
    const text = (el.innerText || '').trim().replace(/\s+/g, ' ');
    return text ? `${s} "${text.slice(0, 50)}${text.length > 50 ? '…' : ''}"` : s;
  };
  // The part of `rect` a reader can see: cut by every ancestor that clips without a scrollbar
  // (overflow hidden/clip) and by the viewport's width; an ancestor with a scrollbar only hides
  // what scrolling brings back, so it does not cut.
  const seen = (rect, el) => {
    let left = rect.left, right = rect.right, top = rect.top, bottom = rect.bottom;
    for (let a = el.parentElement; a && a !== root; a = a.parentElement) {
      const s = css(a), r = a.getBoundingClientRect();
      if (s.overflowX !== 'visible' && !scrolls(s.overflowX)) { left = Math.max(left, r.left); right = Math.min(right, r.right); }
      if (s.overflowY !== 'visible' && !scrolls(s.overflowY)) { top = Math.max(top, r.top); bottom = Math.min(bottom, r.bottom); }
    }
    return {left, right: Math.min(right, vw + window.scrollX), top, bottom, width: Math.min(right, vw) - left, height: bottom - top};
  };
  const report = {width: vw, height: vh, scrollWidth: root.scrollWidth};

  // (i) content wider than the viewport: outside every box that fits the screen, or in a box with
  // a scrollbar a reader cannot reach (more than a screen below the top of the box)
  const reachable = (box) => {
    if (box.getBoundingClientRect().height <= vh) return true;
    const first = box.querySelector('tr > :first-child');
    return !!first && css(first).position === 'sticky';
  };
  const sticking = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || r.right <= vw + 1 || !shown(el)) continue;
    let a = el.parentElement;
    while (a && a !== document.body && (css(a).overflowX === 'visible' || a.getBoundingClientRect().right > vw + 1)) a = a.parentElement;
    if (a && a !== document.body) continue;  // inside a box that fits the screen: judged below if it scrolls
    if (sticking.some(outer => outer.contains(el))) continue;
    sticking.push(el);
  }
  report.sticking = sticking.slice(0, 5).map(el => `${describe(el)} reaches x=${Math.round(el.getBoundingClientRect().right)}`);
  report.farScrollers = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!scrolls(css(el).overflowX) || el.scrollWidth <= el.clientWidth + 1 || !shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || reachable(el)) continue;
    report.farScrollers.push(`${describe(el)}: ${el.scrollWidth}px wide in ${el.clientWidth}px, `
      + `its scrollbar ${Math.round(r.height)}px below its top (screen ${vh}px), no sticky first column`);
  }

  // a table that scrolls sideways keeps its first column in view: scrolled to its end, the first
  // cell of a row still starts at the scroll box's left edge
  report.unpinned = [];
  report.scrollingTables = 0;
  for (const box of document.querySelectorAll('article *')) {
    const table = box.querySelector(':scope > table, :scope > * > table');
    if (!table || !scrolls(css(box).overflowX) || box.scrollWidth <= box.clientWidth + 1 || !shown(box)) continue;
    const cell = table.querySelector('tbody td');
    if (!cell) continue;
    report.scrollingTables += 1;
    box.scrollLeft = box.scrollWidth;
    const gap = cell.getBoundingClientRect().left - box.getBoundingClientRect().left;
    box.scrollLeft = 0;
    if (Math.abs(gap) > 2) report.unpinned.push(`${describe(table.querySelector('thead') || table)}: its first column moved ${Math.round(gap)}px`);
  }

  // tables of four columns or fewer (task lists) that do not fit: they should, without scrolling
  report.tightTables = [];
  for (const table of document.querySelectorAll('article table')) {
    const columns = table.querySelectorAll('thead th').length;
    const box = table.parentElement;
    if (columns && columns <= 4 && shown(table) && box.scrollWidth > box.clientWidth + 1)
      report.tightTables.push(`${describe(table.querySelector('thead'))}: ${box.scrollWidth}px wide in ${box.clientWidth}px`);
  }

  // (iii) form fields in the content without a visible border
  const canvas = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
  const rgba = (c) => { canvas.clearRect(0, 0, 1, 1); canvas.fillStyle = '#000'; canvas.fillStyle = c; canvas.fillRect(0, 0, 1, 1);
                        const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data; return [r, g, b, a / 255]; };
  const surface = (el) => {
    for (let a = el; a; a = a.parentElement) { const c = rgba(css(a).backgroundColor); if (c[3] > 0.5) return c; }
    return [255, 255, 255, 1];
  };
  const luminance = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                                           .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const contrast = (x, y) => { const [a, b] = [luminance(x), luminance(y)].sort((p, q) => q - p); return (a + 0.05) / (b + 0.05); };
  report.fields = [];
  for (const el of document.querySelectorAll('.md-content input, .md-content select, .md-content textarea')) {
    if (['hidden', 'checkbox', 'radio', 'submit', 'button', 'reset', 'image', 'range', 'color', 'file'].includes(el.type)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2 || !shown(el)) continue;
    const s = css(el), behind = surface(el.parentElement);
    const missing = ['top', 'right', 'bottom', 'left'].filter(side => {
      const width = parseFloat(s.getPropertyValue(`border-${side}-width`));
      const style = s.getPropertyValue(`border-${side}-style`);
      const c = rgba(s.getPropertyValue(`border-${side}-color`));
      const blended = c.slice(0, 3).map((v, i) => v * c[3] + behind[i] * (1 - c[3]));
      return !(width > 0) || style === 'none' || style === 'hidden' || c[3] === 0 || contrast(blended, behind) < 1.1;
    });
    if (missing.length) {
      const name = el.name || el.id || el.type;
      report.fields.push(`${el.tagName.toLowerCase()}[name=${name}] has no visible border on ${missing.join(', ')} `
        + `(border ${s.borderBottomWidth} ${s.borderBottomStyle} ${s.borderBottomColor} on ${css(el.parentElement).backgroundColor})`);
    }
  }

  // (iv) the left navigation names every section, whole
  const nav = document.querySelector('.md-sidebar--primary');
  report.navShown = !!nav && shown(nav) && nav.getBoundingClientRect().width > 1;
  report.navMissing = [];
  for (const name of sections) {
    let status = 'absent';
    const walker = nav ? document.createTreeWalker(nav, NodeFilter.SHOW_TEXT) : null;
    while (walker && walker.nextNode()) {
      const node = walker.currentNode, at = node.textContent.indexOf(name);
      if (at < 0) continue;
      if (!shown(node.parentElement)) { status = status === 'absent' ? 'hidden (collapsed)' : status; continue; }
      const range = document.createRange();
      range.setStart(node, at); range.setEnd(node, at + name.length);
      const r = range.getBoundingClientRect(), v = seen(r, node.parentElement);
      if (r.width < 1 || v.height < 1) { status = status === 'absent' ? 'hidden (collapsed)' : status; continue; }
      if (v.right < r.right - 1 || v.left > r.left + 1) { status = 'cut off'; continue; }
      status = 'ok'; break;
    }
    if (status !== 'ok') report.navMissing.push(`${name}: ${status}`);
  }

  // (v) the visible text
  const parts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (!node.textContent.trim() || parent.closest('script, style, pre, code, kbd, samp, textarea, template, svg, noscript, [hidden]')) continue;
    if (!shown(parent)) continue;
    const r = parent.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;
    parts.push(node.textContent, css(parent).display === 'inline' ? '' : '\n');
  }
  report.text = parts.join('');
  return report;
}"""

# Bring each matrix column heading's right edge into view as a reader can: with a scrollbar (of the
# table's box or of the page; a box that hides its overflow cannot be scrolled by a reader) that is
# on screen together with the headings (the box fits the screen, or its headings or first column
# stay put while scrolling down to it). Lists the headings that cannot be brought into view so.
MATRIX_PROBE = r"""() => {
  const root = document.documentElement, vw = root.clientWidth, vh = window.innerHeight;
  const css = (el) => getComputedStyle(el);
  const scrolls = (v) => v === 'auto' || v === 'scroll';
  const table = document.querySelector('.plansite-matrix table')
    || [...document.querySelectorAll('.md-content table')].sort((a, b) => b.querySelectorAll('th').length - a.querySelectorAll('th').length)[0];
  if (!table) return {columns: 0, hidden: ['no table on the page']};
  const pageScrolls = ![css(root).overflowX, css(document.body).overflowX].some(v => v === 'hidden' || v === 'clip');
  const heads = [...table.querySelectorAll('thead th')];
  const hidden = [];
  for (const th of heads) {
    const label = `"${th.innerText.trim().replace(/\s+/g, ' ')}"`;
    let far = null;
    for (let a = th.parentElement; a && a !== document.body && a !== root; a = a.parentElement) {
      if (!scrolls(css(a).overflowX) || a.scrollWidth <= a.clientWidth + 1) continue;
      const box = a.getBoundingClientRect(), r = th.getBoundingClientRect();
      const inner = box.left + a.clientLeft + a.clientWidth;
      if (r.right <= inner + 1) continue;
      a.scrollLeft += r.right - inner;
      const first = a.querySelector('tr > :first-child');
      const stays = [th, th.parentElement, th.closest('thead')].some(e => e && css(e).position === 'sticky')
                    || (first && css(first).position === 'sticky');
      if (box.height > vh && !stays) far = Math.round(box.bottom - th.getBoundingClientRect().top);
    }
    let r = th.getBoundingClientRect();
    if (pageScrolls && r.right > vw) { window.scrollBy(r.right - vw, 0); r = th.getBoundingClientRect(); }
    let right = Math.min(r.right, vw), left = Math.max(r.left, 0);
    for (let a = th.parentElement; a && a !== root; a = a.parentElement) {
      if (css(a).overflowX === 'visible') continue;
      const box = a.getBoundingClientRect();
      right = Math.min(right, box.left + a.clientLeft + a.clientWidth); left = Math.max(left, box.left);
    }
    if (right < r.right - 1 || right <= left) hidden.push(`${label} cut off at ${Math.round(right)}px (its right edge is at ${Math.round(r.right)}px)`);
    else if (far !== null) hidden.push(`${label} only with a scrollbar ${far}px below the headings (screen ${vh}px)`);
    for (let a = th.parentElement; a; a = a.parentElement) a.scrollLeft = 0;
    window.scrollTo(0, window.scrollY);
  }
  return {columns: heads.length, hidden};
}"""

# After "load": let running transitions (Material fades its tabs in) finish, at most 2 s, then two frames.
SETTLE = """() => Promise.race([Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))),
                            new Promise(done => setTimeout(done, 2000))])
               .then(() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))))"""


@pytest.fixture(scope="module")
def reader_browser(chromium: object) -> object:
    """One Chromium for every layout check in this file: the session's (conftest.chromium)."""
    return chromium


def section_names() -> list[str]:
    from plansite.catalog.load import load

    return [s.title_zh or s.title_en for s in load(DATA)[0].editions[0].sections]


@pytest.fixture(scope="module")
def layout(reader_browser: object, site_server: str) -> dict[tuple[str, str], dict]:
    """Every page kind measured at every width: {(kind, width name): what PROBE saw}, plus the
    matrix's column check under "matrix". Each page loads once, at the first width, and is then
    resized to the others: the layout follows the window (CSS and the site's resize handler), and
    one load instead of two halves the time."""
    results = {}
    sections, pages = section_names(), reader_pages()
    context = reader_browser.new_context()
    page = context.new_page()
    for kind, path in pages.items():
        for index, (width_name, (width, height)) in enumerate(WIDTHS.items()):
            page.set_viewport_size({"width": width, "height": height})
            if index == 0:
                response = page.goto(site_server + path, wait_until="load")
            page.evaluate(SETTLE)
            report = page.evaluate(PROBE, sections)
            report["status"] = response.status if response else None
            if kind == "matrix":
                report["matrix"] = page.evaluate(MATRIX_PROBE)
            report["path"] = path
            results[(kind, width_name)] = report
    context.close()
    return results


def where(report: dict, width_name: str) -> str:
    return f"{report['path']} at {report['width']}×{report['height']} ({width_name})"


def failures_report(failures: list[str], what: str) -> str:
    return f"{len(failures)} {what}:\n" + "\n".join(f"  {line}" for line in failures)


@pytest.mark.browser
def test_every_page_kind_was_measured(layout: dict[tuple[str, str], dict]) -> None:
    statuses = {(kind, width): report["status"] for (kind, width), report in layout.items()}
    expected = {(kind, width): 404 if kind == "not-found" else 200 for kind in reader_pages() for width in WIDTHS}
    assert statuses == expected
    site_name = "知识产权强国建设推进计划"
    assert site_name in layout[("not-found", "desktop")]["text"], "the missing path did not get the site's own 404 page"


@pytest.mark.browser
def test_no_content_is_wider_than_the_screen_out_of_reach(layout: dict[tuple[str, str], dict]) -> None:
    """(i) The page never scrolls sideways, and what is wider than the screen sits in a box with a
    scrollbar a reader can reach: the box is no taller than the screen, or its first column stays put."""
    failures = []
    for (_kind, width_name), report in layout.items():
        if report["scrollWidth"] > report["width"]:
            failures.append(f"{where(report, width_name)}: the page scrolls sideways ({report['scrollWidth']}px wide)")
        failures += [f"{where(report, width_name)}: off the screen: {item}" for item in report["sticking"]]
        failures += [f"{where(report, width_name)}: out-of-reach scrollbar: {item}" for item in report["farScrollers"]]
    assert not failures, failures_report(failures, "place(s) where content is wider than the screen and out of reach")


@pytest.mark.browser
def test_a_table_that_scrolls_sideways_keeps_its_first_column(layout: dict[tuple[str, str], dict]) -> None:
    failures = [
        f"{where(report, width_name)}: {item}"
        for (_kind, width_name), report in layout.items()
        for item in report["unpinned"]
    ]
    # The probe found the tables that scroll (else it would pass by finding none).
    assert layout[("matrix", "phone")]["scrollingTables"] >= 1
    assert not failures, failures_report(failures, "scrolling table(s) whose first column scrolls away")


@pytest.mark.browser
def test_tables_of_four_columns_fit_a_phone_without_scrolling(layout: dict[tuple[str, str], dict]) -> None:
    failures = [
        f"{where(report, width_name)}: {item}"
        for (_kind, width_name), report in layout.items()
        for item in report["tightTables"]
    ]
    assert not failures, failures_report(failures, "table(s) of four columns or fewer that scroll sideways")


@pytest.mark.browser
def test_every_matrix_column_can_be_scrolled_into_view(layout: dict[tuple[str, str], dict]) -> None:
    """(ii) Each column heading of the responsibility matrix can be brought on screen, right edge
    included, with a scrollbar that is on screen together with the headings."""
    failures = []
    for width_name in WIDTHS:
        report = layout[("matrix", width_name)]
        assert report["matrix"]["columns"] > 1, f"{where(report, width_name)}: no matrix table found"
        failures += [f"{where(report, width_name)}: {item}" for item in report["matrix"]["hidden"]]
    assert not failures, failures_report(failures, "matrix column(s) a reader cannot bring into view")


@pytest.mark.browser
def test_form_fields_have_a_visible_border(layout: dict[tuple[str, str], dict]) -> None:
    """(iii) Every text box and list in the content shows its edge: a border on all four sides, not
    transparent, and not the colour of what it sits on."""
    failures = [
        f"{where(report, width_name)}: {item}"
        for (_kind, width_name), report in layout.items()
        for item in report["fields"]
    ]
    assert not failures, failures_report(failures, "form field(s) without a visible border")


@pytest.mark.browser
def test_desktop_navigation_names_every_section(layout: dict[tuple[str, str], dict]) -> None:
    """(iv) On a desktop the left navigation shows every section of the plan by its heading, whole
    (not collapsed away, not cut off by an ellipsis), on the home, task and department pages."""
    failures = []
    for kind in SIDEBAR_PAGES:
        report = layout[(kind, "desktop")]
        if not report["navShown"]:
            failures.append(f"{where(report, 'desktop')}: no left navigation shown")
        failures += [f"{where(report, 'desktop')}: {item}" for item in report["navMissing"]]
    assert not failures, failures_report(failures, "section heading(s) the desktop navigation does not show")


@pytest.mark.browser
def test_visible_text_in_the_browser_shows_no_markup_residue(layout: dict[tuple[str, str], dict]) -> None:
    """(v) What the browser renders as visible text carries none of the residue of RESIDUE."""
    failures = []
    for (_kind, width_name), report in layout.items():
        failures += [f"{where(report, width_name)}: {name}: …{context}…" for name, context in residue(report["text"])]
    assert not failures, failures_report(failures, "piece(s) of markup residue shown as text")


# --- The probes themselves, on small pages whose answer is known -----------------------------------


def wide_table(rows: int) -> str:
    head = "".join(f"<th>Column{i}</th>" for i in range(12))
    body = "".join("<tr>" + "".join(f"<td>cell{r}x{i}</td>" for i in range(12)) + "</tr>" for r in range(rows))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


PROBE_CASES = {
    "fits": ("<div class='md-content'><p>short</p><input type=search name=q style='border:1px solid #888'></div>", {}),
    "page wider than the screen": ("<div style='width:900px'>wide</div>", {"scrollWidth": True, "sticking": True}),
    "cut off by the page": (
        "<style>html,body{overflow-x:hidden}</style><div style='width:900px'>wide</div>",
        {"sticking": True},
    ),
    "short scroll box": (f"<div class='plansite-matrix' style='overflow-x:auto'>{wide_table(3)}</div>", {}),
    "tall scroll box": (
        f"<div class='plansite-matrix' style='overflow-x:auto'>{wide_table(80)}</div>",
        {"farScrollers": True, "matrix": True},
    ),
    "tall box, sticky column": (
        "<style>tr>:first-child{position:sticky;left:0;background:#fff}</style>"
        f"<div class='plansite-matrix' style='overflow-x:auto'>{wide_table(80)}</div>",
        {},
    ),
    "hidden overflow": (
        f"<div class='plansite-matrix' style='overflow:hidden'>{wide_table(3)}</div>",
        {"matrix": True},
    ),
    "borderless field": (
        "<div class='md-content'><input type=search name=q style='border:0'>"
        "<select name=s style='border:1px solid transparent'><option>x</select>"
        "<input name=t style='border:1px solid #fff'></div>",
        {"fields": 3},
    ),
    "visible field": (
        "<div class='md-content' style='background:#222'><input name=q style='border:2px solid #ccc;background:#222'></div>",
        {},
    ),
    "hidden residue": (
        "<p>ok <code>{: .x }</code><span style='display:none'>**b**</span><span hidden>{{ x }}</span>"
        "<span style='position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)'>[a](b)</span></p>",
        {},
    ),
    "shown residue": ("<p>done{: .plansite-badge }</p>", {"text": True}),
}


@pytest.mark.browser
def test_the_layout_probe_judges_known_pages(reader_browser: object) -> None:
    context = reader_browser.new_context(viewport={"width": 390, "height": 600})
    page = context.new_page()
    wrong = []
    for name, (body, expected) in PROBE_CASES.items():
        page.set_content(f"<!doctype html><html><body style='margin:0'>{body}</body></html>")
        page.evaluate(SETTLE)
        report = page.evaluate(PROBE, [])
        found = {
            "scrollWidth": report["scrollWidth"] > report["width"],
            "sticking": bool(report["sticking"]),
            "farScrollers": bool(report["farScrollers"]),
            "fields": len(report["fields"]),
            "text": bool(residue(report["text"])),
        }
        if "plansite-matrix" in body:
            found["matrix"] = bool(page.evaluate(MATRIX_PROBE)["hidden"])
        unexpected = {key: value for key, value in found.items() if value != expected.get(key, type(value)())}
        if unexpected:
            wrong.append(f"{name}: {unexpected} ({report})")
    context.close()
    assert not wrong, "\n".join(wrong)
