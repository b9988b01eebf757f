"""Where the tool may write. An output path (`build --docs/--site`, `serve --docs`, `offline --out`,
`export --out`) must never be, hold or lie inside the project or its data, judged after resolving
symlinks, and is checked before anything is written (the path arguments before the data is even
read).

A refused path is a usage error (exit status 2); a failure while writing is an `OutputError`
(exit status 1) whose message says what was left as it was.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from plansite.output.errors import OutputError, oserror_text
from plansite.output.manifest import MANIFEST

# The project's own folders and files, relative to the repository root: never an output, never
# inside one. (docs/ is an output folder: the build writes only its generated pages into it.)
PROJECT_FOLDERS = (
    "data",
    "templates",
    "plansite",
    "tests",
    ".git",
    "bench",
    "scripts",
    ".github",
    ".ci",
    "docs/assets",
)
PROJECT_FILES = (
    "build.py",
    "mkdocs.yml",
    "pyproject.toml",
    "Makefile",
    "README.md",
    "requirements.lock",
    "requirements-test.lock",
    ".gitignore",
)


class Refused(Exception):
    """An output path the tool will not write to; the message is one line. Nothing was touched."""


def protected(root: Path, data_dir: Path | None) -> list[tuple[Path, str]]:
    """The resolved paths no output may touch, each with how a message names it."""
    root = root.resolve()
    found = [
        (
            (root / name).resolve(),
            f"the project's {name}/ folder" if name != "docs/assets" else "the site's own assets, docs/assets/",
        )
        for name in PROJECT_FOLDERS
    ]
    if data_dir is not None and resolved_or_given(data_dir) != (root / "data").resolve():
        found.append((resolved_or_given(data_dir), "the folder given to --data"))
    return found


def relation(path: Path, place: Path) -> str | None:
    """How `path` touches `place` (both resolved): "is", "lies inside", "holds", or None."""
    if path == place:
        return "is"
    if place in path.parents:
        return "lies inside"
    if path in place.parents:
        return "holds"
    return None


def refusal(flag: str, given: Path, relation: str, what: str, where: Path, advice: str) -> Refused:
    return Refused(f"{flag} {given}: refused: it {relation} {what} ({where}). Nothing was written; {advice}")


def advice_for(folder: bool, example: str) -> str:
    return f"choose a folder of its own, such as {example}" if folder else f"choose another file, such as {example}"


STDOUT = Path("-")  # `export --out -`: standard output, as other tools take it


def kind_of(mode: int) -> str:
    """What a file that is not a regular file or a folder is, in words."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file" if not stat.S_ISREG(mode) else "a file"


def resolved(flag: str, given: Path) -> Path:
    """`given` with its symlinks resolved; a symlink loop (or a path the system cannot follow) is refused."""
    try:
        return given.resolve()
    except (RuntimeError, OSError) as exc:  # Python 3.11 raises RuntimeError on a loop
        if isinstance(exc, OSError) and exc.errno != errno.ELOOP:
            raise Refused(f"{flag} {given}: refused: {oserror_text(exc)}. Nothing was written") from None
        raise Refused(
            f"{flag} {given}: refused: it is a symlink loop (a link that leads back to itself). Nothing was written; "
            "remove the link or point it at a real folder or file"
        ) from None


def resolved_or_given(path: Path) -> Path:
    """`path` resolved; as given when it cannot be (a loop is refused when its own flag is checked)."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return path


def check_output(
    flag: str,
    given: Path,
    root: Path,
    data_dir: Path | None,
    *,
    folder: bool,
    example: str,
    others: tuple[tuple[Path, str], ...] = (),
    holds_assets: bool = False,
) -> Path:
    """Refuse an output path that would put the project or its data at risk; return it resolved.

    `folder`: the output is a folder (else a file). `others`: the other output folders in use, with
    how to name them. `holds_assets`: the folder may hold docs/assets (the docs folder does).
    `example`: a path to suggest instead."""
    path = resolved(flag, given)
    root = root.resolve()
    advice = advice_for(folder, example)
    if path == root:
        raise refusal(flag, given, "is", "the repository root", root, advice)
    if path in root.parents:
        raise refusal(flag, given, "holds", "the repository root", root, advice)
    mode = path.stat().st_mode if path.exists() else None
    if folder and mode is not None and not stat.S_ISDIR(mode):
        raise Refused(
            f"{flag} {given}: refused: it is {kind_of(mode)}, not a folder ({path}). Nothing was written; {advice}"
        )
    if not folder and mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        # Writing replaces the path with a new file: a device or FIFO would be destroyed, not written to.
        raise Refused(
            f"{flag} {given}: refused: it is {kind_of(mode)}, not a regular file ({path}), and writing would "
            f"replace it. Nothing was written; {advice}"
        )
    assets = (root / "docs" / "assets").resolve()
    for place, what in [*((resolved_or_given(p), w) for p, w in others), *protected(root, data_dir)]:
        how = relation(path, place)
        if how == "holds" and (not folder or (holds_assets and place == assets)):
            continue  # a file holds nothing (a folder given as a file is refused below)
        if how:
            raise refusal(flag, given, how, what, place, advice)
    if not folder and path.is_dir():
        raise Refused(
            f"{flag} {given}: refused: it is a folder, not a file ({path}). Nothing was written; "
            f"give a file name, such as {given / example}"
        )
    if not folder:
        for name in PROJECT_FILES:
            if path == (root / name).resolve():
                raise refusal(flag, given, "is", f"{name}, a file of the project", path, advice)
    return path


def check_site_folder(flag: str, given: Path, path: Path) -> None:
    """A build replaces its site folder whole: refuse a folder it did not build (one that holds
    files but neither our manifest nor an MkDocs site's sitemap.xml and 404.html)."""

    if (
        not path.is_dir()
        or (path / MANIFEST).is_file()
        or ((path / "sitemap.xml").is_file() and (path / "404.html").is_file())
    ):
        return
    entries = os.listdir(path)
    if entries:
        raise Refused(
            f"{flag} {given}: refused: it is a folder this tool did not build ({path} is not empty and has no "
            f"{MANIFEST}), and a build replaces its site folder whole. Nothing was written; "
            "choose a new or empty folder, such as site/"
        )


def check_writable(folder: Path, name: str) -> None:
    """Fail before the long build, not after it, when a folder cannot be written."""
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{name} ({folder}) is not writable: permission denied. Nothing was written")
