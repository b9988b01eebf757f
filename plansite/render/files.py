"""The generated files that are not pages: downloads, citation files, charts, the feed and short
links. MkDocs publishes them as they are."""

from __future__ import annotations

import io

import segno

from plansite.formats import cite
from plansite.formats.chartdata import department_chart, edition_charts, progress_chart
from plansite.formats.charts import svg
from plansite.formats.export import FORMATS, export
from plansite.formats.feed import feed_pairs
from plansite.formats.redirects import redirect_page
from plansite.view import urls
from plansite.view.index import EditionIndex


def edition_files(view: EditionIndex, site_url: str | None) -> dict[str, str]:
    e = view.edition
    files: dict[str, str] = {}
    for task in e.tasks:
        lead = view.first_named(task)
        for ext, make in cite.FORMATS.items():
            files[urls.cite(e, task, ext)] = make(e, task, lead, site_url)
        served_at = urls.public(urls.task(e, task)).lstrip("/") + "index.html"
        files[urls.short_link(e, task)] = redirect_page(
            urls.relative(urls.short_link(e, task), served_at).removesuffix("index.html")
        )
    for fmt in FORMATS:
        files[urls.download(e, fmt)] = export(view.catalog, e, fmt)
    for name, chart in edition_charts(view).items():
        files[urls.chart(e, name)] = svg(chart)
    for dept in view.departments:
        files[urls.chart(e, f"department-{dept.id}")] = svg(department_chart(view, dept))
    files[urls.chart(e, "progress")] = svg(progress_chart(view))
    files.update(feed_pairs(view, site_url))
    if site_url:  # a code on paper is only worth printing when it leads somewhere from anywhere
        for dept in view.departments:
            address = site_url.rstrip("/") + urls.public(urls.briefing(e, dept))
            files[urls.briefing_qr(e, dept)] = qr_svg(address, f"QR code: {address}")
    return files


def qr_svg(text: str, title: str) -> str:
    code = segno.make(text, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="svg", scale=4, border=2, xmldecl=False, title=title)
    return out.getvalue().decode("utf-8") + "\n"
