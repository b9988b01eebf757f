"""The commands that write data: `import` (a plan's text into an edition) and `link` (lineage
proposals between two editions). Each writes one file, whole, or nothing."""

from __future__ import annotations

from pathlib import Path

from plansite.catalog import lineagecheck
from plansite.catalog.clause_en import AliasIndex
from plansite.catalog.edition import OFFICIAL_FILE
from plansite.catalog.ids import edition_id_problem
from plansite.catalog.load import load
from plansite.catalog.problems import DataError, Problem, errors
from plansite.catalog.yamlio import dump_yaml
from plansite.importers.english import import_translation
from plansite.output.atomic import write_atomic


def import_source(source: Path, data_dir: Path, edition: str, lang: str = "auto") -> Path:
    """Parse a plan's text into the edition's data; nothing is written on error. English (a
    translation) becomes content.en.yaml; the official Chinese text (as text, or the saved HTML
    page) becomes official.zh.yaml, which git ignores: this repository never ships it."""
    from plansite.importers.chinese import import_official, read_text  # only for Chinese
    from plansite.importers.pagetext import looks_chinese_layout

    catalog, problems = load(data_dir)
    registry_errors = [p for p in errors(problems) if "editions" not in p.file]
    if registry_errors:
        raise DataError(registry_errors)
    if lang == "auto":
        lang = "zh" if looks_chinese_layout(read_text(source, str(source), give=SOURCE_KINDS)) else "en"
    folder = data_dir / "editions" / edition
    if lang == "zh":
        official = import_official(source, str(source), catalog.departments, catalog.collectives)
        for task in official["tasks"]:
            task.pop("line", None)  # a line of the saved page: meaningless once written here
        target = folder / OFFICIAL_FILE
        write_atomic(target, OFFICIAL_HEADER + dump_yaml(official))
        return target
    content = import_translation(source, str(source), AliasIndex(catalog.departments, catalog.collectives))
    target = folder / "content.en.yaml"
    header = (
        "# Written by `python build.py import`: do not edit by hand; fix the translation\n"
        "# (source.en.txt) or data/departments.yaml and import again.\n"
    )
    write_atomic(target, header + dump_yaml(content))
    return target


def link_editions(data_dir: Path, old_id: str, new_id: str) -> tuple[Path, int, int]:
    """Propose each task of NEW its likely predecessor in OLD and write data/lineage/OLD-NEW.yaml,
    keeping every reviewed decision of an earlier run. Returns the file, how many links it holds and
    how many are reviewed. Refused, writing nothing: an edition that does not exist, or data that
    does not load (a lineage file's own cross-check problems are `check`'s, and do not stop it)."""
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
    old, new = editions[old_id], editions[new_id]
    existing = [link for link in catalog.links if (link.old_edition, link.new_edition) == (old_id, new_id)]
    links = lineage.merge(lineage.propose(catalog, old, new, reviewed=existing), existing)
    target = data_dir / "lineage" / lineagecheck.file_name(old_id, new_id)
    write_atomic(target, lineage.to_yaml(old_id, new_id, links))
    return target, len(links), len([link for link in links if link.review != "unreviewed"])


SOURCE_KINDS = "the translation text, or the official Chinese text (as text or the saved web page)"
OFFICIAL_HEADER = """\
# The official Chinese text of the plan, written by `python build.py import` from a copy of the
# official page that you saved. The plansite repository never ships it (git ignores this file): it
# is the publisher's text, not ours. To publish it with your own copy of the site, commit it there
# (`git add -f` this file). Do not edit by hand: import again.
"""
