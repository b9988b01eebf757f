"""What one build is asked to do, read once at the command line and passed down, and the date
everything it stamps carries. Nothing below the command line reads the environment."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from plansite.catalog.model import Catalog


@dataclass(frozen=True)
class BuildSettings:
    data_dir: Path
    site_url: str | None = None  # the hosted address: absolute canonical URLs, sitemap, citations
    source_date_epoch: int | None = None  # every date stamped into the output (None: the newest publication date)


def commit_time(root: Path) -> int | None:
    """The last commit's time, when `root` is a git checkout: the default date of everything a
    build stamps (MkDocs gets it as SOURCE_DATE_EPOCH for its run: engine.source_date)."""
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=10
        )
        if out.returncode == 0 and out.stdout.strip():
            return int(out.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    return None


def publication_time(catalog: Catalog) -> int:
    """The newest edition's publication date: the stamp when there is no commit to take it from."""
    newest = max((e.published for e in catalog.editions), default=date(2025, 1, 1))
    return int(datetime(newest.year, newest.month, newest.day, tzinfo=UTC).timestamp())


def with_source_date(settings: BuildSettings, catalog: Catalog) -> BuildSettings:
    """Two builds of one commit must be byte-identical: the settings' date, or else the newest
    edition's publication date, so nothing depends on when the build ran."""
    if settings.source_date_epoch is not None:
        return settings
    return replace(settings, source_date_epoch=publication_time(catalog))


SITE_URL_MAX = 200  # characters: every citation, QR code and sitemap entry carries it with a page's path
LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
HOST = re.compile(rf"{LABEL}(?:\.{LABEL})*|\[[0-9A-Fa-f:.]+\]")
# A path of RFC 3986's characters: what needs no escaping in HTML, BibTeX, RIS or a QR code.
URL_PATH = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*")


def site_url_problem(url: str) -> str | None:
    """What is wrong with the site's address (PLANSITE_SITE_URL), or None. It goes into every
    canonical link, citation, feed and QR code, so it must be a plain http(s) address of a host."""
    shown = repr(url[:60] + ("…" if len(url) > 60 else ""))
    if len(url) > SITE_URL_MAX:
        return f"{shown} is {len(url)} characters long; the most is {SITE_URL_MAX}"
    if any(c.isspace() or not c.isprintable() for c in url):
        return f"{shown} holds a space or a control character"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"{shown} is not an http:// or https:// address"
    if parts.query or parts.fragment or "?" in url or "#" in url:
        return f"{shown} has a query (?…) or a fragment (#…); page addresses are appended to it"
    if "@" in parts.netloc:
        return f"{shown} holds a user name or password"
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number in range
    except ValueError:
        return f"{shown} has an invalid port"
    if not parts.hostname or not HOST.fullmatch(parts.netloc.rsplit(":", 1)[0] if parts.port else parts.netloc):
        return f"{shown} names no valid host (letters, digits, dots and hyphens; an IDN in its xn-- form)"
    if not URL_PATH.fullmatch(parts.path):
        return f"{shown} has a character in its path that must be percent-encoded"
    return None
