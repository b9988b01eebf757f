"""Short links: a tiny HTML page that forwards to a task's permanent page."""

from __future__ import annotations

import html
from urllib.parse import quote


def redirect_page(target: str) -> str:
    """A short link (/2025/57/) that forwards to the task's permanent page. The target is
    percent-encoded as a URL and escaped as an attribute; the finishing step adds the site's
    Content-Security-Policy (the page has no script)."""
    href = html.escape(quote(target, safe="/.-_~%#?&=:"), quote=True)
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n<link rel="canonical" href="{href}">\n'
        f'<title>Redirecting…</title></head>\n<body><p><a href="{href}">{href}</a></p></body></html>\n'
    )
