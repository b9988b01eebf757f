"""Command line: a thin layer over the commands. Run as `python build.py [command]`.

This is the edge where settings are read: the arguments and the environment (PLANSITE_SITE_URL,
SOURCE_DATE_EPOCH) become one settings.BuildSettings, passed down; nothing below reads them again.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from plansite import engine
from plansite.catalog import read
from plansite.catalog.problems import DataError
from plansite.catalog.yamlio import loops
from plansite.commands import build as pipeline
from plansite.commands.data import check_edition, import_source
from plansite.commands.link import link_editions
from plansite.commands.mentions import propose_instruments
from plansite.commands.serve import serve
from plansite.commands.settings import BuildSettings, commit_time, site_url_problem
from plansite.formats.export import FORMATS, export
from plansite.output import paths
from plansite.output.atomic import write_atomic
from plansite.output.errors import OutputError, oserror_text
from plansite.render import newest_first

ROOT = pipeline.ROOT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description="Build the plan website from data/.")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="data folder (default: data/)")
    # `build` is the default command: its options work without the command name too (build.py --no-offline).
    build_options(parser.add_argument_group("options of build, the default command"), top=True)
    commands = parser.add_subparsers(dest="command", metavar="command")
    bld = commands.add_parser("build", help="check the data, render docs/, build site/ (the default)")
    build_options(bld)
    commands.add_parser("check", help="check the data and report every problem; writes nothing")
    off = commands.add_parser(
        "offline", help="build only the offline copy: a zip that works from file:// with no network"
    )
    off.add_argument("--out", type=Path, help="zip to write (default: plansite-<edition>-offline.zip)")
    imp = commands.add_parser(
        "import",
        help=(
            "parse a translation (content.en.yaml) or the official Chinese text (official.zh.yaml, git-ignored) "
            "into data/editions/<edition>/"
        ),
    )
    imp.add_argument(
        "source",
        type=Path,
        help="an English translation as UTF-8 text, or the official Chinese text as text or the saved HTML page",
    )
    imp.add_argument("--edition", default="2025", help="edition id (default: 2025)")
    imp.add_argument(
        "--lang",
        choices=("auto", "en", "zh"),
        default="auto",
        help="the source's language (default: told from its layout)",
    )
    lnk = commands.add_parser(
        "link", help="propose each task of NEW its predecessor in OLD: data/lineage/OLD-NEW.yaml, for review"
    )
    lnk.add_argument("old", help="the older edition's id, e.g. 2024")
    lnk.add_argument("new", help="the newer edition's id, e.g. 2025")
    commands.add_parser(
        "review",
        help=(
            "list what a person should review: tasks with no topic, instrument-like phrases not in the registry, "
            "topics matching one task"
        ),
    )
    exp = commands.add_parser("export", help="write the data as JSON or CSV")
    exp.add_argument("--format", choices=FORMATS, default="json")
    exp.add_argument("--edition", help="edition id (default: the newest)")
    exp.add_argument("--out", type=Path, help="output file (default: standard output)")
    serve = commands.add_parser("serve", help="serve the site locally, re-rendering when data/ or templates/ change")
    serve.add_argument(
        "--dev-addr", type=dev_addr, default="127.0.0.1:8000", help="HOST:PORT to serve on (default: 127.0.0.1:8000)"
    )
    serve.add_argument("--docs", type=Path, default=ROOT / "docs", help="Markdown folder (default: docs/)")
    args = with_build_options(parser, parser.parse_args(argv))
    if problem := usage_problem(args):
        print(problem, file=sys.stderr)
        return 2

    # SIGTERM (a CI cancel, `kill`) unwinds like Ctrl-C, so staging folders are cleaned up.
    signal.signal(signal.SIGTERM, interrupt)
    # Ctrl-C interrupts even when the process was started with SIGINT ignored (as some launchers do).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return COMMANDS[args.command](args)
    except DataError as exc:
        print(exc, file=sys.stderr)
        count = len([p for p in exc.problems if p.severity == "error"])
        print(f"\n{count} error(s); nothing was written.", file=sys.stderr)
        return 1
    except paths.Refused as exc:  # an output path that would put the project or its data at risk: a usage error
        print(exc, file=sys.stderr)
        return 2
    except OutputError as exc:
        print(exc, file=sys.stderr)
        return 1
    except engine.BuildFailed as exc:
        print(f"MkDocs build failed: {exc}\nsite/ and docs/ were left as they were.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"interrupted; {INTERRUPTED[args.command]}.", file=sys.stderr)
        return 130
    except OSError as exc:  # anything else the file system refused: one line, not a traceback
        print(f"error: {oserror_text(exc)}", file=sys.stderr)
        return 1


def interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


# What an interrupted command left, said in one line: each writes its output whole or not at all.
INTERRUPTED = {
    "build": "site/ and docs/ were left as they were",
    "offline": "nothing was written",
    "check": "nothing was written",
    "import": "nothing was written: the data files are as they were",
    "link": "nothing was written: the data files are as they were",
    "review": "nothing was written",
    "export": "nothing was written",
    "serve": "the docs folder was left as it was",  # each update of it is whole or rolled back
}


# The build options, with their defaults (what the default command gets when they are not given).
def build_defaults() -> dict[str, object]:
    return {"docs": ROOT / "docs", "site": ROOT / "site", "no_offline": False}


def build_options(group: argparse._ActionsContainer, top: bool = False) -> None:
    """--docs, --site and --no-offline. On the top-level parser (`top`) they are kept apart (top_site…)
    and set only when given, as a subcommand's defaults would overwrite them."""

    def spec(name: str) -> dict:
        if top:
            return {
                "dest": f"top_{name}",
                "default": argparse.SUPPRESS,
                **({"metavar": name.upper()} if name != "no_offline" else {}),
            }
        return {"default": build_defaults()[name]}

    group.add_argument("--docs", type=Path, help="Markdown folder (default: docs/)", **spec("docs"))
    group.add_argument("--site", type=Path, help="output folder (default: site/)", **spec("site"))
    group.add_argument(
        "--no-offline",
        action="store_true",
        help="skip the offline copy (quicker; the downloads page then offers no zip)",
        **spec("no_offline"),
    )


