"""The Atom feed of an edition's implementation updates."""

from __future__ import annotations

from urllib.parse import quote

from plansite.formats.xmltext import xml_chars, xml_text
from plansite.view import urls
from plansite.view.index import EditionIndex
from plansite.view.labels import status_label


def atom_feed(view: EditionIndex, site_url: str | None) -> str:
    """An Atom feed with one entry per update, newest first; dates and ids come from the data, so
    the feed is the same on every build."""
    e = view.edition
    base = (site_url or "").rstrip("/")
    updates = view.recent_updates(n=len(e.updates))
    newest = max((u.date for u in e.updates), default=e.published)
    # Names go into the ids percent-encoded (an Atom id is an IRI: no spaces, no markup); the
    # bundled series and edition ids are unchanged by it, so published ids stay the same.
    series, edition = (quote(xml_chars(name), safe="-._~") for name in (e.series, e.id))
    feed_id = f"tag:plansite,{e.published.isoformat()}:{series}/{edition}/updates"
    tasks = {t.number: t for t in e.tasks}
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{xml_text(e.title_en)}: implementation updates</title>",
        f"  <id>{feed_id}</id>",
        f"  <updated>{newest.isoformat()}T00:00:00Z</updated>",
        f'  <link rel="alternate" href="{xml_text(base + urls.public(urls.progress(e)))}"/>',
        "  <author><name>plansite</name></author>",
    ]
    for u in updates:
        task = tasks[u.task]
        sources = "; ".join(f"{s.publisher}, {s.title}, {s.date.isoformat()}" for s in u.sources)
        lines += [
            "  <entry>",
            f"    <title>Task {u.task}: {xml_text(status_label(u.status))} ({u.date.isoformat()})</title>",
            f"    <id>{feed_id}/task-{u.task}/{u.date.isoformat()}</id>",
            f"    <updated>{u.date.isoformat()}T00:00:00Z</updated>",
            f'    <link rel="alternate" href="{xml_text(base + urls.public(urls.task(e, task)))}"/>',
            f"    <summary>{xml_text(' '.join(xml_chars(u.note_en + ' Sources: ' + sources).split()))}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
