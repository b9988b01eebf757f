"""`link OLD NEW`: propose each task of NEW its likely predecessor in OLD and write
data/lineage/OLD-NEW.yaml for review, keeping every reviewed decision and every reviewer's comment
of an earlier run. It writes that one file, whole, or nothing: it refuses to run where the write
would lose what a person decided."""

from __future__ import annotations

from pathlib import Path, PurePath

from plansite.catalog import lineagecheck
from plansite.catalog.ids import edition_id_problem
from plansite.catalog.load import load
from plansite.catalog.model import Catalog
from plansite.catalog.problems import DataError, Problem, errors
from plansite.catalog.series import Link
from plansite.catalog.yamlio import read_yaml
from plansite.lineage import reviewfile
from plansite.output.atomic import write_atomic


def link_editions(data_dir: Path, old_id: str, new_id: str) -> tuple[Path, int, int]:
    """Write data/lineage/OLD-NEW.yaml; return the file, how many links it holds and how many are
    reviewed. Refused, writing nothing: an edition id that is no slug or not in the data, OLD = NEW,
    data that does not load, and a lineage file whose decisions the write would lose (its header
    names another pair, or the pair's links sit in another file). A symlinked file is written
    through (the link stays a link). A lineage file's own cross-check problems are `check`'s and do
    not stop it: every reviewed link is kept as it is."""
    from plansite.lineage import propose as lineage

    problems = [Problem(data_dir.name, 0, *problem) for problem in map(edition_id_problem, (old_id, new_id)) if problem]
    if problems:
        raise DataError(problems)
    catalog, load_problems = load(data_dir)
    if errors(load_problems):
        raise DataError(errors(load_problems))
    editions = {e.id: e for e in catalog.editions}
    missing = [
        Problem(
            f"{data_dir.name}/editions/{i}",
            0,
            f"edition '{i}' is not in the data",
            f"known: {', '.join(editions) or 'none'}",
        )
        for i in (old_id, new_id)
        if i not in editions
    ]
    if old_id == new_id:
        missing.append(
            Problem(
                f"{data_dir.name}/editions/{old_id}",
                0,
                "an edition cannot be linked to itself",
                "name an older and a newer edition",
            )
        )
    if missing:
        raise DataError(missing)
    order_problems(catalog, data_dir, old_id, new_id)
    target = data_dir / "lineage" / lineagecheck.file_name(old_id, new_id)
    shown = shown_as(target, data_dir)
    real = writable(target, shown)
    existing = own_links(catalog, real, shown, old_id, new_id)
    links = lineage.merge(lineage.propose(catalog, editions[old_id], editions[new_id], reviewed=existing), existing)
    text = real.read_text(encoding="utf-8-sig") if real.exists() else ""
    starts = [link.origin.line for link in existing if link.origin is not None]
    notes = reviewfile.read_notes(text, starts, reviewfile.header(old_id, new_id))
    write_atomic(real, reviewfile.to_yaml(old_id, new_id, links, notes, was=existing))
    return target, len(links), len([link for link in links if link.review != "unreviewed"])


def order_problems(catalog: Catalog, data_dir: Path, old_id: str, new_id: str) -> None:
    """Refuse lineage that `check` would: OLD issued after NEW, or a pair closing a circle of
    editions with the lineage files already there (A → B when B → A exists)."""
    editions = {e.id: e for e in catalog.editions}
    at = f"{data_dir.name}/editions/{old_id}/plan.yaml"
    old, new = editions[old_id], editions[new_id]
    if (old.issued or old.published) > (new.issued or new.published):  # the day of issue may be unknown
        raise DataError(
            [Problem(at, 0, f"{old_id} was issued after {new_id}", f"run link {new_id} {old_id}: OLD is the earlier")]
        )
    edges: dict[str, set[str]] = {}
    first: dict[tuple[str, str], Link] = {}
    for link in catalog.links:
        edges.setdefault(link.old_edition, set()).add(link.new_edition)
        first.setdefault((link.old_edition, link.new_edition), link)
    back = lineagecheck.path_between(edges, new_id, old_id)
    if back:
        closing = first[(back[0], back[1])]
        raise DataError(
            [
                Problem(
                    closing.origin.file if closing.origin else at,
                    closing.origin.line if closing.origin else 0,
                    f"lineage {old_id} → {new_id} would close a circle of editions ({' → '.join([old_id, *back])})",
                    "lineage runs from the earlier edition to the later: link them in one direction only (editions "
                    "issued on the same day: decide which came first)",
                )
            ]
        )


def shown_as(path: Path, data_dir: Path) -> str:
    """A path as the loader names it in messages (from the data folder's parent)."""
    try:
        return str(path.relative_to(data_dir.parent))
    except ValueError:
        return str(path)


def writable(target: Path, shown: str) -> Path:
    """The file to write: the target, or what a symlinked target points to. Refused: a target that
    exists and is no regular file (a folder, a FIFO), or a symlink to nothing."""
    real = target.resolve() if target.is_symlink() else target
    if target.is_symlink() and not real.exists():
        raise DataError(
            [Problem(shown, 0, f"a symlink to {real}, which does not exist", "point the link at the lineage file")]
        )
    if real.exists() and not real.is_file():
        raise DataError(
            [
                Problem(
                    shown,
                    0,
                    "exists and is not a regular file (a folder, a device or a FIFO)",
                    "move it away: `link` writes the lineage file here",
                )
            ]
        )
    return real


def own_links(catalog: Catalog, real: Path, shown: str, old_id: str, new_id: str) -> list[Link]:
    """The links of the file `link` will rewrite. Refused, so that no decision is lost: a file whose
    header names another pair (its links would be dropped), and links of this pair in another file
    (they would be copied, then live twice)."""
    name = PurePath(shown).name
    problems = []
    if real.exists():
        data = read_yaml(real, shown)
        header = (str(data.get("old_edition")), str(data.get("new_edition"))) if isinstance(data, dict) else None
        if header is not None and header != (old_id, new_id):
            held = [link for link in catalog.links if link.origin and PurePath(link.origin.file).name == name]
            decided = len([link for link in held if link.review != "unreviewed"])
            a, b = header
            problems.append(
                Problem(
                    shown,
                    data.line_of("old_edition"),
                    f"this file holds the lineage between {a} and {b}, not {old_id} and {new_id}: rewriting it would "
                    f"lose its {len(held)} links ({decided} reviewed)",
                    f"if it is the lineage between {a} and {b}, rename it {lineagecheck.file_name(a, b)}; if its "
                    f"old_edition:/new_edition: are wrong, set them to {old_id} and {new_id}; then run link again",
                )
            )
    elsewhere: dict[str, Link] = {}
    for link in catalog.links:
        theirs = link.origin is not None and PurePath(link.origin.file).name != name
        if theirs and (link.old_edition, link.new_edition) == (old_id, new_id):
            elsewhere.setdefault(link.origin.file, link)
    for file, link in sorted(elsewhere.items()):
        problems.append(
            Problem(
                file,
                link.origin.line if link.origin else 0,
                f"links of {old_id} → {new_id} are in {PurePath(file).name}, but `link` writes {name}",
                f"move them into {name} and remove {PurePath(file).name}, then run link again",
            )
        )
    if problems:
        raise DataError(problems)
    return [link for link in catalog.links if link.origin and PurePath(link.origin.file).name == name]
