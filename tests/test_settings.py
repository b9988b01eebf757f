"""Settings are read once, at the edges, and handed down: never through the environment."""

from __future__ import annotations

import ast
import os
import shutil
from pathlib import Path

import pytest

from plansite import engine
from plansite.catalog import read
from plansite.commands import build as pipeline
from plansite.commands.settings import BuildSettings
from plansite.render import render_site
from tests.conftest import DATA, ROOT
from tests.test_lineage import assemble

EDGE = "commands/cli.py"  # the command line: the one module that reads the environment
MKDOCS_EDGE = "engine/__init__.py"  # sets SOURCE_DATE_EPOCH for the length of one MkDocs run, which MkDocs reads


def environment_uses(source: str) -> list[int]:
    """Lines of `source` that touch the environment: os.environ, os.getenv/putenv/unsetenv, or
    any of them imported by name."""
    names = {"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"}

    def touches(node: ast.AST) -> bool:
        if isinstance(node, ast.ImportFrom):
            return node.module == "os" and any(a.name in names for a in node.names)
        return isinstance(node, ast.Attribute) and node.attr in names

    return sorted(node.lineno for node in ast.walk(ast.parse(source)) if touches(node))


def test_the_environment_is_read_only_at_the_command_line_edge() -> None:
    assert environment_uses("import os\nx = os.environ.get('A')\nos.putenv('B', '1')\nfrom os import getenv\n") == [
        2,
        3,
        4,
    ]
    package = ROOT / "plansite"
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in sorted(package.rglob("*.py"))
        if path.relative_to(package).as_posix() not in (EDGE, MKDOCS_EDGE)
        and (lines := environment_uses(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}
    assert environment_uses((package / EDGE).read_text(encoding="utf-8"))  # the edge is where it happens
    engine_source = (package / MKDOCS_EDGE).read_text(encoding="utf-8")
    assert 'os.environ.get("SOURCE_DATE_EPOCH")' in engine_source and "PLANSITE" not in engine_source


def test_only_the_engine_knows_mkdocs() -> None:
    """One package imports MkDocs: the rest of the build would run on another engine unchanged."""
    package = ROOT / "plansite"
    importers = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            if any(
                n == "mkdocs" or n.startswith("mkdocs.") or n == "material" or n.startswith("material.") for n in names
            ):
                importers.add(path.relative_to(package).as_posix())
    assert importers == {"engine/__init__.py"}


def test_the_offline_flag_and_the_address_arrive_in_each_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PLANSITE_SITE_URL", raising=False)
    catalog, _ = read(DATA)
    rendered = render_site(catalog)
    words = tmp_path / "words.txt"
    words.write_text(rendered.search_words, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    for site_url, offline in (("https://plans.example.org/", True), (None, False)):
        run = engine.Run(
            ROOT / "mkdocs.yml",
            tmp_path / "docs",
            tmp_path / "site",
            rendered.nav,
            words,
            site_url=site_url,
            offline=offline,
            exclude=rendered.short_links if offline else (),
        )
        config = engine.load(run)
        assert config.site_url == site_url
        assert config.plugins["material/offline"].config.enabled is offline
        assert config.nav == rendered.nav
        assert bool(config.exclude_docs and config.exclude_docs.match_file("2025/57/index.html")) is offline
    monkeypatch.setenv(
        "PLANSITE_SITE_URL", "https://elsewhere.example.org/"
    )  # mkdocs.yml's !ENV: not used by the engine
    config = engine.load(engine.Run(ROOT / "mkdocs.yml", tmp_path / "docs", tmp_path / "site", rendered.nav, words))
    assert config.site_url is None


def test_two_builds_in_one_process_each_have_their_own_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Building in-process with an address and then without: the second keeps nothing of the
    first, and neither leaves anything in the environment."""
    monkeypatch.delenv("PLANSITE_SITE_URL", raising=False)
    environment = dict(os.environ)
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    data = assemble(tmp_path / "data")  # the small fixture series: the settings, not the pages, are at issue
    canonical = '<link rel="canonical" href="https://plans.example.org/2091/tasks/2/">'
    for site_url in ("https://plans.example.org/", None):
        site = tmp_path / ("hosted" if site_url else "local")
        settings = BuildSettings(data, site_url=site_url, source_date_epoch=1700000000)
        pipeline.build(ROOT, docs_dir=docs, site_dir=site, with_offline=False, settings=settings)
        html = (site / "2091" / "tasks" / "2" / "index.html").read_text(encoding="utf-8")
        assert (canonical in html) is bool(site_url)
        assert (
            "https://plans.example.org/2091/tasks/2/"
            in (site / "2091" / "cite" / "task-2.bib").read_text(encoding="utf-8")
        ) is bool(site_url)
        assert ("https://plans.example.org/" in (site / "sitemap.xml").read_text(encoding="utf-8")) is bool(site_url)
        assert ("navigation.instant" in html) is bool(site_url)
        assert dict(os.environ) == environment
