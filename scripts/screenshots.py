"""Full-page screenshots of one page of every kind, at a desktop and a phone width, and PDF prints
(A4, as Chromium prints them) of the pages people print: for a human to look at what a reader sees.

    .venv/bin/python scripts/screenshots.py [--site DIR] [--out DIR]

`make screenshots` builds the site first if site/ is missing. The pages and widths are those of
tests/test_reader.py; the site is served on a local port, with its 404 page for a missing path."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import reader_pages, serve_site  # noqa: E402
from tests.test_reader import CHROMIUM, CHROMIUM_ARGS, SETTLE, WIDTHS  # noqa: E402

PRINTED = ("matrix", "task-table", "task", "print", "briefing", "section", "department")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--out", type=Path, default=ROOT / "test-artifacts" / "screenshots", help="where the images go")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(
            f"no built site in {args.site}: run `make site` (or `make screenshots`, which builds it)", file=sys.stderr
        )
        return 1
    if not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM}: run `bash scripts/ensure-browser.sh` as root", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    for old in [*args.out.glob("*.png"), *args.out.glob("*.pdf")]:
        old.unlink()
    pages = reader_pages()
    written: dict[str, list[Path]] = {kind: [] for kind in pages}
    problems: list[str] = []
    started = time.monotonic()
    with serve_site(args.site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width_name, (width, height) in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            for kind, path in pages.items():
                response = page.goto(base + path, wait_until="load")
                status = response.status if response else None
                if status != (404 if kind == "not-found" else 200):
                    problems.append(
                        f"{kind} {path} answered {status} at {width}px: is {args.site} built from the current data "
                        "and code?"
                    )
                page.evaluate(SETTLE)
                target = args.out / f"{kind}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                written[kind].append(target)
                if width_name == "desktop" and kind in PRINTED:
                    target = args.out / f"{kind}.pdf"
                    page.pdf(path=str(target), format="A4", print_background=True)
                    written[kind].append(target)
            context.close()
        browser.close()
    files = [f for kind_files in written.values() for f in kind_files]
    print(
        f"{sum(f.suffix == '.png' for f in files)} screenshots and {sum(f.suffix == '.pdf' for f in files)} PDFs "
        f"of {args.site} in {args.out} ({time.monotonic() - started:.0f} s):"
    )
    for kind, path in pages.items():
        print(f"  {kind:<14} {path:<34} " + ", ".join(f.name for f in written[kind]))
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