def with_build_options(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.Namespace:
    """No command is `build`; build options given before the command (or with none) are build's."""
    before = {name: vars(args).pop(f"top_{name}") for name in build_defaults() if f"top_{name}" in vars(args)}
    if before and args.command not in (None, "build"):
        given = ", ".join(f"--{name.replace('_', '-')}" for name in before)
        parser.error(f"{given}: an option of build, not of {args.command}")
    if args.command is None:
        args.command = "build"
    if args.command == "build":
        for name, default in build_defaults().items():
            if getattr(args, name, default) == default:  # one given after `build` wins
                setattr(args, name, before.get(name, default))
    return args


def usage_problem(args: argparse.Namespace) -> str | None:
    """What makes this run impossible before anything is read, in one line: the data folder, the site's address."""
    if problem := data_folder_problem(args.data):
        return (
            f"--data {args.data}: {problem}. Nothing was written; give the data folder (it holds departments.yaml "
            "and editions/)"
        )
    site_url = os.environ.get("PLANSITE_SITE_URL") or None
    if site_url and (problem := site_url_problem(site_url)):
        return (
            f"PLANSITE_SITE_URL {problem}. Nothing was written; give the hosted address, like "
            "https://example.org/plans/ (http or https, a host, an optional path; no query or fragment)"
        )
    return None


def dev_addr(text: str) -> str:
    """`serve --dev-addr`: HOST:PORT with a port from 1 to 65535."""
    host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not HOST:PORT with a port from 1 to 65535 (like 127.0.0.1:8000)")
    return text


def data_folder_problem(folder: Path) -> str | None:
    """Why `--data` names no folder to read, or None."""
    if loops(folder):
        return "it is a symlink loop (a link that leads back to itself)"
    if not folder.exists():
        return "no such folder"
    return None if folder.is_dir() else "it is a file, not a folder"


def read_settings(args: argparse.Namespace, dated: bool = True) -> BuildSettings:
    """The settings of this run, from its arguments and the environment."""
    env_date = os.environ.get("SOURCE_DATE_EPOCH")
    epoch = int(env_date) if env_date else commit_time(ROOT) if dated else None
    return BuildSettings(args.data, site_url=os.environ.get("PLANSITE_SITE_URL") or None, source_date_epoch=epoch)


def cmd_build(args: argparse.Namespace) -> int:
    engine.setup_logging()
    settings = read_settings(args)
    result = pipeline.build(
        ROOT, docs_dir=args.docs, site_dir=args.site, with_offline=not args.no_offline, settings=settings
    )
    print_warnings(result.warnings)
    c = result.changes
    counts = f"{len(c.written)} written, {len(c.removed)} removed, {c.unchanged} unchanged"
    print(f"built {args.site} from {result.pages} pages ({counts})")
    warn_without_address(settings)
    return 0


NO_ADDRESS = (
    "note: PLANSITE_SITE_URL is not set, so citations, previews and the offline copy carry relative links "
    "and no canonical address; set it to the hosted address (PLANSITE_SITE_URL=https://example.org/plans/ make site)"
)


def warn_without_address(settings: BuildSettings) -> None:
    """Said once, at the end: a site built without its address works, but what travels with its
    links (citations, previews, canonical URLs) cannot name it."""
    if not settings.site_url:
        print(NO_ADDRESS, file=sys.stderr)


def cmd_offline(args: argparse.Namespace) -> int:
    engine.setup_logging()
    settings = read_settings(args)
    out = pipeline.offline(ROOT, out=args.out, settings=settings)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB): unzip it and open index.html")
    warn_without_address(settings)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    catalog, warnings = read(args.data)
    print_warnings(warnings)
    for e in catalog.editions:
        print(f"edition {e.id}: {len(e.sections)} sections, {len(e.tasks)} tasks")
        if not e.translated:
            print(f"note: edition {e.id} has no English translation: built from the official Chinese text alone")
    print(f"{len(catalog.departments)} departments, {len(catalog.collectives)} collective mentions: all checks passed")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    check_edition(args.data, args.edition)  # the edition id and the files `check` needs, before anything
    target, report = import_source(args.source, args.data, args.edition, args.lang)
    for line in report:
        print(line)
    print(f"wrote {target}")
    if target.name != "content.en.yaml" and (target.parent / "content.en.yaml").exists():
        print("the official Chinese text: git ignores this file here; `build.py check` now compares the two languages")
    elif target.name != "content.en.yaml":
        print(
            "the official Chinese text: git ignores this file here; with no translation (content.en.yaml) the edition "
            "is built from it alone, its English marked as not translated"
        )
    # After the import proper: the instruments its tasks name by title, proposed for review.
    if proposed := propose_instruments(args.data, args.edition):
        print(proposed)
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    target, count, reviewed = link_editions(args.data, args.old, args.new)
    print(
        f"wrote {target}: {count} links, {reviewed} reviewed, {count - reviewed} to review "
        "(set each review to confirmed, corrected or rejected; unreviewed links are never shown as fact)"
    )
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from plansite.commands.review import report

    catalog, warnings = read(args.data)  # data with errors is refused first, with every problem
    sys.stdout.write(report(catalog))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if args.out == paths.STDOUT:
        args.out = None  # `--out -`: standard output
    if args.out:
        args.out = paths.check_output("--out", args.out, ROOT, args.data, folder=False, example="tasks.json")
    catalog, _ = read(args.data)
    editions = (
        newest_first(catalog.editions)
        if args.edition is None
        else [e for e in catalog.editions if e.id == args.edition]
    )
    if not editions:
        print(f"no edition '{args.edition}'; known: {', '.join(e.id for e in catalog.editions)}", file=sys.stderr)
        return 2
    text = export(catalog, editions[0], args.format)
    if args.out:
        try:
            write_atomic(args.out, text)  # its folder is made if missing; a failed write leaves no half file
        except OSError as exc:
            raise OutputError(f"could not write {args.out}: {oserror_text(exc)}; it was left as it was") from None
    else:
        sys.stdout.write(text)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    args.docs = paths.check_output(
        "--docs",
        args.docs,
        ROOT,
        args.data,
        folder=True,
        example="docs/",
        holds_assets=True,
        others=((ROOT / "site", "the site folder"),),
    )
    engine.setup_logging()
    # Data errors stop it before serving (the first read), with the full list of problems. Dates
    # are not stamped reproducibly here: nothing served is published.
    serve(ROOT, read_settings(args, dated=False), args.docs, args.dev_addr)
    return 0


def print_warnings(problems: list) -> None:
    for p in problems:
        print(p, file=sys.stderr)


COMMANDS = {
    "build": cmd_build,
    "offline": cmd_offline,
    "check": cmd_check,
    "import": cmd_import,
    "link": cmd_link,
    "review": cmd_review,
    "export": cmd_export,
    "serve": cmd_serve,
}
