"""What one build is asked to do, read once at an edge and passed down.

The edges are the command line (`cli`, from its arguments and PLANSITE_SITE_URL / SOURCE_DATE_EPOCH)
and, when MkDocs runs on its own (`mkdocs build`, `mkdocs serve`), the hook's `on_config` (from
MkDocs' own config: data/ beside mkdocs.yml, `site_url`). Nothing in between reads the environment.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .model import Catalog


@dataclass(frozen=True)
class BuildSettings:
    data_dir: Path
    site_url: str | None = None  # the hosted address: absolute canonical URLs, sitemap, citations
    offline: bool = False  # this MkDocs run makes the offline copy (file://, no directory URLs)
    source_date_epoch: int | None = None  # every date stamped into the output (None: the pipeline's default)


@dataclass(frozen=True)
class Handover:
    """What the pipeline gives the MkDocs hook for one MkDocs run: its settings and the catalog it
    has just read and checked, so the hook neither reads the data again nor asks anyone else."""
    settings: BuildSettings
    catalog: Catalog


_KEY = "_plansite_handover"  # an attribute of the loaded MkDocs config: it lives exactly as long as that run


def hand_over(config: MkDocsConfig, handover: Handover) -> None:
    setattr(config, _KEY, handover)


def handed_over(config: MkDocsConfig) -> Handover | None:
    """The pipeline's hand-over for this run, or None when MkDocs was started on its own."""
    return getattr(config, _KEY, None)
