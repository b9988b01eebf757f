#!/usr/bin/env python3
"""The same docs/ built by plain `mkdocs build` and by `python build.py`: same pages, same links.

Everything MkDocs is given is rendered before it runs, and the project has no MkDocs hook, so a
plain MkDocs run needs only a config file: mkdocs.yml with the rendered navigation and search
dictionary written into it. This builds the bundled data both ways and lists every difference in
the set of pages and in each page's links, then the differences in the pages' text once the
finishing step's own changes (a Content-Security-Policy, lang="zh" marks, no indentation) are
undone. Run it after a change to the engine, the finishing step or the MkDocs pins:

    .venv/bin/python bench/plain_mkdocs.py

Exit status 0 when nothing but the finishing step's changes differ.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plansite.catalog import read  # noqa: E402
from plansite.catalog.yamlio import dump_yaml  # noqa: E402
from plansite.commands.build import build  # noqa: E402
from plansite.commands.settings import BuildSettings  # noqa: E402
from plansite.render import render_site  # noqa: E402


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(f"{tag} {name}={value}")


def links_of(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return sorted(parser.links)


FINISHING = [
    (re.compile(r'\n?<meta http-equiv="Content-Security-Policy"[^>]*>'), ""),
    (re.compile(r'<span lang="zh">([^<]*)</span>'), r"\1"),
    (re.compile(r"\s+"), " "),
]


def unfinished(html: str) -> str:
    for pattern, replacement in FINISHING:
        html = pattern.sub(replacement, html)
    return html


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def main() -> int:
    epoch = 1700000000
    with tempfile.TemporaryDirectory(prefix="plansite-plain-") as tmp:
        work = Path(tmp)
        docs, ours, plain = work / "docs", work / "ours", work / "plain"
        build(
            ROOT,
            docs_dir=docs,
            site_dir=ours,
            with_offline=False,
            settings=BuildSettings(ROOT / "data", source_date_epoch=epoch),
        )
        catalog, _ = read(ROOT / "data")
        rendered = render_site(catalog)
        words = work / "search-words.txt"
        words.write_text(rendered.search_words, encoding="utf-8")
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        config = config.replace("custom_dir: templates/theme", f"custom_dir: {ROOT / 'templates' / 'theme'}")
        config = config.replace("docs_dir: docs", f"docs_dir: {docs}").replace("site_dir: site", f"site_dir: {plain}")
        config = config.replace("      lang: [en, zh]\n", f"      lang: [en, zh]\n      jieba_dict_user: {words}\n")
        config_file = work / "plain.yml"
        config_file.write_text(config + "\n" + dump_yaml({"nav": rendered.nav}), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)],
            capture_output=True,
            text=True,
            env={"SOURCE_DATE_EPOCH": str(epoch), "PATH": ""},
        )
        if done.returncode != 0:
            print(done.stderr)
            return 1
        a, b = pages(ours), pages(plain)
        differences = 0
        for name in sorted(a.keys() ^ b.keys()):
            differences += 1
            print(f"only in {'build.py' if name in a else 'plain mkdocs'}: {name}")
        for name in sorted(a.keys() & b.keys()):
            if links_of(a[name]) != links_of(b[name]):
                differences += 1
                print(f"links differ: {name}")
            elif unfinished(a[name]) != unfinished(b[name]):
                differences += 1
                print(f"text differs beyond the finishing step: {name}")
        print(
            f"{len(a)} pages by build.py, {len(b)} by plain MkDocs; {differences} difference(s) beyond the finishing "
            "step's "
            '(a Content-Security-Policy, lang="zh" marks, no indentation)'
        )
        return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
