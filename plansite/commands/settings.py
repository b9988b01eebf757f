"""What one build is asked to do, read once at the command line and passed down, and the date
everything it stamps carries. Nothing below the command line reads the environment."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

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
