"""Settings are read once, at the edges, and handed down: never through the environment."""

from __future__ import annotations

import ast
import os
import shutil
from pathlib import Path

import pytest

from plansite import pipeline
from plansite.settings import BuildSettings, Handover, handed_over
from tests.conftest import DATA, ROOT

EDGE = "cli.py"  # the command line: the one module that reads (and, for MkDocs, sets) the environment


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
    assert environment_uses("import os\nx = os.environ.get('A')\nos.putenv('B', '1')\nfrom os import getenv\n") == [2, 3, 4]
    offenders = {str(path.relative_to(ROOT)): lines for path in sorted((ROOT / "plansite").rglob("*.py"))
                 if path.name != EDGE and (lines := environment_uses(path.read_text(encoding="utf-8")))}
    assert offenders == {}
    assert environment_uses((ROOT / "plansite" / EDGE).read_text(encoding="utf-8"))  # the edge is where it happens


def test_the_hook_does_not_import_the_orchestrator() -> None:
    tree = ast.parse((ROOT / "plansite" / "hooks.py").read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
    assert "plansite.pipeline" not in imported and "plansite.cli" not in imported


def test_the_offline_flag_and_the_address_arrive_in_each_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLANSITE_SITE_URL", raising=False)
    catalog, _ = pipeline.read(DATA)
    (tmp_path / "docs").mkdir()
    configs = []
    for settings in (BuildSettings(DATA, site_url="https://plans.example.org/", offline=True), BuildSettings(DATA)):
        config = pipeline.mkdocs_config(ROOT / "mkdocs.yml", tmp_path / "docs", tmp_path / "site", Handover(settings, catalog))
        configs.append(config)
        assert config.site_url == settings.site_url
        assert config.plugins["material/offline"].config.enabled is settings.offline
        assert handed_over(config) == Handover(settings, catalog)
    monkeypatch.setenv("PLANSITE_SITE_URL", "https://elsewhere.example.org/")  # MkDocs' own edge: not used under the pipeline
    config = pipeline.mkdocs_config(ROOT / "mkdocs.yml", tmp_path / "docs", tmp_path / "site", Handover(BuildSettings(DATA), catalog))
    assert config.site_url is None


def test_two_builds_in_one_process_each_have_their_own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Building in-process with an address and then without: the second keeps nothing of the
    first, and neither leaves anything in the environment."""
    monkeypatch.delenv("PLANSITE_SITE_URL", raising=False)
    environment = dict(os.environ)
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    canonical = '<link rel="canonical" href="https://plans.example.org/2025/tasks/57/">'
    for site_url in ("https://plans.example.org/", None):
        site = tmp_path / ("hosted" if site_url else "local")
        settings = BuildSettings(DATA, site_url=site_url, source_date_epoch=1700000000)
        pipeline.build(ROOT, docs_dir=docs, site_dir=site, with_offline=False, settings=settings)
        html = (site / "2025" / "tasks" / "57" / "index.html").read_text(encoding="utf-8")
        assert (canonical in html) is bool(site_url)
        assert ("https://plans.example.org/2025/tasks/57/" in (site / "2025" / "cite" / "task-57.bib").read_text(encoding="utf-8")) is bool(site_url)
        assert ("https://plans.example.org/" in (site / "sitemap.xml").read_text(encoding="utf-8")) is bool(site_url)
        assert ("navigation.instant" in html) is bool(site_url)
        assert dict(os.environ) == environment


def test_mkdocs_on_its_own_reads_the_data_beside_its_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs build` without build.py: the hook is its own edge (data/ beside mkdocs.yml)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from plansite.render import render_pages
    from plansite.write import sync

    monkeypatch.delenv("PLANSITE_SITE_URL", raising=False)
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    catalog, _ = pipeline.read(DATA)
    sync(docs, render_pages(catalog))
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(tmp_path / "site"), strict=True)
    assert handed_over(config) is None
    build(config)
    assert handed_over(config) is not None and handed_over(config).settings.data_dir == ROOT / "data"
    assert (tmp_path / "site" / "2025" / "cite" / "task-57.bib").exists()  # made by the hook from the data
    assert not (tmp_path / "site" / "2025" / "downloads" / "plansite-2025-offline.zip").exists()
