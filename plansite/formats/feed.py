"""Atom feeds of an edition's implementation updates: one for the edition, one per department (the
tasks it is named on) and one per topic. Each update is an entry linking its task and its sources."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from plansite.catalog import notes
from plansite.catalog.progress import Source, Update
from plansite.formats.xmltext import xml_chars, xml_text
from plansite.view import urls
from plansite.view.index import EditionIndex
from plansite.view.labels import cited_title, status_label, task_title


@dataclass(frozen=True)
class FeedSpec:
    """One feed: what it is about, its own path and id part, and the page it belongs to."""

    title: str
    path: str  # urls.* path of the feed file
    page: str  # urls.* path of the page it accompanies
    id_part: str  # "updates", "departments/cnipa/updates", …
    tasks: frozenset[int] | None = None  # None: every task of the edition


def edition_feeds(view: EditionIndex) -> list[FeedSpec]:
    e = view.edition
    feeds = [FeedSpec(f"{cited_title(e)}: implementation updates", urls.feed(e), urls.progress(e), "updates")]
    for d in view.departments:
        feeds.append(
            FeedSpec(
                f"{cited_title(e)}: updates on tasks naming {d.name_en} ({d.name_zh})",
                urls.department_feed(e, d),
                urls.department(e, d),
                f"departments/{d.id}/updates",
                frozenset(t.number for t in view.named_on(d.id)),
            )
        )
    for topic in view.topic_list:
        feeds.append(
            FeedSpec(
                f"{cited_title(e)}: updates on {topic.name_en} ({topic.name_zh})",
                urls.topic_feed(e, topic),
                urls.topic(e, topic),
                f"topics/{topic.id}/updates",
                frozenset(t.number for t in view.tasks_of(topic)),
            )
        )
    return feeds


def atom_feed(view: EditionIndex, site_url: str | None, spec: FeedSpec | None = None) -> str:
    """An Atom feed with one entry per update, newest first; dates and ids come from the data, so
    the feed is the same on every build."""
    e = view.edition
    spec = spec or edition_feeds(view)[0]
    base = (site_url or "").rstrip("/")
    chosen = [u for u in view.recent_updates(n=len(e.updates)) if spec.tasks is None or u.task in spec.tasks]
    newest = max((u.date for u in chosen), default=e.published)
    # Names go into the ids percent-encoded (an Atom id is an IRI: no spaces, no markup); the
    # bundled series and edition ids are unchanged by it, so published ids stay the same.
    series, edition = (quote(xml_chars(name), safe="-._~") for name in (e.series, e.id))
    feed_id = f"tag:plansite,{e.published.isoformat()}:{series}/{edition}"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{xml_text(spec.title)}</title>",
        f"  <id>{feed_id}/{quote(xml_chars(spec.id_part), safe='-._~/')}</id>",
        f"  <updated>{newest.isoformat()}T00:00:00Z</updated>",
        f'  <link rel="alternate" href="{xml_text(base + urls.public(spec.page))}"/>',
        f'  <link rel="self" href="{xml_text(base + "/" + spec.path)}"/>',
        "  <author><name>plansite</name></author>",
    ]
    for u in chosen:
        task = e.task(u.task)
        lines += [
            "  <entry>",
            f"    <title>{xml_text(f'{task_title(task)}: {status_label(u.status)} ({u.date.isoformat()})')}</title>",
            # An update's id is the same in every feed it is in: the edition's feed gave it first.
            f"    <id>{feed_id}/updates/task-{u.task}/{u.date.isoformat()}</id>",
            f"    <updated>{u.date.isoformat()}T00:00:00Z</updated>",
            f'    <link rel="alternate" href="{xml_text(base + urls.public(urls.task(e, task)))}"/>',
            *(f'    <link rel="related" href="{xml_text(s.url)}"/>' for s in u.sources if s.url),
            f"    <summary>{xml_text(summary(u))}</summary>",
            f'    <content type="html">{xml_text(content(u))}</content>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def summary(u: Update) -> str:
    sources = "; ".join(source_words(s) for s in u.sources)
    return " ".join(xml_chars(f"{notes.to_text(u.note_en)} Sources: {sources}").split())


def source_words(s: Source) -> str:
    parts = [s.publisher, s.date.isoformat() if s.date else "no date given", s.title or "no title given"]
    return ", ".join(parts) + (f" ({s.url})" if s.url else "")


def content(u: Update) -> str:
    """The entry as HTML: the notes (their Markdown subset as <em>, <strong> and links) and a list
    of the sources, each with its publisher, date, title and address."""
    items = "".join(f"<li>{source_html(s)}</li>" for s in u.sources)
    zh = f'<p lang="zh">{xml_chars(notes.to_html(u.note_zh))}</p>' if u.note_zh else ""
    return f"{zh}<p>{xml_chars(notes.to_html(u.note_en))}</p><p>Sources:</p><ul>{items}</ul>"


def source_html(s: Source) -> str:
    title = html.escape(xml_chars(s.title or "no title given"))
    words = html.escape(xml_chars(f"{s.publisher}, {s.date.isoformat() if s.date else 'no date given'}: "))
    if s.url:
        return f'{words}<a href="{html.escape(xml_chars(s.url))}">{title}</a>'
    return f"{words}{title} ({html.escape(xml_chars(s.url_note))})"


def feed_pairs(view: EditionIndex, site_url: str | None) -> Iterable[tuple[str, str]]:
    """(path, Atom text) of every feed of the edition."""
    for spec in edition_feeds(view):
        yield spec.path, atom_feed(view, site_url, spec)
